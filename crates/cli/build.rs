//! Embeds the built web UI (web/, after `scripts/build-web`) for
//! `ocrmend serve`. On a clean clone the UI is not built yet: the build still
//! succeeds, with a warning, and `ocrmend serve` then answers with a page
//! saying how to build it. Nothing fake is served as the UI.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let web = manifest.join("../../web");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("web_assets.rs");
    // A directory here is scanned for changes to anything inside it.
    println!("cargo:rerun-if-changed={}", web.display());

    let built = web.join("pkg/ocrmend_wasm_bg.wasm").is_file() && web.join("index.html").is_file();
    let mut files = Vec::new();
    if built {
        collect(&web, &web, &mut files);
        files.sort();
    } else {
        println!(
            "cargo:warning=web UI not built: `ocrmend serve` will show how to build it (run scripts/build-web, then rebuild)"
        );
    }
    let mut code = String::new();
    writeln!(
        code,
        "/// True when web/ was built when this binary was compiled."
    )
    .unwrap();
    writeln!(code, "pub const WEB_UI_BUILT: bool = {built};").unwrap();
    writeln!(
        code,
        "/// (path under web/, contents) of every embedded asset."
    )
    .unwrap();
    writeln!(code, "pub static ASSETS: &[(&str, &[u8])] = &[").unwrap();
    for (rel, abs) in &files {
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    writeln!(code, "];").unwrap();
    std::fs::write(out, code).unwrap();
}

/// Every file under `dir` except dependency folders, as (path relative to
/// `root` with `/` separators, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let rel = path.strip_prefix(root).unwrap();
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, path.canonicalize().unwrap()));
        }
    }
}
