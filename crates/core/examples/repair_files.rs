//! Development helper: `cargo run --release -p ocrmend-core --example
//! repair_files -- OUT_DIR FILE...` writes each file repaired at the default
//! threshold into OUT_DIR, without going through the CLI. The files are one
//! collection, as the CLI takes its inputs (see `Collection`).

use ocrmend_core::{apply_confident, Collection, Repairer, DEFAULT_MIN_CONFIDENCE};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out_dir = args.next().ok_or("usage: repair_files OUT_DIR FILE...")?;
    let mut repairer = Repairer::embedded()?;
    std::fs::create_dir_all(&out_dir)?;
    let files: Vec<String> = args.collect();
    let texts = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<Vec<_>, _>>()?;
    let mut collection = Collection::new();
    for text in &texts {
        collection.add(repairer.lexicon(), text);
    }
    repairer.set_collection(collection);
    for (file, text) in files.iter().zip(&texts) {
        // OCRMEND_SKIP_KINDS=hyphenation,real_word leaves those kinds out, to
        // measure what each kind contributes.
        let skip = std::env::var("OCRMEND_SKIP_KINDS").unwrap_or_default();
        let edits: Vec<_> = repairer
            .analyze(text)
            .into_iter()
            .filter(|e| !skip.split(',').any(|k| k == e.kind.as_str()))
            .collect();
        let repaired = apply_confident(text, &edits, DEFAULT_MIN_CONFIDENCE)?;
        let name = Path::new(file).file_name().ok_or("no file name")?;
        std::fs::write(Path::new(&out_dir).join(name), repaired)?;
    }
    Ok(())
}
