//! From edits on the document text to a repaired document: each line's
//! edits are applied to the line's text, the new words are matched to the
//! old word elements, and only the changed contents (and confidences) are
//! spliced into the source bytes.

use crate::xml;
use crate::{Content, Document, InputFormat, NumberSite, Piece};
use ocrmend_core::{apply_edits, ByteSpan, Edit, EditKind};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::ops::Range;

/// A repaired document and what was done to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    pub document: String,
    /// Word elements whose text changed.
    pub words_changed: usize,
    /// Word elements removed because their text joined the word before.
    pub words_removed: usize,
    /// Words broken at a line end and joined by an edit: marked with
    /// `SUBS_TYPE`/`SUBS_CONTENT` in ALTO, left as printed in hOCR and PAGE.
    pub hyphenations: usize,
    /// Edits that would move text from one line to another (other than
    /// hyphenation): they change the text, not the document.
    pub edits_left_out: usize,
}

/// Edits that do not belong to the document's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(transparent)]
pub struct ApplyError(#[from] ocrmend_core::ApplyError);

/// An edit confined to one line.
#[derive(Debug, Clone)]
struct LineEdit {
    span: ByteSpan,
    replacement: String,
    confidence: f32,
}

/// A word broken at a line end and joined by an edit.
struct LineJoin {
    /// Repairs inside either part, as edits of their lines.
    parts: Vec<LineEdit>,
    /// The units holding the first and the second part.
    first: usize,
    second: usize,
    /// The whole word.
    word: String,
}

/// What becomes of a word element.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Set { text: String, confidence: f32 },
    Remove,
}

const HYPHENS: [char; 3] = ['-', '¬', '\u{ad}'];

impl Document {
    /// The document with `edits` (spans into [`Document::text`], the ones
    /// to apply) written into it.
    ///
    /// - An edit inside one word changes that word's content.
    /// - Words joined by an edit (`se arch` → `search`, `councils .` →
    ///   `councils.`) go into the first word's element; the others are
    ///   removed with the whitespace (ALTO: the `SP`) before them.
    /// - A word split by an edit (`ofthe` → `of the`) stays one element,
    ///   with the space inside its content.
    /// - A word broken at a line end and joined by a hyphenation edit stays
    ///   on its two lines as printed; ALTO marks the parts with
    ///   `SUBS_TYPE="HypPart1"`/`"HypPart2"` and the whole word in
    ///   `SUBS_CONTENT`. A letter repaired inside either part is written
    ///   into that part.
    /// - Changed words get the edit's confidence in their confidence
    ///   attribute, where they have one (the lowest, if several edits
    ///   changed the word).
    pub fn apply(&self, edits: &[&Edit]) -> Result<Applied, ApplyError> {
        apply_edits(&self.text, edits)?;
        let mut sorted: Vec<&Edit> = edits.iter().copied().filter(|e| !e.is_flag()).collect();
        sorted.sort_by_key(|e| e.span);

        let mut applied = Applied::default();
        let mut per_line: Vec<Vec<LineEdit>> = vec![Vec::new(); self.lines.len()];
        let mut joined_hyphenations: Vec<(usize, usize, String)> = Vec::new();
        for edit in sorted {
            let touched = self.touched_units(edit.span);
            if touched.is_empty() {
                applied.edits_left_out += 1;
                continue;
            }
            let first_line = self.units[touched.start].line;
            let line_span = self.lines[first_line].span;
            let in_one_line = self.units[touched.end - 1].line == first_line
                && edit.span.start >= line_span.start
                && edit.span.end <= line_span.end;
            if in_one_line {
                per_line[first_line].push(LineEdit {
                    span: edit.span,
                    replacement: edit.replacement.clone(),
                    confidence: edit.confidence,
                });
            } else {
                // A hyphenation is a join across the line end; any other
                // edit is first tried line by line, and may turn out to be
                // one too (`govem` / `ment.` → `government.`).
                let per_line_parts = if edit.kind == EditKind::Hyphenation {
                    None
                } else {
                    self.per_line_parts(edit)
                };
                if let Some(parts) = per_line_parts {
                    for (line, part) in parts {
                        per_line[line].push(part);
                    }
                } else if let Some(join) = self.join_across_lines(edit, touched) {
                    for part in join.parts {
                        per_line[self.line_of(part.span)].push(part);
                    }
                    joined_hyphenations.push((join.first, join.second, join.word));
                    applied.hyphenations += 1;
                } else {
                    applied.edits_left_out += 1;
                }
            }
        }

        let mut outcomes: Vec<Option<Outcome>> = vec![None; self.units.len()];
        let mut new_lines: Vec<Option<String>> = vec![None; self.lines.len()];
        for (index, mut edits) in per_line.into_iter().enumerate() {
            if edits.is_empty() {
                continue;
            }
            let line = &self.lines[index];
            edits.sort_by_key(|e| e.span);
            // A hyphenation's part may meet another edit of the same word;
            // the first one wins.
            let mut kept: Vec<LineEdit> = Vec::with_capacity(edits.len());
            for edit in edits {
                if kept
                    .last()
                    .is_some_and(|last| edit.span.start < last.span.end)
                {
                    applied.edits_left_out += 1;
                } else {
                    kept.push(edit);
                }
            }
            let old = &self.text[line.span.range()];
            let mut new = String::with_capacity(old.len() + 16);
            let mut cursor = line.span.start;
            for edit in &kept {
                new.push_str(&self.text[cursor..edit.span.start]);
                new.push_str(&edit.replacement);
                cursor = edit.span.end;
            }
            new.push_str(&self.text[cursor..line.span.end]);
            if new == old {
                continue;
            }
            let unit_ranges: Vec<Range<usize>> = self.units[line.units.clone()]
                .iter()
                .map(|u| u.span.start - line.span.start..u.span.end - line.span.start)
                .collect();
            let contents = assign_tokens(old, &unit_ranges, &new);
            for (offset, content) in contents.into_iter().enumerate() {
                let unit_index = line.units.start + offset;
                let unit = &self.units[unit_index];
                let old_text = &self.text[unit.span.range()];
                outcomes[unit_index] = match content {
                    Some(text) if text == old_text => None,
                    Some(text) => Some(Outcome::Set {
                        text,
                        confidence: kept
                            .iter()
                            .filter(|e| {
                                e.span.end >= unit.span.start && e.span.start <= unit.span.end
                            })
                            .map(|e| e.confidence)
                            .fold(1.0, f32::min),
                    }),
                    None if unit.site.removable => Some(Outcome::Remove),
                    None => Some(Outcome::Set {
                        text: String::new(),
                        confidence: 1.0,
                    }),
                };
            }
            new_lines[index] = Some(new);
        }

        let mut splices: Vec<(Range<usize>, String)> = Vec::new();
        for (index, outcome) in outcomes.iter().enumerate() {
            let Some(outcome) = outcome else { continue };
            let site = &self.units[index].site;
            match outcome {
                Outcome::Remove => {
                    applied.words_removed += 1;
                    let end = site
                        .hyp
                        .as_ref()
                        .map_or(site.element.end, |h| h.end.max(site.element.end));
                    let start = if site.gap_before.is_empty() {
                        site.element.start
                    } else {
                        site.gap_before.start
                    };
                    splices.push((start..end, String::new()));
                }
                Outcome::Set { text, confidence } => {
                    applied.words_changed += 1;
                    match &site.content {
                        Content::Pieces(pieces) => {
                            splices.extend(replace_pieces(&self.source, pieces, text));
                        }
                        Content::Attribute(range) => {
                            let mut value = text.as_str();
                            if let Some(hyp) = &site.hyp {
                                match value.strip_suffix('-') {
                                    Some(stem) => value = stem,
                                    // The hyphen went: so does the HYP element.
                                    None => splices.push((hyp.clone(), String::new())),
                                }
                            }
                            splices.push((range.clone(), xml::escape_attribute(value)));
                        }
                    }
                    if let Some(number) = &site.confidence {
                        splices
                            .push((number.range.clone(), format_confidence(number, *confidence)));
                    }
                }
            }
        }
        if self.format == InputFormat::Alto {
            for (p1, p2, joined) in &joined_hyphenations {
                for (unit, part) in [(*p1, "HypPart1"), (*p2, "HypPart2")] {
                    if outcomes[unit] == Some(Outcome::Remove) {
                        continue;
                    }
                    let Some(subs) = &self.units[unit].site.subs else {
                        continue;
                    };
                    let mut insert = String::new();
                    match &subs.subs_type {
                        Some(range) => splices.push((range.clone(), part.to_owned())),
                        None => insert.push_str(&format!(" SUBS_TYPE=\"{part}\"")),
                    }
                    let escaped = xml::escape_attribute(joined);
                    match &subs.subs_content {
                        Some(range) => splices.push((range.clone(), escaped)),
                        None => insert.push_str(&format!(" SUBS_CONTENT=\"{escaped}\"")),
                    }
                    if !insert.is_empty() {
                        splices.push((subs.insert_at..subs.insert_at, insert));
                    }
                }
            }
        }
        for summary in &self.summaries {
            if !new_lines[summary.lines.clone()].iter().any(Option::is_some) {
                continue;
            }
            let old: Vec<&str> = self.lines[summary.lines.clone()]
                .iter()
                .map(|l| &self.text[l.span.range()])
                .collect();
            // Only a copy of the words' text is kept in step; a summary
            // that says something else is the producer's, left alone.
            if summary.text != old.join("\n") {
                continue;
            }
            let new: Vec<&str> = summary
                .lines
                .clone()
                .zip(&old)
                .map(|(l, old)| new_lines[l].as_deref().unwrap_or(old))
                .collect();
            splices.extend(replace_pieces(
                &self.source,
                &summary.pieces,
                &new.join("\n"),
            ));
        }

        applied.document = splice(&self.source, splices);
        Ok(applied)
    }

    /// Units whose span touches `span` (ends included, so an edit of the
    /// space between two words touches both).
    fn touched_units(&self, span: ByteSpan) -> Range<usize> {
        let first = self.units.partition_point(|u| u.span.end < span.start);
        let end = self.units.partition_point(|u| u.span.start <= span.end);
        first..end.max(first)
    }

    fn line_of(&self, span: ByteSpan) -> usize {
        self.lines
            .partition_point(|l| l.span.end < span.start)
            .min(self.lines.len().saturating_sub(1))
    }

    /// An edit that joins a word broken at a line end, as edits of the two
    /// lines' parts where letters (or stray spaces) were repaired in them;
    /// `None` when the edit is something else.
    fn join_across_lines(&self, edit: &Edit, touched: Range<usize>) -> Option<LineJoin> {
        let first_line = self.units[touched.start].line;
        let (l1, l2) = (
            self.lines[first_line].span,
            self.lines.get(first_line + 1)?.span,
        );
        // The edit may take the next line end along (`ination\n`).
        let past_line_two = self.text[l2.end..].starts_with('\n') as usize;
        if edit.span.start < l1.start || edit.span.end > l2.end + past_line_two {
            return None;
        }
        if edit.span.start >= l1.end || edit.span.end <= l2.start {
            return None;
        }
        // Widened to whole words on both lines.
        let start = self.text[l1.start..edit.span.start]
            .rfind(char::is_whitespace)
            .map_or(l1.start, |i| l1.start + i + 1);
        let tail_from = edit.span.end.min(l2.end);
        let ends_in_word =
            edit.span.end <= l2.end && !self.text[..tail_from].ends_with(char::is_whitespace);
        let end = if ends_in_word {
            tail_from
                + self.text[tail_from..l2.end]
                    .find(char::is_whitespace)
                    .unwrap_or(l2.end - tail_from)
        } else {
            tail_from
        };
        let region = format!(
            "{}{}{}",
            &self.text[start..edit.span.start],
            edit.replacement,
            self.text.get(edit.span.end..end).unwrap_or("")
        );
        let mut tokens = region.split_whitespace();
        let word = tokens.next()?.to_owned();
        if tokens.next().is_some() {
            return None;
        }
        // The second part ends with its last word, not with the space after.
        let end = l2.start + self.text[l2.start..end].trim_end().len();
        let (s1, s2) = (ByteSpan::new(start, l1.end), ByteSpan::new(l2.start, end));
        let (old1, old2) = (&self.text[s1.range()], &self.text[s2.range()]);
        if old1.trim().is_empty() || old2.trim().is_empty() {
            return None;
        }
        let flat1: String = old1.split_whitespace().collect();
        let flat2: String = old2.split_whitespace().collect();
        let stem = flat1.trim_end_matches(HYPHENS);
        let hyphen = &flat1[stem.len()..];
        let (new1, new2) = if word == format!("{stem}{flat2}") || word == format!("{flat1}{flat2}")
        {
            (flat1.clone(), flat2.clone())
        } else if let Some(head) = word.strip_suffix(flat2.as_str()).filter(|h| !h.is_empty()) {
            let head = if head.ends_with(HYPHENS) {
                head.to_owned()
            } else {
                format!("{head}{hyphen}")
            };
            (head, flat2.clone())
        } else if let Some(tail) = word
            .strip_prefix(stem)
            .filter(|t| !t.is_empty() && !stem.is_empty())
        {
            (flat1.clone(), tail.to_owned())
        } else {
            // No part survives as printed: the repair shows only in the
            // joined word (ALTO's SUBS_CONTENT).
            (old1.to_owned(), old2.to_owned())
        };
        // The parts' words: joined ones go into the first (see `apply`).
        let first = self.units.partition_point(|u| u.span.end < s1.start);
        let second = self.units.partition_point(|u| u.span.end < s2.start);
        let parts = [(s1, old1, new1), (s2, old2, new2)]
            .into_iter()
            .filter_map(|(span, old, new)| minimal_edit(span.start, old, &new, edit.confidence))
            .collect();
        Some(LineJoin {
            parts,
            first,
            second,
            word,
        })
    }

    /// An edit across line ends that keeps every line's text on its line
    /// (as many line ends, and as many words on each line, before as
    /// after), as one edit per line.
    fn per_line_parts(&self, edit: &Edit) -> Option<Vec<(usize, LineEdit)>> {
        let old: Vec<&str> = self.text[edit.span.range()].split('\n').collect();
        let new: Vec<&str> = edit.replacement.split('\n').collect();
        if old.len() != new.len() {
            return None;
        }
        let mut parts = Vec::new();
        let mut at = edit.span.start;
        for (old, new) in old.iter().zip(&new) {
            let span = ByteSpan::new(at, at + old.len());
            at = span.end + 1;
            if old == new {
                continue;
            }
            // A word that changes lines would show as one word fewer on one
            // line and one more on the other.
            if old.split_whitespace().count() != new.split_whitespace().count() {
                return None;
            }
            let line = self.line_of(span);
            let line_span = self.lines.get(line)?.span;
            if span.start < line_span.start || span.end > line_span.end {
                return None;
            }
            parts.push((
                line,
                LineEdit {
                    span,
                    replacement: (*new).to_owned(),
                    confidence: edit.confidence,
                },
            ));
        }
        Some(parts)
    }
}

/// The edit turning `old` (at `start`) into `new`, narrowed to the bytes
/// that differ; `None` when they are equal.
fn minimal_edit(start: usize, old: &str, new: &str, confidence: f32) -> Option<LineEdit> {
    if old == new {
        return None;
    }
    let prefix: usize = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    let suffix: usize = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum();
    Some(LineEdit {
        span: ByteSpan::new(start + prefix, start + old.len() - suffix),
        replacement: new[prefix..new.len() - suffix].to_owned(),
        confidence,
    })
}

/// The new content of each old word of a line (`None`: the word is gone).
///
/// Characters the line keeps are matched by a character diff; a new word
/// belongs to every old word whose characters it kept, and the words so
/// tied together form a group: the group's new words (space-separated) go
/// into its first old word, the others are removed. New words made only of
/// inserted characters join the group before them.
fn assign_tokens(old: &str, units: &[Range<usize>], new: &str) -> Vec<Option<String>> {
    let old_chars: Vec<(usize, char)> = old.char_indices().collect();
    let new_chars: Vec<(usize, char)> = new.char_indices().collect();
    let tokens: Vec<Range<usize>> = token_ranges(new);
    let (n, m) = (units.len(), tokens.len());

    let unit_of = |byte: usize| units.iter().position(|r| r.contains(&byte));
    let token_of = |byte: usize| tokens.iter().position(|r| r.contains(&byte));
    let old_only: Vec<char> = old_chars.iter().map(|&(_, c)| c).collect();
    let new_only: Vec<char> = new_chars.iter().map(|&(_, c)| c).collect();

    // Pairs (old word, new word) that share a character.
    let ops = capture_diff_slices(Algorithm::Myers, &old_only, &new_only);
    let pair = |old_char: usize, new_char: usize| {
        Some((
            unit_of(old_chars[old_char].0)?,
            token_of(new_chars[new_char].0)?,
        ))
    };
    let mut ties: Vec<(usize, usize)> = Vec::new();
    for op in &ops {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = *op
        {
            ties.extend((0..len).filter_map(|k| pair(old_index + k, new_index + k)));
        }
    }
    // A word none of whose characters were kept (`eS` → `as`) is tied to
    // what replaced it, by position within the replaced stretch.
    let mut unit_tied = vec![false; n];
    for &(u, _) in &ties {
        unit_tied[u] = true;
    }
    for op in &ops {
        if let DiffOp::Replace {
            old_index,
            old_len,
            new_index,
            new_len,
        } = *op
        {
            for k in 0..old_len {
                if unit_of(old_chars[old_index + k].0).is_some_and(|u| !unit_tied[u]) {
                    ties.extend(pair(old_index + k, new_index + k * new_len / old_len));
                }
            }
        }
    }
    let mut parent: Vec<usize> = (0..n + m).collect();
    let mut token_tied = vec![false; m];
    for (u, t) in ties {
        union(&mut parent, u, n + t);
        token_tied[t] = true;
    }
    if m == n && !token_tied.iter().any(|&t| t) {
        // Nothing kept at all: word for word.
        return tokens
            .iter()
            .map(|t| Some(new[t.clone()].to_owned()))
            .collect();
    }
    for t in 0..m {
        if !token_tied[t] {
            let neighbour = if t > 0 {
                n + t - 1
            } else {
                match (1..m).find(|&o| token_tied[o]) {
                    Some(o) => n + o,
                    None => 0,
                }
            };
            if n > 0 {
                union(&mut parent, n + t, neighbour);
            }
        }
    }
    let mut out: Vec<Option<String>> = vec![None; n];
    let mut first_of_group: Vec<Option<usize>> = vec![None; n + m];
    for u in 0..n {
        let root = find(&mut parent, u);
        if first_of_group[root].is_none() {
            first_of_group[root] = Some(u);
        }
    }
    let mut words: Vec<Vec<&str>> = vec![Vec::new(); n];
    for (t, range) in tokens.iter().enumerate() {
        let root = find(&mut parent, n + t);
        if let Some(u) = first_of_group[root] {
            words[u].push(&new[range.clone()]);
        }
    }
    for (u, words) in words.into_iter().enumerate() {
        if !words.is_empty() {
            out[u] = Some(words.join(" "));
        }
    }
    out
}

fn token_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Joins the sets of `a` and `b`, the lower index becoming the root so that
/// a group's root is its first member.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Splices that put `text` in place of the text of `pieces`: into the first
/// piece with text (its surrounding whitespace kept), emptying the others.
fn replace_pieces(source: &str, pieces: &[Piece], text: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut written = false;
    for piece in pieces {
        let range = if piece.cdata {
            piece.range.clone()
        } else {
            let raw = &source[piece.range.clone()];
            let start = piece.range.start + (raw.len() - raw.trim_start().len());
            let end = piece.range.end - (raw.len() - raw.trim_end().len());
            if start >= end {
                continue;
            }
            start..end
        };
        let replacement = if written {
            String::new()
        } else {
            xml::escape_text(text)
        };
        written = true;
        out.push((range, replacement));
    }
    out
}

fn format_confidence(site: &NumberSite, confidence: f32) -> String {
    let value = confidence.clamp(0.0, 1.0) * site.scale;
    let decimals = if site.scale > 1.0 {
        site.decimals
    } else {
        site.decimals.max(2)
    };
    format!("{value:.decimals$}")
}

/// The source with `splices` (byte range → new text) made. Splices inside a
/// removed element are dropped with it.
fn splice(source: &str, mut splices: Vec<(Range<usize>, String)>) -> String {
    splices.sort_by_key(|(range, _)| (range.start, range.end));
    let removed: Vec<Range<usize>> = splices
        .iter()
        .filter(|(r, text)| text.is_empty() && !r.is_empty())
        .map(|(r, _)| r.clone())
        .collect();
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    for (range, text) in splices {
        // Removed elements do not overlap: only the last one starting at or
        // before this splice can hold it.
        let last = removed.partition_point(|r| r.start <= range.start);
        let inside_removed = last > 0 && {
            let r = &removed[last - 1];
            range.end <= r.end && *r != range
        };
        if inside_removed || range.start < cursor {
            continue;
        }
        out.push_str(&source[cursor..range.start]);
        out.push_str(&text);
        cursor = range.end;
    }
    out.push_str(&source[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Old words of `old` (split at spaces), matched to `new`.
    fn assign(old: &str, new: &str) -> Vec<Option<String>> {
        assign_tokens(old, &token_ranges(old), new)
    }

    fn some(words: &[&str]) -> Vec<Option<String>> {
        words
            .iter()
            .map(|w| (!w.is_empty()).then(|| (*w).to_owned()))
            .collect()
    }

    #[test]
    fn words_keep_their_elements() {
        assert_eq!(
            assign("sorne tbing", "some thing"),
            some(&["some", "thing"])
        );
        assert_eq!(assign("a sorne b", "a some b"), some(&["a", "some", "b"]));
    }

    #[test]
    fn joined_words_go_into_the_first() {
        assert_eq!(
            assign("the se arch", "the search"),
            some(&["the", "search", ""])
        );
        assert_eq!(assign("councils .", "councils."), some(&["councils.", ""]));
        assert_eq!(assign("1 9 1 7", "1917"), some(&["1917", "", "", ""]));
    }

    #[test]
    fn a_split_word_stays_one_element() {
        assert_eq!(
            assign("ofthe town", "of the town"),
            some(&["of the", "town"])
        );
    }

    #[test]
    fn a_word_with_no_kept_letter_takes_its_replacement() {
        assert_eq!(assign("p. eS :", "p. as:"), some(&["p.", "as:", ""]));
        assert_eq!(assign("x ab y", "x cd y"), some(&["x", "cd", "y"]));
    }

    #[test]
    fn deleted_and_inserted_words() {
        assert_eq!(
            assign("Petrograd | in", "Petrograd in"),
            some(&["Petrograd", "", "in"])
        );
        assert_eq!(assign("a b", "a new b"), some(&["a new", "b"]));
    }

    #[test]
    fn minimal_edit_narrows_to_the_difference() {
        let e = minimal_edit(10, "exarn-", "exam-", 0.9).unwrap();
        assert_eq!(
            (e.span, e.replacement.as_str()),
            (ByteSpan::new(13, 15), "m")
        );
        assert!(minimal_edit(0, "same", "same", 0.9).is_none());
    }

    #[test]
    fn confidences_keep_their_scale_and_precision() {
        let site = |scale, decimals| NumberSite {
            range: 0..0,
            scale,
            decimals,
        };
        assert_eq!(format_confidence(&site(100.0, 0), 0.934), "93");
        assert_eq!(format_confidence(&site(1.0, 1), 0.934), "0.93");
        assert_eq!(format_confidence(&site(1.0, 4), 0.934), "0.9340");
    }
}
