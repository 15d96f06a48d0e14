//! What `ocrmend eval` prints: score.py's table (so the two read alike),
//! its JSON fields, and the word report TSV.

use super::score::{doc_rates, Counts, DocRates, Summary, WordChange};
use serde::Serialize;
use std::fmt::Write as _;

/// One scored document.
#[derive(Debug)]
pub struct ScoredDoc {
    pub name: String,
    pub gt_file: String,
    pub ocr_file: Option<String>,
    /// None when the hypothesis was repaired in memory.
    pub hyp_file: Option<String>,
    pub tier: Option<String>,
    pub counts: Counts,
    pub changes: Vec<WordChange>,
}

/// The run as a whole, for the header and the JSON metadata.
#[derive(Debug, Serialize)]
pub struct RunInfo {
    pub fold_quotes: bool,
    pub gt: String,
    pub ocr: Option<String>,
    pub hyp: Option<String>,
    /// Set when ocrmend repaired the OCR itself (no --hyp).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repaired_in_memory: Option<InMemory>,
}

#[derive(Debug, Serialize)]
pub struct InMemory {
    pub min_confidence: f32,
    pub dicts: Vec<String>,
}

fn pct(rate: Option<f64>) -> String {
    match rate {
        Some(rate) => format!("{:6.2}%", 100.0 * rate),
        None => "    -  ".to_owned(),
    }
}

fn reduction(pct: Option<f64>) -> String {
    match pct {
        Some(pct) => format!("{pct:6.1}%"),
        None => "    -  ".to_owned(),
    }
}

/// The first 30 characters of a name, as score.py's `%-30s` of `[:30]`.
fn name_column(name: &str) -> String {
    let short: String = name.chars().take(30).collect();
    format!("{short:<30}")
}

pub fn table(
    info: &RunInfo,
    summary: &Summary,
    tiers: &[(String, Summary)],
    docs: &[ScoredDoc],
    per_doc: bool,
) -> String {
    let mut out = String::new();
    let t = &summary.totals;
    let hyp = match (&info.hyp, &info.repaired_in_memory) {
        (Some(hyp), _) => format!("hyp {hyp}"),
        (None, Some(memory)) => format!(
            "hyp: ocrmend repair in memory, min confidence {}",
            memory.min_confidence
        ),
        (None, None) => "hyp".to_owned(),
    };
    let fold = if info.fold_quotes {
        " | fold-quotes"
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "docs {} | gt chars {} | gt words {} | {hyp}{fold}",
        summary.n_docs, t.gt_chars, t.gt_words
    );
    match (&summary.post_correction, &t.before_after) {
        (Some(pc), Some(ba)) => {
            let _ = writeln!(out, "           CER      WER     char err  word err");
            let _ = writeln!(
                out,
                "ocr     {}  {}  {:9} {:9}",
                pct(pc.cer_before),
                pct(pc.wer_before),
                ba.char_errors_before,
                ba.word_errors_before
            );
            let _ = writeln!(
                out,
                "hyp     {}  {}  {:9} {:9}",
                pct(pc.cer_after),
                pct(pc.wer_after),
                t.char_errors,
                t.word_errors
            );
            let _ = writeln!(
                out,
                "reduct. {}  {}",
                reduction(pc.cer_reduction_pct),
                reduction(pc.wer_reduction_pct)
            );
            let _ = writeln!(
                out,
                "words: wrong in ocr {} | fixed {} | broken {} | still wrong {} (changed {}) | \
                 precision {} | fix rate {} | spurious {} -> {}",
                ba.ocr_wrong,
                ba.fixed,
                ba.broken,
                ba.still_wrong,
                ba.changed_still_wrong,
                pct(pc.precision).trim(),
                pct(pc.fix_rate).trim(),
                ba.spurious_before,
                ba.spurious_after
            );
            let _ = writeln!(
                out,
                "docs: better {} | worse {} | same {}",
                pc.docs_better,
                pc.docs_worse,
                summary.n_docs - pc.docs_better - pc.docs_worse
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "CER {} ({} char errors)   WER {} ({} word errors)",
                pct(summary.cer).trim(),
                t.char_errors,
                pct(summary.wer).trim(),
                t.word_errors
            );
        }
    }
    let with_ocr = summary.post_correction.is_some();
    if !tiers.is_empty() {
        out.push('\n');
        if with_ocr {
            let _ = writeln!(
                out,
                "{:<12} {:>5} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6} {:>6}",
                "tier", "docs", "CERocr", "CERhyp", "WERocr", "WERhyp", "fixed", "broken", "worse"
            );
        } else {
            let _ = writeln!(
                out,
                "{:<12} {:>5} {:>8} {:>8}",
                "tier", "docs", "CER", "WER"
            );
        }
        for (tier, s) in tiers {
            let short: String = tier.chars().take(12).collect();
            match (&s.post_correction, &s.totals.before_after) {
                (Some(pc), Some(ba)) => {
                    let _ = writeln!(
                        out,
                        "{short:<12} {:>5} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6} {:>6}",
                        s.n_docs,
                        pct(pc.cer_before),
                        pct(pc.cer_after),
                        pct(pc.wer_before),
                        pct(pc.wer_after),
                        ba.fixed,
                        ba.broken,
                        pc.docs_worse
                    );
                }
                _ => {
                    let _ = writeln!(
                        out,
                        "{short:<12} {:>5} {:>8} {:>8}",
                        s.n_docs,
                        pct(s.cer),
                        pct(s.wer)
                    );
                }
            }
        }
    }
    if per_doc {
        out.push('\n');
        if with_ocr {
            let _ = writeln!(
                out,
                "{:<30} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6}",
                "name", "CERocr", "CERhyp", "WERocr", "WERhyp", "fixed", "broken"
            );
        } else {
            let _ = writeln!(out, "{:<30} {:>8} {:>8}", "name", "CER", "WER");
        }
        for doc in docs {
            let rates = doc_rates(&doc.counts);
            match &doc.counts.before_after {
                Some(ba) => {
                    let _ = writeln!(
                        out,
                        "{} {:>8} {:>8} {:>8} {:>8} {:6} {:6}",
                        name_column(&doc.name),
                        pct(rates.cer_before.flatten()),
                        pct(rates.cer),
                        pct(rates.wer_before.flatten()),
                        pct(rates.wer),
                        ba.fixed,
                        ba.broken
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{} {:>8} {:>8}",
                        name_column(&doc.name),
                        pct(rates.cer),
                        pct(rates.wer)
                    );
                }
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    scorer: &'static str,
    /// The scoring rules followed, those of this version of score.py.
    rules: &'static str,
    #[serde(flatten)]
    info: &'a RunInfo,
    #[serde(flatten)]
    summary: &'a Summary,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tiers: Vec<JsonTier<'a>>,
    docs: Vec<JsonDoc<'a>>,
}

#[derive(Serialize)]
struct JsonTier<'a> {
    tier: &'a str,
    #[serde(flatten)]
    summary: &'a Summary,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    name: &'a str,
    gt_file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ocr_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hyp_file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<&'a str>,
    #[serde(flatten)]
    counts: &'a Counts,
    #[serde(flatten)]
    rates: DocRates,
}

pub fn json(
    info: &RunInfo,
    summary: &Summary,
    tiers: &[(String, Summary)],
    docs: &[ScoredDoc],
) -> String {
    let report = JsonReport {
        scorer: "ocrmend eval",
        rules: "score.py 1.0",
        info,
        summary,
        tiers: tiers
            .iter()
            .map(|(tier, summary)| JsonTier { tier, summary })
            .collect(),
        docs: docs
            .iter()
            .map(|doc| JsonDoc {
                name: &doc.name,
                gt_file: &doc.gt_file,
                ocr_file: doc.ocr_file.as_deref(),
                hyp_file: doc.hyp_file.as_deref(),
                tier: doc.tier.as_deref(),
                counts: &doc.counts,
                rates: doc_rates(&doc.counts),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).expect("the report serialises");
    text.push('\n');
    text
}

/// score.py's --word-report: one line per fixed, broken or
/// changed-but-still-wrong ground-truth word.
pub fn word_report(docs: &[ScoredDoc]) -> String {
    let mut out = String::from("name\tgt_index\tstatus\tgt_word\tocr\thyp\n");
    for doc in docs {
        for change in &doc.changes {
            let index = change.gt_index.to_string();
            let fields = [
                doc.name.as_str(),
                &index,
                change.status.label(),
                &change.gt_word,
                &change.ocr,
                &change.hyp,
            ];
            let cleaned: Vec<String> = fields.iter().map(|f| f.replace('\t', " ")).collect();
            out.push_str(&cleaned.join("\t"));
            out.push('\n');
        }
    }
    out
}
