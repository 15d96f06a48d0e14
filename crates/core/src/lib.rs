//! ocrmend-core finds and repairs OCR damage in plain text.
//!
//! The core does no IO and has no wasm dependencies: the CLI and the WASM
//! shell are thin layers over [`Repairer::analyze`] and [`apply_edits`].
//!
//! ```
//! use ocrmend_core::{Repairer, apply_confident};
//! let repairer = Repairer::embedded().unwrap();
//! let text = "When l first dealt with sorne of the subject";
//! let edits = repairer.analyze(text);
//! let repaired = apply_confident(text, &edits, ocrmend_core::DEFAULT_MIN_CONFIDENCE).unwrap();
//! assert_eq!(repaired, "When I first dealt with some of the subject");
//! ```

mod analyze;
mod confusion;
mod edit;
mod lexicon;
mod model;
mod tokenize;

pub use edit::{apply_edits, Alternative, ApplyError, ByteSpan, Edit, EditKind, Replacement};
pub use lexicon::{Lexicon, LexiconError, WordInfo};

/// Confidence at or above which the CLI applies an edit unattended; tuned on
/// the evaluation sets so that applied edits are right nearly always.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.6;

/// Finds OCR damage in documents. Build once, analyse many documents
/// (it is `Sync`, so threads can share one).
pub struct Repairer {
    lexicon: Lexicon,
}

impl Repairer {
    pub fn new(lexicon: Lexicon) -> Self {
        Self { lexicon }
    }

    /// A repairer over the dictionaries compiled into the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        Ok(Self::new(Lexicon::embedded()?))
    }

    /// Adds words the user trusts (names, terms): they are never changed.
    pub fn trust_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for word in words {
            self.lexicon.trust(word.as_ref());
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every suggested edit for `text`, sorted by span, non-overlapping, on
    /// char boundaries. Flags (unrecovered garbled runs) are included with
    /// `replacement == original`.
    pub fn analyze(&self, text: &str) -> Vec<Edit> {
        analyze::analyze(&self.lexicon, text)
    }
}

/// Applies the edits whose confidence is at least `min_confidence`.
pub fn apply_confident(
    text: &str,
    edits: &[Edit],
    min_confidence: f32,
) -> Result<String, ApplyError> {
    let chosen: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.confidence >= min_confidence && !e.is_flag())
        .collect();
    apply_edits(text, &chosen)
}

/// Parses a user word list: one word per line, blank lines and lines
/// starting with `#` ignored.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}
