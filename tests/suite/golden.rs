//! Expected output trees: a fixture book's `expected/` folder holds every file its build writes,
//! compared file by file with a readable diff. An EPUB is compared by its entries
//! (`book.epub/OEBPS/content.opf`, …), so a change shows as a text diff, not as a changed zip.
//! The output marker (`.folio-output`) holds the binary's own hash and is left out.
//!
//! Re-bless every tree with `FOLIO_BLESS=1 cargo test golden`: the `expected/` folders are
//! rewritten (stale files removed) and `git diff` shows what changed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::support::{TestBook, fixture, repo, tree};

/// Every file of `public/`, EPUBs opened into their entries.
fn output_tree(public: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for (rel, bytes) in tree(public) {
        if rel == folio::incremental::OUTPUT_MARKER {
            continue;
        }
        if rel.ends_with(".epub") {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("EPUB is a zip");
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                entry.read_to_end(&mut data).unwrap();
                out.insert(format!("{rel}/{}", entry.name()), data);
            }
        } else {
            out.insert(rel, bytes);
        }
    }
    out
}

/// Compares `actual` with the files under `expected`, reporting every missing, extra and
/// differing file (differing text as a unified diff); with `FOLIO_BLESS=1` rewrites `expected`.
pub fn assert_tree(expected: &Path, actual: &BTreeMap<String, Vec<u8>>) {
    if std::env::var_os("FOLIO_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(expected);
        for (rel, bytes) in actual {
            let path = expected.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        return;
    }
    let problems = tree_differences(expected, actual);
    assert!(
        problems.is_empty(),
        "the output differs from {} in {} place(s):\n\n{}\n\nIf the change is intended, re-bless with `FOLIO_BLESS=1 cargo test golden` and review `git diff`.",
        expected.strip_prefix(repo()).unwrap_or(expected).display(),
        problems.len(),
        problems.join("\n\n")
    );
}

/// Every difference between the files under `expected` and `actual`, readable.
fn tree_differences(expected: &Path, actual: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let wanted = if expected.is_dir() {
        tree(expected)
    } else {
        BTreeMap::new()
    };
    let mut problems = Vec::new();
    for rel in wanted.keys().filter(|k| !actual.contains_key(*k)) {
        problems.push(format!("missing from the output: {rel}"));
    }
    for rel in actual.keys().filter(|k| !wanted.contains_key(*k)) {
        problems.push(format!("not expected: {rel}"));
    }
    for (rel, want) in &wanted {
        let Some(got) = actual.get(rel) else { continue };
        if want == got {
            continue;
        }
        match (std::str::from_utf8(want), std::str::from_utf8(got)) {
            (Ok(want), Ok(got)) => {
                let diff = similar::TextDiff::from_lines(want, got);
                let text = diff
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("expected/{rel}"), &format!("output/{rel}"))
                    .to_string();
                let lines: Vec<&str> = text.lines().collect();
                let cut = lines.len().min(60);
                let more = lines.len() - cut;
                let tail = if more > 0 {
                    format!("\n… {more} more diff lines")
                } else {
                    String::new()
                };
                problems.push(format!("{}{tail}", lines[..cut].join("\n")));
            }
            _ => problems.push(format!(
                "{rel}: binary file differs ({} bytes expected, {} written)",
                want.len(),
                got.len()
            )),
        }
    }
    problems
}

/// Builds `book` and compares its whole output with `expected`.
fn check_book(book: TestBook, expected: &Path) {
    book.build();
    assert_tree(expected, &output_tree(&book.path().join("public")));
}

#[test]
fn golden_bundled_book() {
    check_book(TestBook::bundled(), &fixture("bundled").join("expected"));
}

#[test]
fn golden_site_fixture() {
    check_book(
        TestBook::copy_of(&fixture("site")),
        &fixture("site").join("expected"),
    );
}

#[test]
fn golden_epub_features_fixture() {
    check_book(
        TestBook::copy_of(&fixture("epub_features")),
        &fixture("epub_features").join("expected"),
    );
}

/// Articles written for Zola and Hugo: their front matter keys, times with zones, a draft left
/// out, aliases written as redirect pages.
#[test]
fn golden_zola_hugo_fixture() {
    check_book(
        TestBook::copy_of(&fixture("zola_hugo")),
        &fixture("zola_hugo").join("expected"),
    );
}

#[test]
fn a_changed_page_shows_as_a_diff_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let expected = dir.path().join("expected");
    std::fs::create_dir_all(expected.join("a")).unwrap();
    std::fs::write(expected.join("a/index.html"), "one\ntwo\nthree\n").unwrap();
    std::fs::write(expected.join("same.txt"), "z").unwrap();
    std::fs::write(expected.join("gone.txt"), "x").unwrap();
    let actual = BTreeMap::from([
        ("a/index.html".to_string(), b"one\nTWO\nthree\n".to_vec()),
        ("same.txt".to_string(), b"z".to_vec()),
        ("new.txt".to_string(), b"y".to_vec()),
    ]);
    let problems = tree_differences(&expected, &actual);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert_eq!(problems[0], "missing from the output: gone.txt");
    assert_eq!(problems[1], "not expected: new.txt");
    assert!(
        problems[2].contains("--- expected/a/index.html"),
        "{}",
        problems[2]
    );
    assert!(problems[2].contains("-two\n+TWO"), "{}", problems[2]);
}
