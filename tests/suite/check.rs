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
        ("warning", "glossary-case", "content/links.md", 13, 37),
        ("warning", "no-date", "content/undated.md", 2, 1),
        // The book's glossary serves articles to come: a variant none needs yet is a note.
        ("note", "glossary-unused", "book.yaml", 6, 28),
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
        human.stderr.contains(
            "note[5/5] glossary-unused: book.yaml:6:28: glossary variant `tik tok` (of `TikTok`) matches nothing in any article"
        ),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.ends_with("2 errors, 2 warnings, 1 note\n"),
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
        run.stderr.ends_with("0 errors, 2 warnings, 1 note\n"),
        "{}",
        run.stderr
    );
    let strict = book.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1);
    assert!(
        strict
            .stderr
            .ends_with("0 errors, 2 warnings, 1 note (--strict: warnings count as errors)\n"),
        "{}",
        strict.stderr
    );
}

#[test]
fn strict_passes_with_only_notes_left() {
    let book = TestBook::copy_of(&fixture("check_findings"));
    // Repair the links, date the undated article and confirm the re-cased name: what is
    // left is the book glossary's variant no article needs yet, a note.
    let text = book.read("content/links.md");
    book.write(
        "content/links.md",
        text.replace("../missing/index.html", "../undated/index.html")
            .replace("#comment-99", "#comment-1")
            .replace("Wechat", "WeChat")
            .as_bytes(),
    );
    let undated = book.read("content/undated.md");
    book.write(
        "content/undated.md",
        undated
            .replacen("---\n", "---\ndate: 2021-05-25\n", 1)
            .as_bytes(),
    );
    let strict = book.run(&["check", "--strict"]);
    assert_eq!(strict.code, 0, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .starts_with("note[1/1] glossary-unused: book.yaml:6:28: "),
        "{}",
        strict.stderr
    );
    assert!(
        strict.stderr.ends_with("0 errors, 0 warnings, 1 note\n"),
        "{}",
        strict.stderr
    );
    let json = book.run(&["check", "--strict", "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        findings.as_array().map(Vec::len),
        Some(1),
        "{}",
        json.stdout
    );
    assert_eq!(findings[0]["severity"], "note");
    assert_eq!(findings[0]["code"], "glossary-unused");
}

#[test]
fn an_article_glossary_variant_the_article_lacks_is_still_a_warning() {
    let book = TestBook::copy_of(&fixture("check_findings"));
    let undated = book.read("content/undated.md");
    book.write(
        "content/undated.md",
        undated
            .replacen(
                "---\n",
                "---\nglossary: {entries: [{term: Huawei, variants: [hauwei]}]}\n",
                1,
            )
            .as_bytes(),
    );
    let run = book.run(&["check", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unused: Vec<(&str, &str)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "glossary-unused")
        .map(|f| (f["severity"].as_str().unwrap(), f["path"].as_str().unwrap()))
        .collect();
    assert_eq!(
        unused,
        [("warning", "content/undated.md"), ("note", "book.yaml")],
        "{}",
        run.stdout
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

/// What a translation left behind: untranslated Chinese, full-width punctuation and a doubled
/// paragraph are warnings at their line and column, in the JSON output too; `--strict` fails.
#[test]
fn translation_leftovers_are_warnings_where_they_stand() {
    let book = TestBook::bundled();
    book.write(
        "content/leftovers.md",
        "---\ntitle: Leftovers\ndate: 2021-05-25\nlanguage: en\ntranslated_from: zh\n---\n\
The operator said the new route would open in the spring, its chief told reporters.\n\n\
Shares of the company（字节跳动）rose on Monday in Hong Kong trading.\n\n\
The operator said the new route would open in the spring, its chief told reporters.\n"
            .as_bytes(),
    );
    let run = book.run(&["check", "--strict", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON findings");
    let got: Vec<(String, String, u64, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("mt-"))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["col"].as_u64().unwrap(),
            )
        })
        .collect();
    // In the order of the report: by place.
    let want = [
        ("mt-fullwidth", 9, 22),
        ("mt-cjk", 9, 23),
        ("mt-fullwidth", 9, 27),
        ("mt-duplicate", 11, 1),
    ];
    let want: Vec<(String, String, u64, u64)> = want
        .iter()
        .map(|(c, l, col)| (c.to_string(), "content/leftovers.md".to_string(), *l, *col))
        .collect();
    assert_eq!(got, want, "{}", run.stdout);
    assert!(
        run.stdout.contains("“字节跳动” is left untranslated"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("repeats line 7 word for word"),
        "{}",
        run.stdout
    );
}

/// Sentences the normalizer left glued, and one name spelled two ways across the book, are
/// notes at their line and column (they may be names and house styles): `--strict` passes.
#[test]
fn glued_sentences_and_names_spelled_two_ways_are_notes() {
    let book = TestBook::bundled();
    book.write(
        "content/glued.md",
        "---\ntitle: Glued\ndate: 2021-05-25\nlanguage: en\n---\n\
Users of TikTok complained about the update.WeChat later rolled it back.\n\n\
The Tik Tok office said so.\n"
            .as_bytes(),
    );
    let run = book.run(&["check", "--strict", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON findings");
    let got: Vec<(String, String, String, u64, u64)> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| matches!(f["code"].as_str(), Some("mt-fused" | "mt-spelling")))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["col"].as_u64().unwrap(),
            )
        })
        .collect();
    let path = "content/glued.md".to_string();
    assert_eq!(
        got,
        [
            ("mt-fused".into(), "note".into(), path.clone(), 6, 38),
            ("mt-spelling".into(), "note".into(), path, 8, 5),
        ],
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("`Tik Tok` (1×) and `TikTok` ("),
        "{}",
        run.stdout
    );
}
