//! Compiles the word lists in `dictionaries/sources/` into the two `fst::Map`
//! files that `ocrmend-core` embeds. The output is a pure function of the
//! sources, so a test can rebuild in memory and compare with the committed
//! files to catch a stale build.

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Value layout shared with `ocrmend_core::lexicon`: the low 8 bits are flags,
/// the rest is the corpus count from the frequency list (0 if absent).
pub const FLAG_FREQUENCY_LIST: u64 = 1;
pub const FLAG_SCOWL_LOWERCASE: u64 = 2;
pub const FLAG_SCOWL_CAPITALIZED: u64 = 4;
pub const COUNT_SHIFT: u32 = 8;
/// Key (sorts before every word) holding the sum of all unigram counts.
pub const TOTAL_KEY: &[u8] = b"\x00total";

pub const FREQUENCY_FILE: &str = "frequency_dictionary_en_82_765.txt";
pub const BIGRAM_FILE: &str = "frequency_bigramdictionary_en_243_342.txt";
pub const SCOWL_FILES: &[&str] = &["scowl-american-english.txt", "scowl-british-english.txt"];
/// SCOWL's larger lists (size 70): their words beyond the lists above are
/// rare but real (`knout`, `verst`), which only `rare.fst` records.
pub const SCOWL_LARGE_FILES: &[&str] = &[
    "scowl-large-american-english.txt",
    "scowl-large-british-english.txt",
];

pub const WORDS_FST: &str = "words.fst";
pub const BIGRAMS_FST: &str = "bigrams.fst";
pub const RARE_FST: &str = "rare.fst";

pub struct Compiled {
    pub words: Vec<u8>,
    pub bigrams: Vec<u8>,
    /// An `fst::Set` of the lowercase words only SCOWL's larger lists have.
    pub rare: Vec<u8>,
}

impl Compiled {
    /// Each compiled file's name in `dictionaries/` with its bytes.
    pub fn files(&self) -> [(&'static str, &[u8]); 3] {
        [
            (WORDS_FST, &self.words),
            (BIGRAMS_FST, &self.bigrams),
            (RARE_FST, &self.rare),
        ]
    }
}

fn read(dir: &Path, name: &str) -> Result<String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

fn parse_count(field: Option<&str>, file: &str, line_no: usize) -> Result<u64> {
    let Some(field) = field else {
        bail!("{file}:{line_no}: missing count");
    };
    field
        .trim()
        .parse()
        .with_context(|| format!("{file}:{line_no}: bad count {field:?}"))
}

/// Builds both maps from the source directory.
pub fn compile(sources: &Path) -> Result<Compiled> {
    let mut words: BTreeMap<String, u64> = BTreeMap::new();
    let mut total: u64 = 0;

    let freq = read(sources, FREQUENCY_FILE)?;
    for (i, line) in freq.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else { continue };
        let count = parse_count(fields.next(), FREQUENCY_FILE, i + 1)?;
        total += count;
        let entry = words.entry(word.to_lowercase()).or_insert(0);
        *entry = (((*entry >> COUNT_SHIFT) + count) << COUNT_SHIFT)
            | (*entry & 0xff)
            | FLAG_FREQUENCY_LIST;
    }

    for name in SCOWL_FILES {
        let text = read(sources, name)?;
        for word in text.lines().map(str::trim) {
            // Possessives are derived at lookup time; keeping them would only
            // double the map.
            if word.is_empty() || word.ends_with("'s") {
                continue;
            }
            let lower = word.to_lowercase();
            let flag = if lower == word {
                FLAG_SCOWL_LOWERCASE
            } else {
                FLAG_SCOWL_CAPITALIZED
            };
            *words.entry(lower).or_insert(0) |= flag;
        }
    }

    let mut builder = fst::MapBuilder::memory();
    builder.insert(TOTAL_KEY, total)?;
    for (word, value) in &words {
        builder.insert(word.as_bytes(), *value)?;
    }
    let words_fst = builder.into_inner()?;

    // Only words listed in small letters: the larger lists' names and
    // abbreviations would shield misread capitals.
    let mut rare = std::collections::BTreeSet::new();
    for name in SCOWL_LARGE_FILES {
        let text = read(sources, name)?;
        for word in text.lines().map(str::trim) {
            if word.is_empty()
                || word.ends_with("'s")
                || word.chars().any(char::is_uppercase)
                || words.contains_key(word)
            {
                continue;
            }
            rare.insert(word.to_owned());
        }
    }
    let rare_fst = fst::Set::from_iter(rare)?.into_fst().into_inner();

    let mut bigrams: BTreeMap<String, u64> = BTreeMap::new();
    let text = read(sources, BIGRAM_FILE)?;
    for (i, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let (Some(a), Some(b)) = (fields.next(), fields.next()) else {
            continue;
        };
        let count = parse_count(fields.next(), BIGRAM_FILE, i + 1)?;
        *bigrams
            .entry(format!("{} {}", a.to_lowercase(), b.to_lowercase()))
            .or_insert(0) += count;
    }
    let mut builder = fst::MapBuilder::memory();
    for (pair, count) in &bigrams {
        builder.insert(pair.as_bytes(), *count)?;
    }
    let bigrams_fst = builder.into_inner()?;

    Ok(Compiled {
        words: words_fst,
        bigrams: bigrams_fst,
        rare: rare_fst,
    })
}

/// The repository's `dictionaries/` directory, found from this crate.
pub fn dictionaries_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries")
}
