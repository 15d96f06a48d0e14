//! The browser's view of ocrmend-core: a thin wasm-bindgen shell.
//!
//! Two rules, after Automattic/harper's `harper-wasm`:
//! - Byte spans become JS string (UTF-16) indices in exactly one place,
//!   [`utf16_spans`], on the way out. JS indices never come back in: the page
//!   names a suggestion by its position in the analysis, and Rust applies the
//!   chosen replacements to the text it analysed, with the core's
//!   [`apply_edits`] (which checks every span against the text).
//! - Everything that matters is plain Rust ([`Analysis`], [`Choice`]) so the
//!   native tests exercise exactly what the browser runs; the
//!   `#[wasm_bindgen]` items only move data across the boundary, as typed
//!   arrays and string arrays rather than JSON.

use ocrmend_core::{
    apply_edits, ApplyError, ByteSpan, Edit, EditKind, LineEnds, Repairer, Replacement,
};
use wasm_bindgen::prelude::*;

/// A half-open range of UTF-16 code-unit offsets: what JS string methods
/// (`slice`, `length`) count in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16Span {
    pub start: u32,
    pub end: u32,
}

/// Converts sorted byte spans into UTF-16 spans over `text`, in one pass over
/// the text. This is the only place offsets change unit.
///
/// `spans` must be sorted by start and lie on char boundaries (the core
/// guarantees both for `analyze` output); an end may equal the next start.
pub fn utf16_spans(text: &str, spans: &[ByteSpan]) -> Vec<Utf16Span> {
    // Every boundary we need, in order; walk the text once and record the
    // UTF-16 offset of each.
    let mut wanted: Vec<usize> = spans.iter().flat_map(|s| [s.start, s.end]).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut at: Vec<u32> = Vec::with_capacity(wanted.len());
    let mut units: u32 = 0;
    let mut next = wanted.iter().peekable();
    for (byte, ch) in text.char_indices() {
        while next.peek().is_some_and(|&&b| b <= byte) {
            next.next();
            at.push(units);
        }
        units += ch.len_utf16() as u32;
    }
    // Boundaries at the end of the text.
    at.extend(next.map(|_| units));
    let lookup = |byte: usize| -> u32 {
        let i = wanted.binary_search(&byte).expect("boundary was collected");
        at[i]
    };
    spans
        .iter()
        .map(|s| Utf16Span {
            start: lookup(s.start),
            end: lookup(s.end),
        })
        .collect()
}

/// Why the chosen replacements could not be applied.
#[derive(Debug, thiserror::Error)]
pub enum ChoiceError {
    #[error("suggestion {index} does not exist (the analysis has {count})")]
    NoSuchSuggestion { index: usize, count: usize },
    #[error("{indices} suggestion indices but {replacements} replacements")]
    LengthMismatch { indices: usize, replacements: usize },
    #[error(transparent)]
    Apply(#[from] ApplyError),
}

/// A reviewer's decision: put `replacement` where suggestion `index` stands.
#[derive(Debug, Clone)]
pub struct Choice<'a> {
    edit: &'a Edit,
    replacement: String,
}

impl Replacement for Choice<'_> {
    fn span(&self) -> ByteSpan {
        self.edit.span
    }
    fn original(&self) -> Option<&str> {
        Some(&self.edit.original)
    }
    fn replacement(&self) -> &str {
        &self.replacement
    }
}

/// A document and its suggestions, as the page sees them.
pub struct Analysis {
    text: String,
    edits: Vec<Edit>,
    spans: Vec<Utf16Span>,
}

impl Analysis {
    /// Analyses `text` with the embedded dictionaries plus `trusted_words`,
    /// treating words broken across line ends as `line_ends` says.
    pub fn new(
        text: String,
        trusted_words: &[String],
        line_ends: LineEnds,
    ) -> Result<Self, ocrmend_core::LexiconError> {
        let mut repairer = Repairer::embedded()?;
        repairer.trust_words(trusted_words);
        repairer.set_line_ends(line_ends);
        let edits = repairer.analyze(&text);
        Ok(Self::from_edits(text, edits))
    }

    pub fn from_edits(text: String, edits: Vec<Edit>) -> Self {
        let byte_spans: Vec<ByteSpan> = edits.iter().map(|e| e.span).collect();
        let spans = utf16_spans(&text, &byte_spans);
        Self { text, edits, spans }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    pub fn spans(&self) -> &[Utf16Span] {
        &self.spans
    }

    /// The text with each chosen suggestion replaced; everything else,
    /// line endings included, is kept byte for byte.
    pub fn apply(&self, indices: &[u32], replacements: Vec<String>) -> Result<String, ChoiceError> {
        if indices.len() != replacements.len() {
            return Err(ChoiceError::LengthMismatch {
                indices: indices.len(),
                replacements: replacements.len(),
            });
        }
        let choices = indices
            .iter()
            .zip(replacements)
            .map(|(&index, replacement)| {
                let index = index as usize;
                let edit = self.edits.get(index).ok_or(ChoiceError::NoSuchSuggestion {
                    index,
                    count: self.edits.len(),
                })?;
                Ok(Choice { edit, replacement })
            })
            .collect::<Result<Vec<_>, ChoiceError>>()?;
        Ok(apply_edits(&self.text, &choices)?)
    }
}

fn kind_code(kind: EditKind) -> u8 {
    EditKind::ALL
        .iter()
        .position(|&k| k == kind)
        .expect("ALL lists every kind") as u8
}

thread_local! {
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps a panic's message: wasm traps with a bare "unreachable", and the
/// page should say what went wrong. It also goes to the worker's console,
/// with its location, for whoever debugs the page.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&format!("ocrmend: {message}")));
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// The message of the last panic, if any (then cleared).
#[wasm_bindgen(js_name = takePanicMessage)]
pub fn take_panic_message() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

/// The names of the edit kinds; `Document::kinds` holds indices into this.
#[wasm_bindgen(js_name = editKinds)]
pub fn edit_kinds() -> Vec<String> {
    EditKind::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect()
}

/// Parses a user word list (one word a line, `#` comments), as the CLI does.
#[wasm_bindgen(js_name = parseWordList)]
pub fn parse_word_list(text: &str) -> Vec<String> {
    ocrmend_core::parse_word_list(text)
}

/// An analysed document held on the Rust side. Suggestions are exposed as
/// parallel columns indexed by suggestion number.
#[wasm_bindgen]
pub struct Document {
    inner: Analysis,
}

impl From<Analysis> for Document {
    fn from(inner: Analysis) -> Self {
        Document { inner }
    }
}

#[wasm_bindgen]
impl Document {
    /// Analyses `text`; `trusted_words` are the user's dictionary;
    /// `line_ends` is `auto`, `join` or `keep` (see `LineEnds`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        text: String,
        trusted_words: Vec<String>,
        line_ends: &str,
    ) -> Result<Document, JsError> {
        Ok(Document {
            inner: Analysis::new(text, &trusted_words, line_ends.parse::<LineEnds>()?)?,
        })
    }

    pub fn count(&self) -> u32 {
        self.inner.edits.len() as u32
    }

    /// UTF-16 start offsets.
    pub fn starts(&self) -> Vec<u32> {
        self.inner.spans.iter().map(|s| s.start).collect()
    }

    /// UTF-16 end offsets (exclusive).
    pub fn ends(&self) -> Vec<u32> {
        self.inner.spans.iter().map(|s| s.end).collect()
    }

    /// Indices into `editKinds()`.
    pub fn kinds(&self) -> Vec<u8> {
        self.inner.edits.iter().map(|e| kind_code(e.kind)).collect()
    }

    pub fn confidences(&self) -> Vec<f32> {
        self.inner.edits.iter().map(|e| e.confidence).collect()
    }

    pub fn originals(&self) -> Vec<String> {
        self.inner
            .edits
            .iter()
            .map(|e| e.original.clone())
            .collect()
    }

    pub fn replacements(&self) -> Vec<String> {
        self.inner
            .edits
            .iter()
            .map(|e| e.replacement.clone())
            .collect()
    }

    /// `alternative_offsets()[i]..alternative_offsets()[i + 1]` indexes the
    /// alternatives of suggestion `i` (length `count() + 1`).
    #[wasm_bindgen(js_name = alternativeOffsets)]
    pub fn alternative_offsets(&self) -> Vec<u32> {
        let mut offsets = Vec::with_capacity(self.inner.edits.len() + 1);
        let mut total = 0u32;
        offsets.push(0);
        for edit in &self.inner.edits {
            total += edit.alternatives.len() as u32;
            offsets.push(total);
        }
        offsets
    }

    #[wasm_bindgen(js_name = alternativeReplacements)]
    pub fn alternative_replacements(&self) -> Vec<String> {
        self.inner
            .edits
            .iter()
            .flat_map(|e| e.alternatives.iter().map(|a| a.replacement.clone()))
            .collect()
    }

    #[wasm_bindgen(js_name = alternativeConfidences)]
    pub fn alternative_confidences(&self) -> Vec<f32> {
        self.inner
            .edits
            .iter()
            .flat_map(|e| e.alternatives.iter().map(|a| a.confidence))
            .collect()
    }

    /// The text with `replacements[k]` put in place of suggestion
    /// `indices[k]`, applied in Rust against the analysed text.
    pub fn apply(&self, indices: Vec<u32>, replacements: Vec<String>) -> Result<String, JsError> {
        Ok(self.inner.apply(&indices, replacements)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocrmend_core::Alternative;

    #[test]
    fn the_page_chooses_how_line_ends_are_treated() {
        // A newspaper column: auto keeps its lines, join joins the break.
        let column = "The Finance Committee met on the\n\
                      31st December, when the report of\n\
                      the Committee was read and the\n\
                      Council resolved that it be an instruc-\n\
                      tion to the Works Committee to\n\
                      enquire into the circumstances\n\
                      under which the contractor had\n\
                      been paid, and to report to the\n\
                      Council at its next meeting.\n";
        let joins = |name: &str| {
            let analysis = Analysis::new(column.to_owned(), &[], name.parse().unwrap());
            analysis
                .unwrap()
                .edits()
                .iter()
                .any(|e| e.replacement.starts_with("instruction"))
        };
        assert!(!joins("auto"));
        assert!(!joins("keep"));
        assert!(joins("join"));
        assert!("joined".parse::<LineEnds>().is_err());
    }

    fn edit(text: &str, start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: ByteSpan::new(start, end),
            original: text[start..end].to_owned(),
            replacement: replacement.to_owned(),
            kind: EditKind::Confusion,
            confidence: 0.8,
            alternatives: vec![Alternative {
                replacement: "alt".into(),
                confidence: 0.1,
            }],
        }
    }

    /// The UTF-16 slice a JS `text.slice(start, end)` would return.
    fn js_slice(text: &str, span: Utf16Span) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16(&units[span.start as usize..span.end as usize]).unwrap()
    }

    #[test]
    fn ascii_offsets_are_unchanged() {
        let text = "sorne text";
        let spans = utf16_spans(text, &[ByteSpan::new(0, 5), ByteSpan::new(6, 10)]);
        assert_eq!(
            spans,
            vec![
                Utf16Span { start: 0, end: 5 },
                Utf16Span { start: 6, end: 10 }
            ]
        );
    }

    #[test]
    fn multibyte_text_maps_to_utf16_units() {
        // é: 2 bytes, 1 unit; €: 3 bytes, 1 unit; 𝔄 and 🙂: 4 bytes, 2 units.
        let text = "café € 𝔄bc sorne 🙂 ofthe\r\nKornilov’s";
        let words = ["café", "€", "𝔄bc", "sorne", "🙂", "ofthe", "Kornilov’s"];
        let spans: Vec<ByteSpan> = words
            .iter()
            .map(|w| {
                let start = text.find(w).unwrap();
                ByteSpan::new(start, start + w.len())
            })
            .collect();
        let utf16 = utf16_spans(text, &spans);
        for (word, span) in words.iter().zip(&utf16) {
            assert_eq!(&js_slice(text, *span), word);
        }
        // 𝔄 is a surrogate pair: "𝔄bc" is 4 UTF-16 units long.
        assert_eq!(utf16[2].end - utf16[2].start, 4);
    }

    #[test]
    fn touching_empty_and_final_spans() {
        let text = "ab€";
        let spans = [
            ByteSpan::new(0, 1),
            ByteSpan::new(1, 1),
            ByteSpan::new(1, 2),
            ByteSpan::new(2, 5),
            ByteSpan::new(5, 5),
        ];
        let utf16 = utf16_spans(text, &spans);
        let pairs: Vec<(u32, u32)> = utf16.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(pairs, vec![(0, 1), (1, 1), (1, 2), (2, 3), (3, 3)]);
        assert!(utf16_spans("", &[ByteSpan::new(0, 0)]) == vec![Utf16Span { start: 0, end: 0 }]);
    }

    #[test]
    fn apply_uses_chosen_replacements_and_keeps_line_endings() {
        let text = "Thé sorne\r\nofthe 🙂 tirne\r\n".to_owned();
        let a = text.find("sorne").unwrap();
        let b = text.find("ofthe").unwrap();
        let c = text.find("tirne").unwrap();
        let edits = vec![
            edit(&text, a, a + 5, "some"),
            edit(&text, b, b + 5, "of the"),
            edit(&text, c, c + 5, "time"),
        ];
        let analysis = Analysis::from_edits(text, edits);
        // Accept 0 as suggested, 2 with a typed fix, leave 1 alone.
        let out = analysis
            .apply(&[2, 0], vec!["tine".into(), "some".into()])
            .unwrap();
        assert_eq!(out, "Thé some\r\nofthe 🙂 tine\r\n");
        assert!(matches!(
            analysis.apply(&[7], vec!["x".into()]),
            Err(ChoiceError::NoSuchSuggestion { index: 7, count: 3 })
        ));
        assert!(matches!(
            analysis.apply(&[0, 1], vec!["x".into()]),
            Err(ChoiceError::LengthMismatch { .. })
        ));
        assert!(matches!(
            analysis.apply(&[0, 0], vec!["x".into(), "y".into()]),
            Err(ChoiceError::Apply(ApplyError::Overlap { .. }))
        ));
    }

    #[test]
    fn kinds_round_trip_through_codes() {
        let names = edit_kinds();
        for kind in EditKind::ALL {
            assert_eq!(names[kind_code(kind) as usize], kind.as_str());
        }
    }
}
