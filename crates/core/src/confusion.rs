//! The OCR error model and the candidate search.
//!
//! Candidates are found by walking the dictionary automaton and the observed
//! word together, so a branch dies as soon as no dictionary word continues
//! it. Each step either keeps a character, applies a known OCR confusion
//! (`rn` read for `m`, `c` for `e`, `\v` for `w`...) at its learned cost, or
//! makes a general edit at full cost, within a budget.

use crate::lexicon::Lexicon;
use crate::model::WordMemo;
use crate::word_graph::{WordAutomaton, WordGraph};
use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A confusion: the OCR printed `observed` where the page had `truth`.
/// `observed` is matched case-insensitively unless it holds an uppercase
/// letter; `truth` is lowercase (dictionary keys are).
struct Rule {
    /// Index into `all_rules()`, and into an `ErrorModel`'s costs.
    id: usize,
    observed: &'static [char],
    truth: &'static str,
    /// A misreading of capitals only, looked for in words all in capitals.
    caps_only: bool,
}

/// (observed, truth, cost). A general substitution costs 1.0; these are the
/// misreadings OCR engines make far more often than chance.
const RULES: &[(&str, &str, f32)] = &[
    // Glyphs that merge or split.
    ("rn", "m", 0.3),
    ("m", "rn", 0.4),
    ("in", "m", 0.5),
    ("m", "in", 0.5),
    ("ni", "m", 0.5),
    ("m", "ni", 0.5),
    ("n", "fi", 0.7),
    ("n", "ti", 0.7),
    ("n", "rt", 0.8),
    ("u", "ti", 0.7),
    ("h", "ti", 0.7),
    ("iii", "m", 0.5),
    ("nn", "m", 0.6),
    ("m", "nn", 0.6),
    ("cl", "d", 0.4),
    ("d", "cl", 0.5),
    ("li", "h", 0.4),
    ("h", "li", 0.5),
    ("lı", "h", 0.4),
    ("ii", "u", 0.4),
    ("u", "ii", 0.5),
    ("ii", "n", 0.5),
    ("n", "ii", 0.6),
    ("ri", "n", 0.5),
    ("n", "ri", 0.6),
    ("vv", "w", 0.3),
    ("w", "vv", 0.5),
    ("\\v", "w", 0.2),
    ("\\\"", "v", 0.3),
    ("\\'", "v", 0.4),
    ("\\", "l", 0.6),
    ("fi", "fl", 0.4),
    ("fl", "fi", 0.4),
    ("fi", "ff", 0.5),
    ("ff", "fi", 0.5),
    ("tl", "d", 0.6),
    ("lc", "k", 0.5),
    ("k", "lc", 0.6),
    ("u", "ir", 0.8),
    // A worn page's thin `i` lost between `e` and `r` (`ther` for `their`).
    ("er", "eir", 0.3),
    // Tesseract on a worn page reads a thin `i` as `t` (`Russta`).
    ("t", "i", 0.7),
    (")'", "y", 0.3),
    ("}'", "y", 0.3),
    (":'", "y", 0.4),
    ("}", "y", 0.6),
    (")", "y", 0.6),
    ("'l", "d", 0.7),
    // Single-glyph confusions.
    ("I", "l", 0.2),
    ("l", "i", 0.5),
    ("i", "l", 0.5),
    ("1", "l", 0.3),
    ("1", "i", 0.3),
    ("!", "l", 0.3),
    ("!", "i", 0.4),
    ("|", "l", 0.2),
    ("|", "i", 0.3),
    ("l", "t", 0.6),
    ("t", "l", 0.6),
    ("I", "f", 0.5),
    ("I", "t", 0.6),
    ("P", "t", 0.6),
    ("f", "t", 0.6),
    ("t", "f", 0.6),
    ("f", "l", 0.7),
    ("c", "e", 0.4),
    ("e", "c", 0.4),
    ("e", "o", 0.6),
    ("o", "e", 0.6),
    ("a", "o", 0.5),
    ("o", "a", 0.6),
    ("c", "o", 0.6),
    ("o", "c", 0.6),
    ("a", "e", 0.6),
    ("e", "a", 0.7),
    ("u", "n", 0.5),
    ("n", "u", 0.5),
    ("h", "b", 0.5),
    ("b", "h", 0.5),
    ("n", "h", 0.6),
    ("h", "n", 0.6),
    ("r", "t", 0.7),
    ("i", "j", 0.6),
    ("j", "i", 0.6),
    ("v", "y", 0.6),
    ("y", "v", 0.6),
    ("u", "v", 0.6),
    ("v", "u", 0.6),
    ("g", "q", 0.6),
    ("q", "g", 0.6),
    ("s", "a", 0.7),
    ("0", "o", 0.3),
    ("5", "s", 0.4),
    ("8", "b", 0.5),
    ("6", "b", 0.6),
    ("9", "g", 0.6),
    ("2", "z", 0.6),
    ("$", "s", 0.5),
    ("@", "a", 0.6),
    // Frequent in degraded newsprint.
    ("i", "r", 0.7),
    ("r", "i", 0.7),
    ("ll", "ff", 0.5),
    ("ff", "ll", 0.6),
    ("l", "f", 0.7),
    ("u", "a", 0.7),
    ("o", "u", 0.7),
    ("u", "o", 0.7),
    ("u", "e", 0.7),
    ("s", "e", 0.7),
    ("K", "r", 0.7),
    ("K", "h", 0.7),
    ("ti", "h", 0.6),
    ("rr", "m", 0.6),
    ("ln", "h", 0.6),
    ("b", "l", 0.7),
    ("c", "t", 0.7),
    ("e", "s", 0.7),
    ("y", "g", 0.7),
    ("a", "u", 0.7),
    ("i", "a", 0.7),
    ("r", "v", 0.8),
    ("k", "b", 0.7),
    ("c", "r", 0.8),
    // Worn type in old newsprint: `pluceil`, and `and` read `mid`, `ami`.
    ("il", "d", 0.6),
    ("mi", "an", 0.7),
    ("mi", "nd", 0.7),
    // Capitals whose bowls or bars a worn face loses or gains (`Pirst`,
    // `Defore`, `workB`): dearer than a name may be read by (`Fowell` is
    // no `Powell`).
    ("B", "r", 0.75),
    ("B", "s", 0.75),
    ("D", "b", 0.75),
    ("P", "f", 0.75),
    ("F", "p", 0.75),
    // Two tall letters run together read as one capital inside a word.
    ("U", "ll", 0.3),
    ("U", "tt", 0.4),
    ("H", "ll", 0.4),
    // A guillemet glued to a word is far more often a worn `s` than a
    // speck, even where the word without it is one (`officer«`, `bag«`).
    ("»", "", 0.6),
    ("«", "", 0.6),
    ("»", "s", 0.3),
    ("«", "s", 0.3),
    // ...and so is an asterisk after a word on a worn page (`hope*`, `Jame*`).
    ("*", "s", 0.3),
    // A worn `w` read as a guillemet (`»vas`, `«ith`).
    ("»v", "w", 0.3),
    ("«v", "w", 0.3),
    ("»", "w", 0.7),
    ("«", "w", 0.7),
    // A worn `y` loses its tail's curve (`maj`, `Sjdney`), and a `w`
    // splits into two glyphs (`tvas`, `xvent`).
    ("j", "y", 0.6),
    ("tv", "w", 0.5),
    ("xv", "w", 0.5),
    ("Av", "w", 0.4),
    // A worn `H` whose bar is lost (`Ile`, `Ilobart`).
    ("Il", "h", 0.4),
    // ...and the arch of a small `h` (`tiiey`, `iiad`).
    ("ii", "h", 0.5),
];

/// Capitals misread as other capitals (a headline's `TIIK` for `THE`,
/// `TEEATMENT`, `LADIHS`): confusions of their shapes, which
/// small letters do not share, so they are looked for only in words all
/// in capitals.
const CAPS_RULES: &[(&str, &str, f32)] = &[
    ("II", "h", 0.4),
    ("E", "r", 0.6),
    ("T", "y", 0.6),
    ("O", "g", 0.6),
    ("K", "e", 0.6),
    ("B", "e", 0.7),
    ("V", "w", 0.6),
    ("V", "n", 0.7),
    ("AV", "w", 0.5),
    ("F", "e", 0.6),
    ("X", "n", 0.6),
    ("U", "r", 0.7),
];

/// Every rule, in id order: `RULES`, then `CAPS_RULES`.
fn all_rules() -> impl Iterator<Item = &'static (&'static str, &'static str, f32)> {
    RULES.iter().chain(CAPS_RULES)
}

/// Deleting a speck of noise inside a word.
const NOISE_DELETE_COST: f32 = 0.4;
/// Lowercasing a capital that cannot be one (`aIl`).
const INNER_CAPITAL_COST: f32 = 0.4;
/// Dropping a diacritic the OCR invented (`cÏrcumstances`).
const DIACRITIC_COST: f32 = 0.3;
/// Dropping a lowercase accent (`allôwed`).
const PLAIN_DIACRITIC_COST: f32 = 0.7;
const GENERAL_EDIT_COST: f32 = 1.0;

/// The rules by the first character of their observed pattern, in `RULES`
/// order: ASCII characters in a table, the few others in a map.
struct RuleIndex {
    ascii: Vec<Vec<Rule>>,
    other: HashMap<char, Vec<Rule>>,
}

fn rule_index() -> &'static RuleIndex {
    static INDEX: OnceLock<RuleIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = RuleIndex {
            ascii: (0..128).map(|_| Vec::new()).collect(),
            other: HashMap::default(),
        };
        for (id, &(observed, truth, _)) in all_rules().enumerate() {
            let chars: Vec<char> = observed.chars().collect();
            let observed: &'static [char] = Box::leak(chars.into_boxed_slice());
            let first = observed[0];
            let list = if first.is_ascii() {
                &mut index.ascii[first as usize]
            } else {
                index.other.entry(first).or_default()
            };
            list.push(Rule {
                id,
                observed,
                truth,
                caps_only: id >= RULES.len(),
            });
        }
        index
    })
}

/// The rules whose observed pattern starts with `key`.
fn rules_starting_with(key: char) -> &'static [Rule] {
    let index = rule_index();
    if key.is_ascii() {
        &index.ascii[key as usize]
    } else {
        index.other.get(&key).map_or(&[], Vec::as_slice)
    }
}

fn is_noise(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '\'' | '`' | '"' | ':' | ';' | '^' | '*' | '~' | '_' | '•' | '·' | '’' | '‘'
    )
}

fn matches_at(input: &[char], at: usize, pattern: &[char]) -> bool {
    if at + pattern.len() > input.len() {
        return false;
    }
    pattern.iter().zip(&input[at..]).all(|(&p, &c)| {
        p == c || (!p.is_uppercase() && c.is_uppercase() && c.to_lowercase().eq(std::iter::once(p)))
    })
}

/// How far the search may stray from the observed word.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    pub max_cost: f32,
    /// General (non-OCR-specific) edits allowed.
    pub max_general: u8,
}

impl Budget {
    /// A budget that grows with word length: short words are easy to turn
    /// into other words, so they get only OCR confusions.
    pub fn for_length(chars: usize) -> Self {
        match chars {
            0..=2 => Budget {
                max_cost: 0.9,
                max_general: 0,
            },
            3 => Budget {
                max_cost: 1.0,
                max_general: 1,
            },
            4..=5 => Budget {
                max_cost: 1.2,
                max_general: 1,
            },
            6..=11 => Budget {
                max_cost: 1.6,
                max_general: 1,
            },
            _ => Budget {
                max_cost: 2.0,
                max_general: 1,
            },
        }
    }

    /// A wider search for a long word in a badly damaged text, where
    /// the usual budget found nothing: two general edits.
    pub fn deep() -> Self {
        Budget {
            max_cost: 2.2,
            max_general: 2,
        }
    }

    /// Wider still, for a long word on a worn page that the deep search
    /// could not place: three general edits.
    pub fn deeper() -> Self {
        Budget {
            max_cost: 3.2,
            max_general: 3,
        }
    }

    /// Only cheap OCR confusions: for words the dictionary already knows.
    pub fn confusions_only(max_cost: f32) -> Self {
        Budget {
            max_cost,
            max_general: 0,
        }
    }
}

/// A dictionary word the observed text may stand for.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Lowercase, as in the dictionary.
    pub word: String,
    /// Cost of reading the observed text as this word (0 = identical).
    pub cost: f32,
    /// The confusions on the cheapest path.
    pub rules: Vec<Step>,
}

impl Candidate {
    /// Whether every step on the path is a listed OCR confusion, no general
    /// edit.
    pub fn by_listed_confusions(&self) -> bool {
        self.rules.iter().all(|step| matches!(step, Step::Rule(_)))
    }
}

/// One confusion on a search path: a known rule, or a general substitution
/// of one character for one letter (which a document may turn into a habit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Rule(usize),
    Substitute(char, u8),
}

/// Confusion costs for one document. Every scan has its own habits (`c`
/// for `e` in one book, `h` for `b` in another): rules that the confident
/// repairs of a first pass used again and again get cheaper.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorModel {
    costs: Vec<f32>,
    /// Single-character misreadings this document makes that no rule
    /// lists: observed (lowercase) -> (truth byte, cost).
    habits: HashMap<char, Vec<(u8, f32)>>,
    fingerprint: u64,
}

impl Default for ErrorModel {
    fn default() -> Self {
        Self::with_costs(
            all_rules().map(|&(_, _, cost)| cost).collect(),
            HashMap::default(),
        )
    }
}

/// Searches already made, by (observed, budget, error model fingerprint),
/// and the word model's dictionary lookups: shared by all looks at one
/// document. A document asks for the same words again and again, so
/// results are shared rather than copied.
#[derive(Default)]
pub struct SearchCache {
    // By (budget key, fingerprint) first, so a lookup borrows the observed
    // form instead of building an owned key.
    searches: RefCell<HashMap<(u8, u64), SearchesByForm>>,
    words: WordMemo,
}

/// The searches under one budget and error model, by observed form.
type SearchesByForm = HashMap<Box<str>, Rc<[Candidate]>>;

impl SearchCache {
    /// The search for `observed` under `budget` and the error model
    /// `fingerprint` identifies, made by `search` if not made before.
    pub fn get_or_search(
        &self,
        observed: &str,
        budget: Budget,
        fingerprint: u64,
        search: impl FnOnce() -> Vec<Candidate>,
    ) -> Rc<[Candidate]> {
        let key = (
            (budget.max_cost * 10.0) as u8 ^ (budget.max_general << 6),
            fingerprint,
        );
        if let Some(found) = self
            .searches
            .borrow()
            .get(&key)
            .and_then(|searches| searches.get(observed))
        {
            return Rc::clone(found);
        }
        let found: Rc<[Candidate]> = search().into();
        self.searches
            .borrow_mut()
            .entry(key)
            .or_default()
            .insert(observed.into(), Rc::clone(&found));
        found
    }

    /// How many searches are kept.
    pub fn len(&self) -> usize {
        self.searches
            .borrow()
            .values()
            .map(SearchesByForm::len)
            .sum()
    }

    /// The dictionary lookups, for word models over the lexicon searched.
    pub fn word_memo(&self) -> &WordMemo {
        &self.words
    }

    pub fn clear(&self) {
        self.searches.borrow_mut().clear();
        self.words.clear();
    }
}

/// Uses of a rule before the document's habit is believed.
const HABIT_MIN_USES: u32 = 2;
/// Cost reduction per use beyond that, and the floor as a share of the
/// rule's general cost.
const HABIT_DISCOUNT_PER_USE: f32 = 0.15;
const HABIT_FLOOR: f32 = 0.3;
/// In a worn text a habit seen as often in fewer words is a firmer one: in
/// a text of at most this many words (a newspaper article) each use of a
/// rule weighs as one, in a longer one as its share of them (a book's
/// thousand uses of `I` for `l` are no licence to read `Rllss` as `Tiles`).
const HABIT_RATE_WORDS: f32 = 1_000.0;
/// Cost reduction per use so weighed, and its floor: a habit a worn column
/// shows three times is nearly free (`r` printed as `i`: `playeis`,
/// `stioniiousli`). The per-use discount alone, made this steep, turned
/// seed 000 (weighed damage 0.07, below worn) into `Oskar` -> `Asked`.
const HABIT_RATE_DISCOUNT_PER_USE: f32 = 0.5;
const HABIT_RATE_FLOOR: f32 = 0.15;

impl ErrorModel {
    /// The model with rules cheapened by how often confident repairs used
    /// them (`uses[id]`). A worn text's habits (`worn_text_words`: its
    /// length in words) are also weighed by their rate.
    pub fn learned(uses: &HashMap<Step, u32>, worn_text_words: Option<usize>) -> Self {
        let mut costs: Vec<f32> = all_rules().map(|&(_, _, cost)| cost).collect();
        let mut habits: HashMap<char, Vec<(u8, f32)>> = HashMap::default();
        let weight =
            worn_text_words.map_or(0.0, |words| (HABIT_RATE_WORDS / words as f32).min(1.0));
        let discount = |n: u32| {
            let by_count =
                (1.0 - HABIT_DISCOUNT_PER_USE * (n - HABIT_MIN_USES + 1) as f32).max(HABIT_FLOOR);
            let weighed = n as f32 * weight;
            let by_rate = (1.0
                - HABIT_RATE_DISCOUNT_PER_USE * (weighed - HABIT_MIN_USES as f32 + 1.0))
                .clamp(HABIT_RATE_FLOOR, 1.0);
            by_count.min(by_rate)
        };
        let mut steps: Vec<(&Step, &u32)> = uses.iter().collect();
        // A stable order keeps the fingerprint of equal models equal.
        steps.sort_by_key(|(step, _)| match step {
            Step::Rule(id) => (0, *id as u32, 0),
            Step::Substitute(c, b) => (1, *c as u32, *b as u32),
        });
        for (step, &n) in steps {
            if n < HABIT_MIN_USES {
                continue;
            }
            match *step {
                Step::Rule(id) => costs[id] *= discount(n),
                Step::Substitute(c, b) => habits
                    .entry(c)
                    .or_default()
                    .push((b, GENERAL_EDIT_COST * discount(n))),
            }
        }
        Self::with_costs(costs, habits)
    }

    fn with_costs(costs: Vec<f32>, habits: HashMap<char, Vec<(u8, f32)>>) -> Self {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for cost in &costs {
            cost.to_bits().hash(&mut hasher);
        }
        let mut learned: Vec<(char, u8, u32)> = habits
            .iter()
            .flat_map(|(&c, v)| v.iter().map(move |&(b, cost)| (c, b, cost.to_bits())))
            .collect();
        learned.sort_unstable();
        learned.hash(&mut hasher);
        Self {
            fingerprint: hasher.finish(),
            costs,
            habits,
        }
    }

    /// The general model, shared: for checks that must not lean on one
    /// document's habits.
    pub fn base() -> &'static ErrorModel {
        static BASE: OnceLock<ErrorModel> = OnceLock::new();
        BASE.get_or_init(ErrorModel::default)
    }

    /// Identifies the costs, for caching searches made under them.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// What `step` costs under this model.
    pub fn step_cost(&self, step: Step) -> f32 {
        match step {
            Step::Rule(id) => self.costs[id],
            Step::Substitute(c, b) => self
                .habits
                .get(&c)
                .and_then(|habits| habits.iter().find(|&&(truth, _)| truth == b))
                .map_or(GENERAL_EDIT_COST, |&(_, cost)| cost),
        }
    }

    /// The observed patterns of the rules whose cost differs from `other`,
    /// in both cases, for invalidating cached searches.
    pub fn changed_patterns(&self, other: &ErrorModel) -> Vec<String> {
        let rules = all_rules()
            .zip(self.costs.iter().zip(&other.costs))
            .filter(|(_, (a, b))| a != b)
            .map(|(&(observed, _, _), _)| observed.to_owned());
        let habits = self
            .habits
            .keys()
            .chain(other.habits.keys())
            .map(|c| c.to_string());
        rules
            .chain(habits)
            .flat_map(|p| [p.to_uppercase(), p])
            .collect()
    }
}

const MAX_STEPS: usize = 5_000;

/// One observed character as the search reads it: worked out once per
/// search instead of at each of the many steps that reach it.
struct Position<'a> {
    c: char,
    /// Its lowercase UTF-8 bytes, `kept[..kept_len]`.
    kept: [u8; 8],
    kept_len: usize,
    /// A capital inside a lowercase word: keeping it costs extra.
    inner_capital: bool,
    /// A speck that may vanish cheaply.
    noise: bool,
    /// An accented letter, which no general edit substitutes.
    accented: bool,
    /// An accent that may be dropped: the plain letter and the cost.
    plain: Option<(u8, f32)>,
    /// The rules whose observed pattern matches here, in the order tried
    /// (inline: a position rarely matches more than a few, and a search
    /// works out most of its positions).
    rules: SmallVec<[RuleHere; 4]>,
    /// The least of those costs: most steps reach a position with too
    /// little budget left for any rule, and need not try each.
    cheapest_rule: f32,
    habits: &'a [(u8, f32)],
    /// The least cost of any step from here but keeping the character or
    /// dropping its accent, without a general edit and with one.
    least_other: [f32; 2],
}

/// A rule that matches at a position, with what the walk needs of it at
/// hand.
struct RuleHere {
    truth: &'static [u8],
    /// Observed characters the rule reads.
    advance: usize,
    id: usize,
    /// Under the search's model.
    cost: f32,
}

impl Position<'_> {
    fn kept(&self) -> &[u8] {
        &self.kept[..self.kept_len]
    }

    /// Whether a walk reaching here at `node` and `cost` would take no
    /// step at all: most steps of the search end so, and are told apart
    /// here at a fraction of a walk's cost.
    #[inline(always)]
    fn dead_end<A: WordAutomaton>(
        &self,
        words: A,
        node: A::State,
        cost: f32,
        general_left: bool,
        max_cost: f32,
    ) -> bool {
        // Adding to the cost is monotone, so the least cost decides for
        // every other step what each step's own check would.
        cost + self.least_other[general_left as usize] > max_cost && !self.continues(words, node)
    }

    /// Whether the dictionary goes on from `node` with this character kept
    /// or without its accent.
    #[inline(always)]
    fn continues<A: WordAutomaton>(&self, words: A, node: A::State) -> bool {
        words.has_step(node, self.kept[0])
            || self
                .plain
                .is_some_and(|(plain, _)| words.has_step(node, plain))
    }
}

struct Search<'a, A: WordAutomaton> {
    input: &'a [char],
    /// Worked out when the walk first reaches them: many walks die a few
    /// characters in (a joined run of words, `ofthe`).
    positions: &'a [OnceCell<Position<'a>>],
    all_caps: bool,
    model: &'a ErrorModel,
    budget: Budget,
    steps: usize,
    found: HashMap<Vec<u8>, (f32, Vec<Step>)>,
    words: A,
    path: Vec<Step>,
}

/// Dictionary words within `budget` of `observed`, cheapest first. The
/// observed word itself is included at cost 0 when the dictionary has it.
pub fn candidates(
    lexicon: &Lexicon,
    observed: &str,
    budget: Budget,
    model: &ErrorModel,
) -> Vec<Candidate> {
    search(lexicon.words_graph(), observed, budget, model)
}

/// The same search over another word list (the document's own vocabulary).
pub fn candidates_in(
    words: &WordGraph,
    observed: &str,
    budget: Budget,
    model: &ErrorModel,
) -> Vec<Candidate> {
    search(words, observed, budget, model)
}

fn search<A: WordAutomaton>(
    words: A,
    observed: &str,
    budget: Budget,
    model: &ErrorModel,
) -> Vec<Candidate> {
    // On the stack: a search is made for tens of thousands of forms, most
    // of them short.
    let input: SmallVec<[char; 24]> = observed.chars().collect();
    if input.is_empty() || input.len() > 40 {
        return Vec::new();
    }
    let letters = || input.iter().filter(|c| c.is_alphabetic());
    let all_caps = letters().nth(1).is_some() && letters().all(|c| c.is_uppercase());
    let positions: Vec<OnceCell<Position>> = (0..input.len()).map(|_| OnceCell::new()).collect();
    let mut search = Search {
        input: &input,
        positions: &positions,
        all_caps,
        model,
        budget,
        steps: 0,
        found: HashMap::default(),
        words,
        path: Vec::new(),
    };
    let mut buf = Vec::with_capacity(observed.len() + 4);
    search.walk(0, words.root(), 0.0, 0, &mut buf);
    let mut out: Vec<Candidate> = search
        .found
        .into_iter()
        .filter_map(|(bytes, (cost, rules))| {
            String::from_utf8(bytes)
                .ok()
                .map(|word| Candidate { word, cost, rules })
        })
        .collect();
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.word.cmp(&b.word)));
    out
}

fn position<'a>(input: &[char], at: usize, all_caps: bool, model: &'a ErrorModel) -> Position<'a> {
    let c = input[at];
    let mut kept = [0u8; 8];
    let mut kept_len = 0;
    for lc in c.to_lowercase() {
        kept_len += lc.encode_utf8(&mut kept[kept_len..]).len();
    }
    let inner_capital = c.is_uppercase() && at > 0 && !all_caps;

    // Drop an invented diacritic: a capital accented letter inside a
    // lowercase word is a misread (`cÏrcumstances`); a plain accent is
    // the author's (`régime`, `rôle`) and stays.
    // A lowercase accent is dropped too, dearer: in an English word the
    // dictionary lacks it is more often a speck than the author's.
    let plain = if !c.is_ascii()
        && c.is_alphabetic()
        && (inner_capital || stray_lowercase_accent(input, c))
    {
        let drop_cost = if inner_capital {
            DIACRITIC_COST
        } else {
            PLAIN_DIACRITIC_COST
        };
        c.nfd()
            .next()
            .filter(|b| b.is_ascii_alphabetic())
            .map(|base| (base.to_ascii_lowercase() as u8, drop_cost))
    } else {
        None
    };

    let lookup_key = if c.is_uppercase() && c != 'I' {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    };
    let rule_lists = [
        rules_starting_with(c),
        if lookup_key == c {
            &[]
        } else {
            rules_starting_with(lookup_key)
        },
    ];
    let rules: SmallVec<[RuleHere; 4]> = rule_lists[0]
        .iter()
        .chain(rule_lists[1])
        .filter(|rule| (all_caps || !rule.caps_only) && matches_at(input, at, rule.observed))
        .map(|rule| RuleHere {
            truth: rule.truth.as_bytes(),
            advance: rule.observed.len(),
            id: rule.id,
            cost: model.costs[rule.id],
        })
        .collect();
    let cheapest_rule = rules
        .iter()
        .map(|rule| rule.cost)
        .fold(f32::INFINITY, f32::min);
    // A habit belongs to the glyph read, in its case: an inner `T` for
    // `r` (`PariseT`) says nothing of a small `t`.
    let habits = model.habits.get(&c).map_or(&[][..], |habits| &habits[..]);
    let noise = is_noise(c);
    let mut least = cheapest_rule;
    for &(truth, cost) in habits {
        if kept[..kept_len] != [truth] {
            least = least.min(cost);
        }
    }
    if noise {
        least = least.min(NOISE_DELETE_COST);
    }
    Position {
        c,
        kept,
        kept_len,
        inner_capital,
        noise,
        accented: !c.is_ascii() && c.is_alphabetic(),
        plain,
        rules,
        cheapest_rule,
        habits,
        least_other: [least, least.min(GENERAL_EDIT_COST)],
    }
}

/// Whether a lowercase accented letter of `input` may be a speck on a plain
/// one. `é`/`è` are the accents English borrows (`régime`, `café`), so they
/// count as specks only on short words (`thé`); capitalised words are names
/// (`Müller`) and keep theirs.
fn stray_lowercase_accent(input: &[char], c: char) -> bool {
    if !c.is_lowercase() || input.first().is_some_and(|f| f.is_uppercase()) {
        return false;
    }
    match c {
        'é' | 'è' => input.len() <= 3,
        // `naïve` and `coöperate` spell their diaeresis on purpose.
        'ï' | 'ü' | 'ö' | 'ä' | 'ñ' | 'ç' => false,
        _ => true,
    }
}

/// Follows `bytes` from `node`, pushing them to `buf`; `None` when the
/// dictionary has no word continuing that way.
fn follow<A: WordAutomaton>(
    words: A,
    state: A::State,
    bytes: &[u8],
    buf: &mut Vec<u8>,
) -> Option<A::State> {
    let mut state = state;
    for &b in bytes {
        state = words.step(state, b)?;
        buf.push(b);
    }
    Some(state)
}

impl<'a, A: WordAutomaton> Search<'a, A> {
    #[inline(always)]
    fn position(&self, at: usize) -> &'a Position<'a> {
        match self.positions[at].get() {
            Some(here) => here,
            None => self.first_reach(at),
        }
    }

    /// Works out the position `at` on the walk's first reaching it: kept
    /// out of `walk`, which reaches positions worked out already far more
    /// often.
    #[cold]
    #[inline(never)]
    fn first_reach(&self, at: usize) -> &'a Position<'a> {
        let (input, all_caps, model) = (self.input, self.all_caps, self.model);
        self.positions[at].get_or_init(|| position(input, at, all_caps, model))
    }

    /// Counts the step and goes on from (`at`, `node`) unless it is over
    /// the budget or a dead end.
    #[inline(always)]
    fn walk(&mut self, at: usize, node: A::State, cost: f32, general: u8, buf: &mut Vec<u8>) {
        self.steps += 1;
        if cost > self.budget.max_cost || self.steps > MAX_STEPS {
            return;
        }
        if let Some(here) = self.positions.get(at).and_then(OnceCell::get) {
            let general_left = general < self.budget.max_general;
            if here.dead_end(self.words, node, cost, general_left, self.budget.max_cost) {
                return;
            }
        }
        self.walk_on(at, node, cost, general, buf);
    }

    /// The position `at`, when every walk reaching it at `cost` with
    /// `general` edits must keep its character or drop its accent (so
    /// `dead_end` tells those walks by their node alone): lets a general
    /// edit's many siblings skip a dead one before building its step.
    #[inline(always)]
    fn only_continuing(&self, at: usize, cost: f32, general: u8) -> Option<&'a Position<'a>> {
        let here = self.positions.get(at)?.get()?;
        let general_left = general < self.budget.max_general;
        (cost + here.least_other[general_left as usize] > self.budget.max_cost).then_some(here)
    }

    #[inline(never)]
    fn walk_on(&mut self, at: usize, node: A::State, cost: f32, general: u8, buf: &mut Vec<u8>) {
        if at == self.input.len() {
            if self.words.is_final(node) {
                // Most words are reached again by other paths: copy the
                // word only when it is new.
                match self.found.get_mut(buf.as_slice()) {
                    Some(entry) => {
                        if cost < entry.0 {
                            *entry = (cost, self.path.clone());
                        }
                    }
                    None => {
                        self.found.insert(buf.clone(), (cost, self.path.clone()));
                    }
                }
            }
            if general < self.budget.max_general && cost + GENERAL_EDIT_COST <= self.budget.max_cost
            {
                self.insert_any(at, node, cost, general, buf);
            }
            return;
        }
        let here = self.position(at);
        let kept = here.kept();
        let mark = buf.len();

        // Keep the character (lowercased).
        let mut keep_cost = cost;
        if here.inner_capital {
            keep_cost += INNER_CAPITAL_COST;
        }
        if let Some(next) = follow(self.words, node, kept, buf) {
            self.walk(at + 1, next, keep_cost, general, buf);
        }
        buf.truncate(mark);

        if let Some((plain, drop_cost)) = here.plain {
            if let Some(next) = follow(self.words, node, &[plain], buf) {
                self.walk(at + 1, next, cost + drop_cost, general, buf);
            }
            buf.truncate(mark);
        }

        // Known OCR confusions starting here.
        let rules = if cost + here.cheapest_rule > self.budget.max_cost {
            &[][..]
        } else {
            &here.rules[..]
        };
        for rule in rules {
            if cost + rule.cost > self.budget.max_cost {
                continue;
            }
            if let Some(next) = follow(self.words, node, rule.truth, buf) {
                self.path.push(Step::Rule(rule.id));
                self.walk(at + rule.advance, next, cost + rule.cost, general, buf);
                self.path.pop();
            }
            buf.truncate(mark);
        }

        // This document's own single-letter habits.
        let glyph = here.c;
        for &(truth, habit_cost) in here.habits {
            if cost + habit_cost > self.budget.max_cost || kept == [truth] {
                continue;
            }
            if let Some(next) = follow(self.words, node, &[truth], buf) {
                self.path.push(Step::Substitute(glyph, truth));
                self.walk(at + 1, next, cost + habit_cost, general, buf);
                self.path.pop();
            }
            buf.truncate(mark);
        }

        // Noise specks vanish cheaply and do not use up the general budget.
        if here.noise && cost + NOISE_DELETE_COST <= self.budget.max_cost {
            self.walk(at + 1, node, cost + NOISE_DELETE_COST, general, buf);
        }

        if general < self.budget.max_general && cost + GENERAL_EDIT_COST <= self.budget.max_cost {
            // Delete.
            if !here.noise {
                self.walk(at + 1, node, cost + GENERAL_EDIT_COST, general + 1, buf);
            }
            // Substitute (never an accented letter: see `position`).
            let accented = here.accented;
            let sub_cost = cost + GENERAL_EDIT_COST;
            let after = self.only_continuing(at + 1, sub_cost, general + 1);
            for (byte, next) in self.words.transitions(node).filter(|_| !accented) {
                if !(byte.is_ascii_lowercase() || byte == b'\'') || kept == [byte] {
                    continue;
                }
                // What `walk` would do for a dead end: count the step.
                if after.is_some_and(|after| !after.continues(self.words, next)) {
                    self.steps += 1;
                    continue;
                }
                buf.push(byte);
                self.path.push(Step::Substitute(glyph, byte));
                self.walk(at + 1, next, sub_cost, general + 1, buf);
                self.path.pop();
                buf.truncate(mark);
            }
            self.insert_any(at, node, cost, general, buf);
        }
    }

    fn insert_any(&mut self, at: usize, node: A::State, cost: f32, general: u8, buf: &mut Vec<u8>) {
        let mark = buf.len();
        let insert_cost = cost + GENERAL_EDIT_COST;
        let here = self.only_continuing(at, insert_cost, general + 1);
        for (byte, next) in self.words.transitions(node) {
            if !byte.is_ascii_lowercase() {
                continue;
            }
            // What `walk` would do for a dead end: count the step.
            if here.is_some_and(|here| !here.continues(self.words, next)) {
                self.steps += 1;
                continue;
            }
            buf.push(byte);
            self.walk(at, next, insert_cost, general + 1, buf);
            buf.truncate(mark);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(lexicon: &Lexicon, observed: &str) -> Vec<String> {
        let n = observed.chars().count();
        candidates(
            lexicon,
            observed,
            Budget::for_length(n),
            &ErrorModel::default(),
        )
        .into_iter()
        .take(8)
        .map(|c| c.word)
        .collect()
    }

    #[test]
    fn finds_ocr_confusions() {
        let lexicon = Lexicon::embedded().unwrap();
        for (observed, truth) in [
            ("sorne", "some"),
            ("aIl", "all"),
            ("afIairs", "affairs"),
            ("eouncil", "council"),
            ("\\vith", "with"),
            ("m)'", "my"),
            ("Confiiets", "conflicts"),
            ("cÏrcumstances", "circumstances"),
            ("tbe", "the"),
        ] {
            let found = best(&lexicon, observed);
            assert!(found.iter().any(|w| w == truth), "{observed}: {found:?}");
        }
    }

    #[test]
    fn confusions_are_cheaper_than_general_edits() {
        let lexicon = Lexicon::embedded().unwrap();
        let found = candidates(
            &lexicon,
            "modem",
            Budget::for_length(5),
            &ErrorModel::default(),
        );
        let cost = |w: &str| found.iter().find(|c| c.word == w).map(|c| c.cost);
        assert_eq!(cost("modem"), Some(0.0));
        assert!(cost("modern").unwrap() < cost("models").unwrap_or(9.0));
    }

    #[test]
    fn misread_capitals_are_looked_for_only_in_words_in_capitals() {
        let lexicon = Lexicon::embedded().unwrap();
        let budget = Budget::confusions_only(1.0);
        let found = candidates(&lexicon, "TIIK", budget, &ErrorModel::default());
        assert!(found.iter().any(|c| c.word == "the"), "{found:?}");
        for observed in ["tiik", "Tiik"] {
            let found = candidates(&lexicon, observed, budget, &ErrorModel::default());
            assert!(
                !found.iter().any(|c| c.word == "the"),
                "{observed}: {found:?}"
            );
        }
    }

    #[test]
    fn worn_capitals_are_read_as_other_letters_dearer_than_a_name_may_be() {
        let lexicon = Lexicon::embedded().unwrap();
        let model = ErrorModel::default();
        for (observed, truth) in [
            ("demandB", "demands"),
            ("Boyal", "royal"),
            ("Pirst", "first"),
        ] {
            let found = candidates(&lexicon, observed, Budget::confusions_only(0.8), &model);
            assert!(
                found.iter().any(|c| c.word == truth),
                "{observed}: {found:?}"
            );
        }
        // A name is read by confusions of at most 0.7 (`NAME_MAX_COST`).
        let found = candidates(&lexicon, "Fowell", Budget::confusions_only(0.7), &model);
        assert!(!found.iter().any(|c| c.word == "powell"), "{found:?}");
    }

    #[test]
    fn newsprint_reads_and_as_mid_ami_anil() {
        let lexicon = Lexicon::embedded().unwrap();
        let budget = Budget::confusions_only(0.8);
        for observed in ["mid", "ami", "anil"] {
            let found = candidates(&lexicon, observed, budget, &ErrorModel::default());
            assert!(
                found.iter().any(|c| c.word == "and"),
                "{observed}: {found:?}"
            );
        }
        let found = best(&lexicon, "pluceil");
        assert!(found.iter().any(|w| w == "placed"), "{found:?}");
    }

    #[test]
    fn newsprint_reads_y_as_j_and_splits_w_and_h() {
        let lexicon = Lexicon::embedded().unwrap();
        let budget = Budget::confusions_only(0.7);
        for (observed, truth) in [
            ("maj", "may"),
            ("plajed", "played"),
            ("tvas", "was"),
            ("xvent", "went"),
            ("Avhen", "when"),
            ("Ile", "he"),
            ("tiiey", "they"),
        ] {
            let found = candidates(&lexicon, observed, budget, &ErrorModel::default());
            assert!(
                found.iter().any(|c| c.word == truth),
                "{observed}: {found:?}"
            );
        }
    }

    #[test]
    fn a_worn_short_texts_habit_weighs_by_its_rate() {
        let lexicon = Lexicon::embedded().unwrap();
        let uses: HashMap<Step, u32> = [(Step::Substitute('k', b'e'), 3)].into_iter().collect();
        let reads_these = |model: &ErrorModel| {
            candidates(&lexicon, "thkse", Budget::confusions_only(0.5), model)
                .iter()
                .any(|c| c.word == "these")
        };
        // Three uses in a worn column of three hundred words...
        assert!(reads_these(&ErrorModel::learned(&uses, Some(300))));
        // ...are no firm habit in a worn book, nor in a text that is not worn.
        assert!(!reads_these(&ErrorModel::learned(&uses, Some(100_000))));
        assert!(!reads_these(&ErrorModel::learned(&uses, None)));
    }

    #[test]
    fn a_habit_belongs_to_the_glyph_in_its_case() {
        let lexicon = Lexicon::embedded().unwrap();
        let uses: HashMap<Step, u32> = [(Step::Substitute('T', b'r'), 5)].into_iter().collect();
        let model = ErrorModel::learned(&uses, None);
        let budget = Budget::confusions_only(0.5);
        let found = |observed: &str| -> Vec<String> {
            candidates(&lexicon, observed, budget, &model)
                .into_iter()
                .map(|c| c.word)
                .collect()
        };
        assert!(found("Tate").contains(&"rate".to_owned()));
        assert!(!found("tate").contains(&"rate".to_owned()));
    }
}
