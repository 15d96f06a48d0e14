//! For every seed document, the suggestions the page receives (the columns
//! of `Document`, built by the same code the browser runs) are the core's
//! edits, which are what `ocrmend repair --format json` prints, with each
//! span converted to the UTF-16 range holding the same text.

use ocrmend_core::{EditKind, Repairer};
use ocrmend_wasm::{edit_kinds, Analysis, Document};
use std::path::PathBuf;

fn seeds() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no seeds in {}", dir.display());
    paths
}

#[test]
fn suggestions_equal_core_edits_for_every_seed() {
    let repairer = Repairer::embedded().unwrap();
    let kinds = edit_kinds();
    for path in seeds() {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let expected = repairer.analyze(&text);
        // Analysing is the slow part (and debug builds are slow): analyse each
        // seed once, and check that `Document::new` (the constructor the page
        // calls) analyses the same way on the smaller seeds.
        if text.len() < 100_000 {
            let direct = Document::new(text.clone(), vec![], "auto")
                .unwrap_or_else(|_| panic!("{name}: Document::new failed"));
            assert_eq!(direct.originals().len(), expected.len(), "{name}");
            assert_eq!(
                direct.starts(),
                Document::from(Analysis::from_edits(text.clone(), expected.clone())).starts()
            );
        }
        let doc = Document::from(Analysis::from_edits(text.clone(), expected.clone()));
        let units: Vec<u16> = text.encode_utf16().collect();
        let (starts, ends) = (doc.starts(), doc.ends());
        let (kind_codes, confidences) = (doc.kinds(), doc.confidences());
        let (originals, replacements) = (doc.originals(), doc.replacements());
        let (alt_offsets, alt_repl, alt_conf) = (
            doc.alternative_offsets(),
            doc.alternative_replacements(),
            doc.alternative_confidences(),
        );
        assert_eq!(doc.count() as usize, expected.len(), "{name}: count");
        assert_eq!(alt_offsets.len(), expected.len() + 1, "{name}");
        for (i, edit) in expected.iter().enumerate() {
            let at = format!("{name}: suggestion {i} ({})", edit.span);
            let js_text = String::from_utf16(&units[starts[i] as usize..ends[i] as usize]).unwrap();
            assert_eq!(js_text, edit.original, "{at}: UTF-16 span holds other text");
            assert_eq!(originals[i], edit.original, "{at}");
            assert_eq!(replacements[i], edit.replacement, "{at}");
            assert_eq!(kinds[kind_codes[i] as usize], edit.kind.as_str(), "{at}");
            assert_eq!(confidences[i], edit.confidence, "{at}");
            let range = alt_offsets[i] as usize..alt_offsets[i + 1] as usize;
            let alts: Vec<(&str, f32)> = alt_repl[range.clone()]
                .iter()
                .map(String::as_str)
                .zip(alt_conf[range].iter().copied())
                .collect();
            let want: Vec<(&str, f32)> = edit
                .alternatives
                .iter()
                .map(|a| (a.replacement.as_str(), a.confidence))
                .collect();
            assert_eq!(alts, want, "{at}: alternatives");
        }
        // Accepting every non-flag suggestion gives what the core applies.
        let chosen: Vec<u32> = (0..expected.len() as u32)
            .filter(|&i| !expected[i as usize].is_flag())
            .collect();
        let repl = chosen
            .iter()
            .map(|&i| expected[i as usize].replacement.clone())
            .collect();
        let applied = doc
            .apply(chosen, repl)
            .unwrap_or_else(|_| panic!("{name}: apply failed"));
        assert_eq!(
            applied,
            ocrmend_core::apply_confident(&text, &expected, 0.0).unwrap(),
            "{name}: applying every suggestion"
        );
    }
    assert_eq!(kinds.len(), EditKind::ALL.len());
}
