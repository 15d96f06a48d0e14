//! Fails when `dictionaries/*.fst` no longer match `dictionaries/sources/`.

use ocrmend_dictgen::{compile, dictionaries_dir};

#[test]
fn compiled_dictionaries_match_sources() {
    let dir = dictionaries_dir();
    let fresh = compile(&dir.join("sources")).expect("sources compile");
    for (name, bytes) in fresh.files() {
        let committed = std::fs::read(dir.join(name)).expect("compiled file exists");
        assert!(
            committed == *bytes,
            "dictionaries/{name} is stale: run `cargo run -p ocrmend-dictgen` and commit the result"
        );
    }
}
