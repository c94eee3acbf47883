//! Saved HTML page → the import's [`Scrape`]: decode the bytes (`decode`), parse them with
//! html5ever keeping each element's line (`dom`), read the page's metadata with where each
//! fact came from (`meta`), find the reader comment thread (`thread`) and keep it out of the
//! body, find the article text (`extract`) and turn it into blocks (`blocks`).
//!
//! Everything dropped or doubtful is in the report: [`Scrape::sources`] says where each
//! metadata field came from, [`Scrape::warnings`] what could not be read as it should (a
//! thread loaded by JavaScript, a wrong encoding declaration, a page too deeply nested for
//! the extractor), [`Scrape::removed`] what was left out. It never reads files, never
//! matches markup with patterns, and never panics: the only errors are a page that is binary
//! data and a page with no text at all.

mod blocks;
mod corrections;
mod decode;
mod dom;
mod explain;
mod extract;
mod meta;
mod thread;
mod trim;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use scraper::Selector;

use super::Scrape;
use super::corrections::{Corrections, Outcome};
use crate::error::{Error, Location, Result};
use crate::model::{Block, BlockKind, Removed};

pub use explain::LeftOut;
pub use meta::parse_date;

/// Deeper pages skip the extractor (whose walks are not all iterative) and keep their whole
/// body, with a warning. Real pages stay far below: the deepest of the development set is 60.
const MAX_EXTRACTOR_DEPTH: usize = 512;

/// Whether `path` names a saved page (`.html`, `.htm`, any case).
pub fn is_html_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
}

/// Imports the saved page `bytes` (from `path`, shown in errors).
pub fn import_page(path: &Path, bytes: &[u8]) -> Result<Scrape> {
    import_page_with(path, bytes, &Corrections::default(), false).map(|p| p.scrape)
}

/// A saved page imported with its front matter's corrections.
#[derive(Debug, Clone)]
pub struct Page {
    pub scrape: Scrape,
    /// What the corrections kept.
    pub outcome: Outcome,
    /// With `explain`: every part of the page that is not in the article, in page order.
    pub left_out: Vec<LeftOut>,
}

/// [`import_page`] with `corrections` applied (see [`corrections`]); with `explain`, also
/// which parts of the page were left out and why (see [`explain`]).
pub fn import_page_with(
    path: &Path,
    bytes: &[u8],
    corrections: &Corrections,
    explain: bool,
) -> Result<Page> {
    let decoded = decode::decode(path, bytes)?;
    let mut warnings = Vec::new();
    let mut sources = BTreeMap::new();
    let mut metadata = BTreeMap::new();
    sources.insert("encoding".to_string(), decoded.source.clone());
    metadata.insert("encoding".to_string(), decoded.encoding.to_string());
    warnings.extend(decoded.warning.clone());
    let text = decoded
        .text
        .strip_prefix('\u{feff}')
        .unwrap_or(&decoded.text);

    let mut dom = dom::Dom::parse(text);
    if dom.flattened > 0 {
        warnings.push(format!(
            "{} elements nested deeper than {} were flattened into their ancestor (their text is kept)",
            dom.flattened,
            dom::MAX_DEPTH
        ));
    }
    let meta = meta::read(&dom.html);
    let found = thread::find(&dom);
    if let Some(note) = &found.not_saved {
        warnings.push(note.clone());
    }
    if let Some(source) = found.source {
        sources.insert("comments".to_string(), source.to_string());
    }
    let base = blocks::Base::new(meta.url.as_ref().map(|u| u.value.as_str()));
    let mut removed = Vec::new();
    let dropped = corrections::selected_drops(&dom, corrections, &mut removed)?;
    let mut left_out = Vec::new();
    if explain {
        for id in &found.containers {
            if let Some(e) = dom.html.tree.get(*id).and_then(scraper::ElementRef::wrap) {
                left_out.push(LeftOut {
                    line: dom.line(*id),
                    element: explain::label(e),
                    text: dom::text_of(e),
                    reason: match found.source {
                        Some(source) if !found.thread.is_empty() => format!(
                            "the comment thread ({source}), read as {} comments",
                            found.thread.len()
                        ),
                        _ => "the comment section or form (no comments in it)".to_string(),
                    },
                });
            }
        }
    }
    let exclude: HashSet<dom::NodeId> = found.containers.iter().chain(&dropped).copied().collect();
    let mut kept_text: HashSet<String> = HashSet::new();
    let mut whole = false;

    let depth = dom.depth();
    let body_sel = Selector::parse("body").expect("a valid selector");
    let mut extractor_title = None;
    let mut blocks = if depth > MAX_EXTRACTOR_DEPTH {
        warnings.push(format!(
            "the page nests elements {depth} deep; the article extractor was skipped and the whole body kept"
        ));
        whole = true;
        whole_body(&dom, &exclude, &base, &mut removed)
    } else {
        let lines = text_lines(&dom);
        // The thread and the comment form leave the page before the extractor sees it, so no
        // comment can end up in the body; so do the elements the front matter drops.
        for id in found.containers.iter().chain(&dropped) {
            if let Some(mut node) = dom.html.tree.get_mut(*id) {
                node.detach();
            }
        }
        let page = if found.containers.is_empty() && dropped.is_empty() {
            text.to_string()
        } else {
            dom.html.html()
        };
        match extract::extract(&page) {
            Ok(article) => {
                extractor_title = Some(article.title).filter(|t| !t.trim().is_empty());
                let _ = article.byline;
                let clean = dom::Dom::parse(&article.html);
                if explain {
                    kept_text.extend(clean.html.tree.nodes().filter_map(|n| match n.value() {
                        scraper::Node::Text(t) => Some(line_key(t)),
                        _ => None,
                    }));
                }
                match clean.html.select(&body_sel).next() {
                    Some(root) => {
                        let mut b =
                            blocks::blocks(&clean, root, &HashSet::new(), &base, &mut removed);
                        relocate(&mut b, &clean, &lines);
                        trim::trim(&mut b, &mut removed);
                        b
                    }
                    None => Vec::new(),
                }
            }
            Err(why) => {
                warnings.push(format!(
                    "the article extractor found no article ({why}); the whole body was kept"
                ));
                whole = true;
                whole_body(&dom, &exclude, &base, &mut removed)
            }
        }
    };

    // The title: the page's headline, else the extractor's, else the first heading.
    let (title, title_source) = match (&meta.headline, extractor_title) {
        (Some(h), _) => (h.value.clone(), h.source.clone()),
        (None, Some(t)) => (t, "readability's title rules on <title>".to_string()),
        (None, None) => match blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { .. }))
        {
            Some(i) => {
                let b = blocks.remove(i);
                (
                    crate::markdown::plain_text(&b.text, b.markup),
                    "first heading".to_string(),
                )
            }
            None => (String::new(), String::new()),
        },
    };
    if title.is_empty() && blocks.is_empty() {
        return Err(Error::at(
            Location::new(path, 1, 1),
            "the page has no article: no title and no text (only scripts, styles or markup)",
        )
        .with_hint("a saved page must hold the article's text; save it after it has loaded"));
    }
    let title = if title.is_empty() {
        warnings
            .push("the page states no headline; the first words of the text stand for it".into());
        let first = crate::markdown::plain_text(&blocks[0].text, blocks[0].markup);
        first.chars().take(80).collect()
    } else {
        sources.insert("title".to_string(), title_source);
        drop_title_heading(&mut blocks, &title, &mut removed);
        title
    };
    if blocks.is_empty() {
        warnings.push("the page has a headline but no article text".into());
    }
    let (outcome, kept_elements) = corrections::apply_to_blocks(
        &dom,
        corrections,
        &exclude,
        &base,
        &mut blocks,
        &mut removed,
    )?;
    if explain {
        if !whole {
            // Text of what the front matter kept is in the article too.
            for id in &kept_elements {
                if let Some(e) = dom.html.tree.get(*id).and_then(scraper::ElementRef::wrap) {
                    kept_text.extend(e.text().map(line_key));
                }
            }
        } else {
            for node in dom.html.tree.nodes() {
                if let scraper::Node::Text(t) = node.value() {
                    kept_text.insert(line_key(t));
                }
            }
        }
        let mut known: HashSet<dom::NodeId> = exclude.clone();
        known.extend(dropped.iter().copied());
        left_out.extend(explain::left_out(&dom, &kept_text, &known, &title));
        left_out.sort_by_key(|l| l.line);
    }

    put(
        &mut metadata,
        &mut sources,
        "author",
        meta.authors
            .as_ref()
            .map(|a| (a.value.join("; "), &a.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "published",
        meta.published
            .as_ref()
            .map(|d| (d.value.to_string(), &d.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "updated",
        meta.updated
            .as_ref()
            .map(|d| (d.value.to_string(), &d.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "site",
        meta.site.as_ref().map(|s| (s.value.clone(), &s.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "url",
        meta.url.as_ref().map(|s| (s.value.clone(), &s.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "language",
        meta.language.as_ref().map(|s| (s.value.clone(), &s.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "description",
        meta.description
            .as_ref()
            .map(|s| (s.value.clone(), &s.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "section",
        meta.section.as_ref().map(|s| (s.value.clone(), &s.source)),
    );
    put(
        &mut metadata,
        &mut sources,
        "tags",
        meta.tags.as_ref().map(|t| (t.value.join("; "), &t.source)),
    );

    removed.sort_by_key(|r| r.line);
    Ok(Page {
        scrape: Scrape {
            title,
            title_line: 1,
            metadata,
            blocks,
            references: Vec::new(),
            removed,
            sources,
            warnings,
            comments: found.thread,
            comments_from: None,
        },
        outcome,
        left_out,
    })
}

fn put(
    metadata: &mut BTreeMap<String, String>,
    sources: &mut BTreeMap<String, String>,
    key: &str,
    value: Option<(String, &String)>,
) {
    if let Some((v, source)) = value
        && !v.is_empty()
    {
        metadata.insert(key.to_string(), v);
        sources.insert(key.to_string(), source.clone());
    }
}

/// The page's whole `<body>` as blocks, the thread left out: for pages the extractor cannot
/// take.
fn whole_body(
    dom: &dom::Dom,
    exclude: &HashSet<dom::NodeId>,
    base: &blocks::Base,
    removed: &mut Vec<Removed>,
) -> Vec<Block> {
    let body_sel = Selector::parse("body").expect("a valid selector");
    let root = dom
        .html
        .select(&body_sel)
        .next()
        .unwrap_or_else(|| dom.html.root_element());
    blocks::blocks(dom, root, exclude, base, removed)
}

/// How many characters of a text node identify it when finding a block's source line.
const LINE_KEY: usize = 40;

pub(super) fn line_key(text: &str) -> String {
    let mut s = String::new();
    dom::push_collapsed(&mut s, text.trim_matches(dom::is_space));
    s.chars().take(LINE_KEY).collect()
}

/// The first source line of each distinct text of the page, to give the extractor's blocks
/// (parsed from its cleaned HTML) the lines they have in the saved file.
fn text_lines(dom: &dom::Dom) -> HashMap<String, u32> {
    let mut lines = HashMap::new();
    for node in dom.html.tree.nodes() {
        if let scraper::Node::Text(t) = node.value() {
            let key = line_key(t);
            if key.chars().count() >= 8 {
                lines.entry(key).or_insert_with(|| dom.line(node.id()));
            }
        }
    }
    lines
}

/// Sets each block's line to the saved page's line of its first text, where it is found.
fn relocate(blocks: &mut [Block], clean: &dom::Dom, lines: &HashMap<String, u32>) {
    let mut by_clean_line: HashMap<u32, u32> = HashMap::new();
    for node in clean.html.tree.nodes() {
        if let scraper::Node::Text(t) = node.value()
            && let Some(&line) = lines.get(&line_key(t))
        {
            by_clean_line.entry(clean.line(node.id())).or_insert(line);
        }
    }
    let mut last = 1;
    for b in blocks {
        b.line = by_clean_line.get(&b.line).copied().unwrap_or(last);
        last = b.line;
    }
}

/// The article's own heading that repeats the title is dropped, with a note.
fn drop_title_heading(blocks: &mut Vec<Block>, title: &str, removed: &mut Vec<Removed>) {
    let same = |b: &Block| {
        let t = crate::markdown::plain_text(&b.text, b.markup);
        t.split_whitespace().eq(title.split_whitespace())
    };
    if let Some(i) = blocks
        .iter()
        .take(3)
        .position(|b| matches!(b.kind, BlockKind::Heading { .. } | BlockKind::Paragraph) && same(b))
    {
        let b = blocks.remove(i);
        removed.push(Removed {
            line: b.line,
            text: title.to_string(),
            reason: "duplicate title".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    const WORDPRESS: &str = include_str!("../../../tests/fixtures/html/wordpress-thread.html");
    const NEWS: &str = include_str!("../../../tests/fixtures/html/news-metadata.html");

    fn import(bytes: &[u8]) -> Scrape {
        import_page(Path::new("p.html"), bytes).unwrap_or_else(|e| panic!("{e}"))
    }

    fn body(s: &Scrape) -> String {
        s.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_wordpress_thread_nests_with_its_author_badge_and_stays_out_of_the_body() {
        let s = import(WORDPRESS.as_bytes());
        assert_eq!(s.title, "Why the chip ban hurts both sides");
        let walk: Vec<_> = s
            .comments
            .walk()
            .iter()
            .map(|v| {
                let c = v.comment;
                (
                    c.id.0.clone(),
                    v.depth,
                    c.author.clone(),
                    c.staff,
                    c.date_time.map(|d| d.to_string()),
                    c.body.clone(),
                )
            })
            .collect();
        let expected = vec![
            (
                "1041".to_string(),
                0,
                "happiman".to_string(),
                false,
                Some("2018-09-13T17:23:00+08:00".to_string()),
                "Both sides lose, as always.\n\nExcept the lawyers.\nAnd the lobbyists."
                    .to_string(),
            ),
            (
                "1042".to_string(),
                1,
                "Lin Wei".to_string(),
                true,
                Some("2018-09-13T18:02:00".to_string()),
                "Fair point, thanks for reading.".to_string(),
            ),
            (
                "1050".to_string(),
                0,
                "Zoë".to_string(),
                false,
                Some("2018-09-14T09:00:00Z".to_string()),
                "Where is the report?".to_string(),
            ),
        ];
        assert_eq!(walk, expected);
        assert_eq!(s.comments.comments[0].line, 27);
        assert_eq!(
            s.sources.get("comments").map(String::as_str),
            Some("WordPress comment list")
        );
        let text = body(&s);
        for gone in [
            "Both sides lose",
            "Leave a Reply",
            "Share this",
            "Home",
            "Copyright",
        ] {
            assert!(!text.contains(gone), "{gone:?} in the body:\n{text}");
        }
        assert!(text.contains("*easy to replace*"), "{text}");
        assert!(
            text.contains("[the report](https://example.org/report)"),
            "{text}"
        );
        assert!(
            s.blocks
                .iter()
                .any(|b| b.kind == BlockKind::Heading { level: 2 } && b.text == "Who pays")
        );
        assert_eq!(
            s.metadata.get("published").map(String::as_str),
            Some("2018-09-12T08:30:00+08:00")
        );
    }

    #[test]
    fn news_metadata_comes_with_its_sources_and_the_chrome_is_left_out() {
        let s = import(NEWS.as_bytes());
        assert_eq!(s.title, "Huawei unveils its own operating system");
        let facts: Vec<(&str, &str, &str)> = s
            .metadata
            .iter()
            .filter(|(k, _)| k.as_str() != "encoding")
            .map(|(k, v)| {
                (
                    k.as_str(),
                    v.as_str(),
                    s.sources.get(k).map_or("", String::as_str),
                )
            })
            .collect();
        assert_eq!(
            facts,
            [
                ("author", "Zhang Wei; Anna Smith", "JSON-LD author"),
                (
                    "description",
                    "The company says the system can replace Android within a year.",
                    "<meta name=description>"
                ),
                ("language", "zh-CN", "<html lang>"),
                (
                    "published",
                    "2019-08-09T20:15:00+08:00",
                    "JSON-LD datePublished"
                ),
                ("section", "Technology", "<meta property=article:section>"),
                ("site", "World News Daily", "<meta property=og:site_name>"),
                ("tags", "Huawei; Android", "<meta property=article:tag>"),
                (
                    "updated",
                    "2019-08-10T07:00:00+08:00",
                    "JSON-LD dateModified"
                ),
                (
                    "url",
                    "https://news.example/tech/2019/08/huawei-os.html",
                    "<link rel=canonical>"
                ),
            ]
        );
        assert_eq!(
            s.sources.get("title").map(String::as_str),
            Some("JSON-LD headline")
        );
        let text = body(&s);
        for gone in ["Sign in", "Related stories", "Tweet", "Privacy", "Sport"] {
            assert!(!text.contains(gone), "{gone:?} in the body:\n{text}");
        }
        let figure = s
            .blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Caption { .. }));
        let figure = figure.expect("a figure");
        assert_eq!(
            figure.kind,
            BlockKind::Caption {
                src: Some("https://news.example/img/launch.jpg".into())
            }
        );
        assert_eq!(
            figure.text,
            "Richard Yu presents the system in Dongguan. Photo: Visual China"
        );
        assert!(s.removed.iter().any(|r| r.text == "Richard Yu on stage"));
        assert!(s.blocks.iter().any(|b| b.kind == BlockKind::Quote));
        assert_eq!(
            s.blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
                .count(),
            2
        );
        // Blocks keep the line they have in the saved page.
        let first = s
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Huawei on Friday"))
            .expect("first paragraph");
        assert_eq!(first.line, 28);
    }

    #[test]
    fn gbk_and_windows_1252_pages_without_a_declaration_read_right() {
        let page = "<html><head><title>华为发布自有操作系统</title></head><body><article><p>华为周五发布了自有操作系统，称如果被切断美国软件供应，一年内即可在手机上取代安卓系统。</p><p>该系统名为鸿蒙，今年晚些时候将首先用于智能屏幕。</p></article></body></html>";
        let s = import(&encoding_rs::GBK.encode(page).0);
        assert_eq!(s.title, "华为发布自有操作系统");
        assert!(body(&s).contains("鸿蒙"), "{}", body(&s));
        assert_eq!(s.metadata.get("encoding").map(String::as_str), Some("GBK"));

        let page = "<html><head><title>Caf\u{e9} owners \u{2018}relieved\u{2019}</title></head><body><p>The caf\u{e9}\u{2019}s owners said they were \u{201c}relieved\u{201d} \u{2014} and open again.</p></body></html>";
        let s = import(&encoding_rs::WINDOWS_1252.encode(page).0);
        assert_eq!(s.title, "Caf\u{e9} owners \u{2018}relieved\u{2019}");
        assert!(
            body(&s).contains("\u{201c}relieved\u{201d} \u{2014}"),
            "{}",
            body(&s)
        );
    }

    #[test]
    fn a_thread_loaded_by_a_script_is_reported() {
        let page = "<html><head><title>T | Site</title></head><body><article><p>Some article text that is long enough to be the article of this page.</p></article><div id=\"disqus_thread\"></div><script src=\"https://site.disqus.com/embed.js\"></script></body></html>";
        let s = import(page.as_bytes());
        assert!(s.comments.is_empty());
        assert!(
            s.warnings.iter().any(|w| w.contains("Disqus")),
            "{:?}",
            s.warnings
        );
    }

    #[test]
    fn bad_pages_are_errors_or_articles_with_a_warning_and_never_panic() {
        let e = import_page(
            Path::new("p.html"),
            b"<script>var a = 1;</script><style>p{}</style>",
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("p.html:1:1: the page has no article"),
            "{e}"
        );
        let e = import_page(Path::new("p.html"), b"GIF89a\x01\x00\x01\x00\x00\xff").unwrap_err();
        assert!(e.to_string().contains("binary data"), "{e}");
        // Cut anywhere, a page still imports or fails cleanly.
        for cut in (0..NEWS.len()).step_by(97) {
            let _ = import_page(Path::new("p.html"), &NEWS.as_bytes()[..cut]);
        }
        let s = import(b"<title>Only a title</title>");
        assert!(s.blocks.is_empty());
        assert!(!s.warnings.is_empty());
    }
}
