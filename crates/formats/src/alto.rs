//! ALTO (v2–v4): words are `String` elements (text in `CONTENT`) of a
//! `TextLine`, the paragraph is the `TextBlock`; `SP` is the space between
//! words and a `HYP` at the line end reads as a `-` glued to the last word.
//! Confidence: `WC` (0–1).

use crate::xml::{self, Scanner};
use crate::{number_site, Builder, Content, ParseError, PendingUnit, Site, SubsSite};
use quick_xml::events::{BytesStart, Event};
use std::ops::Range;

enum Frame {
    Block,
    Line,
    String,
    Other,
}

struct LineState {
    block: usize,
    units: Vec<PendingUnit>,
    last_end: usize,
    gap_clean: bool,
}

pub(crate) fn parse(source: &str) -> Result<Builder, ParseError> {
    let mut scanner = Scanner::new(source, false);
    let mut builder = Builder::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut blocks: Vec<usize> = Vec::new();
    let mut next_block = 1;
    let mut line: Option<LineState> = None;
    // A `String` with child elements (ALTERNATIVE, Glyph): finished at its end tag.
    let mut open_string: Option<(PendingUnit, usize)> = None;

    while let Some((event, range)) = scanner.next()? {
        match event {
            Event::Start(tag) => {
                let name = xml::tag_name(&tag);
                let frame = match (name, line.is_some(), open_string.is_some()) {
                    ("TextBlock", false, _) => {
                        blocks.push(next_block);
                        next_block += 1;
                        Frame::Block
                    }
                    ("TextLine", false, _) => {
                        line = Some(LineState {
                            block: blocks.last().copied().unwrap_or(0),
                            units: Vec::new(),
                            last_end: range.end,
                            gap_clean: true,
                        });
                        Frame::Line
                    }
                    ("String", true, false) => {
                        let l = line.as_mut().expect("checked above");
                        open_string = Some((string(source, &tag, range.clone(), l)?, range.start));
                        Frame::String
                    }
                    ("SP", true, false) => Frame::Other,
                    _ => {
                        if let (Some(l), None) = (line.as_mut(), &open_string) {
                            l.gap_clean = false;
                        }
                        Frame::Other
                    }
                };
                frames.push(frame);
            }
            Event::Empty(tag) => {
                let name = xml::tag_name(&tag);
                let Some(l) = line.as_mut() else { continue };
                if open_string.is_some() {
                    continue;
                }
                match name {
                    "String" => {
                        let mut unit = string(source, &tag, range.clone(), l)?;
                        unit.site.element = range.clone();
                        l.units.push(unit);
                        l.last_end = range.end;
                        l.gap_clean = true;
                    }
                    "SP" => {}
                    "HYP" => {
                        if let Some(last) = l.units.last_mut() {
                            let printed = last.text.ends_with(['-', '¬', '\u{ad}']);
                            if last.site.hyp.is_none() && !last.text.is_empty() && !printed {
                                last.text.push('-');
                                last.site.hyp = Some(range.clone());
                            }
                        }
                        l.last_end = range.end;
                    }
                    _ => l.gap_clean = false,
                }
            }
            Event::End(_) => match frames.pop() {
                Some(Frame::String) => {
                    if let (Some((mut unit, start)), Some(l)) = (open_string.take(), line.as_mut())
                    {
                        unit.site.element = start..range.end;
                        l.units.push(unit);
                        l.last_end = range.end;
                        l.gap_clean = true;
                    }
                }
                Some(Frame::Line) => {
                    if let Some(l) = line.take() {
                        builder.push_line(l.block, l.units);
                    }
                }
                Some(Frame::Block) => {
                    blocks.pop();
                }
                Some(Frame::Other) | None => {}
            },
            Event::Text(_) | Event::GeneralRef(_) | Event::CData(_) | Event::Comment(_) => {
                if let (Some(l), None) = (line.as_mut(), &open_string) {
                    if !source[range].trim().is_empty() {
                        l.gap_clean = false;
                    }
                }
            }
            Event::PI(_) | Event::Decl(_) | Event::DocType(_) | Event::Eof => {}
        }
    }
    Ok(builder)
}

/// A `String` element's unit (its element range is set by the caller).
fn string(
    source: &str,
    tag: &BytesStart<'_>,
    range: Range<usize>,
    line: &LineState,
) -> Result<PendingUnit, ParseError> {
    let attrs = xml::attributes(source, tag, range.start, false)?;
    let Some(content) = xml::find(&attrs, "CONTENT") else {
        return Err(ParseError::at(
            source,
            range.start,
            "ALTO <String> without CONTENT".into(),
        ));
    };
    let text = xml::collapse_whitespace(&xml::unescape(
        source,
        content.raw,
        content.range.start,
        false,
    )?);
    let (confidence, confidence_site) =
        match xml::find(&attrs, "WC").and_then(|wc| number_site(wc.raw, wc.range.start, 1.0)) {
            Some((value, site)) => (Some(value), Some(site)),
            None => (None, None),
        };
    let gap_before = if line.gap_clean {
        line.last_end..range.start
    } else {
        range.start..range.start
    };
    Ok(PendingUnit {
        text,
        confidence,
        site: Site {
            content: Content::Attribute(content.range.clone()),
            element: range.clone(),
            gap_before,
            removable: true,
            confidence: confidence_site,
            hyp: None,
            subs: Some(SubsSite {
                // After the closing quote.
                insert_at: content.range.end + 1,
                subs_type: xml::find(&attrs, "SUBS_TYPE").map(|a| a.range.clone()),
                subs_content: xml::find(&attrs, "SUBS_CONTENT").map(|a| a.range.clone()),
            }),
        },
    })
}
