//! `cargo run -p ocrmend-dictgen` rewrites `dictionaries/*.fst` from
//! `dictionaries/sources/`.

use anyhow::{Context, Result};
use ocrmend_dictgen::{compile, dictionaries_dir};

fn main() -> Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(dictionaries_dir);
    let compiled = compile(&dir.join("sources"))?;
    for (name, bytes) in compiled.files() {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}
