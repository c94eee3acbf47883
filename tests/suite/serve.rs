//! `folio serve` end to end: the real binary on a free port, plain HTTP over a socket, the
//! event stream, an edit, the reload. Every wait is bounded by a socket or channel timeout that
//! fails the test with what was seen so far; nothing sleeps and hopes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::support::TestBook;

/// Long enough for a debug build of the book on a busy machine; only reached on failure.
const PATIENCE: Duration = Duration::from_secs(90);
/// How long a request to a server that is not busy building may take: a bound on a hang (an
/// answer takes milliseconds), not a speed test.
const PROMPT: Duration = Duration::from_secs(5);
/// A file far bigger than the socket buffers of both ends together (a few MiB on loopback),
/// so a client that stops reading leaves the server blocked in a write.
const BIG: usize = 32 << 20;
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
        Server::start_with(book, &["--port", port])
    }

    /// `folio serve ARGS`.
    fn start_with(book: &TestBook, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("serve")
            .args(args)
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
        get_within(&self.addr, path, PATIENCE).unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// Opens `/__folio/events` and reads its `hello` within `limit` → (the stream, its data).
    fn events(&self, limit: Duration) -> (BufReader<TcpStream>, String) {
        let mut events = self.connect();
        write!(
            events,
            "GET /__folio/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut events = BufReader::new(events);
        let hello = next_event_within(&mut events, "hello", limit);
        (events, hello)
    }

    /// Puts a file of `BIG` bytes in the output folder (served as built; the next build
    /// removes it) and returns its path on the site.
    fn big_file(&self, book: &TestBook) -> String {
        book.write("public/big.bin", &vec![b'x'; BIG]);
        "/archive/big.bin".to_string()
    }

    /// The server's resident memory in bytes, where the system tells (Linux).
    fn resident(&self) -> Option<usize> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib * 1024)
    }

    /// Sends `GET path` on a fresh connection and reads only the status line, then stops
    /// reading: the server is answering, and soon blocks writing to this client.
    fn stalled(&self, path: &str) -> TcpStream {
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        stream.set_read_timeout(Some(PROMPT)).unwrap();
        let mut status = [0; 12];
        stream
            .read_exact(&mut status)
            .unwrap_or_else(|e| panic!("no status line for the stalled GET {path}: {e}"));
        assert_eq!(&status, b"HTTP/1.1 200");
        stream
    }
}

/// `GET path` over HTTP/1.0 on its own connection → (status, body), or why not within `limit`.
fn get_within(addr: &str, path: &str, limit: Duration) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(limit)).unwrap();
    stream.set_write_timeout(Some(limit)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n")
        .map_err(|e| format!("send: {e}"))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| format!("no answer within {limit:?} ({e})"))?;
    let response = String::from_utf8_lossy(&response);
    let status = response
        .get(9..12)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP response: {response:?}"))?;
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_string();
    Ok((status, body))
}

/// Runs every GET at once, each on its own thread and connection, within `limit` each; the
/// results in the order given.
fn get_all(addr: &str, paths: &[&str], limit: Duration) -> Vec<Result<(u16, String), String>> {
    let threads: Vec<_> = paths
        .iter()
        .map(|path| {
            let (addr, path) = (addr.to_string(), path.to_string());
            std::thread::spawn(move || get_within(&addr, &path, limit))
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
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
    next_event_within(events, name, PATIENCE)
}

fn next_event_within(events: &mut BufReader<TcpStream>, name: &str, limit: Duration) -> String {
    let deadline = Instant::now() + limit;
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
            Err(e) => panic!("no `event: {name}` within {limit:?} ({e}); the stream said:\n{seen}"),
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

    let (mut events, hello) = server.events(PATIENCE);
    assert_eq!(hello, "1\n");

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

#[test]
fn serve_answers_others_while_a_client_does_not_read() {
    let book = TestBook::bundled();
    let server = Server::start(&book, "0");
    let big = server.big_file(&book);
    let before = server.resident();
    let mut slow = server.stalled(&big);
    let grown = before
        .zip(server.resident())
        .map(|(before, after)| after.saturating_sub(before));

    let page = format!("/archive/{MEMO}/");
    let paths = [
        "/archive/",
        page.as_str(),
        "/archive/search/manifest.js",
        "/archive/static/style.css",
        "/archive/no-such-page/",
    ];
    let results = get_all(&server.addr, &paths, PROMPT);
    let failed: Vec<String> = paths
        .iter()
        .zip(&results)
        .filter_map(|(path, r)| r.as_ref().err().map(|e| format!("{path}: {e}")))
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} requests unanswered while one client does not read:\n{}",
        failed.len(),
        paths.len(),
        failed.join("\n")
    );
    let statuses: Vec<u16> = results.iter().map(|r| r.as_ref().unwrap().0).collect();
    assert_eq!(statuses, [200, 200, 200, 200, 404]);
    if let Some(grown) = grown {
        // Streamed: a buffer or two, not the file's size.
        assert!(
            grown < BIG / 2,
            "serving the big file took {grown} more bytes"
        );
    }

    // The stalled client can still read all of it: streamed with its length announced.
    slow.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut rest = Vec::new();
    slow.read_to_end(&mut rest)
        .expect("the rest of the big file");
    let (head, body) = rest.split_at(rest.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    assert!(
        head.contains(&format!("content-length: {BIG}\r\n")),
        "{head}"
    );
    assert_eq!(body.len(), BIG);
    assert!(body.iter().all(|&b| b == b'x'));
}

/// 100 requests at once, more of them stalled than the server has workers (8), and event
/// streams opened in the middle of it: every stream connects at once, every request is
/// answered once the stalled clients go away, and every stream gets the reload after the next
/// build. (The build comes after the burst: while a build swaps the output folder, a request
/// may briefly find no file.)
#[test]
fn serve_keeps_event_streams_going_through_a_burst_of_requests() {
    const STALLED: usize = 12;
    const REQUESTS: usize = 100;
    const STREAMS: usize = 4;
    let book = TestBook::bundled();
    let server = Server::start(&book, "0");
    let big = server.big_file(&book);

    let first = server.stalled(&big);
    let (release, released) = mpsc::channel::<()>();
    let released = Arc::new(Mutex::new(released));
    let stalled: Vec<_> = (1..STALLED)
        .map(|_| {
            let (addr, big, released) = (server.addr.clone(), big.clone(), Arc::clone(&released));
            // Asks for the big file and reads nothing until released.
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).unwrap();
                write!(stream, "GET {big} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
                let _ = released.lock().unwrap().recv();
            })
        })
        .collect();
    let page = format!("/archive/{MEMO}/");
    let plain = ["/archive/", page.as_str(), "/archive/search/manifest.js"];
    let burst: Vec<_> = (STALLED..REQUESTS)
        .map(|i| {
            let (addr, path) = (server.addr.clone(), plain[i % plain.len()].to_string());
            std::thread::spawn(move || get_within(&addr, &path, PATIENCE))
        })
        .collect();

    let mut streams: Vec<_> = (0..STREAMS).map(|_| server.events(PROMPT).0).collect();

    drop(first);
    drop(release);
    for t in stalled {
        t.join().unwrap();
    }
    let results: Vec<_> = burst.into_iter().map(|t| t.join().unwrap()).collect();
    let failed: Vec<String> = results
        .iter()
        .filter_map(|r| match r {
            Ok((200, _)) => None,
            Ok((status, _)) => Some(format!("status {status}")),
            Err(e) => Some(e.clone()),
        })
        .collect();
    assert!(
        failed.is_empty(),
        "{} of {} requests of the burst not answered:\n{}",
        failed.len(),
        results.len(),
        failed.join("\n")
    );

    let article = "content/000_d38183c82872033f.txt";
    let text = book
        .read(article)
        .replace("forced", "forced (edited after a burst)");
    book.write(article, text.as_bytes());
    for events in &mut streams {
        assert_eq!(next_event(events, "reload"), "2\n");
    }
}

#[test]
fn serve_drafts_previews_the_articles_marked_draft() {
    let book = TestBook::copy_of(&super::support::fixture("zola_hugo"));
    let server = Server::start_with(&book, &["--port", "0", "--drafts"]);
    let (status, page) = server.get("/notes/new-crane/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Draft: built because"), "{page}");
    let (status, page) = server.get("/notes/crane/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("url=/notes/new-crane/"), "{page}");
    drop(server);

    let server = Server::start(&book, "0");
    let (status, _) = server.get("/notes/new-crane/");
    assert_eq!(status, 404);
    let (status, page) = server.get("/notes/old/tide-tables/");
    assert_eq!(status, 200, "{page}");
}
