//! Edits are data: a byte span in the analysed text, what stands there, what
//! should, and how sure we are. `apply_edits` is the one place that turns a
//! chosen subset of them into new text.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// A half-open range of **byte** offsets into the analysed text, always on
/// `char` boundaries. The only offset unit in the core; the WASM shell
/// converts to UTF-16 on the way out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Self { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for ByteSpan {
    fn from(range: Range<usize>) -> Self {
        Self::new(range.start, range.end)
    }
}

impl fmt::Display for ByteSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// The kind of scanning damage an edit repairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// A non-word produced by misread characters (`sorne` → `some`).
    Confusion,
    /// A real word that the context shows to be a misreading (`modem times`).
    RealWord,
    /// One word broken by stray spaces (`se arch` → `search`, `1 9 1 7`).
    SplitWord,
    /// Two words run together (`ofthe` → `of the`).
    MergedWords,
    /// A word broken across a line end, rejoined on the first line.
    Hyphenation,
    /// Stray spaces around punctuation (`councils .` → `councils.`).
    PunctuationSpacing,
    /// A run of characters too damaged to read; flagged, not rewritten,
    /// unless the context makes the reading certain.
    Garbled,
}

impl EditKind {
    pub const ALL: [EditKind; 7] = [
        EditKind::Confusion,
        EditKind::RealWord,
        EditKind::SplitWord,
        EditKind::MergedWords,
        EditKind::Hyphenation,
        EditKind::PunctuationSpacing,
        EditKind::Garbled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Confusion => "confusion",
            EditKind::RealWord => "real_word",
            EditKind::SplitWord => "split_word",
            EditKind::MergedWords => "merged_words",
            EditKind::Hyphenation => "hyphenation",
            EditKind::PunctuationSpacing => "punctuation_spacing",
            EditKind::Garbled => "garbled",
        }
    }
}

impl fmt::Display for EditKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Another reading a reviewer may pick instead of the edit's replacement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    pub replacement: String,
    pub confidence: f32,
}

/// One suggested repair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub span: ByteSpan,
    /// The text at `span` when the document was analysed.
    pub original: String,
    /// The suggested text. Equal to `original` for a flag that proposes no
    /// change (an unrecovered garbled run).
    pub replacement: String,
    pub kind: EditKind,
    /// Estimated probability, in 0..=1, that the replacement is right.
    pub confidence: f32,
    /// Other readings, most likely first; never contains `replacement`.
    pub alternatives: Vec<Alternative>,
}

impl Edit {
    /// True when applying the edit changes nothing (a flag).
    pub fn is_flag(&self) -> bool {
        self.original == self.replacement
    }
}

/// Why a set of edits could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The span runs past the end of the text.
    #[error("edit {span} lies outside the text ({len} bytes)")]
    OutOfBounds { span: ByteSpan, len: usize },
    /// A span boundary splits a UTF-8 character.
    #[error("edit {span} does not fall on character boundaries")]
    NotCharBoundary { span: ByteSpan },
    /// The text at the span is not the edit's `original`: the edit belongs to
    /// another version of the document.
    #[error("edit {span} expects {expected:?} but the text has {found:?}")]
    OriginalMismatch {
        span: ByteSpan,
        expected: String,
        found: String,
    },
    /// Two edits cover the same bytes, or an insertion sits inside another edit.
    #[error("edits {first} and {second} overlap")]
    Overlap { first: ByteSpan, second: ByteSpan },
}

/// Something that says what to put at a span; lets `apply_edits` take edits
/// or (span, replacement) choices made in a UI without copying.
pub trait Replacement {
    fn span(&self) -> ByteSpan;
    fn original(&self) -> Option<&str>;
    fn replacement(&self) -> &str;
}

impl Replacement for Edit {
    fn span(&self) -> ByteSpan {
        self.span
    }
    fn original(&self) -> Option<&str> {
        Some(&self.original)
    }
    fn replacement(&self) -> &str {
        &self.replacement
    }
}

impl<T: Replacement + ?Sized> Replacement for &T {
    fn span(&self) -> ByteSpan {
        (**self).span()
    }
    fn original(&self) -> Option<&str> {
        (**self).original()
    }
    fn replacement(&self) -> &str {
        (**self).replacement()
    }
}

/// Applies `edits` (in any order) to `text`. Checks every span against the
/// text and rejects overlapping edits instead of guessing.
pub fn apply_edits<R: Replacement>(text: &str, edits: &[R]) -> Result<String, ApplyError> {
    let mut order: Vec<&R> = edits.iter().collect();
    order.sort_by_key(|e| (e.span().start, e.span().end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0usize;
    let mut previous: Option<ByteSpan> = None;
    for edit in order {
        let span = edit.span();
        if span.start > span.end || span.end > text.len() {
            return Err(ApplyError::OutOfBounds {
                span,
                len: text.len(),
            });
        }
        if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
            return Err(ApplyError::NotCharBoundary { span });
        }
        if let Some(prev) = previous {
            // Touching spans are fine; sharing bytes, or two insertions at one
            // point (whose order would be a guess), are not.
            if span.start < prev.end || (span.start == prev.start && span.is_empty()) {
                return Err(ApplyError::Overlap {
                    first: prev,
                    second: span,
                });
            }
        }
        let found = &text[span.range()];
        if let Some(expected) = edit.original() {
            if expected != found {
                return Err(ApplyError::OriginalMismatch {
                    span,
                    expected: expected.to_owned(),
                    found: found.to_owned(),
                });
            }
        }
        out.push_str(&text[cursor..span.start]);
        out.push_str(edit.replacement());
        cursor = span.end;
        previous = Some(span);
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, original: &str, replacement: &str) -> Edit {
        Edit {
            span: ByteSpan::new(start, end),
            original: original.into(),
            replacement: replacement.into(),
            kind: EditKind::Confusion,
            confidence: 0.9,
            alternatives: vec![],
        }
    }

    #[test]
    fn applies_in_any_order() {
        let text = "sorne aIl text";
        let edits = [edit(6, 9, "aIl", "all"), edit(0, 5, "sorne", "some")];
        assert_eq!(apply_edits(text, &edits).unwrap(), "some all text");
    }

    #[test]
    fn empty_set_is_identity() {
        let edits: [Edit; 0] = [];
        assert_eq!(apply_edits("x y", &edits).unwrap(), "x y");
    }

    #[test]
    fn rejects_overlap_mismatch_and_bad_boundaries() {
        let text = "héllo world";
        assert!(matches!(
            apply_edits(text, &[edit(0, 4, "hél", "x"), edit(3, 5, "ll", "y")]),
            Err(ApplyError::Overlap { .. })
        ));
        assert!(matches!(
            apply_edits(text, &[edit(0, 2, "hé", "x")]),
            Err(ApplyError::NotCharBoundary { .. })
        ));
        assert!(matches!(
            apply_edits(text, &[edit(7, 12, "wurld", "x")]),
            Err(ApplyError::OriginalMismatch { .. })
        ));
        assert!(matches!(
            apply_edits(text, &[edit(7, 40, "world", "x")]),
            Err(ApplyError::OutOfBounds { .. })
        ));
        assert!(matches!(
            apply_edits(text, &[edit(0, 6, "héllo", "a"), edit(3, 8, "llo w", "b")]),
            Err(ApplyError::Overlap { .. })
        ));
    }

    #[test]
    fn touching_edits_apply() {
        assert_eq!(
            apply_edits("ab", &[edit(0, 1, "a", "x"), edit(1, 2, "b", "y")]).unwrap(),
            "xy"
        );
    }
}
