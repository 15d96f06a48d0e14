pub fn analyze(_: &crate::Lexicon, _: &str) -> Vec<crate::Edit> {
    vec![]
}
