//! `folio serve`: build, serve the output on 127.0.0.1, watch the book, rebuild on change and
//! tell open pages to reload through server-sent events.
//!
//! The site is served under the path of `base_url` (`http://127.0.0.1:1111/archive/`), so the
//! absolute links of `404.html` work as they will when deployed. Files are read from the
//! output folder on every request. A rebuild updates that folder in place (see
//! [`crate::incremental`]): each changed file is renamed over the old one once every file is
//! rendered, so a reader gets each file whole, old or new (a file being streamed when it is
//! replaced is sent to the end as it was opened), and a failed build leaves the last good site
//! served.
//! The reload script is added to HTML *responses* only; the files on disk stay exactly what
//! `folio build` writes.
//!
//! Threads, no async runtime. tiny_http reads every connection on a thread of its own and
//! queues the requests; the thread of [`serve`] takes them off that queue and answers none
//! itself, so no client can hold it up:
//!
//! * an event stream gets a thread of its own for as long as its page is open (it is idle
//!   between builds, and a tab holds one), so a reload never waits behind file requests;
//! * every other request goes to a fixed pool of [`WORKERS`] threads. A worker writing to a
//!   client that stops reading stays blocked in that write until the client goes away
//!   (tiny_http gives no hold of the socket to set a write timeout on), and the others go on
//!   answering: it takes that many stalled clients at once to hold up files, and event streams
//!   go on even then. A fixed pool rather than a thread per request, because it bounds the
//!   files open and the pages held in memory at once however many requests arrive together:
//!   a burst waits in the queue instead of adding threads.
//!
//! Keeping tiny_http: with the hand-off above its blocking model is enough for one person's
//! browser on 127.0.0.1, and an async server (hyper and a runtime) would add far more code
//! and dependencies than a preview needs. One more thread watches the book. They all share
//! [`State`] behind a mutex.

mod http;
mod watch;

use std::io::Write;
use std::net::TcpListener;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::build::{BuildOptions, build_with};
use crate::cache::ArticleCache;
use crate::config::Config;
use crate::error::{Error, Result};

/// The port `folio serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 1111;

/// Threads answering requests other than event streams: more than the six connections a
/// browser opens to one host, so a page's files load in parallel with room for a client or two
/// that stopped reading.
const WORKERS: usize = 8;

/// Options of `folio serve`, from the command line.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub out: Option<PathBuf>,
    /// 0 asks the system for a free port.
    pub port: u16,
    /// Open the site in the default browser after the first build.
    pub open: bool,
    /// Print errors only: no banner, no line per successful rebuild.
    pub quiet: bool,
    /// Build the articles marked `draft: true` too (`folio serve --drafts`).
    pub drafts: bool,
}

/// Prints a build error for a person (the CLI's reporter: `path:line:col`, source line, hint).
pub type Reporter = fn(&Error, &mut dyn Write);

/// What an open page is told.
#[derive(Debug, Clone)]
enum Event {
    /// A build succeeded; its number.
    Reload(u64),
    /// A build failed; the report, as printed in the terminal.
    BuildError(String),
}

/// What the server, the watcher and the event streams share.
struct State {
    inner: Mutex<Shared>,
}

struct Shared {
    /// Counts successful builds; a page served at build N reloads when it learns of N+1.
    generation: u64,
    /// The report of the last build when it failed.
    error: Option<String>,
    output_dir: PathBuf,
    /// The path of `base_url`, where the site is served (`/` without one).
    base_path: String,
    subscribers: Vec<Sender<Event>>,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panicking thread cannot leave `Shared` half-updated (every update is one
        // assignment), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn broadcast(&self, event: &Event) {
        self.lock()
            .subscribers
            .retain(|tx| tx.send(event.clone()).is_ok());
    }
}

/// Runs until the process is stopped. Errors only when it cannot start (port taken).
pub fn serve(options: &ServeOptions, report: Reporter) -> Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => Error::Message(format!(
            "port {} on 127.0.0.1 is already in use (another `folio serve`?); choose another with --port N, or --port 0 for any free port",
            options.port
        )),
        _ => Error::Message(format!(
            "cannot listen on 127.0.0.1:{}: {e}",
            options.port
        )),
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Message(format!("cannot read the server's address: {e}")))?
        .port();
    let (output_dir, base_path) = locations(options);
    let state = Arc::new(State {
        inner: Mutex::new(Shared {
            generation: 0,
            error: None,
            output_dir,
            base_path,
            subscribers: Vec::new(),
        }),
    });

    let mut stderr = std::io::stderr();
    let baseline = watch::baseline(watched(options));
    // The articles of each build stay in memory for the next: a rebuild reads and normalizes
    // only what changed, without even reading the cache folder.
    let cache = Arc::new(ArticleCache::open().keeping_in_memory());
    rebuild(options, &cache, &state, report, &mut stderr);
    let url = format!("http://127.0.0.1:{port}{}", state.lock().base_path);
    if !options.quiet {
        let _ = writeln!(
            stderr,
            "Serving {} at {url}\nWatching content, themes/, book.yaml and its comment exports; press Ctrl-C to stop.",
            state.lock().output_dir.display()
        );
    }
    if options.open {
        open_browser(&url, &mut stderr);
    }

    let server = tiny_http::Server::from_listener(listener, None)
        .map_err(|e| Error::Message(format!("cannot start the server: {e}")))?;
    {
        let state = Arc::clone(&state);
        let options = options.clone();
        std::thread::spawn(move || {
            watch::watch(baseline, &|| watched(&options), &mut || {
                rebuild(&options, &cache, &state, report, &mut std::io::stderr());
            });
        });
    }
    let (queue, queued) = mpsc::channel();
    let queued = Arc::new(Mutex::new(queued));
    for _ in 0..WORKERS {
        let (queued, state) = (Arc::clone(&queued), Arc::clone(&state));
        std::thread::spawn(move || work(&queued, &state));
    }
    for request in server.incoming_requests() {
        if http::is_event_stream(&request) {
            http::open_event_stream(request, &state);
        } else {
            // Cannot fail: the workers wait on the queue for as long as it exists.
            let _ = queue.send(request);
        }
    }
    Ok(())
}

/// A worker: answers queued requests one after the other, for as long as the server runs.
fn work(queued: &Mutex<Receiver<tiny_http::Request>>, state: &State) {
    loop {
        // The lock is released before the request is answered, so only the wait is serial.
        let next = queued.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok(request) = next else { return };
        // A bug met by one request must not take a worker with it; the hook has printed it.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(|| http::handle(request, state)));
    }
}

/// Builds once and tells open pages: reload, or here is what went wrong.
fn rebuild(
    options: &ServeOptions,
    cache: &ArticleCache,
    state: &State,
    report: Reporter,
    stderr: &mut dyn Write,
) {
    let result = build_with(
        &options.root,
        &BuildOptions {
            out: options.out.clone(),
            review: false,
            clean: false,
            drafts: options.drafts,
            progress: Default::default(),
        },
        cache,
    );
    let (output_dir, base_path) = locations(options);
    let event = match result {
        Ok(summary) => {
            if !options.quiet {
                let _ = writeln!(stderr, "{summary}");
            }
            let mut shared = state.lock();
            shared.generation += 1;
            shared.error = None;
            shared.output_dir = output_dir;
            shared.base_path = base_path;
            Event::Reload(shared.generation)
        }
        Err(e) => {
            let mut text = Vec::new();
            report(&e, &mut text);
            let text = String::from_utf8_lossy(&text).into_owned();
            let _ = writeln!(
                stderr,
                "{text}The build failed; still serving the last good build."
            );
            state.lock().error = Some(text.clone());
            Event::BuildError(text)
        }
    };
    state.broadcast(&event);
}

/// The output folder and the served path, from book.yaml when it can be read (a broken
/// book.yaml still gets served from the default place, with its error shown).
fn locations(options: &ServeOptions) -> (PathBuf, String) {
    let config = Config::load(&options.root).ok();
    let output = match (&options.out, &config) {
        (Some(out), _) => absolute(out),
        (None, Some(c)) => c.output_dir.clone(),
        (None, None) => absolute(&options.root.join("public")),
    };
    let base = crate::backend::html::base_path(config.as_ref().and_then(|c| c.base_url.as_deref()));
    (output, base)
}

/// What a rebuild depends on: book.yaml, the theme folders, the content folder and the
/// comment exports book.yaml names.
fn watched(options: &ServeOptions) -> Vec<PathBuf> {
    let config = Config::load(&options.root).ok();
    let content = config
        .as_ref()
        .map(|c| c.content_dir.clone())
        .unwrap_or_else(|| options.root.join("content"));
    let mut paths = vec![
        options.root.join(crate::config::CONFIG_FILE),
        options.root.join("themes"),
        content,
    ];
    paths.extend(
        config
            .into_iter()
            .flat_map(|c| c.comments_from)
            .map(|e| e.path),
    );
    paths
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

fn open_browser(url: &str, stderr: &mut dyn Write) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    match command.arg(url).spawn() {
        // Reap the opener when it exits.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => {
            let _ = writeln!(
                stderr,
                "could not open a browser ({e}); open {url} yourself"
            );
        }
    }
}
