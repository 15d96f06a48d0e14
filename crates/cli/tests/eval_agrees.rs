//! `ocrmend eval` gives score.py's figures on the real evaluation sets
//! (../shared/eval beside the repository, or $OCRMEND_SHARED/eval): the
//! OCR alone, the OCR with the files `ocrmend repair` writes, and the OCR
//! repaired in memory. Skipped, with a notice, when the sets or python3
//! are not there.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const SETS: [&str; 3] = ["seed000-dev", "overproof-dev", "tess-dev"];

/// Fields that describe the run rather than score it.
const NOT_FIGURES: [&str; 13] = [
    "scorer",
    "scorer_version",
    "rules",
    "backend",
    "rapidfuzz_version",
    "gt",
    "hyp",
    "ocr",
    "gt_file",
    "hyp_file",
    "ocr_file",
    "docs",
    "name",
];

fn eval_dir() -> PathBuf {
    match std::env::var_os("OCRMEND_SHARED") {
        Some(shared) => PathBuf::from(shared).join("eval"),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"),
    }
}

fn has_python() -> bool {
    Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

fn run_json(program: &Path, args: &[&str]) -> Value {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {args:?} failed: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn score_py(eval: &Path, args: &[&str]) -> Value {
    let script = eval.join("score.py");
    let mut all = vec![script.to_str().unwrap()];
    all.extend_from_slice(args);
    all.push("--json");
    run_json(Path::new("python3"), &all)
}

fn ocrmend_eval(args: &[&str]) -> Value {
    let mut all = vec!["eval"];
    all.extend_from_slice(args);
    all.push("--json");
    run_json(Path::new(env!("CARGO_BIN_EXE_ocrmend")), &all)
}

/// Every figure score.py gives in `expected` is in `actual`, equal
/// (rates to the last bit but for rounding noise). Returns the mismatches.
fn compare(label: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, want) in expected.as_object().expect("an object") {
        if NOT_FIGURES.contains(&key.as_str()) {
            continue;
        }
        let got = &actual[key];
        let same = match (want.as_f64(), got.as_f64()) {
            (Some(w), Some(g)) if want.is_f64() || got.is_f64() => {
                (w - g).abs() <= 1e-12 * w.abs().max(1.0)
            }
            _ => want == got,
        };
        if !same {
            problems.push(format!("{label}: {key}: score.py {want}, ocrmend {got}"));
        }
    }
    problems
}

/// The whole run and every document.
fn compare_runs(label: &str, expected: &Value, actual: &Value) -> Vec<String> {
    let mut problems = compare(label, expected, actual);
    let (want_docs, got_docs) = (expected["docs"].as_array(), actual["docs"].as_array());
    let (want_docs, got_docs) = (want_docs.unwrap(), got_docs.unwrap());
    let names =
        |docs: &[Value]| -> Vec<String> { docs.iter().map(|d| d["name"].to_string()).collect() };
    if names(want_docs) != names(got_docs) {
        problems.push(format!("{label}: not the same documents"));
        return problems;
    }
    for (want, got) in want_docs.iter().zip(got_docs) {
        problems.extend(compare(&format!("{label} {}", want["name"]), want, got));
    }
    problems
}

/// score.py has no tiers and no better/worse counts: sums of its
/// per-document figures stand for them.
fn compare_derived(
    label: &str,
    expected: &Value,
    actual: &Value,
    tiers: &HashMap<String, String>,
) -> Vec<String> {
    let docs = expected["docs"].as_array().unwrap();
    let worse = |docs: &[&Value]| {
        docs.iter()
            .filter(|d| d["char_errors"].as_u64() > d["char_errors_before"].as_u64())
            .count()
    };
    let better = |docs: &[&Value]| {
        docs.iter()
            .filter(|d| d["char_errors"].as_u64() < d["char_errors_before"].as_u64())
            .count()
    };
    let all: Vec<&Value> = docs.iter().collect();
    let mut problems = Vec::new();
    let mut check = |what: String, want: u64, got: &Value| {
        if got.as_u64() != Some(want) {
            problems.push(format!(
                "{label}: {what}: score.py's documents give {want}, ocrmend {got}"
            ));
        }
    };
    check(
        "docs_worse".into(),
        worse(&all) as u64,
        &actual["docs_worse"],
    );
    check(
        "docs_better".into(),
        better(&all) as u64,
        &actual["docs_better"],
    );
    let got_tiers = actual["tiers"].as_array().cloned().unwrap_or_default();
    let mut tier_names: Vec<&String> = tiers.values().collect();
    tier_names.sort();
    tier_names.dedup();
    assert_eq!(got_tiers.len(), tier_names.len(), "{label}: tiers");
    for got in &got_tiers {
        let tier = got["tier"].as_str().unwrap();
        let members: Vec<&Value> = docs
            .iter()
            .filter(|d| tiers.get(d["name"].as_str().unwrap()).map(String::as_str) == Some(tier))
            .collect();
        check(
            format!("{tier} n_docs"),
            members.len() as u64,
            &got["n_docs"],
        );
        check(
            format!("{tier} docs_worse"),
            worse(&members) as u64,
            &got["docs_worse"],
        );
        for key in [
            "gt_chars",
            "gt_words",
            "char_errors",
            "word_errors",
            "char_errors_before",
            "word_errors_before",
            "fixed",
            "broken",
            "changed_still_wrong",
            "unchanged_still_wrong",
            "right_both",
        ] {
            let sum: u64 = members.iter().map(|d| d[key].as_u64().unwrap()).sum();
            check(format!("{tier} {key}"), sum, &got[key]);
        }
    }
    problems
}

/// NAME -> tier from the set's manifest, if it has one.
fn manifest_tiers(set: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(set.join("manifest.json")) else {
        return HashMap::new();
    };
    let manifest: Value = serde_json::from_str(&text).unwrap();
    manifest["pages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some((
                p["name"].as_str()?.to_owned(),
                p["tier"].as_str()?.to_owned(),
            ))
        })
        .collect()
}

#[test]
fn eval_agrees_with_score_py() {
    let eval = eval_dir();
    if !eval.join("score.py").is_file() {
        eprintln!("NOTICE: skipped: no evaluation sets at {}", eval.display());
        return;
    }
    if !has_python() {
        eprintln!("NOTICE: skipped: python3 is not available to run score.py");
        return;
    }
    let mut problems = Vec::new();
    for name in SETS {
        let set = eval.join(name);
        assert!(set.is_dir(), "{} is missing", set.display());
        let set_arg = set.to_str().unwrap();

        // The hypotheses, as a user would make them.
        let out = tempfile::tempdir().unwrap();
        let mut ocr_files: Vec<PathBuf> = std::fs::read_dir(&set)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".ocr.txt"))
            .collect();
        ocr_files.sort();
        let status = Command::new(env!("CARGO_BIN_EXE_ocrmend"))
            .arg("repair")
            .arg("--out-dir")
            .arg(out.path())
            .args(&ocr_files)
            .status()
            .unwrap();
        assert!(status.success(), "ocrmend repair failed on {name}");
        let out_arg = out.path().to_str().unwrap();

        let alone = [
            "--gt",
            set_arg,
            "--hyp",
            set_arg,
            "--hyp-suffix",
            ".ocr.txt",
        ];
        let expected = score_py(&eval, &alone);
        problems.extend(compare_runs(
            &format!("{name} OCR alone"),
            &expected,
            &ocrmend_eval(&alone),
        ));

        let report_py = out.path().join("words.py.tsv");
        let report_rs = out.path().join("words.rs.tsv");
        let with_ocr = [
            "--gt",
            set_arg,
            "--ocr",
            set_arg,
            "--ocr-suffix",
            ".ocr.txt",
        ];
        let with_hyp = [
            &with_ocr[..],
            &["--hyp", out_arg, "--hyp-suffix", ".ocr.txt"],
        ]
        .concat();
        let expected = score_py(
            &eval,
            &[
                &with_hyp[..],
                &["--word-report", report_py.to_str().unwrap()],
            ]
            .concat(),
        );
        let actual = ocrmend_eval(
            &[
                &with_hyp[..],
                &["--word-report", report_rs.to_str().unwrap()],
            ]
            .concat(),
        );
        let label = format!("{name} repaired files");
        problems.extend(compare_runs(&label, &expected, &actual));
        problems.extend(compare_derived(
            &label,
            &expected,
            &actual,
            &manifest_tiers(&set),
        ));
        if std::fs::read(&report_py).unwrap() != std::fs::read(&report_rs).unwrap() {
            problems.push(format!("{label}: the word reports differ"));
        }

        // Repairing in memory must score exactly as the written files.
        let in_memory = ocrmend_eval(&with_ocr);
        problems.extend(compare_runs(
            &format!("{name} in memory"),
            &expected,
            &in_memory,
        ));
        println!(
            "{name}: CER {:.4} -> {:.4}, fixed {}, broken {}: score.py and ocrmend eval agree",
            expected["cer_before"].as_f64().unwrap(),
            expected["cer_after"].as_f64().unwrap(),
            expected["fixed"],
            expected["broken"]
        );
    }
    assert!(
        problems.is_empty(),
        "{} disagreement(s):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
