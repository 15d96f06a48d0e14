//! ocrmend-formats reads OCR documents — hOCR, ALTO XML and PAGE XML — into
//! the plain text the repairer analyses, with each word's byte span in that
//! text and the OCR engine's confidence, and writes repairs back into the
//! document with its structure untouched.
//!
//! The document text: words joined by a space, lines by `\n`, paragraphs
//! (hOCR `ocr_par`, ALTO `TextBlock`, PAGE `TextRegion`) by a blank line,
//! and a final `\n`. For Tesseract's hOCR this is exactly Tesseract's own
//! text output.
//!
//! Writing back copies the source bytes through and splices only the changed
//! word contents (and their confidence attributes), so the diff of a
//! repaired document shows the repairs and nothing else. How edits map onto
//! words is described in `docs/formats.md` and in [`Document::apply`].
//!
//! ```
//! use ocrmend_formats::{Document, InputFormat};
//! let alto = r#"<alto><Layout><Page><PrintSpace><TextBlock><TextLine>
//! <String CONTENT="sorne" WC="0.41"/><SP/><String CONTENT="text" WC="0.97"/>
//! </TextLine></TextBlock></PrintSpace></Page></Layout></alto>"#;
//! let doc = Document::parse(InputFormat::Alto, alto).unwrap();
//! assert_eq!(doc.text(), "sorne text\n");
//! assert_eq!(doc.words()[0].confidence, Some(0.41));
//! ```

mod alto;
mod apply;
mod hocr;
mod page;
mod xml;

pub use apply::{Applied, ApplyError};
use ocrmend_core::{ByteSpan, OcrWord};
use std::fmt;
use std::ops::Range;

/// The kinds of input `ocrmend repair` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Plain text, repaired as it is (not handled by this crate).
    Text,
    /// hOCR: XHTML or HTML with `ocr_line` / `ocrx_word` elements (Tesseract, and others).
    Hocr,
    /// ALTO XML, versions 2 to 4.
    Alto,
    /// PAGE XML (PRImA), 2013 and 2019 schemas.
    Page,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Hocr => "hocr",
            InputFormat::Alto => "alto",
            InputFormat::Page => "page",
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document that cannot be read, with the position of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at line {line}, column {column}")]
pub struct ParseError {
    pub message: String,
    /// Byte offset into the parsed source.
    pub offset: usize,
    /// 1-based line of `offset`.
    pub line: usize,
    /// 1-based column of `offset`, in characters.
    pub column: usize,
}

impl ParseError {
    pub(crate) fn at(source: &str, offset: usize, message: String) -> Self {
        let offset = offset.min(source.len());
        let mut at = offset;
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        let before = &source[..at];
        let line = 1 + before.bytes().filter(|&b| b == b'\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = 1 + before[line_start..].chars().count();
        Self {
            message,
            offset,
            line,
            column,
        }
    }
}

/// What the start of a file shows it to be, if it is one of the structured
/// formats. Looks no further than the root element (and, for HTML, the first
/// 64 KiB for hOCR's class names), so it is cheap enough for walking
/// directories.
pub fn sniff(source: &str) -> Option<InputFormat> {
    match root_element(source)? {
        Root::Alto => Some(InputFormat::Alto),
        Root::Page => Some(InputFormat::Page),
        Root::Html if looks_like_hocr(source) => Some(InputFormat::Hocr),
        Root::Html | Root::Other(_) => None,
    }
}

/// Why `detect` would not guess.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DetectError {
    #[error("not hOCR, ALTO or PAGE XML (the root element is <{0}>); use --input-format text to repair it as plain text")]
    UnknownMarkup(String),
    #[error("not hOCR, ALTO or PAGE XML (it does not start with an XML element); use --input-format text to repair it as plain text")]
    NotMarkup,
}

/// The format of a file: its content decides where it is recognisably hOCR,
/// ALTO or PAGE; otherwise a markup extension (`xml`, `hocr`, `html`, `htm`,
/// `xhtml`) is an error rather than a guess (repairing markup as plain text
/// would damage it), and anything else is plain text. A `.hocr` file whose
/// root is `<html>` is hOCR even without hOCR's class names.
pub fn detect(extension: Option<&str>, source: &str) -> Result<InputFormat, DetectError> {
    if let Some(format) = sniff(source) {
        return Ok(format);
    }
    let ext = extension.map(str::to_ascii_lowercase);
    let markup = matches!(
        ext.as_deref(),
        Some("xml" | "hocr" | "html" | "htm" | "xhtml")
    );
    match root_element(source) {
        Some(Root::Html) if ext.as_deref() == Some("hocr") => Ok(InputFormat::Hocr),
        Some(Root::Html) if markup => Err(DetectError::UnknownMarkup("html".into())),
        Some(Root::Other(name)) if markup => Err(DetectError::UnknownMarkup(name)),
        None if markup => Err(DetectError::NotMarkup),
        _ => Ok(InputFormat::Text),
    }
}

enum Root {
    Alto,
    Page,
    Html,
    Other(String),
}

fn root_element(source: &str) -> Option<Root> {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    if !source.trim_start().starts_with('<') {
        return None;
    }
    let mut scanner = xml::Scanner::new(source, true);
    // Declarations, comments, a doctype and whitespace may come first.
    for _ in 0..64 {
        match scanner.next().ok()?? {
            (quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag), _) => {
                let name = xml::tag_name(&tag);
                return Some(if name.eq_ignore_ascii_case("alto") {
                    Root::Alto
                } else if name == "PcGts" {
                    Root::Page
                } else if name.eq_ignore_ascii_case("html") {
                    Root::Html
                } else {
                    Root::Other(name.to_owned())
                });
            }
            (quick_xml::events::Event::Text(text), _)
                if !text.iter().all(u8::is_ascii_whitespace) =>
            {
                return None;
            }
            _ => {}
        }
    }
    None
}

fn looks_like_hocr(source: &str) -> bool {
    let mut head = source.len().min(64 * 1024);
    while !source.is_char_boundary(head) {
        head -= 1;
    }
    let head = &source[..head];
    [
        "ocr_page",
        "ocr_line",
        "ocrx_word",
        "ocr-system",
        "ocr-capabilities",
    ]
    .iter()
    .any(|marker| head.contains(marker))
}

/// A word of the document (or a whole line, where the format holds only
/// line text) as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word {
    /// Where the word stands in [`Document::text`].
    pub span: ByteSpan,
    /// The OCR engine's confidence, normalised to 0..=1 (hOCR `x_wconf`/100,
    /// ALTO `WC`, PAGE `conf`).
    pub confidence: Option<f32>,
}

/// A parsed OCR document: its source, the text extracted from it, and where
/// each word of that text lives in the source.
#[derive(Debug, Clone)]
pub struct Document {
    format: InputFormat,
    source: String,
    text: String,
    units: Vec<Unit>,
    lines: Vec<Line>,
    /// PAGE's line- and region-level copies of the text, kept in step.
    summaries: Vec<Summary>,
}

impl Document {
    /// Parses `source` (without a byte-order mark) as `format`, which must
    /// be one of the structured formats.
    pub fn parse(format: InputFormat, source: &str) -> Result<Document, ParseError> {
        let parsed = match format {
            InputFormat::Hocr => hocr::parse(source)?,
            InputFormat::Alto => alto::parse(source)?,
            InputFormat::Page => page::parse(source)?,
            InputFormat::Text => {
                return Err(ParseError::at(
                    source,
                    0,
                    "internal error: plain text is not a structured format".into(),
                ))
            }
        };
        Ok(parsed.finish(format, source))
    }

    pub fn format(&self) -> InputFormat {
        self.format
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// The document's text, as the repairer sees it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every word in text order.
    pub fn words(&self) -> Vec<Word> {
        self.units
            .iter()
            .map(|u| Word {
                span: u.span,
                confidence: u.confidence,
            })
            .collect()
    }

    /// The words that carry an OCR confidence, as the core takes them.
    pub fn ocr_words(&self) -> Vec<OcrWord> {
        self.units
            .iter()
            .filter_map(|u| {
                Some(OcrWord {
                    span: u.span,
                    confidence: u.confidence?,
                })
            })
            .collect()
    }
}

/// A word (or a line without word elements) and where it lives.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub span: ByteSpan,
    pub confidence: Option<f32>,
    pub line: usize,
    pub site: Site,
}

/// Where a unit's pieces are in the source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Site {
    pub content: Content,
    /// The whole element, end tag included.
    pub element: Range<usize>,
    /// Whitespace (and ALTO `SP` elements) between the previous word of the
    /// line and this one: removed with the word.
    pub gap_before: Range<usize>,
    /// False for a line without word elements: emptied, never removed.
    pub removable: bool,
    pub confidence: Option<NumberSite>,
    /// ALTO: a `HYP` element after the word, read as a `-` glued to it.
    pub hyp: Option<Range<usize>>,
    /// ALTO: where the `SUBS_TYPE`/`SUBS_CONTENT` attributes go.
    pub subs: Option<SubsSite>,
}

#[derive(Debug, Clone)]
pub(crate) enum Content {
    /// Text nodes (raw ranges, escaped text or whole CDATA sections).
    Pieces(Vec<Piece>),
    /// An attribute value (ALTO `CONTENT`), quotes excluded.
    Attribute(Range<usize>),
}

impl Default for Content {
    fn default() -> Self {
        Content::Pieces(Vec::new())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub range: Range<usize>,
    pub cdata: bool,
}

/// A confidence number inside an attribute value.
#[derive(Debug, Clone)]
pub(crate) struct NumberSite {
    pub range: Range<usize>,
    /// 100 for hOCR's percentages, 1 for ALTO and PAGE.
    pub scale: f32,
    pub decimals: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct SubsSite {
    /// Just after the `CONTENT` value's closing quote: where missing
    /// attributes are inserted.
    pub insert_at: usize,
    pub subs_type: Option<Range<usize>>,
    pub subs_content: Option<Range<usize>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub units: Range<usize>,
    pub span: ByteSpan,
}

/// A PAGE `TextEquiv` of a line or a region that repeats the text of its
/// words or lines.
#[derive(Debug, Clone)]
pub(crate) struct Summary {
    pub pieces: Vec<Piece>,
    pub lines: Range<usize>,
    /// The text as the source has it (unescaped).
    pub text: String,
}

/// A unit as a parser found it, before its place in the text is known.
#[derive(Debug, Clone, Default)]
pub(crate) struct PendingUnit {
    /// Whitespace already collapsed.
    pub text: String,
    pub confidence: Option<f32>,
    pub site: Site,
}

impl PendingUnit {
    /// A unit read from text nodes: a word element (with the gap before it,
    /// removed with it), or a line without word elements (`gap_before` is
    /// `None`: such a line is emptied, never removed).
    pub(crate) fn from_pieces(
        text: String,
        pieces: Vec<Piece>,
        element: Range<usize>,
        gap_before: Option<Range<usize>>,
        confidence: Option<(f32, NumberSite)>,
    ) -> Self {
        let (confidence, confidence_site) = match confidence {
            Some((value, site)) => (Some(value), Some(site)),
            None => (None, None),
        };
        PendingUnit {
            text,
            confidence,
            site: Site {
                content: Content::Pieces(pieces),
                element,
                removable: gap_before.is_some(),
                gap_before: gap_before.unwrap_or_default(),
                confidence: confidence_site,
                ..Site::default()
            },
        }
    }
}

/// Collects lines into the document text.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    units: Vec<Unit>,
    lines: Vec<Line>,
    last_block: Option<usize>,
    pub summaries: Vec<Summary>,
}

impl Builder {
    /// Adds a line of `block` (paragraph); returns its index, or `None`
    /// when it has no text.
    pub fn push_line(&mut self, block: usize, units: Vec<PendingUnit>) -> Option<usize> {
        let units: Vec<PendingUnit> = units.into_iter().filter(|u| !u.text.is_empty()).collect();
        if units.is_empty() {
            return None;
        }
        if !self.text.is_empty() {
            self.text.push_str(if self.last_block == Some(block) {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.last_block = Some(block);
        let index = self.lines.len();
        let first = self.units.len();
        let line_start = self.text.len();
        for (i, unit) in units.into_iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            let start = self.text.len();
            self.text.push_str(&unit.text);
            self.units.push(Unit {
                span: ByteSpan::new(start, self.text.len()),
                confidence: unit.confidence,
                line: index,
                site: unit.site,
            });
        }
        self.lines.push(Line {
            units: first..self.units.len(),
            span: ByteSpan::new(line_start, self.text.len()),
        });
        Some(index)
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    fn finish(mut self, format: InputFormat, source: &str) -> Document {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        Document {
            format,
            source: source.to_owned(),
            text: self.text,
            units: self.units,
            lines: self.lines,
            summaries: self.summaries,
        }
    }
}

/// Collects text pieces, merging adjacent text and references into one.
pub(crate) fn push_piece(pieces: &mut Vec<Piece>, range: Range<usize>, cdata: bool) {
    if let Some(last) = pieces.last_mut() {
        if !cdata && !last.cdata && last.range.end == range.start {
            last.range.end = range.end;
            return;
        }
    }
    pieces.push(Piece { range, cdata });
}

/// The text of `pieces`, references resolved, whitespace collapsed.
pub(crate) fn pieces_text(
    source: &str,
    pieces: &[Piece],
    html: bool,
) -> Result<String, ParseError> {
    let mut text = String::new();
    for piece in pieces {
        let raw = &source[piece.range.clone()];
        if piece.cdata {
            let inner = raw
                .strip_prefix("<![CDATA[")
                .and_then(|r| r.strip_suffix("]]>"))
                .unwrap_or(raw);
            text.push_str(inner);
        } else {
            text.push_str(&xml::unescape(source, raw, piece.range.start, html)?);
        }
    }
    Ok(xml::collapse_whitespace(&text))
}

/// A confidence number found in an attribute, normalised to 0..=1.
pub(crate) fn number_site(raw: &str, at: usize, scale: f32) -> Option<(f32, NumberSite)> {
    let trimmed_start = raw.len() - raw.trim_start().len();
    let number = raw.trim();
    let value: f32 = number.parse().ok()?;
    if !value.is_finite() {
        return None;
    }
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    let start = at + trimmed_start;
    Some((
        (value / scale).clamp(0.0, 1.0),
        NumberSite {
            range: start..start + number.len(),
            scale,
            decimals,
        },
    ))
}
