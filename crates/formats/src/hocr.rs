//! hOCR: words are `ocrx_word` elements inside line elements (`ocr_line`,
//! and Tesseract's `ocr_header`, `ocr_caption`, `ocr_textfloat`); the
//! paragraph is the innermost `ocr_par`, `ocr_carea`, `ocrx_block` or
//! `ocr_page`. A line without word elements is one unit (tools that write
//! only line text). Confidence: `x_wconf` (0–100) in the `title`.

use crate::xml::{self, Attr, Scanner};
use crate::{number_site, pieces_text, push_piece, Builder, NumberSite, ParseError};
use crate::{PendingUnit, Piece};
use quick_xml::events::Event;
use std::ops::Range;

const LINE_CLASSES: [&str; 5] = [
    "ocr_line",
    "ocrx_line",
    "ocr_header",
    "ocr_caption",
    "ocr_textfloat",
];
const WORD_CLASSES: [&str; 2] = ["ocrx_word", "ocr_word"];
const BLOCK_CLASSES: [&str; 5] = [
    "ocr_page",
    "ocr_carea",
    "ocrx_block",
    "ocr_block",
    "ocr_par",
];

enum Frame {
    Block,
    Line,
    Word,
    Other,
}

struct LineState {
    block: usize,
    units: Vec<PendingUnit>,
    /// Text directly in the line, for lines without word elements.
    pieces: Vec<Piece>,
    element_start: usize,
    confidence: Option<(f32, NumberSite)>,
    /// End of the last word element (or of the line's start tag).
    last_end: usize,
    /// Only whitespace since `last_end`.
    gap_clean: bool,
}

struct WordState {
    start: usize,
    pieces: Vec<Piece>,
    confidence: Option<(f32, NumberSite)>,
    gap_before: Range<usize>,
}

pub(crate) fn parse(source: &str) -> Result<Builder, ParseError> {
    let mut scanner = Scanner::new(source, true);
    let mut builder = Builder::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    let mut next_block = 1;
    let mut line: Option<LineState> = None;
    let mut word: Option<WordState> = None;

    while let Some((event, range)) = scanner.next()? {
        match event {
            Event::Start(tag) => {
                let attrs = xml::attributes(source, &tag, range.start, true)?;
                let classes = classes(&attrs);
                let is = |set: &[&str]| classes.iter().any(|c| set.contains(c));
                let frame =
                    if let (Some(l), true) = (line.as_mut(), word.is_none() && is(&WORD_CLASSES)) {
                        let gap_before = if l.gap_clean {
                            l.last_end..range.start
                        } else {
                            range.start..range.start
                        };
                        word = Some(WordState {
                            start: range.start,
                            pieces: Vec::new(),
                            confidence: confidence(&attrs),
                            gap_before,
                        });
                        Frame::Word
                    } else if line.is_none() && is(&LINE_CLASSES) {
                        line = Some(LineState {
                            block: blocks.last().copied().unwrap_or(0),
                            units: Vec::new(),
                            pieces: Vec::new(),
                            element_start: range.start,
                            confidence: confidence(&attrs),
                            last_end: range.end,
                            gap_clean: true,
                        });
                        Frame::Line
                    } else if line.is_none() && is(&BLOCK_CLASSES) {
                        blocks.push(next_block);
                        next_block += 1;
                        Frame::Block
                    } else {
                        mark_dirty(&mut line, &word);
                        Frame::Other
                    };
                frames.push(frame);
            }
            Event::End(_) => match frames.pop() {
                Some(Frame::Word) => {
                    let (Some(w), Some(l)) = (word.take(), line.as_mut()) else {
                        continue;
                    };
                    let text = pieces_text(source, &w.pieces, true)?;
                    l.units.push(PendingUnit::from_pieces(
                        text,
                        w.pieces,
                        w.start..range.end,
                        Some(w.gap_before),
                        w.confidence,
                    ));
                    l.last_end = range.end;
                    l.gap_clean = true;
                }
                Some(Frame::Line) => {
                    let Some(mut l) = line.take() else { continue };
                    if l.units.is_empty() && !l.pieces.is_empty() {
                        let text = pieces_text(source, &l.pieces, true)?;
                        l.units.push(PendingUnit::from_pieces(
                            text,
                            l.pieces,
                            l.element_start..range.end,
                            None,
                            l.confidence,
                        ));
                    }
                    builder.push_line(l.block, l.units);
                }
                Some(Frame::Block) => {
                    blocks.pop();
                }
                Some(Frame::Other) | None => {}
            },
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) => {
                let cdata = matches!(event, Event::CData(_));
                if let Some(w) = word.as_mut() {
                    push_piece(&mut w.pieces, range, cdata);
                } else if let Some(l) = line.as_mut() {
                    let blank = source[range.clone()].trim().is_empty();
                    if !blank {
                        l.gap_clean = false;
                    }
                    push_piece(&mut l.pieces, range, cdata);
                }
            }
            Event::Empty(_) | Event::Comment(_) | Event::PI(_) => mark_dirty(&mut line, &word),
            Event::Decl(_) | Event::DocType(_) | Event::Eof => {}
        }
    }
    Ok(builder)
}

/// Something other than whitespace now stands between two words of the
/// line: removing the next word must not take it along.
fn mark_dirty(line: &mut Option<LineState>, word: &Option<WordState>) {
    if let (Some(l), None) = (line.as_mut(), word) {
        l.gap_clean = false;
    }
}

fn classes<'a>(attrs: &[Attr<'a>]) -> Vec<&'a str> {
    xml::find(attrs, "class")
        .map(|a| a.raw.split_whitespace().collect())
        .unwrap_or_default()
}

/// `x_wconf` from the `title` properties (`bbox 1 2 3 4; x_wconf 96`).
fn confidence(attrs: &[Attr<'_>]) -> Option<(f32, NumberSite)> {
    let title = xml::find(attrs, "title")?;
    let mut offset = 0;
    for property in title.raw.split(';') {
        let start = offset;
        offset += property.len() + 1;
        let trimmed = property.trim_start();
        let Some(value) = trimmed.strip_prefix("x_wconf") else {
            continue;
        };
        if !value.starts_with(char::is_whitespace) {
            continue;
        }
        let at = title.range.start + start + (property.len() - trimmed.len()) + "x_wconf".len();
        return number_site(value, at, 100.0);
    }
    None
}
