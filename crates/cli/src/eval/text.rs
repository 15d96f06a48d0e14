//! Reading and normalising texts by score.py's rules: UTF-8 (a leading BOM
//! dropped), every whitespace run collapsed to one space, and optionally
//! typographic quotes and dashes folded to ASCII. Nothing else: no case
//! folding, no Unicode normalisation.

use std::fmt;
use std::path::{Path, PathBuf};

const BOM: char = '\u{FEFF}';

/// Why a file could not be read as text; the message names the file.
#[derive(Debug)]
pub enum ReadError {
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    NotUtf8 {
        path: PathBuf,
        at: usize,
        line: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            ReadError::NotUtf8 { path, at, line } => write!(
                f,
                "{} is not valid UTF-8 (byte offset {at}, line {line})",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// The raw bytes of `path`, as they are (what `ocrmend repair` would read).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    std::fs::read(path).map_err(|error| ReadError::Io {
        path: path.to_path_buf(),
        error,
    })
}

/// `bytes` decoded as UTF-8 with a leading BOM dropped; `path` is for the
/// message.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String, ReadError> {
    let text = String::from_utf8(bytes).map_err(|err| {
        let at = err.utf8_error().valid_up_to();
        let line = err.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        ReadError::NotUtf8 {
            path: path.to_path_buf(),
            at,
            line,
        }
    })?;
    Ok(match text.strip_prefix(BOM) {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Whitespace as Python's `str.split()` sees it: Unicode White_Space plus
/// the four ASCII separators U+001C..U+001F, which Python also splits on.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1C}'..='\u{1F}').contains(&c)
}

/// Typographic quotes and dashes to their ASCII forms (`--fold-quotes`).
fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{AB}' | '\u{BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        other => other,
    }
}

/// The text the figures are computed on: words separated by single spaces.
pub fn normalize(text: &str, fold_quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_python_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        if fold_quotes {
            out.extend(word.chars().map(fold_quote));
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_what_python_splits_on() {
        // Python 3.11: [hex(c) for c in range(0x110000) if chr(c).isspace()]
        let python: Vec<u32> = vec![
            0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
            0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
            0x2029, 0x202f, 0x205f, 0x3000,
        ];
        let ours: Vec<u32> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_python_space(c))
            .map(u32::from)
            .collect();
        assert_eq!(ours, python);
    }

    #[test]
    fn runs_of_whitespace_collapse() {
        assert_eq!(normalize("  a  b\n\nc\t", false), "a b c");
        assert_eq!(normalize(" a b\u{a0}c\u{1e}d ", false), "a b c d");
        assert_eq!(
            normalize("\u{200b}", false),
            "\u{200b}",
            "zero width is no space"
        );
        assert_eq!(normalize(" \n ", false), "");
    }

    #[test]
    fn quotes_fold_only_when_asked() {
        let text = "\u{201C}Hi\u{201D}\u{2014}she said \u{AB}x\u{BB} it\u{2019}s";
        assert_eq!(normalize(text, false), text);
        assert_eq!(normalize(text, true), "\"Hi\"-she said \"x\" it's");
    }

    #[test]
    fn bom_is_dropped_and_bad_utf8_located() {
        let path = Path::new("p.txt");
        let text = decode_text(path, "\u{FEFF}caf\u{e9}".into()).unwrap();
        assert_eq!(text, "caf\u{e9}");
        let err = decode_text(path, b"ok\nline two \xe9t\xe9".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.txt is not valid UTF-8 (byte offset 12, line 2)"
        );
    }
}
