//! Comment exports at site size: `cargo bench --bench exports`.
//!
//! Generates a Disqus export and a WordPress export of 100,000 comments each
//! (`FOLIO_BENCH_COMMENTS`), 1,000 threads of 100, five levels deep, in shuffled file order,
//! with 2% spam and 1% deleted or unapproved. Then:
//!
//! 1. **Peak memory**, of the release `folio import FILE` (the child's `ru_maxrss`), for each
//!    export as it is and for a *padded* copy: the same comments with 2 KB more per comment
//!    that the importer reads and drops (a `<script>` in each message, long ignored fields).
//!    A streaming importer keeps only compact per-comment records, so the padded file, several
//!    times the bytes, must not cost more memory; one that held the document (a DOM) would
//!    grow with it. The figures are printed with the bytes kept per comment.
//! 2. **Time**, with criterion: `read_export` in-process on each unpadded export.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use criterion::Criterion;
use folio::import::export::{Include, read_export};

/// A small deterministic generator (no clock, no randomness source): the same files every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const THREAD_SIZE: usize = 100;
const WORDS: &[&str] = &[
    "harbour",
    "tide",
    "ferry",
    "pier",
    "office",
    "tables",
    "morning",
    "season",
    "boats",
    "weather",
    "card",
    "timetable",
    "again",
    "never",
    "always",
    "thanks",
    "question",
    "answer",
];

/// One comment per entry: (thread, parent index within the thread or none, minute).
fn plan(comments: usize) -> Vec<(usize, Option<usize>, usize)> {
    let mut rng = Lcg(7);
    let mut out = Vec::with_capacity(comments);
    for k in 0..comments {
        let thread = k / THREAD_SIZE;
        let i = k % THREAD_SIZE;
        // Chains of five levels: every fifth comment starts a new top-level one.
        let parent = if i % 5 == 0 { None } else { Some(k - 1) };
        out.push((thread, parent, i + rng.below(3)));
    }
    out
}

fn message(rng: &mut Lcg, k: usize) -> String {
    let mut words = String::new();
    for _ in 0..40 {
        words.push_str(WORDS[rng.below(WORDS.len())]);
        words.push(' ');
    }
    format!(
        "<p>Comment {k}: {words}</p><p>A second paragraph &amp; a <a href=\"https://example.org/{k}\">link</a>,<br>with a break.</p>"
    )
}

/// The order comments are written in: shuffled, so replies often come before their parents.
fn order(n: usize) -> Vec<usize> {
    let mut rng = Lcg(11);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.below(i + 1));
    }
    order
}

fn disqus(path: &Path, comments: usize, pad: usize) -> u64 {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let plan = plan(comments);
    let threads = comments.div_ceil(THREAD_SIZE);
    let padding = "x".repeat(pad);
    writeln!(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<disqus xmlns=\"http://disqus.com\" xmlns:dsq=\"http://disqus.com/disqus-internals\">").unwrap();
    for t in 0..threads {
        writeln!(out, "  <thread dsq:id=\"{t}\">\n    <id>post-{t}</id>\n    <link>https://example.org/{t}/</link>\n    <title>Thread {t}</title>\n    <createdAt>2021-05-25T09:00:00Z</createdAt>\n  </thread>").unwrap();
    }
    let mut rng = Lcg(3);
    for k in order(comments) {
        let (thread, parent, minute) = plan[k];
        let parent = parent
            .map(|p| format!("\n    <parent dsq:id=\"{}\" />", 1_000_000 + p))
            .unwrap_or_default();
        let msg = message(&mut rng, k);
        let script = if pad > 0 {
            format!("<script>{padding}</script>")
        } else {
            String::new()
        };
        let ip = if pad > 0 {
            padding.as_str()
        } else {
            "192.0.2.1"
        };
        writeln!(
            out,
            "  <post dsq:id=\"{}\">\n    <id />\n    <message><![CDATA[{msg}{script}]]></message>\n    <createdAt>2021-05-25T{:02}:{:02}:00Z</createdAt>\n    <isDeleted>{}</isDeleted>\n    <isSpam>{}</isSpam>\n    <author>\n      <email>reader{k}@example.org</email>\n      <name>Reader {k}</name>\n      <isAnonymous>false</isAnonymous>\n    </author>\n    <ipAddress>{ip}</ipAddress>\n    <thread dsq:id=\"{thread}\" />{parent}\n  </post>",
            1_000_000 + k,
            10 + minute / 60,
            minute % 60,
            k % 100 == 1,
            k % 50 == 2,
        )
        .unwrap();
    }
    writeln!(out, "</disqus>").unwrap();
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn wxr(path: &Path, comments: usize, pad: usize) -> u64 {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let plan = plan(comments);
    let threads = comments.div_ceil(THREAD_SIZE);
    let padding = "x".repeat(pad);
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n  <title>Bench</title>\n  <wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login><wp:author_display_name>Ed</wp:author_display_name></wp:author>").unwrap();
    let mut rng = Lcg(5);
    // WordPress writes each post's comments inside its item: shuffled within the post.
    for t in 0..threads {
        writeln!(out, "  <item>\n    <title>Post {t}</title>\n    <link>https://example.org/{t}/</link>\n    <dc:creator>ed</dc:creator>\n    <content:encoded><![CDATA[Post {t}.\n\nSecond paragraph.]]></content:encoded>\n    <wp:post_date>2021-05-25 17:00:00</wp:post_date>\n    <wp:post_date_gmt>2021-05-25 09:00:00</wp:post_date_gmt>\n    <wp:post_name>post-{t}</wp:post_name>\n    <wp:status>publish</wp:status>\n    <wp:post_type>post</wp:post_type>").unwrap();
        let first = t * THREAD_SIZE;
        let last = ((t + 1) * THREAD_SIZE).min(comments);
        let mut ks: Vec<usize> = (first..last).collect();
        for i in (1..ks.len()).rev() {
            ks.swap(i, rng.below(i + 1));
        }
        for k in ks {
            let (_, parent, minute) = plan[k];
            let msg = message(&mut rng, k).replace("</p><p>", "\n\n");
            let approved = if k % 50 == 2 {
                "spam"
            } else if k % 100 == 1 {
                "0"
            } else {
                "1"
            };
            let script = if pad > 0 {
                format!("<script>{padding}</script>")
            } else {
                String::new()
            };
            let agent = if pad > 0 { padding.as_str() } else { "" };
            writeln!(
                out,
                "    <wp:comment>\n      <wp:comment_id>{k}</wp:comment_id>\n      <wp:comment_author><![CDATA[Reader {k}]]></wp:comment_author>\n      <wp:comment_author_email>reader{k}@example.org</wp:comment_author_email>\n      <wp:comment_agent><![CDATA[{agent}]]></wp:comment_agent>\n      <wp:comment_date>2021-05-25 {:02}:{:02}:00</wp:comment_date>\n      <wp:comment_date_gmt>2021-05-25 {:02}:{:02}:00</wp:comment_date_gmt>\n      <wp:comment_content><![CDATA[{msg}{script}]]></wp:comment_content>\n      <wp:comment_approved>{approved}</wp:comment_approved>\n      <wp:comment_type>comment</wp:comment_type>\n      <wp:comment_parent>{}</wp:comment_parent>\n      <wp:comment_user_id>{}</wp:comment_user_id>\n    </wp:comment>",
                18 + minute / 60,
                minute % 60,
                10 + minute / 60,
                minute % 60,
                parent.map_or(0, |p| p),
                u8::from(k % 10 == 3),
            )
            .unwrap();
        }
        writeln!(out, "  </item>").unwrap();
    }
    writeln!(out, "</channel>\n</rss>").unwrap();
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

/// Runs the release binary's `folio import FILE`; returns seconds and peak RSS in KiB.
fn import(file: &Path) -> (f64, u64) {
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("import")
        .arg(file)
        .current_dir(file.parent().unwrap())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("folio starts");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waiting on our own child with valid pointers to stack values.
    let r = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(r == child.id() as libc::pid_t, "wait4 failed");
    // Reaped by wait4 above; std must not wait on it again.
    std::mem::forget(child);
    assert!(status == 0, "folio import failed (status {status})");
    (started.elapsed().as_secs_f64(), usage.ru_maxrss as u64)
}

/// Peak RSS of `folio --version`: what the process costs before it reads anything.
fn idle_rss() -> u64 {
    let child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("folio starts");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    std::mem::forget(child);
    usage.ru_maxrss as u64
}

fn main() {
    let comments: usize = std::env::var("FOLIO_BENCH_COMMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("folio-bench-exports");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    println!("folio export import: {comments} comments, threads of {THREAD_SIZE}\n");
    let idle = idle_rss();
    println!(
        "process baseline (folio --version): {:.1} MB peak RSS\n",
        idle as f64 / 1024.0
    );
    println!(
        "{:<8} {:<7} {:>9} {:>8} {:>10} {:>11} {:>14}",
        "export", "padding", "XML MB", "kept", "time s", "peak MB", "kept B/comment"
    );
    let mut files = Vec::new();
    for (name, write) in [
        ("disqus", disqus as fn(&Path, usize, usize) -> u64),
        ("wxr", wxr),
    ] {
        let mut peaks = Vec::new();
        let mut sizes = Vec::new();
        for pad in [0usize, 2048] {
            let path = dir.join(format!("{name}-{pad}.xml"));
            let bytes = write(&path, comments, pad);
            let export = read_export(&path, &path, Include::default()).expect("export reads");
            let kept = export.report.comments;
            let text: usize = export
                .threads
                .iter()
                .flat_map(|t| &t.comments.comments)
                .map(|c| c.body.len() + c.author.len() + c.id.0.len())
                .sum();
            drop(export);
            let (time, rss) = import(&path);
            peaks.push(rss);
            sizes.push(bytes);
            println!(
                "{name:<8} {:<7} {:>9.1} {:>8} {:>10.2} {:>11.1} {:>14}",
                if pad == 0 { "none" } else { "2 KB" },
                bytes as f64 / 1e6,
                kept,
                time,
                rss as f64 / 1024.0,
                ((rss.saturating_sub(idle)) * 1024) as usize / kept.max(1),
            );
            println!(
                "{:<8} {:<7} {:>9} {:>8} {:>10} {:>11} {:>14}",
                "",
                "",
                "",
                "",
                "",
                "",
                format!("(text {})", text / kept.max(1))
            );
            if pad == 0 {
                files.push((name, path));
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
        let growth = peaks[1] as f64 / peaks[0] as f64;
        let bigger = sizes[1] as f64 / sizes[0] as f64;
        println!(
            "{name}: {bigger:.1}x the XML, {growth:.2}x the peak memory — {}\n",
            if growth < 1.25 {
                "bounded by the records kept, not the file"
            } else {
                "GROWS WITH THE FILE"
            }
        );
    }

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(20))
        .configure_from_args();
    for (name, path) in &files {
        c.bench_function(&format!("read_export {name} {comments} comments"), |b| {
            b.iter(|| {
                let e = read_export(path, path, Include::default()).expect("export reads");
                std::hint::black_box(e.report.comments)
            })
        });
    }
    c.final_summary();
}
