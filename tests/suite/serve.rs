//! `folio serve` end to end: the real binary on a free port, plain HTTP over a socket, the
//! event stream, an edit, the reload. Every wait is bounded by a socket or channel timeout that
//! fails the test with what was seen so far; nothing sleeps and hopes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::support::TestBook;

/// Long enough for a debug build of the book on a busy machine; only reached on failure.
const PATIENCE: Duration = Duration::from_secs(90);
const MEMO: &str = "huawei-memo-software-domination";

/// A running `folio serve`, stopped when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// The rest of stderr, line by line (kept so the reader thread keeps draining it).
    _stderr: mpsc::Receiver<String>,
}

impl Server {
    fn start(book: &TestBook, port: &str) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", "--port", port])
            .current_dir(book.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("folio serve starts");
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut seen = String::new();
        let addr = loop {
            let line = rx
                .recv_timeout(PATIENCE)
                .unwrap_or_else(|_| panic!("no `Serving … at` line; stderr so far:\n{seen}"));
            seen.push_str(&line);
            seen.push('\n');
            if let Some(at) = line.find("http://") {
                let url = &line[at + "http://".len()..];
                break url[..url.find('/').unwrap()].to_string();
            }
        };
        Server {
            child,
            addr,
            _stderr: rx,
        }
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).expect("connects");
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// `GET path` → (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = self.connect();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("a response");
        let status = response[9..12].parse().expect("a status code");
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, b)| b)
            .to_string();
        (status, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads the event stream until `event: NAME`, then returns its data. The deadline covers
/// the whole wait (keep-alive comments do not extend it).
fn next_event(events: &mut BufReader<TcpStream>, name: &str) -> String {
    let deadline = Instant::now() + PATIENCE;
    let mut seen = String::new();
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .unwrap_or_else(|| panic!("no `event: {name}` in time; the stream said:\n{seen}"));
        events.get_ref().set_read_timeout(Some(left)).unwrap();
        let mut line = String::new();
        match events.read_line(&mut line) {
            Ok(0) => panic!("the event stream closed; it said:\n{seen}"),
            Ok(_) => {}
            Err(e) => panic!("no `event: {name}` ({e}); the stream said:\n{seen}"),
        }
        seen.push_str(&line);
        if line.trim_end() == format!("event: {name}") {
            let mut data = String::new();
            loop {
                let mut l = String::new();
                events.read_line(&mut l).expect("event data");
                if l.trim_end().is_empty() {
                    return data;
                }
                data.push_str(l.trim_end().strip_prefix("data: ").unwrap_or(""));
                data.push('\n');
            }
        }
    }
}

#[test]
fn serve_builds_serves_and_reloads_pages_after_an_edit() {
    let book = TestBook::bundled();
    let server = Server::start(&book, "0");
    let page_path = format!("/archive/{MEMO}/");

    let (status, page) = server.get(&page_path);
    assert_eq!(status, 200);
    assert!(page.contains("Leaked Huawei memo"));
    assert!(
        page.contains("<script data-folio-serve>"),
        "served pages get the reload script"
    );
    let on_disk = book.read(&format!("public/{MEMO}/index.html"));
    assert!(
        !on_disk.contains("data-folio-serve"),
        "the built file stays clean"
    );

    let mut events = server.connect();
    write!(
        events,
        "GET /__folio/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut events = BufReader::new(events);
    assert_eq!(next_event(&mut events, "hello"), "1\n");

    // A broken article: the error is announced, the previous site stays served.
    book.write("content/broken.md", b"---\ntitle: [\n---\n");
    let error = next_event(&mut events, "build-error");
    assert!(error.contains("content/broken.md:2:8"), "{error}");
    assert_eq!(server.get(&page_path).0, 200);

    // Fixed, and an article edited: one reload, and the page shows the edit.
    std::fs::remove_file(book.path().join("content/broken.md")).unwrap();
    let article = "content/000_d38183c82872033f.txt";
    let text = book.read(article).replace(
        "Chinese tech vendor Huawei has been forced",
        "Chinese tech vendor Huawei (edited while serving) has been forced",
    );
    book.write(article, text.as_bytes());
    // The removal and the edit may land in one rebuild or two; either way a reload comes
    // after each, and the last one serves the edit.
    let mut reloads = 0;
    loop {
        let generation: u64 = next_event(&mut events, "reload").trim().parse().unwrap();
        assert!(generation >= 2);
        reloads += 1;
        let (status, page) = server.get(&page_path);
        assert_eq!(status, 200);
        if page.contains("Huawei (edited while serving) has been forced") {
            break;
        }
        assert!(reloads < 2, "two reloads and the edit is still not served");
    }
}

#[test]
fn serve_refuses_paths_outside_the_site_and_answers_misses_with_the_404_page() {
    let book = TestBook::bundled();
    let server = Server::start(&book, "0");
    for path in [
        "/archive/../book.yaml",
        "/archive/%2e%2e/book.yaml",
        "/archive/%2E%2E%2Fbook.yaml",
        "/archive/..%5cbook.yaml",
    ] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: status {status}");
        assert!(!body.contains("title:"), "{path} leaked book.yaml");
    }
    let (status, body) = server.get("/archive/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"));
    let (status, _) = server.get("/");
    assert_eq!(status, 302, "the root leads to the base_url path");
}

#[test]
fn serve_says_clearly_when_the_port_is_taken() {
    let book = TestBook::bundled();
    let first = Server::start(&book, "0");
    let port = first.addr.rsplit(':').next().unwrap();
    let run = book.run(&["serve", "--port", port]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains(&format!("port {port} on 127.0.0.1 is already in use")),
        "{}",
        run.stderr
    );
}
