//! Turns the bytes of an input into text, or says precisely why not.

use std::borrow::Cow;
use std::fmt;

/// How much of a file the binary sniffing looks at, like git and ripgrep.
const SNIFF_LEN: usize = 8 * 1024;

const BOM: char = '\u{FEFF}';

/// A decoded input.
#[derive(Debug)]
pub struct Decoded {
    /// The whole text, a leading BOM included, so that byte offsets into it
    /// are byte offsets into the file (unless `--lossy` replaced bytes).
    pub text: String,
    /// Length of the leading UTF-8 BOM (0 or 3); the BOM is not analysed.
    pub bom_len: usize,
    /// The file's own bytes when they differ from `text` (lossy decoding),
    /// so that a backup keeps the original exactly.
    pub raw: Option<Vec<u8>>,
}

impl Decoded {
    /// The bytes as they were read.
    pub fn original_bytes(&self) -> &[u8] {
        self.raw.as_deref().unwrap_or(self.text.as_bytes())
    }

    /// The text after the BOM: what the repairer sees.
    pub fn body(&self) -> &str {
        &self.text[self.bom_len..]
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Nul { at: usize },
    ControlChars { at: usize },
    InvalidUtf8 { at: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Nul { at } => {
                write!(f, "looks like a binary file (NUL byte at byte {at})")
            }
            DecodeError::ControlChars { at } => write!(
                f,
                "looks like a binary file (invalid UTF-8 at byte {at} and many control characters)"
            ),
            DecodeError::InvalidUtf8 { at } => write!(
                f,
                "invalid UTF-8 at byte {at} (use --lossy to replace invalid bytes)"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes `bytes` as UTF-8. Binary-looking input is refused even with
/// `lossy`: replacing its bytes would produce garbage, not a repair.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<Decoded, DecodeError> {
    let sniff = &bytes[..bytes.len().min(SNIFF_LEN)];
    if let Some(at) = sniff.iter().position(|&b| b == 0) {
        return Err(DecodeError::Nul { at });
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            bom_len: bom_len(&text),
            text,
            raw: None,
        },
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            if many_control_chars(&bytes[..bytes.len().min(SNIFF_LEN)]) {
                return Err(DecodeError::ControlChars { at });
            }
            if !lossy {
                return Err(DecodeError::InvalidUtf8 { at });
            }
            let text = match String::from_utf8_lossy(&bytes) {
                Cow::Owned(text) => text,
                // Unreachable in practice (the bytes were invalid), but
                // cheap to handle without a panic.
                Cow::Borrowed(text) => text.to_owned(),
            };
            Decoded {
                bom_len: bom_len(&text),
                text,
                raw: Some(bytes),
            }
        }
    };
    Ok(text)
}

fn bom_len(text: &str) -> usize {
    if text.starts_with(BOM) {
        BOM.len_utf8()
    } else {
        0
    }
}

/// Text in a legacy 8-bit encoding is invalid UTF-8 but has almost no C0
/// controls besides whitespace; binary formats have plenty.
fn many_control_chars(sample: &[u8]) -> bool {
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls > 0 && controls * 20 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_text_is_kept_as_is() {
        let d = decode(b"a\r\nb".to_vec(), false).unwrap();
        assert_eq!(d.text, "a\r\nb");
        assert_eq!(d.bom_len, 0);
        assert!(d.raw.is_none());
    }

    #[test]
    fn bom_is_kept_but_not_in_body() {
        let d = decode("\u{FEFF}sorne".as_bytes().to_vec(), false).unwrap();
        assert_eq!(d.bom_len, 3);
        assert_eq!(d.body(), "sorne");
        assert_eq!(d.original_bytes(), "\u{FEFF}sorne".as_bytes());
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let mut bytes = "héllo ".as_bytes().to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(b" world");
        assert_eq!(
            decode(bytes.clone(), false).unwrap_err(),
            DecodeError::InvalidUtf8 { at: 7 }
        );
        let d = decode(bytes.clone(), true).unwrap();
        assert_eq!(d.text, "héllo \u{FFFD} world");
        assert_eq!(d.original_bytes(), &bytes[..]);
    }

    #[test]
    fn nul_means_binary_even_when_lossy() {
        let err = decode(b"abc\0def".to_vec(), true).unwrap_err();
        assert_eq!(err, DecodeError::Nul { at: 3 });
        assert_eq!(
            err.to_string(),
            "looks like a binary file (NUL byte at byte 3)"
        );
    }

    #[test]
    fn nul_after_sniff_window_is_not_binary() {
        let mut bytes = vec![b'a'; SNIFF_LEN];
        bytes.push(0);
        assert!(decode(bytes, false).is_ok());
    }

    #[test]
    fn invalid_utf8_with_control_chars_is_binary() {
        let bytes = vec![0x01, 0x02, 0xff, 0x03, b'a', 0x04, 0x05, 0x06];
        assert_eq!(
            decode(bytes, true).unwrap_err(),
            DecodeError::ControlChars { at: 2 }
        );
    }

    #[test]
    fn latin1_text_is_not_binary() {
        let bytes = b"caf\xe9 au lait\r\n".to_vec();
        assert_eq!(
            decode(bytes, false).unwrap_err(),
            DecodeError::InvalidUtf8 { at: 3 }
        );
    }

    #[test]
    fn empty_input_decodes() {
        let d = decode(Vec::new(), false).unwrap();
        assert_eq!(d.text, "");
    }
}
