//! The body of a content file, parsed by its markup: Markdown through [`crate::markdown`]
//! (its first level-1 heading may be the title), a raw scrape through [`crate::import`] (title,
//! blocks, references, removed lines, comments and residue facts). A title set in front
//! matter is respected here, as the body is parsed, and so are a scrape's front matter
//! corrections (`import:`), applied by [`crate::import::corrections`] once the title is
//! settled. Nothing here reads other front matter values, or checks metadata.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::import::Scrape;
use crate::import::corrections::{Corrections, Outcome};
use crate::model::{Block, BlockKind, Markup, Reference, Removed, Thread};

use super::front_matter::FrontMatter;
use super::markup_of;

/// What a body gives before front matter is applied.
pub(super) struct Body {
    /// The title the body gives: a Markdown file's first level-1 heading, a scrape's title
    /// line; `None` when front matter sets the title.
    pub(super) title: Option<String>,
    /// File line of the body's title line: 0 when a Markdown body has none.
    pub(super) title_line: u32,
    pub(super) blocks: Vec<Block>,
    pub(super) references: Vec<Reference>,
    pub(super) removed: Vec<Removed>,
    pub(super) comments: Thread,
    /// Facts a scrape kept from its residue; empty for Markdown.
    pub(super) metadata: BTreeMap<String, String>,
    /// Lines the front matter's `import: keep` kept.
    pub(super) kept: std::collections::BTreeSet<u32>,
}

/// What `folio import` shows of a scrape besides the article: the import's result once
/// corrected, and what the corrections kept.
#[derive(Debug, Default)]
pub(super) struct ScrapeView {
    pub(super) scrape: Option<Scrape>,
    pub(super) outcome: Outcome,
}

/// Parses the body of `fm` by the markup of `path`. `front_title` is the front matter's
/// `title:`, if any; `corrections` apply to a scrape (the caller refuses them elsewhere).
pub(super) fn parse_body(
    path: &Path,
    fm: &FrontMatter<'_>,
    front_title: Option<&str>,
    corrections: &Corrections,
    view: Option<&mut ScrapeView>,
) -> Result<Body> {
    match markup_of(path) {
        Markup::Markdown => parse_markdown(path, fm, front_title),
        Markup::Plain => parse_scrape(path, fm, front_title, corrections, view),
    }
}

/// A Markdown body. A file without a front matter title takes its first level-1 heading as
/// the title.
fn parse_markdown(path: &Path, fm: &FrontMatter<'_>, front_title: Option<&str>) -> Result<Body> {
    let mut blocks = crate::markdown::parse_blocks(fm.body, fm.body_line as u32);
    check_raw_html(path, &blocks)?;
    let mut heading = None;
    if front_title.is_none()
        && let Some(pos) = blocks
            .iter()
            .position(|b| matches!(b.kind, BlockKind::Heading { level: 1 }))
    {
        heading = Some(blocks.remove(pos));
    }
    let (title, title_line) = heading.map_or((None, 0), |h| (Some(h.text), h.line));
    Ok(Body {
        kept: Default::default(),
        title,
        title_line,
        blocks,
        references: Vec::new(),
        removed: Vec::new(),
        comments: Thread::default(),
        metadata: BTreeMap::new(),
    })
}

/// A raw scrape's body. When front matter sets the title, the line the importer took for
/// the title is body text again (see [`keep_first_scrape_line`]); then the corrections apply.
fn parse_scrape(
    path: &Path,
    fm: &FrontMatter<'_>,
    front_title: Option<&str>,
    corrections: &Corrections,
    view: Option<&mut ScrapeView>,
) -> Result<Body> {
    let mut scrape = crate::import::parse_scrape(path, fm.body, fm.body_line as u32)?;
    if let Some(t) = front_title {
        keep_first_scrape_line(
            t,
            scrape.title.clone(),
            scrape.title_line,
            &mut scrape.blocks,
            &mut scrape.removed,
        );
    }
    let outcome = crate::import::corrections::apply_to_scrape(
        fm.body,
        fm.body_line as u32,
        &mut scrape,
        corrections,
        front_title.is_some(),
    )?;
    let kept = outcome.kept.clone();
    if let Some(view) = view {
        view.scrape = Some(scrape.clone());
        view.outcome = outcome;
    }
    Ok(Body {
        kept,
        title: front_title.is_none().then_some(scrape.title),
        title_line: scrape.title_line,
        blocks: scrape.blocks,
        references: scrape.references,
        removed: scrape.removed,
        comments: scrape.comments,
        metadata: scrape.metadata,
    })
}

/// Raw HTML nested deeper than [`crate::markdown::MAX_HTML_DEPTH`] is refused where it is
/// written: sanitising it would take time growing with the square of its depth.
fn check_raw_html(path: &Path, blocks: &[Block]) -> Result<()> {
    for block in blocks.iter().filter(|b| b.kind == BlockKind::Html) {
        let depth = crate::markdown::html_nesting_depth(&block.text);
        if depth > crate::markdown::MAX_HTML_DEPTH {
            return Err(Error::at(
                Location::new(path, block.line as usize, 1),
                format!(
                    "this raw HTML nests elements {depth} deep; folio accepts at most {}",
                    crate::markdown::MAX_HTML_DEPTH
                ),
            )
            .with_hint("close the elements that are left open, or put the HTML in a code block to show it as text"));
        }
    }
    Ok(())
}

/// A scrape whose front matter names the title has no title line: the importer took its first
/// line of prose as the title, and that line is the body's first line instead (joined to the
/// paragraph it opens), unless it only repeats the title.
fn keep_first_scrape_line(
    title: &str,
    line_text: String,
    line: u32,
    blocks: &mut Vec<Block>,
    removed: &mut Vec<Removed>,
) {
    if line_text.trim() == title.trim() {
        let at = removed.partition_point(|r| r.line <= line);
        let removed_line = Removed {
            line,
            text: line_text,
            reason: "duplicate title".to_string(),
        };
        removed.insert(at, removed_line);
        return;
    }
    match blocks.first_mut() {
        Some(first)
            if first.line == line + 1
                && matches!(first.kind, BlockKind::Paragraph | BlockKind::Caption { .. }) =>
        {
            first.text = format!("{line_text}\n{}", first.text);
            first.kind = BlockKind::Paragraph;
            first.line = line;
        }
        _ => blocks.insert(
            0,
            Block {
                kind: BlockKind::Paragraph,
                text: line_text,
                line,
                markup: Markup::Plain,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_file;

    #[test]
    fn a_scrape_with_a_front_matter_title_keeps_its_first_line_as_body() {
        // Found by the `importer` fuzz target: the line the importer took for the title was
        // replaced by the front matter's title and lost.
        let p = Path::new("a.txt");
        let load = |text: &str| load_file(p, text, "en").unwrap().article;
        let a = load("---\ntitle: Hello\n---\nHello, world.\n\nMore.\n");
        assert_eq!(a.title, "Hello");
        let blocks: Vec<(&str, u32)> = a.blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(blocks, [("Hello, world.", 4), ("More.", 6)]);
        assert!(
            a.blocks
                .iter()
                .all(|b| b.kind == crate::model::BlockKind::Paragraph)
        );
        let b = load("---\ntitle: Hello\n---\nFirst line\nsecond line.\n");
        assert_eq!(b.blocks.len(), 1);
        assert_eq!(
            (b.blocks[0].text.as_str(), b.blocks[0].line),
            ("First line\nsecond line.", 4)
        );
        let c = load("---\ntitle: Hello\n---\nHello\n\nBody.\n");
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.removed[0].line, 4);
        assert_eq!(c.removed[0].reason, "duplicate title");
    }

    #[test]
    fn a_page_copy_gives_the_article_its_byline_and_date() {
        let p = Path::new("page.txt");
        let text = "Menu\n\nSearch\n\nThe harbour reopens after a week of repairs\n\nBy Jane Doe\n\nMarch 3, 2020 at 10:42 am UTC\n\nThe harbour reopened on Monday after a week of repairs to the sea wall, the port authority said in a statement.\n";
        let a = load_file(p, text, "en").unwrap().article;
        assert_eq!(a.title, "The harbour reopens after a week of repairs");
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2020-03-03"));
        assert_eq!(
            a.meta.get("published").map(String::as_str),
            Some("2020-03-03T10:42:00Z")
        );
        assert!(!a.meta.contains_key("author"));
        // Front matter wins over the page.
        let front = format!("---\nauthors: [Ann Lee]\ndate: 2020-03-04\n---\n{text}");
        let b = load_file(p, &front, "en").unwrap().article;
        assert_eq!(b.authors, ["Ann Lee"]);
        assert_eq!(b.date.map(|d| d.to_string()).as_deref(), Some("2020-03-04"));
    }
}
