//! `ocrmend serve`: the browser UI, embedded in the binary at build time
//! (see build.rs), served on 127.0.0.1 only. With FILE, the page opens that
//! document on start (it fetches it from `/api/preload`).

use crate::Status;
use anyhow::{anyhow, Context};
use std::io::Write as _;
use std::path::PathBuf;
use tiny_http::{Header, Method, Response, Server};

mod assets {
    include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Port to listen on, on 127.0.0.1 only (0 picks a free port)
    #[arg(long, default_value_t = 8737)]
    pub port: u16,
    /// A document to open in the UI when the page loads
    pub file: Option<PathBuf>,
}

/// A document offered to the page on start.
struct Preload {
    name: String,
    bytes: Vec<u8>,
}

/// What to answer to a GET of `path`: (status, content type, body).
fn respond(path: &str, preload: Option<&Preload>) -> (u16, &'static str, Vec<u8>) {
    let path = path.split(['?', '#']).next().unwrap_or("");
    if path == "/api/preload" {
        return match preload {
            Some(p) => (200, "application/octet-stream", p.bytes.clone()),
            None => (
                404,
                "text/plain; charset=utf-8",
                b"no document preloaded".to_vec(),
            ),
        };
    }
    if !assets::WEB_UI_BUILT && (path == "/" || path == "/index.html") {
        return (
            200,
            "text/html; charset=utf-8",
            NOT_BUILT_PAGE.as_bytes().to_vec(),
        );
    }
    let rel = path.trim_start_matches('/');
    let rel = if rel.is_empty() { "index.html" } else { rel };
    match assets::ASSETS.iter().find(|(name, _)| *name == rel) {
        Some((name, body)) => (200, content_type(name), body.to_vec()),
        None => (404, "text/plain; charset=utf-8", b"not found".to_vec()),
    }
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

const NOT_BUILT_PAGE: &str = "<!doctype html><meta charset=utf-8><title>ocrmend: web UI not built</title>\
<body style=\"font:16px/1.5 system-ui;max-width:40rem;margin:4rem auto\">\
<h1>The web UI is not built into this binary</h1>\
<p>This <code>ocrmend</code> was compiled before the browser UI was built. Run</p>\
<pre>scripts/build-web\ncargo build -p ocrmend-cli</pre>\
<p>and start <code>ocrmend serve</code> again (or use <code>scripts/run-ui</code>, which does both).</p>";

/// Percent-encodes a file name for an HTTP header (headers are ASCII).
fn header_safe(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~ ".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Only requests addressed to the loopback name we listen on are answered, so
/// a web page elsewhere cannot reach the server by DNS rebinding.
fn host_allowed(host: Option<&str>, port: u16) -> bool {
    match host {
        None => true,
        Some(h) => ["127.0.0.1", "localhost"]
            .iter()
            .any(|name| h == *name || h == format!("{name}:{port}")),
    }
}

pub fn run(args: ServeArgs) -> anyhow::Result<Status> {
    let preload = match &args.file {
        Some(path) => Some(Preload {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document.txt".into()),
            bytes: std::fs::read(path).with_context(|| format!("reading {}", path.display()))?,
        }),
        None => None,
    };
    let server = Server::http(("127.0.0.1", args.port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{}: {e}", args.port))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .unwrap_or(args.port);
    if !assets::WEB_UI_BUILT {
        eprintln!("warning: the web UI was not built into this binary; run scripts/build-web, then rebuild");
    }
    let mut stdout = std::io::stdout();
    writeln!(
        stdout,
        "ocrmend: serving the web UI at http://127.0.0.1:{port}/ (Ctrl+C stops)"
    )?;
    stdout.flush()?;

    for request in server.incoming_requests() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_owned());
        let (status, ctype, body) = if !host_allowed(host.as_deref(), port) {
            (403, "text/plain; charset=utf-8", b"forbidden host".to_vec())
        } else if !matches!(request.method(), Method::Get | Method::Head) {
            (
                405,
                "text/plain; charset=utf-8",
                b"method not allowed".to_vec(),
            )
        } else {
            respond(request.url(), preload.as_ref())
        };
        let mut response = Response::from_data(body)
            .with_status_code(status)
            .with_header(header("Content-Type", ctype))
            .with_header(header("Cache-Control", "no-cache"))
            .with_header(header("X-Content-Type-Options", "nosniff"));
        if let (Some(p), true) = (&preload, request.url() == "/api/preload") {
            response = response.with_header(header("X-Ocrmend-Name", &header_safe(&p.name)));
        }
        if let Err(err) = request.respond(response) {
            eprintln!("warning: sending a response failed: {err}");
        }
    }
    Ok(Status::Ok)
}

fn header(field: &str, value: &str) -> Header {
    Header::from_bytes(field.as_bytes(), value.as_bytes()).expect("static header is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serves_index_preload_and_404() {
        let (status, ctype, body) = respond("/", None);
        assert_eq!((status, ctype), (200, "text/html; charset=utf-8"));
        assert!(!body.is_empty());
        assert_eq!(respond("/api/preload", None).0, 404);
        let p = Preload {
            name: "a.txt".into(),
            bytes: b"sorne text".to_vec(),
        };
        assert_eq!(respond("/api/preload", Some(&p)).2, b"sorne text");
        assert_eq!(respond("/no/such/file.js", None).0, 404);
        assert_eq!(respond("/../Cargo.toml", None).0, 404);
    }

    #[test]
    fn every_embedded_asset_is_served_with_its_type() {
        for (name, bytes) in assets::ASSETS {
            let (status, ctype, body) = respond(&format!("/{name}?v=1"), None);
            assert_eq!(status, 200, "{name}");
            assert_eq!(ctype, content_type(name));
            assert_eq!(&body, bytes);
        }
        assert_eq!(content_type("pkg/ocrmend_wasm_bg.wasm"), "application/wasm");
    }

    #[test]
    fn only_loopback_hosts_are_answered() {
        assert!(host_allowed(Some("127.0.0.1:8737"), 8737));
        assert!(host_allowed(Some("localhost:8737"), 8737));
        assert!(!host_allowed(Some("evil.example:8737"), 8737));
        assert!(!host_allowed(Some("127.0.0.1:9999"), 8737));
    }

    #[test]
    fn header_names_are_ascii() {
        assert_eq!(header_safe("seed 1.txt"), "seed 1.txt");
        assert_eq!(header_safe("é/x.txt"), "%C3%A9%2Fx.txt");
    }
}
