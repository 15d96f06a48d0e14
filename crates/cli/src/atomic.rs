//! Atomic file writes: a temp file in the target's directory, fsync, rename.
//! A crash or a full disk leaves either the old file or the new one, never a
//! truncated mix.

use anyhow::{Context, Result};
use std::fs::{File, Permissions};
use std::io::Write;
use std::path::Path;

/// Prefix of our temp files, so that a leftover one (after a kill -9) is
/// recognisable.
pub const TEMP_PREFIX: &str = ".ocrmend-";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace `target` if it exists.
    Allow,
    /// Fail if `target` exists (backups must never clobber an older one).
    Refuse,
}

/// Writes `parts` (concatenated) to `target` atomically. `permissions`
/// defaults to what a plain `File::create` would give.
pub fn write(
    target: &Path,
    parts: &[&[u8]],
    permissions: Option<Permissions>,
    replace: Replace,
) -> Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // tempfile's default is 0600; 0666 lets the umask decide, as for
        // any new file.
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    for part in parts {
        tmp.write_all(part)
            .with_context(|| format!("cannot write {}", tmp.path().display()))?;
    }
    if let Some(permissions) = permissions {
        tmp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("cannot set permissions on {}", tmp.path().display()))?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot sync {}", tmp.path().display()))?;
    // On failure the temp file is handed back inside the error and removed
    // when the error is dropped.
    match replace {
        Replace::Allow => tmp.persist(target).map(drop).map_err(|e| e.error),
        Replace::Refuse => tmp.persist_noclobber(target).map(drop).map_err(|e| e.error),
    }
    .with_context(|| format!("cannot write {}", target.display()))?;
    sync_dir(dir);
    Ok(())
}

/// Makes the rename durable. Best effort: some filesystems refuse to sync a
/// directory, and the data itself is already on disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = (dir, File::open);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_parts_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "old").unwrap();
        write(&target, &[b"ab", b"", b"c\r\n"], None, Replace::Allow).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"abc\r\n");
        assert_eq!(entries(dir.path()), ["out.txt"]);
    }

    #[test]
    fn refuse_keeps_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x.orig");
        std::fs::write(&target, "first").unwrap();
        assert!(write(&target, &[b"second"], None, Replace::Refuse).is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        assert_eq!(entries(dir.path()), ["x.orig"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_requested_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("x");
        write(
            &target,
            &[b"x"],
            Some(Permissions::from_mode(0o640)),
            Replace::Allow,
        )
        .unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
}
