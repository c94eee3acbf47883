//! Answering one request: a file of the output folder (never anything outside it), the event
//! stream that drives reloads, a redirect, or the site's own 404 page.
//!
//! Files are streamed from disk with their `Content-Length`, never read whole, so a large file
//! costs a buffer, not its size, and a slow client is fed as fast as it reads. HTML pages are
//! the exception: they get the reload script, so they are read whole and edited in memory —
//! a page is an article and its thread, tens to hundreds of KiB, and a worker holds one at a
//! time.

use std::fs::File;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, ResponseBox, StatusCode};

use super::{Event, State};

/// Where pages listen for rebuilds. Outside any site path a book could produce (folio never
/// writes a folder starting with `__`).
pub(super) const EVENTS_PATH: &str = "/__folio/events";

/// A comment line on idle streams, so a closed tab is noticed and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The request's path, without its query or fragment.
fn path_of(request: &Request) -> &str {
    request.url().split(['?', '#']).next().unwrap_or("/")
}

/// Whether the request opens the event stream, which [`open_event_stream`] answers; every
/// other request goes to [`handle`].
pub(super) fn is_event_stream(request: &Request) -> bool {
    matches!(request.method(), Method::Get | Method::Head) && path_of(request) == EVENTS_PATH
}

/// Subscribes the page to build outcomes and streams them on a thread of its own, which ends
/// when the page goes away. Returns at once.
pub(super) fn open_event_stream(request: Request, state: &State) {
    let (tx, rx) = mpsc::channel();
    let (generation, error) = {
        let mut shared = state.lock();
        shared.subscribers.push(tx);
        (shared.generation, shared.error.clone())
    };
    std::thread::spawn(move || stream_events(request, generation, error, &rx));
}

/// Answers any request but the event stream's; returns once the response is written (or the
/// client has gone).
pub(super) fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are served\n"));
        return;
    }
    let path = path_of(&request).to_string();
    let (output_dir, base_path, generation) = {
        let shared = state.lock();
        (
            shared.output_dir.clone(),
            shared.base_path.clone(),
            shared.generation,
        )
    };
    let response = match resolve(&output_dir, &base_path, &path) {
        Resolved::File(file) => file_response(&file, 200, generation),
        Resolved::Redirect(to) => redirect(&to).boxed(),
        Resolved::NotFound => not_found(&output_dir, generation),
        Resolved::BadRequest => text(400, "bad request\n").boxed(),
    };
    let _ = request.respond(response);
}

#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
    BadRequest,
}

/// Maps a request path to a file inside `output_dir`. Percent-escapes are decoded first and
/// then every segment is checked, so `..`, `%2e%2e`, backslashes, drive prefixes and hidden
/// files are refused; the result is canonicalized and must still lie inside the output folder
/// (a symbolic link out of it is refused too).
fn resolve(output_dir: &Path, base_path: &str, path: &str) -> Resolved {
    let Some(rest) = path.strip_prefix(base_path) else {
        // `/` and `/archive` lead to the site at `/archive/`.
        if base_path.starts_with(path) {
            return Resolved::Redirect(base_path.to_string());
        }
        return Resolved::NotFound;
    };
    let Some(decoded) = percent_decode(rest) else {
        return Resolved::BadRequest;
    };
    let mut file = output_dir.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        let mut components = Path::new(segment).components();
        let plain =
            matches!(components.next(), Some(Component::Normal(_))) && components.next().is_none();
        if !plain || segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return Resolved::BadRequest;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            // Relative links on the page resolve from the folder, so it needs its slash.
            return Resolved::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    let (Ok(real), Ok(root)) = (file.canonicalize(), output_dir.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&root) || !real.is_file() {
        return Resolved::NotFound;
    }
    Resolved::File(real)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file as the response: HTML read whole to add the reload script, anything else
/// streamed. A file gone since it was resolved (a build swapped the folder) is a plain 404.
fn file_response(file: &Path, status: u16, generation: u64) -> ResponseBox {
    let kind = content_type(file);
    let body = if kind.starts_with("text/html") {
        let Ok(bytes) = std::fs::read(file) else {
            return text(404, "not found\n").boxed();
        };
        Response::from_data(inject_reload_script(&bytes, generation)).boxed()
    } else {
        // An open file keeps its content even if a build swaps the folder meanwhile.
        let Ok(file) = File::open(file) else {
            return text(404, "not found\n").boxed();
        };
        Response::from_file(file).boxed()
    };
    site_response(body, status, kind)
}

fn not_found(output_dir: &Path, generation: u64) -> ResponseBox {
    let page = output_dir.join("404.html");
    if page.is_file() {
        return file_response(&page, 404, generation);
    }
    // No build yet (the first one failed): a bare page that still shows the error overlay.
    let html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><p>The site has not been built yet.</p></body></html>";
    let bytes = inject_reload_script(html.as_bytes(), generation);
    site_response(
        Response::from_data(bytes).boxed(),
        404,
        "text/html; charset=utf-8",
    )
}

/// The headers of a page or file of the site. Its length is always sent (tiny_http would
/// switch to chunks above 32 KiB on HTTP/1.1), so a browser can show a download's progress.
fn site_response(body: ResponseBox, status: u16, kind: &str) -> ResponseBox {
    body.with_status_code(StatusCode(status))
        .with_chunked_threshold(usize::MAX)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

/// Adds the reload script before the last `</body>` (or at the end). Served pages only.
pub(super) fn inject_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let script = reload_script(generation);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Reloads the page when a newer build is announced (also on reconnecting after a build that
/// happened in between), and shows a failed build's report over the page.
fn reload_script(generation: u64) -> String {
    format!(
        r#"<script data-folio-serve>
(function () {{
  var built = {generation};
  var events = new EventSource("{EVENTS_PATH}");
  function overlay(text) {{
    var box = document.getElementById("folio-build-error");
    if (!box) {{
      box = document.createElement("div");
      box.id = "folio-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.25rem;background:#300;color:#fff;border-top:4px solid #f55;font:14px/1.45 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }}
    box.textContent = "folio: the last build failed; this is the previous build.\n\n" + text;
  }}
  events.addEventListener("hello", function (e) {{ if (Number(e.data) !== built) location.reload(); }});
  events.addEventListener("reload", function () {{ location.reload(); }});
  events.addEventListener("build-error", function (e) {{ overlay(e.data); }});
}})();
</script>
"#
    )
}

/// Holds an event stream open: says hello (the current build, and its error if it failed),
/// then forwards every build's outcome until the page goes away.
fn stream_events(
    request: Request,
    generation: u64,
    error: Option<String>,
    rx: &mpsc::Receiver<Event>,
) {
    let mut out = request.into_writer();
    let mut first = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\nevent: hello\ndata: {generation}\n\n"
    );
    if let Some(text) = error {
        first.push_str(&event_text("build-error", &text));
    }
    if out
        .write_all(first.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return;
    }
    loop {
        let chunk = match rx.recv_timeout(KEEP_ALIVE) {
            Ok(Event::Reload(n)) => event_text("reload", &n.to_string()),
            Ok(Event::BuildError(text)) => event_text("build-error", &text),
            Err(mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if out
            .write_all(chunk.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}

/// One SSE event; every line of `data` gets its own `data:` field.
fn event_text(name: &str, data: &str) -> String {
    let mut s = format!("event: {name}\n");
    for line in data.trim_end().lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    if data.trim_end().is_empty() {
        s.push_str("data:\n");
    }
    s.push('\n');
    s
}

fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if path.file_name().is_some_and(|n| n == "atom.xml") => {
            "application/atom+xml; charset=utf-8"
        }
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "epub" => "application/epub+zip",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    // Every name and value used here is ASCII.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("an ASCII header")
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn redirect(to: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    // The target is the request's own (ASCII, percent-encoded) path or the base path.
    let location = Header::from_bytes(&b"Location"[..], to.as_bytes())
        .unwrap_or_else(|()| header("Location", "/"));
    text(302, "moved\n").with_header(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::create_dir_all(out.join("tags/华为")).unwrap();
        std::fs::write(out.join("index.html"), "i").unwrap();
        std::fs::write(out.join("a/index.html"), "a").unwrap();
        std::fs::write(out.join("tags/华为/index.html"), "t").unwrap();
        std::fs::write(out.join(".folio-output"), "m").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        let real = |p: &str| Resolved::File(out.join(p).canonicalize().unwrap());
        let cases = [
            ("/x/", Resolved::File(PathBuf::new())), // replaced below
            ("/x/a/", real("a/index.html")),
            ("/x/a", Resolved::Redirect("/x/a/".into())),
            ("/", Resolved::Redirect("/x/".into())),
            ("/x", Resolved::Redirect("/x/".into())),
            ("/x/tags/%E5%8D%8E%E4%B8%BA/", real("tags/华为/index.html")),
            ("/x/../secret.txt", Resolved::BadRequest),
            ("/x/%2e%2e/secret.txt", Resolved::BadRequest),
            ("/x/a/%2E%2E/%2E%2E/secret.txt", Resolved::BadRequest),
            ("/x/..%5csecret.txt", Resolved::BadRequest),
            ("/x/%2fetc%2fpasswd", Resolved::NotFound),
            ("/x/.folio-output", Resolved::BadRequest),
            ("/x/%zz", Resolved::BadRequest),
            ("/x/%ff", Resolved::BadRequest),
            ("/x/missing.html", Resolved::NotFound),
            ("/elsewhere/", Resolved::NotFound),
        ];
        for (path, want) in cases {
            let want = if path == "/x/" {
                real("index.html")
            } else {
                want
            };
            assert_eq!(resolve(&out, "/x/", path), want, "{path}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_closing_body() {
        let out = inject_reload_script(b"<html><body><p>hi</p></body></html>", 7);
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("<html><body><p>hi</p><script data-folio-serve>"));
        assert!(out.ends_with("</script>\n</body></html>"));
        assert!(out.contains("var built = 7;"));
        let bare = String::from_utf8(inject_reload_script(b"<p>x", 1)).unwrap();
        assert!(bare.starts_with("<p>x<script"));
    }

    #[test]
    fn events_put_every_line_in_its_own_data_field() {
        assert_eq!(event_text("reload", "3"), "event: reload\ndata: 3\n\n");
        assert_eq!(
            event_text("build-error", "a.md:1:1: bad\n  1 | x\n"),
            "event: build-error\ndata: a.md:1:1: bad\ndata:   1 | x\n\n"
        );
    }
}
