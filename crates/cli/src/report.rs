//! What `repair` prints on stdout besides repaired text: JSON Lines records
//! (see docs/json-format.md) and unified diffs.

use ocrmend_core::Edit;
use serde::Serialize;
use similar::{Algorithm, TextDiff};
use std::io::{self, Write};
use std::time::Duration;

/// One JSON Lines record, in the style of ripgrep's `--json`:
/// `{"type": "...", "data": {...}}`.
#[derive(Serialize, Debug)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum Record<'a> {
    Edit(EditData<'a>),
    Summary(SummaryData<'a>),
    Error(ErrorData<'a>),
}

/// The wire format is ours, not the core's serde derive, so that a change in
/// the core cannot silently change what scripts parse.
#[derive(Serialize, Debug)]
pub struct EditData<'a> {
    pub file: &'a str,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    pub original: &'a str,
    pub replacement: &'a str,
    pub kind: &'static str,
    pub confidence: f32,
    pub alternatives: Vec<AlternativeData<'a>>,
    pub applied: bool,
}

#[derive(Serialize, Debug)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize, Debug)]
pub struct AlternativeData<'a> {
    pub replacement: &'a str,
    pub confidence: f32,
}

#[derive(Serialize, Debug)]
pub struct SummaryData<'a> {
    pub file: &'a str,
    /// How the input was read: `text`, `hocr`, `alto` or `page`.
    pub format: &'a str,
    /// Every edit reported, flags and low-confidence ones included.
    pub edits: usize,
    pub applied: usize,
    /// Size of the input in bytes.
    pub bytes: usize,
}

#[derive(Serialize, Debug)]
pub struct ErrorData<'a> {
    pub file: &'a str,
    pub message: &'a str,
}

pub fn write_record(out: &mut impl Write, record: &Record<'_>) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

/// Whether the CLI applies `edit`; must agree with `apply_confident`.
pub fn is_applied(edit: &Edit, min_confidence: f32) -> bool {
    edit.confidence >= min_confidence && !edit.is_flag()
}

/// Edit records then the summary for one file. `edits` are sorted spans into
/// `text`; line/column counting starts at `body_start` (after a BOM).
#[allow(clippy::too_many_arguments)]
pub fn json_records(
    out: &mut impl Write,
    file: &str,
    format: &str,
    text: &str,
    body_start: usize,
    input_len: usize,
    edits: &[Edit],
    min_confidence: f32,
) -> io::Result<()> {
    let mut cursor = LineCursor::new(text, body_start);
    let mut applied = 0;
    for edit in edits {
        let (line, column) = cursor.position(edit.span.start);
        let is_applied = is_applied(edit, min_confidence);
        applied += usize::from(is_applied);
        let record = Record::Edit(EditData {
            file,
            span: Span {
                start: edit.span.start,
                end: edit.span.end,
            },
            line,
            column,
            original: &edit.original,
            replacement: &edit.replacement,
            kind: edit.kind.as_str(),
            confidence: edit.confidence,
            alternatives: edit
                .alternatives
                .iter()
                .map(|a| AlternativeData {
                    replacement: &a.replacement,
                    confidence: a.confidence,
                })
                .collect(),
            applied: is_applied,
        });
        write_record(out, &record)?;
    }
    write_record(
        out,
        &Record::Summary(SummaryData {
            file,
            format,
            edits: edits.len(),
            applied,
            bytes: input_len,
        }),
    )
}

/// Maps byte offsets to 1-based (line, column) with columns in chars.
/// Lines end at LF (so CRLF counts once; a lone CR does not end a line).
/// Queries are expected in ascending order, which makes a whole file's worth
/// linear even when the file is one 100 MB line.
pub struct LineCursor<'a> {
    text: &'a str,
    start: usize,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str, start: usize) -> Self {
        Self {
            text,
            start,
            pos: start,
            line: 1,
            column: 1,
        }
    }

    /// The position of byte `offset`, which must be a char boundary.
    pub fn position(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.clamp(self.start, self.text.len());
        if offset < self.pos {
            // Out-of-order query: start again rather than give a wrong answer.
            *self = Self::new(self.text, self.start);
        }
        let segment = self.text.get(self.pos..offset).unwrap_or("");
        match segment.rfind('\n') {
            Some(last) => {
                self.line += segment.bytes().filter(|&b| b == b'\n').count();
                self.column = 1 + segment[last + 1..].chars().count();
            }
            None => self.column += segment.chars().count(),
        }
        self.pos = offset;
        (self.line, self.column)
    }
}

/// A unified diff of `old` against `new` with `--- a/NAME` / `+++ b/NAME`
/// headers; empty when they are equal.
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    // Patience anchors on unique lines, which OCR text is full of, so big
    // documents with many scattered repairs diff in near-linear time; the
    // timeout bounds pathological inputs (the diff stays correct, only less
    // minimal).
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .timeout(Duration::from_secs(10))
        .diff_lines(old, new);
    diff.unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocrmend_core::{Alternative, ByteSpan, EditKind};

    fn edit(text: &str, original: &str, replacement: &str, confidence: f32) -> Edit {
        let start = text.find(original).unwrap();
        Edit {
            span: ByteSpan::new(start, start + original.len()),
            original: original.into(),
            replacement: replacement.into(),
            kind: EditKind::Confusion,
            confidence,
            alternatives: vec![],
        }
    }

    #[test]
    fn line_and_column_count_chars_not_bytes() {
        let text = "héllo wörld\nçà sorne\r\nx";
        let mut c = LineCursor::new(text, 0);
        assert_eq!(c.position(0), (1, 1));
        assert_eq!(c.position(text.find("wörld").unwrap()), (1, 7));
        assert_eq!(c.position(text.find("sorne").unwrap()), (2, 4));
        // CRLF is one line end; the CR belongs to line 2.
        assert_eq!(c.position(text.find('\r').unwrap()), (2, 9));
        assert_eq!(c.position(text.find('x').unwrap()), (3, 1));
        assert_eq!(c.position(text.len()), (3, 2));
    }

    #[test]
    fn line_cursor_handles_out_of_order_and_lone_cr() {
        let text = "a\rb\nc";
        let mut c = LineCursor::new(text, 0);
        assert_eq!(c.position(4), (2, 1));
        assert_eq!(c.position(2), (1, 3));
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{FEFF}sorne";
        let mut c = LineCursor::new(text, 3);
        assert_eq!(c.position(3), (1, 1));
        assert_eq!(c.position(4), (1, 2));
    }

    #[test]
    fn json_records_report_every_edit_and_mark_applied() {
        let text = "ab\nwé sorne aIl x";
        let mut low = edit(text, "aIl", "all", 0.3);
        low.alternatives = vec![Alternative {
            replacement: "ail".into(),
            confidence: 0.25,
        }];
        let mut flag = edit(text, "x", "x", 0.9);
        flag.kind = EditKind::Garbled;
        let edits = vec![edit(text, "sorne", "some", 0.9), low, flag];
        let mut out = Vec::new();
        json_records(
            &mut out,
            "d/f.txt",
            "text",
            text,
            0,
            text.len(),
            &edits,
            0.6,
        )
        .unwrap();
        let lines: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4);
        let first = &lines[0];
        assert_eq!(first["type"], "edit");
        let data = &first["data"];
        assert_eq!(data["file"], "d/f.txt");
        assert_eq!(data["span"]["start"], 7);
        assert_eq!(data["span"]["end"], 12);
        assert_eq!(data["line"], 2);
        assert_eq!(data["column"], 4);
        assert_eq!(data["original"], "sorne");
        assert_eq!(data["replacement"], "some");
        assert_eq!(data["kind"], "confusion");
        assert_eq!(data["confidence"].as_f64().unwrap() as f32, 0.9);
        assert_eq!(data["alternatives"], serde_json::json!([]));
        assert_eq!(data["applied"], true);
        assert_eq!(lines[1]["data"]["applied"], false);
        assert_eq!(
            lines[1]["data"]["alternatives"][0]["replacement"],
            serde_json::json!("ail")
        );
        assert_eq!(lines[2]["data"]["kind"], "garbled");
        assert_eq!(
            lines[2]["data"]["applied"], false,
            "flags are never applied"
        );
        assert_eq!(
            lines[3],
            serde_json::json!({"type": "summary", "data":
                {"file": "d/f.txt", "format": "text", "edits": 3, "applied": 1, "bytes": text.len()}})
        );
    }

    #[test]
    fn error_record_shape() {
        let mut out = Vec::new();
        write_record(
            &mut out,
            &Record::Error(ErrorData {
                file: "x.txt",
                message: "invalid UTF-8 at byte 3",
            }),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"type\":\"error\",\"data\":{\"file\":\"x.txt\",\"message\":\"invalid UTF-8 at byte 3\"}}\n"
        );
    }

    #[test]
    fn diff_has_headers_and_keeps_crlf() {
        let old = "one\r\nsorne two\r\nthree\r\n";
        let new = "one\r\nsome two\r\nthree\r\n";
        let diff = unified_diff("x.txt", old, new);
        assert_eq!(
            diff,
            "--- a/x.txt\n+++ b/x.txt\n@@ -1,3 +1,3 @@\n one\r\n-sorne two\r\n+some two\r\n three\r\n"
        );
        assert_eq!(unified_diff("x.txt", old, old), "");
    }

    #[test]
    fn diff_marks_missing_final_newline() {
        let diff = unified_diff("x", "sorne", "some");
        assert!(diff.contains("-sorne\n\\ No newline at end of file\n+some\n"));
    }
}
