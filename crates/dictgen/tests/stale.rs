//! Fails when `dictionaries/*.fst` no longer match `dictionaries/sources/`.

use ocrmend_dictgen::{compile, dictionaries_dir, BIGRAMS_FST, RARE_FST, WORDS_FST};

#[test]
fn compiled_dictionaries_match_sources() {
    let dir = dictionaries_dir();
    let fresh = compile(&dir.join("sources")).expect("sources compile");
    for (name, bytes) in [
        (WORDS_FST, &fresh.words),
        (BIGRAMS_FST, &fresh.bigrams),
        (RARE_FST, &fresh.rare),
    ] {
        let committed = std::fs::read(dir.join(name)).expect("compiled file exists");
        assert!(
            committed == *bytes,
            "dictionaries/{name} is stale: run `cargo run -p ocrmend-dictgen` and commit the result"
        );
    }
}
