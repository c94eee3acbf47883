//! One `.txt` scrape or saved page read the way `folio import` shows it: the article it loads
//! as (for `--out`), and beside it the import's own result once corrected — the import JSON,
//! the outline, where the title came from, and for `--explain` what each line or part of the
//! page became. It is the loader's own path ([`super::load_file`], [`super::load_html_file`]),
//! so what `import` shows is what a build gets. Nothing here prints or writes.

use std::collections::BTreeSet;
use std::path::Path;

use crate::error::{Error, Result};
use crate::import::Scrape;
use crate::import::html::LeftOut;

use super::Loaded;
use super::article::{PageView, clean_text, load_page, load_text};
use super::body::ScrapeView;

/// Where the title of an article whose front matter names it came from.
pub const TITLE_FROM_FRONT_MATTER: &str = "front matter";
/// Where a scrape's title came from when it is the scrape's own.
pub const TITLE_FROM_FIRST_LINE: &str = "first line of the scrape";
/// Where a page's title came from when the page states no headline.
pub const TITLE_FROM_FIRST_WORDS: &str = "first words of the text";

/// A scrape or page as `folio import` shows it.
#[derive(Debug)]
pub struct Imported {
    /// The article it loads as.
    pub loaded: Loaded,
    /// The import's result with the front matter's corrections applied and its title laid
    /// over the detected one.
    pub scrape: Scrape,
    /// Where the title came from: [`TITLE_FROM_FRONT_MATTER`], [`TITLE_FROM_FIRST_LINE`], or
    /// a page's source (`JSON-LD headline`, `<meta property=og:title>`, …).
    pub title_source: String,
    /// Lines a front matter `keep` decided.
    pub kept: BTreeSet<u32>,
    /// For `explain`, a page's parts left out of the article, in page order.
    pub left_out: Vec<LeftOut>,
    /// The file lines the front matter takes, fences included, when there is one.
    pub front_matter: Option<(usize, usize)>,
    /// A scrape's text after the front matter (line ends `\n`) and its first file line.
    pub body: Option<(String, u32)>,
}

/// Reads the `.txt` scrape or saved page `bytes` of `path`; with `explain`, also finds what a
/// page's article left out. `language` is the book's (or the default `en`).
pub fn import_file(path: &Path, bytes: Vec<u8>, language: &str, explain: bool) -> Result<Imported> {
    if crate::import::html::is_html_path(path) {
        let mut view = PageView {
            explain,
            ..PageView::default()
        };
        let loaded = load_page(path, &bytes, language, Some(&mut view))?;
        let page = view
            .page
            .ok_or_else(|| Error::Message(format!("{}: not a saved page", path.display())))?;
        let title_source = page
            .scrape
            .sources
            .get("title")
            .cloned()
            .unwrap_or_else(|| TITLE_FROM_FIRST_WORDS.to_string());
        return Ok(Imported {
            loaded,
            scrape: page.scrape,
            title_source,
            kept: page.outcome.kept,
            left_out: page.left_out,
            front_matter: (view.body_line > 1).then(|| (1, view.body_line - 1)),
            body: None,
        });
    }
    let text = crate::fs::decode_text(path, bytes)?;
    let mut view = ScrapeView::default();
    let loaded = load_text(path, &text, language, Some(&mut view))?;
    let scrape = view.scrape.ok_or_else(|| {
        Error::Message(format!(
            "{}: not a raw scrape (.txt) or a saved page (.html, .htm)",
            path.display()
        ))
    })?;
    let clean = clean_text(&text);
    let fm = super::split_front_matter(path, &clean)?;
    let title_source = if scrape.title_line < fm.body_line as u32 {
        TITLE_FROM_FRONT_MATTER
    } else {
        TITLE_FROM_FIRST_LINE
    };
    Ok(Imported {
        loaded,
        title_source: title_source.to_string(),
        kept: view.outcome.kept,
        left_out: Vec::new(),
        front_matter: (fm.body_line > 1).then(|| (1, fm.body_line - 1)),
        body: Some((fm.body.to_string(), fm.body_line as u32)),
        scrape,
    })
}
