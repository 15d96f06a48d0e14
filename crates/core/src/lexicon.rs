//! The word model: unigram counts and word-bigram counts in two `fst::Map`s
//! built offline by `ocrmend-dictgen`, plus words a user trusts.

use crate::letters::LetterModel;
use crate::word_graph::WordGraph;
use fst::raw::{CompiledAddr, Fst, Node, Output};
use fst::{Map, Set, Streamer};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

// Layout written by `ocrmend-dictgen`; keep the two in step.
const FLAG_FREQUENCY_LIST: u64 = 1;
const FLAG_SCOWL_LOWERCASE: u64 = 2;
const FLAG_SCOWL_CAPITALIZED: u64 = 4;
const COUNT_SHIFT: u32 = 8;
const TOTAL_KEY: &[u8] = b"\x00total";

static EMBEDDED_WORDS: &[u8] = include_bytes!("../../../dictionaries/words.fst");
static EMBEDDED_BIGRAMS: &[u8] = include_bytes!("../../../dictionaries/bigrams.fst");
static EMBEDDED_RARE: &[u8] = include_bytes!("../../../dictionaries/rare.fst");

/// Why dictionary bytes could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The bytes are not an `fst::Map` (or, for the rare words, an `fst::Set`).
    #[error("{which} dictionary is not a valid fst: {source}")]
    InvalidFst {
        which: &'static str,
        #[source]
        source: fst::Error,
    },
    /// The words map lacks the total-count entry dictgen writes.
    #[error("words dictionary has no total count entry; rebuild it with ocrmend-dictgen")]
    MissingTotal,
}

/// What the dictionary knows of one lowercase word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordInfo {
    /// Occurrences in the frequency corpus (0 for words only in SCOWL).
    pub count: u64,
    /// Listed in lowercase by SCOWL or the frequency list: an ordinary word.
    pub common_noun: bool,
    /// Listed by SCOWL only with a capital: a name.
    pub proper: bool,
    /// Written by SCOWL with a capital and never without, whether or not
    /// the frequency list (all lowercase) counts it: `German`, `Robert`.
    pub always_capitalized: bool,
}

pub struct Lexicon {
    words: Map<Cow<'static, [u8]>>,
    bigrams: Map<Cow<'static, [u8]>>,
    /// Rare but real words no other list has (see `is_rare_word`).
    rare: Option<Set<Cow<'static, [u8]>>>,
    total: f64,
    user_words: HashSet<String>,
    /// The words map decoded for the candidate search and for lookups,
    /// which are cheaper in it than in the fst; built on first use.
    words_graph: OnceLock<WordGraph>,
    /// How the dictionary's words are spelt (see `spelling_score`); built
    /// on first use.
    letter_model: OnceLock<LetterModel>,
}

impl Lexicon {
    /// The dictionaries compiled into the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        Self::from_fst_bytes(
            Cow::Borrowed(EMBEDDED_WORDS),
            Cow::Borrowed(EMBEDDED_BIGRAMS),
        )?
        .with_rare_words(Cow::Borrowed(EMBEDDED_RARE))
    }

    /// Sets the rare words (an `fst::Set` of lowercase words, as
    /// `ocrmend-dictgen` writes `rare.fst`); a lexicon has none without.
    pub fn with_rare_words(mut self, rare: Cow<'static, [u8]>) -> Result<Self, LexiconError> {
        let rare = Set::new(rare).map_err(|source| LexiconError::InvalidFst {
            which: "rare words",
            source,
        })?;
        self.rare = Some(rare);
        Ok(self)
    }

    pub fn from_fst_bytes(
        words: Cow<'static, [u8]>,
        bigrams: Cow<'static, [u8]>,
    ) -> Result<Self, LexiconError> {
        let words = Map::new(words).map_err(|source| LexiconError::InvalidFst {
            which: "words",
            source,
        })?;
        let bigrams = Map::new(bigrams).map_err(|source| LexiconError::InvalidFst {
            which: "bigrams",
            source,
        })?;
        let total = words.get(TOTAL_KEY).ok_or(LexiconError::MissingTotal)? as f64;
        Ok(Self {
            words,
            bigrams,
            rare: None,
            total: total.max(1.0),
            user_words: HashSet::new(),
            words_graph: OnceLock::new(),
            letter_model: OnceLock::new(),
        })
    }

    /// Adds a word the user trusts: it is never corrected and never
    /// suggested as a correction of something else unless it is also in the
    /// dictionary.
    pub fn trust(&mut self, word: &str) {
        let word = word.trim();
        if !word.is_empty() {
            self.user_words.insert(word.to_lowercase());
        }
    }

    pub fn is_user_word(&self, lower: &str) -> bool {
        self.user_words.contains(lower)
    }

    /// Looks up a lowercase word; `None` when no list has it.
    pub fn info(&self, lower: &str) -> Option<WordInfo> {
        let value = self.words_graph().get(lower.as_bytes())?;
        Some(WordInfo {
            count: value >> COUNT_SHIFT,
            common_noun: value & (FLAG_FREQUENCY_LIST | FLAG_SCOWL_LOWERCASE) != 0,
            proper: value & FLAG_SCOWL_CAPITALIZED != 0
                && value & (FLAG_FREQUENCY_LIST | FLAG_SCOWL_LOWERCASE) == 0,
            always_capitalized: value & FLAG_SCOWL_CAPITALIZED != 0
                && value & FLAG_SCOWL_LOWERCASE == 0,
        })
    }

    /// Whether a lowercase word is listed only by SCOWL's larger lists:
    /// real but rare (`knout`, `verst`), so no correction target and no
    /// dictionary word, but more likely meant than an unknown form.
    pub fn is_rare_word(&self, lower: &str) -> bool {
        self.rare.as_ref().is_some_and(|rare| rare.contains(lower))
    }

    pub fn contains(&self, lower: &str) -> bool {
        self.words_graph().get(lower.as_bytes()).is_some()
    }

    /// How English-like the lowercase `word` is spelt, as the mean log
    /// probability of its letters under a letter model of the dictionary's
    /// words (see `LetterModel::spelling_score`). None for other characters
    /// than `a`..=`z`.
    pub(crate) fn spelling_score(&self, word: &str) -> Option<f64> {
        self.letter_model
            .get_or_init(|| {
                LetterModel::train(|add| {
                    let mut keys = self.words.keys();
                    while let Some(key) = keys.next() {
                        add(key);
                    }
                })
            })
            .spelling_score(word)
    }

    /// Sum of all unigram counts, for turning counts into probabilities.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The words map as a decoded automaton, for candidate search that
    /// walks the dictionary and the OCR error model together.
    pub(crate) fn words_graph(&self) -> &WordGraph {
        self.words_graph
            .get_or_init(|| WordGraph::from_fst(self.words.as_fst()))
    }

    /// Count of the word pair `a b` (both lowercase), 0 when unseen.
    pub fn bigram(&self, a: &str, b: &str) -> u64 {
        self.bigrams_after(a)
            .map_or(0, |after| self.bigram_after(after, b))
    }

    /// Where the pairs starting with `a` go on in the bigram map (after
    /// `a `), none when no pair starts so: a document pairs the same word
    /// with many others, so the walk over it can be made once.
    pub(crate) fn bigrams_after(&self, a: &str) -> Option<BigramsAfter> {
        let fst = self.bigrams.as_fst();
        let (node, out) = follow(fst, fst.root(), Output::zero(), a.as_bytes())?;
        let (node, out) = follow(fst, node, out, b" ")?;
        Some(BigramsAfter {
            addr: node.addr(),
            out,
        })
    }

    /// Count of the pair of `after`'s first word and `b`, 0 when unseen:
    /// `bigram(a, b)` for `after` from `bigrams_after(a)`.
    pub(crate) fn bigram_after(&self, after: BigramsAfter, b: &str) -> u64 {
        let fst = self.bigrams.as_fst();
        follow(fst, fst.node(after.addr), after.out, b.as_bytes())
            .filter(|(node, _)| node.is_final())
            .map_or(0, |(node, out)| out.cat(node.final_output()).value())
    }
}

/// Where the pairs starting with one word go on in the bigram map.
#[derive(Clone, Copy)]
pub(crate) struct BigramsAfter {
    addr: CompiledAddr,
    /// The map's output gathered on the way there.
    out: Output,
}

/// Follows `bytes` from `node` as `fst::raw::Fst::get` does, gathering the
/// output; none where the map has no key continuing so.
fn follow<'f>(
    fst: &'f Fst<Cow<'static, [u8]>>,
    mut node: Node<'f>,
    mut out: Output,
    bytes: &[u8],
) -> Option<(Node<'f>, Output)> {
    for &byte in bytes {
        let t = node.transition(node.find_input(byte)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dictionaries_load_and_answer() {
        let lexicon = Lexicon::embedded().unwrap();
        let the = lexicon.info("the").unwrap();
        assert!(the.count > 1_000_000_000);
        assert!(the.common_noun);
        assert!(lexicon.info("sorne").is_none());
        assert!(lexicon.bigram("of", "the") > lexicon.bigram("the", "of"));
        assert!(lexicon.total() > the.count as f64);
        assert!(lexicon.is_rare_word("knout"));
        // Words the main lists have are not rare, nor is a misreading.
        assert!(!lexicon.is_rare_word("the"));
        assert!(!lexicon.is_rare_word("tbe"));
    }

    #[test]
    fn rejects_garbage_bytes() {
        let err =
            Lexicon::from_fst_bytes(Cow::Owned(vec![1, 2, 3]), Cow::Borrowed(EMBEDDED_BIGRAMS));
        assert!(matches!(
            err,
            Err(LexiconError::InvalidFst { which: "words", .. })
        ));
    }
}
