//! Hostile and broken input. Each folder under `tests/fixtures/hostile/` is a book, or the
//! `recipe` for one (huge inputs are generated here, never committed), with its expected
//! outcome in `expected`:
//!
//! ```text
//! # a comment
//! exit 1                                   the exit code (0 or 1; never a signal)
//! stderr content/a.md:3:7: some words       stderr contains this text
//! contains public/a/index.html some text    the file contains this text
//! lacks public/a/index.html some text       the file does not contain it
//! epub-xml public/book.epub                 every XHTML file in the EPUB is well-formed XML
//! check 0                                   then `folio check` exits with this code
//! ```
//!
//! Whatever the case, the real binary runs on a copy of the book and must: end within
//! [`TIME_LIMIT`] with exit code 0 or 1, never panic or overflow its stack, and change no
//! file outside the output folder — neither in the book nor in the folder beside it that
//! symbolic links point to. A failed build must leave the previous output (planted before
//! the run) exactly as it was and no staging folder behind.
//!
//! Recipe lines (`#` comments allowed):
//!
//! ```text
//! markdown PATH BYTES                   a Markdown article of exactly BYTES bytes
//! scrape-lines PATH LINES               a raw scrape of exactly LINES lines
//! scrape-thread-deep PATH DEPTH         a scrape whose comment thread is DEPTH levels deep
//! scrape-comments PATH COUNT            a scrape with COUNT top-level comments
//! front-matter-thread-deep PATH DEPTH   front matter replies nested DEPTH levels (flow style)
//! raw-html-nested PATH DEPTH            a Markdown article with DEPTH nested <div>s
//! symlink LINK TARGET                   a symbolic link; TARGET `outside/…` is a file or
//!                                       folder (ending in `/`) created beside the book
//! ```

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use super::support::{copy_dir, fixture};

/// No case may run longer: a hang is a failure, not a stuck test run.
const TIME_LIMIT: Duration = Duration::from_secs(300);

/// Planted in the output folder before a run; a failed build must leave it alone.
const PREVIOUS: &str = "previous-build.txt";

macro_rules! hostile_cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[test]
            fn $case() {
                run_case(stringify!($case));
            }
        )*

        /// Every fixture folder has a test above, and every test a fixture.
        #[test]
        fn every_hostile_fixture_has_a_test() {
            let listed: Vec<&str> = vec![$(stringify!($case)),*];
            let mut found: Vec<String> = std::fs::read_dir(fixture("hostile"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            found.sort();
            let mut listed_sorted = listed.clone();
            listed_sorted.sort();
            assert_eq!(found, listed_sorted);
        }
    };
}

hostile_cases!(
    article_50_mb,
    article_100000_lines,
    comments_100000,
    thread_10000_deep,
    thread_10000_deep_in_front_matter,
    raw_html_nested_100000,
    utf16_with_bom,
    yaml_alias_bomb,
    glossary_metacharacter_soup,
    symlink_to_a_file_outside,
    symlink_to_a_folder_outside,
    symlink_loop,
    symlink_inside_the_book,
    symlinked_content_dir,
    symlinked_output_dir,
    symlinked_theme_template,
    template_loops_forever,
    template_recurses_forever,
    template_recursion_fans_out,
    template_writes_forever,
    template_include_cycle,
    template_syntax_error,
);

/// One check of an `expected` file.
enum Expectation {
    Exit(i32),
    Stderr(String),
    Contains(String, String),
    Lacks(String, String),
    EpubXml(String),
    FolioCheck(i32),
}

fn parse_expected(text: &str) -> Vec<Expectation> {
    let mut checks = Vec::new();
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let path_and_text = || {
            let (path, text) = rest.split_once(' ').expect("a path and a text");
            (path.to_string(), text.to_string())
        };
        checks.push(match word {
            "exit" => Expectation::Exit(rest.parse().expect("an exit code")),
            "stderr" => Expectation::Stderr(rest.to_string()),
            "contains" => {
                let (p, t) = path_and_text();
                Expectation::Contains(p, t)
            }
            "lacks" => {
                let (p, t) = path_and_text();
                Expectation::Lacks(p, t)
            }
            "epub-xml" => Expectation::EpubXml(rest.to_string()),
            "check" => Expectation::FolioCheck(rest.parse().expect("an exit code")),
            other => panic!("unknown check `{other}` in: {line}"),
        });
    }
    assert!(
        checks.iter().any(|c| matches!(c, Expectation::Exit(_))),
        "`expected` must give the exit code"
    );
    checks
}

fn run_case(name: &str) {
    let case = fixture("hostile").join(name);
    let expected = std::fs::read_to_string(case.join("expected"))
        .unwrap_or_else(|e| panic!("{name}: no `expected` file: {e}"));
    let checks = parse_expected(&expected);

    // tmp/book is the book; tmp/outside is where links out of the book lead.
    let tmp = tempfile::tempdir().unwrap();
    let book = tmp.path().join("book");
    let outside = tmp.path().join("outside");
    copy_dir(&case, &book);
    std::fs::create_dir_all(&outside).unwrap();
    for file in ["expected", "recipe"] {
        let _ = std::fs::remove_file(book.join(file));
    }
    if let Ok(recipe) = std::fs::read_to_string(case.join("recipe")) {
        for line in recipe.lines().map(str::trim) {
            if !line.is_empty() && !line.starts_with('#') {
                generate(&book, &outside, line);
            }
        }
    }
    let public = book.join("public");
    let planted = std::fs::symlink_metadata(&public).is_err();
    if planted {
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join(".folio-output"), "").unwrap();
        std::fs::write(public.join(PREVIOUS), "the previous build").unwrap();
    }
    let before = snapshot(tmp.path(), &public);

    let (code, stderr) = run_folio(&book, name, "build");
    let mut failures = Vec::new();
    for check in &checks {
        match check {
            Expectation::Exit(want) if code != *want => {
                failures.push(format!("exit code {code}, want {want}"));
            }
            Expectation::Stderr(text) if !stderr.contains(text.as_str()) => {
                failures.push(format!("stderr lacks {text:?}"));
            }
            Expectation::Contains(path, text) if !read(&book, path).contains(text.as_str()) => {
                failures.push(format!("{path} lacks {text:?}"));
            }
            Expectation::Lacks(path, text) if read(&book, path).contains(text.as_str()) => {
                failures.push(format!("{path} contains {text:?}"));
            }
            Expectation::EpubXml(path) => {
                if let Err(e) = check_epub_xml(&book.join(path)) {
                    failures.push(e);
                }
            }
            Expectation::FolioCheck(want) => {
                let (code, stderr) = run_folio(&book, name, "check");
                if code != *want {
                    failures.push(format!(
                        "folio check: exit code {code}, want {want}\n{stderr}"
                    ));
                }
            }
            _ => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{name}:\n  {}\n--- stderr\n{stderr}",
        failures.join("\n  ")
    );

    // Nothing outside the output folder changed, nothing was left behind.
    let after = snapshot(tmp.path(), &public);
    let changed: Vec<&String> = before
        .iter()
        .filter(|(path, meta)| after.get(*path) != Some(meta))
        .map(|(path, _)| path)
        .chain(after.keys().filter(|path| !before.contains_key(*path)))
        .collect();
    assert!(
        changed.is_empty(),
        "{name}: files outside the output folder changed: {changed:?}"
    );
    if code != 0 && planted {
        assert_eq!(
            std::fs::read_to_string(public.join(PREVIOUS))
                .ok()
                .as_deref(),
            Some("the previous build"),
            "{name}: the failed build touched the previous output"
        );
        assert_eq!(
            std::fs::read_dir(&public).unwrap().count(),
            2,
            "{name}: the failed build wrote into the previous output"
        );
    }
}

/// Runs `folio COMMAND` in `book`, killing it after [`TIME_LIMIT`]. Returns the exit code and
/// stderr; a signal (a stack overflow aborts), a panic or a stack overflow fails the test.
fn run_folio(book: &Path, name: &str, command: &str) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg(command)
        .current_dir(book)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the folio binary runs");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name}: folio still running after {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap();
    let code = status
        .code()
        .unwrap_or_else(|| panic!("{name}: folio was killed by a signal ({status})\n{stderr}"));
    assert!(code == 0 || code == 1, "{name}: exit code {code}\n{stderr}");
    assert!(
        code == 0 || stderr.contains("error"),
        "{name}: folio {command} failed without saying why"
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("overflow"),
        "{name}: folio {command} panicked or overflowed:\n{stderr}"
    );
    (code, stderr)
}

fn read(book: &Path, rel: &str) -> String {
    let path = book.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every entry under `dir` except inside `output` (links not followed), with its size and
/// modification time.
fn snapshot(dir: &Path, output: &Path) -> BTreeMap<String, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path == output {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(dir).unwrap().display().to_string();
            if meta.is_dir() {
                stack.push(path);
            }
            let modified = (!meta.is_dir()).then(|| meta.modified().ok()).flatten();
            out.insert(rel, (if meta.is_dir() { 0 } else { meta.len() }, modified));
        }
    }
    out
}

/// Every `.xhtml` entry of the EPUB parses as XML.
fn check_epub_xml(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("{}: not a zip: {e}", path.display()))?;
    let mut parsed = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if !file.name().ends_with(".xhtml") {
            continue;
        }
        let name = file.name().to_string();
        let mut text = String::new();
        file.read_to_string(&mut text)
            .map_err(|e| format!("{name}: {e}"))?;
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        roxmltree::Document::parse_with_options(&text, options)
            .map_err(|e| format!("{name} is not well-formed XML: {e}"))?;
        parsed += 1;
    }
    if parsed == 0 {
        return Err(format!("{}: no XHTML files", path.display()));
    }
    Ok(())
}

/// Carries out one recipe line.
fn generate(book: &Path, outside: &Path, line: &str) {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (verb, path, arg) = match words.as_slice() {
        [verb, path, arg] => (*verb, *path, *arg),
        _ => panic!("a recipe line is VERB PATH ARG: {line}"),
    };
    if verb == "symlink" {
        symlink(book, outside, path, arg);
        return;
    }
    let n: usize = arg
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {line}"));
    let text = match verb {
        "markdown" => markdown_of_size(n),
        "scrape-lines" => scrape_of_lines(n),
        "scrape-thread-deep" => scrape_with_deep_thread(n),
        "scrape-comments" => scrape_with_comments(n),
        "front-matter-thread-deep" => {
            let open = "[{author: a, replies: ".repeat(n);
            let close = "}]".repeat(n);
            format!("---\ntitle: Deep\ncomments: {open}[]{close}\n---\nBody.\n")
        }
        "raw-html-nested" => format!(
            "---\ntitle: Nested\n---\nBefore.\n\n{}x{}\n",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
        other => panic!("unknown recipe verb `{other}`"),
    };
    let target = book.join(path);
    std::fs::create_dir_all(target.parent().unwrap()).unwrap();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&target).unwrap());
    file.write_all(text.as_bytes()).unwrap();
    file.flush().unwrap();
}

#[cfg(unix)]
fn symlink(book: &Path, outside: &Path, link: &str, target: &str) {
    let target_path = match target.strip_prefix("outside/") {
        Some(rel) => {
            let real = outside.join(rel);
            if target.ends_with('/') {
                std::fs::create_dir_all(&real).unwrap();
                std::fs::write(
                    real.join("secret.md"),
                    "---\ntitle: Secret\n---\nA file outside the book.\n",
                )
                .unwrap();
            } else {
                std::fs::create_dir_all(real.parent().unwrap()).unwrap();
                std::fs::write(&real, "---\ntitle: Secret\n---\nA file outside the book.\n")
                    .unwrap();
            }
            real
        }
        None => PathBuf::from(target),
    };
    let link = book.join(link);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target_path, link).unwrap();
}

#[cfg(not(unix))]
fn symlink(_: &Path, _: &Path, _: &str, _: &str) {
    panic!("the symbolic link cases need a Unix file system");
}

/// Prose in which every tenth paragraph has the defects the normalizer repairs, a link, a
/// URL and an emphasis, then a last line the test can look for.
fn markdown_of_size(bytes: usize) -> String {
    const HEAD: &str = "---\ntitle: A very long article\ndate: 2024-01-01\n---\n";
    const CLEAN: &str = "The committee met on Tuesday to review the findings of the report, which ran to several hundred pages and covered the *whole* market.\n\n";
    const DIRTY: &str = "Huaweis share of the worlds largest market cant grow -- or so the memo said... See https://example.com/a?b=c and [the report](https://example.org/r).\n\n";
    const END: &str = "The last paragraph of the article.\n";
    let unit = format!("{}{DIRTY}", CLEAN.repeat(9));
    let room = bytes - HEAD.len() - END.len();
    let mut text = String::with_capacity(bytes);
    text.push_str(HEAD);
    text.push_str(&unit.repeat(room / unit.len()));
    text.push_str(&"\n".repeat(room % unit.len()));
    text.push_str(END);
    assert_eq!(text.len(), bytes);
    text
}

/// A title, then paragraphs of four lines (lines within a paragraph are hard breaks), then a
/// last line the test can look for; exactly `lines` lines.
fn scrape_of_lines(lines: usize) -> String {
    let mut text = String::from("A hundred thousand lines\n");
    for i in 1..lines - 1 {
        if i % 5 == 0 {
            text.push('\n');
        } else {
            text.push_str(&format!(
                "Line {i} of the article, with nothing wrong in it.\n"
            ));
        }
    }
    text.push_str("The very last line.\n");
    assert_eq!(text.lines().count(), lines);
    text
}

/// One comment, each reply indented one column deeper than its parent: a thread `depth`
/// levels deep. Bodies stay at a fixed indent, which is enough to belong to the comment.
fn scrape_with_deep_thread(depth: usize) -> String {
    let mut text = String::from("A deep thread\n\nThe article.\n\n");
    text.push_str("  1. Avatar a0 25/05/2021 @ 5:07 pm\n    Comment at depth 0.\n");
    for d in 1..depth {
        text.push_str(&" ".repeat(2 + d));
        text.push_str(&format!(
            "• Avatar a{d} 25/05/2021 @ 5:07 pm\n    Comment at depth {d}.\n"
        ));
    }
    text
}

fn scrape_with_comments(count: usize) -> String {
    let mut text = String::from("Many comments\n\nThe article.\n\n");
    for i in 1..=count {
        text.push_str(&format!(
            "  {i}. Avatar user{i} 25/05/2021 @ 5:07 pm\n    Comment number {i}.\n"
        ));
    }
    text
}

/// Payloads in every field a user writes (book.yaml, front matter, Markdown, a raw scrape,
/// the glossary) must come out as text or not at all, in every output: each HTML page, the
/// feed, the sitemap, the search index, and every XHTML, package and navigation file of the
/// EPUB. "Inert" is checked on the markup itself — no script, iframe, object or embed
/// element, no event-handler attribute, no `javascript:` link — and each payload that is
/// not dropped must show as text, so a field that vanished cannot pass unnoticed.
#[test]
fn xss_payloads_render_inert_in_every_output() {
    let book = super::support::TestBook::copy_of(&fixture("xss"));
    book.build();
    let public = book.path().join("public");
    let files = super::support::tree(&public);
    // (file, text with the escaped characters decoded) for the "shows as text" checks.
    let mut shown: Vec<(String, String)> = Vec::new();
    let mut epubs = 0;
    for (name, bytes) in &files {
        if name.ends_with(".html") {
            let html = std::str::from_utf8(bytes).unwrap();
            assert_inert_html(name, html);
            shown.push((name.clone(), decode_entities(html)));
        } else if name.ends_with(".xml") {
            let text = std::str::from_utf8(bytes).unwrap();
            shown.push((name.clone(), assert_inert_xml(name, text, false)));
        } else if name == "search-index.js" {
            let js = std::str::from_utf8(bytes).unwrap();
            let json = js
                .trim_end()
                .strip_prefix("window.folioSearchIndex = ")
                .and_then(|j| j.strip_suffix(";"))
                .unwrap_or_else(|| panic!("search-index.js has the documented shape: {js}"));
            let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
            shown.push((name.clone(), value.to_string()));
        } else if name.ends_with(".epub") {
            epubs += 1;
            let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
            for i in 0..archive.len() {
                let mut entry = archive.by_index(i).unwrap();
                let entry_name = format!("{name}:{}", entry.name());
                let markup = [".xhtml", ".opf", ".ncx", ".xml", ".svg"]
                    .iter()
                    .any(|ext| entry_name.ends_with(ext));
                if !markup {
                    continue;
                }
                let mut text = String::new();
                entry.read_to_string(&mut text).unwrap();
                let svg_allowed = entry_name.contains("cover");
                shown.push((
                    entry_name.clone(),
                    assert_inert_xml(&entry_name, &text, svg_allowed),
                ));
            }
        }
    }
    assert_eq!(epubs, 1);

    // Where each payload must show as text (markers are the words inside `alert(…)`).
    let expectations: &[(&str, &[&str])] = &[
        // book.yaml
        (
            "index.html",
            &[
                "book",
                "subtitle",
                "publisher",
                "title",
                "4",
                "11",
                "glossary",
            ],
        ),
        (
            "atom.xml",
            &["book", "editor", "subtitle", "tag", "title", "3"],
        ),
        // front matter and Markdown of content/xss.md
        (
            "xss/index.html",
            &[
                "title",
                "2",
                "3",
                "4",
                "tag",
                "meta key",
                "meta value",
                "reference",
                "annotator",
                "note",
                "5",
                "6",
                "7",
                "8",
                "9",
                "10",
                "11",
                "16",
                "glossary",
                "heading",
                "list",
                "code",
                "link title",
            ],
        ),
        // the raw scrape content/scrape.txt
        (
            "scrape/index.html",
            &[
                "scrape title",
                "scrape body",
                "caption",
                "source",
                "scrape reference",
                "scrape author",
                "scrape comment",
            ],
        ),
        ("tags/index.html", &["tag"]),
        (
            "search-index.js",
            &["title", "6", "7", "9", "10", "caption", "scrape author"],
        ),
        // the EPUB: chapters, title page, package, navigation, cover
        (
            ":OEBPS/article-xss.xhtml",
            &[
                "title",
                "2",
                "3",
                "4",
                "meta key",
                "meta value",
                "reference",
                "annotator",
                "note",
                "5",
                "6",
                "7",
                "8",
                "9",
                "10",
                "11",
                "16",
                "glossary",
                "heading",
                "list",
                "code",
                "link title",
            ],
        ),
        (
            ":OEBPS/article-scrape.xhtml",
            &[
                "scrape title",
                "scrape body",
                "caption",
                "source",
                "scrape reference",
                "scrape author",
                "scrape comment",
            ],
        ),
        (
            ":OEBPS/title.xhtml",
            &["book", "subtitle", "editor", "publisher"],
        ),
        (
            ":OEBPS/content.opf",
            &["book", "editor", "publisher", "tag", "title", "1"],
        ),
        (":OEBPS/nav.xhtml", &["title", "scrape title"]),
        (":OEBPS/toc.ncx", &["title", "scrape title"]),
        (":OEBPS/images/cover.svg", &["book", "subtitle", "editor"]),
    ];
    let mut missing = Vec::new();
    for (file, markers) in expectations {
        let found: Vec<&(String, String)> = shown
            .iter()
            .filter(|(name, _)| name == file || (file.starts_with(':') && name.ends_with(file)))
            .collect();
        assert_eq!(found.len(), 1, "{file}: not in the output");
        for marker in *markers {
            let quotes = [("'", "'"), ("‘", "’"), ("\"", "\""), ("“", "”"), ("", "")];
            let seen = quotes.iter().any(|(open, close)| {
                found[0]
                    .1
                    .contains(&format!("alert({open}{marker}{close})"))
            });
            if !seen {
                missing.push(format!("{file}: alert({marker}) does not show"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Every real tag of an HTML page (escaped text has no `<`) is free of scripts, frames,
/// SVG, event handlers and `javascript:` URLs.
fn assert_inert_html(name: &str, html: &str) {
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let lower = tag.to_ascii_lowercase();
        // The site's own scripts, loaded from its own files, are the only script elements.
        let own_script = lower
            .strip_prefix("script src=\"")
            .map(|src| src.trim_start_matches("../"))
            .is_some_and(|src| {
                ["search-index.js\" defer", "static/search.js\" defer"].contains(&src)
            });
        for element in ["script", "svg", "iframe", "object", "embed"] {
            assert!(
                !lower.starts_with(element) || own_script,
                "{name}: a {element} element got through: <{tag}>"
            );
        }
        assert!(
            !lower.contains("javascript:"),
            "{name}: a javascript: URL got through: <{tag}>"
        );
        // Attribute names only: drop quoted values, which are escaped data.
        let mut names = String::new();
        let mut quoted = false;
        for c in lower.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if !quoted {
                names.push(c);
            }
        }
        for attr in names.split_whitespace().skip(1) {
            assert!(
                !attr.starts_with("on"),
                "{name}: an event handler got through: <{tag}>"
            );
        }
    }
}

/// An XML output parses, and holds no script, frame or (outside the cover) SVG element, no
/// event-handler attribute and no `javascript:` URL. Returns its text and attribute values,
/// for the "shows as text" checks.
fn assert_inert_xml(name: &str, text: &str, svg_allowed: bool) -> String {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
    let mut shown = String::new();
    for node in doc.descendants() {
        if let Some(t) = node.text().filter(|_| node.is_text()) {
            shown.push_str(t);
            shown.push('\n');
        }
        if !node.is_element() {
            continue;
        }
        let element = node.tag_name().name().to_ascii_lowercase();
        let forbidden = ["script", "iframe", "object", "embed"].contains(&element.as_str())
            || (element == "svg" && !svg_allowed);
        assert!(!forbidden, "{name}: a <{element}> element got through");
        for attr in node.attributes() {
            let key = attr.name().to_ascii_lowercase();
            let value = attr.value().trim().to_ascii_lowercase();
            assert!(
                !key.starts_with("on"),
                "{name}: an event handler got through: {key}"
            );
            assert!(
                !value.starts_with("javascript:"),
                "{name}: a javascript: URL got through: {key}={value}"
            );
            shown.push_str(attr.value());
            shown.push('\n');
        }
    }
    shown
}

/// The characters the renderers escape, decoded: what a reader sees as text.
fn decode_entities(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}
