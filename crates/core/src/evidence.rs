//! The OCR engine's word confidences as evidence for or against an edit.
//!
//! The repairer's confidence in an edit is the share of its reading among
//! the readings of the span, "leave it" included. A word the engine read
//! with high confidence is less likely to be misread than the text alone
//! suggests, a word it doubted more likely: so every changing reading's
//! weight is multiplied by a factor for the engine's confidence in the
//! words the edit touches, "leave it" keeps its weight, and the shares are
//! normalised again. The factors were measured on Tesseract output (see
//! docs/formats.md for the figures and the commands).

use crate::{ByteSpan, Edit, EditKind};

/// A word of the analysed text with the OCR engine's confidence in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OcrWord {
    pub span: ByteSpan,
    /// 0 to 1 (hOCR's `x_wconf` divided by 100, ALTO's `WC`, PAGE's `conf`).
    pub confidence: f32,
}

/// Bands of OCR confidence, lowest first: the band's lower bound and the
/// factor on the odds of the edits touching a word in it. Each factor is
/// the band's likelihood ratio measured on tess-dev (Tesseract 5.3, 43,106
/// words): the odds that a word of the band is misread, over the odds for
/// all words (P(wrong) = 0.161). Below 0.30 words are wrong 75% of the
/// time, at 0.95 and above 1.2%. Used as Bayes' rule has it (the power 1
/// scored best of 0 to 2: `scripts/calibrate-ocr-confidence`).
const MISREAD_FACTORS: [(f32, f32); 6] = [
    (0.0, 15.0),
    (0.3, 9.0),
    (0.5, 5.0),
    (0.7, 2.8),
    (0.85, 0.5),
    (0.95, 0.06),
];

/// The factor on an edit's odds for the OCR confidence `confidence` of the
/// least confident word it touches; `None` when the evidence says nothing
/// about the edit's kind.
pub fn odds_factor(kind: EditKind, confidence: f32) -> Option<f32> {
    match kind {
        // Joining a word broken at a line end is not about misread letters.
        EditKind::Hyphenation => None,
        _ => MISREAD_FACTORS
            .iter()
            .rev()
            .find(|(floor, _)| confidence >= *floor)
            .map(|&(_, factor)| factor),
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
        let Some(factor) = odds_factor(edit.kind, confidence) else {
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

    #[test]
    fn certain_edits_stay_certain() {
        let words = [word(0, 5, 0.99)];
        let mut edits = vec![edit(0, 5, EditKind::Confusion, 1.0)];
        adjust_for_ocr_confidence(&mut edits, &words);
        assert_eq!(edits[0].confidence, 1.0);
    }
}
