//! Whole builds on a generated archive: `cargo bench --bench build`.
//!
//! For N articles (`FOLIO_BENCH_SIZES`, default `1000,10000`) it generates the corpus of
//! `benches/corpus.rs`, then measures the release `folio build` for HTML only, EPUB only and
//! both: median wall time of `FOLIO_BENCH_RUNS` runs (default 3), articles per second and peak
//! RSS (the child's `ru_maxrss`); then an incremental build of HTML and EPUB after one article
//! changed (the article cache warm), a build with nothing changed, and a `--clean` build
//! with the article cache warm. The baseline, measured in the same run, reads every input
//! file and writes as many files and bytes as the HTML build wrote — the floor any generator
//! has to pay — so figures compare across machines as ratios. Last, the normalizer's
//! throughput over the whole corpus, in-process on all cores and on one.
//!
//! After the HTML build it reports the search index: its files and bytes, how postings would
//! weigh as JSON arrays instead of VLQ digits, and for a few typical queries the bytes the
//! search page fetches (the manifest, the term shards, the text chunks of the first page of
//! results), found by running the query on the index with `search::read` as the page's script
//! does. `FOLIO_BENCH_SEARCH_ONLY=1` skips everything else: one HTML build per size and the
//! search figures, which makes a 100,000-article run (`FOLIO_BENCH_SIZES=100000`) affordable.
//!
//! Both modes report the largest HTML page of the site, and the largest of the pages that list
//! articles (the index, tag and archive pages and their later pages): pagination keeps those
//! small however many articles there are.

#[path = "corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let sizes: Vec<usize> = std::env::var("FOLIO_BENCH_SIZES")
        .unwrap_or_else(|_| "1000,10000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("FOLIO_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    let search_only = std::env::var_os("FOLIO_BENCH_SEARCH_ONLY").is_some_and(|v| !v.is_empty());
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("folio-bench");
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("folio build benchmark: {threads} threads, median of {runs} runs\n");
    for n in sizes {
        let book = work.join(format!("n{n}"));
        let _ = std::fs::remove_dir_all(&book);
        let bytes = corpus::generate(&book, n, "html").expect("corpus");
        println!(
            "N = {n} articles, {:.1} MB of content ({} .md, {} .txt)",
            bytes as f64 / 1e6,
            count(&book.join("content"), "md"),
            count(&book.join("content"), "txt")
        );
        let out = book.join("out");
        if search_only {
            set_outputs(&book, "html");
            let _ = std::fs::remove_dir_all(&out);
            let (time, rss) = build(&book, &out);
            println!(
                "  html {:.3} s, peak RSS {:.1} MiB",
                time.as_secs_f64(),
                rss as f64 / 1024.0
            );
            search(&out.join("public"));
            largest_pages(&out.join("public"));
            println!();
            continue;
        }
        let mut html_output = (0usize, 0u64);
        let mut rows = Vec::new();
        for outputs in ["html", "epub", "html, epub"] {
            set_outputs(&book, outputs);
            let mut times = Vec::new();
            let mut peak = 0u64;
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(&out);
                let (time, rss) = build(&book, &out);
                times.push(time);
                peak = peak.max(rss);
            }
            if outputs == "html" {
                html_output = tree_size(&out.join("public"));
                search(&out.join("public"));
                largest_pages(&out.join("public"));
            }
            rows.push((outputs, median(&mut times), peak));
        }
        // Incremental: the HTML + EPUB output of the last build is there; one article changes
        // and the book is built again.
        let changed = first_markdown(&book.join("content"));
        let original = std::fs::read_to_string(&changed).unwrap();
        let mut times = Vec::new();
        let mut peak = 0u64;
        for run in 0..runs {
            std::fs::write(
                &changed,
                format!("{original}\nAn added paragraph, {run}.\n"),
            )
            .unwrap();
            let (time, rss) = build(&book, &out);
            times.push(time);
            peak = peak.max(rss);
        }
        std::fs::write(&changed, original).unwrap();
        rows.push(("incremental", median(&mut times), peak));
        // Nothing changed: the build after the one that took the article back.
        build(&book, &out);
        let mut times = Vec::new();
        let mut peak = 0u64;
        for _ in 0..runs {
            let (time, rss) = build(&book, &out);
            times.push(time);
            peak = peak.max(rss);
        }
        rows.push(("unchanged", median(&mut times), peak));
        // A clean build (`--clean`: staging and swap, every page rendered) with every article
        // in the article cache.
        let mut times = Vec::new();
        let mut peak = 0u64;
        for _ in 0..runs {
            let (time, rss) = build_with(&book, &out, &["--clean"]);
            times.push(time);
            peak = peak.max(rss);
        }
        rows.push(("clean, warm", median(&mut times), peak));
        let mut base = Vec::new();
        for _ in 0..runs {
            base.push(baseline(
                &book.join("content"),
                &book.join("baseline"),
                html_output,
            ));
        }
        let base = median(&mut base);
        println!(
            "  baseline (read inputs, write {} files / {:.1} MB): {:.3} s",
            html_output.0,
            html_output.1 as f64 / 1e6,
            base.as_secs_f64()
        );
        for (outputs, time, peak) in rows {
            println!(
                "  {:<11} {:>8.3} s  {:>8.0} articles/s  {:>6.1}x baseline  peak RSS {:>6.1} MiB",
                outputs,
                time.as_secs_f64(),
                n as f64 / time.as_secs_f64(),
                time.as_secs_f64() / base.as_secs_f64(),
                peak as f64 / 1024.0
            );
        }
        normalizer(&book, bytes);
        println!();
    }
}

/// Queries typical of the generated corpus: a word every article has, a rarer one, two words,
/// a prefix being typed, a commenter's name with a diacritic, a Chinese commenter's name.
const QUERIES: [&str; 6] = [
    "network",
    "pompeo",
    "spectrum regulators",
    "secur",
    "muller",
    "王芳",
];

/// The search index of the site in `public`: size, and what each of [`QUERIES`] fetches.
fn search(public: &Path) {
    use folio::backend::html::search::read::{Index, decode_vlq};
    let index = Index::open(public).expect("the search index reads");
    let (files, bytes) = index.size().expect("the index's files");
    let shards = index.manifest.terms.len();
    let largest = index.manifest.terms.iter().map(|t| t.1).max().unwrap_or(0);
    let dir = public.join("search");
    let (mut chunk_bytes, mut largest_chunk) = (0u64, 0u64);
    for entry in std::fs::read_dir(dir.join("docs")).unwrap() {
        let len = entry.unwrap().metadata().unwrap().len();
        chunk_bytes += len;
        largest_chunk = largest_chunk.max(len);
    }
    // The postings as VLQ digits, and as the JSON arrays of the same numbers would be.
    let (mut vlq, mut arrays) = (0usize, 0usize);
    for n in 0..shards {
        let js = std::fs::read_to_string(dir.join(format!("terms/{n}.js"))).unwrap();
        let json = &js[js.find(',').unwrap() + 1..js.len() - 3];
        let flat: Vec<String> = serde_json::from_str(json).unwrap();
        for postings in flat.iter().skip(1).step_by(2) {
            vlq += postings.len() + 2;
            let numbers = decode_vlq(postings).unwrap();
            arrays += 2 + numbers
                .iter()
                .map(|v| v.to_string().len() + 1)
                .sum::<usize>();
        }
    }
    println!(
        "  search index: {files} files, {:.1} MB; {shards} term shards ({:.1} MB, largest {:.0} KB), {} text chunks ({:.1} MB, largest {:.0} KB)",
        bytes as f64 / 1e6,
        (bytes - chunk_bytes) as f64 / 1e6,
        largest as f64 / 1e3,
        files - 1 - shards,
        chunk_bytes as f64 / 1e6,
        largest_chunk as f64 / 1e3,
    );
    println!(
        "  postings: {:.2} MB as VLQ digits, {:.2} MB as JSON arrays of the same numbers",
        vlq as f64 / 1e6,
        arrays as f64 / 1e6
    );
    for query in QUERIES {
        let outcome = index.search(query).expect("the query runs");
        let shards = outcome
            .files
            .iter()
            .filter(|f| f.0.contains("/terms/"))
            .count();
        let chunks = outcome
            .files
            .iter()
            .filter(|f| f.0.contains("/docs/"))
            .count();
        println!(
            "    {:<22} {:>6} results: fetches {:>4.0} KB ({} shards, {} chunks)",
            format!("\"{query}\""),
            outcome.total,
            outcome.bytes() as f64 / 1e3,
            shards,
            chunks
        );
    }
}

fn set_outputs(book: &Path, outputs: &str) {
    let path = book.join("book.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("outputs:") {
                format!("outputs: [{outputs}]")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(path, text.join("\n") + "\n").unwrap();
}

/// Runs the release binary; returns wall time and peak RSS in KiB.
fn build(book: &Path, out: &Path) -> (Duration, u64) {
    build_with(book, out, &[])
}

/// [`build`] with more options (`--clean`).
fn build_with(book: &Path, out: &Path, options: &[&str]) -> (Duration, u64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root"])
        .arg(book)
        .args(options)
        .arg("--out")
        .arg(out.join("public"))
        // Up-to-date records and the article cache beside the output, not in the user's
        // cache: removing the output empties the cache too, so every clean build above is
        // of a cold cache.
        .env("FOLIO_CACHE_DIR", out.join("cache"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("folio starts");
    #[allow(clippy::zombie_processes)]
    let (status, rss) = wait_with_rusage(child.id());
    let time = started.elapsed();
    // Reaped by wait4 above; std must not wait on it again.
    std::mem::forget(child);
    assert!(status == 0, "folio build failed (status {status})");
    (time, rss)
}

/// `wait4`: the exit status and the child's peak resident set (KiB on Linux).
fn wait_with_rusage(pid: u32) -> (i32, u64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting on our own child with valid pointers to stack values.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(r == pid as libc::pid_t, "wait4 failed");
    (status, usage.ru_maxrss as u64)
}

/// Reads every input and writes `files` files totalling `bytes` bytes: the I/O floor.
fn baseline(content: &Path, out: &Path, (files, bytes): (usize, u64)) -> Duration {
    let _ = std::fs::remove_dir_all(out);
    let started = Instant::now();
    let mut read = 0usize;
    for entry in std::fs::read_dir(content).unwrap() {
        read += std::fs::read(entry.unwrap().path()).unwrap().len();
    }
    std::fs::create_dir_all(out).unwrap();
    let each = (bytes / files.max(1) as u64) as usize;
    let page = vec![b'x'; each];
    for i in 0..files {
        let dir = out.join(format!("{i}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), &page).unwrap();
    }
    std::hint::black_box(read);
    started.elapsed()
}

/// The normalizer over the whole loaded corpus: all cores (as a build runs it) and one core.
fn normalizer(book: &Path, bytes: u64) {
    for (label, threads) in [("all cores", 0), ("one core", 1)] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut loaded = folio::build::Book::load(book).expect("corpus loads");
        let started = Instant::now();
        pool.install(|| loaded.normalize().expect("normalizes"));
        let time = started.elapsed();
        let edits: usize = loaded.edits.iter().map(|e| e.len()).sum();
        println!(
            "  normalizer ({label}): {:.1} MB/s ({edits} edits)",
            bytes as f64 / 1e6 / time.as_secs_f64()
        );
    }
}

/// The first Markdown article of the corpus, in name order.
fn first_markdown(content: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files.remove(0)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn count(dir: &Path, ext: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == ext))
        })
        .count()
}

/// Prints the largest HTML page of the site in `public`, and the largest page listing articles.
fn largest_pages(public: &Path) {
    let (mut largest, mut largest_list) = ((String::new(), 0u64), (String::new(), 0u64));
    let (mut pages, mut lists) = (0usize, 0usize);
    let mut stack = vec![public.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "html") {
                continue;
            }
            let rel = path
                .strip_prefix(public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let len = std::fs::metadata(&path).unwrap().len();
            pages += 1;
            if len > largest.1 {
                largest = (rel.clone(), len);
            }
            let first = rel.split('/').next().unwrap_or("");
            if rel == "index.html" || matches!(first, "page" | "tags" | "archive") {
                lists += 1;
                if len > largest_list.1 {
                    largest_list = (rel, len);
                }
            }
        }
    }
    println!(
        "  largest HTML page of {pages}: {} ({:.1} KB); largest of {lists} listing pages: {} ({:.1} KB)",
        largest.0,
        largest.1 as f64 / 1e3,
        largest_list.0,
        largest_list.1 as f64 / 1e3
    );
}

fn tree_size(dir: &Path) -> (usize, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files += 1;
                bytes += std::fs::metadata(&path).unwrap().len();
            }
        }
    }
    (files, bytes)
}
