//! Prints what ocrmend-formats reads from an OCR document, as one JSON
//! object: the format, the text, and every word's span and confidence.
//! Used to calibrate the OCR-confidence evidence (docs/formats.md).
//!
//!     cargo run -p ocrmend-formats --example extract -- FILE

use ocrmend_formats::{detect, Document};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: extract FILE")?;
    let source = std::fs::read_to_string(&path)?;
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(&source);
    let extension = Path::new(&path).extension().and_then(|e| e.to_str());
    let format = detect(extension, source)?;
    let doc = Document::parse(format, source).map_err(|e| format!("{path}: {e}"))?;
    let words: Vec<serde_json::Value> = doc
        .words()
        .iter()
        .map(|w| serde_json::json!({"start": w.span.start, "end": w.span.end, "confidence": w.confidence}))
        .collect();
    let out = serde_json::json!({"format": format.as_str(), "text": doc.text(), "words": words});
    println!("{out}");
    Ok(())
}
