//! Golden snapshots: the edits `Repairer::embedded().analyze` suggests for
//! every document in `seeds/`, compared with `tests/golden/<seed>.edits.jsonl`.
//!
//! A change to the algorithm shows up here as a readable diff of edits.
//! After checking that the change is intended, regenerate with
//!
//!     UPDATE_GOLDEN=1 cargo test -p ocrmend-core --test golden
//!
//! and commit the snapshots with the change.

use ocrmend_core::{apply_confident, Edit, Repairer, DEFAULT_MIN_CONFIDENCE};
use serde_json::json;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const UPDATE_COMMAND: &str = "UPDATE_GOLDEN=1 cargo test -p ocrmend-core --test golden";
/// How many differing lines a failure shows per seed; enough to see the
/// pattern without burying the summary.
const SHOWN_DIFFS: usize = 8;

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Every seed as (name without `.txt`, path), sorted by name.
fn seeds() -> Vec<(String, PathBuf)> {
    let mut seeds: Vec<(String, PathBuf)> = fs::read_dir(seeds_dir())
        .expect("seeds/ is readable")
        .map(|entry| entry.expect("seeds/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            (name, path)
        })
        .collect();
    seeds.sort();
    seeds
}

/// One edit per line. Confidence is rounded to 2 decimals and alternatives
/// keep only their text, so that small score drifts that change no decision
/// do not churn the snapshots.
fn snapshot(edits: &[Edit]) -> String {
    let mut out = String::new();
    for edit in edits {
        let confidence = (f64::from(edit.confidence) * 100.0).round() / 100.0;
        let alternatives: Vec<&str> = edit
            .alternatives
            .iter()
            .map(|alt| alt.replacement.as_str())
            .collect();
        let line = json!({
            "span": [edit.span.start, edit.span.end],
            "original": edit.original,
            "replacement": edit.replacement,
            "kind": edit.kind.as_str(),
            "confidence": confidence,
            "alternatives": alternatives,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

/// Describes how `actual` differs from `expected`, line by line, for a
/// failure message; `None` when they are equal.
fn describe_diff(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut report = format!(
        "  snapshot has {} edits, analyze now gives {}\n",
        expected.len(),
        actual.len()
    );
    let mut shown = 0;
    for i in 0..expected.len().max(actual.len()) {
        let (old, new) = (expected.get(i), actual.get(i));
        if old == new {
            continue;
        }
        if shown == SHOWN_DIFFS {
            report.push_str("  ... (more differences follow)\n");
            break;
        }
        report.push_str(&format!("  line {}:\n", i + 1));
        report.push_str(&format!("    - {}\n", old.unwrap_or(&"(none)")));
        report.push_str(&format!("    + {}\n", new.unwrap_or(&"(none)")));
        shown += 1;
    }
    Some(report)
}

#[test]
fn seed_edits_match_snapshots() {
    let repairer = Repairer::embedded().expect("embedded dictionaries load");
    let seeds = seeds();
    assert!(!seeds.is_empty(), "no seeds found in {:?}", seeds_dir());

    // The seeds are large and independent: analyse them on all cores.
    let snapshots: Vec<(String, String)> = std::thread::scope(|scope| {
        let handles: Vec<_> = seeds
            .iter()
            .map(|(name, path)| {
                let repairer = &repairer;
                scope.spawn(move || {
                    let text = fs::read_to_string(path).expect("seed is UTF-8");
                    let edits = repairer.analyze(&text);
                    // A snapshot of edits that cannot be applied would pin a bug.
                    apply_confident(&text, &edits, DEFAULT_MIN_CONFIDENCE)
                        .unwrap_or_else(|e| panic!("{name}: confident edits do not apply: {e}"));
                    (name.clone(), snapshot(&edits))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let dir = golden_dir();
    if updating() {
        fs::create_dir_all(&dir).unwrap();
    }
    let mut failures = Vec::new();
    for (name, actual) in &snapshots {
        let path = dir.join(format!("{name}.edits.jsonl"));
        if updating() {
            fs::write(&path, actual).unwrap();
            continue;
        }
        match fs::read_to_string(&path) {
            Err(_) => failures.push(format!("{name}: snapshot {path:?} is missing\n")),
            Ok(expected) => {
                if let Some(diff) = describe_diff(&expected, actual) {
                    failures.push(format!("{name}: edits differ from {path:?}\n{diff}"));
                }
            }
        }
    }

    // A snapshot whose seed is gone would otherwise linger unnoticed.
    let names: BTreeSet<&str> = snapshots.iter().map(|(n, _)| n.as_str()).collect();
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(name) = file.strip_suffix(".edits.jsonl") else {
                continue;
            };
            if !names.contains(name) {
                if updating() {
                    fs::remove_file(&path).unwrap();
                } else {
                    failures.push(format!("{name}: snapshot {path:?} has no seed\n"));
                }
            }
        }
    }

    assert!(
        failures.is_empty(),
        "golden snapshots do not match:\n{}\nIf the change is intended, update them with\n    {UPDATE_COMMAND}\nand review the diff (git diff crates/core/tests/golden) before committing.",
        failures.join("\n")
    );
}

#[test]
fn diff_report_points_at_first_changed_line() {
    let old = "{\"a\":1}\n{\"b\":2}\n";
    let new = "{\"a\":1}\n{\"b\":3}\n{\"c\":4}\n";
    let report = describe_diff(old, new).unwrap();
    assert!(report.contains("snapshot has 2 edits, analyze now gives 3"));
    assert!(report.contains("line 2:\n    - {\"b\":2}\n    + {\"b\":3}"));
    assert!(report.contains("line 3:\n    - (none)\n    + {\"c\":4}"));
    assert!(!report.contains("line 1:"));
    assert_eq!(describe_diff(old, old), None);
}
