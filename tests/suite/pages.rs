//! Pagination, the archive by year and month, the feed limit and the sitemap: the `pages`
//! fixture has eight articles over 2020 and 2021 (one undated), `paginate: 3` and
//! `feed_limit: 4`.

use super::support::{TestBook, count, fixture};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// The fixture's articles in book order, newest first, the undated one last.
const BOOK_ORDER: [&str; 8] = [
    "spring-outage",
    "fibre-rollout",
    "tower-dispute",
    "spectrum-auction",
    "new-year-tariffs",
    "autumn-merger",
    "summer-strike",
    "undated-memo",
];

fn built() -> TestBook {
    let book = TestBook::copy_of(&fixture("pages"));
    book.build();
    book
}

/// The slugs a listing page links in its article list, in order.
fn listed(page: &str) -> Vec<String> {
    let list = &page[page
        .find("<ol class=\"article-list\">")
        .expect("an article list")..];
    let list = &list[..list.find("</ol>").unwrap()];
    list.split("<h3><a href=\"")
        .skip(1)
        .map(|s| {
            let href = &s[..s.find('"').unwrap()];
            href.trim_end_matches("/index.html")
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn the_index_is_cut_into_pages_that_link_each_other() {
    let book = built();
    let public = book.path().join("public");
    for page in ["index.html", "page/2/index.html", "page/3/index.html"] {
        assert!(public.join(page).is_file(), "{page}");
    }
    assert!(!public.join("page/1").exists(), "page 1 is index.html");
    assert!(!public.join("page/4").exists());

    // Every article on exactly one page, in book order.
    let pages: Vec<String> = ["index.html", "page/2/index.html", "page/3/index.html"]
        .iter()
        .map(|p| book.read(&format!("public/{p}")))
        .collect();
    let all: Vec<String> = pages.iter().flat_map(|p| listed(p)).collect();
    assert_eq!(all, BOOK_ORDER);
    assert_eq!(listed(&pages[2]), ["summer-strike", "undated-memo"]);

    let two = &pages[1];
    assert!(
        two.contains("<title>Harbour Telecom Notes · page 2</title>"),
        "{two}"
    );
    assert!(
        two.contains("<meta property=\"og:title\" content=\"Harbour Telecom Notes · page 2\">")
    );
    assert!(two.contains("<link rel=\"canonical\" href=\"https://example.org/notes/page/2/\">"));
    assert!(two.contains("<link rel=\"prev\" href=\"../../index.html\">"));
    assert!(two.contains("<link rel=\"next\" href=\"../../page/3/index.html\">"));
    // Two levels down, every link climbs two levels.
    assert!(two.contains("href=\"../../static/style.css\""));
    assert!(two.contains("<a href=\"../../spectrum-auction/index.html\">"));
    assert!(
        two.contains("<h2 id=\"articles-heading\">8 articles</h2>"),
        "the whole count"
    );
    // The pager: accessible, with the page's place and its neighbours.
    assert!(two.contains("<nav class=\"pager\" aria-label=\"Pages\">"));
    assert!(two.contains("<p class=\"pager-status\">Page 2 of 3</p>"));
    assert!(two.contains("<a rel=\"prev\" href=\"../../index.html\">"));
    assert!(two.contains("<a rel=\"next\" href=\"../../page/3/index.html\">"));
    assert!(two.contains(
        "<a href=\"../../page/2/index.html\" aria-label=\"Page 2\" aria-current=\"page\">2</a>"
    ));
    assert_eq!(count(two, "aria-current=\"page\""), 1);

    let first = &pages[0];
    assert!(first.contains("<title>Harbour Telecom Notes</title>"));
    assert!(!first.contains("rel=\"prev\""));
    assert!(first.contains("<link rel=\"next\" href=\"page/2/index.html\">"));
    assert!(first.contains("<p class=\"pager-status\">Page 1 of 3</p>"));
    let last = &pages[2];
    assert!(!last.contains("rel=\"next\""));
    assert!(last.contains("Page 3 of 3"));
}

#[test]
fn tag_pages_are_paginated_under_their_own_folder() {
    let book = built();
    let one = book.read("public/tags/network/index.html");
    let two = book.read("public/tags/network/page/2/index.html");
    assert!(!book.path().join("public/tags/network/page/3").exists());
    assert_eq!(
        listed(&one),
        ["spring-outage", "fibre-rollout", "tower-dispute"]
    );
    assert_eq!(listed(&two), ["autumn-merger"]);
    assert!(two.contains("<title>network · page 2 · Tags · Harbour Telecom Notes</title>"));
    assert!(two.contains("4 articles tagged “network”"));
    assert!(two.contains("<link rel=\"prev\" href=\"../../../../tags/network/index.html\">"));
    assert!(two.contains("href=\"../../../../autumn-merger/index.html\""));
    assert!(two.contains("Page 2 of 2"));
    // A tag of one page shows no pager.
    let fibre = book.read("public/tags/fibre/index.html");
    assert!(!fibre.contains("class=\"pager\""));
    assert!(!book.path().join("public/tags/fibre/page").exists());
}

#[test]
fn the_archive_lists_years_and_months_and_keeps_undated_articles() {
    let book = built();
    let public = book.path().join("public");
    for page in [
        "archive/index.html",
        "archive/2021/index.html",
        "archive/2021/page/2/index.html",
        "archive/2021/03/index.html",
        "archive/2021/03/page/2/index.html",
        "archive/2021/01/index.html",
        "archive/2020/index.html",
        "archive/2020/11/index.html",
        "archive/2020/06/index.html",
        "archive/undated/index.html",
    ] {
        assert!(public.join(page).is_file(), "{page}");
    }
    assert!(!public.join("archive/2021/02").exists(), "no empty months");
    assert!(!public.join("archive/2020/page").exists());

    let index = book.read("public/archive/index.html");
    assert!(index.contains("<title>Archive · Harbour Telecom Notes</title>"));
    assert!(index.contains(
        "<a href=\"../archive/2021/index.html\">2021</a> <span class=\"count\">5 articles</span>"
    ));
    assert!(index.contains(
        "<a href=\"../archive/2020/index.html\">2020</a> <span class=\"count\">2 articles</span>"
    ));
    assert!(index.contains(
        "<li><a href=\"../archive/2021/03/index.html\">March</a> <span class=\"count\">4 articles</span></li>"
    ));
    assert!(index.contains(
        "<a href=\"../archive/undated/index.html\">Undated</a> <span class=\"count\">1 article</span>"
    ));
    // Newest year first, newest month first.
    let at = |s: &str| index.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at(">2021<") < at(">2020<"));
    assert!(at(">March<") < at(">January<") && at(">November<") < at(">June<"));

    let march = book.read("public/archive/2021/03/index.html");
    assert_eq!(
        listed(&march),
        ["spring-outage", "fibre-rollout", "tower-dispute"]
    );
    assert!(march.contains("<h1>March 2021</h1>"));
    assert!(march.contains("<a href=\"../../../archive/2021/index.html\">2021</a>"));
    assert!(march.contains("Page 1 of 2"));
    let march_two = book.read("public/archive/2021/03/page/2/index.html");
    assert_eq!(listed(&march_two), ["spectrum-auction"]);
    assert!(
        march_two.contains("<title>March 2021 · page 2 · Archive · Harbour Telecom Notes</title>")
    );
    assert!(march_two.contains("href=\"../../../../../static/style.css\""));

    let year = book.read("public/archive/2021/index.html");
    assert!(year.contains("<nav aria-label=\"Months of 2021\">"));
    assert_eq!(
        listed(&year),
        ["spring-outage", "fibre-rollout", "tower-dispute"]
    );
    assert_eq!(
        listed(&book.read("public/archive/2021/page/2/index.html")),
        ["spectrum-auction", "new-year-tariffs"]
    );
    assert_eq!(
        listed(&book.read("public/archive/2020/index.html")),
        ["autumn-merger", "summer-strike"]
    );
    let undated = book.read("public/archive/undated/index.html");
    assert_eq!(listed(&undated), ["undated-memo"]);
    assert!(undated.contains("1 article without a date"));

    // Every page links the archive from its header; the index also from its list.
    for page in [
        "index.html",
        "page/2/index.html",
        "summer-strike/index.html",
    ] {
        let html = book.read(&format!("public/{page}"));
        let root = "../".repeat(page.matches('/').count());
        assert!(
            html.contains(&format!(
                "<nav class=\"site-nav\" aria-label=\"Site\"><a href=\"{root}archive/index.html\">Archive</a>"
            )),
            "{page}"
        );
    }
    assert!(
        book.read("public/index.html")
            .contains("Browse them <a href=\"archive/index.html\">by year and month</a>")
    );
}

#[test]
fn every_link_of_every_page_resolves_and_check_follows_them() {
    let book = built();
    super::site::assert_links_resolve(&book.path().join("public"));
    let run = book.run(&["check", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON findings");
    let broken: Vec<&serde_json::Value> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(broken.is_empty(), "{broken:?}");

    // A pager that links past the last page: `folio check` reports it on the page that has it.
    book.write(
        "themes/default/templates/pager.html",
        b"{% if pager.next %}<a href=\"{{ root }}page/{{ pager.total + 1 }}/index.html\">past</a>{% endif %}",
    );
    let run = book.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "link to `../../page/4/index.html` does not resolve: the site has no page/4/index.html"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("public/page/2/index.html"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_feed_holds_the_newest_entries_up_to_feed_limit() {
    let book = built();
    let ids = |book: &TestBook| -> Vec<String> {
        let xml = book.read("public/atom.xml");
        let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
        doc.root_element()
            .children()
            .filter(|c| c.has_tag_name((ATOM, "entry")))
            .map(|e| {
                e.children()
                    .find(|c| c.has_tag_name((ATOM, "id")))
                    .and_then(|c| c.text())
                    .unwrap()
                    .trim_start_matches("https://example.org/notes/")
                    .trim_end_matches('/')
                    .to_string()
            })
            .collect()
    };
    assert_eq!(ids(&book), &BOOK_ORDER[..4]);

    let yaml = book
        .read("book.yaml")
        .replace("feed_limit: 4", "feed_limit: 0");
    book.write("book.yaml", yaml.as_bytes());
    book.build();
    assert_eq!(ids(&book), BOOK_ORDER, "0: every article");

    // Without the key: 50, more than the book has.
    let yaml = book.read("book.yaml").replace("feed_limit: 0\n", "");
    book.write("book.yaml", yaml.as_bytes());
    book.build();
    assert_eq!(ids(&book).len(), 8);
}

#[test]
fn the_sitemap_lists_every_listing_page() {
    let book = built();
    let xml = book.read("public/sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is XML");
    assert!(doc.root_element().has_tag_name((SITEMAP, "urlset")));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "loc")))
        .filter_map(|n| n.text())
        .map(|l| l.trim_start_matches("https://example.org/notes/"))
        .collect();
    for want in [
        "",
        "page/2/",
        "page/3/",
        "tags/network/page/2/",
        "archive/",
        "archive/2021/page/2/",
        "archive/2021/03/page/2/",
        "archive/2020/06/",
        "archive/undated/",
        "summer-strike/",
    ] {
        assert_eq!(
            locs.iter().filter(|l| **l == want).count(),
            1,
            "{want}: {locs:?}"
        );
    }
    // Every listed page exists.
    for loc in &locs {
        assert!(
            book.path()
                .join("public")
                .join(loc)
                .join("index.html")
                .is_file(),
            "{loc}"
        );
    }
    // A page's lastmod is its newest article's.
    assert!(xml.contains("<loc>https://example.org/notes/archive/2020/11/</loc><lastmod>2020-11-02T09:30:00+01:00</lastmod>"), "{xml}");
}

#[test]
fn paginate_0_puts_every_article_on_one_page() {
    let book = TestBook::copy_of(&fixture("pages"));
    let yaml = book.read("book.yaml").replace("paginate: 3", "paginate: 0");
    book.write("book.yaml", yaml.as_bytes());
    book.build();
    assert!(!book.path().join("public/page").exists());
    assert!(!book.path().join("public/archive/2021/page").exists());
    let index = book.read("public/index.html");
    assert_eq!(listed(&index), BOOK_ORDER);
    assert!(!index.contains("class=\"pager\""));
    assert!(!index.contains("rel=\"next\""));
}

#[test]
fn an_article_may_not_take_a_folder_folio_writes() {
    let book = TestBook::copy_of(&fixture("pages"));
    book.write(
        "content/archive-note.md",
        b"---\ntitle: About the archive\nslug: archive\ndate: 2021-02-02\n---\nBody.\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/archive-note.md:3:7: the slug `archive` is the folder of the archive pages, which folio writes itself"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("set another `slug:`"), "{}", run.stderr);
}

/// The feed's `updated` is the newest change among its entries: an article the limit leaves
/// out, however recently updated, does not move it.
#[test]
fn the_feed_is_updated_when_one_of_its_entries_is() {
    let book = built();
    let updated = |book: &TestBook| -> String {
        let xml = book.read("public/atom.xml");
        let doc = roxmltree::Document::parse(&xml).expect("atom.xml is XML");
        doc.root_element()
            .children()
            .find(|c| c.has_tag_name((ATOM, "updated")))
            .and_then(|c| c.text())
            .unwrap()
            .to_string()
    };
    assert_eq!(updated(&book), "2021-03-20T00:00:00Z");
    // `summer-strike` is past the limit of 4: its update is not the feed's.
    let path = "content/summer-strike.md";
    let text = book
        .read(path)
        .replacen("---\n", "---\nupdated: 2030-01-01T00:00:00Z\n", 1);
    book.write(path, text.as_bytes());
    book.build();
    assert_eq!(updated(&book), "2021-03-20T00:00:00Z");
    // `fibre-rollout` is an entry: its update is.
    let path = "content/fibre-rollout.md";
    let text = book
        .read(path)
        .replacen("---\n", "---\nupdated: 2030-01-01T00:00:00Z\n", 1);
    book.write(path, text.as_bytes());
    book.build();
    assert_eq!(updated(&book), "2030-01-01T00:00:00Z");
}
