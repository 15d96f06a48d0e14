//! `ocrmend repair`: repairs files, directories or stdin in parallel and
//! writes the results in input order.

use crate::atomic::{self, Replace};
use crate::decode::decode;
use crate::inputs::{self, FileKey, Job, Source, WalkFilter};
use crate::report::{self, ErrorData, Record};
use crate::{Status, UsageError, EXIT_STATUS_HELP};
use anyhow::{anyhow, bail, Context, Result};
use clap::builder::TypedValueParser as _;
use clap::{Args, ValueEnum};
use ocrmend_core::{
    apply_confident, parse_word_list, Collection, Edit, EditKind, LineEnds, OcrWord, Repairer,
    DEFAULT_MIN_CONFIDENCE,
};
use ocrmend_formats::{detect, sniff, Document, InputFormat};
use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

#[derive(Args, Debug)]
#[command(
    about = "Repair OCR text in files, directories or standard input",
    long_about = "Repair OCR text in files, directories or standard input.\n\n\
        Only edits with confidence >= --min-confidence are applied. Line endings, a \
        missing final newline and a leading BOM are kept byte for byte; only the \
        repaired words change.\n\n\
        hOCR, ALTO and PAGE XML documents are repaired in place of their words: the \
        output keeps every element, attribute and byte but the changed words (see \
        docs/formats.md). Their OCR word confidences weigh in on each edit.",
    after_help = EXIT_STATUS_HELP
)]
pub struct RepairArgs {
    /// Files or directories to repair; directories are searched recursively
    /// (in sorted order) for *.txt and *.hocr files and for *.xml/*.html files
    /// that are hOCR, ALTO or PAGE (with --input-format text: *.txt only).
    /// `-` or no PATH reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the repaired text to FILE (exactly one input)
    #[arg(short = 'o', long = "output", value_name = "FILE", conflicts_with_all = ["out_dir", "in_place"])]
    pub output: Option<PathBuf>,

    /// Write each repaired input to DIR under its file name (files found in a
    /// directory argument keep their path relative to it)
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out_dir: Option<PathBuf>,

    /// Rewrite changed inputs atomically, keeping the original as NAME.orig
    #[arg(long)]
    pub in_place: bool,

    /// With --in-place, do not keep NAME.orig backups
    #[arg(long, requires = "in_place")]
    pub no_backup: bool,

    /// Apply only edits at least this confident (0 to 1)
    #[arg(long, value_name = "P", default_value_t = DEFAULT_MIN_CONFIDENCE, value_parser = parse_confidence)]
    pub min_confidence: f32,

    /// What to print on standard output: the repaired text (nothing when
    /// -o, --out-dir or --in-place write it), JSON Lines records for every
    /// edit (see docs/json-format.md), or a unified diff
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Extra trusted words, one per line (`#` comments); repeatable
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,

    /// Files to process in parallel [default: available CPUs]
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Replace invalid UTF-8 with U+FFFD instead of failing the file
    #[arg(long)]
    pub lossy: bool,

    /// What the inputs are: detected from each file's content (XML root,
    /// hOCR classes) and name by default
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputChoice::Auto)]
    pub input_format: InputChoice,

    /// What to write for a hOCR, ALTO or PAGE input: the repaired document
    /// (same), or its repaired plain text (text; --out-dir then names the
    /// file NAME.txt)
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputChoice::Same)]
    pub output_format: OutputChoice,

    /// Do not weigh edits with the OCR engine's word confidences
    #[arg(long)]
    pub ignore_ocr_confidence: bool,

    /// Leave out edits of this kind: neither applied nor reported;
    /// repeatable
    #[arg(long = "skip", value_name = "KIND", value_parser = parse_kind)]
    pub skip: Vec<EditKind>,

    /// Words broken across line ends: joined at the end of the first line
    /// (join, as a book's reader wants), or each line kept as printed
    /// (keep, as newspaper archives such as Trove and Chronicling America
    /// transcribe). auto keeps the lines of text set in narrow columns and
    /// joins the rest
    #[arg(long, value_name = "HOW", default_value = "auto", value_parser = line_ends_parser())]
    pub line_ends: LineEnds,

    /// Repair each input on its own. By default the inputs of one run are
    /// one collection (the pages of a book): a name the others print again
    /// and again (`Kornilov`) mends its misreading on a page (`Korniloy`)
    #[arg(long)]
    pub independent: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Diff,
}

/// The embedded dictionaries plus the user's --dict word lists.
pub(crate) fn load_repairer(dicts: &[PathBuf]) -> Result<Repairer> {
    let mut repairer = Repairer::embedded().context("cannot load the embedded dictionaries")?;
    for path in dicts {
        let text = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| String::from_utf8(b).map_err(|_| "not valid UTF-8".to_owned()))
            .map_err(|e| UsageError(format!("cannot read --dict file {}: {e}", path.display())))?;
        repairer.trust_words(parse_word_list(&text));
    }
    Ok(repairer)
}

/// `--line-ends`: the core's names, listed in `--help`.
pub(crate) fn line_ends_parser() -> impl clap::builder::TypedValueParser<Value = LineEnds> {
    clap::builder::PossibleValuesParser::new(LineEnds::NAMES)
        .try_map(|name| name.parse::<LineEnds>())
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputChoice {
    Auto,
    Text,
    Hocr,
    Alto,
    Page,
}

impl InputChoice {
    fn fixed(self) -> Option<InputFormat> {
        match self {
            InputChoice::Auto => None,
            InputChoice::Text => Some(InputFormat::Text),
            InputChoice::Hocr => Some(InputFormat::Hocr),
            InputChoice::Alto => Some(InputFormat::Alto),
            InputChoice::Page => Some(InputFormat::Page),
        }
    }
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputChoice {
    Same,
    Text,
}

pub(crate) fn parse_confidence(s: &str) -> Result<f32, String> {
    let value: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("`{s}` is not between 0 and 1"))
    }
}

pub(crate) fn parse_kind(s: &str) -> Result<EditKind, String> {
    EditKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == s)
        .ok_or_else(|| {
            let names: Vec<&str> = EditKind::ALL.iter().map(|k| k.as_str()).collect();
            format!("`{s}` is not an edit kind ({})", names.join(", "))
        })
}

/// Where the repaired text goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Dest {
    Stdout,
    File(PathBuf),
    OutDir(PathBuf),
    InPlace { backup: bool },
}

/// What the workers need; generic over the analyzer so that tests can
/// drive the pipeline with known edits.
pub trait Analyze: Sync {
    fn analyze(&self, text: &str) -> Vec<Edit>;

    fn analyze_with_ocr_confidence(&self, text: &str, words: &[OcrWord]) -> Vec<Edit> {
        let _ = words;
        self.analyze(text)
    }
}

impl Analyze for Repairer {
    fn analyze(&self, text: &str) -> Vec<Edit> {
        Repairer::analyze(self, text)
    }

    fn analyze_with_ocr_confidence(&self, text: &str, words: &[OcrWord]) -> Vec<Edit> {
        Repairer::analyze_with_ocr_confidence(self, text, words)
    }
}

struct Ctx<'a, A> {
    analyzer: &'a A,
    dest: &'a Dest,
    format: Format,
    min_confidence: f32,
    lossy: bool,
    input: InputChoice,
    output: OutputChoice,
    ocr_confidence: bool,
    skip: Vec<EditKind>,
}

pub fn run(args: RepairArgs) -> Result<Status> {
    let dest = if let Some(path) = &args.output {
        Dest::File(path.clone())
    } else if let Some(dir) = &args.out_dir {
        Dest::OutDir(dir.clone())
    } else if args.in_place {
        Dest::InPlace {
            backup: !args.no_backup,
        }
    } else {
        Dest::Stdout
    };

    let mut repairer = load_repairer(&args.dicts)?;
    repairer.set_line_ends(args.line_ends);

    if args.in_place
        && args.output_format == OutputChoice::Text
        && args.input_format != InputChoice::Text
    {
        return Err(UsageError(
            "--in-place with --output-format text would replace documents with plain text; \
             use --out-dir or -o"
                .into(),
        )
        .into());
    }
    let filter = match args.input_format.fixed() {
        Some(format) => WalkFilter::Only(format),
        None => WalkFilter::Auto,
    };
    let collected = inputs::collect(&args.paths, args.out_dir.as_deref(), filter);
    for warning in &collected.warnings {
        eprintln!("warning: {warning}");
    }
    let jobs = collected.jobs;
    let targets = plan_targets(&jobs, &dest, args.output_format).map_err(anyhow::Error::new)?;
    if jobs.len() > 1 && !args.independent {
        let collection = gather_collection(&jobs, &repairer, args.input_format, args.lossy);
        repairer.set_collection(collection);
    }

    let threads = args.jobs.map(usize::from).unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let ctx = Ctx {
        analyzer: &repairer,
        dest: &dest,
        format: args.format,
        min_confidence: args.min_confidence,
        lossy: args.lossy,
        input: args.input_format,
        output: args.output_format,
        ocr_confidence: !args.ignore_ocr_confidence,
        skip: args.skip.clone(),
    };
    run_jobs(&jobs, &targets, &ctx, threads)
}

/// The names the input files print, for repairing each as one of them.
/// A file that cannot be read or decoded here is left out: its own job
/// reports why. Each file is read again by its job, so that a large batch
/// is never held in memory whole.
fn gather_collection(
    jobs: &[Job],
    repairer: &Repairer,
    input: InputChoice,
    lossy: bool,
) -> Collection {
    let mut collection = Collection::new();
    for job in jobs.iter().filter(|job| job.failed.is_none()) {
        let Source::File { path, .. } = &job.source else {
            continue;
        };
        let Some(decoded) = std::fs::read(path)
            .ok()
            .and_then(|bytes| decode(bytes, lossy).ok())
        else {
            continue;
        };
        let body = decoded.body();
        let extension = path.extension().and_then(|e| e.to_str());
        let format = input.fixed().or_else(|| detect(extension, body).ok());
        match format {
            Some(InputFormat::Text) => collection.add(repairer.lexicon(), body),
            Some(format) => {
                if let Ok(doc) = Document::parse(format, body) {
                    collection.add(repairer.lexicon(), doc.text());
                }
            }
            None => {}
        }
    }
    collection
}

/// Checks the output plan before anything is written, and returns each job's
/// output file (None for stdout and in-place). Refuses any plan that could
/// overwrite an input, since the input might be needed afterwards. Plain
/// text written from documents goes to `--out-dir` as NAME.txt.
fn plan_targets(
    jobs: &[Job],
    dest: &Dest,
    output: OutputChoice,
) -> Result<Vec<Option<PathBuf>>, UsageError> {
    let stdin_count = jobs.iter().filter(|j| j.source == Source::Stdin).count();
    if stdin_count > 1 {
        return Err(UsageError(
            "standard input (`-`) can be given only once".into(),
        ));
    }
    match dest {
        Dest::Stdout => Ok(jobs.iter().map(|_| None).collect()),
        Dest::File(target) => {
            let [job] = jobs else {
                return Err(UsageError(format!(
                    "-o takes exactly one input file, got {}; use --out-dir for several",
                    jobs.len()
                )));
            };
            if let Source::File { path, walked, .. } = &job.source {
                if *walked {
                    return Err(UsageError(
                        "-o takes one input file, not a directory; use --out-dir".into(),
                    ));
                }
                if same_file(path, target) {
                    return Err(UsageError(format!(
                        "refusing to overwrite input {} with -o; use --in-place to rewrite it with a backup",
                        path.display()
                    )));
                }
            }
            Ok(vec![Some(target.clone())])
        }
        Dest::OutDir(dir) => {
            if stdin_count > 0 {
                return Err(UsageError(
                    "--out-dir needs named input files; standard input has no name (use -o)".into(),
                ));
            }
            let mut seen: HashMap<PathBuf, &str> = HashMap::new();
            let mut input_keys: Option<HashMap<FileKey, &str>> = None;
            let mut targets = Vec::with_capacity(jobs.len());
            for job in jobs {
                // Stdin was rejected above; failed walk entries have no name.
                let rel = match &job.source {
                    Source::File { rel, .. } if job.failed.is_none() => rel,
                    _ => Path::new(""),
                };
                if rel.as_os_str().is_empty() {
                    targets.push(None);
                    continue;
                }
                let target = match output {
                    OutputChoice::Same => dir.join(rel),
                    OutputChoice::Text => dir.join(rel).with_extension("txt"),
                };
                if let Some(other) = seen.insert(target.clone(), &job.name) {
                    return Err(UsageError(format!(
                        "{other} and {} would both be written to {}",
                        job.name,
                        target.display()
                    )));
                }
                if let Some(key) = FileKey::of(&target) {
                    // Only built when some target already exists, which is
                    // rare, so big clean runs stat each input once at most.
                    let keys = input_keys.get_or_insert_with(|| {
                        jobs.iter()
                            .filter_map(|j| Some((FileKey::of(j.path()?)?, j.name.as_str())))
                            .collect()
                    });
                    if let Some(input) = keys.get(&key) {
                        return Err(UsageError(format!(
                            "refusing to overwrite input {input} (the --out-dir target for {}); \
                             choose another --out-dir",
                            job.name
                        )));
                    }
                }
                targets.push(Some(target));
            }
            Ok(targets)
        }
        Dest::InPlace { .. } => {
            if stdin_count > 0 {
                return Err(UsageError(
                    "--in-place needs named input files, not standard input".into(),
                ));
            }
            // The same file twice would race two rewrites and backups.
            let mut seen: HashMap<FileKey, &str> = HashMap::new();
            for job in jobs {
                if let Some(key) = job.path().and_then(FileKey::of) {
                    if let Some(first) = seen.insert(key, &job.name) {
                        return Err(UsageError(format!(
                            "{first} and {} are the same file; --in-place would rewrite it twice",
                            job.name
                        )));
                    }
                }
            }
            Ok(jobs.iter().map(|_| None).collect())
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    matches!((FileKey::of(a), FileKey::of(b)), (Some(a), Some(b)) if a == b)
}

/// Processes `jobs` on a pool of `threads` workers and emits their outputs
/// strictly in input order. At most a small window of finished-but-unemitted
/// results is held, so a directory of many big files is never all in memory.
fn run_jobs<A: Analyze>(
    jobs: &[Job],
    targets: &[Option<PathBuf>],
    ctx: &Ctx<'_, A>,
    threads: usize,
) -> Result<Status> {
    let threads = threads.clamp(1, jobs.len().max(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("cannot start worker threads")?;
    let window = threads * 2;
    let mut emitter = Emitter::new(ctx.format, jobs.len());
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Result<Vec<u8>>)>();

    let outcome = pool.in_place_scope(|scope| -> Result<()> {
        let mut next_spawn = 0;
        let mut pending = BTreeMap::new();
        for next_emit in 0..jobs.len() {
            while next_spawn < jobs.len() && next_spawn < next_emit + window {
                let (i, tx, stop) = (next_spawn, tx.clone(), &stop);
                let (job, target) = (&jobs[i], targets[i].as_deref());
                scope.spawn(move |_| {
                    let result = if stop.load(Ordering::Relaxed) {
                        Ok(Vec::new())
                    } else {
                        // A panic in the core on one file must not take the
                        // batch down (or leave us waiting for its result).
                        catch_unwind(AssertUnwindSafe(|| process(job, target, ctx))).unwrap_or_else(
                            |_| Err(anyhow!("internal error: the repair panicked on this file")),
                        )
                    };
                    let _ = tx.send((i, result));
                });
                next_spawn += 1;
            }
            let result = loop {
                if let Some(result) = pending.remove(&next_emit) {
                    break result;
                }
                let (i, result) = rx
                    .recv()
                    .map_err(|_| anyhow!("internal error: a worker vanished"))?;
                pending.insert(i, result);
            };
            if let Err(err) = emitter.emit(&jobs[next_emit], result) {
                stop.store(true, Ordering::Relaxed);
                return Err(err);
            }
        }
        Ok(())
    });
    emitter.finish();
    match outcome {
        Ok(()) => {}
        // The reader went away (`ocrmend repair big.txt | head`): quietly
        // stop, like a tool killed by SIGPIPE. But when files were being
        // written, say that some were skipped.
        Err(err) if is_broken_pipe(&err) => {
            // Files after the one whose output failed may have been skipped.
            if *ctx.dest != Dest::Stdout && emitter.emitted + 1 < jobs.len() {
                bail!("standard output was closed; stopped before all inputs were processed");
            }
        }
        Err(err) => return Err(err),
    }
    Ok(if emitter.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes results on the main thread: payloads to stdout, errors to stderr
/// (and as JSON records), and drives the progress bar.
struct Emitter {
    format: Format,
    stdout: io::BufWriter<io::StdoutLock<'static>>,
    progress: Option<indicatif::ProgressBar>,
    failed: usize,
    emitted: usize,
}

impl Emitter {
    fn new(format: Format, count: usize) -> Self {
        let progress = (count > 1 && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(count as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
            {
                bar.set_style(style);
            }
            bar
        });
        Self {
            format,
            stdout: io::BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
            progress,
            failed: 0,
            emitted: 0,
        }
    }

    fn emit(&mut self, job: &Job, result: Result<Vec<u8>>) -> Result<()> {
        match result {
            Ok(payload) => self.stdout.write_all(&payload)?,
            Err(err) => {
                self.failed += 1;
                let message = format!("{err:#}");
                let line = format!("error: {}: {message}", job.name);
                match &self.progress {
                    Some(bar) => bar.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
                if self.format == Format::Json {
                    let record = Record::Error(ErrorData {
                        file: &job.name,
                        message: &message,
                    });
                    report::write_record(&mut self.stdout, &record)?;
                }
            }
        }
        // Per file, so that a consumer of a long run sees records as they come.
        self.stdout.flush()?;
        self.emitted += 1;
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
        Ok(())
    }

    fn finish(&mut self) {
        if let Some(bar) = self.progress.take() {
            bar.finish_and_clear();
        }
        let _ = self.stdout.flush();
    }
}

/// Repairs one input, writes its repaired text where `ctx.dest` says, and
/// returns what to print on stdout for it.
fn process<A: Analyze>(job: &Job, target: Option<&Path>, ctx: &Ctx<'_, A>) -> Result<Vec<u8>> {
    if let Some(message) = &job.failed {
        bail!("{message}");
    }
    let bytes = match &job.source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            bytes
        }
        Source::File { path, .. } => std::fs::read(path)?,
    };
    let input_len = bytes.len();
    let decoded = decode(bytes, ctx.lossy)?;
    let format = match ctx.input.fixed() {
        Some(format) => {
            // Read as the wrong format, a document would just show no words.
            if let Some(found) = sniff(decoded.body()).filter(|&found| found != format) {
                bail!(
                    "this is {}, not {} (use --input-format {found} or auto)",
                    format_name(found),
                    format_name(format)
                );
            }
            format
        }
        None => {
            let extension = job
                .path()
                .and_then(|p| p.extension())
                .and_then(|e| e.to_str());
            detect(extension, decoded.body())?
        }
    };
    let repair = if format == InputFormat::Text {
        repair_text(decoded.text.clone(), decoded.bom_len, ctx)?
    } else {
        repair_document(&decoded.text, decoded.bom_len, format, ctx)?
    };

    match (ctx.dest, target) {
        (Dest::Stdout, _) => {}
        (Dest::File(_) | Dest::OutDir(_), Some(target)) => {
            if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create directory {}", parent.display()))?;
            }
            // Replacing an existing output keeps its permissions.
            let permissions = std::fs::metadata(target).ok().map(|m| m.permissions());
            atomic::write(
                target,
                &[repair.after.as_bytes()],
                permissions,
                Replace::Allow,
            )?;
        }
        (Dest::File(_) | Dest::OutDir(_), None) => {
            bail!("internal error: no output path for this input")
        }
        (Dest::InPlace { backup }, _) => {
            // Unchanged files are left alone: no rewrite, no backup.
            if repair.after != decoded.text {
                let Some(path) = job.path() else {
                    bail!("internal error: --in-place on standard input")
                };
                rewrite_in_place(path, decoded.original_bytes(), &repair.after, *backup)?;
            }
        }
    }

    let mut out = Vec::new();
    match ctx.format {
        Format::Text => {
            if *ctx.dest == Dest::Stdout {
                out = repair.after.into_bytes();
            }
        }
        Format::Json => report::json_records(
            &mut out,
            &job.name,
            format.as_str(),
            &repair.analysed,
            repair.body_start,
            input_len,
            &repair.edits,
            ctx.min_confidence,
        )?,
        Format::Diff => {
            out = report::unified_diff(&job.name, &repair.before, &repair.after).into_bytes()
        }
    }
    Ok(out)
}

/// One input repaired: the text the edits index and what is written.
struct Repair {
    /// The text the edits' spans index: the file itself, or the text of a
    /// document (docs/formats.md).
    analysed: String,
    /// Where `analysed` starts after a BOM (lines and columns count from here).
    body_start: usize,
    edits: Vec<Edit>,
    /// What `after` replaces: the input, or the document's text when plain
    /// text is written from a document (what a diff compares).
    before: String,
    /// What is written.
    after: String,
}

fn repair_text<A: Analyze>(text: String, bom_len: usize, ctx: &Ctx<'_, A>) -> Result<Repair> {
    let mut edits = ctx.analyzer.analyze(&text[bom_len..]);
    edits.retain(|e| !ctx.skip.contains(&e.kind));
    // The BOM was not analysed; shift spans so they index the whole file.
    for edit in &mut edits {
        edit.span.start += bom_len;
        edit.span.end += bom_len;
    }
    let after = apply_confident(&text, &edits, ctx.min_confidence)
        .context("internal error: the repair produced edits that do not fit the text")?;
    Ok(Repair {
        before: text.clone(),
        analysed: text,
        body_start: bom_len,
        edits,
        after,
    })
}

/// Repairs the text of a hOCR, ALTO or PAGE document and writes the
/// confident edits back into the document (or its plain text).
fn repair_document<A: Analyze>(
    file: &str,
    bom_len: usize,
    format: InputFormat,
    ctx: &Ctx<'_, A>,
) -> Result<Repair> {
    let doc = Document::parse(format, &file[bom_len..])
        .map_err(|err| anyhow!("cannot read it as {}: {err}", format_name(format)))?;
    let words = doc.ocr_words();
    let mut edits = if ctx.ocr_confidence && !words.is_empty() {
        ctx.analyzer.analyze_with_ocr_confidence(doc.text(), &words)
    } else {
        ctx.analyzer.analyze(doc.text())
    };
    edits.retain(|e| !ctx.skip.contains(&e.kind));
    let repaired_text = apply_confident(doc.text(), &edits, ctx.min_confidence)
        .context("internal error: the repair produced edits that do not fit the text")?;
    let (before, after) = match ctx.output {
        OutputChoice::Text => (doc.text().to_owned(), repaired_text),
        OutputChoice::Same => {
            let chosen: Vec<&Edit> = edits
                .iter()
                .filter(|e| report::is_applied(e, ctx.min_confidence))
                .collect();
            let applied = doc.apply(&chosen).context(
                "internal error: the repair produced edits that do not fit the document",
            )?;
            (
                file.to_owned(),
                format!("{}{}", &file[..bom_len], applied.document),
            )
        }
    };
    Ok(Repair {
        analysed: doc.text().to_owned(),
        body_start: 0,
        edits,
        before,
        after,
    })
}

fn format_name(format: InputFormat) -> &'static str {
    match format {
        InputFormat::Text => "text",
        InputFormat::Hocr => "hOCR",
        InputFormat::Alto => "ALTO",
        InputFormat::Page => "PAGE XML",
    }
}

/// Backs `path` up as `path.orig` (never clobbering an older backup, which
/// may be the only pristine copy), then atomically replaces it. A symlink
/// is followed so that the link survives and its target is rewritten.
fn rewrite_in_place(path: &Path, original: &[u8], repaired: &str, backup: bool) -> Result<()> {
    let is_link = std::fs::symlink_metadata(path)?.file_type().is_symlink();
    let real = if is_link {
        std::fs::canonicalize(path)?
    } else {
        path.to_path_buf()
    };
    let permissions = std::fs::metadata(&real)?.permissions();
    if backup {
        let mut name = OsString::from(real.as_os_str());
        name.push(".orig");
        let backup_path = PathBuf::from(name);
        if std::fs::symlink_metadata(&backup_path).is_ok() {
            bail!(
                "backup {} already exists; move it away or use --no-backup",
                backup_path.display()
            );
        }
        atomic::write(
            &backup_path,
            &[original],
            Some(permissions.clone()),
            Replace::Refuse,
        )?;
    }
    atomic::write(
        &real,
        &[repaired.as_bytes()],
        Some(permissions),
        Replace::Allow,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocrmend_core::{ByteSpan, EditKind};
    use std::fs;

    /// Repairs every `sorne` (confident) and suggests `aIl` → `all` below
    /// the default threshold, like the real repairer would.
    struct Fake;

    impl Analyze for Fake {
        fn analyze(&self, text: &str) -> Vec<Edit> {
            let mut edits: Vec<Edit> = [("sorne", "some", 0.9), ("aIl", "all", 0.3)]
                .iter()
                .flat_map(|&(from, to, confidence)| {
                    text.match_indices(from).map(move |(start, _)| Edit {
                        span: ByteSpan::new(start, start + from.len()),
                        original: from.into(),
                        replacement: to.into(),
                        kind: EditKind::Confusion,
                        confidence,
                        alternatives: vec![],
                    })
                })
                .collect();
            edits.sort_by_key(|e| e.span);
            edits
        }
    }

    fn file_job(path: &Path) -> Job {
        Job {
            name: path.display().to_string(),
            source: Source::File {
                path: path.to_path_buf(),
                rel: PathBuf::from(path.file_name().unwrap()),
                walked: false,
            },
            failed: None,
        }
    }

    fn ctx<'a>(dest: &'a Dest, format: Format) -> Ctx<'a, Fake> {
        Ctx {
            analyzer: &Fake,
            dest,
            format,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            lossy: false,
            input: InputChoice::Auto,
            output: OutputChoice::Same,
            ocr_confidence: true,
            skip: Vec::new(),
        }
    }

    #[test]
    fn stdout_text_keeps_crlf_bom_and_missing_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "\u{FEFF}sorne aIl\r\nsorne").unwrap();
        let out = process(&file_job(&path), None, &ctx(&Dest::Stdout, Format::Text)).unwrap();
        assert_eq!(out, "\u{FEFF}some aIl\r\nsome".as_bytes());
    }

    #[test]
    fn json_spans_index_the_file_including_bom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "\u{FEFF}x sorne").unwrap();
        let out = process(&file_job(&path), None, &ctx(&Dest::Stdout, Format::Json)).unwrap();
        let first: serde_json::Value =
            serde_json::from_str(std::str::from_utf8(&out).unwrap().lines().next().unwrap())
                .unwrap();
        assert_eq!(first["data"]["span"]["start"], 5);
        assert_eq!(first["data"]["column"], 3);
    }

    const ALTO: &str = "<alto><Layout><TextBlock><TextLine>\
        <String CONTENT=\"sorne\" WC=\"0.4\"/><SP/><String CONTENT=\"aIl\"/>\
        </TextLine></TextBlock></Layout></alto>";

    #[test]
    fn documents_are_repaired_in_place_of_their_words() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.xml");
        fs::write(&path, ALTO).unwrap();
        let out = process(&file_job(&path), None, &ctx(&Dest::Stdout, Format::Text)).unwrap();
        let expected = ALTO.replace(r#""sorne" WC="0.4""#, r#""some" WC="0.90""#);
        assert_eq!(String::from_utf8(out).unwrap(), expected);

        let mut c = ctx(&Dest::Stdout, Format::Json);
        c.output = OutputChoice::Text;
        let json = String::from_utf8(process(&file_job(&path), None, &c).unwrap()).unwrap();
        let first: serde_json::Value = serde_json::from_str(json.lines().next().unwrap()).unwrap();
        assert_eq!(
            first["data"]["span"]["start"], 0,
            "spans index the text: {json}"
        );
        assert!(json.contains(r#""format":"alto""#));
        c.format = Format::Text;
        assert_eq!(process(&file_job(&path), None, &c).unwrap(), b"some aIl\n");
    }

    #[test]
    fn plain_text_from_documents_goes_to_txt_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let jobs = vec![
            file_job(&dir.path().join("p.xml")),
            file_job(&dir.path().join("q.txt")),
        ];
        let targets = plan_targets(&jobs, &Dest::OutDir(out.clone()), OutputChoice::Text).unwrap();
        assert_eq!(targets, [Some(out.join("p.txt")), Some(out.join("q.txt"))]);
        let clash = vec![
            file_job(&dir.path().join("p.xml")),
            file_job(&dir.path().join("p.txt")),
        ];
        assert!(plan_targets(&clash, &Dest::OutDir(out), OutputChoice::Text).is_err());
    }

    #[test]
    fn in_place_backs_up_once_and_refuses_to_clobber_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "sorne text\r\n").unwrap();
        let dest = Dest::InPlace { backup: true };
        let out = process(&file_job(&path), None, &ctx(&dest, Format::Text)).unwrap();
        assert!(out.is_empty());
        assert_eq!(fs::read_to_string(&path).unwrap(), "some text\r\n");
        let orig = dir.path().join("a.txt.orig");
        assert_eq!(fs::read_to_string(&orig).unwrap(), "sorne text\r\n");

        fs::write(&path, "sorne again").unwrap();
        let err = process(&file_job(&path), None, &ctx(&dest, Format::Text)).unwrap_err();
        assert!(format!("{err:#}").contains("already exists"), "{err:#}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "sorne again");
        assert_eq!(fs::read_to_string(&orig).unwrap(), "sorne text\r\n");
    }

    #[test]
    fn min_confidence_decides_what_is_applied() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "sorne aIl").unwrap();
        let mut c = ctx(&Dest::Stdout, Format::Text);
        c.min_confidence = 0.2;
        assert_eq!(process(&file_job(&path), None, &c).unwrap(), b"some all");
        c.min_confidence = 0.95;
        assert_eq!(process(&file_job(&path), None, &c).unwrap(), b"sorne aIl");
        c.format = Format::Json;
        let json = String::from_utf8(process(&file_job(&path), None, &c).unwrap()).unwrap();
        assert_eq!(json.lines().count(), 3, "every edit is reported: {json}");
        assert!(!json.contains("\"applied\":true"));
    }

    #[test]
    fn in_place_leaves_unchanged_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, "fine aIl").unwrap();
        let dest = Dest::InPlace { backup: true };
        process(&file_job(&path), None, &ctx(&dest, Format::Text)).unwrap();
        assert!(!dir.path().join("a.txt.orig").exists());
        assert_eq!(fs::read_to_string(&path).unwrap(), "fine aIl");
    }

    #[test]
    fn lossy_in_place_backup_keeps_raw_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        fs::write(&path, b"sorne caf\xe9").unwrap();
        let dest = Dest::InPlace { backup: true };
        let mut c = ctx(&dest, Format::Text);
        assert!(process(&file_job(&path), None, &c).is_err());
        c.lossy = true;
        process(&file_job(&path), None, &c).unwrap();
        assert_eq!(
            fs::read(dir.path().join("a.txt.orig")).unwrap(),
            b"sorne caf\xe9"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "some caf\u{FFFD}");
    }

    #[cfg(unix)]
    #[test]
    fn in_place_follows_symlink_and_keeps_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        fs::write(&real, "sorne").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o604)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let dest = Dest::InPlace { backup: false };
        process(&file_job(&link), None, &ctx(&dest, Format::Text)).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "some");
        let mode = fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o604);
    }

    #[test]
    fn plan_refuses_targets_that_are_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "x").unwrap();
        let jobs = vec![file_job(&a)];
        assert!(plan_targets(&jobs, &Dest::File(a.clone()), OutputChoice::Same).is_err());
        assert!(plan_targets(
            &jobs,
            &Dest::OutDir(dir.path().to_path_buf()),
            OutputChoice::Same
        )
        .is_err());
        let out = dir.path().join("out");
        let targets = plan_targets(&jobs, &Dest::OutDir(out.clone()), OutputChoice::Same).unwrap();
        assert_eq!(targets, [Some(out.join("a.txt"))]);
        let twice = vec![file_job(&a), file_job(&a)];
        assert!(plan_targets(&twice, &Dest::InPlace { backup: true }, OutputChoice::Same).is_err());
        assert!(plan_targets(&twice, &Dest::OutDir(out), OutputChoice::Same).is_err());
        assert!(plan_targets(
            &twice,
            &Dest::File(dir.path().join("o")),
            OutputChoice::Same
        )
        .is_err());
    }

    #[test]
    fn confidence_must_be_a_probability() {
        assert_eq!(parse_confidence("0.5"), Ok(0.5));
        assert!(parse_confidence("1.5").is_err());
        assert!(parse_confidence("NaN").is_err());
        assert!(parse_confidence("x").is_err());
    }

    #[test]
    fn run_jobs_processes_everything_despite_failures() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut jobs = Vec::new();
        for i in 0..9 {
            let path = dir.path().join(format!("{i}.txt"));
            if i != 4 {
                fs::write(&path, format!("{i} sorne\n")).unwrap();
            }
            jobs.push(file_job(&path));
        }
        let dest = Dest::OutDir(out.clone());
        let targets = plan_targets(&jobs, &dest, OutputChoice::Same).unwrap();
        let status = run_jobs(&jobs, &targets, &ctx(&dest, Format::Text), 3).unwrap();
        assert_eq!(status, Status::SomeFailed);
        for i in (0..9).filter(|&i| i != 4) {
            let text = fs::read_to_string(out.join(format!("{i}.txt"))).unwrap();
            assert_eq!(text, format!("{i} some\n"));
        }
        assert!(!out.join("4.txt").exists());
    }

    struct Panicky;

    impl Analyze for Panicky {
        fn analyze(&self, text: &str) -> Vec<Edit> {
            if text.contains("boom") {
                panic!("analyzer bug");
            }
            Fake.analyze(text)
        }
    }

    #[test]
    fn a_panicking_file_fails_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let jobs: Vec<Job> = ["a sorne", "boom", "c sorne"]
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let path = dir.path().join(format!("{i}.txt"));
                fs::write(&path, text).unwrap();
                file_job(&path)
            })
            .collect();
        let dest = Dest::OutDir(out.clone());
        let targets = plan_targets(&jobs, &dest, OutputChoice::Same).unwrap();
        let ctx = Ctx {
            analyzer: &Panicky,
            dest: &dest,
            format: Format::Text,
            min_confidence: DEFAULT_MIN_CONFIDENCE,
            lossy: false,
            input: InputChoice::Auto,
            output: OutputChoice::Same,
            ocr_confidence: true,
            skip: Vec::new(),
        };
        // One worker: the panic must not leave the pool or the emitter stuck.
        let status = run_jobs(&jobs, &targets, &ctx, 1).unwrap();
        assert_eq!(status, Status::SomeFailed);
        assert_eq!(fs::read_to_string(out.join("0.txt")).unwrap(), "a some");
        assert!(!out.join("1.txt").exists());
        assert_eq!(fs::read_to_string(out.join("2.txt")).unwrap(), "c some");
    }
}
