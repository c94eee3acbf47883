//! Building the bundled book: the pages exist, list what they should, and the memo article's
//! thread comes through whole.

use super::support::{TestBook, count};

const MEMO: &str = "huawei-memo-software-domination";
const MT: &str = "huawei-and-bytedance-go-global";

/// (author, depth, datetime) of every comment of the memo article, in thread order.
fn thread_of(page: &str) -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    for chunk in page.split("<article class=\"comment depth-").skip(1) {
        let depth: usize = chunk[..chunk.find(|c: char| !c.is_ascii_digit()).unwrap()]
            .parse()
            .unwrap();
        let author = between(chunk, "<span class=\"author\">", "</span>");
        let time = between(chunk, "<time datetime=\"", "\"");
        out.push((author.to_string(), depth, time.to_string()));
    }
    out
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let i = s.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let j = s[i..].find(end).unwrap() + i;
    &s[i..j]
}

#[test]
fn bundled_book_builds_index_and_article_pages() {
    let book = TestBook::bundled();
    let run = book.build();
    assert!(
        run.stderr
            .contains("Built 2 articles, 10 comments → public (html, epub)"),
        "{}",
        run.stderr
    );
    let index = book.read("public/index.html");
    assert!(index.contains("<html lang=\"en\">"));
    // Newest first: the dated memo, then the undated translation.
    let memo_at = index.find(&format!("href=\"{MEMO}/index.html\"")).unwrap();
    let mt_at = index.find(&format!("href=\"{MT}/index.html\"")).unwrap();
    assert!(memo_at < mt_at, "memo (2021-05-25) is listed first");
    assert!(index.contains("<time datetime=\"2021-05-25\">25 May 2021</time>"));
    assert!(index.contains("10 comments"));
    assert!(index.contains("0 comments"));
    assert!(index.contains("Machine-translated from Chinese"));
    assert!(book.path().join("public/static/style.css").is_file());
    assert!(
        book.path()
            .join(format!("public/{MT}/index.html"))
            .is_file()
    );
}

#[test]
fn memo_article_shows_the_whole_thread_with_nesting_times_and_staff_mark() {
    let book = TestBook::bundled();
    book.build();
    let page = book.read(&format!("public/{MEMO}/index.html"));
    let expected = super::support::MEMO_THREAD;
    let thread = thread_of(&page);
    let got: Vec<(&str, usize, &str)> = thread
        .iter()
        .map(|(a, d, t)| (a.as_str(), *d, t.as_str()))
        .collect();
    assert_eq!(got, expected);
    assert!(page.contains("10 reader comments"));
    // Only Scott Bicheno's reply is marked as staff, and as the article's author.
    assert_eq!(count(&page, "badge-staff"), 1);
    let staff = between(&page, "is-staff\" id=\"", "</article>");
    assert!(staff.contains("Scott Bicheno") && staff.contains("badge-author"));
    // Permalinks and reply links resolve to comments on the page.
    for (i, chunk) in page.split("href=\"#comment-").enumerate().skip(1) {
        let id = &chunk[..chunk.find('"').unwrap()];
        assert!(
            page.contains(&format!("id=\"comment-{id}\"")),
            "link {i} to #comment-{id} has no target"
        );
    }
    // Multi-paragraph bodies keep paragraphs and hard line breaks.
    assert!(page.contains(
        "I truly believe that China will dominate the world since they have the best programmers.<br />\nState sponsored hacking group"
    ));
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let book = TestBook::bundled();
    book.build();
    let before = book.read(&format!("public/{MEMO}/index.html"));
    book.write("content/broken.md", b"---\ntitle: [\n---\n");
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(book.read(&format!("public/{MEMO}/index.html")), before);
    assert!(!book.path().join("public/broken").exists());
}

#[test]
fn output_folders_folio_did_not_make_are_never_replaced() {
    let book = TestBook::bundled();
    book.write("public/mine.txt", b"precious");
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("has files folio did not make"));
    assert_eq!(book.read("public/mine.txt"), "precious");
}

#[test]
fn builds_are_byte_identical() {
    let a = TestBook::bundled();
    let b = TestBook::bundled();
    a.build();
    b.build();
    for rel in [
        "public/index.html".to_string(),
        format!("public/{MEMO}/index.html"),
        format!("public/{MT}/index.html"),
    ] {
        assert_eq!(a.read(&rel), b.read(&rel), "{rel} differs between builds");
    }
}

#[test]
fn init_scaffolds_a_book_that_builds_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let run = super::support::folio(dir.path(), &["init", "news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let book = dir.path().join("news");
    let built = super::support::folio(&book, &["build"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = std::fs::read_to_string(book.join("public/welcome/index.html")).unwrap();
    assert!(page.contains("Welcome to your archive"));
    assert!(page.contains("badge-staff"));
    // The whole book: the EPUB too, and a glossary the normalizer uses, every variant of which
    // the example article shows, so `check --strict` passes on a new book.
    assert!(built.stderr.contains("(html, epub)"), "{}", built.stderr);
    assert!(
        page.contains("ByteDance and") && !page.contains("Byte Dance") && !page.contains("tiktok"),
        "the glossary applied"
    );
    let checked = super::support::folio(&book, &["check", "--strict"]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        std::fs::read_to_string(book.join("book.yaml"))
            .unwrap()
            .contains("glossary:")
    );
    let again = super::support::folio(dir.path(), &["init", "news"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        super::support::folio(dir.path(), &["build", "--nope"]).code,
        2
    );
    assert_eq!(super::support::folio(dir.path(), &["frobnicate"]).code, 2);
    assert_eq!(super::support::folio(dir.path(), &["import"]).code, 2);
}

#[test]
fn out_option_redirects_the_output() {
    let book = TestBook::bundled();
    let run = book.run(&["build", "--out", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(book.path().join("site/index.html").is_file());
    assert!(!book.path().join("public").exists());
    let bad = book.run(&["build", "--out", "content"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("overlaps the content folder"),
        "{}",
        bad.stderr
    );
}

#[test]
fn review_view_marks_edits_and_writes_the_edit_log() {
    let book = TestBook::bundled();
    let run = book.run(&["build", "--review"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(" edits in 1 article;"),
        "{}",
        run.stderr
    );
    let page = book.read(&format!("public/{MT}/index.html"));
    assert!(page.contains("Machine-translated from Chinese; "));
    assert!(page.contains("<ins class=\"edit\" tabindex=\"0\" title=\"was: Huaweis — missing-apostrophe\" data-was=\"was: Huaweis — missing-apostrophe\">Huawei’s</ins>"));
    let log: serde_json::Value =
        serde_json::from_str(&book.read(&format!("public/{MT}/edits.json"))).unwrap();
    let edits = log["edits"].as_array().unwrap();
    assert!(edits.len() > 50);
    assert!(edits.iter().all(|e| e["line"].as_u64().unwrap() > 0));
    // The native-English memo is not touched, and a plain build writes no edit log.
    assert!(
        book.read(&format!("public/{MEMO}/edits.json"))
            .contains("\"edits\": []")
    );
    let plain = TestBook::bundled();
    plain.build();
    assert!(
        !plain
            .path()
            .join(format!("public/{MT}/edits.json"))
            .exists()
    );
    assert!(
        !plain
            .read(&format!("public/{MT}/index.html"))
            .contains("<ins class=\"edit\"")
    );
}

#[test]
fn output_is_byte_identical_whatever_the_thread_count() {
    let book = TestBook::copy_of(&super::support::fixture("epub_features"));
    let one = super::support::folio_env(
        book.path(),
        &["build", "--out", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert_eq!(one.code, 0, "{}", one.stderr);
    let four = super::support::folio_env(
        book.path(),
        &["build", "--out", "four"],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert_eq!(four.code, 0, "{}", four.stderr);
    let (a, b) = (
        super::support::tree(&book.path().join("one")),
        super::support::tree(&book.path().join("four")),
    );
    assert!(a.len() >= 10, "{:?}", a.keys());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between 1 and 4 threads");
    }
}

#[test]
fn long_threads_fold_at_a_top_level_comment() {
    let book = TestBook::copy_of(&super::support::fixture("epub_features"));
    let mut comments = String::from("comments:\n");
    for i in 0..30 {
        comments.push_str(&format!(
            "  - author: A{i}\n    id: \"t{i}\"\n    body: Comment {i}.\n"
        ));
        if i == 19 {
            // A reply straddling the fold stays with the comment it answers.
            comments.push_str(
                "    replies:\n      - author: R\n        id: r19\n        body: Reply.\n",
            );
        }
    }
    book.write(
        "content/long.md",
        format!("---\ntitle: Long\nslug: long\ndate: 2024-01-01\n{comments}---\nBody.\n")
            .as_bytes(),
    );
    book.build();
    let page = book.read("public/long/index.html");
    let fold = page
        .find("<details class=\"thread-more\"><summary>Show 10 more comments</summary>")
        .expect("a fold");
    assert!(page.find("id=\"comment-r19\"").unwrap() < fold);
    assert!(page.find("id=\"comment-t20\"").unwrap() > fold);
    // The fold and the replies of A19, each closed once.
    assert_eq!(count(&page, "</details>"), 2);
    assert_eq!(count(&page, "<details"), 2);
    let short = book.read("public/deep-thread/index.html");
    assert!(!short.contains("thread-more"));
}

#[test]
fn a_build_with_nothing_to_review_prints_no_review_line() {
    let book = TestBook::bundled();
    let run = book.build();
    assert!(
        run.stderr.contains("120 edits in 1 article"),
        "{}",
        run.stderr
    );
    std::fs::remove_file(book.path().join("content/004_611866cacb151b58.txt")).unwrap();
    let run = book.build();
    assert!(!run.stderr.contains("edits in"), "{}", run.stderr);
    assert!(run.stderr.contains("Built 1 article"), "{}", run.stderr);
}
