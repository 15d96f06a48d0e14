//! Word probabilities: unigram and bigram with stupid back-off over the
//! embedded counts. Everything is in natural-log space.

use crate::lexicon::{BigramsAfter, Lexicon, WordInfo};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Count given to dictionary words that have no corpus count (SCOWL-only):
/// half the smallest count in the frequency list.
const UNCOUNTED_KNOWN: f64 = 150_000.0;
/// Count given to a word no list knows.
const UNKNOWN: f64 = 2_000.0;
/// Stupid back-off factor (Brants et al. 2007).
const BACKOFF: f64 = 0.4;

/// The dictionary lookups of word models over one lexicon. One document
/// asks about the same words again and again, and each look at it builds
/// a model: a hash lookup is several times cheaper than walking the
/// automaton.
#[derive(Default)]
pub struct WordMemo {
    words: RefCell<FxHashMap<Box<str>, Looked>>,
    pairs: RefCell<FxHashMap<u64, u64>>,
    /// `Lexicon::bigrams_after`, by first word: most pairs not asked
    /// before start with a word that was.
    bigrams_after: RefCell<FxHashMap<Box<str>, Option<BigramsAfter>>>,
    known: RefCell<FxHashMap<Box<str>, bool>>,
}

impl WordMemo {
    pub fn clear(&self) {
        self.words.borrow_mut().clear();
        self.pairs.borrow_mut().clear();
        self.bigrams_after.borrow_mut().clear();
        self.known.borrow_mut().clear();
    }

    /// `is_known(lower)`, remembered: every look at a document asks it of
    /// every word, and `is_known` must answer the same for the same word.
    pub fn known(&self, lower: &str, is_known: impl FnOnce(&str) -> bool) -> bool {
        if let Some(&known) = self.known.borrow().get(lower) {
            return known;
        }
        let known = is_known(lower);
        self.known.borrow_mut().insert(lower.into(), known);
        known
    }
}

/// What the dictionary says of one word.
#[derive(Clone, Copy)]
struct Looked {
    info: Option<WordInfo>,
    count: f64,
}

pub struct WordModel<'a> {
    lexicon: &'a Lexicon,
    ln_total: f64,
    /// Only ever shared by models over `lexicon`.
    memo: &'a WordMemo,
}

impl<'a> WordModel<'a> {
    pub fn new(lexicon: &'a Lexicon, memo: &'a WordMemo) -> Self {
        Self {
            lexicon,
            ln_total: lexicon.total().ln(),
            memo,
        }
    }

    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// `Lexicon::info`, remembered.
    pub fn info(&self, lower: &str) -> Option<WordInfo> {
        self.look_up(lower).info
    }

    /// Corpus count of a lowercase word, with floors for uncounted words.
    pub fn count(&self, lower: &str) -> f64 {
        self.look_up(lower).count
    }

    fn look_up(&self, lower: &str) -> Looked {
        if let Some(&looked) = self.memo.words.borrow().get(lower) {
            return looked;
        }
        let info = self.lexicon.info(lower);
        let count = match info {
            Some(info) if info.count > 0 => info.count as f64,
            Some(_) => UNCOUNTED_KNOWN,
            None if self.lexicon.is_user_word(lower) => UNCOUNTED_KNOWN,
            None => UNKNOWN,
        };
        let looked = Looked { info, count };
        self.memo.words.borrow_mut().insert(lower.into(), looked);
        looked
    }

    /// ln P(word).
    pub fn ln_unigram(&self, lower: &str) -> f64 {
        self.count(lower).ln() - self.ln_total
    }

    /// Corpus count of the pair `previous word`, remembered.
    pub fn pair_count(&self, previous: &str, word: &str) -> u64 {
        // Keyed by a 64-bit hash of the pair, so a lookup allocates nothing.
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        (previous, word).hash(&mut hasher);
        let key = hasher.finish();
        if let Some(&count) = self.memo.pairs.borrow().get(&key) {
            return count;
        }
        let count = self
            .bigrams_after(previous)
            .map_or(0, |after| self.lexicon.bigram_after(after, word));
        self.memo.pairs.borrow_mut().insert(key, count);
        count
    }

    /// `Lexicon::bigrams_after`, remembered.
    fn bigrams_after(&self, previous: &str) -> Option<BigramsAfter> {
        if let Some(&after) = self.memo.bigrams_after.borrow().get(previous) {
            return after;
        }
        let after = self.lexicon.bigrams_after(previous);
        self.memo
            .bigrams_after
            .borrow_mut()
            .insert(previous.into(), after);
        after
    }

    /// ln P(word | previous), backing off to the unigram.
    pub fn ln_bigram(&self, previous: &str, word: &str) -> f64 {
        let pair = self.pair_count(previous, word);
        if pair > 0 {
            let prev = self.count(previous);
            // Counts come from different cuts of one corpus; clamp so a pair
            // never looks likelier than certain.
            ((pair as f64) / prev.max(pair as f64)).ln()
        } else {
            BACKOFF.ln() + self.ln_unigram(word)
        }
    }

    /// ln P(word | left) + ln P(right | word): how well `word` fits between
    /// its neighbours (either may be absent at a sentence or line edge).
    pub fn ln_in_context(&self, left: Option<&str>, word: &str, right: Option<&str>) -> f64 {
        let mut score = match left {
            Some(l) => self.ln_bigram(l, word),
            None => self.ln_unigram(word),
        };
        if let Some(r) = right {
            score += self.ln_bigram(word, r);
        }
        score
    }

    /// Score of a sequence of words between optional neighbours.
    pub fn ln_sequence(&self, left: Option<&str>, words: &[&str], right: Option<&str>) -> f64 {
        let mut score = 0.0;
        let mut previous = left;
        for w in words {
            score += match previous {
                Some(p) => self.ln_bigram(p, w),
                None => self.ln_unigram(w),
            };
            previous = Some(w);
        }
        if let (Some(p), Some(r)) = (previous, right) {
            score += self.ln_bigram(p, r);
        }
        score
    }

    /// Whether the pair `a b` was seen in the bigram corpus.
    pub fn has_bigram(&self, a: &str, b: &str) -> bool {
        self.pair_count(a, b) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_prefers_the_usual_reading() {
        let lexicon = Lexicon::embedded().unwrap();
        let memo = WordMemo::default();
        let model = WordModel::new(&lexicon, &memo);
        assert!(
            model.ln_in_context(Some("modern"), "times", None)
                > model.ln_in_context(Some("modem"), "times", None)
        );
        assert!(
            model.ln_in_context(None, "to", Some("the"))
                > model.ln_in_context(None, "ta", Some("the"))
        );
        assert!(model.ln_unigram("the") > model.ln_unigram("qzxv"));
    }
}
