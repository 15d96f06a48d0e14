//! Which files are compared with which: score.py's pairing rule, so that
//! both tools score the same documents under the same names.

use crate::UsageError;
use anyhow::{anyhow, Result};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// One document: its name (the ground-truth file name minus the suffix,
/// with `/`-separated folders under --recursive) and its files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub name: String,
    pub gt: PathBuf,
    pub ocr: Option<PathBuf>,
    pub hyp: Option<PathBuf>,
}

/// Where the OCR or hypothesis files of a run are.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// "ocr" or "hyp", as in the option's name.
    pub label: &'static str,
    pub path: &'a Path,
    /// Exact suffix of the files (--ocr-suffix / --hyp-suffix).
    pub suffix: Option<&'a str>,
}

/// How many pairing problems are listed before "and N more".
const LISTED_PROBLEMS: usize = 10;

/// Pairs every ground-truth file under `gt` with its counterparts on each
/// side. Missing or ambiguous counterparts are all reported at once.
pub fn make_pairs(
    gt: &Path,
    gt_suffix: &str,
    recursive: bool,
    sides: &[Side],
) -> Result<Vec<Pair>> {
    let gts = collect_gt(gt, gt_suffix, recursive)?;
    let mut pairs: Vec<Pair> = gts
        .into_iter()
        .map(|(name, path)| Pair {
            name,
            gt: path,
            ocr: None,
            hyp: None,
        })
        .collect();
    let mut problems = Vec::new();
    for side in sides {
        if side.path.is_file() {
            if pairs.len() != 1 || !gt.is_file() {
                return Err(UsageError(format!(
                    "--{label} {} is a file but --gt is a folder: give a folder for --{label} too",
                    side.path.display(),
                    label = side.label
                ))
                .into());
            }
            *slot(&mut pairs[0], side.label) = Some(side.path.to_path_buf());
            continue;
        }
        if !side.path.is_dir() {
            return Err(anyhow!(
                "--{} {}: no such file or directory",
                side.label,
                side.path.display()
            ));
        }
        let mut finder = Finder::new(side.path, side.suffix, gt_suffix);
        for pair in &mut pairs {
            match finder.find(&pair.name) {
                Err(problem) => {
                    problems.push(format!("--{} for {:?}: {problem}", side.label, pair.name))
                }
                Ok(path) if absolute(&path) == absolute(&pair.gt) => problems.push(format!(
                    "--{} for {:?} resolves to the gt file itself",
                    side.label, pair.name
                )),
                Ok(path) => *slot(pair, side.label) = Some(path),
            }
        }
    }
    if !problems.is_empty() {
        let more = match problems.len().checked_sub(LISTED_PROBLEMS) {
            Some(more) if more > 0 => format!("\n  ... and {more} more"),
            _ => String::new(),
        };
        let listed: Vec<&str> = problems
            .iter()
            .take(LISTED_PROBLEMS)
            .map(String::as_str)
            .collect();
        return Err(anyhow!(
            "{} pairing problem(s):\n  {}{more}\n(pairing rule: see `ocrmend eval --help`; \
             --ocr-suffix/--hyp-suffix force an exact suffix)",
            problems.len(),
            listed.join("\n  ")
        ));
    }
    Ok(pairs)
}

/// The field of `pair` for the side called `label`.
fn slot<'p>(pair: &'p mut Pair, label: &str) -> &'p mut Option<PathBuf> {
    if label == "ocr" {
        &mut pair.ocr
    } else {
        &mut pair.hyp
    }
}

/// (NAME, path) of every ground-truth file, in score.py's order.
fn collect_gt(path: &Path, gt_suffix: &str, recursive: bool) -> Result<Vec<(String, PathBuf)>> {
    if path.is_file() {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(vec![(
            strip_suffix(&file_name, gt_suffix),
            path.to_path_buf(),
        )]);
    }
    if !path.is_dir() {
        return Err(anyhow!(
            "--gt {}: no such file or directory",
            path.display()
        ));
    }
    let mut found = Vec::new();
    if recursive {
        walk_gt(path, "", gt_suffix, &mut found)?;
    } else {
        for file_name in sorted_names(path)? {
            let file = path.join(&file_name);
            if let Some(name) = name_before(&file_name, gt_suffix) {
                if file.is_file() {
                    found.push((name.to_owned(), file));
                }
            }
        }
    }
    if found.is_empty() {
        let hint = if recursive {
            ""
        } else {
            " (not searching sub-folders; see --recursive)"
        };
        return Err(UsageError(format!(
            "--gt {}: no file ending in {gt_suffix:?} found{hint} (see --gt-suffix)",
            path.display()
        ))
        .into());
    }
    Ok(found)
}

/// Like Python's os.walk top-down with sorted folders: a folder's files
/// first, then its sub-folders; folder links are listed, not followed.
fn walk_gt(
    dir: &Path,
    rel: &str,
    gt_suffix: &str,
    found: &mut Vec<(String, PathBuf)>,
) -> Result<()> {
    let mut subdirs = Vec::new();
    for file_name in sorted_names(dir)? {
        let path = dir.join(&file_name);
        if path.is_dir() {
            let is_link =
                std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
            if !is_link {
                subdirs.push(file_name);
            }
        } else if let Some(name) = name_before(&file_name, gt_suffix) {
            found.push((format!("{rel}{name}"), path));
        }
    }
    for sub in subdirs {
        walk_gt(&dir.join(&sub), &format!("{rel}{sub}/"), gt_suffix, found)?;
    }
    Ok(())
}

/// The names in `dir` in code point order (as Python sorts them); names
/// that are not UTF-8 cannot be documents here and are skipped.
fn sorted_names(dir: &Path) -> Result<Vec<String>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| anyhow!("cannot read directory {}: {e}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| anyhow!("cannot read directory {}: {e}", dir.display()))?;
        if let Ok(name) = entry.file_name().into_string() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// `file_name` minus `suffix` when it ends in it and is longer.
fn name_before<'a>(file_name: &'a str, suffix: &str) -> Option<&'a str> {
    file_name
        .strip_suffix(suffix)
        .filter(|name| !name.is_empty())
}

/// NAME of a ground-truth file given as a file: minus the suffix, else
/// minus ".txt".
fn strip_suffix(file_name: &str, suffix: &str) -> String {
    let name = name_before(file_name, suffix)
        .filter(|_| !suffix.is_empty())
        .or_else(|| file_name.strip_suffix(".txt"))
        .unwrap_or(file_name);
    name.to_owned()
}

/// Absolute and lexically normalised, like Python's os.path.abspath (no
/// symlinks resolved).
fn absolute(path: &Path) -> PathBuf {
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Finds the counterpart of a NAME in a folder.
struct Finder<'a> {
    root: &'a Path,
    suffix: Option<&'a str>,
    gt_suffix: &'a str,
    /// Per folder: base name -> candidate file names.
    index: HashMap<PathBuf, HashMap<String, Vec<String>>>,
}

impl<'a> Finder<'a> {
    fn new(root: &'a Path, suffix: Option<&'a str>, gt_suffix: &'a str) -> Self {
        Finder {
            root,
            suffix,
            gt_suffix,
            index: HashMap::new(),
        }
    }

    /// NAME.txt and NAME.<tag>.txt (tag without a dot) of `dir`, never a
    /// ground-truth file.
    fn dir_index(&mut self, dir: &Path) -> &HashMap<String, Vec<String>> {
        let gt_suffix = self.gt_suffix;
        self.index.entry(dir.to_path_buf()).or_insert_with(|| {
            let mut index: HashMap<String, Vec<String>> = HashMap::new();
            for file_name in sorted_names(dir).unwrap_or_default() {
                let Some(base) = file_name.strip_suffix(".txt") else {
                    continue;
                };
                let is_gt = file_name.ends_with(".gt.txt")
                    || (!gt_suffix.is_empty()
                        && gt_suffix != ".txt"
                        && file_name.ends_with(gt_suffix));
                if is_gt || !dir.join(&file_name).is_file() {
                    continue;
                }
                index
                    .entry(base.to_owned())
                    .or_default()
                    .push(file_name.clone());
                if let Some((stem, _tag)) = base.rsplit_once('.') {
                    index
                        .entry(stem.to_owned())
                        .or_default()
                        .push(file_name.clone());
                }
            }
            index
        })
    }

    fn find(&mut self, name: &str) -> Result<PathBuf, String> {
        let (sub, base) = name.rsplit_once('/').unwrap_or(("", name));
        let dir = if sub.is_empty() {
            self.root.to_path_buf()
        } else {
            self.root.join(sub)
        };
        if let Some(suffix) = self.suffix {
            let path = dir.join(format!("{base}{suffix}"));
            return if path.is_file() {
                Ok(path)
            } else {
                Err(format!("missing {}", path.display()))
            };
        }
        let mut candidates = self.dir_index(&dir).get(base).cloned().unwrap_or_default();
        candidates.sort();
        candidates.dedup();
        match candidates.as_slice() {
            [one] => Ok(dir.join(one)),
            [] => Err(format!(
                "missing: no {base}.txt or {base}.<tag>.txt in {}",
                dir.display()
            )),
            many => Err(format!(
                "ambiguous: {} all match {base:?} in {}",
                many.join(", "),
                dir.display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn side<'a>(label: &'static str, path: &'a Path, suffix: Option<&'a str>) -> Side<'a> {
        Side {
            label,
            path,
            suffix,
        }
    }

    #[test]
    fn pairs_by_name_with_any_tag() {
        // score.py's self-test 11.
        let tmp = tempfile::tempdir().unwrap();
        let (set, out) = (tmp.path().join("set"), tmp.path().join("out"));
        write(&set, "p1.gt.txt", "the cat");
        write(&set, "p1.ocr.txt", "tho cat");
        write(&set, "p2.gt.txt", "café au lait");
        write(&set, "p2.ocr.txt", "cafe au lait");
        write(&out, "p1.txt", "the cat");
        write(&out, "p2.peer.txt", "café au  lait\n");
        write(&out, "p9.peer.txt", "ignored");
        let sides = [side("ocr", &set, None), side("hyp", &out, None)];
        let pairs = make_pairs(&set, ".gt.txt", false, &sides).unwrap();
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].name, "p1");
        assert_eq!(
            pairs[0].ocr.as_deref(),
            Some(set.join("p1.ocr.txt").as_path())
        );
        assert_eq!(pairs[0].hyp.as_deref(), Some(out.join("p1.txt").as_path()));
        assert_eq!(
            pairs[1].hyp.as_deref(),
            Some(out.join("p2.peer.txt").as_path())
        );

        write(&out, "p1.other.txt", "x");
        let err = make_pairs(&set, ".gt.txt", false, &sides).unwrap_err();
        assert!(
            err.to_string()
                .contains("ambiguous: p1.other.txt, p1.txt all match \"p1\""),
            "{err}"
        );

        let err = make_pairs(
            &set,
            ".gt.txt",
            false,
            &[side("hyp", &out, Some(".peer.txt"))],
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("1 pairing problem(s):"), "{err}");
        assert!(err.contains("--hyp for \"p1\": missing "), "{err}");
        assert!(err.contains("p1.peer.txt"), "{err}");
    }

    #[test]
    fn a_file_pairs_with_files_only() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "a.gt.txt", "x");
        write(tmp.path(), "a.ocr.txt", "x");
        let gt = tmp.path().join("a.gt.txt");
        let ocr = tmp.path().join("a.ocr.txt");
        let pairs = make_pairs(&gt, ".gt.txt", false, &[side("ocr", &ocr, None)]).unwrap();
        assert_eq!(pairs[0].name, "a");
        assert_eq!(pairs[0].ocr.as_deref(), Some(ocr.as_path()));
        let err = make_pairs(tmp.path(), ".gt.txt", false, &[side("ocr", &ocr, None)]).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
        assert_eq!(strip_suffix("page.txt", ".gt.txt"), "page");
        assert_eq!(strip_suffix(".gt.txt", ".gt.txt"), ".gt");
    }

    #[test]
    fn the_gt_file_is_never_its_own_counterpart() {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), "a.gt.txt", "x");
        let sides = [side("ocr", tmp.path(), Some(".gt.txt"))];
        let err = make_pairs(tmp.path(), ".gt.txt", false, &sides).unwrap_err();
        assert!(
            err.to_string().contains("resolves to the gt file itself"),
            "{err}"
        );
        // Without a suffix, ground-truth files are never candidates.
        let err = make_pairs(
            tmp.path(),
            ".gt.txt",
            false,
            &[side("ocr", tmp.path(), None)],
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("missing: no a.txt or a.<tag>.txt"),
            "{err}"
        );
    }

    #[test]
    fn recursive_lists_files_before_sub_folders() {
        let tmp = tempfile::tempdir().unwrap();
        for rel in [
            "b/x.gt.txt",
            "a.gt.txt",
            "c.gt.txt",
            "b/c/y.gt.txt",
            "b/z.gt.txt",
        ] {
            write(tmp.path(), rel, "x");
        }
        let names: Vec<String> = collect_gt(tmp.path(), ".gt.txt", true)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert_eq!(names, ["a", "c", "b/x", "b/z", "b/c/y"]);
        let flat = collect_gt(tmp.path(), ".gt.txt", false).unwrap();
        assert_eq!(flat.len(), 2);
        let err = collect_gt(&tmp.path().join("b/c"), ".txt.gt", false).unwrap_err();
        assert!(err.downcast_ref::<UsageError>().is_some());
    }
}
