//! How words broken across line ends are treated: joined as a book's
//! reader wants, or kept line by line as newspaper archives transcribe.

/// What to do with a word broken across a line end (`settle-|ments`,
/// `deliber-|ate`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LineEnds {
    /// `Keep` for text set in narrow columns, `Join` otherwise (see
    /// [`LineEnds::resolve`]).
    #[default]
    Auto,
    /// Join the halves at the end of the first line, as a reader of a book
    /// wants; true compounds keep their hyphen.
    Join,
    /// Keep each line as printed, as newspaper archives transcribe
    /// (Trove, Chronicling America): a word broken at a line end stays
    /// broken, its misread letters mended in each half.
    Keep,
}

/// Newspaper columns hold about 30 to 45 characters a line, book pages
/// 55 to 75: a text whose lines are mostly shorter than this is set in
/// columns.
const NARROW_COLUMN_CHARS: usize = 50;
/// Fewer lines than this say too little about the layout.
const MIN_LINES_FOR_LAYOUT: usize = 8;
/// Lines shorter than this are specks or page furniture, not text.
const MIN_LINE_CHARS: usize = 4;

impl LineEnds {
    /// The choices by name, as the CLI and the web page offer them.
    pub const NAMES: [&'static str; 3] = ["auto", "join", "keep"];

    /// `Auto` made definite for `text`: `Keep` for text set in narrow
    /// columns (see [`in_narrow_columns`]), else `Join`.
    pub fn resolve(self, text: &str) -> LineEnds {
        match self {
            LineEnds::Auto if in_narrow_columns(text) == Some(true) => LineEnds::Keep,
            LineEnds::Auto => LineEnds::Join,
            chosen => chosen,
        }
    }
}

impl std::str::FromStr for LineEnds {
    type Err = UnknownLineEnds;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "auto" => Ok(LineEnds::Auto),
            "join" => Ok(LineEnds::Join),
            "keep" => Ok(LineEnds::Keep),
            other => Err(UnknownLineEnds(other.to_owned())),
        }
    }
}

/// A name that is none of [`LineEnds::NAMES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLineEnds(String);

impl std::fmt::Display for UnknownLineEnds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown line-ends choice {:?}: expected one of {}",
            self.0,
            LineEnds::NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownLineEnds {}

/// Whether three lines in four of `text` are shorter than
/// `NARROW_COLUMN_CHARS` (a newspaper's columns, which archives transcribe
/// line by line); `None` for too few lines to tell.
pub(crate) fn in_narrow_columns(text: &str) -> Option<bool> {
    // (Lines of a speck or two are left out: repairing them away must not
    // change the verdict, or repairing the repaired text would differ.)
    let mut lengths: Vec<usize> = text
        .lines()
        .map(str::trim_end)
        .filter(|line| line.trim_start().chars().count() >= MIN_LINE_CHARS)
        .map(|line| line.chars().count())
        .collect();
    if lengths.len() < MIN_LINES_FOR_LAYOUT {
        return None;
    }
    let at = lengths.len() * 3 / 4;
    let (_, &mut upper_quartile, _) = lengths.select_nth_unstable(at);
    Some(upper_quartile < NARROW_COLUMN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(width: usize, count: usize) -> String {
        let line = "word ".repeat(width / 5);
        format!("{}\n", line.trim_end()).repeat(count)
    }

    #[test]
    fn narrow_columns_keep_their_lines_and_pages_join() {
        assert_eq!(LineEnds::Auto.resolve(&lines_of(40, 12)), LineEnds::Keep);
        assert_eq!(LineEnds::Auto.resolve(&lines_of(65, 12)), LineEnds::Join);
        // A few short lines (a snippet, an address) tell nothing.
        assert_eq!(LineEnds::Auto.resolve(&lines_of(40, 5)), LineEnds::Join);
        // Short lines of a page (a paragraph's last) do not make columns.
        let page = format!("{}{}", lines_of(65, 9), lines_of(20, 2));
        assert_eq!(LineEnds::Auto.resolve(&page), LineEnds::Join);
        // A choice made is kept.
        assert_eq!(LineEnds::Join.resolve(&lines_of(40, 12)), LineEnds::Join);
        assert_eq!(LineEnds::Keep.resolve(&lines_of(65, 12)), LineEnds::Keep);
    }

    #[test]
    fn every_name_parses_and_no_other() {
        let parsed: Vec<LineEnds> = LineEnds::NAMES.iter().map(|n| n.parse().unwrap()).collect();
        assert_eq!(parsed, [LineEnds::Auto, LineEnds::Join, LineEnds::Keep]);
        let err = "Join".parse::<LineEnds>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown line-ends choice \"Join\": expected one of auto, join, keep"
        );
    }
}
