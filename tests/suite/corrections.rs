//! Front matter corrections to an import (`title:`, `import: {drop, keep}`), `folio import
//! --explain`, and whole folders imported with `folio import DIR --out DIR2`, on the fixtures
//! in `fixtures/corrections/` (written for these tests).

use std::path::Path;

use serde_json::Value;

use super::support::{TestBook, fixture, folio, folio_env, main_of, tree};

fn corrections(name: &str) -> std::path::PathBuf {
    fixture("corrections").join(name)
}

/// A temporary folder holding copies of the fixtures named, by their names.
fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (to, from) in files {
        let target = dir.path().join(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(corrections(from), target).unwrap();
    }
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn front_matter_corrections_fix_a_scrape_and_a_page_without_touching_their_text() {
    let dir = folder_with(&[("harbour.txt", "harbour.txt"), ("quay.html", "quay.html")]);
    let run = folio(
        dir.path(),
        &["import", "harbour.txt", "quay.html", "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let blocks = |a: &Value| -> Vec<(u64, String, String)> {
        a["blocks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["line"].as_u64().unwrap(),
                    b["kind"].as_str().unwrap().to_string(),
                    b["text"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let b = |line: u64, kind: &str, text: &str| (line, kind.to_string(), text.to_string());

    // The scrape: the front matter's title wins over the first line, which a `drop` by line
    // then removes; a kept share-widget line rejoins its paragraph; a dropped line splits the
    // paragraph it was in... here a paragraph of its own, so it is gone.
    let txt = &v[0];
    assert_eq!(txt["title"], "The harbour office reopens after a year");
    assert_eq!(txt["title_line"], 2);
    assert_eq!(
        blocks(txt),
        [
            b(
                14,
                "paragraph",
                "The harbour office opened again on Monday.\nIt had been shut for a year while the roof was mended.\nShare this: a letter from the harbour master\nThe tide tables are back on the wall by the door."
            ),
            b(
                21,
                "paragraph",
                "The queue on the first morning reached the fish market."
            ),
            b(23, "caption", "Harbour office"),
        ]
    );
    let removed: Vec<(u64, &str)> = txt["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(
        removed,
        [
            (12, "dropped by front matter"),
            (19, "dropped by front matter"),
            (25, "publisher stamp")
        ]
    );

    // The page: its front matter's title wins over og:title, a selector drops the promotion
    // before extraction, a text entry drops a block, a kept aside the extractor left out comes
    // back at its place, and every block keeps its line in the file.
    let html = &v[1];
    assert_eq!(html["title"], "The quay is open again");
    assert_eq!(html["sources"]["title"], "front matter");
    assert_eq!(html["metadata"]["published"], "2021-05-25T08:00:00+01:00");
    let lines: Vec<(u64, String)> = blocks(html)
        .into_iter()
        .map(|(l, _, t)| (l, t.chars().take(24).collect()))
        .collect();
    assert_eq!(
        lines,
        [
            (22, "The old quay opened agai".to_string()),
            (24, "The boats that moored at".to_string()),
            (26, "The quay is open from si".to_string()),
            (27, "Fishermen said the new s".to_string()),
        ]
    );
}

#[test]
fn corrected_files_build_like_the_markdown_import_writes_for_them() {
    let raw = TestBook::bundled();
    let curated = TestBook::bundled();
    for name in ["harbour.txt", "quay.html"] {
        let bytes = std::fs::read(corrections(name)).unwrap();
        raw.write(&format!("content/{name}"), &bytes);
        let run = curated.run(&[
            "import",
            corrections(name).to_str().unwrap(),
            "--out",
            "content",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    raw.build();
    curated.build();
    for slug in ["harbour", "quay"] {
        let a = raw.read(&format!("public/{slug}/index.html"));
        let b = curated.read(&format!("public/{slug}/index.html"));
        assert_eq!(main_of(&a), main_of(&b), "{slug} differs once imported");
    }
    let page = raw.read("public/quay/index.html");
    assert!(page.contains("The quay is open again"));
    assert!(page.contains("from six in the morning"));
    assert!(!page.contains("Subscribe to Harbour Notes"));
    assert!(!page.contains("The kiosk sells"));
    let md = curated.read("content/harbour.md");
    assert!(
        md.starts_with("---\ntitle: The harbour office reopens after a year\n"),
        "{md}"
    );
    assert!(!md.contains("import:"), "{md}");
    assert!(md.contains("site-residue: false"), "{md}");
}

#[test]
fn a_correction_that_matches_nothing_is_an_error_at_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "---\nimport:\n  drop:\n    - A line that is not there\n---\nHarbour office reopens\n\nThe office opened again.\n",
    );
    let run = folio(dir.path(), &["import", "a.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: a.txt:4:7: `import.drop` entry \"A line that is not there\" matches no line of the scrape
  4 |     - A line that is not there
    |       ^
  hint: an entry matches a line's whole text, {prefix: …} its start, {line: N} its number; `folio import FILE --explain` shows every line
"
    );
    write(
        dir.path(),
        "b.html",
        "---\nimport:\n  keep: [{selector: \"aside.hours\"}, {selector: \"div.gone\"}]\n---\n<html><body><article><p>The quay opened again on Monday after a year of repairs to its stones.</p><aside class=\"hours\"><p>Open from six.</p></aside></article></body></html>\n",
    );
    let run = folio(dir.path(), &["import", "b.html"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "error: b.html:3:37: `import.keep` entry {selector: \"div.gone\"} matches no element of the page
  3 |   keep: [{selector: \"aside.hours\"}, {selector: \"div.gone\"}]
    |                                     ^
  hint: a selector picks elements as a browser's CSS does; `folio import FILE --explain` names the page's parts with their classes
"
    );
    // A Markdown file has nothing to correct, and a build reports the same errors.
    write(
        dir.path(),
        "c.md",
        "---\ntitle: T\nimport: {drop: [x]}\n---\nBody.\n",
    );
    let run = folio(dir.path(), &["import", "c.md"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: c.md:3:9: `import:` corrects how a .txt scrape or a saved page is read"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_says_what_every_line_of_a_scrape_became_and_why() {
    let dir = folder_with(&[("harbour.txt", "harbour.txt")]);
    let run = folio(dir.path(), &["import", "harbour.txt", "--explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "harbour.txt: a raw scrape, titled “The harbour office reopens after a year” (from front matter)
    1 front matter lines 1–11
   12 dropped      Harbour office reopens  — dropped by front matter
   14 paragraph    The harbour office opened again on Monday.
   15 ⋮            It had been shut for a year while the roof was mended.
   16 ⋮            Share this: a letter from the harbour master  — kept by front matter
   17 ⋮            The tide tables are back on the wall by the door.
   19 dropped      Tickets for the ferry are sold at the same desk.  — dropped by front matter
   21 paragraph    The queue on the first morning reached the fish market.
   23 caption      Harbour office  — a short line of its own without closing punctuation
   25 metadata     Source: Harbour Notes editor in charge: Mira Okafor  — editor, source (publisher stamp)
"
    );
    // The same scrape without its corrections: what the importer decided alone.
    let text = std::fs::read_to_string(corrections("harbour.txt")).unwrap();
    let body = text.split("---\n").nth(2).unwrap();
    write(dir.path(), "plain.txt", body);
    let run = folio(dir.path(), &["import", "plain.txt", "--explain"]);
    assert_eq!(
        run.stdout,
        "plain.txt: a raw scrape, titled “Harbour office reopens” (from first line of the scrape)
    1 title        Harbour office reopens  — the first line with prose
    3 paragraph    The harbour office opened again on Monday.
    4 ⋮            It had been shut for a year while the roof was mended.
    5 ⋮            Share this: a letter from the harbour master  — without “Share this:” (share widget)
    6 ⋮            The tide tables are back on the wall by the door.
    8 paragraph    Tickets for the ferry are sold at the same desk.
   10 paragraph    The queue on the first morning reached the fish market.
   12 caption      Harbour office  — a short line of its own without closing punctuation
   14 metadata     Source: Harbour Notes editor in charge: Mira Okafor  — editor, source (publisher stamp)
"
    );
}

#[test]
fn explain_shows_a_page_s_metadata_sources_blocks_and_what_was_left_out() {
    let dir = folder_with(&[("quay.html", "quay.html")]);
    let run = folio(dir.path(), &["import", "quay.html", "--explain"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "quay.html: a saved page, titled “The quay is open again” (from front matter)
    1 front matter lines 1–9
metadata:
  title      The quay is open again  — front matter
  encoding   UTF-8  — <meta charset> utf-8
  language   en  — <html lang>
  published  2021-05-25T08:00:00+01:00  — <meta property=article:published_time>
page:
   19 left out     <nav.menu> Home News Tides  — left out by the extractor (navigation)
   21 left out     <h1> Quay reopens after repairs  — the page's headline, which is the title
   22 paragraph    The old quay opened again on Monday after a year in which it…
   23 dropped      Subscribe to Harbour Notes for more stories from the quay ev…  — dropped by front matter
   24 paragraph    The boats that moored at the ferry pier all winter came back…
   25 dropped      The kiosk sells tide tables.  — dropped by front matter
   26 paragraph    The quay is open from six in the morning to ten at night.  — kept by front matter
   27 paragraph    Fishermen said the new stones were smoother than the old one…
   29 left out     <footer> Copyright 2021 Harbour Notes. All rights reserved.  — left out by the extractor (page footer)
"
    );
    // Coloured like the rest of the command line when asked.
    let run = folio(
        dir.path(),
        &["import", "quay.html", "--explain", "--color", "always"],
    );
    assert!(run.stdout.contains("\x1b["), "{}", run.stdout);
}

/// An archive of three scrapes and pages in two folders, a hidden file, a file that is not an
/// article and a scrape that cannot be read.
fn archive() -> tempfile::TempDir {
    let dir = folder_with(&[
        ("archive/2021/harbour.txt", "harbour.txt"),
        ("archive/2021/pages/quay.html", "quay.html"),
    ]);
    let a = dir.path().join("archive");
    write(
        &a,
        "2022/ferry.txt",
        "The ferry timetable changes in May\n\nBoats will leave every forty minutes instead of every hour.\n",
    );
    write(&a, ".draft.txt", "A draft\n\nNot ready.\n");
    write(&a, "notes.md", "# Notes\n");
    write(
        &a,
        "2022/broken.txt",
        "  1. Avatar Ann 25/05/2021 @ 5:07 pm\nA comment and no article.\n",
    );
    dir
}

const SUMMARY: &str = "note: skipped archive/.draft.txt: hidden
Imported 3 of 4 files from archive → out
  articles                                     3
    titles from front matter                   2
    titles from first line of the scrape       1
  dates found                                  1
  comments                                     0
  lines dropped                                5
  warnings                                     0
  failed                                       1
  hidden files skipped                         1
  other files skipped                          1
error: archive/2022/broken.txt:1:3: expected the article's title, found a comment header
  1 |   1. Avatar Ann 25/05/2021 @ 5:07 pm
    |   ^
  hint: a scrape starts with its title line; the comments come after the body
";

#[test]
fn a_folder_imports_to_the_same_files_and_summary_whatever_the_threads() {
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let dir = archive();
        let run = folio_env(
            dir.path(),
            &["import", "archive", "--out", "out"],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert_eq!(run.code, 1, "a file failed: {}", run.stderr);
        assert_eq!(run.stderr, SUMMARY, "with {threads} threads");
        outputs.push(tree(&dir.path().join("out")));
    }
    let files: Vec<&String> = outputs[0].keys().collect();
    assert_eq!(
        files,
        ["2021/harbour.md", "2021/pages/quay.md", "2022/ferry.md"]
    );
    assert_eq!(outputs[0], outputs[1]);
    let harbour = String::from_utf8(outputs[0]["2021/harbour.md"].clone()).unwrap();
    assert!(
        harbour.starts_with("---\ntitle: The harbour office reopens after a year\n"),
        "{harbour}"
    );

    // --json with a folder prints the array, in walk order.
    let dir = archive();
    let run = folio(dir.path(), &["import", "archive", "--json", "-q"]);
    assert_eq!(run.code, 1);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "The harbour office reopens after a year",
            "The quay is open again",
            "The ferry timetable changes in May"
        ]
    );
}

#[test]
fn a_folder_import_never_overwrites_without_force_nor_writes_one_file_twice() {
    let dir = archive();
    std::fs::remove_file(dir.path().join("archive/2022/broken.txt")).unwrap();
    let first = folio(dir.path(), &["import", "archive", "--out", "out"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let ferry = dir.path().join("out/2022/ferry.md");
    std::fs::write(&ferry, "edited by hand\n").unwrap();
    let again = folio(dir.path(), &["import", "archive", "--out", "out"]);
    assert_eq!(again.code, 1);
    assert_eq!(
        again.stderr,
        "note: skipped archive/.draft.txt: hidden
error[1/3]: out/2021/harbour.md: already exists; pass --force to replace it
error[2/3]: out/2021/pages/quay.md: already exists; pass --force to replace it
error[3/3]: out/2022/ferry.md: already exists; pass --force to replace it
3 problems found
"
    );
    assert_eq!(std::fs::read_to_string(&ferry).unwrap(), "edited by hand\n");
    let forced = folio(
        dir.path(),
        &["import", "archive", "--out", "out", "--force"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        std::fs::read_to_string(&ferry)
            .unwrap()
            .starts_with("---\n")
    );

    // Two inputs with one slug in one folder: refused before anything is written.
    write(
        &dir.path().join("archive"),
        "2022/ferry.html",
        "<html><head><title>Ferry</title></head><body><p>The ferry leaves every forty minutes from the new pier.</p></body></html>",
    );
    let clash = folio(dir.path(), &["import", "archive", "--out", "fresh"]);
    assert_eq!(clash.code, 1);
    assert!(
        clash.stderr.contains(
            "error: fresh/2022/ferry.md: would be written from both archive/2022/ferry.html and archive/2022/ferry.txt; give one of them another `slug:` in its front matter"
        ),
        "{}",
        clash.stderr
    );
    assert!(!dir.path().join("fresh").exists());
}

/// A line the front matter keeps is kept by the build too: the normalizer's residue rules
/// leave it whole, without `normalize: {rules: {site-residue: false}}`.
#[test]
fn a_kept_line_survives_the_normalizer() {
    let book = TestBook::bundled();
    let text = std::fs::read_to_string(corrections("harbour.txt")).unwrap();
    let without_switch: String = text
        .lines()
        .filter(|l| !l.starts_with("normalize:") && !l.starts_with("# The build"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(without_switch, text);
    book.write("content/harbour.txt", without_switch.as_bytes());
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = book.read("public/harbour/index.html");
    assert!(
        main_of(&page).contains("Share this: a letter from the harbour master"),
        "{}",
        main_of(&page)
    );

    // Imported to Markdown, the kept line has nothing left to say it was kept: the file turns
    // the residue rules off for itself, and builds the same page.
    let curated = TestBook::bundled();
    let scrape = curated.path().join("harbour.txt");
    std::fs::write(&scrape, &without_switch).unwrap();
    let run = curated.run(&["import", scrape.to_str().unwrap(), "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::remove_file(&scrape).unwrap();
    let md = curated.read("content/harbour.md");
    assert!(md.contains("site-residue: false"), "{md}");
    assert!(md.contains("stray-markup: false"), "{md}");
    curated.build();
    let other = curated.read("public/harbour/index.html");
    assert_eq!(main_of(&other), main_of(&page));
}
