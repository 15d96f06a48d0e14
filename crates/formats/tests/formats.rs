//! Reading hOCR, ALTO and PAGE, and writing edits back: round trips are
//! byte-identical, and each kind of edit lands on the right elements.
//! `tesseract.hocr` is Tesseract 5.3's output for tess-dev page dev-0046;
//! the ALTO and PAGE fixtures are written for these tests.

use ocrmend_core::{ByteSpan, Edit, EditKind};
use ocrmend_formats::{detect, sniff, Applied, DetectError, Document, InputFormat};

const HOCR: &str = include_str!("fixtures/tesseract.hocr");
const ALTO: &str = include_str!("fixtures/page.alto.xml");
const PAGE: &str = include_str!("fixtures/page.page.xml");

fn parse(format: InputFormat, source: &str) -> Document {
    Document::parse(format, source).unwrap_or_else(|e| panic!("{e}"))
}

/// An edit of the first occurrence of `original` in the document's text.
fn edit(doc: &Document, original: &str, replacement: &str, kind: EditKind) -> Edit {
    let start = doc
        .text()
        .find(original)
        .unwrap_or_else(|| panic!("{original:?} not in {:?}", doc.text()));
    Edit {
        span: ByteSpan::new(start, start + original.len()),
        original: original.into(),
        replacement: replacement.into(),
        kind,
        confidence: 0.97,
        alternatives: vec![],
    }
}

fn apply(doc: &Document, edits: &[Edit]) -> Applied {
    let chosen: Vec<&Edit> = edits.iter().collect();
    doc.apply(&chosen).unwrap()
}

/// The lines of `new` that are not in `old`, and the lines of `old` that
/// are not in `new` (a poor man's diff, enough to see what changed).
fn changed_lines<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let removed = old
        .lines()
        .filter(|l| !new.lines().any(|n| n == *l))
        .collect();
    let added = new
        .lines()
        .filter(|l| !old.lines().any(|o| o == *l))
        .collect();
    (removed, added)
}

#[test]
fn round_trips_are_byte_identical() {
    for (format, source) in [
        (InputFormat::Hocr, HOCR),
        (InputFormat::Alto, ALTO),
        (InputFormat::Page, PAGE),
    ] {
        let doc = parse(format, source);
        assert_eq!(apply(&doc, &[]).document, source, "{format}");
    }
}

#[test]
fn hocr_text_is_tesseracts_text_with_confidences() {
    let doc = parse(InputFormat::Hocr, HOCR);
    // Tesseract's own text output for this page begins so: paragraphs
    // (`ocr_par`) apart by a blank line.
    assert!(
        doc.text()
            .starts_with("(26) D. Mandel p. 311.\n\n(27) S. Smith, Petrograd | in- 1047:"),
        "{}",
        doc.text()
    );
    assert!(doc.text().ends_with("(32) G Swain p. 219 ©\n"));
    let words = doc.words();
    assert_eq!(words.len(), 71);
    // word_1_18 `D.Ho` has x_wconf 0, word_1_3 `Mandel` 95.
    let find = |w: &str| {
        let at = doc.text().find(w).unwrap();
        words
            .iter()
            .find(|x| x.span.start == at)
            .unwrap()
            .confidence
    };
    assert_eq!(find("D.Ho"), Some(0.0));
    assert_eq!(find("Mandel p. 311"), Some(0.95));
    assert_eq!(doc.ocr_words().len(), 71);
}

#[test]
fn alto_text_paragraphs_hyphen_and_confidences() {
    let doc = parse(InputFormat::Alto, ALTO);
    assert_eq!(
        doc.text(),
        "The results of this exam-\nination were sorne of the best\n\n\
         the se arch for workers councils .\nSmith & Sons ofthe town\n"
    );
    let sorne = doc.text().find("sorne").unwrap();
    let word = doc
        .words()
        .into_iter()
        .find(|w| w.span.start == sorne)
        .unwrap();
    assert_eq!(word.confidence, Some(0.41));
    assert_eq!(word.span.len(), 5);
}

#[test]
fn page_text_uses_words_or_line_text() {
    let doc = parse(InputFormat::Page, PAGE);
    assert_eq!(
        doc.text(),
        "The results of this exam-\nination were sorne of the best\nthe se arch for Smith & Sons\n\n\
         councils . ofthe town was sorne way off\n"
    );
    let words = doc.words();
    // 18 words, then the line that has only line-level text: one unit
    // with the line's confidence.
    assert_eq!(words.len(), 19);
    assert_eq!(words[18].confidence, Some(0.71));
    assert_eq!(words[7].confidence, Some(0.41));
}

#[test]
fn alto_word_edit_changes_content_and_confidence_only() {
    let doc = parse(InputFormat::Alto, ALTO);
    let out = apply(&doc, &[edit(&doc, "sorne", "some", EditKind::Confusion)]);
    let expected = ALTO.replace(
        r#"CONTENT="sorne" WC="0.41""#,
        r#"CONTENT="some" WC="0.97""#,
    );
    assert_eq!(out.document, expected);
    assert_eq!((out.words_changed, out.words_removed), (1, 0));
}

#[test]
fn alto_join_removes_the_second_string_and_its_space() {
    let doc = parse(InputFormat::Alto, ALTO);
    let edits = [
        edit(&doc, "se arch", "search", EditKind::SplitWord),
        edit(&doc, " .", ".", EditKind::PunctuationSpacing),
    ];
    let out = apply(&doc, &edits);
    let (removed, added) = changed_lines(ALTO, &out.document);
    assert_eq!(
        added,
        [
            r#"            <String ID="string_13" HPOS="290" VPOS="260" HEIGHT="50" WIDTH="60" CONTENT="search" WC="0.97"/>"#,
            r#"            <String ID="string_17" HPOS="850" VPOS="260" HEIGHT="50" WIDTH="240" CONTENT="councils." WC="0.97"/>"#,
        ]
    );
    assert_eq!(removed.len(), 6, "{removed:#?}");
    assert!(removed.iter().any(|l| l.contains("string_14")));
    assert!(removed.iter().any(|l| l.contains("string_18")));
    assert!(removed
        .iter()
        .any(|l| l.contains(r#"<SP WIDTH="20" VPOS="260" HPOS="350"/>"#)));
    assert_eq!((out.words_changed, out.words_removed), (2, 2));
    let again = parse(InputFormat::Alto, &out.document);
    assert!(again.text().contains("the search for workers councils.\n"));
}

#[test]
fn alto_split_keeps_one_string_with_the_space() {
    let doc = parse(InputFormat::Alto, ALTO);
    let out = apply(
        &doc,
        &[edit(&doc, "ofthe", "of the", EditKind::MergedWords)],
    );
    assert!(out.document.contains(r#"CONTENT="of the" WC="0.97""#));
    assert_eq!((out.words_changed, out.words_removed), (1, 0));
}

#[test]
fn alto_hyphenation_is_marked_with_subs_attributes() {
    let doc = parse(InputFormat::Alto, ALTO);
    let out = apply(
        &doc,
        &[edit(
            &doc,
            "exam-\nination ",
            "examination\n",
            EditKind::Hyphenation,
        )],
    );
    let (_, added) = changed_lines(ALTO, &out.document);
    assert_eq!(
        added,
        [
            r#"            <String ID="string_5" HPOS="740" VPOS="140" HEIGHT="50" WIDTH="120" CONTENT="exam" SUBS_TYPE="HypPart1" SUBS_CONTENT="examination" WC="0.95"/>"#,
            r#"            <String ID="string_6" HPOS="180" VPOS="200" HEIGHT="50" WIDTH="210" CONTENT="ination" SUBS_TYPE="HypPart2" SUBS_CONTENT="examination" WC="0.95"/>"#,
        ]
    );
    assert!(out.document.contains(r#"<HYP HPOS="860""#), "the HYP stays");
    assert_eq!(out.hyphenations, 1);
}

#[test]
fn hyphenation_with_a_repaired_letter_fixes_the_part_and_replaces_old_subs() {
    let alto = r#"<alto><Layout><Page><PrintSpace><TextBlock>
<TextLine><String CONTENT="exarn-" SUBS_TYPE="HypPart1" SUBS_CONTENT="exarnination"/></TextLine>
<TextLine><String CONTENT="ination"/><SP/><String CONTENT="were"/></TextLine>
</TextBlock></PrintSpace></Page></Layout></alto>"#;
    let doc = parse(InputFormat::Alto, alto);
    assert_eq!(doc.text(), "exarn-\nination were\n");
    let out = apply(
        &doc,
        &[edit(
            &doc,
            "exarn-\nination ",
            "examination\n",
            EditKind::Hyphenation,
        )],
    );
    assert!(
        out.document.contains(
            r#"<String CONTENT="exam-" SUBS_TYPE="HypPart1" SUBS_CONTENT="examination"/>"#
        ),
        "{}",
        out.document
    );
    assert!(out.document.contains(
        r#"<String CONTENT="ination" SUBS_TYPE="HypPart2" SUBS_CONTENT="examination"/>"#
    ));
}

#[test]
fn page_and_hocr_keep_printed_hyphenation() {
    for (format, source) in [(InputFormat::Page, PAGE), (InputFormat::Hocr, HOCR)] {
        let doc = parse(format, source);
        let (original, replacement) = match format {
            InputFormat::Page => ("exam-\nination ", "examination\n"),
            _ => ("in- 1047:", "in- 1047:"),
        };
        if original == replacement {
            continue;
        }
        let out = apply(
            &doc,
            &[edit(&doc, original, replacement, EditKind::Hyphenation)],
        );
        assert_eq!(out.document, source, "{format}");
        assert_eq!(out.hyphenations, 1);
    }
}

#[test]
fn page_word_edits_keep_line_and_region_text_in_step() {
    let doc = parse(InputFormat::Page, PAGE);
    let edits = [
        edit(
            &doc,
            "sorne of the best",
            "some of the best",
            EditKind::Confusion,
        ),
        edit(&doc, "se arch", "search", EditKind::SplitWord),
    ];
    let out = apply(&doc, &edits);
    let again = parse(InputFormat::Page, &out.document);
    assert_eq!(
        again.text(),
        "The results of this exam-\nination were some of the best\nthe search for Smith & Sons\n\n\
         councils . ofthe town was sorne way off\n"
    );
    assert!(out
        .document
        .contains("<Unicode>ination were some of the best</Unicode>"));
    assert!(out
        .document
        .contains("<Unicode>the search for Smith &amp; Sons</Unicode>"));
    assert!(out.document.contains(
        "<Unicode>The results of this exam-\nination were some of the best\nthe search for Smith &amp; Sons</Unicode>"
    ));
    assert!(
        !out.document.contains(r#"<Word id="r1l3w3">"#),
        "`arch` is removed"
    );
    assert!(out
        .document
        .contains("<TextEquiv conf=\"0.97\">\n            <Unicode>search</Unicode>"));
}

#[test]
fn page_line_without_words_is_edited_as_one_unit() {
    let doc = parse(InputFormat::Page, PAGE);
    let start = doc.text().rfind("sorne way").unwrap();
    let sorne = Edit {
        span: ByteSpan::new(start, start + 5),
        ..edit(&doc, "sorne", "some", EditKind::Confusion)
    };
    let edits = [
        edit(&doc, "ofthe town", "of the town", EditKind::MergedWords),
        sorne,
    ];
    let out = apply(&doc, &edits);
    assert!(out.document.contains(
        "<TextEquiv conf=\"0.97\">\n          <Unicode>councils . of the town was some way off</Unicode>"
    ), "{}", out.document);
}

#[test]
fn hocr_join_removes_the_second_word_and_updates_x_wconf() {
    let doc = parse(InputFormat::Hocr, HOCR);
    let out = apply(&doc, &[edit(&doc, "C ivil", "Civil", EditKind::SplitWord)]);
    let (removed, added) = changed_lines(HOCR, &out.document);
    assert_eq!(
        added,
        ["      <span class='ocrx_word' id='word_1_55' title='bbox 1422 568 1453 604; x_wconf 97'>Civil</span>"]
    );
    assert_eq!(removed.len(), 2);
    assert!(removed[1].contains("id='word_1_56'"));
}

#[test]
fn repaired_words_are_escaped() {
    let doc = parse(InputFormat::Alto, ALTO);
    let out = apply(
        &doc,
        &[edit(&doc, "Sons", "S<o>ns&\"", EditKind::Confusion)],
    );
    assert!(out
        .document
        .contains(r#"CONTENT="S&lt;o&gt;ns&amp;&quot;""#));
    assert!(parse(InputFormat::Alto, &out.document)
        .text()
        .contains("S<o>ns&\""));

    for (format, source) in [(InputFormat::Page, PAGE), (InputFormat::Hocr, HOCR)] {
        let doc = parse(format, source);
        let word = if format == InputFormat::Page {
            "Sons"
        } else {
            "Mandel"
        };
        let out = apply(&doc, &[edit(&doc, word, "a&b<c", EditKind::Confusion)]);
        assert!(out.document.contains(">a&amp;b&lt;c<"), "{format}");
        assert!(parse(format, &out.document).text().contains("a&b<c"));
    }
}

#[test]
fn entities_in_words_are_read_and_kept_when_untouched() {
    let doc = parse(InputFormat::Alto, ALTO);
    assert!(doc.text().contains("Smith & Sons"));
    let out = apply(&doc, &[edit(&doc, "Sons", "Sans", EditKind::Confusion)]);
    assert!(out.document.contains(r#"CONTENT="&amp;""#));
}

#[test]
fn hocr_from_other_tools_lines_without_words_and_html_void_elements() {
    let html = "<html><head><meta charset=utf-8><meta name='ocr-system' content='x'></head><body>\n\
        <div class='ocr_page'><p class='ocr_par'>\n\
        <span class='ocr_line' title='bbox 0 0 9 9; x_wconf 40'>sorne  &amp; <em>text</em>here</span><br>\n\
        <span class='ocr_line'>next&nbsp;line</span>\n\
        </p></div></body></html>";
    let doc = parse(InputFormat::Hocr, html);
    assert_eq!(doc.text(), "sorne & texthere\nnext line\n");
    assert_eq!(doc.words()[0].confidence, Some(0.4));
    assert_eq!(apply(&doc, &[]).document, html);
    // A changed line goes whole into its first text node; the others are
    // emptied (their markup stays).
    let out = apply(&doc, &[edit(&doc, "sorne", "some", EditKind::Confusion)]);
    assert!(
        out.document
            .contains("title='bbox 0 0 9 9; x_wconf 97'>some &amp; texthere <em></em></span>"),
        "{}",
        out.document
    );
}

#[test]
fn malformed_xml_names_the_position() {
    let broken = "<alto>\n  <Layout>\n    <TextBlock></Layout>\n</alto>\n";
    let err = Document::parse(InputFormat::Alto, broken).unwrap_err();
    assert_eq!((err.line, err.column), (3, 16));
    assert_eq!(
        err.to_string(),
        "malformed XML: </Layout> closes <TextBlock> at line 3, column 16"
    );
    let unclosed = Document::parse(InputFormat::Page, "<PcGts>\n<Page>").unwrap_err();
    assert!(unclosed.to_string().contains("never closed"), "{unclosed}");
    let bad_attr = Document::parse(InputFormat::Alto, "<alto><String CONTENT=\"a/></alto>");
    assert!(bad_attr.is_err());
}

#[test]
fn formats_are_detected_from_content_then_name() {
    assert_eq!(sniff(ALTO), Some(InputFormat::Alto));
    assert_eq!(sniff(PAGE), Some(InputFormat::Page));
    assert_eq!(sniff(HOCR), Some(InputFormat::Hocr));
    assert_eq!(sniff("plain text"), None);
    assert_eq!(detect(Some("txt"), "plain text"), Ok(InputFormat::Text));
    assert_eq!(detect(Some("txt"), ALTO), Ok(InputFormat::Alto));
    assert_eq!(detect(None, "\u{FEFF}<PcGts/>"), Ok(InputFormat::Page));
    assert_eq!(
        detect(Some("hocr"), "<html><body></body></html>"),
        Ok(InputFormat::Hocr)
    );
    assert_eq!(
        detect(Some("xml"), "<mets/>"),
        Err(DetectError::UnknownMarkup("mets".into()))
    );
    assert_eq!(
        detect(Some("html"), "<html><p>a web page</p></html>"),
        Err(DetectError::UnknownMarkup("html".into()))
    );
    assert_eq!(detect(Some("xml"), "not xml"), Err(DetectError::NotMarkup));
    assert_eq!(detect(None, "<b>bold</b> text"), Ok(InputFormat::Text));
}

#[test]
fn edits_that_would_move_text_across_lines_are_left_out() {
    let doc = parse(InputFormat::Alto, ALTO);
    // Not a hyphenation: a word pulled up from the next line.
    let out = apply(
        &doc,
        &[edit(
            &doc,
            "exam-\nination were",
            "examination\nwere",
            EditKind::SplitWord,
        )],
    );
    assert_eq!(out.edits_left_out, 1);
    assert_eq!(out.document, ALTO);
    // Each line keeping its words is fine.
    let kept = apply(
        &doc,
        &[edit(
            &doc,
            "exam-\nination",
            "exarn-\nination",
            EditKind::RealWord,
        )],
    );
    assert_eq!(kept.edits_left_out, 0);
    assert!(kept.document.contains(r#"CONTENT="exarn" WC="0.97""#));
    let pulled = apply(
        &doc,
        &[edit(&doc, "best\n\nthe", "best the", EditKind::SplitWord)],
    );
    assert_eq!(pulled.edits_left_out, 1);
    assert_eq!(pulled.document, ALTO);
}

#[test]
fn joins_across_a_line_end_repair_inside_the_parts() {
    let alto = r#"<alto><Layout><TextBlock>
<TextLine><String CONTENT="the"/><SP/><String CONTENT="in"/></TextLine>
<TextLine><String CONTENT="dus"/><SP/><String CONTENT="trial"/><SP/><String CONTENT="govem"/></TextLine>
<TextLine><String CONTENT="ment."/></TextLine>
</TextBlock></Layout></alto>"#;
    let doc = parse(InputFormat::Alto, alto);
    assert_eq!(doc.text(), "the in\ndus trial govem\nment.\n");
    let edits = [
        // A lost hyphen, and a stray space in the second part.
        edit(
            &doc,
            "in\ndus trial ",
            "industrial\n",
            EditKind::Hyphenation,
        ),
        // Not a hyphenation edit, but a join across the line end all the same.
        edit(&doc, "govem\nment.", "government.", EditKind::Confusion),
    ];
    let out = apply(&doc, &edits);
    assert_eq!(out.hyphenations, 2);
    assert_eq!(out.edits_left_out, 0);
    assert_eq!(
        out.document,
        r#"<alto><Layout><TextBlock>
<TextLine><String CONTENT="the"/><SP/><String CONTENT="in" SUBS_TYPE="HypPart1" SUBS_CONTENT="industrial"/></TextLine>
<TextLine><String CONTENT="dustrial" SUBS_TYPE="HypPart2" SUBS_CONTENT="industrial"/><SP/><String CONTENT="govern" SUBS_TYPE="HypPart1" SUBS_CONTENT="government."/></TextLine>
<TextLine><String CONTENT="ment." SUBS_TYPE="HypPart2" SUBS_CONTENT="government."/></TextLine>
</TextBlock></Layout></alto>"#
    );
}
