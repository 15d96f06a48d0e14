//! ocrmend-core finds and repairs OCR damage in plain text.
//!
//! The core does no IO and has no wasm dependencies: the CLI and the WASM
//! shell are thin layers over [`Repairer::analyze`] and [`apply_edits`].
//!
//! ```
//! use ocrmend_core::{Repairer, apply_confident};
//! let repairer = Repairer::embedded().unwrap();
//! let text = "When l first dealt with sorne of the subject";
//! let edits = repairer.analyze(text);
//! let repaired = apply_confident(text, &edits, ocrmend_core::DEFAULT_MIN_CONFIDENCE).unwrap();
//! assert_eq!(repaired, "When I first dealt with some of the subject");
//! ```

mod analyze;
mod confusion;
mod edit;
mod evidence;
mod letters;
mod lexicon;
mod line_ends;
mod model;
mod settle;
mod tokenize;
mod word_graph;

pub use analyze::Collection;
pub use edit::{apply_edits, Alternative, ApplyError, ByteSpan, Edit, EditKind, Replacement};
pub use evidence::{adjust_for_ocr_confidence, odds_factor, OcrWord};
pub use lexicon::{Lexicon, LexiconError, WordInfo};
pub use line_ends::{LineEnds, UnknownLineEnds};

/// Confidence at or above which the CLI applies an edit unattended; tuned on
/// the evaluation sets so that applied edits are right nearly always.
pub const DEFAULT_MIN_CONFIDENCE: f32 = 0.6;

/// Finds OCR damage in documents. Build once, analyse many documents
/// (it is `Sync`, so threads can share one).
pub struct Repairer {
    lexicon: Lexicon,
    collection: Option<Collection>,
    line_ends: LineEnds,
}

impl Repairer {
    pub fn new(lexicon: Lexicon) -> Self {
        Self {
            lexicon,
            collection: None,
            line_ends: LineEnds::Auto,
        }
    }

    /// How words broken across line ends are treated (`Auto` unless set).
    pub fn set_line_ends(&mut self, line_ends: LineEnds) {
        self.line_ends = line_ends;
    }

    /// Repairs each document as one of a collection that shares its names
    /// (the pages of one book), gathered by [`Collection::add`].
    pub fn set_collection(&mut self, collection: Collection) {
        self.collection = Some(collection);
    }

    /// A repairer over the dictionaries compiled into the binary.
    pub fn embedded() -> Result<Self, LexiconError> {
        Ok(Self::new(Lexicon::embedded()?))
    }

    /// Adds words the user trusts (names, terms): they are never changed.
    pub fn trust_words<I, S>(&mut self, words: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for word in words {
            self.lexicon.trust(word.as_ref());
        }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Every suggested edit for `text`, sorted by span, non-overlapping, on
    /// char boundaries. Flags (unrecovered garbled runs) are included with
    /// `replacement == original`.
    pub fn analyze(&self, text: &str) -> Vec<Edit> {
        // Searches are shared by every look at the text: most words are
        // the same each time.
        let cache = confusion::SearchCache::default();
        let shared = analyze::Shared::default();
        // Decided once on the text as given (joins change line lengths),
        // and for a collection by its documents together: one paper's
        // pages share their layout.
        let line_ends = match (self.line_ends, &self.collection) {
            (LineEnds::Auto, Some(collection)) => collection.line_ends(),
            (chosen, _) => chosen,
        };
        let keep_line_ends = line_ends.resolve(text) == LineEnds::Keep;
        let (mut edits, models) =
            self.analyze_once(text, (&cache, &shared), &[], None, keep_line_ends);
        // Confident repairs change their neighbours' context; look again
        // at the repaired text and fold what that finds back in, so that
        // repairing the output finds nothing more (see `settle`).
        for _ in 0..SETTLE_ROUNDS {
            let applied: Vec<usize> = (0..edits.len())
                .filter(|&i| edits[i].confidence >= DEFAULT_MIN_CONFIDENCE && !edits[i].is_flag())
                .collect();
            let chosen: Vec<&Edit> = applied.iter().map(|&i| &edits[i]).collect();
            let Ok(repaired) = apply_edits(text, &chosen) else {
                break;
            };
            // The later looks keep the error model the first one learned.
            let focus = repaired_neighbourhoods(&repaired, &chosen);
            let later: Vec<Edit> = self
                .analyze_once(
                    &repaired,
                    (&cache, &shared),
                    &models,
                    Some(&focus),
                    keep_line_ends,
                )
                .0
                .into_iter()
                .filter(|e| e.confidence >= DEFAULT_MIN_CONFIDENCE && !e.is_flag())
                .collect();
            if later.is_empty() || !settle::fold(text, &repaired, &mut edits, &applied, later) {
                break;
            }
        }
        edits
    }

    /// [`Repairer::analyze`], then each edit's confidence weighed with the
    /// OCR engine's confidence in the words it touches (`words` sorted by
    /// span): see [`adjust_for_ocr_confidence`].
    pub fn analyze_with_ocr_confidence(&self, text: &str, words: &[OcrWord]) -> Vec<Edit> {
        let mut edits = self.analyze(text);
        adjust_for_ocr_confidence(&mut edits, words);
        edits
    }

    /// One look at `text`; `models` are the error models an earlier look
    /// learned, by segment.
    fn analyze_once(
        &self,
        text: &str,
        (cache, shared): (&confusion::SearchCache, &analyze::Shared),
        models: &[analyze::Learned],
        focus: Option<&[ByteSpan]>,
        keep_line_ends: bool,
    ) -> (Vec<Edit>, Vec<analyze::Learned>) {
        // A huge text is analysed in segments so memory stays bounded; each
        // segment is large enough to learn its own habits and vocabulary.
        let mut edits = Vec::new();
        let mut learned = Vec::new();
        for (index, (offset, segment)) in segments(text, SEGMENT_BYTES).into_iter().enumerate() {
            if cache.len() > MAX_CACHED_SEARCHES {
                cache.clear();
                shared.clear();
            }
            // The focus, in this segment's own offsets.
            let local: Option<Vec<ByteSpan>> = focus.map(|spans| {
                spans
                    .iter()
                    .filter(|f| f.end >= offset && f.start <= offset + segment.len())
                    .map(|f| {
                        ByteSpan::new(
                            f.start.saturating_sub(offset),
                            (f.end - offset.min(f.end)).min(segment.len()),
                        )
                    })
                    .collect()
            });
            let (found, model) = analyze::analyze(
                &self.lexicon,
                segment,
                (cache, shared),
                models.get(index).cloned(),
                local.as_deref(),
                self.collection.as_ref(),
                keep_line_ends,
            );
            learned.push(model);
            edits.extend(found.into_iter().map(|mut e| {
                e.span = ByteSpan::new(e.span.start + offset, e.span.end + offset);
                e
            }));
        }
        (edits, learned)
    }
}

/// Bound on remembered searches, so a huge text keeps memory bounded.
const MAX_CACHED_SEARCHES: usize = 200_000;

/// Bytes around each repair that a later look visits: enough for the
/// neighbouring words whose context the repair changed.
const NEIGHBOURHOOD_BYTES: usize = 120;

/// The stretches of `repaired` around the `applied` edits (sorted, as
/// `analyze` returns them), widened by `NEIGHBOURHOOD_BYTES`, merged.
fn repaired_neighbourhoods(repaired: &str, applied: &[&Edit]) -> Vec<ByteSpan> {
    let mut out: Vec<ByteSpan> = Vec::with_capacity(applied.len());
    // Offset of the repaired text against the original, so far.
    let mut shift: isize = 0;
    for edit in applied {
        let start = (edit.span.start as isize + shift) as usize;
        let end = start + edit.replacement.len();
        shift += edit.replacement.len() as isize - edit.span.len() as isize;
        let span = ByteSpan::new(
            start.saturating_sub(NEIGHBOURHOOD_BYTES),
            (end + NEIGHBOURHOOD_BYTES).min(repaired.len()),
        );
        match out.last_mut() {
            Some(last) if last.end >= span.start => last.end = last.end.max(span.end),
            _ => out.push(span),
        }
    }
    out
}

/// Extra looks at the repaired text (each costs one analysis).
const SETTLE_ROUNDS: usize = 2;

/// Texts longer than this are analysed in pieces (see `segments`).
const SEGMENT_BYTES: usize = 2 << 20;

/// Splits `text` into pieces of about `limit` bytes, each ending after a
/// blank line where there is one (else after a line end, else at a space),
/// so no word and, where possible, no paragraph is cut.
fn segments(text: &str, limit: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > limit {
        let mut cut = start + limit;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &text[start..cut];
        let lower_bound = window.len() / 2;
        let end = window
            .rfind("\n\n")
            .filter(|&i| i >= lower_bound)
            .map(|i| i + 2)
            .or_else(|| {
                window
                    .rfind('\n')
                    .filter(|&i| i >= lower_bound)
                    .map(|i| i + 1)
            })
            .or_else(|| window.rfind(' ').map(|i| i + 1))
            .unwrap_or(window.len());
        out.push((start, &text[start..start + end]));
        start += end;
    }
    out.push((start, &text[start..]));
    out
}

/// Applies the edits whose confidence is at least `min_confidence`.
pub fn apply_confident(
    text: &str,
    edits: &[Edit],
    min_confidence: f32,
) -> Result<String, ApplyError> {
    let chosen: Vec<&Edit> = edits
        .iter()
        .filter(|e| e.confidence >= min_confidence && !e.is_flag())
        .collect();
    apply_edits(text, &chosen)
}

/// Parses a user word list: one word per line, blank lines and lines
/// starting with `#` ignored.
pub fn parse_word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with the confident edits `repairer` finds applied.
    fn confident_repair(repairer: &Repairer, text: &str) -> String {
        let edits = repairer.analyze(text);
        apply_confident(text, &edits, DEFAULT_MIN_CONFIDENCE).unwrap()
    }

    #[test]
    fn a_collection_set_in_columns_keeps_the_lines_of_its_wider_pages_too() {
        let column = "The Council met on the\nlast day of the year, and\n".repeat(5);
        // A page of the same paper whose lines ran wider.
        let wide_page = "The Finance Committee reported on the new settle\n\
                         ments of the northern district, and the Council resolved\n"
            .repeat(5);
        let mut repairer = Repairer::embedded().unwrap();
        assert!(confident_repair(&repairer, &wide_page).contains("settlements\n"));
        let mut collection = Collection::new();
        for page in [&column, &column, &wide_page] {
            collection.add(repairer.lexicon(), page);
        }
        assert_eq!(collection.line_ends(), LineEnds::Keep);
        repairer.set_collection(collection);
        assert!(confident_repair(&repairer, &wide_page).contains("settle\nments"));
        // A choice made outweighs the collection's.
        repairer.set_line_ends(LineEnds::Join);
        assert!(confident_repair(&repairer, &wide_page).contains("settlements\n"));
    }

    #[test]
    fn a_collection_mends_a_pages_misreading_of_the_names_its_other_pages_print() {
        let pages = [
            "General Kornilov marched on the capital. Kornilov had the support of\n\
             the officers, and the soviets feared Kornilov and his men. Kornilov\n\
             waited at headquarters.\n",
            "The workers armed themselves against Kornilov, and the railwaymen\n\
             stopped the trains of Kornilov. Kornilov was arrested, and the\n\
             officers of Kornilov fled.\n",
        ];
        let page = "By the end of August tho revolt of Korniloy had failed, and tho\n\
                    soldiers went over to the soviets.\n";
        let misread = |repairer: &Repairer| confident_repair(repairer, page);
        let mut repairer = Repairer::embedded().unwrap();
        assert!(misread(&repairer).contains("Korniloy"));
        let mut collection = Collection::new();
        for text in pages {
            collection.add(repairer.lexicon(), text);
        }
        repairer.set_collection(collection.clone());
        assert!(misread(&repairer).contains("revolt of Kornilov"));
        // The name's own pages keep it; a name one page alone prints is no
        // collection's.
        for text in pages {
            assert!(repairer.analyze(text).is_empty(), "{text}");
        }
        let mut one_page = Collection::new();
        one_page.add(repairer.lexicon(), &pages.concat());
        one_page.add(repairer.lexicon(), "Nothing here.");
        repairer.set_collection(one_page);
        assert!(misread(&repairer).contains("Korniloy"));
    }

    #[test]
    fn a_collection_reads_a_pages_misreading_as_a_word_its_other_pages_use() {
        // `novels` is ten times commoner in the corpus; the book is about
        // the soviets.
        let pages = [
            "The soviets met at dawn. The soviets spread to the barracks,\n\
             and by noon the soviets held the bridges.\n",
            "Lenin pressed the soviets; the committee feared the soviets\n\
             would fail, but the soviets went ahead.\n",
        ];
        let page = "Tho mcn of tbe tovvn met at tho hall, and tbe clerk read tho lettor to\n\
                    tbe mcn and bis wifo. Tbe lettor was long, and tbe clerk said tbe mcn\n\
                    wero glad; tho wifo was not. All power to the sovets, they said.\n";
        let mut repairer = Repairer::embedded().unwrap();
        let alone = confident_repair(&repairer, page);
        assert!(!alone.contains("soviets"), "{alone}");
        let mut collection = Collection::new();
        for text in pages.iter().copied().chain([page]) {
            collection.add(repairer.lexicon(), text);
        }
        repairer.set_collection(collection);
        let together = confident_repair(&repairer, page);
        assert!(together.contains("to the soviets, they"), "{together}");
    }

    #[test]
    fn a_collection_mends_a_pages_misreading_of_a_dictionary_word_its_pages_print_as_a_name() {
        // The pages of a book that names its party again and again.
        let pages: Vec<String> = (1..=40)
            .map(|n| {
                format!(
                    "On day {n} the Bolsheviks met. The Bolsheviks called for power,\n\
                     and the Bolsheviks won the vote.\n"
                )
            })
            .collect();
        let page = "In tho north tho garrison went over to the Boisheviks and tho\n\
                    sailors followed them.\n";
        let misread = |repairer: &Repairer| confident_repair(repairer, page);
        let mut repairer = Repairer::embedded().unwrap();
        assert!(misread(&repairer).contains("Boisheviks"));
        let mut collection = Collection::new();
        for text in &pages {
            collection.add(repairer.lexicon(), text);
        }
        repairer.set_collection(collection);
        assert!(misread(&repairer).contains("to the Bolsheviks and"));
        // A word the collection prints in small letters as often is no name
        // of its own.
        let mut small = Collection::new();
        for text in &pages {
            small.add(repairer.lexicon(), text);
            small.add(repairer.lexicon(), &text.to_lowercase());
        }
        repairer.set_collection(small);
        assert!(misread(&repairer).contains("Boisheviks"));
    }

    #[test]
    fn a_clean_page_takes_the_spelling_its_collection_prints_far_more_often() {
        let pages: Vec<String> = (1..=10)
            .map(|n| {
                format!(
                    "On day {n} the Petrograd Soviet met. The workers of Petrograd \
                     marched, and Petrograd was quiet by night.\n"
                )
            })
            .collect();
        let page = "The Workers' Section of the Petregrad Soviet met in the hall of the \
                    palace, and the delegates spoke until the evening.\n";
        let misread = |repairer: &Repairer| confident_repair(repairer, page);
        let mut repairer = Repairer::embedded().unwrap();
        assert!(misread(&repairer).contains("Petregrad"));
        let mut collection = Collection::new();
        for text in &pages {
            collection.add(repairer.lexicon(), text);
        }
        repairer.set_collection(collection);
        assert!(misread(&repairer).contains("the Petrograd Soviet"));
    }

    #[test]
    fn segments_cover_the_text_and_end_at_breaks() {
        let text = "one two\n\nthree four five\nsix seven\n\neight";
        let parts = segments(text, 12);
        let joined: String = parts.iter().map(|(_, s)| *s).collect();
        assert_eq!(joined, text);
        for (offset, s) in &parts {
            assert_eq!(&text[*offset..*offset + s.len()], *s);
        }
        assert!(parts[..parts.len() - 1]
            .iter()
            .all(|(_, s)| s.ends_with('\n') || s.ends_with(' ')));
        assert_eq!(segments("short", 12), vec![(0, "short")]);
    }

    #[test]
    fn segmented_analysis_keeps_spans_right() {
        let repairer = Repairer::embedded().unwrap();
        let paragraph = "There are sorne councils here.\n\n";
        let text = paragraph.repeat(3);
        for (offset, segment) in segments(&text, 40) {
            let cache = confusion::SearchCache::default();
            let shared = analyze::Shared::default();
            for e in analyze::analyze(
                repairer.lexicon(),
                segment,
                (&cache, &shared),
                None,
                None,
                None,
                false,
            )
            .0
            {
                assert_eq!(
                    &text[e.span.start + offset..e.span.end + offset],
                    e.original
                );
            }
        }
    }
}
