//! PAGE XML: words are `Word` elements of a `TextLine`, their text the
//! `Unicode` of their first `TextEquiv`; the paragraph is the innermost
//! `TextRegion`. A line without words is one unit, read from the line's own
//! `TextEquiv`. The line's and region's own `TextEquiv`, where they repeat
//! the words' text, are kept in step when words change. Confidence: the
//! `TextEquiv`'s `conf` (0–1). Glyphs are not read.

use crate::xml::{self, Scanner};
use crate::{number_site, pieces_text, push_piece, Builder, NumberSite, ParseError};
use crate::{PendingUnit, Piece, Summary};
use quick_xml::events::Event;
use std::ops::Range;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Owner {
    Region,
    Line,
    Word,
    Other,
}

enum Frame {
    Region,
    Line,
    Word,
    Equiv,
    Unicode,
    Other,
}

/// A `TextEquiv`'s text pieces and confidence.
type Equiv = (Vec<Piece>, Option<(f32, NumberSite)>);

struct RegionState {
    block: usize,
    first_line: usize,
    equiv: Option<Vec<Piece>>,
}

struct LineState {
    block: usize,
    units: Vec<PendingUnit>,
    element_start: usize,
    equiv: Option<Equiv>,
    last_end: usize,
    gap_clean: bool,
}

struct WordState {
    start: usize,
    equiv: Option<Equiv>,
    gap_before: Range<usize>,
}

/// The `TextEquiv` being read: whose it is and what it holds so far.
struct EquivState {
    owner: Owner,
    pieces: Vec<Piece>,
    confidence: Option<(f32, NumberSite)>,
}

pub(crate) fn parse(source: &str) -> Result<Builder, ParseError> {
    let mut scanner = Scanner::new(source, false);
    let mut builder = Builder::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut regions: Vec<RegionState> = Vec::new();
    let mut next_block = 1;
    let mut line: Option<LineState> = None;
    let mut word: Option<WordState> = None;
    let mut equiv: Option<EquivState> = None;
    let mut in_unicode = false;
    let mut glyph_depth = 0usize;

    while let Some((event, range)) = scanner.next()? {
        match event {
            Event::Start(tag) => {
                let name = xml::tag_name(&tag);
                let parent = match frames.last() {
                    _ if glyph_depth > 0 => Owner::Other,
                    Some(Frame::Region) => Owner::Region,
                    Some(Frame::Line) => Owner::Line,
                    Some(Frame::Word) => Owner::Word,
                    _ => Owner::Other,
                };
                let frame = match name {
                    "TextRegion" if line.is_none() => {
                        regions.push(RegionState {
                            block: next_block,
                            first_line: builder.line_count(),
                            equiv: None,
                        });
                        next_block += 1;
                        Frame::Region
                    }
                    "TextLine" if line.is_none() => {
                        line = Some(LineState {
                            block: regions.last().map_or(0, |r| r.block),
                            units: Vec::new(),
                            element_start: range.start,
                            equiv: None,
                            last_end: range.end,
                            gap_clean: true,
                        });
                        Frame::Line
                    }
                    "Word" if line.is_some() && word.is_none() => {
                        let l = line.as_ref().expect("checked above");
                        let gap_before = if l.gap_clean {
                            l.last_end..range.start
                        } else {
                            range.start..range.start
                        };
                        word = Some(WordState {
                            start: range.start,
                            equiv: None,
                            gap_before,
                        });
                        Frame::Word
                    }
                    "TextEquiv" if equiv.is_none() => {
                        let first = match parent {
                            Owner::Region => regions.last().is_some_and(|r| r.equiv.is_none()),
                            Owner::Line => line.as_ref().is_some_and(|l| l.equiv.is_none()),
                            Owner::Word => word.as_ref().is_some_and(|w| w.equiv.is_none()),
                            Owner::Other => false,
                        };
                        let attrs = xml::attributes(source, &tag, range.start, false)?;
                        equiv = Some(EquivState {
                            // Later TextEquivs are alternatives: not read.
                            owner: if first { parent } else { Owner::Other },
                            pieces: Vec::new(),
                            confidence: xml::find(&attrs, "conf")
                                .and_then(|c| number_site(c.raw, c.range.start, 1.0)),
                        });
                        Frame::Equiv
                    }
                    "Unicode" if equiv.is_some() => {
                        in_unicode = true;
                        Frame::Unicode
                    }
                    _ => {
                        if name == "Glyph" {
                            glyph_depth += 1;
                        }
                        Frame::Other
                    }
                };
                if word.is_none() && !matches!(frame, Frame::Word) {
                    if let Some(l) = line.as_mut() {
                        l.gap_clean = false;
                    }
                }
                frames.push(frame);
            }
            Event::Empty(_) | Event::Comment(_) | Event::PI(_) => {
                if let (Some(l), None) = (line.as_mut(), &word) {
                    l.gap_clean = false;
                }
            }
            Event::End(end) => {
                let name = std::str::from_utf8(end.local_name().into_inner()).unwrap_or("");
                match frames.pop() {
                    Some(Frame::Unicode) => in_unicode = false,
                    Some(Frame::Equiv) => {
                        let Some(e) = equiv.take() else { continue };
                        let found = Some((e.pieces, e.confidence));
                        match e.owner {
                            Owner::Word => {
                                if let Some(w) = word.as_mut() {
                                    w.equiv = found;
                                }
                            }
                            Owner::Line => {
                                if let Some(l) = line.as_mut() {
                                    l.equiv = found;
                                }
                            }
                            Owner::Region => {
                                if let (Some(r), Some((pieces, _))) = (regions.last_mut(), found) {
                                    r.equiv = Some(pieces);
                                }
                            }
                            Owner::Other => {}
                        }
                    }
                    Some(Frame::Word) => {
                        let (Some(w), Some(l)) = (word.take(), line.as_mut()) else {
                            continue;
                        };
                        let (pieces, found) = w.equiv.unwrap_or_default();
                        l.units.push(PendingUnit::from_pieces(
                            pieces_text(source, &pieces, false)?,
                            pieces,
                            w.start..range.end,
                            Some(w.gap_before),
                            found,
                        ));
                        l.last_end = range.end;
                        l.gap_clean = true;
                    }
                    Some(Frame::Line) => {
                        let Some(mut l) = line.take() else { continue };
                        let has_words = l.units.iter().any(|u| !u.text.is_empty());
                        let (pieces, found) = l.equiv.take().unwrap_or_default();
                        if has_words {
                            if let Some(index) = builder.push_line(l.block, l.units) {
                                if !pieces.is_empty() {
                                    builder.summaries.push(Summary {
                                        text: pieces_text(source, &pieces, false)?,
                                        pieces,
                                        lines: index..index + 1,
                                    });
                                }
                            }
                        } else if !pieces.is_empty() {
                            let unit = PendingUnit::from_pieces(
                                pieces_text(source, &pieces, false)?,
                                pieces,
                                l.element_start..range.end,
                                None,
                                found,
                            );
                            builder.push_line(l.block, vec![unit]);
                        }
                    }
                    Some(Frame::Region) => {
                        let Some(r) = regions.pop() else { continue };
                        if let Some(pieces) = r.equiv {
                            let lines = r.first_line..builder.line_count();
                            if !lines.is_empty() {
                                builder.summaries.push(Summary {
                                    text: region_text(source, &pieces)?,
                                    pieces,
                                    lines,
                                });
                            }
                        }
                    }
                    Some(Frame::Other) | None => {
                        if name == "Glyph" {
                            glyph_depth = glyph_depth.saturating_sub(1);
                        }
                    }
                }
            }
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                if in_unicode {
                    if let Some(e) = equiv.as_mut() {
                        push_piece(&mut e.pieces, range, matches!(event, Event::CData(_)));
                    }
                } else if let (Some(l), None) = (line.as_mut(), &word) {
                    if !source[range].trim().is_empty() {
                        l.gap_clean = false;
                    }
                }
            }
            Event::Decl(_) | Event::DocType(_) | Event::Eof => {}
        }
    }
    Ok(builder)
}

/// A region's text: its lines, each with whitespace collapsed, blank ones
/// left out.
fn region_text(source: &str, pieces: &[Piece]) -> Result<String, ParseError> {
    let mut raw = String::new();
    for piece in pieces {
        let one = std::slice::from_ref(piece);
        // Keep the line breaks that `pieces_text` would collapse.
        let text = &source[piece.range.clone()];
        if piece.cdata {
            raw.push_str(&pieces_text(source, one, false)?);
        } else {
            raw.push_str(&xml::unescape(source, text, piece.range.start, false)?);
        }
    }
    Ok(raw
        .lines()
        .map(xml::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n"))
}
