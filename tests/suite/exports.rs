//! Comment exports through the real binary: `folio import` on a WordPress (WXR) and a Disqus
//! export (JSON shape, summary, `--out`), and `comments_from:` attaching a Disqus export at
//! build time (page, EPUB, warnings, check, incremental builds). The fixtures in
//! `fixtures/exports/` were written for these tests: a five-level thread in shuffled file
//! order, spam, trash, unapproved, deleted, pingback and trackback entries, a reply by the
//! post's author, a page, a draft and an attachment that are not articles.

use super::support::{TestBook, count, fixture, folio};
use serde_json::{Value, json};
use std::io::Read;

fn export(name: &str) -> String {
    fixture("exports").join(name).to_string_lossy().into_owned()
}

fn import_json(file: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let run = folio(dir.path(), &["import", &export(file), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("import --json prints JSON")
}

/// (author, depth, staff, date) of every comment, in reading order.
fn walk(comments: &Value) -> Vec<(String, usize, bool, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<(&Value, usize)> = comments
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|c| (c, 0))
        .collect();
    while let Some((c, depth)) = stack.pop() {
        out.push((
            c["author"].as_str().unwrap().to_string(),
            depth,
            c["staff"].as_bool().unwrap(),
            c["date"].as_str().unwrap_or("").to_string(),
        ));
        for r in c["replies"].as_array().unwrap().iter().rev() {
            stack.push((r, depth + 1));
        }
    }
    out
}

fn rows(rows: &[(&str, usize, bool, &str)]) -> Vec<(String, usize, bool, String)> {
    rows.iter()
        .map(|&(a, d, s, t)| (a.to_string(), d, s, t.to_string()))
        .collect()
}

#[test]
fn wordpress_export_imports_every_comment_in_its_place() {
    let v = import_json("site.xml");
    let posts = v.as_array().expect("an export prints an array");
    assert_eq!(
        posts.len(),
        2,
        "the page, draft, attachment and menu item are not articles"
    );
    let tide = &posts[0];
    assert_eq!(tide["url"], "https://harbour.example/2021/05/tide-tables/");
    assert_eq!(tide["title"], "Tide tables return to the harbour office");
    assert_eq!(tide["date"], "2021-05-25T17:07:00+08:00");
    assert_eq!(tide["authors"], json!(["Mira Okafor"]));
    assert_eq!(tide["tags"], json!(["Harbour", "tides"]));
    assert_eq!(
        walk(&tide["comments"]),
        rows(&[
            ("Ana", 0, false, "2021-05-25T18:00:00+08:00"),
            ("Chen", 1, false, "2021-05-25T18:30:00+08:00"),
            ("Ben", 1, false, "2021-05-25T19:00:00+08:00"),
            ("Mira Okafor", 2, true, "2021-05-25T19:30:00+08:00"),
            ("Ana", 3, false, "2021-05-25T20:00:00+08:00"),
            ("Zoë", 4, false, "2021-05-25T21:00:00+08:00"),
            ("Ødegaard", 0, false, "2021-05-26T08:00:00+08:00"),
            ("Ines", 1, false, "2021-05-26T09:00:00+08:00"),
            (
                "<img src=x onerror=alert('wxr author')>",
                1,
                false,
                "2021-05-26T09:00:00+08:00"
            ),
            ("Pat", 0, false, "2021-05-26T12:00:00+08:00"),
        ])
    );
    let text = serde_json::to_string(&tide["comments"]).unwrap();
    for dropped in [
        "Cheap Watches",
        "Deleted Dan",
        "Waiting Wes",
        "Tide Blog",
        "Sail News",
        "alert('wxr comment')",
        "javascript:",
    ] {
        assert!(!text.contains(dropped), "{dropped} is in the thread");
    }
    let pingbacks: Vec<(&str, &str)> = tide["pingbacks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap(), p["author"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pingbacks,
        [("pingback", "Tide Blog"), ("trackback", "Sail News")]
    );
    assert_eq!(
        tide["pingbacks"][1]["url"],
        Value::Null,
        "a javascript: URL is not kept"
    );

    // The second post, whole: the JSON shape, exactly.
    let mut ferry = posts[1].clone();
    ferry.as_object_mut().unwrap().shift_remove("content");
    assert_eq!(
        ferry,
        json!({
            "url": "https://harbour.example/2021/05/ferry/",
            "title": "Ferry timetable & piers",
            "slug": "ferry-timetable",
            "type": "post",
            "status": "publish",
            "authors": ["Mira Okafor"],
            "date": "2021-05-27T08:00:00+08:00",
            "tags": ["Harbour", "ferry"],
            "site": "Harbour Notes",
            "line": 331,
            "comments": [{
                "id": "wp-30", "author": "Reader Rae", "staff": false,
                "date": "2021-05-27T09:00:00+08:00", "body": "Which pier?", "line": 376,
                "replies": [{
                    "id": "wp-31", "author": "Tomás Ruiz", "staff": false,
                    "date": "2021-05-27T10:00:00+08:00",
                    "body": "An editor, but not this post's author.", "line": 358,
                    "replies": [{
                        "id": "wp-32", "author": "Mira Okafor", "staff": true,
                        "date": "2021-05-27T11:00:00+08:00",
                        "body": "Pier 4, from next week.", "line": 394,
                        "replies": []
                    }]
                }]
            }],
            "pingbacks": []
        })
    );
}

#[test]
fn disqus_export_imports_every_comment_in_its_place() {
    let v = import_json("disqus.xml");
    let threads = v.as_array().expect("an export prints an array");
    let heads: Vec<(&str, &str)> = threads
        .iter()
        .map(|t| (t["title"].as_str().unwrap(), t["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        heads,
        [
            (
                "Tide tables return to the harbour office",
                "http://www.harbour.example/2021/05/tide-tables?utm_source=feed#comments"
            ),
            ("A page that is gone", "https://harbour.example/lost-page/"),
            ("Ferry timetable", "https://harbour.example/2021/05/ferry/"),
        ]
    );
    assert_eq!(
        walk(&threads[0]["comments"]),
        rows(&[
            ("Nadia", 0, false, "2021-05-25T09:00:00Z"),
            ("Anonymous", 1, false, "2021-05-25T09:30:00Z"),
            ("Kai", 0, false, "2021-05-25T10:00:00Z"),
            ("Léa", 1, false, "2021-05-25T11:00:00Z"),
            ("Guest Walker", 2, false, "2021-05-25T12:00:00Z"),
            ("Kai", 3, false, "2021-05-25T13:00:00Z"),
            ("Mo", 4, false, "2021-05-25T14:00:00Z"),
            ("Pat", 0, false, "2021-05-25T15:00:00Z"),
            (
                "<script>alert('disqus author')</script>",
                0,
                false,
                "2021-05-25T16:00:00Z"
            ),
        ])
    );
    let first = &threads[0]["comments"][1];
    assert_eq!(
        first["body"], "First!\n\nSecond paragraph,\nwith a break.",
        "the message's HTML becomes paragraphs and line breaks"
    );
    let text = serde_json::to_string(&v).unwrap();
    for dropped in [
        "Deleted reply",
        "Cheap pills",
        "disqus message",
        "javascript:",
    ] {
        assert!(!text.contains(dropped), "{dropped} is in the JSON");
    }
    assert_eq!(walk(&threads[1]["comments"]).len(), 1);
    assert_eq!(threads[2]["comments"], json!([]));
}

#[test]
fn the_summary_counts_what_was_kept_and_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let wxr = export("site.xml");
    let run = folio(dir.path(), &["import", &wxr]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        "{wxr}: WordPress export
  articles                                                   2
  comments kept                                             13
  spam, dropped                                              1
  trash, dropped                                             1
  unapproved, dropped                                        1
  pingbacks and trackbacks, kept apart                       2
  replies to a missing or dropped comment, moved to the top level       1
  pages, not imported                                        1
  drafts, private and protected posts, not imported          1
  attachments, not imported                                  1
  other items (menus, blocks…), not imported                 1
  comments on items not imported                             1
"
    );
    let normalize = |s: &str| -> Vec<(String, String)> {
        s.lines()
            .map(|l| {
                let (label, n) = l.trim_end().rsplit_once(' ').unwrap_or((l, ""));
                (label.trim().to_string(), n.to_string())
            })
            .collect()
    };
    assert_eq!(
        normalize(&run.stdout),
        normalize(&expected),
        "{}",
        run.stdout
    );

    // In a book, Disqus threads are matched against its articles; the rest are listed.
    let book = TestBook::copy_of(&fixture("exports_book"));
    let run = book.run(&["import", &export("disqus.xml")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for row in [
        ("threads", "3"),
        ("comments kept", "10"),
        ("spam, dropped", "1"),
        ("deleted, dropped", "1"),
        (
            "replies to a missing or dropped comment, moved to the top level",
            "1",
        ),
        ("threads with comments that match no article", "1"),
    ] {
        assert!(
            normalize(&run.stdout).contains(&(row.0.to_string(), row.1.to_string())),
            "{row:?} in\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout.contains(
            ":178:3: “A page that is gone” https://harbour.example/lost-page/ (1 comment)"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn wordpress_posts_written_with_out_build_with_their_threads() {
    let book = TestBook::copy_of(&fixture("exports_book"));
    std::fs::remove_dir_all(book.path().join("content")).unwrap();
    std::fs::create_dir(book.path().join("content")).unwrap();
    book.write("book.yaml", b"title: Harbour\noutputs: [html, epub]\n");
    let run = book.run(&["import", &export("site.xml"), "--out", "content"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("→ content/tide-tables.md (10 comments)"),
        "{}",
        run.stderr
    );
    let md = book.read("content/tide-tables.md");
    assert!(md.starts_with("---\ntitle: Tide tables return to the harbour office\nslug: tide-tables\nauthors:\n- Mira Okafor\ndate: 2021-05-25\nsource:\n  site: Harbour Notes\n  url: https://harbour.example/2021/05/tide-tables/\nlanguage: en-GB\ntags:\n- Harbour\n- tides\ncomments:\n- id: wp-10\n"), "{md}");
    assert!(md.ends_with("\n<p>The harbour office prints <strong>tide tables</strong> again.</p>\n\n<p>They cost nothing &amp; come in two sizes.</p>\n"), "{md}");
    book.build();
    let page = book.read("public/tide-tables/index.html");
    assert_eq!(count(&page, "<article class=\"comment "), 10);
    assert!(
        page.contains("id=\"comment-wp-14\""),
        "the fifth level is on the page"
    );
    assert!(page.contains("<strong>tide tables</strong>"));
    assert_eq!(count(&page, "class=\"comment depth-4\""), 1);

    let again = book.run(&["import", &export("site.xml"), "--out", "content"]);
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("content/tide-tables.md: already exists; pass --force"),
        "{}",
        again.stderr
    );
    let forced = book.run(&["import", &export("site.xml"), "--out", "content", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        book.read("content/tide-tables.md"),
        md,
        "the same export writes the same file"
    );
}

#[test]
fn disqus_comments_are_written_into_the_articles_they_match() {
    let book = TestBook::copy_of(&fixture("exports_book"));
    book.write("book.yaml", b"title: Harbour\n");
    let before = book.read("content/tide-tables.md");
    let run = book.run(&["import", &export("disqus.xml"), "--out", "content"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/tide-tables.md: already exists; pass --force to write the export's 9 comments into it"),
        "{}",
        run.stderr
    );
    assert_eq!(
        book.read("content/tide-tables.md"),
        before,
        "nothing changed without --force"
    );
    let run = book.run(&[
        "import",
        &export("disqus.xml"),
        "--out",
        "content",
        "--force",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = book.read("content/tide-tables.md");
    let body_at = before.rfind("\n---\n").unwrap();
    assert!(
        after.ends_with(&before[body_at + 5..]),
        "the body is kept byte for byte"
    );
    assert!(
        after.contains("- id: dsq-506\n  author: Nadia\n"),
        "{after}"
    );
    book.build();
    let page = book.read("public/tide-tables/index.html");
    assert_eq!(
        count(&page, "<article class=\"comment "),
        10,
        "its own comment and the export's 9"
    );
    let again = book.run(&[
        "import",
        &export("disqus.xml"),
        "--out",
        "content",
        "--force",
    ]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("already has comments from"),
        "{}",
        again.stderr
    );
    assert_eq!(
        book.read("content/tide-tables.md"),
        after,
        "importing twice adds nothing"
    );
}

#[test]
fn comments_from_attaches_export_threads_at_build_time() {
    let book = TestBook::copy_of(&fixture("exports_book"));
    book.write(
        "book.yaml",
        b"title: Harbour\noutputs: [html, epub]\ncomments_from:\n  - exports/disqus.xml\n",
    );
    book.write(
        "exports/disqus.xml",
        &std::fs::read(export("disqus.xml")).unwrap(),
    );
    let run = book.build();
    assert!(
        run.stderr.contains("warning: exports/disqus.xml:178:3: the thread “A page that is gone” (https://harbour.example/lost-page/) matches no article; its 1 comment is not shown"),
        "{}",
        run.stderr
    );
    let page = book.read("public/tide-tables/index.html");
    let ids: Vec<&str> = page
        .split("<article class=\"comment ")
        .skip(1)
        .map(|a| {
            let start = a.find("id=\"comment-").unwrap() + "id=\"comment-".len();
            &a[start..start + a[start..].find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        ids,
        [
            "1", "dsq-506", "dsq-510", "dsq-501", "dsq-502", "dsq-503", "dsq-504", "dsq-505",
            "dsq-509", "dsq-511"
        ],
        "the article's own comment first, then the export's thread in order"
    );
    assert_eq!(count(&page, "class=\"comment depth-4\""), 1);
    assert!(page.contains("<span class=\"author\">Guest Walker</span>"));
    let ferry = book.read("public/ferry/index.html");
    assert_eq!(
        count(&ferry, "<article class=\"comment "),
        0,
        "a thread without comments adds none"
    );

    // The EPUB chapter has the same thread.
    let epub = std::fs::read(book.path().join("public/harbour.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut chapter = String::new();
    zip.by_name("OEBPS/article-tide-tables.xhtml")
        .unwrap()
        .read_to_string(&mut chapter)
        .unwrap();
    for author in ["Nadia", "Guest Walker", "Mo", "Léa"] {
        assert!(
            chapter.contains(author),
            "{author} is not in the EPUB chapter"
        );
    }
    assert!(chapter.contains("Five levels deep."));

    // check lists the unmatched thread as a warning at its place in the export.
    let check = book.run(&["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let findings: Value = serde_json::from_str(&check.stdout).unwrap();
    let unmatched: Vec<&Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "export-unmatched")
        .collect();
    assert_eq!(unmatched.len(), 1, "{}", check.stdout);
    assert_eq!(unmatched[0]["path"], "exports/disqus.xml");
    assert_eq!(
        (unmatched[0]["line"].as_u64(), unmatched[0]["col"].as_u64()),
        (Some(178), Some(3))
    );

    // Same input, same bytes; a changed export re-renders the page whose comments changed.
    let first = super::support::tree(&book.path().join("public"));
    let again = book.run(&["build", "--clean"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(first, super::support::tree(&book.path().join("public")));
    let edited = std::fs::read_to_string(export("disqus.xml"))
        .unwrap()
        .replace("Five levels deep.", "Five levels deep, edited.");
    book.write("exports/disqus.xml", edited.as_bytes());
    let run = book.run(&["build", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        book.read("public/tide-tables/index.html")
            .contains("Five levels deep, edited.")
    );
    assert!(
        run.stderr.contains("note: 1 file(s) reused unchanged")
            || run.stderr.contains("file(s) reused unchanged"),
        "{}",
        run.stderr
    );
    let reused: usize = run
        .stderr
        .lines()
        .find_map(|l| {
            l.strip_prefix("note: ")?
                .split(" file(s) reused")
                .next()?
                .parse()
                .ok()
        })
        .unwrap();
    assert!(reused >= 1, "the ferry page is reused: {}", run.stderr);
}

#[test]
fn broken_exports_are_located_errors_with_exit_code_1() {
    let book = TestBook::copy_of(&fixture("exports_book"));
    let text = std::fs::read_to_string(export("disqus.xml")).unwrap();
    // A mistyped end tag.
    let broken = text.replacen(
        "]]></message>\n    <createdAt>2021-05-25T10:00:00Z",
        "]]></mesage>\n    <createdAt>2021-05-25T10:00:00Z",
        1,
    );
    assert_ne!(broken, text);
    book.write("exports/disqus.xml", broken.as_bytes());
    book.write(
        "book.yaml",
        b"title: Harbour\ncomments_from: [exports/disqus.xml]\n",
    );
    let run = book.run(&["import", "exports/disqus.xml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("error: exports/disqus.xml:53:80: malformed XML: expected `</message>`, but `</mesage>` was found"),
        "{}",
        run.stderr
    );
    let build = book.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(
        build
            .stderr
            .starts_with("error: exports/disqus.xml:53:80: malformed XML"),
        "{}",
        build.stderr
    );

    book.write("exports/disqus.xml", &text.as_bytes()[..text.len() / 2]);
    let run = book.run(&["import", "exports/disqus.xml", "--json"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "error: exports/disqus.xml:97:7: malformed XML: syntax error: tag not closed"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    book.write(
        "book.yaml",
        b"title: Harbour\ncomments_from:\n  - exports/missing.xml\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("error: book.yaml:3:5: comment export `exports/missing.xml` not found"),
        "{}",
        run.stderr
    );
}
