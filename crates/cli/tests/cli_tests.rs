//! Case files in tests/cmd: each `.toml` (with its `.in/` fixture, expected
//! `.stdout`/`.stderr` and `.out/` files) or `.trycmd` is one CLI run.
//! Regenerate expectations after an intended change with
//! `TRYCMD=overwrite cargo test -p ocrmend-cli --test cli_tests`.

#[test]
fn cli_tests() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.toml")
        .case("tests/cmd/*.trycmd");
}
