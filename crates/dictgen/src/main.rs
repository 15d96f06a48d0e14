//! `cargo run -p ocrmend-dictgen` rewrites `dictionaries/*.fst` from
//! `dictionaries/sources/`.

use anyhow::{Context, Result};
use ocrmend_dictgen::{compile, dictionaries_dir, BIGRAMS_FST, RARE_FST, WORDS_FST};

fn main() -> Result<()> {
    let dir = std::env::args_os()
        .nth(1)
        .map(Into::into)
        .unwrap_or_else(dictionaries_dir);
    let compiled = compile(&dir.join("sources"))?;
    for (name, bytes) in [
        (WORDS_FST, &compiled.words),
        (BIGRAMS_FST, &compiled.bigrams),
        (RARE_FST, &compiled.rare),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}
