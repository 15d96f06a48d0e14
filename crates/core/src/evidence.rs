//! The OCR engine's word confidences as evidence for or against an edit.
//!
//! The repairer's confidence in an edit is the share of its reading among
//! the readings of the span, "leave it" included. A word the engine read
//! with high confidence is less likely to be misread than the text alone
//! suggests, a word it doubted more likely: so every changing reading's
//! weight is multiplied by a factor for the engine's confidence in the
//! words the edit touches, "leave it" keeps its weight, and the shares are
//! normalised again. The factor is for the kind of misreading the edit
//! repairs: its letters (or digits), or only its marks; an edit that
//! changes only spaces, or joins a word broken at a line end, is left
//! alone. The factors were measured on Tesseract output (see
//! docs/formats.md for the figures and the commands).

use crate::{ByteSpan, Edit, EditKind};

/// A word of the analysed text with the OCR engine's confidence in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrWord {
    pub span: ByteSpan,
    /// 0 to 1 (hOCR's `x_wconf` divided by 100, ALTO's `WC`, PAGE's `conf`).
    pub confidence: f32,
}

/// Bands of OCR confidence, lowest first: the band's lower bound, then the
/// factors on the odds of an edit touching a word in it, for an edit that
/// changes letters or digits and for one that changes only marks. Each
/// factor is the band's likelihood ratio measured on tess-dev (Tesseract
/// 5.3, 43,106 words): the odds that a word of the band has its letters
/// (its marks) wrong, over the same odds for all words (10.5% of the words
/// have a letter wrong, 8.1% a mark). Below 0.30, 51% of the words have a
/// letter wrong and 37% a mark; at 0.95 and above, 1.3% and 0.3%. Used as
/// Bayes' rule has it (the power 1: `scripts/calibrate-ocr-confidence`).
const FACTORS: [(f32, f32, f32); 6] = [
    (0.0, 8.8, 6.6),
    (0.3, 5.8, 5.5),
    (0.5, 3.4, 3.9),
    (0.7, 2.1, 2.6),
    (0.85, 0.87, 0.82),
    (0.95, 0.11, 0.033),
];

/// What an edit's reading changes, as the OCR confidence speaks to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    /// A letter or digit, case included.
    Letters,
    /// Only marks: stops, commas, quotes, apostrophes, dashes and the like.
    Marks,
    /// Only spaces: where words break, which a word's confidence does not
    /// measure.
    Spaces,
}

fn change(original: &str, replacement: &str) -> Change {
    let is_letter = |c: &char| c.is_alphanumeric();
    let is_mark = |c: &char| !c.is_alphanumeric() && !c.is_whitespace();
    let differ = |keep: fn(&char) -> bool| {
        !original
            .chars()
            .filter(keep)
            .eq(replacement.chars().filter(keep))
    };
    if differ(is_letter) {
        Change::Letters
    } else if differ(is_mark) {
        Change::Marks
    } else {
        Change::Spaces
    }
}

/// The factor on `edit`'s odds for the OCR confidence `confidence` of the
/// least confident word it touches; `None` when the evidence says nothing
/// about the edit (its alternatives take the same factor).
pub fn odds_factor(edit: &Edit, confidence: f32) -> Option<f32> {
    // Joining a word broken at a line end is not about misread letters.
    if edit.kind == EditKind::Hyphenation {
        return None;
    }
    let &(_, letters, marks) = FACTORS
        .iter()
        .rev()
        .find(|(floor, _, _)| confidence >= *floor)?;
    match change(&edit.original, &edit.replacement) {
        Change::Letters => Some(letters),
        Change::Marks => Some(marks),
        Change::Spaces => None,
    }
}

/// Adjusts the confidence (and the alternatives' confidences) of each edit
/// by the OCR confidence of the words its span touches. `words` must be
/// sorted by span and not overlap; edits touching no word are left alone.
pub fn adjust_for_ocr_confidence(edits: &mut [Edit], words: &[OcrWord]) {
    for edit in edits.iter_mut() {
        if edit.is_flag() {
            continue;
        }
        let Some(confidence) = touched_confidence(words, edit.span) else {
            continue;
        };
        let Some(factor) = odds_factor(edit, confidence) else {
            continue;
        };
        reweigh(edit, factor);
    }
}

/// The lowest confidence among the words touching `span` (ends included,
/// so an edit of the space between two words touches both).
fn touched_confidence(words: &[OcrWord], span: ByteSpan) -> Option<f32> {
    let first = words.partition_point(|w| w.span.end < span.start);
    words[first..]
        .iter()
        .take_while(|w| w.span.start <= span.end)
        .map(|w| w.confidence)
        .reduce(f32::min)
}

/// Multiplies the weight of every changing reading by `factor` and
/// normalises again against "leave it".
fn reweigh(edit: &mut Edit, factor: f32) {
    let changing: f32 =
        edit.confidence + edit.alternatives.iter().map(|a| a.confidence).sum::<f32>();
    let keep = (1.0 - changing).max(0.0);
    let total = keep + factor * changing;
    if total <= 0.0 || !total.is_finite() {
        return;
    }
    edit.confidence = (factor * edit.confidence / total).clamp(0.0, 1.0);
    for alternative in &mut edit.alternatives {
        alternative.confidence = (factor * alternative.confidence / total).clamp(0.0, 1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alternative;

    fn edit(start: usize, end: usize, kind: EditKind, confidence: f32) -> Edit {
        Edit {
            span: ByteSpan::new(start, end),
            original: "x".repeat(end - start),
            replacement: "y".into(),
            kind,
            confidence,
            alternatives: vec![],
        }
    }

    fn word(start: usize, end: usize, confidence: f32) -> OcrWord {
        OcrWord {
            span: ByteSpan::new(start, end),
            confidence,
        }
    }

    #[test]
    fn doubted_words_raise_and_sure_words_lower_the_odds() {
        let words = [word(0, 5, 0.3), word(6, 10, 0.99)];
        let mut edits = vec![
            edit(0, 5, EditKind::Confusion, 0.5),
            edit(6, 10, EditKind::Confusion, 0.5),
        ];
        adjust_for_ocr_confidence(&mut edits, &words);
        assert!(edits[0].confidence > 0.5, "{}", edits[0].confidence);
        assert!(edits[1].confidence < 0.5, "{}", edits[1].confidence);
    }

    #[test]
    fn the_least_confident_touched_word_counts_and_spaces_touch_both() {
        let words = [word(0, 8, 0.99), word(9, 10, 0.2)];
        let mut edits = vec![edit(8, 9, EditKind::PunctuationSpacing, 0.5)];
        adjust_for_ocr_confidence(&mut edits, &words);
        assert!(edits[0].confidence > 0.5);
    }

    #[test]
    fn hyphenation_flags_and_untouched_edits_are_left_alone() {
        let words = [word(0, 5, 0.1)];
        let mut edits = vec![
            edit(0, 5, EditKind::Hyphenation, 0.5),
            edit(20, 25, EditKind::Confusion, 0.5),
        ];
        let mut flag = edit(0, 5, EditKind::Garbled, 0.5);
        flag.replacement = flag.original.clone();
        edits.push(flag);
        let before = edits.clone();
        adjust_for_ocr_confidence(&mut edits, &words);
        assert_eq!(edits, before);
    }

    #[test]
    fn alternatives_keep_their_order_and_shares_stay_a_distribution() {
        let words = [word(0, 5, 0.2)];
        let mut e = edit(0, 5, EditKind::Confusion, 0.4);
        e.alternatives = vec![Alternative {
            replacement: "z".into(),
            confidence: 0.2,
        }];
        let mut edits = vec![e];
        adjust_for_ocr_confidence(&mut edits, &words);
        let e = &edits[0];
        assert!(e.confidence > 0.4 && e.alternatives[0].confidence > 0.2);
        assert!(e.confidence > e.alternatives[0].confidence);
        assert!(e.confidence + e.alternatives[0].confidence <= 1.0 + 1e-6);
    }

    fn reading(start: usize, original: &str, replacement: &str, confidence: f32) -> Edit {
        let end = start + original.len();
        Edit {
            original: original.into(),
            replacement: replacement.into(),
            ..edit(start, end, EditKind::PunctuationSpacing, confidence)
        }
    }

    #[test]
    fn an_edit_changes_letters_marks_or_only_spaces() {
        assert_eq!(change("sorne", "some"), Change::Letters);
        assert_eq!(change("Sorne", "some"), Change::Letters);
        assert_eq!(change("l9l7", "1917"), Change::Letters);
        assert_eq!(change("x", ""), Change::Letters);
        assert_eq!(change("workers\u{2019}", "workers'"), Change::Marks);
        assert_eq!(change("\u{201c}used", "\"used"), Change::Marks);
        assert_eq!(change("the.", "the"), Change::Marks);
        assert_eq!(change("\u{2018}the", "the"), Change::Marks);
        assert_eq!(change(" ~", ""), Change::Marks);
        assert_eq!(change("se arch", "search"), Change::Spaces);
        assert_eq!(change("ofthe", "of the"), Change::Spaces);
        assert_eq!(change("councils .", "councils."), Change::Spaces);
    }

    #[test]
    fn marks_take_their_own_factors() {
        // In the top band a word's marks are wrong less often than its
        // letters, so a change of marks alone is held back harder.
        let words = [word(0, 9, 0.99), word(10, 15, 0.99)];
        let mut edits = vec![
            reading(0, "workers\u{2019}", "workers'", 0.7),
            reading(10, "sorne", "some", 0.7),
        ];
        adjust_for_ocr_confidence(&mut edits, &words);
        let (marks, letters) = (edits[0].confidence, edits[1].confidence);
        assert!(marks < letters && letters < 0.7, "{marks} {letters}");
        // Both take the band's measured factor.
        assert_eq!(odds_factor(&edits[0], 0.99), Some(0.033));
        assert_eq!(odds_factor(&edits[1], 0.99), Some(0.11));
        assert_eq!(odds_factor(&edits[0], 0.6), Some(3.9));
        assert_eq!(odds_factor(&edits[1], 0.6), Some(3.4));
    }

    #[test]
    fn the_band_of_a_word_at_a_floor_is_the_band_from_it() {
        // 0.95 is the f32 the formats give for hOCR's x_wconf 95.
        let letters = reading(0, "sorne", "some", 0.7);
        assert_eq!(odds_factor(&letters, 95.0 / 100.0), Some(0.11));
        assert_eq!(odds_factor(&letters, 0.7), Some(2.1));
        assert_eq!(odds_factor(&letters, 0.0), Some(8.8));
    }

    #[test]
    fn edits_changing_only_spaces_are_left_alone() {
        let words = [word(0, 2, 0.99), word(3, 7, 0.99)];
        let mut edits = vec![reading(0, "se arch", "search", 0.9)];
        edits[0].kind = EditKind::SplitWord;
        let before = edits.clone();
        adjust_for_ocr_confidence(&mut edits, &words);
        assert_eq!(edits, before);
        assert_eq!(odds_factor(&before[0], 0.2), None);
    }

    #[test]
    fn certain_edits_stay_certain() {
        let words = [word(0, 5, 0.99)];
        let mut edits = vec![edit(0, 5, EditKind::Confusion, 1.0)];
        adjust_for_ocr_confidence(&mut edits, &words);
        assert_eq!(edits[0].confidence, 1.0);
    }
}
