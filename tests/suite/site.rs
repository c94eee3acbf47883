//! The site around the articles: tag pages, Atom feed, sitemap, search page, 404 page, and
//! that every relative link of every page leads to a file of the build.

use std::path::{Path, PathBuf};

use super::support::{TestBook, fixture};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn child_text<'a>(node: roxmltree::Node<'a, 'a>, ns: &str, name: &str) -> Option<&'a str> {
    node.children()
        .find(|c| c.has_tag_name((ns, name)))
        .and_then(|c| c.text())
}

fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'T'
        && b[13] == b':'
        && b[16] == b':'
        && b[19] == b'Z'
}

#[test]
fn atom_feed_is_well_formed_atom_with_one_entry_per_article() {
    let book = TestBook::copy_of(&fixture("site"));
    book.build();
    let xml = book.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    assert_eq!(
        child_text(feed, ATOM, "id"),
        Some("https://example.org/archive/")
    );
    assert_eq!(
        child_text(feed, ATOM, "title"),
        Some("News & Views <Archive>"),
        "the title survives escaping"
    );
    // The newest article date, not the time of the build.
    assert_eq!(
        child_text(feed, ATOM, "updated"),
        Some("2021-06-01T00:00:00Z")
    );
    let links: Vec<(&str, &str)> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .map(|l| (l.attribute("rel").unwrap(), l.attribute("href").unwrap()))
        .collect();
    assert!(links.contains(&("self", "https://example.org/archive/atom.xml")));
    assert!(links.contains(&("alternate", "https://example.org/archive/")));
    // No book authors: the feed-level author (required when an entry has none) is the title.
    let feed_author = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .expect("feed author");
    assert_eq!(
        child_text(feed_author, ATOM, "name"),
        Some("News & Views <Archive>")
    );

    let entries: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "entry")))
        .collect();
    assert_eq!(entries.len(), 2);
    for entry in &entries {
        for required in ["id", "title", "updated"] {
            assert!(
                child_text(*entry, ATOM, required).is_some(),
                "entry without {required}"
            );
        }
        assert!(is_rfc3339_utc(child_text(*entry, ATOM, "updated").unwrap()));
        let link = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")))
            .unwrap();
        assert_eq!(link.attribute("href"), child_text(*entry, ATOM, "id"));
    }
    let zh = entries[0];
    assert_eq!(child_text(zh, ATOM, "title"), Some("华为的软件战略"));
    assert_eq!(
        child_text(zh, ATOM, "id"),
        Some("https://example.org/archive/huawei-software-zh/")
    );
    assert_eq!(
        child_text(zh, ATOM, "published"),
        Some("2021-06-01T00:00:00Z")
    );
    assert!(
        child_text(zh, ATOM, "summary")
            .unwrap()
            .starts_with("华为创始人任正非")
    );
    let tom = entries[1];
    assert_eq!(
        child_text(tom, ATOM, "title"),
        Some("Tom & Jerry <b>escape</b> test")
    );
    assert!(
        child_text(tom, ATOM, "published").is_none(),
        "undated: no published"
    );
    let author = tom
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .unwrap();
    assert_eq!(child_text(author, ATOM, "name"), Some("O'Brien & Sons"));
    assert_eq!(
        child_text(tom, ATOM, "summary"),
        Some("A Markdown body with a link and an ampersand: R&D.")
    );

    // Every page points feed readers at it.
    let index = book.read("public/index.html");
    assert!(index.contains(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"News &amp; Views &lt;Archive&gt;\" href=\"atom.xml\">"
    ));
}

#[test]
fn feed_updated_follows_source_date_epoch_and_rejects_garbage() {
    let book = TestBook::copy_of(&fixture("site"));
    let run = |sde: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .arg("build")
            .current_dir(book.path())
            .env("SOURCE_DATE_EPOCH", sde)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run("1700000000");
    assert_eq!(code, Some(0), "{stderr}");
    let xml = book.read("public/atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(
        child_text(doc.root_element(), ATOM, "updated"),
        Some("2023-11-14T22:13:20Z")
    );
    let (code, stderr) = run("yesterday");
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH is `yesterday`"),
        "{stderr}"
    );
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let book = TestBook::copy_of(&fixture("site"));
    book.build();
    let xml = book.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    let urlset = doc.root_element();
    assert!(urlset.has_tag_name((SITEMAP, "urlset")));
    let urls: Vec<(&str, Option<&str>)> = urlset
        .children()
        .filter(|c| c.has_tag_name((SITEMAP, "url")))
        .map(|u| {
            (
                child_text(u, SITEMAP, "loc").unwrap(),
                child_text(u, SITEMAP, "lastmod"),
            )
        })
        .collect();
    for (loc, _) in &urls {
        assert!(loc.starts_with("https://example.org/archive/"), "{loc}");
        assert!(loc.is_ascii(), "{loc} is percent-encoded");
    }
    let expected = [
        ("https://example.org/archive/", Some("2021-06-01")),
        (
            "https://example.org/archive/huawei-software-zh/",
            Some("2021-06-01"),
        ),
        ("https://example.org/archive/tom-and-jerry/", None),
        ("https://example.org/archive/tags/", Some("2021-06-01")),
        (
            "https://example.org/archive/tags/5g-ai/",
            Some("2021-06-01"),
        ),
        (
            "https://example.org/archive/tags/huawei/",
            Some("2021-06-01"),
        ),
        ("https://example.org/archive/tags/q-a/", None),
        (
            "https://example.org/archive/tags/%E5%8D%8E%E4%B8%BA/",
            Some("2021-06-01"),
        ),
        // The site is deployed under `/archive/`; its archive by date is `archive/` in it.
        ("https://example.org/archive/archive/", Some("2021-06-01")),
        (
            "https://example.org/archive/archive/2021/",
            Some("2021-06-01"),
        ),
        (
            "https://example.org/archive/archive/2021/06/",
            Some("2021-06-01"),
        ),
        // The undated article has no lastmod to give its page.
        ("https://example.org/archive/archive/undated/", None),
    ];
    assert_eq!(urls, expected);
}

#[test]
fn a_book_without_base_url_gets_no_feed_or_sitemap_and_a_root_404() {
    let book = TestBook::copy_of(&fixture("site"));
    let yaml = book.read("book.yaml").replace("base_url:", "# base_url:");
    book.write("book.yaml", yaml.as_bytes());
    book.build();
    assert!(!book.path().join("public/atom.xml").exists());
    assert!(!book.path().join("public/sitemap.xml").exists());
    assert!(
        !book
            .read("public/index.html")
            .contains("application/atom+xml")
    );
    let page = book.read("public/404.html");
    assert!(page.contains("href=\"/static/style.css\""), "{page}");
}

#[test]
fn search_page_works_without_a_server_and_says_when_javascript_is_missing() {
    let book = TestBook::bundled();
    book.build();
    let page = book.read("public/search/index.html");
    assert!(page.contains("<script src=\"../static/search.js\" defer></script>"));
    // The index is loaded by script elements, which work from disk, never by fetch().
    assert!(page.contains("data-index=\"../search/\""));
    assert!(page.contains("Search needs JavaScript"));
    assert!(page.contains("<input id=\"search-input\" type=\"search\" name=\"q\""));
    let js = book.read("public/static/search.js");
    assert!(js.contains("createElement(\"script\")"));
    // (`fetch()` is named in a comment only.)
    assert!(
        js.match_indices("fetch(")
            .all(|(at, _)| js[at..].starts_with("fetch()"))
    );
    assert!(!js.contains("XMLHttpRequest"));
    assert!(
        book.read("public/search/manifest.js")
            .starts_with("folioSearch.manifest({")
    );
    assert!(
        !js.contains("innerHTML"),
        "results are built with DOM nodes"
    );
    // Every page links to search.
    for rel in [
        "public/index.html",
        "public/huawei-memo-software-domination/index.html",
        "public/tags/huawei/index.html",
    ] {
        assert!(book.read(rel).contains(">Search</a>"), "{rel}");
    }
}

#[test]
fn tag_pages_list_tags_with_counts_and_their_articles() {
    let book = TestBook::copy_of(&fixture("site"));
    book.build();
    let tags = book.read("public/tags/index.html");
    // Sorted by name; "Huawei" and "huawei" are one tag with two articles.
    let order: Vec<usize> = ["5G &amp; AI", ">Huawei<", "Q&amp;A", "华为"]
        .iter()
        .map(|t| tags.find(t).unwrap_or_else(|| panic!("{t} listed")))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(tags.contains(
        "<a href=\"../tags/huawei/index.html\">Huawei</a> <span class=\"count\">2 articles</span>"
    ));
    assert!(tags.contains(
        "<a href=\"../tags/华为/index.html\">华为</a> <span class=\"count\">1 article</span>"
    ));
    let huawei = book.read("public/tags/huawei/index.html");
    assert!(huawei.contains("<h1>Huawei</h1>"));
    assert!(huawei.contains("href=\"../../huawei-software-zh/index.html\""));
    assert!(huawei.contains("href=\"../../tom-and-jerry/index.html\""));
    let zh = book.read("public/tags/华为/index.html");
    assert!(zh.contains("href=\"../../huawei-software-zh/index.html\""));
    assert!(!zh.contains("tom-and-jerry"));
    // The Chinese excerpt is text, not a lone ellipsis.
    assert!(zh.contains("华为创始人任正非"));
    // Articles link to their tags.
    let article = book.read("public/tom-and-jerry/index.html");
    assert!(
        article
            .contains("<a class=\"tag\" rel=\"tag\" href=\"../tags/huawei/index.html\">Huawei</a>")
    );
    assert!(
        article.contains(">Tags</a>"),
        "header links to the tag list"
    );
}

#[test]
fn not_found_page_links_from_the_base_url_path() {
    let book = TestBook::copy_of(&fixture("site"));
    book.build();
    let page = book.read("public/404.html");
    assert!(page.contains("<h1>Page not found</h1>"));
    assert!(page.contains("href=\"/archive/static/style.css\""));
    assert!(page.contains("href=\"/archive/index.html\""));
    assert!(page.contains("href=\"/archive/search/index.html\""));
    // Only absolute links: the page is served from any depth.
    for chunk in page.split("href=\"").skip(1) {
        assert!(
            chunk.starts_with('/') || chunk.starts_with('#') || chunk.starts_with("https://"),
            "relative link in 404.html: {}",
            &chunk[..chunk.find('"').unwrap()]
        );
    }
}

/// Every `href`/`src` of every page except 404.html that is relative resolves to a file.
pub(super) fn assert_links_resolve(out: &Path) {
    for (rel, bytes) in super::support::tree(out) {
        if !rel.ends_with(".html") || rel == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let dir: PathBuf = out.join(&rel).parent().unwrap().to_path_buf();
        for attr in ["href=\"", "src=\""] {
            for chunk in html.split(attr).skip(1) {
                let target = &chunk[..chunk.find('"').unwrap()];
                if target.is_empty()
                    || target.starts_with('#')
                    || target.contains("://")
                    || target.starts_with("mailto:")
                {
                    continue;
                }
                let path = target.split(['#', '?']).next().unwrap();
                assert!(
                    dir.join(path).is_file(),
                    "{rel}: link {target} leads nowhere"
                );
            }
        }
    }
}

#[test]
fn every_relative_link_leads_to_a_built_file() {
    for book in [TestBook::bundled(), TestBook::copy_of(&fixture("site"))] {
        book.build();
        assert_links_resolve(&book.path().join("public"));
    }
}

#[test]
fn every_output_file_is_byte_identical_on_rebuild() {
    let a = TestBook::copy_of(&fixture("site"));
    let b = TestBook::copy_of(&fixture("site"));
    a.build();
    b.build();
    let first = super::support::tree(&a.path().join("public"));
    assert!(first.contains_key("atom.xml") && first.contains_key("search/manifest.js"));
    assert_eq!(first, super::support::tree(&b.path().join("public")));
    a.build();
    assert_eq!(
        first,
        super::support::tree(&a.path().join("public")),
        "a rebuild in place"
    );
}

/// The `content` of the first `<meta>` or `<link>` in `page` whose `key` attribute is `value`.
fn head_value(page: &str, key: &str, value: &str, attr: &str) -> Option<String> {
    let at = page.find(&format!("{key}=\"{value}\""))?;
    let tag_start = page[..at].rfind('<')?;
    let tag = &page[tag_start..tag_start + page[tag_start..].find('>')?];
    let from = tag.find(&format!(" {attr}=\""))? + attr.len() + 3;
    Some(tag[from..from + tag[from..].find('"')?].to_string())
}

#[test]
fn every_article_page_describes_itself_for_search_engines_and_link_previews() {
    let book = TestBook::bundled();
    book.build();
    let book_description = head_value(
        &book.read("public/index.html"),
        "name",
        "description",
        "content",
    )
    .unwrap();
    let mut descriptions = std::collections::BTreeSet::new();
    for slug in [
        "huawei-memo-software-domination",
        "huawei-and-bytedance-go-global",
    ] {
        let page = book.read(&format!("public/{slug}/index.html"));
        let description = head_value(&page, "name", "description", "content").unwrap();
        assert_ne!(
            description, book_description,
            "{slug} has the book's description"
        );
        assert!(descriptions.insert(description));
        assert_eq!(
            head_value(&page, "rel", "canonical", "href").as_deref(),
            Some(format!("https://example.org/archive/{slug}/").as_str())
        );
        assert!(
            head_value(&page, "property", "og:title", "content")
                .is_some_and(|t| !t.contains(" · "))
        );
        assert_eq!(
            head_value(&page, "property", "og:type", "content").as_deref(),
            Some("article")
        );
        // JSON-LD: a NewsArticle with its comments, which nothing in the text can break out of.
        let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let json = &page[start..start + page[start..].find("</script>").unwrap()];
        let data: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(data["@type"], "NewsArticle");
        assert_eq!(data["url"], format!("https://example.org/archive/{slug}/"));
        let comments = data["comment"].as_array().map_or(0, Vec::len);
        assert_eq!(
            data["commentCount"].as_u64(),
            Some(comments as u64),
            "{slug}"
        );
    }
    let memo = book.read("public/huawei-memo-software-domination/index.html");
    assert!(memo.contains(
        "\"@type\":\"Comment\",\"author\":{\"@type\":\"Person\",\"name\":\"Cletus the Clown\"}"
    ));
    assert!(
        memo.contains("<link rel=\"icon\" href=\"../static/favicon.svg\" type=\"image/svg+xml\">")
    );
    assert!(book.path().join("public/static/favicon.svg").is_file());
    // The 404 page is served at any address: it claims none.
    assert!(!book.read("public/404.html").contains("rel=\"canonical\""));
}

#[test]
fn reply_subtrees_fold_without_javascript() {
    let book = TestBook::bundled();
    book.build();
    let page = book.read("public/huawei-memo-software-domination/index.html");
    // Every <details> opened for replies is closed, and each holds its subtree.
    assert_eq!(
        page.matches("<details class=\"replies\" open>").count(),
        page.matches("</div></details>").count()
    );
    assert!(
        page.contains("<summary>3 replies to Cletus the Clown</summary>"),
        "{page}"
    );
    assert!(!page.contains("reply-count"));
}
