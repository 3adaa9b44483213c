//! The preview's HTTP side: the last good build's files, each HTML page with the reload
//! script added, the event stream the script listens to, and an error page while there is
//! no good build yet.
//!
//! One thread per connection and one request per connection (`Connection: close`): event
//! streams stay open as long as their page, and nothing else may wait behind them. (A pooled
//! server such as tiny_http left pages half-loaded here: a browser's idle connections held
//! the pool's threads while its next connections waited in a queue.) Requests are parsed by
//! `httparse`.

use super::live::{self, Live, State};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Everything the preview adds lives under this path, which no content can use (folders
/// starting with `_` are fine in content, but not this one).
pub const PREFIX: &str = "/__signpost/";

const RELOAD_JS: &str = include_str!("reload.js");
const RELOAD_CSS: &str = include_str!("reload.css");

/// The same policy the pages set in their `<meta>`: the preview proves they need no more.
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

/// The longest request head read (browsers send a few hundred bytes).
const MAX_HEAD: usize = 32 * 1024;
/// The longest time a client has to send its request head, however slowly it trickles in.
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections open at once (a thread each): an editor's few tabs need a handful each.
const MAX_CONNECTIONS: usize = 128;

/// Accepts connections until `stopping` is set (and one more connection wakes it).
pub fn serve(listener: TcpListener, live: Arc<Live>, stopping: Arc<AtomicBool>) {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            break;
        }
        let Ok(mut stream) = stream else { continue };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            // Answered here, briefly, without a thread.
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let _ = text(503, "Too many connections; try again.\n").write_to(&mut stream, false);
            continue;
        }
        let (live, open) = (Arc::clone(&live), Arc::clone(&open));
        std::thread::spawn(move || {
            handle(stream, &live);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// A request as far as the preview cares.
struct Request {
    head_only: bool,
    path: String,
}

fn handle(mut stream: TcpStream, live: &Live) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let request = match read_request(&mut stream) {
        Ok(request) => request,
        Err(reply) => {
            let _ = reply.write_to(&mut stream, false);
            return;
        }
    };
    let reply = match request.path.strip_prefix(PREFIX) {
        Some("events") => return events(stream, live),
        Some("reload.js") => bytes(200, "text/javascript; charset=utf-8", RELOAD_JS.into()),
        Some("reload.css") => bytes(200, "text/css; charset=utf-8", RELOAD_CSS.into()),
        Some("status") => {
            let state = live.snapshot();
            let json = serde_json::json!({
                "generation": state.generation,
                "ok": state.failure.is_none(),
                "problems": state.failure.as_deref().map(live::problems_json),
            });
            bytes(200, "application/json", json.to_string().into_bytes())
        }
        Some(_) => text(404, "Not found.\n"),
        None => site_file(&request.path, &live.snapshot()),
    };
    let _ = reply.write_to(&mut stream, request.head_only);
}

/// Reads and parses the request head; the reply to send instead when it is not one we serve.
fn read_request(stream: &mut TcpStream) -> Result<Request, Reply> {
    let mut head = Vec::with_capacity(1024);
    let mut buffer = [0u8; 4096];
    let deadline = std::time::Instant::now() + HEAD_TIMEOUT;
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&head) {
            Ok(httparse::Status::Complete(_)) => {
                let method = parsed.method.unwrap_or("");
                if !matches!(method, "GET" | "HEAD") {
                    return Err(text(405, "Only GET and HEAD are supported.\n")
                        .with_header("Allow", "GET, HEAD"));
                }
                let target = parsed.path.unwrap_or("/");
                return Ok(Request {
                    head_only: method == "HEAD",
                    path: target.split(['?', '#']).next().unwrap_or("/").to_string(),
                });
            }
            Ok(httparse::Status::Partial) if head.len() < MAX_HEAD => {}
            Ok(httparse::Status::Partial) => {
                return Err(text(431, "The request's headers are too long.\n"));
            }
            Err(_) => return Err(text(400, "Bad request.\n")),
        }
        // Each read waits at most until the deadline: a byte a second does not keep a thread.
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(text(408, "The request took too long.\n"));
        }
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return Err(text(400, "Bad request.\n")),
            Ok(n) => head.extend_from_slice(&buffer[..n]),
        }
    }
}

enum Body {
    Bytes(Vec<u8>),
    File(std::fs::File, u64),
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

impl Reply {
    fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    fn write_to(self, stream: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let len = match &self.body {
            Body::Bytes(bytes) => bytes.len() as u64,
            Body::File(_, len) => *len,
        };
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {len}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            match self.body {
                Body::Bytes(bytes) => stream.write_all(&bytes)?,
                Body::File(mut file, _) => {
                    std::io::copy(&mut file, stream)?;
                }
            }
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type", content_type.to_string())],
        body: Body::Bytes(body),
    }
}

fn text(status: u16, body: &str) -> Reply {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}

fn html(status: u16, body: String) -> Reply {
    bytes(status, "text/html; charset=utf-8", body.into_bytes())
        .with_header("Content-Security-Policy", CSP)
}

/// The event stream: open until the page goes away (a write fails) or the preview stops.
fn events(mut stream: TcpStream, live: &Live) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(30)));
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if stream.write_all(head.as_bytes()).is_ok() {
        let _ = live.stream(&mut stream);
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// A file of the last good build, or what to show instead.
fn site_file(path: &str, state: &State) -> Reply {
    let Some(site) = &state.site else {
        return html(503, error_page(state));
    };
    let Some(relative) = relative_path(path) else {
        return text(400, "Bad path.\n");
    };
    let mut file = site.join(&relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            // `travel` must be `travel/`, or the index page's relative links go wrong. The
            // path is normalised first: `//travel/` would be the host `travel`.
            return bytes(301, "text/plain; charset=utf-8", Vec::new())
                .with_header("Location", &folder_location(path));
        }
        file = file.join("index.html");
    }
    // The output folder's mark is Signpost's, not the site's.
    if file
        .file_name()
        .is_some_and(|n| n == signpost_base::names::OUTPUT_MARKER)
    {
        return not_found(state);
    }
    let is_html = file.extension().is_some_and(|e| e == "html");
    if is_html {
        return match std::fs::read_to_string(&file) {
            Ok(page) => html(200, with_reload_script(&page, state.generation)),
            Err(_) => not_found(state),
        };
    }
    let opened = std::fs::File::open(&file).and_then(|f| Ok((f.metadata()?.len(), f)));
    match opened {
        Ok((len, opened)) => Reply {
            status: 200,
            headers: vec![("Content-Type", content_type(&file))],
            body: Body::File(opened, len),
        },
        Err(_) => not_found(state),
    }
}

fn not_found(state: &State) -> Reply {
    const PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Not found - Signpost preview</title>\n</head>\n<body>\n<h1>Not found</h1>\n<p>There is no such page in this build. <a href=\"/\">Go to the home page</a>.</p>\n</body>\n</html>\n";
    html(404, with_reload_script(PAGE, state.generation))
}

/// Shown for every page while no build has succeeded yet.
fn error_page(state: &State) -> String {
    let problems: String = state
        .failure
        .iter()
        .flatten()
        .map(|p| {
            let help = p
                .help
                .as_deref()
                .map(|h| format!("<br>help: {}", html_escape::encode_text(h)))
                .unwrap_or_default();
            format!(
                "<li><code>{}</code>: {}{help}</li>\n",
                html_escape::encode_text(&p.location()),
                html_escape::encode_text(&p.message)
            )
        })
        .collect();
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>The site could not be built - Signpost preview</title>\n</head>\n<body id=\"signpost-build-error-page\">\n<h1>The site could not be built</h1>\n<p>Fix the problems below and save: this page reloads by itself.</p>\n<ol>\n{problems}</ol>\n</body>\n</html>\n"
    );
    with_reload_script(&page, state.generation)
}

/// Adds the reload script (external: pages allow no inline script) to a page.
pub fn with_reload_script(page: &str, generation: u64) -> String {
    let tags = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}reload.css\">\n<script src=\"{PREFIX}reload.js?generation={generation}\" defer></script>\n"
    );
    let at = page
        .to_ascii_lowercase()
        .find("</head>")
        .unwrap_or(page.len());
    format!("{}{tags}{}", &page[..at], &page[at..])
}

/// A URL path as a path inside the site, or `None` if it tries to leave it.
pub fn relative_path(url_path: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(url_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut relative = PathBuf::new();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    Some(relative)
}

/// `/a//b/./c` -> `/a/b/c/`: the segments as sent (still percent-encoded), one slash apart.
fn folder_location(path: &str) -> String {
    let mut location = String::from("/");
    for segment in path.split('/').filter(|s| !s.is_empty() && *s != ".") {
        location.push_str(segment);
        location.push('/');
    }
    location
}

fn content_type(file: &Path) -> String {
    let guess = mime_guess::from_path(file).first_or_octet_stream();
    let textual = guess.type_() == mime_guess::mime::TEXT
        || matches!(guess.subtype().as_str(), "javascript" | "json" | "xml")
        || guess.suffix().is_some_and(|s| s == mime_guess::mime::XML);
    if textual {
        format!("{guess}; charset=utf-8")
    } else {
        guess.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_stay_inside_the_site() {
        assert_eq!(
            relative_path("/travel/my%20page.html"),
            Some(PathBuf::from("travel/my page.html"))
        );
        assert_eq!(relative_path("/"), Some(PathBuf::new()));
        assert_eq!(relative_path("/../etc/passwd"), None);
        assert_eq!(relative_path("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(relative_path("/a%5c..%5cb"), None);
    }

    #[test]
    fn the_reload_script_goes_in_the_head() {
        let page = with_reload_script("<html><head><title>T</title></HEAD><body></body></html>", 7);
        assert!(
            page.contains(
                "<script src=\"/__signpost/reload.js?generation=7\" defer></script>\n</HEAD>"
            ),
            "{page}"
        );
        assert!(!page.contains("<script>"), "no inline script");
    }

    #[test]
    fn content_types() {
        assert_eq!(
            content_type(Path::new("reviews.ics")),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("assets/signpost.js")),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.png")), "image/png");
        assert!(content_type(Path::new("reviews.atom")).starts_with("application/atom+xml"));
    }
}
