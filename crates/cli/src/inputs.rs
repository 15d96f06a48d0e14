//! Which inputs a run processes, in which order, and where their output goes.
//! Only paths are collected up front; contents are read one file at a time
//! by the workers.

use std::ffi::OsStr;
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

/// Expands the arguments into jobs: files as given, directories walked for
/// `*.txt` in sorted order, `-` (or no argument) as stdin. `skip_dir` (the
/// output directory) is not walked into, so a re-run does not repair its own
/// output.
pub fn collect(paths: &[PathBuf], skip_dir: Option<&Path>) -> Collected {
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
            walk(path, skip.as_deref(), &mut jobs);
            if jobs.len() == before {
                warnings.push(format!("{}: no *.txt files found", path.display()));
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

fn walk(root: &Path, skip: Option<&Path>, jobs: &mut Vec<Job>) {
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
                let is_txt = path
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case(OsStr::new("txt")));
                if entry.depth() == 0 || !is_txt || !path.is_file() {
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
        let got = collect(&[root.to_path_buf()], None);
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
    fn skips_output_dir_and_warns_on_empty_dir() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("out")).unwrap();
        fs::write(root.join("out/x.txt"), "x").unwrap();
        fs::write(root.join("x.txt"), "x").unwrap();
        let got = collect(&[root.to_path_buf()], Some(&root.join("out")));
        assert_eq!(got.jobs.len(), 1);
        let got = collect(&[root.join("out")], Some(&root.join("out")));
        assert_eq!(got.jobs.len(), 1, "an explicit argument is still walked");
        fs::create_dir(root.join("empty")).unwrap();
        let got = collect(&[root.join("empty")], None);
        assert!(got.jobs.is_empty());
        assert_eq!(got.warnings.len(), 1);
    }

    #[test]
    fn no_paths_or_dash_mean_stdin() {
        assert_eq!(collect(&[], None).jobs[0].source, Source::Stdin);
        let got = collect(&[PathBuf::from("-"), PathBuf::from("missing.txt")], None);
        assert_eq!(got.jobs[0].source, Source::Stdin);
        assert_eq!(got.jobs[1].name, "missing.txt");
    }
}
