//! Main-text extraction: which part of the page is the article. This wraps dom_smoothie (a
//! port of Mozilla's Readability.js); the choice and its measurements are in `Cargo.toml`
//! beside the dependency and in the README ("HTML input"). dom_smoothie gives back the
//! article as cleaned HTML, which [`super::blocks`] turns into folio blocks.
//!
//! Nothing here reads metadata or comments, and a page the extractor cannot read is not an
//! error: the caller falls back to the whole body and says so.

/// The article as the extractor cleaned it.
pub(super) struct Extracted {
    /// The article's HTML (a fragment: `<div id="readability-page-1">…`).
    pub html: String,
    /// The extractor's own title, used only when the page states no headline.
    pub title: String,
    pub byline: Option<String>,
}

/// The article part of `page`, or why there is none.
pub(super) fn extract(page: &str) -> Result<Extracted, String> {
    let config = dom_smoothie::Config {
        // folio reads JSON-LD itself, with sources; the extractor only finds the text.
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let mut readability =
        dom_smoothie::Readability::new(page, None, Some(config)).map_err(|e| e.to_string())?;
    let article = readability.parse().map_err(|e| e.to_string())?;
    Ok(Extracted {
        html: article.content.to_string(),
        title: article.title,
        byline: article.byline,
    })
}
