//! `folio normalize` through the binary: the issue's own examples, content files with front
//! matter, and the native-English sample left alone.

use super::support::{TestBook, folio, repo, seed};
use std::io::Write;
use std::process::{Command, Stdio};

fn stdin_normalize(dir: &std::path::Path, input: &str, extra: &[&str]) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("normalize")
        .arg("--stdin")
        .args(extra)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn stdin_examples() {
    let book = TestBook::bundled();
    let fixed = stdin_normalize(
        book.path(),
        "Huaweis share of the worlds largest market cant grow.\n",
        &[],
    );
    assert_eq!(
        fixed,
        "Huawei’s share of the world’s largest market can’t grow.\n"
    );
    let straight = stdin_normalize(
        book.path(),
        "Huaweis share of the worlds largest market cant grow.\n",
        &["--no-typography"],
    );
    assert_eq!(
        straight,
        "Huawei's share of the world's largest market can't grow.\n"
    );
    let same = "The bytes of memory in its own Windows build.\n";
    assert_eq!(stdin_normalize(book.path(), same, &[]), same);
}

#[test]
fn stdin_residue_takes_only_its_own_line() {
    let book = TestBook::bundled();
    let out = stdin_normalize(
        book.path(),
        "Title\n\nPicture source: AP\nLast line stays.\n\nSource: Xinhua\nThe story goes on.\n",
        &[],
    );
    assert_eq!(out, "Title\n\nLast line stays.\n\nThe story goes on.\n");
}

#[test]
fn seed_diff_names_the_rules_and_leaves_no_known_defects() {
    let book = TestBook::bundled();
    let file = seed("004_611866cacb151b58.txt");
    let diff = folio(
        book.path(),
        &["normalize", file.to_str().unwrap(), "--diff"],
    );
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    for rule in [
        "missing-apostrophe",
        "unicode-escape",
        "glossary",
        "duplicate-title",
        "site-residue",
        "spacing",
    ] {
        assert!(diff.stdout.contains(rule), "no {rule} edit in the diff");
    }
    let clean = folio(book.path(), &["normalize", file.to_str().unwrap()]).stdout;
    for defect in [
        "Huaweis",
        "Chinas",
        "cant ",
        "dont ",
        "worlds largest",
        "u2014",
        "tiktok",
        "pompeio",
        "byte beat",
        "byte skipping",
        "Byte hop",
        "byte jump",
        "US $",
    ] {
        assert!(!clean.contains(defect), "{defect:?} left in the clean text");
    }
}

#[test]
fn content_files_keep_their_front_matter_and_write_only_when_asked() {
    let book = TestBook::bundled();
    let rel = "content/004_611866cacb151b58.txt";
    let before = book.read(rel);
    let out = book.run(&["normalize", rel]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("---\nslug: huawei-and-bytedance-go-global\n")
    );
    assert!(out.stdout.contains("ByteDance going to sea"));
    assert_eq!(book.read(rel), before, "nothing is written without --write");
    let written = book.run(&["normalize", "--write", rel]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let after = book.read(rel);
    assert_ne!(after, before);
    assert!(after.starts_with(&before[..before.find("\n---\n").unwrap()]));
    // The rewritten file still builds, and a second pass finds nothing left to do.
    book.build();
    let again = book.run(&["normalize", rel, "--json"]);
    let log: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(
        log[0]["edits"].as_array().unwrap().len(),
        0,
        "{}",
        again.stdout
    );
}

#[test]
fn the_native_english_sample_is_untouched() {
    let diff = folio(
        &repo(),
        &[
            "normalize",
            "--no-typography",
            "content/000_d38183c82872033f.txt",
            "--diff",
        ],
    );
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    assert_eq!(diff.stdout, "");
}

/// Rewriting a raw scrape keeps the heading of its comment section (`Comments (4)`): the
/// importer reads the thread by it, and a counter alone on its line is residue elsewhere.
#[test]
fn writing_a_scrape_keeps_the_heading_its_comment_thread_is_read_by() {
    let book = TestBook::bundled();
    let thread =
        std::fs::read_to_string(repo().join("tests/fixtures/text-threads/wordpress.txt")).unwrap();
    let heading = thread
        .lines()
        .find(|l| l.starts_with("4 thoughts on"))
        .unwrap();
    let scrape = thread.replace(heading, "Comments (4)");
    book.write("content/thread.txt", scrape.as_bytes());
    let comments = |book: &TestBook| {
        let run = book.run(&["import", "content/thread.txt", "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        v["comments"].as_array().unwrap().len()
    };
    let before = comments(&book);
    assert!(before > 0);
    let written = book.run(&["normalize", "--write", "content/thread.txt"]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    assert!(book.read("content/thread.txt").contains("\nComments (4)\n"));
    assert_eq!(comments(&book), before);
}
