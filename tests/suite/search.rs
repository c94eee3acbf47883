//! Search: the split index as written (read back with `folio::backend::html::search::read`,
//! which queries it as the page's script does), and the search page itself driven in headless
//! Chromium, opened from disk and served (`tests/browser/search.js`).

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

use folio::backend::html::search::read::{Index, Query, decode_postings};

use super::support::{TestBook, fixture, repo, validator};

fn index(book: &TestBook) -> Index {
    Index::open(&book.path().join("public")).expect("the search index reads back")
}

/// Slugs of the first page of results.
fn shown(index: &Index, query: &str) -> Vec<String> {
    let outcome = index.search(query).unwrap();
    outcome.shown.into_iter().map(|(_, slug)| slug).collect()
}

/// Every text chunk's entries, in article number order.
fn entries(book: &TestBook) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for n in 0.. {
        let path = book.path().join(format!("public/search/docs/{n}.js"));
        let Ok(js) = std::fs::read_to_string(&path) else {
            break;
        };
        let json = js
            .strip_prefix(&format!("folioSearch.docs({n},"))
            .and_then(|s| s.strip_suffix(");\n"))
            .expect("a docs chunk calls folioSearch.docs(n, […])");
        let docs: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        out.extend(docs);
    }
    out
}

#[test]
fn the_index_has_titles_texts_comments_and_authors_as_plain_text() {
    let book = TestBook::bundled();
    book.build();
    let idx = index(&book);
    assert_eq!(
        shown(&idx, "Cletus the Clown"),
        ["huawei-memo-software-domination"]
    );
    assert_eq!(
        shown(&idx, "Ren Zhengfei").len(),
        2,
        "both articles name him"
    );
    let docs = entries(&book);
    let memo = docs
        .iter()
        .find(|d| d[0] == "huawei-memo-software-domination")
        .expect("the memo article");
    assert_eq!(memo[2], "2021-05-25");
    assert_eq!(memo[3], "25 May 2021");
    let comments = memo[5].as_array().unwrap();
    assert_eq!(comments.len(), 10);
    // (anchor, author, text), the anchor being the comment's id on its page.
    let cletus = comments
        .iter()
        .find(|c| c[1] == "Cletus the Clown")
        .unwrap();
    let anchor = cletus[0].as_str().unwrap();
    let page = book.read("public/huawei-memo-software-domination/index.html");
    assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    let text = serde_json::to_string(&docs).unwrap();
    assert!(!text.contains("<p>") && !text.contains("<br"), "no markup");

    let zh = TestBook::copy_of(&fixture("site"));
    zh.build();
    let docs = entries(&zh);
    let article = docs.iter().find(|d| d[1] == "华为的软件战略").unwrap();
    assert!(
        article[4]
            .as_str()
            .unwrap()
            .contains("鸿蒙操作系统上投入更多资源")
    );
    assert_eq!(article[5][0][1], "王小明");
    assert_eq!(article[5][0][2], "鸿蒙系统能否成功？");
    let idx = index(&zh);
    assert_eq!(shown(&idx, "王小明"), ["huawei-software-zh"], "a commenter");
}

/// What the substring search of earlier versions found, the bigram index finds: every run of
/// one to six characters of the Chinese article, its title and its comment.
#[test]
fn every_chinese_substring_is_found() {
    let book = TestBook::copy_of(&fixture("site"));
    book.build();
    let idx = index(&book);
    let docs = entries(&book);
    let article = docs.iter().find(|d| d[1] == "华为的软件战略").unwrap();
    let slug = article[0].as_str().unwrap();
    let texts = [
        article[1].as_str().unwrap(),
        article[4].as_str().unwrap(),
        article[5][0][2].as_str().unwrap(),
    ];
    let mut checked = 0;
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        for len in 1..=6 {
            for window in chars.windows(len) {
                if !window.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c)) {
                    continue;
                }
                let query: String = window.iter().collect();
                let found = shown(&idx, &query);
                assert!(found.iter().any(|s| s == slug), "{query}: {found:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} substrings");
}

#[test]
fn queries_parse_into_terms_words_and_a_prefix() {
    let q = Query::parse("Huawei 鸿蒙系统 华 5G网");
    let terms: Vec<(&str, bool)> = q.terms.iter().map(|(t, p)| (t.as_str(), *p)).collect();
    assert_eq!(
        terms,
        [
            ("huawei", false),
            ("鸿蒙", false),
            ("蒙系", false),
            ("系统", false),
            ("华", false),
            ("5g", false),
            ("网", false),
        ]
    );
    assert_eq!(q.words, [vec![0], vec![1, 2, 3], vec![4], vec![5, 6]]);
    // The last word is a prefix while it is being typed, not after a space.
    assert_eq!(Query::parse("new cra").terms[1], ("cra".to_string(), true));
    assert_eq!(
        Query::parse("new cra ").terms[1],
        ("cra".to_string(), false)
    );
    assert!(Query::parse(" ,;! ").words.is_empty());
}

/// A book of the search fixture plus `extra` generated articles that all say "lighthouse",
/// each with words of its own, so the index has several term shards and text chunks.
fn search_book(extra: usize) -> TestBook {
    let book = TestBook::copy_of(&fixture("search"));
    for n in 1..=extra {
        let own: Vec<String> = (0..300).map(|k| format!("log{n}word{k}")).collect();
        book.write(
            &format!("content/lighthouse-{n:02}.md"),
            format!(
                "---\ntitle: Lighthouse log {n}\ndate: 2020-{:02}-{:02}\n---\nThe lighthouse keeper wrote entry {n}. {}\n",
                (n - 1) / 28 + 1,
                (n - 1) % 28 + 1,
                own.join(" ")
            )
            .as_bytes(),
        );
    }
    book
}

#[test]
fn results_rank_title_matches_first_then_weight_then_the_newest() {
    let book = search_book(3);
    book.build();
    let idx = index(&book);
    // Both title matches first (the one saying it more often first), then the text match.
    assert_eq!(
        shown(&idx, "harbour"),
        ["harbour-cranes", "harbour-budget", "ferry-timetable"]
    );
    assert_eq!(shown(&idx, "harb"), shown(&idx, "harbour"), "a prefix");
    assert!(
        shown(&idx, "harb ").is_empty(),
        "a whole word after a space"
    );
    assert_eq!(
        shown(&idx, "harbour container"),
        ["harbour-cranes", "harbour-budget"]
    );
    assert_eq!(shown(&idx, "HARBOUR Müller"), ["harbour-budget"]);
    assert_eq!(shown(&idx, "muller"), ["harbour-budget"], "diacritics fold");
    assert_eq!(shown(&idx, "zeppelin"), ["harbour-cranes"], "a comment");
    assert_eq!(shown(&idx, "港口"), ["gangkou-kuojian"]);
    assert_eq!(shown(&idx, "时刻"), Vec::<String>::new());
    assert_eq!(shown(&idx, "時刻"), ["ferry-timetable"], "Japanese");
    assert!(
        shown(&idx, "nothing lasts OR cranes").is_empty(),
        "every word must match"
    );
    // Same weight: the newest first.
    assert_eq!(
        shown(&idx, "keeper"),
        ["lighthouse-03", "lighthouse-02", "lighthouse-01"]
    );
}

#[test]
fn a_query_loads_only_the_shards_and_chunks_it_needs() {
    let book = search_book(40);
    book.build();
    let idx = index(&book);
    let (files, _) = idx.size().unwrap();
    let shards = idx.manifest.terms.len();
    assert!(shards >= 3, "{shards} term shards");
    let chunks = files - 1 - shards;
    assert!(chunks >= 3, "{chunks} chunks");
    let outcome = idx.search("zeppelin").unwrap();
    let loaded: Vec<&str> = outcome.files.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        loaded.len(),
        3,
        "manifest, one shard, one chunk: {loaded:?}"
    );
    assert_eq!(loaded[0], "search/manifest.js");
    // Every term's postings decode, in article order, and name real articles.
    let docs = entries(&book).len() as u32;
    for n in 0..shards {
        let js = book.read(&format!("public/search/terms/{n}.js"));
        let json = js
            .strip_prefix(&format!("folioSearch.terms({n},"))
            .and_then(|s| s.strip_suffix(");\n"))
            .unwrap();
        let flat: Vec<String> = serde_json::from_str(json).unwrap();
        for pair in flat.chunks(2) {
            let postings = decode_postings(&pair[1]).unwrap();
            assert!(!postings.is_empty(), "{}", pair[0]);
            assert!(postings.windows(2).all(|w| w[0].0 < w[1].0));
            assert!(postings.iter().all(|p| p.0 < docs));
        }
    }
}

#[test]
fn the_index_is_the_same_at_any_thread_count() {
    let book = search_book(40);
    let one = book.path().join("one");
    let run = super::support::folio_env(
        book.path(),
        &["build", "--out", "one"],
        &[("RAYON_NUM_THREADS", "1")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = super::support::folio_env(
        book.path(),
        &["build", "--out", "four"],
        &[("RAYON_NUM_THREADS", "4")],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (a, b) = (
        super::support::tree(&one.join("search")),
        super::support::tree(&book.path().join("four/search")),
    );
    assert!(a.len() > 5);
    assert!(a == b, "the index differs between 1 and 4 threads");
}

/// Runs `tests/browser/search.js` on the built site with `queries`.
fn drive(modules: &Path, public: &Path, queries: &serde_json::Value) -> serde_json::Value {
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser/search.js"))
        .arg(public)
        .env("FOLIO_NODE_MODULES", modules)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs tests/browser/search.js");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(queries.to_string().as_bytes()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "search.js:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("search.js prints JSON")
}

fn strings(v: &serde_json::Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_default())
        .collect()
}

#[test]
#[cfg_attr(
    not(folio_chromium),
    ignore = "set FOLIO_NODE_MODULES to run it (.ci/run does)"
)]
fn the_search_page_finds_words_prefixes_chinese_and_comments_in_chromium() {
    let Some(modules) = validator("FOLIO_NODE_MODULES", "playwright-core in Chromium") else {
        return;
    };
    let book = search_book(24);
    book.build();
    let public = book.path().join("public");
    let queries = serde_json::json!([
        {"query": "lighthouse"},
        {"query": "harbour"},
        {"query": "harb"},
        {"query": "harbour container"},
        {"query": "港口"},
        {"query": "港"},
        {"query": "zeppelin"},
        {"query": "muller"},
        {"query": "時刻"},
        {"query": "xyzzy"},
        {"query": "lighthouse keeper", "pages": 3},
    ]);
    let report = drive(&modules, &public, &queries);
    let idx = index(&book);
    for mode in ["file", "http"] {
        let run = &report[mode];
        assert_eq!(strings(&run["problems"]), Vec::<&str>::new(), "{mode}");
        assert_eq!(
            run["initial"],
            "Type to search 28 articles and their comments."
        );
        let q: Vec<&serde_json::Value> = run["queries"].as_array().unwrap().iter().collect();
        let titles = |i: usize| -> Vec<&str> {
            q[i]["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["title"].as_str().unwrap())
                .collect()
        };
        // The page shows what the index, read back in Rust, says it should.
        for (i, query) in queries.as_array().unwrap().iter().enumerate() {
            let query = query["query"].as_str().unwrap();
            let expected = idx.search(query).unwrap();
            let hrefs: Vec<String> = q[i]["results"]
                .as_array()
                .unwrap()
                .iter()
                .take(expected.shown.len())
                .map(|r| r["href"].as_str().unwrap().to_string())
                .collect();
            let slugs: Vec<String> = expected
                .shown
                .iter()
                .map(|(_, s)| format!("../{s}/index.html"))
                .collect();
            assert_eq!(hrefs, slugs, "{mode}: {query}");
            let status = q[i]["status"].as_str().unwrap();
            let count = match expected.total {
                0 => "No results".to_string(),
                1 => "1 result".to_string(),
                n => format!("{n} results"),
            };
            assert!(status.starts_with(&count), "{mode}: {query}: {status}");
        }

        // An English word: title matches first, the word marked in titles and snippets, dates
        // as the pages show them.
        assert_eq!(
            titles(1),
            [
                "New cranes for the harbour",
                "The harbour budget",
                "Winter ferry timetable"
            ]
        );
        let first = &q[1]["results"][0];
        assert_eq!(strings(&first["title_marks"]), ["harbour"]);
        assert_eq!(strings(&first["snippet_marks"]), ["harbour", "harbour"]);
        assert_eq!(first["date"], "10 March 2022");
        assert_eq!(first["datetime"], "2022-03-10");
        assert_eq!(strings(&q[1]["results"][2]["snippet_marks"]), ["harbour"]);
        // A prefix while typing marks the whole word.
        assert_eq!(titles(2), titles(1));
        assert_eq!(strings(&q[2]["results"][0]["title_marks"]), ["harbour"]);
        // Two words: both must match; both are marked.
        assert_eq!(
            titles(3),
            ["New cranes for the harbour", "The harbour budget"]
        );
        let marks = strings(&q[3]["results"][0]["snippet_marks"]);
        assert!(
            marks.contains(&"harbour") && marks.contains(&"container"),
            "{marks:?}"
        );
        // Chinese: a two-character word and a single character.
        assert_eq!(titles(4), ["港口扩建计划"]);
        assert_eq!(strings(&q[4]["results"][0]["title_marks"]), ["港口"]);
        assert_eq!(strings(&q[4]["results"][0]["snippet_marks"]), ["港口"]);
        assert_eq!(strings(&q[5]["results"][0]["snippet_marks"]), ["港"]);
        // A word only in a comment: the result links to the comment and shows it.
        let comment = &q[6]["results"][0];
        assert_eq!(comment["comment"], "comment by Marta Kowalski");
        assert_eq!(
            comment["comment_href"],
            "../harbour-cranes/index.html#comment-1"
        );
        assert_eq!(strings(&comment["snippet_marks"]), ["zeppelin"]);
        // Diacritics fold: "muller" marks "Müller".
        assert_eq!(strings(&q[7]["results"][0]["snippet_marks"]), ["Müller"]);
        // Japanese in a comment.
        assert_eq!(q[8]["results"][0]["comment"], "comment by 佐藤");
        assert_eq!(strings(&q[8]["results"][0]["snippet_marks"]), ["時刻"]);
        assert_eq!(q[9]["status"], "No results for “xyzzy”.");
        // More results than a page: ten first, then ten more with each click.
        assert_eq!(
            q[0]["status"],
            "24 results for “lighthouse”; showing the first 10."
        );
        assert_eq!(q[0]["more"], true);
        assert_eq!(q[10]["results"].as_array().unwrap().len(), 24);
        assert_eq!(q[10]["status"], "24 results for “lighthouse keeper”.");
        assert_eq!(q[10]["more"], false);
        assert_eq!(
            q[10]["focused"], "Lighthouse log 4",
            "focus moves to the new results"
        );
    }
    // Over HTTP the files carry the index's version; from disk they need not. The first query
    // loads exactly what the Rust reader says, and not every chunk.
    let http = &report["http"]["queries"][0]["loaded"];
    let file = &report["file"]["queries"][0]["loaded"];
    assert!(strings(http).iter().all(|f| f.ends_with("?v")), "{http}");
    assert!(strings(file).iter().all(|f| !f.contains('?')), "{file}");
    let expected: BTreeSet<String> = idx
        .search("lighthouse")
        .unwrap()
        .files
        .into_iter()
        .skip(1)
        .map(|(f, _)| f.trim_start_matches("search/").to_string())
        .collect();
    let got: BTreeSet<String> = strings(file).into_iter().map(str::to_string).collect();
    assert_eq!(got, expected);
    let chunks = std::fs::read_dir(public.join("search/docs"))
        .unwrap()
        .count();
    let loaded_chunks = got.iter().filter(|f| f.starts_with("docs/")).count();
    assert!(
        loaded_chunks < chunks,
        "{loaded_chunks} of {chunks} chunks loaded"
    );
}
