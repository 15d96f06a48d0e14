//! Which inputs a run processes, in which order, and where their output goes.
//! Only paths are collected up front; contents are read one file at a time
//! by the workers.

use ocrmend_formats::{sniff, InputFormat};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name stdin has in messages, JSON records and diff headers.
pub const STDIN_NAME: &str = "<stdin>";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File {
        path: PathBuf,
        /// Path under `--out-dir`: the file name for a file argument, the
        /// path relative to the directory argument for a walked file.
        rel: PathBuf,
        /// Found by walking a directory argument (not named by the user).
        walked: bool,
    },
}

/// One unit of work: an input to process, or one that already failed
/// (e.g. an unreadable directory met during the walk).
#[derive(Debug)]
pub struct Job {
    pub name: String,
    pub source: Source,
    pub failed: Option<String>,
}

impl Job {
    pub fn path(&self) -> Option<&Path> {
        match &self.source {
            Source::Stdin => None,
            Source::File { path, .. } => Some(path),
        }
    }
}

pub struct Collected {
    pub jobs: Vec<Job>,
    pub warnings: Vec<String>,
}

/// Which files a directory walk picks, by `--input-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkFilter {
    /// `*.txt`, `*.hocr`, and `*.xml`/`*.html`/`*.htm`/`*.xhtml` whose start
    /// shows hOCR, ALTO or PAGE (other XML and HTML is not OCR output).
    Auto,
    /// Only files that can be of this format: `*.txt` for text; `*.hocr`
    /// and hOCR-looking `*.html`/`*.htm`/`*.xhtml` for hOCR; ALTO- or
    /// PAGE-looking `*.xml` for those.
    Only(InputFormat),
}

impl WalkFilter {
    fn describe(self) -> &'static str {
        match self {
            WalkFilter::Auto => "*.txt, *.hocr, or hOCR, ALTO or PAGE *.xml/*.html",
            WalkFilter::Only(InputFormat::Text) => "*.txt",
            WalkFilter::Only(InputFormat::Hocr) => "*.hocr or hOCR *.html",
            WalkFilter::Only(InputFormat::Alto) => "ALTO *.xml",
            WalkFilter::Only(InputFormat::Page) => "PAGE *.xml",
        }
    }

    /// Whether a walk picks `path` (a file).
    fn picks(self, path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let markup = matches!(ext.as_str(), "xml" | "html" | "htm" | "xhtml");
        match self {
            WalkFilter::Auto => match ext.as_str() {
                "txt" | "hocr" => true,
                _ if markup => sniff_file(path).is_some(),
                _ => false,
            },
            WalkFilter::Only(InputFormat::Text) => ext == "txt",
            WalkFilter::Only(InputFormat::Hocr) => match ext.as_str() {
                "hocr" => true,
                "html" | "htm" | "xhtml" => sniff_file(path) == Some(InputFormat::Hocr),
                _ => false,
            },
            WalkFilter::Only(format) => ext == "xml" && sniff_file(path) == Some(format),
        }
    }
}

/// The structured format the start of a file shows; unreadable files are
/// not picked (a named file would fail with its reason instead).
fn sniff_file(path: &Path) -> Option<InputFormat> {
    let mut head = Vec::with_capacity(64 * 1024);
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    let valid = match std::str::from_utf8(&head) {
        Ok(text) => text,
        // Cut inside a character at the end of the sample.
        Err(err) => std::str::from_utf8(&head[..err.valid_up_to()]).ok()?,
    };
    sniff(valid)
}

/// Expands the arguments into jobs: files as given, directories walked in
/// sorted order for the files `filter` picks, `-` (or no argument) as stdin.
/// `skip_dir` (the output directory) is not walked into, so a re-run does
/// not repair its own output.
pub fn collect(paths: &[PathBuf], skip_dir: Option<&Path>, filter: WalkFilter) -> Collected {
    let mut jobs = Vec::new();
    let mut warnings = Vec::new();
    if paths.is_empty() {
        jobs.push(stdin_job());
    }
    let skip = skip_dir.and_then(|d| d.canonicalize().ok());
    for path in paths {
        if path.as_os_str() == "-" {
            jobs.push(stdin_job());
        } else if path.is_dir() {
            let before = jobs.len();
            walk(path, skip.as_deref(), filter, &mut jobs);
            if jobs.len() == before {
                warnings.push(format!(
                    "{}: no input files found ({})",
                    path.display(),
                    filter.describe()
                ));
            }
        } else {
            // Missing or unreadable files fail when the worker reads them,
            // so their error comes in order with the others.
            let rel = path.file_name().map(PathBuf::from).unwrap_or_default();
            jobs.push(Job {
                name: path.display().to_string(),
                source: Source::File {
                    path: path.clone(),
                    rel,
                    walked: false,
                },
                failed: None,
            });
        }
    }
    Collected { jobs, warnings }
}

fn stdin_job() -> Job {
    Job {
        name: STDIN_NAME.to_owned(),
        source: Source::Stdin,
        failed: None,
    }
}

fn walk(root: &Path, skip: Option<&Path>, filter: WalkFilter, jobs: &mut Vec<Job>) {
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let is_skipped = entry.depth() > 0
                && entry.file_type().is_dir()
                && skip
                    .is_some_and(|skip| entry.path().canonicalize().ok().as_deref() == Some(skip));
            !is_skipped
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                // `path.is_file()` follows symlinks, so linked files count.
                if entry.depth() == 0 || !path.is_file() || !filter.picks(path) {
                    continue;
                }
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                jobs.push(Job {
                    name: path.display().to_string(),
                    source: Source::File {
                        path: path.to_path_buf(),
                        rel,
                        walked: true,
                    },
                    failed: None,
                });
            }
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let message = match err.io_error() {
                    Some(io) => io.to_string(),
                    None => err.to_string(),
                };
                jobs.push(Job {
                    name: path.display().to_string(),
                    source: Source::File {
                        rel: PathBuf::new(),
                        path,
                        walked: true,
                    },
                    failed: Some(message),
                });
            }
        }
    }
}

/// Identity of an existing file: device and inode on Unix (which sees
/// through hard links and symlinks), the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileKey {
    #[cfg(unix)]
    id: (u64, u64),
    #[cfg(not(unix))]
    id: PathBuf,
}

impl FileKey {
    pub fn of(path: &Path) -> Option<FileKey> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileKey {
                id: (meta.dev(), meta.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            Some(FileKey {
                id: path.canonicalize().ok()?,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_txt_files_sorted_and_keeps_relative_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::create_dir_all(root.join("a")).unwrap();
        for f in [
            "b/sub/z.txt",
            "b/a.TXT",
            "a/y.txt",
            "a/notes.md",
            "c.txt",
            "c.txt.orig",
        ] {
            fs::write(root.join(f), "x").unwrap();
        }
        let got = collect(
            &[root.to_path_buf()],
            None,
            WalkFilter::Only(InputFormat::Text),
        );
        let rels: Vec<PathBuf> = got
            .jobs
            .iter()
            .map(|j| match &j.source {
                Source::File { rel, walked, .. } => {
                    assert!(walked);
                    rel.clone()
                }
                Source::Stdin => panic!("stdin"),
            })
            .collect();
        assert_eq!(
            rels,
            ["a/y.txt", "b/a.TXT", "b/sub/z.txt", "c.txt"].map(PathBuf::from)
        );
        assert!(got.warnings.is_empty());
    }

    #[test]
    fn auto_walk_picks_ocr_documents_but_not_other_markup() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let files = [
            ("a.txt", "text"),
            ("b.hocr", "<html><body class='ocr_page'></body></html>"),
            (
                "c.xml",
                "<?xml version='1.0'?>\n<alto xmlns='x'><Layout/></alto>",
            ),
            ("d.xml", "<PcGts><Page/></PcGts>"),
            ("e.xml", "<mets:mets xmlns:mets='m'/>"),
            ("f.html", "<html><body><p>a web page</p></body></html>"),
            (
                "g.html",
                "<html><body><div class='ocr_page'/></body></html>",
            ),
            ("h.md", "notes"),
        ];
        for (name, text) in files {
            fs::write(root.join(name), text).unwrap();
        }
        let names = |filter| -> Vec<String> {
            collect(&[root.to_path_buf()], None, filter)
                .jobs
                .iter()
                .map(|j| {
                    Path::new(&j.name)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        };
        assert_eq!(
            names(WalkFilter::Auto),
            ["a.txt", "b.hocr", "c.xml", "d.xml", "g.html"]
        );
        assert_eq!(
            names(WalkFilter::Only(InputFormat::Hocr)),
            ["b.hocr", "g.html"]
        );
        assert_eq!(names(WalkFilter::Only(InputFormat::Alto)), ["c.xml"]);
        assert_eq!(names(WalkFilter::Only(InputFormat::Page)), ["d.xml"]);
        assert_eq!(names(WalkFilter::Only(InputFormat::Text)), ["a.txt"]);
    }

    #[test]
    fn skips_output_dir_and_warns_on_empty_dir() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("out")).unwrap();
        fs::write(root.join("out/x.txt"), "x").unwrap();
        fs::write(root.join("x.txt"), "x").unwrap();
        let got = collect(
            &[root.to_path_buf()],
            Some(&root.join("out")),
            WalkFilter::Auto,
        );
        assert_eq!(got.jobs.len(), 1);
        let got = collect(
            &[root.join("out")],
            Some(&root.join("out")),
            WalkFilter::Auto,
        );
        assert_eq!(got.jobs.len(), 1, "an explicit argument is still walked");
        fs::create_dir(root.join("empty")).unwrap();
        let got = collect(&[root.join("empty")], None, WalkFilter::Auto);
        assert!(got.jobs.is_empty());
        assert_eq!(got.warnings.len(), 1);
    }

    #[test]
    fn no_paths_or_dash_mean_stdin() {
        assert_eq!(
            collect(&[], None, WalkFilter::Auto).jobs[0].source,
            Source::Stdin
        );
        let got = collect(
            &[PathBuf::from("-"), PathBuf::from("missing.txt")],
            None,
            WalkFilter::Auto,
        );
        assert_eq!(got.jobs[0].source, Source::Stdin);
        assert_eq!(got.jobs[1].name, "missing.txt");
    }
}
