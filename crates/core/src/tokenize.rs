//! Splits a document into whitespace-separated chunks and, inside each, the
//! word core that dictionary lookups see. Offsets are bytes into the text.

use crate::edit::ByteSpan;

/// Punctuation that may open a chunk without being part of the word.
fn is_leading_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '{' | '<' | '«' | '“' | '‘' | '„' | '*' | '¿' | '¡' | '`'
            // Closing marks misused as opening ones.
            | '’' | '”' | '»' | '…'
    )
}

/// Punctuation that may close a chunk without being part of the word.
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | ')'
            | ']'
            | '}'
            | '>'
            | '»'
            | '”'
            | '’'
            | '*'
            | '`'
            | '…'
    )
}

/// A run of non-whitespace text.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub span: ByteSpan,
    /// The chunk without leading/trailing punctuation; may be empty.
    pub core: ByteSpan,
    /// 0-based line number.
    pub line: usize,
    pub first_on_line: bool,
    pub last_on_line: bool,
}

impl Chunk {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.range()]
    }

    pub fn core_text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.core.range()]
    }

    pub fn trailing<'t>(&self, text: &'t str) -> &'t str {
        &text[self.core.end..self.span.end]
    }
}

/// Every chunk of `text`, in order.
pub fn chunks(text: &str) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::with_capacity(text.len() / 6);
    let mut line = 0usize;
    let mut start: Option<usize> = None;
    let mut new_line = true;
    let push = |start: usize, end: usize, line: usize, first: bool, out: &mut Vec<Chunk>| {
        out.push(Chunk {
            span: ByteSpan::new(start, end),
            core: core_of(text, start, end),
            line,
            first_on_line: first,
            last_on_line: false,
        });
    };
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                push(s, i, line, new_line, &mut out);
                new_line = false;
            }
            if c == '\n' {
                if let Some(last) = out.last_mut() {
                    if last.line == line {
                        last.last_on_line = true;
                    }
                }
                line += 1;
                new_line = true;
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), line, new_line, &mut out);
    }
    if let Some(last) = out.last_mut() {
        last.last_on_line = true;
    }
    out
}

fn core_of(text: &str, start: usize, end: usize) -> ByteSpan {
    let chunk = &text[start..end];
    let lead = chunk
        .char_indices()
        .find(|&(_, c)| !is_leading_punct(c))
        .map_or(chunk.len(), |(i, _)| i);
    let rest = &chunk[lead..];
    let trail = rest
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_trailing_punct(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    ByteSpan::new(start + lead, start + lead + trail)
}

/// A hyphen-separated piece of a chunk's core: the unit of lookup.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    pub span: ByteSpan,
    pub chunk: usize,
}

/// Splits each chunk core on hyphens and dashes into pieces, trims their
/// own punctuation (`Revolution-"the`), and sets a footnote number apart
/// from the word it follows (`state.3`, `soviets."2`).
pub fn pieces(text: &str, chunks: &[Chunk]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(chunks.len());
    for (index, chunk) in chunks.iter().enumerate() {
        let core = chunk.core;
        let mut piece_start = core.start;
        let push = |start: usize, end: usize, out: &mut Vec<Piece>| {
            let trimmed = core_of(text, start, end);
            if trimmed.is_empty() {
                return;
            }
            match footnote_start(&text[trimmed.range()]) {
                Some(marks) => {
                    let word = core_of(text, trimmed.start, trimmed.start + marks);
                    let digits = trimmed.start
                        + marks
                        + text[trimmed.start + marks..trimmed.end]
                            .find(|c: char| c.is_ascii_alphanumeric())
                            .unwrap_or(0);
                    for span in [word, ByteSpan::new(digits, trimmed.end)] {
                        if !span.is_empty() {
                            out.push(Piece { span, chunk: index });
                        }
                    }
                }
                None => out.push(Piece {
                    span: trimmed,
                    chunk: index,
                }),
            }
        };
        for (i, c) in text[core.range()].char_indices() {
            if matches!(c, '-' | '—' | '–' | '/') {
                let at = core.start + i;
                if at > piece_start {
                    push(piece_start, at, &mut out);
                }
                piece_start = at + c.len_utf8();
            }
        }
        if core.end > piece_start {
            push(piece_start, core.end, &mut out);
        }
    }
    out
}

/// For `word.12`, `word,"3`, `word.[5` or `word.xvi`: the byte offset where
/// the punctuation before the trailing note marker starts.
fn footnote_start(piece: &str) -> Option<usize> {
    let digits_at = piece.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let numerals_at = piece.trim_end_matches(['i', 'v', 'x']).len();
    let roman = numerals_at < piece.len() && piece[..numerals_at].ends_with('.');
    let marker_at = if roman { numerals_at } else { digits_at };
    if marker_at == piece.len() || piece.len() - marker_at > if roman { 5 } else { 3 } {
        return None;
    }
    let head = &piece[..marker_at];
    let marks_at = head
        .trim_end_matches(|c: char| is_trailing_punct(c) || c == '[' || c == '(')
        .len();
    if marks_at == head.len() || marks_at == 0 {
        return None;
    }
    // The word may end in a misread letter (`harmfu1.246`), but a number
    // with a decimal point (`3.14`) is one piece.
    let word = &head[..marks_at];
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    word.chars()
        .last()
        .filter(|&c| c.is_alphabetic() || c.is_ascii_digit() && letters >= 2)
        .map(|_| marks_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cores_and_lines() {
        let text = "(Example : the\r\nParis \"councils .\"\nend";
        let cs = chunks(text);
        let cores: Vec<&str> = cs.iter().map(|c| c.core_text(text)).collect();
        assert_eq!(
            cores,
            ["Example", "", "the", "Paris", "councils", "", "end"]
        );
        assert_eq!(cs[2].line, 0);
        assert!(cs[2].last_on_line);
        assert!(cs[3].first_on_line);
        assert_eq!(cs[3].line, 1);
        assert_eq!(cs[6].line, 2);
        assert!(cs[6].last_on_line);
    }

    /// The text of each piece of `text`.
    fn pieces_of(text: &str) -> Vec<&str> {
        pieces(text, &chunks(text))
            .iter()
            .map(|p| &text[p.span.range()])
            .collect()
    }

    #[test]
    fn pieces_split_on_hyphens() {
        assert_eq!(
            pieces_of("1917-numer self-government"),
            ["1917", "numer", "self", "government"]
        );
        assert_eq!(
            pieces_of("soviets.\"2 Revolution-\"the state.3"),
            ["soviets", "2", "Revolution", "the", "state", "3"]
        );
        // A word ending in a misread letter keeps its note apart too; a
        // decimal number stays whole.
        assert_eq!(
            pieces_of("harmfu1.246 of 3.14"),
            ["harmfu1", "246", "of", "3.14"]
        );
    }
}
