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
use serde::Serialize;
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

/// One snapshot line. Confidence is rounded to 2 decimals and alternatives
/// keep only their text, so that small score drifts that change no decision
/// do not churn the snapshots.
#[derive(Serialize)]
struct SnapshotEdit<'a> {
    span: [usize; 2],
    original: &'a str,
    replacement: &'a str,
    kind: &'static str,
    confidence: f64,
    alternatives: Vec<&'a str>,
}

/// One edit per line, in analyze's order (by span).
fn snapshot(edits: &[Edit]) -> String {
    let mut out = String::new();
    for edit in edits {
        let line = SnapshotEdit {
            span: [edit.span.start, edit.span.end],
            original: &edit.original,
            replacement: &edit.replacement,
            kind: edit.kind.as_str(),
            confidence: (f64::from(edit.confidence) * 100.0).round() / 100.0,
            alternatives: edit
                .alternatives
                .iter()
                .map(|a| a.replacement.as_str())
                .collect(),
        };
        out.push_str(&serde_json::to_string(&line).unwrap());
        out.push('\n');
    }
    out
}

/// The span of a snapshot line, the key lines are matched by.
fn span_of(line: &str) -> Option<(u64, u64)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let span = value.get("span")?;
    Some((span.get(0)?.as_u64()?, span.get(1)?.as_u64()?))
}

/// Describes how `actual` differs from `expected` for a failure message;
/// `None` when they are equal. Lines are matched by span (both sides are
/// sorted by it), so one added edit shows as one added line rather than
/// shifting every line after it.
fn describe_diff(expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    let key = |lines: &[&str], i: usize| lines.get(i).map(|l| span_of(l).unwrap_or((u64::MAX, 0)));
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added, mut changed) = (0, 0, 0);
    let mut shown = Vec::new();
    while i < old.len() || j < new.len() {
        let (a, b) = (key(&old, i), key(&new, j));
        let line = match (a, b) {
            (Some(a), Some(b)) if a == b => {
                let same = old[i] == new[j];
                let line = (!same).then(|| {
                    changed += 1;
                    format!("  changed:\n    - {}\n    + {}\n", old[i], new[j])
                });
                i += 1;
                j += 1;
                line
            }
            (Some(_), _) if b.is_none() || a < b => {
                removed += 1;
                i += 1;
                Some(format!("  gone:\n    - {}\n", old[i - 1]))
            }
            _ => {
                added += 1;
                j += 1;
                Some(format!("  new:\n    + {}\n", new[j - 1]))
            }
        };
        if let Some(line) = line {
            if shown.len() < SHOWN_DIFFS {
                shown.push(line);
            }
        }
    }
    let mut report = format!(
        "  snapshot has {} edits, analyze now gives {}: {changed} changed, {removed} gone, {added} new\n",
        old.len(),
        new.len()
    );
    report.push_str(&shown.concat());
    if changed + removed + added > shown.len() {
        report.push_str("  ... (more differences follow)\n");
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
fn diff_report_matches_edits_by_span() {
    let line = |start: usize, replacement: &str| {
        format!(
            "{{\"span\":[{start},{}],\"replacement\":\"{replacement}\"}}\n",
            start + 2
        )
    };
    let old = [line(0, "a"), line(10, "b"), line(20, "c"), line(30, "d")].concat();
    let new = [line(0, "a"), line(5, "x"), line(10, "b"), line(20, "C")].concat();
    let report = describe_diff(&old, &new).unwrap();
    assert!(
        report.contains("4 edits, analyze now gives 4: 1 changed, 1 gone, 1 new"),
        "{report}"
    );
    let expected = format!(
        "  new:\n    + {}  changed:\n    - {}    + {}  gone:\n    - {}",
        line(5, "x"),
        line(20, "c"),
        line(20, "C"),
        line(30, "d")
    );
    assert!(report.ends_with(&expected), "{report}");
    assert_eq!(describe_diff(&old, &old), None);
}

/// The book's own terms, printed again and again, stay as printed: the
/// Russian `volost` (a rural district) is no `votes`, the German `zur` of
/// its bibliography no `our`, though the habits the first pass learns from
/// the book's misreadings make either reading cheap. Read from the snapshot,
/// which `seed_edits_match_snapshots` holds to the analysis.
#[test]
fn seed_000_keeps_its_own_repeated_terms() {
    let snapshot = fs::read_to_string(golden_dir().join("000_bfe484e0bb546434.edits.jsonl"))
        .expect("seed 000 snapshot is readable");
    for line in snapshot.lines() {
        let edit: serde_json::Value = serde_json::from_str(line).expect("snapshot line is JSON");
        let applied = edit["confidence"].as_f64().unwrap() >= f64::from(DEFAULT_MIN_CONFIDENCE);
        let original = edit["original"].as_str().unwrap();
        assert!(
            !(applied && matches!(original, "volost" | "zur")),
            "seed 000 applies {line}"
        );
    }
}
