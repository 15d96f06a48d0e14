//! End-to-end checks that case files express badly: directory listings after
//! in-place runs, big generated inputs, parallel ordering, closed pipes.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn ocrmend() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ocrmend"))
}

fn run(args: &[&str], cwd: &Path) -> Output {
    ocrmend()
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("run ocrmend")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn in_place_is_atomic_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for i in 0..12 {
        let name = format!("page{i:02}.txt");
        let text = if i % 3 == 0 {
            format!("Page {i} has nothing to repair.\n")
        } else {
            expected.push(format!("{name}.orig"));
            format!("On page {i} we found sorne old papers.\r\n")
        };
        fs::write(dir.path().join(&name), text).unwrap();
        expected.push(name);
    }
    expected.sort();
    let out = run(&["repair", "--in-place", "-j", "3", "."], dir.path());
    assert!(out.status.success(), "{out:?}");
    assert!(out.stdout.is_empty());
    // Exactly the inputs plus backups of the changed ones: no temp files.
    assert_eq!(listing(dir.path()), expected);
    let repaired = fs::read_to_string(dir.path().join("page01.txt")).unwrap();
    assert_eq!(repaired, "On page 1 we found some old papers.\r\n");
    let backup = fs::read_to_string(dir.path().join("page01.txt.orig")).unwrap();
    assert_eq!(backup, "On page 1 we found sorne old papers.\r\n");
    let clean = fs::read_to_string(dir.path().join("page00.txt")).unwrap();
    assert_eq!(clean, "Page 0 has nothing to repair.\n");
}

#[test]
fn parallel_output_keeps_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["repair".to_owned(), "-j".into(), "4".into()];
    let mut expected = String::new();
    for i in 0..40 {
        // Uneven sizes so that workers finish out of order.
        let name = format!("f{i}.txt");
        let filler = format!("{i}, ").repeat((i * 7) % 13 + 1);
        fs::write(
            dir.path().join(&name),
            format!("File {i} has sorne text. {filler}\n"),
        )
        .unwrap();
        expected.push_str(&format!("File {i} has some text. {filler}\n"));
        args.push(name);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, dir.path());
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let mut one_job = args.clone();
    one_job[2] = "1";
    let out = run(&one_job, dir.path());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);

    let mut json_args = args.clone();
    json_args.extend(["--format", "json"]);
    let out = run(&json_args, dir.path());
    let files: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["type"] == "summary")
        .map(|r| r["data"]["file"].as_str().unwrap().to_owned())
        .collect();
    let names: Vec<String> = (0..40).map(|i| format!("f{i}.txt")).collect();
    assert_eq!(files, names);
}

#[test]
fn usage_errors_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "sorne\n").unwrap();
    fs::write(dir.path().join("b.txt"), "sorne\n").unwrap();
    for args in [
        &["repair", "--in-place", "-"][..],
        &["repair", "--out-dir", "out", "-"],
        &["repair", "-o", "x.txt", "a.txt", "b.txt"],
        &["repair", "--in-place", "a.txt", "./a.txt"],
        &["repair", "--no-backup", "a.txt"],
        &["repair", "--min-confidence", "2", "a.txt"],
        &["repair", "-j", "0", "a.txt"],
        &["repair", "--format", "xml", "a.txt"],
        &["repair", "-", "-"],
    ] {
        let out = run(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(listing(dir.path()), ["a.txt", "b.txt"]);
}

#[cfg(unix)]
#[test]
fn hard_link_to_input_is_refused_as_output() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "sorne\n").unwrap();
    fs::hard_link(dir.path().join("a.txt"), dir.path().join("link.txt")).unwrap();
    let out = run(&["repair", "-o", "link.txt", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        "sorne\n"
    );
}

#[test]
fn closed_stdout_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..100_000).map(|i| format!("{i}, {}\n", i * 7)).collect();
    fs::write(
        dir.path().join("a.txt"),
        format!("We found sorne old papers.\n{rows}"),
    )
    .unwrap();
    let mut child = ocrmend()
        .args(["repair", "a.txt"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = [0u8; 16];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(&head, b"We found some ol");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn closed_stdout_while_writing_files_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..10 {
        fs::write(dir.path().join(format!("{i}.txt")), "sorne\n").unwrap();
    }
    let mut child = ocrmend()
        .args([
            "repair",
            "--format",
            "json",
            "--out-dir",
            "out",
            "-j",
            "1",
            ".",
        ])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before the first record: the run stops, and must not claim
    // success when inputs were left unwritten.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("standard output was closed"), "{stderr}");
}

/// A document of about `size` bytes with CRLF lines, no final newline, and
/// one sentence with an obvious OCR error (and a multibyte char) every
/// `sentence_every` lines; the other lines are numeric table rows.
fn big_document(size: usize, sentence_every: usize) -> String {
    let mut text = String::with_capacity(size + 100);
    let mut i = 0;
    while text.len() < size {
        if i % sentence_every == 0 {
            text.push_str(&format!(
                "Entry {i}: the clerk kept sorne old papers in box {}.\r\n",
                i % 97
            ));
        } else {
            text.push_str(&format!("{i}, {}, {}; {}.\r\n", i * 7, i % 13, i % 97));
        }
        i += 1;
    }
    text.push_str("The end \u{2014} é");
    text
}

fn check_big_file(size: usize, sentence_every: usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = big_document(size, sentence_every);
    fs::write(dir.path().join("big.txt"), &input).unwrap();
    let started = Instant::now();
    let out = ocrmend()
        .args(["repair", "--format", "json", "-o", "fixed.txt", "big.txt"])
        .current_dir(dir.path())
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    eprintln!("{} bytes repaired in {:?}", input.len(), started.elapsed());
    assert!(out.status.success(), "{:?}", out.status);

    let fixed = fs::read_to_string(dir.path().join("fixed.txt")).unwrap();
    // Every change is an applied edit, and all else is kept byte for byte:
    // re-applying the reported applied edits to the input gives the output.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut rebuilt = String::with_capacity(input.len());
    let mut cursor = 0;
    let mut applied = 0;
    let mut summary = None;
    for line in stdout.lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let data = &record["data"];
        match record["type"].as_str() {
            Some("edit") if data["applied"] == true => {
                let start = data["span"]["start"].as_u64().unwrap() as usize;
                let end = data["span"]["end"].as_u64().unwrap() as usize;
                assert_eq!(&input[start..end], data["original"].as_str().unwrap());
                rebuilt.push_str(&input[cursor..start]);
                rebuilt.push_str(data["replacement"].as_str().unwrap());
                cursor = end;
                applied += 1;
            }
            Some("summary") => summary = Some(data.clone()),
            _ => {}
        }
    }
    rebuilt.push_str(&input[cursor..]);
    assert_eq!(rebuilt, fixed);
    let summary = summary.expect("a summary record");
    assert_eq!(summary["bytes"].as_u64().unwrap() as usize, input.len());
    assert_eq!(summary["applied"].as_u64().unwrap(), applied);
    // The repair did happen, line endings were kept, the end is untouched.
    assert!(applied > 0);
    assert_eq!(fixed.matches("\r\n").count(), input.matches("\r\n").count());
    assert!(fixed.ends_with("\r\nThe end \u{2014} é"));
}

/// Runs always. Word analysis in a debug build is a few hundred times slower
/// than in release, so sentences are sparse here: this checks the CLI's own
/// handling of a big file (reading, offsets, JSON, atomic write), which is
/// linear in the size whatever the content.
#[test]
fn five_megabyte_file() {
    check_big_file(5 << 20, 1000);
}

#[test]
#[ignore = "minutes in a debug build; run: cargo test --release -p ocrmend-cli --test repair -- --ignored"]
fn hundred_megabyte_file() {
    check_big_file(100 << 20, 2);
}

#[test]
fn stdin_to_stdout_round_trip_of_clean_text_is_identity() {
    let text = "Nothing to repair here.\r\n\r\n  Indented, tabs\tand trailing spaces  \n";
    let mut child = ocrmend()
        .arg("repair")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
}
