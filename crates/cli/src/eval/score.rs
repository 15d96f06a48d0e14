//! The figures, defined as in score.py: CER and WER micro-averaged over
//! documents, and per ground-truth word whether the OCR and the hypothesis
//! have it right.

use super::align::{align, distance, Op};
use serde::Serialize;
use std::collections::HashMap;

/// What happened to one ground-truth word between the OCR and the
/// hypothesis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordStatus {
    /// Wrong in the OCR, right after.
    Fixed,
    /// Right in the OCR, wrong after.
    Broken,
    /// Wrong in both, and the hypothesis has other word(s) there than the OCR.
    ChangedStillWrong,
    UnchangedStillWrong,
    RightBoth,
}

impl WordStatus {
    pub fn label(self) -> &'static str {
        match self {
            WordStatus::Fixed => "fixed",
            WordStatus::Broken => "broken",
            WordStatus::ChangedStillWrong => "changed_still_wrong",
            WordStatus::UnchangedStillWrong => "unchanged_still_wrong",
            WordStatus::RightBoth => "right_both",
        }
    }
}

/// A fixed, broken or changed-but-still-wrong word, for --word-report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordChange {
    pub gt_index: usize,
    pub status: WordStatus,
    pub gt_word: String,
    pub ocr: String,
    pub hyp: String,
}

/// Counts of one document or a set; the JSON field names are score.py's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub gt_chars: usize,
    pub gt_words: usize,
    pub hyp_chars: usize,
    pub hyp_words: usize,
    /// Hypothesis vs ground truth.
    pub char_errors: usize,
    pub word_errors: usize,
    #[serde(flatten)]
    pub before_after: Option<BeforeAfter>,
}

/// The counts that need the OCR as well.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BeforeAfter {
    /// OCR vs ground truth.
    pub char_errors_before: usize,
    pub word_errors_before: usize,
    pub fixed: usize,
    pub broken: usize,
    pub still_wrong: usize,
    pub changed_still_wrong: usize,
    pub unchanged_still_wrong: usize,
    pub right_both: usize,
    /// Ground-truth words wrong in the OCR.
    pub ocr_wrong: usize,
    /// Words the OCR / hypothesis has in excess (insertions).
    pub spurious_before: usize,
    pub spurious_after: usize,
}

impl BeforeAfter {
    fn add(&mut self, other: &BeforeAfter) {
        self.char_errors_before += other.char_errors_before;
        self.word_errors_before += other.word_errors_before;
        self.fixed += other.fixed;
        self.broken += other.broken;
        self.still_wrong += other.still_wrong;
        self.changed_still_wrong += other.changed_still_wrong;
        self.unchanged_still_wrong += other.unchanged_still_wrong;
        self.right_both += other.right_both;
        self.ocr_wrong += other.ocr_wrong;
        self.spurious_before += other.spurious_before;
        self.spurious_after += other.spurious_after;
    }
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.gt_chars += other.gt_chars;
        self.gt_words += other.gt_words;
        self.hyp_chars += other.hyp_chars;
        self.hyp_words += other.hyp_words;
        self.char_errors += other.char_errors;
        self.word_errors += other.word_errors;
        if let Some(theirs) = &other.before_after {
            self.before_after
                .get_or_insert_with(Default::default)
                .add(theirs);
        }
    }
}

/// Words of a normalised text (no words in an empty one).
fn words(text: &str) -> Vec<&str> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split(' ').collect()
    }
}

/// Per ground-truth word: right (matched by an identical word)? and the
/// word aligned to it, if any; plus the number of inserted words.
fn word_status<'a>(gt: &[&str], other: &[&'a str]) -> (Vec<bool>, Vec<Option<&'a str>>, usize) {
    let mut right = vec![false; gt.len()];
    let mut aligned = vec![None; gt.len()];
    let mut inserted = 0;
    for op in align(gt, other) {
        match op {
            Op::Match(i, j) => {
                right[i] = true;
                aligned[i] = Some(other[j]);
            }
            Op::Substitute(i, j) => aligned[i] = Some(other[j]),
            Op::Delete(_) => {}
            Op::Insert(_) => inserted += 1,
        }
    }
    (right, aligned, inserted)
}

/// Word ids shared by the texts of one document, for word-level distances.
fn word_ids<'a>(texts: &[&[&'a str]]) -> Vec<Vec<u32>> {
    let mut ids: HashMap<&'a str, u32> = HashMap::new();
    texts
        .iter()
        .map(|words| {
            words
                .iter()
                .map(|&w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect()
        })
        .collect()
}

/// One text compared with the ground truth.
struct Comparison<'a> {
    char_errors: usize,
    word_errors: usize,
    /// Per ground-truth word; empty when not asked for.
    right: Vec<bool>,
    aligned: Vec<Option<&'a str>>,
    inserted: usize,
}

fn compare<'a>(
    gt: (&[char], &[u32], &[&str]),
    other: (&[char], &[u32], &[&'a str]),
    with_words: bool,
) -> Comparison<'a> {
    let (right, aligned, inserted) = if with_words {
        word_status(gt.2, other.2)
    } else {
        Default::default()
    };
    Comparison {
        char_errors: distance(gt.0, other.0),
        word_errors: distance(gt.1, other.1),
        right,
        aligned,
        inserted,
    }
}

/// Scores one document from its normalised texts. With `report`, the
/// fixed, broken and changed-but-still-wrong words are listed there.
pub fn score_doc(
    gt: &str,
    hyp: &str,
    ocr: Option<&str>,
    report: Option<&mut Vec<WordChange>>,
) -> Counts {
    let chars = |text: &str| -> Vec<char> { text.chars().collect() };
    let (gt_chars, hyp_chars, ocr_chars) = (chars(gt), chars(hyp), chars(ocr.unwrap_or("")));
    let (gw, hw) = (words(gt), words(hyp));
    let ow = ocr.map(words).unwrap_or_default();
    let ids = word_ids(&[&gw, &hw, &ow]);
    let gt_side = (&gt_chars[..], &ids[0][..], &gw[..]);
    // A book takes seconds per side: both sides at once when cores are free.
    let (after, before) = rayon::join(
        || compare(gt_side, (&hyp_chars, &ids[1], &hw), ocr.is_some()),
        || ocr.map(|_| compare(gt_side, (&ocr_chars, &ids[2], &ow), true)),
    );
    let mut counts = Counts {
        gt_chars: gt_chars.len(),
        gt_words: gw.len(),
        hyp_chars: hyp_chars.len(),
        hyp_words: hw.len(),
        char_errors: after.char_errors,
        word_errors: after.word_errors,
        before_after: None,
    };
    let Some(before) = before else {
        return counts;
    };
    let mut ba = BeforeAfter {
        char_errors_before: before.char_errors,
        word_errors_before: before.word_errors,
        ..Default::default()
    };
    let (o_right, o_aligned, o_inserted) = (before.right, before.aligned, before.inserted);
    let (h_right, h_aligned, h_inserted) = (after.right, after.aligned, after.inserted);
    let mut report = report;
    for k in 0..gw.len() {
        let status = if o_right[k] {
            if h_right[k] {
                WordStatus::RightBoth
            } else {
                WordStatus::Broken
            }
        } else if h_right[k] {
            WordStatus::Fixed
        } else if o_aligned[k] != h_aligned[k] {
            WordStatus::ChangedStillWrong
        } else {
            WordStatus::UnchangedStillWrong
        };
        let count = match status {
            WordStatus::Fixed => &mut ba.fixed,
            WordStatus::Broken => &mut ba.broken,
            WordStatus::ChangedStillWrong => &mut ba.changed_still_wrong,
            WordStatus::UnchangedStillWrong => &mut ba.unchanged_still_wrong,
            WordStatus::RightBoth => &mut ba.right_both,
        };
        *count += 1;
        if let Some(report) = report.as_deref_mut() {
            if !matches!(
                status,
                WordStatus::RightBoth | WordStatus::UnchangedStillWrong
            ) {
                report.push(WordChange {
                    gt_index: k,
                    status,
                    gt_word: gw[k].to_owned(),
                    ocr: o_aligned[k].unwrap_or("").to_owned(),
                    hyp: h_aligned[k].unwrap_or("").to_owned(),
                });
            }
        }
    }
    ba.still_wrong = ba.changed_still_wrong + ba.unchanged_still_wrong;
    ba.ocr_wrong = ba.fixed + ba.still_wrong;
    ba.spurious_before = o_inserted;
    ba.spurious_after = h_inserted;
    counts.before_after = Some(ba);
    counts
}

/// A rate, or None (JSON null) when nothing is counted under it.
fn rate(num: usize, den: usize) -> Option<f64> {
    (den != 0).then(|| num as f64 / den as f64)
}

/// The rates of one document, as score.py lists them per document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRates {
    pub cer: Option<f64>,
    pub wer: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cer_before: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wer_before: Option<Option<f64>>,
}

pub fn doc_rates(counts: &Counts) -> DocRates {
    let before = counts.before_after.as_ref();
    DocRates {
        cer: rate(counts.char_errors, counts.gt_chars),
        wer: rate(counts.word_errors, counts.gt_words),
        cer_before: before.map(|b| rate(b.char_errors_before, counts.gt_chars)),
        wer_before: before.map(|b| rate(b.word_errors_before, counts.gt_words)),
    }
}

/// Totals and rates of a set of documents (score.py's `summarize`), plus
/// how many documents got better or worse (character errors down / up).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub n_docs: usize,
    #[serde(flatten)]
    pub totals: Counts,
    pub cer: Option<f64>,
    pub wer: Option<f64>,
    #[serde(flatten)]
    pub post_correction: Option<PostCorrection>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PostCorrection {
    pub cer_before: Option<f64>,
    pub cer_after: Option<f64>,
    pub wer_before: Option<f64>,
    pub wer_after: Option<f64>,
    /// 100 * (before - after) / before.
    pub cer_reduction_pct: Option<f64>,
    pub wer_reduction_pct: Option<f64>,
    /// fixed / (fixed + broken + changed_still_wrong).
    pub precision: Option<f64>,
    /// fixed / words wrong in the OCR.
    pub fix_rate: Option<f64>,
    pub docs_better: usize,
    pub docs_worse: usize,
}

pub fn summarize<'a>(docs: impl IntoIterator<Item = &'a Counts>) -> Summary {
    let mut totals = Counts::default();
    let (mut n_docs, mut docs_better, mut docs_worse) = (0, 0, 0);
    for doc in docs {
        n_docs += 1;
        totals.add(doc);
        if let Some(before) = &doc.before_after {
            docs_better += usize::from(doc.char_errors < before.char_errors_before);
            docs_worse += usize::from(doc.char_errors > before.char_errors_before);
        }
    }
    let cer = rate(totals.char_errors, totals.gt_chars);
    let wer = rate(totals.word_errors, totals.gt_words);
    let post_correction = totals.before_after.as_ref().map(|t| {
        let cer_before = rate(t.char_errors_before, totals.gt_chars);
        let wer_before = rate(t.word_errors_before, totals.gt_words);
        // As score.py: no reduction when there was nothing to reduce.
        let reduction = |before: Option<f64>, after: Option<f64>| match (before, after) {
            (Some(b), Some(a)) if b != 0.0 => Some(100.0 * (b - a) / b),
            _ => None,
        };
        PostCorrection {
            cer_before,
            cer_after: cer,
            wer_before,
            wer_after: wer,
            cer_reduction_pct: reduction(cer_before, cer),
            wer_reduction_pct: reduction(wer_before, wer),
            precision: rate(t.fixed, t.fixed + t.broken + t.changed_still_wrong),
            fix_rate: rate(t.fixed, t.ocr_wrong),
            docs_better,
            docs_worse,
        }
    });
    Summary {
        n_docs,
        totals,
        cer,
        wer,
        post_correction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::text::normalize;

    fn counts(gt: &str, hyp: &str, ocr: &str) -> BeforeAfter {
        score_doc(gt, hyp, Some(ocr), None).before_after.unwrap()
    }

    // The cases of score.py's self-test, hand-checked there.
    #[test]
    fn whitespace_does_not_count() {
        let d = score_doc(
            &normalize("a  b\n\nc\t", false),
            &normalize(" a b\u{a0}c ", false),
            None,
            None,
        );
        assert_eq!((d.char_errors, d.word_errors), (0, 0));
        let d = score_doc("kitten", "sitting", None, None);
        assert_eq!((d.char_errors, d.gt_chars, d.word_errors), (3, 6, 1));
    }

    #[test]
    fn fixed_and_broken_words() {
        let d = score_doc(
            "the quick brown fox",
            "the quick brawn fox",
            Some("tbe quick brown f0x"),
            None,
        );
        let ba = d.before_after.clone().unwrap();
        assert_eq!(
            (
                ba.fixed,
                ba.broken,
                ba.changed_still_wrong,
                ba.unchanged_still_wrong,
                ba.right_both
            ),
            (2, 1, 0, 0, 1)
        );
        assert_eq!(
            (ba.char_errors_before, d.char_errors, d.gt_chars),
            (2, 1, 19)
        );
        let s = summarize([&d]);
        let pc = s.post_correction.unwrap();
        assert_eq!(pc.precision, Some(2.0 / 3.0));
        assert_eq!(pc.cer_reduction_pct, Some(50.0));
        assert_eq!((pc.docs_better, pc.docs_worse), (1, 0));
    }

    #[test]
    fn changed_but_still_wrong() {
        let ba = counts("hello world", "hallo world", "hcllo wor1d");
        assert_eq!((ba.fixed, ba.broken, ba.changed_still_wrong), (1, 0, 1));
    }

    #[test]
    fn merging_a_split_word_fixes_it() {
        let ba = counts("there is it", "there iz it", "the re iz it");
        assert_eq!(
            (
                ba.fixed,
                ba.unchanged_still_wrong,
                ba.spurious_before,
                ba.spurious_after,
                ba.right_both
            ),
            (1, 1, 1, 0, 1)
        );
    }

    #[test]
    fn similar_words_pair_up() {
        let ba = counts(
            "frequently fluid. It will",
            "frequently fluid. I t will",
            "frequently f1uid. I t will",
        );
        assert_eq!(
            (
                ba.fixed,
                ba.changed_still_wrong,
                ba.unchanged_still_wrong,
                ba.spurious_before
            ),
            (1, 0, 1, 1)
        );
    }

    #[test]
    fn rates_are_micro_averaged() {
        let docs = [
            score_doc("ab", "ab", None, None),
            score_doc("abcdefgh", "abcdefgX", None, None),
        ];
        assert_eq!(summarize(&docs).cer, Some(0.1));
    }

    #[test]
    fn empty_texts_have_no_rates() {
        let d = score_doc("", "", Some(""), None);
        assert_eq!(doc_rates(&d).cer, None);
        let pc = summarize([&d]).post_correction.unwrap();
        assert_eq!((pc.cer_reduction_pct, pc.precision), (None, None));
    }

    #[test]
    fn report_lists_what_changed() {
        let mut report = Vec::new();
        score_doc(
            "the quick brown fox",
            "the quick brawn fox",
            Some("tbe quick brown f0x"),
            Some(&mut report),
        );
        let rows: Vec<(usize, &str, &str, &str, &str)> = report
            .iter()
            .map(|c| {
                (
                    c.gt_index,
                    c.status.label(),
                    c.gt_word.as_str(),
                    c.ocr.as_str(),
                    c.hyp.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (0, "fixed", "the", "tbe", "the"),
                (2, "broken", "brown", "brown", "brawn"),
                (3, "fixed", "fox", "f0x", "fox")
            ]
        );
    }
}
