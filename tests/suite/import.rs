//! `folio import` on the two real scrapes: the JSON structure, and `--out` Markdown that builds
//! to the same article as the scrape.

use super::support::{TestBook, folio, main_of, repo, seed};
use serde_json::Value;

fn import_json(file: &str) -> Value {
    let run = folio(&repo(), &["import", seed(file).to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("import --json prints JSON")
}

#[test]
fn machine_translated_scrape_imports_with_captions_references_and_no_residue() {
    let v = import_json("004_611866cacb151b58.txt");
    let title = v["title"].as_str().unwrap();
    assert_eq!(
        title,
        "The history of Huawei and byte going to sea: a history of struggle with the political circle of the United States"
    );
    let blocks = v["blocks"].as_array().unwrap();
    assert!(
        blocks
            .iter()
            .all(|b| b["text"].as_str().unwrap().trim() != title),
        "the duplicated title line is dropped"
    );
    let captions: Vec<&str> = blocks
        .iter()
        .filter(|b| b["kind"] == "caption")
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        captions,
        [
            "Ren Zhengfei",
            "Zhang Yiming",
            "Huawei overseas branch",
            "Video capture of tiktok, President of France"
        ]
    );
    assert!(
        blocks
            .iter()
            .any(|b| b["kind"] == "paragraph" && b["text"] == "But honeymoons dont last.")
    );
    let numbers: Vec<u64> = v["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4, 6, 7, 8]);
    for b in blocks {
        let text = b["text"].as_str().unwrap();
        for residue in [
            "(function",
            "slotbydup",
            "Picture source",
            "editor in charge",
            "Source:",
        ] {
            assert!(
                !text.contains(residue),
                "residue {residue:?} left in block: {text}"
            );
        }
    }
    let meta = &v["metadata"];
    assert_eq!(meta["image_credit"], "visual China");
    assert_eq!(meta["source"], "Houchang 108");
    assert!(meta["editor"].as_str().unwrap().starts_with("Dai Lili"));
    assert!(!v["removed"].as_array().unwrap().is_empty());
    assert_eq!(v["comments"].as_array().unwrap().len(), 0);
}

#[test]
fn memo_scrape_imports_its_full_comment_tree() {
    let v = import_json("000_d38183c82872033f.txt");
    assert_eq!(
        v["title"],
        "Leaked Huawei memo reveals plan for global software domination"
    );
    // Walk the tree: (author, depth, date, staff)
    let mut seen = Vec::new();
    let mut stack: Vec<(&Value, usize)> = v["comments"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|c| (c, 0))
        .collect();
    while let Some((c, depth)) = stack.pop() {
        seen.push((
            c["author"].as_str().unwrap().to_string(),
            depth,
            c["date"].as_str().unwrap().to_string(),
            c["staff"].as_bool().unwrap(),
            c["number"].as_u64(),
        ));
        for r in c["replies"].as_array().unwrap().iter().rev() {
            stack.push((r, depth + 1));
        }
    }
    let depths: Vec<usize> = seen.iter().map(|s| s.1).collect();
    assert_eq!(depths, [0, 1, 0, 0, 1, 2, 3, 0, 0, 0]);
    let numbers: Vec<Option<u64>> = seen.iter().map(|s| s.4).collect();
    assert_eq!(
        numbers,
        [
            Some(1),
            None,
            Some(2),
            Some(3),
            None,
            None,
            None,
            Some(4),
            Some(5),
            Some(6)
        ]
    );
    assert_eq!(seen[6].0, "Scott Bicheno");
    assert!(seen[6].3, "Scott Bicheno's reply is staff");
    assert_eq!(seen.iter().filter(|s| s.3).count(), 1);
    assert_eq!(seen[8].0, "José Luis Suarez");
    assert_eq!(seen[1].2, "2021-05-26T01:31:00");
    let first = &v["comments"][0];
    assert_eq!(
        first["body"].as_str().unwrap().split("\n\n").count(),
        3,
        "happiman's first comment has three paragraphs"
    );
    assert!(first["body"].as_str().unwrap().starts_with(
        "I truly believe that China will dominate the world since they have the best programmers.\nState sponsored hacking group"
    ));
}

#[test]
fn imported_markdown_builds_to_the_same_article() {
    let scraped = TestBook::bundled();
    scraped.build();
    let curated = TestBook::bundled();
    for file in ["000_d38183c82872033f.txt", "004_611866cacb151b58.txt"] {
        let src = curated.path().join("content").join(file);
        let run = curated.run(&["import", src.to_str().unwrap(), "--out", "content"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        std::fs::remove_file(&src).unwrap();
        // Importing again would overwrite: refused without --force.
    }
    curated.build();
    for slug in [
        "huawei-memo-software-domination",
        "huawei-and-bytedance-go-global",
    ] {
        let a = scraped.read(&format!("public/{slug}/index.html"));
        let b = curated.read(&format!("public/{slug}/index.html"));
        assert_eq!(
            main_of(&a),
            main_of(&b),
            "{slug} renders differently once curated"
        );
    }
    let md = curated.read("content/huawei-memo-software-domination.md");
    assert!(md.starts_with("---\ntitle: Leaked Huawei memo"));
    let again = curated.run(&[
        "import",
        repo()
            .join("content/000_d38183c82872033f.txt")
            .to_str()
            .unwrap(),
        "--out",
        "content",
    ]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists; pass --force"));
}

#[test]
fn importer_copes_with_crlf_bom_and_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(seed("000_d38183c82872033f.txt")).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    std::fs::write(dir.path().join("a.txt"), crlf).unwrap();
    let run = folio(dir.path(), &["import", "a.txt", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["title"],
        "Leaked Huawei memo reveals plan for global software domination"
    );
    assert_eq!(v["comments"].as_array().unwrap().len(), 6);
    let missing = folio(dir.path(), &["import", "nope.txt"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.starts_with("error: nope.txt: "),
        "{}",
        missing.stderr
    );
}

/// `folio import FILE --json` on a text-copy fixture (`fixtures/text-threads/`).
fn text_thread_json(name: &str) -> Value {
    let file = super::support::fixture("text-threads").join(name);
    let run = folio(&repo(), &["import", file.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("import --json prints JSON")
}

/// Comments in reading order as (depth, author, date, date_text, body).
fn thread_rows(v: &Value) -> Vec<(usize, String, Value, Value, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, &Value)> = v["comments"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|c| (0, c))
        .collect();
    while let Some((depth, c)) = stack.pop() {
        out.push((
            depth,
            c["author"].as_str().unwrap().to_string(),
            c["date"].clone(),
            c.get("date_text").cloned().unwrap_or(Value::Null),
            c["body"].as_str().unwrap().to_string(),
        ));
        for r in c["replies"].as_array().unwrap().iter().rev() {
            stack.push((depth + 1, r));
        }
    }
    out
}

#[test]
fn text_copies_of_wordpress_disqus_and_forum_threads_import_as_comments() {
    let s = |t: &str| Value::String(t.to_string());
    let row = |d: usize, a: &str, date: Value, text: Value, body: &str| {
        (d, a.to_string(), date, text, body.to_string())
    };

    let wp = text_thread_json("wordpress.txt");
    assert_eq!(wp["blocks"].as_array().unwrap().len(), 2, "{wp:#}");
    assert_eq!(
        thread_rows(&wp),
        [
            row(
                0,
                "Jane Doe",
                s("2018-09-13T17:23:00"),
                Value::Null,
                "Great post. I agree with most of it.\n\nThe part about caching was new to me."
            ),
            row(
                1,
                "John Smith",
                s("2018-09-13T18:01:00"),
                Value::Null,
                "Thanks! The caching section took the longest to write."
            ),
            row(
                2,
                "Wei Zhang",
                s("2018-09-14T09:15:00"),
                Value::Null,
                "@John Smith did you measure the cold-cache case too?"
            ),
            row(
                0,
                "Priya N.",
                s("2018-09-15T11:02:00"),
                Value::Null,
                "How large is the farm?"
            ),
        ]
    );
    let reasons: Vec<&str> = wp["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    for reason in [
        "comment section heading",
        "comment header",
        "comment controls",
        "reply marker",
    ] {
        assert!(reasons.contains(&reason), "{reason}: {reasons:?}");
    }

    let disqus = text_thread_json("disqus.txt");
    assert_eq!(
        thread_rows(&disqus),
        [
            row(
                0,
                "Maria Rossi",
                Value::Null,
                s("3 years ago"),
                "Finally. I have been waiting for this since I was a student."
            ),
            row(
                1,
                "Tom Becker",
                Value::Null,
                s("3 years ago"),
                "@Maria Rossi you will be a grandmother by the time it opens."
            ),
            row(
                0,
                "Lena K",
                Value::Null,
                s("a year ago"),
                "Who pays for the second section?"
            ),
        ]
    );

    let forum = text_thread_json("forum.txt");
    assert_eq!(
        thread_rows(&forum),
        [
            row(
                0,
                "kat_w",
                Value::Null,
                s("211 days ago"),
                "Same here. Rolling back to 2.3 fixed it for me."
            ),
            row(
                0,
                "netguy",
                Value::Null,
                s("210 days ago"),
                "Did the rollback keep your settings?"
            ),
            row(
                1,
                "kat_w",
                Value::Null,
                s("210 days ago"),
                "@netguy yes, everything stayed."
            ),
        ]
    );
}

#[test]
fn a_built_text_copy_shows_its_thread_with_relative_times_marked_approximate() {
    let book = TestBook::copy_of(&super::support::fixture("site"));
    let dir = super::support::fixture("text-threads");
    let disqus = std::fs::read_to_string(dir.join("disqus.txt")).unwrap();
    // The scrape's date is known for this copy: its relative times count back from it.
    book.write(
        "content/tram.txt",
        format!("---\nslug: tram\ndate: 2021-05-20\nmeta:\n  scraped: 2021-06-01\n---\n{disqus}")
            .as_bytes(),
    );
    // This one has none: the times stay as written.
    book.write(
        "content/wifi.txt",
        std::fs::read(dir.join("forum.txt")).unwrap().as_slice(),
    );
    book.write(
        "content/rust.txt",
        std::fs::read(dir.join("wordpress.txt")).unwrap().as_slice(),
    );
    book.build();

    let tram = book.read("public/tram/index.html");
    let main = main_of(&tram);
    assert_eq!(
        super::support::count(main, "<article class=\"comment "),
        3,
        "{main}"
    );
    assert!(
        main.contains("<time datetime=\"2018\" class=\"approximate\" title=\"The page said “3 years ago”, counted back from when the page was copied\">about 2018 (3 years before the scrape)</time>"),
        "{main}"
    );
    assert!(
        main.contains("about 2020 (1 year before the scrape)"),
        "{main}"
    );
    assert!(
        main.contains("in reply to <a href=\"#comment-1\">Maria Rossi</a>"),
        "{main}"
    );
    assert!(
        !main.contains("Sort by Best") && !main.contains("△"),
        "{main}"
    );

    let wifi = book.read("public/wifi/index.html");
    let main = main_of(&wifi);
    assert_eq!(
        super::support::count(main, "<article class=\"comment "),
        3,
        "{main}"
    );
    assert!(
        main.contains("<span class=\"date approximate\" title=\"The page said “211 days ago”; when the page was copied is not recorded\">about 211 days before the scrape</span>"),
        "{main}"
    );
    // Both are drawn apart from exact dates, in the site and the EPUB.
    for css in [
        book.read("public/static/style.css"),
        std::fs::read_to_string(super::support::repo().join("themes/default/epub/style.css"))
            .unwrap(),
    ] {
        let rule = css
            .lines()
            .find(|l| l.starts_with(".approximate {"))
            .unwrap_or_else(|| panic!("no .approximate rule in\n{css}"));
        assert!(rule.contains("dotted"), "{rule}");
    }

    let rust = book.read("public/rust/index.html");
    let main = main_of(&rust);
    assert_eq!(
        super::support::count(main, "<article class=\"comment "),
        4,
        "{main}"
    );
    assert!(
        main.contains("<time datetime=\"2018-09-13T17:23:00\">13 September 2018, 5:23 pm</time>"),
        "{main}"
    );
    assert!(
        main.contains("in reply to <a href=\"#comment-1-1\">John Smith</a>"),
        "{main}"
    );
}

fn html_fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/html").join(name)
}

#[test]
fn a_saved_wordpress_page_imports_with_its_thread_and_metadata_sources() {
    let page = html_fixture("wordpress-thread.html");
    let run = folio(&repo(), &["import", page.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("import --json prints JSON");
    assert_eq!(v["title"], "Why the chip ban hurts both sides");
    assert_eq!(
        v["sources"]["published"],
        "<meta property=article:published_time>"
    );
    assert_eq!(v["metadata"]["published"], "2018-09-12T08:30:00+08:00");
    let comments = v["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["id"], "1041");
    assert_eq!(comments[0]["replies"][0]["staff"], true);
    assert_eq!(comments[0]["replies"][0]["author"], "Lin Wei");
    let body = serde_json::to_string(&v["blocks"]).unwrap();
    assert!(
        !body.contains("Both sides lose"),
        "a comment in the body: {body}"
    );
}

#[test]
fn saved_pages_in_content_build_and_import_out_writes_markdown_that_builds() {
    let book = TestBook::bundled();
    let news = std::fs::read(html_fixture("news-metadata.html")).unwrap();
    book.write("content/huawei-os.html", &news);
    let wp = std::fs::read(html_fixture("wordpress-thread.html")).unwrap();
    book.write("content/chip-ban.htm", &wp);
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = book.read("public/huawei-os/index.html");
    assert!(page.contains("Huawei unveils its own operating system"));
    assert!(page.contains("https://news.example/img/launch.jpg"));
    assert!(page.contains("Photo: Visual China"));
    assert!(!page.contains("Related stories"));
    let thread = book.read("public/chip-ban/index.html");
    assert!(thread.contains("Except the lawyers."));
    assert!(thread.contains("comment-1042"));

    let out = TestBook::bundled();
    let src = html_fixture("news-metadata.html");
    let run = out.run(&["import", src.to_str().unwrap(), "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = out.read("content/news-metadata.md");
    assert!(
        md.contains("title: Huawei unveils its own operating system"),
        "{md}"
    );
    assert!(md.contains("2019-08-09T20:15:00+08:00"), "{md}");
    let run = out.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A full-page text copy written for the tests (`fixtures/page-copies/news.txt`): a news
/// site's menu, breadcrumbs, byline, dateline, share bar, related list and footer around the
/// article.
fn page_copy() -> std::path::PathBuf {
    repo().join("tests/fixtures/page-copies/news.txt")
}

#[test]
fn a_full_page_text_copy_imports_builds_and_curates_as_its_article() {
    let run = folio(
        &repo(),
        &["import", page_copy().to_str().unwrap(), "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).expect("import --json prints JSON");
    assert_eq!(
        v["title"],
        "Harbour city switches on its first tidal data centre"
    );
    assert_eq!(v["metadata"]["author"], "Mara Lindqvist; Tomas Reed");
    assert_eq!(v["metadata"]["published"], "2020-03-03T10:42:00-05:00");
    let reasons: Vec<&str> = v["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    for reason in [
        "navigation",
        "breadcrumbs",
        "byline",
        "dateline",
        "page footer",
        "copyright notice",
    ] {
        assert!(
            reasons.contains(&reason),
            "{reason} missing from {reasons:?}"
        );
    }

    let book = TestBook::bundled();
    book.write("content/tidal.txt", &std::fs::read(page_copy()).unwrap());
    let run = book.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = book.read("public/tidal/index.html");
    assert!(page.contains("Harbour city switches on its first tidal data centre"));
    assert!(page.contains("Mara Lindqvist"));
    assert!(page.contains("Critics say the turbines will disturb the seals"));
    for chrome in [
        "Skip to main content",
        "Share on Facebook",
        "Harbour Post Media",
        "42 comments",
    ] {
        assert!(!page.contains(chrome), "{chrome} left on the page");
    }

    let run = book.run(&["import", page_copy().to_str().unwrap(), "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = book.read("content/news.md");
    assert!(
        md.contains("title: Harbour city switches on its first tidal data centre"),
        "{md}"
    );
    assert!(md.contains("Mara Lindqvist"), "{md}");
    assert!(md.contains("2020-03-03"), "{md}");
    assert!(!md.contains("Skip to main content"), "{md}");
}
