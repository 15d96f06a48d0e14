//! The one place that drives quick-xml: events with their byte ranges in the
//! source, nesting checked (with HTML's void elements allowed in hOCR), and
//! attribute values located in the source so they can be spliced later.

use crate::ParseError;
use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity, unescape_with};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::ops::Range;

/// HTML elements that never have an end tag; hOCR written as HTML (not
/// XHTML) leaves them open.
const HTML_VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

pub(crate) struct Scanner<'a> {
    source: &'a str,
    reader: Reader<&'a [u8]>,
    /// Open elements: qualified name and where the start tag began.
    open: Vec<(&'a str, usize)>,
    html: bool,
}

impl<'a> Scanner<'a> {
    pub fn new(source: &'a str, html: bool) -> Self {
        let mut reader = Reader::from_str(source);
        let config = reader.config_mut();
        config.trim_text(false);
        // Nesting is checked here instead, so that hOCR's HTML void
        // elements can be allowed and every error names a position.
        config.check_end_names = false;
        config.expand_empty_elements = false;
        Self {
            source,
            reader,
            open: Vec::new(),
            html,
        }
    }

    /// The next event and its byte range, or `None` at the end of the
    /// document. An HTML void element comes as `Event::Empty`.
    pub fn next(&mut self) -> Result<Option<(Event<'a>, Range<usize>)>, ParseError> {
        loop {
            let start = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = self.reader.error_position() as usize;
                    return Err(ParseError::at(
                        self.source,
                        at,
                        format!("malformed XML: {err}"),
                    ));
                }
            };
            let range = start..self.reader.buffer_position() as usize;
            match event {
                Event::Eof => {
                    if let Some(&(name, at)) = self.open.last() {
                        return Err(ParseError::at(
                            self.source,
                            at,
                            format!("malformed XML: <{name}> is never closed"),
                        ));
                    }
                    return Ok(None);
                }
                Event::Start(tag) => {
                    let name = self.qname(&tag);
                    if self.html && is_void(name) {
                        return Ok(Some((Event::Empty(tag), range)));
                    }
                    self.open.push((name, range.start));
                    return Ok(Some((Event::Start(tag), range)));
                }
                Event::End(end) => {
                    let name = std::str::from_utf8(end.name().into_inner()).unwrap_or("");
                    let matches = |open: &str| {
                        if self.html {
                            open.eq_ignore_ascii_case(name)
                        } else {
                            open == name
                        }
                    };
                    match self.open.last() {
                        Some(&(open, _)) if matches(open) => {
                            self.open.pop();
                            return Ok(Some((Event::End(end), range)));
                        }
                        _ if self.html && is_void(name) => continue,
                        Some(&(open, _)) => {
                            return Err(ParseError::at(
                                self.source,
                                range.start,
                                format!("malformed XML: </{name}> closes <{open}>"),
                            ))
                        }
                        None => {
                            return Err(ParseError::at(
                                self.source,
                                range.start,
                                format!("malformed XML: </{name}> closes nothing"),
                            ))
                        }
                    }
                }
                other => return Ok(Some((other, range))),
            }
        }
    }

    fn qname(&self, tag: &BytesStart<'a>) -> &'a str {
        // The name borrows from the source; find it there to keep 'a.
        let bytes = tag.name().into_inner();
        let at = offset_in(self.source, bytes).unwrap_or(0);
        &self.source[at..at + bytes.len()]
    }
}

fn is_void(name: &str) -> bool {
    HTML_VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
}

/// The local part of an element or attribute name (`alto:String` → `String`).
pub(crate) fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The local name of a start tag.
pub(crate) fn tag_name<'t>(tag: &'t BytesStart<'_>) -> &'t str {
    std::str::from_utf8(tag.local_name().into_inner()).unwrap_or("")
}

/// Where `part` (a slice borrowed from `source`) starts in `source`.
fn offset_in(source: &str, part: &[u8]) -> Option<usize> {
    let base = source.as_ptr() as usize;
    let at = (part.as_ptr() as usize).checked_sub(base)?;
    (at + part.len() <= source.len()).then_some(at)
}

/// An attribute of a start tag: its local name, its raw (still escaped)
/// value and the value's byte range in the source (quotes excluded).
#[derive(Debug, Clone)]
pub(crate) struct Attr<'a> {
    pub name: &'a str,
    pub raw: &'a str,
    pub range: Range<usize>,
}

pub(crate) fn attributes<'a>(
    source: &'a str,
    tag: &BytesStart<'a>,
    tag_start: usize,
    html: bool,
) -> Result<Vec<Attr<'a>>, ParseError> {
    let mut out = Vec::new();
    let iter = if html {
        tag.html_attributes()
    } else {
        tag.attributes()
    };
    for attr in iter {
        let attr = attr.map_err(|err| {
            ParseError::at(source, tag_start, format!("malformed XML attribute: {err}"))
        })?;
        let key = attr.key.into_inner();
        let (Some(key_at), Some(value_at)) =
            (offset_in(source, key), offset_in(source, &attr.value))
        else {
            return Err(ParseError::at(
                source,
                tag_start,
                "internal error: attribute not found in the source".into(),
            ));
        };
        let range = value_at..value_at + attr.value.len();
        out.push(Attr {
            name: local(&source[key_at..key_at + key.len()]),
            raw: &source[range.clone()],
            range,
        });
    }
    Ok(out)
}

pub(crate) fn find<'a, 'b>(attrs: &'b [Attr<'a>], name: &str) -> Option<&'b Attr<'a>> {
    attrs.iter().find(|a| a.name == name)
}

/// Resolves entity and character references in `raw`; hOCR is HTML, so
/// HTML's named entities (`&nbsp;`) are known there.
pub(crate) fn unescape(
    source: &str,
    raw: &str,
    at: usize,
    html: bool,
) -> Result<String, ParseError> {
    let resolved = if html {
        unescape_with(raw, resolve_html5_entity)
    } else {
        unescape_with(raw, resolve_xml_entity)
    };
    resolved
        .map(|text| text.into_owned())
        .map_err(|err| ParseError::at(source, at, format!("malformed XML text: {err}")))
}

/// Text content for the output: `&`, `<` and `>` escaped.
pub(crate) fn escape_text(text: &str) -> String {
    quick_xml::escape::partial_escape(text).into_owned()
}

/// An attribute value for the output: quotes escaped too, whichever the
/// attribute uses.
pub(crate) fn escape_attribute(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// Whitespace runs collapsed to one space, ends trimmed: how a word's or a
/// line's text enters the document text.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
