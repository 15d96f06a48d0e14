//! Tiers of an evaluation set, from the `manifest.json` beside its ground
//! truth: `{"pages": [{"name": NAME, "tier": TIER}, ...]}`, optionally with
//! `"tier_cer_bands": {TIER: [lo, hi], ...}` giving the tiers' order.

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tiers {
    /// Tier names in the order to report them.
    pub order: Vec<String>,
    /// Document NAME -> tier.
    pub of_doc: HashMap<String, String>,
}

#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    pages: Vec<Page>,
    #[serde(default)]
    tier_cer_bands: Option<KeysInOrder>,
}

#[derive(Deserialize)]
struct Page {
    name: Option<String>,
    tier: Option<String>,
}

/// The keys of a JSON object in the order written (serde_json's own map
/// would sort them, and the bands are written from clean to hard).
struct KeysInOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeysInOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysInOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(KeysInOrder(keys))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

/// The tiers of the set in `gt_dir`: None when it has no manifest or its
/// manifest gives no tiers; an error message when the manifest is broken.
pub fn load(gt_dir: &Path) -> Result<Option<Tiers>, String> {
    let path = gt_dir.join("manifest.json");
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let manifest: Manifest =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut tiers = Tiers::default();
    for page in manifest.pages {
        if let (Some(name), Some(tier)) = (page.name, page.tier) {
            if !tiers.order.contains(&tier) {
                tiers.order.push(tier.clone());
            }
            tiers.of_doc.insert(name, tier);
        }
    }
    if tiers.of_doc.is_empty() {
        return Ok(None);
    }
    if let Some(KeysInOrder(bands)) = manifest.tier_cer_bands {
        // Banded tiers first, in the bands' order; any others after, as met.
        tiers
            .order
            .sort_by_key(|tier| bands.iter().position(|b| b == tier).unwrap_or(usize::MAX));
    }
    Ok(Some(tiers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Option<Tiers>, String> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("manifest.json"), text).unwrap();
        load(dir.path())
    }

    #[test]
    fn tiers_in_band_order() {
        let tiers = load_text(
            r#"{"tier_cer_bands": {"clean": [0, 0.01], "medium": [0.02, 0.05], "hard": [0.06, 1]},
                "pages": [{"name": "p1", "tier": "hard"}, {"name": "p2", "tier": "odd"},
                          {"name": "p3", "tier": "clean"}, {"name": "p4"}]}"#,
        )
        .unwrap()
        .unwrap();
        assert_eq!(tiers.order, ["clean", "hard", "odd"]);
        assert_eq!(tiers.of_doc["p1"], "hard");
        assert!(!tiers.of_doc.contains_key("p4"));
    }

    #[test]
    fn tiers_as_met_without_bands() {
        let tiers =
            load_text(r#"{"pages": [{"name": "a", "tier": "y"}, {"name": "b", "tier": "x"}]}"#)
                .unwrap()
                .unwrap();
        assert_eq!(tiers.order, ["y", "x"]);
    }

    #[test]
    fn no_tiers_no_manifest_or_broken() {
        assert_eq!(load_text(r#"{"pages": [{"name": "a"}]}"#), Ok(None));
        assert_eq!(load_text(r#"{"set": "dev"}"#), Ok(None));
        assert!(load_text("{").is_err());
        assert_eq!(load(tempfile::tempdir().unwrap().path()), Ok(None));
    }
}
