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
mod decode;
mod dom;
mod extract;
mod meta;
mod thread;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use scraper::Selector;

use super::Scrape;
use crate::error::{Error, Location, Result};
use crate::model::{Block, BlockKind, Removed};

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
    let exclude: HashSet<dom::NodeId> = found.containers.iter().copied().collect();

    let depth = dom.depth();
    let body_sel = Selector::parse("body").expect("a valid selector");
    let mut extractor_title = None;
    let mut blocks = if depth > MAX_EXTRACTOR_DEPTH {
        warnings.push(format!(
            "the page nests elements {depth} deep; the article extractor was skipped and the whole body kept"
        ));
        whole_body(&dom, &exclude, &base, &mut removed)
    } else {
        let lines = text_lines(&dom);
        // The thread and the comment form leave the page before the extractor sees it, so no
        // comment can end up in the body.
        for id in &found.containers {
            if let Some(mut node) = dom.html.tree.get_mut(*id) {
                node.detach();
            }
        }
        let page = if found.containers.is_empty() {
            text.to_string()
        } else {
            dom.html.html()
        };
        match extract::extract(&page) {
            Ok(article) => {
                extractor_title = Some(article.title).filter(|t| !t.trim().is_empty());
                let _ = article.byline;
                let clean = dom::Dom::parse(&article.html);
                match clean.html.select(&body_sel).next() {
                    Some(root) => {
                        let mut b =
                            blocks::blocks(&clean, root, &HashSet::new(), &base, &mut removed);
                        relocate(&mut b, &clean, &lines);
                        b
                    }
                    None => Vec::new(),
                }
            }
            Err(why) => {
                warnings.push(format!(
                    "the article extractor found no article ({why}); the whole body was kept"
                ));
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
    Ok(Scrape {
        title,
        title_line: 1,
        metadata,
        blocks,
        references: Vec::new(),
        removed,
        sources,
        warnings,
        comments: found.thread,
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

fn line_key(text: &str) -> String {
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
