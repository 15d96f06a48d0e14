//! `ocrmend eval`: CER/WER before and after, and the words fixed and
//! broken, against ground truth, by the rules of the project's scorer
//! (shared/eval/score.py) so that the figures agree with it. Without
//! --hyp the OCR is repaired in memory, for tuning --min-confidence.

mod align;
mod output;
mod pairing;
mod score;
mod text;
mod tiers;

use crate::decode::decode;
use crate::repair::{line_ends_parser, load_repairer, parse_confidence};
use crate::Status;
use anyhow::{anyhow, Context, Result};
use clap::{ArgGroup, Args};
use ocrmend_core::{apply_confident, Collection, Repairer, DEFAULT_MIN_CONFIDENCE};
use output::{InMemory, RunInfo, ScoredDoc};
use pairing::{Pair, Side};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

const EXIT_STATUS_HELP: &str = "\
Exit status:
  0  every document was scored
  1  an input failed: a missing or ambiguous counterpart, or a file that cannot be
     read as UTF-8 text (nothing is scored then)
  2  usage error: bad option, no ground truth found under --gt, unreadable --dict file";

const RULES_HELP: &str = "\
Pairing: with --gt DIR, every file in DIR ending in --gt-suffix is a document,
its NAME the file name minus the suffix (with --recursive, sub-folders too, NAME
being the relative path). Its counterpart in the --ocr or --hyp DIR (same
sub-folder) is NAME + --ocr-suffix / --hyp-suffix when given, else the one file
NAME.txt or NAME.<tag>.txt (<tag> without a dot; ground-truth files are never
candidates): none is a missing pair, two are ambiguous. Files without ground
truth are ignored. With --gt FILE, --ocr and --hyp may be FILEs.

Normalisation, on every side: UTF-8 (a leading BOM dropped); every whitespace
run, newlines included, becomes one space, so line structure does not matter;
no case folding, no Unicode normalisation. --fold-quotes maps typographic
quotes and dashes to ASCII.

Figures: characters are code points, words are the space-separated tokens
(punctuation attached). CER = character edit distance / ground-truth
characters, WER likewise on words, micro-averaged over the documents. Per
ground-truth word, after aligning the OCR and the hypothesis with the ground
truth: fixed (wrong in the OCR, right after), broken (right, then wrong), still
wrong (changed or not), right in both. precision = fixed / (fixed + broken +
changed still wrong). A document is better / worse when its character errors
went down / up. These are the rules of the project's scorer, score.py, and the
figures agree with it.

With a manifest.json beside the ground truth whose pages have a \"tier\", the
figures are also given per tier.";

#[derive(Args, Debug)]
#[command(
    group(ArgGroup::new("texts").required(true).multiple(true).args(["ocr", "hyp"])),
    about = "Score OCR and its repair against ground truth: CER/WER, words fixed and broken",
    long_about = "Score OCR and its repair against ground truth: CER/WER before and after, \
        words fixed and broken, documents made worse, per tier when the set's \
        manifest.json has tiers.\n\n\
        Without --hyp, ocrmend repairs the OCR in memory (as `ocrmend repair` would, \
        with --min-confidence and --dict) and scores that: the way to tune them.",
    after_help = EXIT_STATUS_HELP,
    after_long_help = format!("{RULES_HELP}\n\n{EXIT_STATUS_HELP}")
)]
pub struct EvalArgs {
    /// Ground truth: a FILE, or a DIR of files ending in --gt-suffix
    #[arg(long, value_name = "PATH")]
    pub gt: PathBuf,

    /// The OCR text: FILE or DIR. Enables the before/after and the
    /// fixed/broken figures; without --hyp, it is repaired in memory
    #[arg(long, value_name = "PATH")]
    pub ocr: Option<PathBuf>,

    /// The repaired text (hypothesis) to score: FILE or DIR
    #[arg(long, value_name = "PATH")]
    pub hyp: Option<PathBuf>,

    /// Suffix of the ground-truth files
    #[arg(long, value_name = "SUFFIX", default_value = ".gt.txt")]
    pub gt_suffix: String,

    /// Exact suffix of the OCR files, e.g. .ocr.txt
    #[arg(long, value_name = "SUFFIX")]
    pub ocr_suffix: Option<String>,

    /// Exact suffix of the hypothesis files, e.g. .ocr.txt
    #[arg(long, value_name = "SUFFIX")]
    pub hyp_suffix: Option<String>,

    /// Also search the sub-folders of --gt
    #[arg(long)]
    pub recursive: bool,

    /// Map typographic quotes and dashes to ASCII on all sides
    #[arg(long)]
    pub fold_quotes: bool,

    /// Print every figure as JSON, per document under "docs"
    #[arg(long)]
    pub json: bool,

    /// Add one line per document to the table
    #[arg(long)]
    pub per_doc: bool,

    /// Write every fixed, broken and changed-but-still-wrong ground-truth
    /// word (name, gt_index, status, gt_word, ocr, hyp) to this TSV file
    #[arg(long, value_name = "TSV", requires = "ocr")]
    pub word_report: Option<PathBuf>,

    /// Without --hyp: apply only edits at least this confident (0 to 1)
    /// [default: 0.6]
    #[arg(long, value_name = "P", value_parser = parse_confidence, conflicts_with = "hyp")]
    pub min_confidence: Option<f32>,

    /// Without --hyp: extra trusted words, one per line; repeatable
    #[arg(long = "dict", value_name = "FILE", conflicts_with = "hyp")]
    pub dicts: Vec<PathBuf>,

    /// Without --hyp: repair each OCR file on its own, not as one
    /// collection (as `ocrmend repair --independent`)
    #[arg(long, conflicts_with = "hyp")]
    pub independent: bool,

    /// Without --hyp: words broken across line ends, as `ocrmend repair
    /// --line-ends`
    #[arg(long, value_name = "HOW", default_value = "auto", value_parser = line_ends_parser(), conflicts_with = "hyp")]
    pub line_ends: ocrmend_core::LineEnds,
}

/// Where the hypothesis comes from.
enum Hypothesis {
    Files,
    /// The OCR repaired by ocrmend, as `ocrmend repair` would write it.
    Repaired {
        repairer: Box<Repairer>,
        min_confidence: f32,
    },
}

pub fn run(args: EvalArgs) -> Result<Status> {
    // As score.py: an empty suffix means none.
    fn non_empty(suffix: &Option<String>) -> Option<&str> {
        suffix.as_deref().filter(|s| !s.is_empty())
    }
    let mut sides = Vec::new();
    if let Some(ocr) = &args.ocr {
        sides.push(Side {
            label: "ocr",
            path: ocr,
            suffix: non_empty(&args.ocr_suffix),
        });
    }
    if let Some(hyp) = &args.hyp {
        sides.push(Side {
            label: "hyp",
            path: hyp,
            suffix: non_empty(&args.hyp_suffix),
        });
    }
    let pairs = pairing::make_pairs(&args.gt, &args.gt_suffix, args.recursive, &sides)?;
    let min_confidence = args.min_confidence.unwrap_or(DEFAULT_MIN_CONFIDENCE);
    let hypothesis = if args.hyp.is_some() {
        Hypothesis::Files
    } else {
        let mut repairer = load_repairer(&args.dicts)?;
        repairer.set_line_ends(args.line_ends);
        // As `ocrmend repair` takes the OCR files of one run.
        let ocr_files: Vec<&Path> = pairs.iter().filter_map(|p| p.ocr.as_deref()).collect();
        if ocr_files.len() > 1 && !args.independent {
            let mut collection = Collection::new();
            for path in ocr_files {
                let decoded = text::read_bytes(path)
                    .ok()
                    .and_then(|bytes| decode(bytes, false).ok());
                if let Some(decoded) = decoded {
                    collection.add(repairer.lexicon(), decoded.body());
                }
            }
            repairer.set_collection(collection);
        }
        Hypothesis::Repaired {
            repairer: Box::new(repairer),
            min_confidence,
        }
    };
    let tiers = if args.gt.is_dir() {
        tiers::load(&args.gt).unwrap_or_else(|problem| {
            eprintln!("warning: no tiers: {problem}");
            None
        })
    } else {
        None
    };

    let with_report = args.word_report.is_some();
    let results: Vec<Result<(ScoredDoc, NotNfc)>> = pairs
        .par_iter()
        .map(|pair| score_pair(pair, &hypothesis, args.fold_quotes, with_report))
        .collect();
    let mut docs = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    let mut not_nfc: Vec<(&str, Vec<&str>)> =
        vec![("gt", vec![]), ("hyp", vec![]), ("ocr", vec![])];
    for (pair, result) in pairs.iter().zip(results) {
        match result {
            Ok((mut doc, flags)) => {
                for (k, flagged) in [flags.gt, flags.hyp, flags.ocr].into_iter().enumerate() {
                    if flagged {
                        not_nfc[k].1.push(&pair.name);
                    }
                }
                doc.tier = tiers
                    .as_ref()
                    .and_then(|t| t.of_doc.get(&doc.name).cloned());
                docs.push(doc);
            }
            Err(err) => failures.push(format!("{err:#}")),
        }
    }
    if !failures.is_empty() {
        return Err(anyhow!(
            "{} document(s) failed, so nothing is scored:\n  {}",
            failures.len(),
            failures.join("\n  ")
        ));
    }
    for (side, names) in &not_nfc {
        if let Some(first) = names.first() {
            eprintln!(
                "warning: {} {side} file(s) not in Unicode NFC (no normalisation is applied; e.g. {first})",
                names.len()
            );
        }
    }

    let summary = score::summarize(docs.iter().map(|d| &d.counts));
    let tier_summaries: Vec<(String, score::Summary)> = tiers
        .iter()
        .flat_map(|t| t.order.iter())
        .filter_map(|tier| {
            let members: Vec<&score::Counts> = docs
                .iter()
                .filter(|d| d.tier.as_ref() == Some(tier))
                .map(|d| &d.counts)
                .collect();
            (!members.is_empty()).then(|| (tier.clone(), score::summarize(members)))
        })
        .collect();
    let info = RunInfo {
        fold_quotes: args.fold_quotes,
        gt: args.gt.display().to_string(),
        ocr: args.ocr.as_ref().map(|p| p.display().to_string()),
        hyp: args.hyp.as_ref().map(|p| p.display().to_string()),
        repaired_in_memory: matches!(hypothesis, Hypothesis::Repaired { .. }).then(|| InMemory {
            min_confidence,
            dicts: args.dicts.iter().map(|p| p.display().to_string()).collect(),
        }),
    };

    if let Some(path) = &args.word_report {
        std::fs::write(path, output::word_report(&docs))
            .with_context(|| format!("cannot write --word-report {}", path.display()))?;
    }
    let text = if args.json {
        output::json(&info, &summary, &tier_summaries, &docs)
    } else {
        output::table(&info, &summary, &tier_summaries, &docs, args.per_doc)
    };
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => {}
        // A closed reader (`| head`) is not a failure of the scoring.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(err) => return Err(err).context("cannot write to standard output"),
    }
    Ok(Status::Ok)
}

/// Which of a document's texts are not in Unicode NFC (score.py warns,
/// since no normalisation is applied and such text may look equal but
/// count as errors).
#[derive(Debug, Default)]
struct NotNfc {
    gt: bool,
    hyp: bool,
    ocr: bool,
}

fn read_text(path: &Path) -> Result<String> {
    Ok(text::decode_text(path, text::read_bytes(path)?)?)
}

fn score_pair(
    pair: &Pair,
    hypothesis: &Hypothesis,
    fold_quotes: bool,
    with_report: bool,
) -> Result<(ScoredDoc, NotNfc)> {
    let gt = read_text(&pair.gt)?;
    let (ocr, hyp) = match hypothesis {
        Hypothesis::Files => {
            let hyp_path = pair
                .hyp
                .as_ref()
                .ok_or_else(|| anyhow!("internal error: no hypothesis for {}", pair.name))?;
            let ocr = pair.ocr.as_deref().map(read_text).transpose()?;
            (ocr, read_text(hyp_path)?)
        }
        Hypothesis::Repaired {
            repairer,
            min_confidence,
        } => {
            let ocr_path = pair
                .ocr
                .as_ref()
                .ok_or_else(|| anyhow!("internal error: no OCR for {}", pair.name))?;
            let (ocr, hyp) = repair_in_memory(ocr_path, repairer, *min_confidence)?;
            (Some(ocr), hyp)
        }
    };
    let not_nfc = NotNfc {
        gt: !unicode_normalization::is_nfc(&gt),
        hyp: !unicode_normalization::is_nfc(&hyp),
        ocr: ocr
            .as_deref()
            .is_some_and(|o| !unicode_normalization::is_nfc(o)),
    };
    let gt = text::normalize(&gt, fold_quotes);
    let hyp = text::normalize(&hyp, fold_quotes);
    let ocr = ocr.map(|o| text::normalize(&o, fold_quotes));
    let mut changes = Vec::new();
    let report = (with_report && ocr.is_some()).then_some(&mut changes);
    let counts = score::score_doc(&gt, &hyp, ocr.as_deref(), report);
    let shown = |p: &Option<PathBuf>| p.as_ref().map(|p| p.display().to_string());
    let doc = ScoredDoc {
        name: pair.name.clone(),
        gt_file: pair.gt.display().to_string(),
        ocr_file: shown(&pair.ocr),
        hyp_file: shown(&pair.hyp),
        tier: None,
        counts,
        changes,
    };
    Ok((doc, not_nfc))
}

/// The OCR text and its repair, both without a BOM: what `ocrmend repair`
/// writes for the file, as score.py would read it. A file that `repair`
/// refuses (binary-looking, invalid UTF-8) fails here too.
fn repair_in_memory(
    path: &Path,
    repairer: &Repairer,
    min_confidence: f32,
) -> Result<(String, String)> {
    let bytes = text::read_bytes(path)?;
    let decoded = decode(bytes, false).with_context(|| path.display().to_string())?;
    let ocr = decoded.body();
    let edits = repairer.analyze(ocr);
    let repaired = apply_confident(ocr, &edits, min_confidence).with_context(|| {
        format!(
            "{}: internal error: the repair produced edits that do not fit the text",
            path.display()
        )
    })?;
    Ok((ocr.to_owned(), repaired))
}
