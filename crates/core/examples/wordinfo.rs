//! Development helper: prints what the embedded dictionaries say of each
//! word given as an argument (its corpus count, whether it is a name).

use ocrmend_core::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::embedded()?;
    for word in std::env::args().skip(1) {
        println!("{word}: {:?}", lexicon.info(&word.to_lowercase()));
    }
    Ok(())
}
