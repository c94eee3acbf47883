//! `folio check`: a clean bundled book passes `--strict`; a book with broken links, an unused
//! glossary variant, a re-capitalised name and an undated article gets exactly those findings,
//! located where they are written, in human and JSON form.

use super::support::{TestBook, fixture};

#[test]
fn bundled_book_passes_strict_check_and_writes_nothing() {
    let book = TestBook::bundled();
    let run = book.run(&["check", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(!book.path().join("public").exists(), "check wrote output");
}

#[test]
fn findings_name_the_place_and_the_link() {
    let book = TestBook::copy_of(&fixture("check_findings"));
    let run = book.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON findings");
    let got: Vec<(String, String, String, u64, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["code"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["col"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [
        ("error", "broken-link", "content/links.md", 10, 50),
        ("error", "missing-anchor", "content/links.md", 11, 18),
        ("warning", "glossary-unused", "book.yaml", 6, 28),
        ("warning", "glossary-case", "content/links.md", 13, 37),
        ("warning", "no-date", "content/undated.md", 2, 1),
    ];
    let want: Vec<(String, String, String, u64, u64)> = want
        .iter()
        .map(|(s, c, p, l, col)| (s.to_string(), c.to_string(), p.to_string(), *l, *col))
        .collect();
    assert_eq!(got, want, "{}", run.stdout);
    assert!(run.stdout.contains(
        "link to `../missing/index.html` does not resolve: the site has no missing/index.html (on the page links/index.html)"
    ));
    assert!(run.stdout.contains("`Wechat` was changed to `WeChat`"));

    let human = book.run(&["check"]);
    assert_eq!(human.code, 1);
    assert!(human.stderr.contains(
        "error[1/5] broken-link: content/links.md:10:50: link to `../missing/index.html` does not resolve"
    ), "{}", human.stderr);
    assert!(human.stderr.contains("  10 | A [working anchor](#comment-1), a [missing page](../missing/index.html) and a\n     |                                                  ^\n"));
    assert!(
        human.stderr.ends_with("2 errors, 3 warnings\n"),
        "{}",
        human.stderr
    );
    assert!(!book.path().join("public").exists(), "check wrote output");
}

#[test]
fn warnings_fail_only_with_strict() {
    let book = TestBook::copy_of(&fixture("check_findings"));
    // Repair the two links: only warnings are left.
    let text = book.read("content/links.md");
    book.write(
        "content/links.md",
        text.replace("../missing/index.html", "../undated/index.html")
            .replace("#comment-99", "#comment-1")
            .as_bytes(),
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.ends_with("0 errors, 3 warnings\n"),
        "{}",
        run.stderr
    );
    let strict = book.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict
            .stderr
            .ends_with("0 errors, 3 warnings (--strict: warnings count as errors)\n")
    );
}

#[test]
fn a_book_that_does_not_load_is_reported_as_findings() {
    let book = TestBook::copy_of(&fixture("invalid/bad_date"));
    let _ = std::fs::remove_file(book.path().join("expected.txt"));
    let run = book.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let first = &findings[0];
    assert_eq!(first["code"], "build");
    assert_eq!(first["severity"], "error");
    assert!(first["line"].as_u64().is_some(), "{first}");
}

#[test]
fn findings_print_terminal_escapes_as_replacement_characters() {
    // A glossary variant that matches nothing is quoted in its finding; one written with YAML
    // escapes must not recolour or retitle the terminal that prints it.
    let book = TestBook::copy_of(&fixture("theme_override"));
    book.write(
        "book.yaml",
        b"title: Escapes\nnormalize:\n  glossary:\n    entries:\n      - term: Name\n        variants: [\"\\e]0;pwned\\a\\e[31mred\"]\n",
    );
    let run = book.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("glossary variant `\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[31mred`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'));
}
