//! Makes confident repair idempotent. A repair changes the context of its
//! neighbours (`ofthe sorne` becomes `of the sorne`, and only then is
//! `sorne` clearly `some`), so the text is analysed again after the
//! confident edits, and what the second look finds is folded back into
//! edits on the original text.

use crate::edit::{apply_edits, ByteSpan, Edit};

/// One stretch of the original text and where it landed in the repaired
/// text; `edit` is the index of the applied edit that produced it, if any.
struct Stretch {
    original: ByteSpan,
    repaired: ByteSpan,
    edit: Option<usize>,
}

/// Maps the original text through the applied edits (`applied[i]` indexes
/// into `edits`, sorted by span).
fn stretches(text_len: usize, edits: &[Edit], applied: &[usize]) -> Vec<Stretch> {
    let mut out = Vec::with_capacity(applied.len() * 2 + 1);
    let mut original = 0usize;
    let mut repaired = 0usize;
    for &index in applied {
        let edit = &edits[index];
        let gap = edit.span.start - original;
        if gap > 0 {
            out.push(Stretch {
                original: ByteSpan::new(original, edit.span.start),
                repaired: ByteSpan::new(repaired, repaired + gap),
                edit: None,
            });
            repaired += gap;
        }
        let len = edit.replacement.len();
        out.push(Stretch {
            original: edit.span,
            repaired: ByteSpan::new(repaired, repaired + len),
            edit: Some(index),
        });
        repaired += len;
        original = edit.span.end;
    }
    if text_len > original {
        out.push(Stretch {
            original: ByteSpan::new(original, text_len),
            repaired: ByteSpan::new(repaired, repaired + text_len - original),
            edit: None,
        });
    }
    out
}

/// Folds `later` (edits on `repaired`, the text with `edits[applied]`
/// applied) into `edits` (edits on `text`). Returns false when nothing of
/// `later` could be folded in.
pub fn fold(
    text: &str,
    repaired: &str,
    edits: &mut Vec<Edit>,
    applied: &[usize],
    later: Vec<Edit>,
) -> bool {
    let map = stretches(text.len(), edits, applied);
    let mut replaced: Vec<bool> = vec![false; edits.len()];
    let mut added: Vec<Edit> = Vec::new();
    let mut undone = false;
    for edit in later {
        let span = edit.span;
        // Stretches the later edit touches; an insertion touches the one it
        // sits in or, at a boundary, the one before it.
        let touched: Vec<&Stretch> = map
            .iter()
            .filter(|s| {
                (s.repaired.start < span.end && span.start < s.repaired.end)
                    || (span.is_empty()
                        && s.repaired.start < span.start
                        && span.start <= s.repaired.end)
                    || (span.is_empty() && span.start == 0 && s.repaired.start == 0)
            })
            .collect();
        let (Some(first), Some(last)) = (touched.first(), touched.last()) else {
            continue;
        };
        // Stretches of untouched text may be cut; repaired ones are taken whole.
        let original_start = match first.edit {
            None => first.original.start + (span.start - first.repaired.start),
            Some(_) => first.original.start,
        };
        let repaired_start = if first.edit.is_none() {
            span.start
        } else {
            first.repaired.start
        };
        let (original_end, repaired_end) = match last.edit {
            None => (
                last.original.start + (span.end.max(last.repaired.start) - last.repaired.start),
                span.end.max(last.repaired.start),
            ),
            Some(_) => (last.original.end, last.repaired.end),
        };
        let repaired_end = repaired_end.max(span.end);
        if !text.is_char_boundary(original_start) || !text.is_char_boundary(original_end) {
            continue;
        }
        let replacement = format!(
            "{}{}{}",
            &repaired[repaired_start..span.start],
            edit.replacement,
            &repaired[span.end..repaired_end]
        );
        let covered: Vec<usize> = touched.iter().filter_map(|s| s.edit).collect();
        let confidence = covered
            .iter()
            .map(|&i| edits[i].confidence)
            .fold(edit.confidence, f32::min);
        for &i in &covered {
            replaced[i] = true;
        }
        let original_span = ByteSpan::new(original_start, original_end);
        // The second look undid the first (`Chernov` -> `Chemov` ->
        // `Chernov`): drop both rather than offer a change to itself.
        if replacement == text[original_span.range()] && !edit.is_flag() {
            undone = true;
            continue;
        }
        added.push(Edit {
            span: original_span,
            original: text[original_span.range()].to_owned(),
            replacement,
            kind: covered.first().map_or(edit.kind, |&i| edits[i].kind),
            confidence,
            alternatives: if covered.is_empty() {
                edit.alternatives
            } else {
                Vec::new()
            },
        });
    }
    if added.is_empty() && !undone {
        return false;
    }
    // Unapplied suggestions that now overlap a folded edit give way to it.
    let mut kept: Vec<Edit> = edits
        .drain(..)
        .enumerate()
        .filter(|(i, _)| !replaced[*i])
        .map(|(_, e)| e)
        .filter(|e| {
            !added.iter().any(|a| {
                (e.span.start < a.span.end && a.span.start < e.span.end)
                    || (e.span.start == a.span.start && (e.span.is_empty() || a.span.is_empty()))
            })
        })
        .collect();
    kept.extend(added);
    kept.sort_by_key(|e| (e.span.start, e.span.end));
    // Two later edits folded onto one repaired stretch would overlap; keep
    // the first of such a pair.
    let mut out: Vec<Edit> = Vec::with_capacity(kept.len());
    for e in kept {
        if let Some(prev) = out.last() {
            if e.span.start < prev.span.end
                || (e.span.start == prev.span.start && (e.span.is_empty() || prev.span.is_empty()))
            {
                continue;
            }
        }
        out.push(e);
    }
    *edits = out;
    debug_assert!(apply_edits(text, edits).is_ok());
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditKind;

    fn edit(text: &str, start: usize, end: usize, replacement: &str, confidence: f32) -> Edit {
        Edit {
            span: ByteSpan::new(start, end),
            original: text[start..end].to_owned(),
            replacement: replacement.to_owned(),
            kind: EditKind::Confusion,
            confidence,
            alternatives: Vec::new(),
        }
    }

    #[test]
    fn later_edits_in_untouched_text_shift_back() {
        let text = "ofthe sorne day";
        let mut edits = vec![edit(text, 0, 5, "of the", 0.99)];
        let repaired = "of the sorne day";
        let later = vec![edit(repaired, 7, 12, "some", 0.9)];
        assert!(fold(text, repaired, &mut edits, &[0], later));
        assert_eq!(apply_edits(text, &edits).unwrap(), "of the some day");
        assert_eq!(edits[1].span, ByteSpan::new(6, 11));
        assert_eq!(edits[1].original, "sorne");
    }

    #[test]
    fn a_later_edit_that_undoes_a_repair_drops_it() {
        let text = "Chernov spoke";
        let mut edits = vec![edit(text, 0, 7, "Chemov", 0.8)];
        let repaired = "Chemov spoke";
        let later = vec![edit(repaired, 0, 6, "Chernov", 0.9)];
        assert!(fold(text, repaired, &mut edits, &[0], later));
        assert!(edits.is_empty(), "{edits:?}");
    }

    #[test]
    fn later_edits_over_repairs_are_composed() {
        let text = "tbe m )' end";
        let mut edits = vec![edit(text, 0, 3, "the", 0.99), edit(text, 5, 6, "", 0.9)];
        let repaired = "the m)' end";
        let later = vec![edit(repaired, 4, 7, "my", 0.95)];
        assert!(fold(text, repaired, &mut edits, &[0, 1], later));
        assert_eq!(apply_edits(text, &edits).unwrap(), "the my end");
        let composed = edits.iter().find(|e| e.replacement == "my").unwrap();
        assert_eq!(composed.original, "m )'");
        assert!((composed.confidence - 0.9).abs() < 1e-6);
    }
}
