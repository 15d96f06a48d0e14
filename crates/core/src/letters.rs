//! A letter model of the dictionary's spellings: how English-like a form
//! the dictionary lacks is spelt. A name reads like other words
//! (`Isaacson`, `Dulwich`); a misread word seldom does (`Ofllco`,
//! `Austrnlinn`), as OCR's confusions make letter runs no spelling has.
//!
//! A letter 4-gram model with Witten-Bell interpolation, counted over the
//! dictionary's words (each spelling once, so common words weigh no more
//! than rare ones, as names are rare ones).

/// Letters `a`..=`z`, plus one symbol for a word's edge: before its first
/// letter in a context, after its last as the symbol predicted.
const SYMBOLS: usize = 27;
const EDGE: usize = 0;
/// Letters of context the model looks back over.
const ORDER: usize = 3;

pub(crate) struct LetterModel {
    /// By context length `k` (0..=ORDER): counts of each symbol after each
    /// context of `k` symbols, indexed `context * SYMBOLS + symbol`.
    counts: [Vec<u32>; ORDER + 1],
    /// By context length: how often each context occurs...
    context_totals: [Vec<u32>; ORDER + 1],
    /// ...and how many different symbols follow it.
    context_types: [Vec<u32>; ORDER + 1],
}

/// The symbols of `word`, then its end, each with the `ORDER` symbols
/// before it (edges before the first letter), oldest first; none for a
/// word with other characters than `a`..=`z`. (No allocation: the model
/// counts every word of the dictionary.)
fn framed(word: &[u8]) -> Option<impl Iterator<Item = ([usize; ORDER], usize)> + '_> {
    if !word.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let symbols = word
        .iter()
        .map(|&b| usize::from(b - b'a') + 1)
        .chain([EDGE]);
    Some(symbols.scan([EDGE; ORDER], |context, symbol| {
        let before = *context;
        context.rotate_left(1);
        context[ORDER - 1] = symbol;
        Some((before, symbol))
    }))
}

/// Index of the context made of `symbols` (oldest first).
fn context_index(symbols: &[usize]) -> usize {
    symbols.iter().fold(0, |at, &s| at * SYMBOLS + s)
}

impl LetterModel {
    /// Counts the letter runs of the words `each_word` hands to its
    /// callback (lowercase); words with other characters than `a`..=`z`
    /// are skipped. (A callback, as an fst streams its keys borrowed.)
    pub(crate) fn train(each_word: impl FnOnce(&mut dyn FnMut(&[u8]))) -> Self {
        let mut counts: [Vec<u32>; ORDER + 1] =
            std::array::from_fn(|k| vec![0; SYMBOLS.pow(k as u32 + 1)]);
        each_word(&mut |word| {
            for (context, symbol) in framed(word).into_iter().flatten() {
                for (k, table) in counts.iter_mut().enumerate() {
                    let at = context_index(&context[ORDER - k..]);
                    table[at * SYMBOLS + symbol] += 1;
                }
            }
        });
        let context_totals = std::array::from_fn(|k| {
            counts[k]
                .chunks(SYMBOLS)
                .map(|row| row.iter().sum())
                .collect()
        });
        let context_types = std::array::from_fn(|k| {
            counts[k]
                .chunks(SYMBOLS)
                .map(|row| row.iter().filter(|&&n| n > 0).count() as u32)
                .collect()
        });
        LetterModel {
            counts,
            context_totals,
            context_types,
        }
    }

    /// Probability of `next` after `context` (at most `ORDER` symbols),
    /// each shorter context's estimate weighing in where the longer one
    /// has seen few kinds of symbols.
    fn probability(&self, context: &[usize], next: usize) -> f64 {
        let mut p = 1.0 / SYMBOLS as f64;
        for k in 0..=context.len() {
            let at = context_index(&context[context.len() - k..]);
            let total = f64::from(self.context_totals[k][at]);
            if total == 0.0 {
                break;
            }
            let types = f64::from(self.context_types[k][at]);
            let seen = f64::from(self.counts[k][at * SYMBOLS + next]);
            p = (seen + types * p) / (total + types);
        }
        p
    }

    /// Mean log probability per symbol of the lowercase `word` (its letters
    /// and its end): about −2.5 for an English spelling, lower for other
    /// tongues' (`jeune` −4.4), lower still for many misread ones (`ofllco`
    /// −5.0). None for a word with other characters than `a`..=`z`.
    pub(crate) fn spelling_score(&self, word: &str) -> Option<f64> {
        let (total, predicted) =
            framed(word.as_bytes())?.fold((0.0, 0usize), |(total, n), (context, symbol)| {
                (total + self.probability(&context, symbol).ln(), n + 1)
            });
        Some(total / predicted as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> LetterModel {
        let words = [
            "office",
            "officer",
            "walter",
            "water",
            "council",
            "counsel",
            "report",
            "support",
            "australia",
            "australian",
            "alien",
            "nation",
            "national",
            "station",
            "port",
            "sport",
            "the",
            "then",
            "there",
            "other",
            "mother",
            "brother",
        ];
        LetterModel::train(|add| words.iter().for_each(|w| add(w.as_bytes())))
    }

    #[test]
    fn a_misread_spelling_scores_below_a_plausible_one() {
        let model = model();
        let plausible = model.spelling_score("waller").unwrap();
        let misread = model.spelling_score("wnltor").unwrap();
        assert!(plausible > misread + 1.0, "{plausible} vs {misread}");
        assert!(model.spelling_score("ofllco").unwrap() < model.spelling_score("offic").unwrap());
    }

    #[test]
    fn probabilities_after_a_context_sum_to_one() {
        let model = model();
        for context in [[EDGE, EDGE, EDGE], [EDGE, 15, 6], [24, 24, 24]] {
            let sum: f64 = (0..SYMBOLS).map(|s| model.probability(&context, s)).sum();
            assert!((sum - 1.0).abs() < 1e-9, "{context:?}: {sum}");
        }
    }

    #[test]
    fn only_small_ascii_letters_are_scored() {
        let model = model();
        assert!(model.spelling_score("Office").is_none());
        assert!(model.spelling_score("rôle").is_none());
        assert!(model.spelling_score("o'clock").is_none());
        assert!(model.spelling_score("").is_some());
    }
}
