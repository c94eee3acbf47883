//! The EPUB backend: one EPUB 3 book of every article (with an EPUB 2 NCX for older readers),
//! or its volumes when the book is split (`epub.volumes`, planned by
//! [`crate::backend::volumes`]), and, with `epub.per_article`, one small book per article.
//!
//! epub-builder assembles the package (manifest, spine, nav, NCX); folio renders every page
//! itself through the theme (`epub/*.xhtml`), so the EPUB shows what the site shows. Three
//! things epub-builder 0.8.3 gets wrong for a valid, reproducible book are put right when its
//! zip is assembled (see [`assemble`](package::assemble)): it stamps zip entries with the wall
//! clock, it gives `dc:language` and `dc:creator` the same id, and it has no `dc:publisher` nor
//! `xml:lang` on the package; its nav and NCX are replaced by folio's own.
//!
//! `volume` writes one book (metadata, cover, title page, chapters, colophon), `cover` draws
//! the cover, `nav` writes the navigation documents, `package` turns epub-builder's zip into
//! the file and `xhtml` makes the renderers' HTML into XHTML.

mod cover;
mod nav;
mod package;
mod volume;
mod xhtml;

use std::path::Path;

use self::volume::{Volume, write_volume};
pub use self::xhtml::to_xhtml;
use super::{Backend, RenderContext};
use crate::error::Result;
use crate::model::Article;

pub struct EpubBackend;

impl Backend for EpubBackend {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn write(&self, ctx: &RenderContext<'_>, out: &Path) -> Result<()> {
        let stamp = timestamp(ctx.articles, ctx.source_date_epoch);
        let plan = crate::backend::volumes::plan(&ctx.config.epub, ctx.articles);
        for (index, part) in plan.iter().enumerate() {
            let book = Volume::book(ctx, &plan, index);
            write_volume(ctx, &book, stamp, out, &part.filename)?;
        }
        if ctx.config.epub.per_article {
            for index in 0..ctx.articles.len() {
                let article = &ctx.articles[index];
                let rel = format!("{}/{}", article.slug, per_article_filename(article));
                // One article's book depends on that article and the book's timestamp.
                let key = crate::incremental::KeyHasher::new()
                    .key(ctx.sources.get(index).copied().unwrap_or_default())
                    .str(&stamp.to_string())
                    .finish();
                if ctx.incremental.unchanged(&rel, key) && ctx.incremental.reuse_file(&rel, out) {
                    ctx.progress.inc();
                    continue;
                }
                let volume = Volume::article(ctx, index);
                write_volume(ctx, &volume, stamp, out, &rel)?;
            }
        }
        Ok(())
    }
}

/// `<slug>.epub`, written in the article's folder beside its page.
pub fn per_article_filename(article: &Article) -> String {
    format!("{}.epub", article.slug)
}

/// The EPUB's modification time, in seconds since 1970: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), otherwise the newest article change (its `updated:`, else
/// its date), never the clock.
/// Zip timestamps cannot go before 1980, so neither does this.
pub fn timestamp(articles: &[Article], source_date_epoch: Option<i64>) -> i64 {
    const ZIP_EPOCH: i64 = 315_532_800; // 1980-01-01T00:00:00Z
    let stamp = match source_date_epoch {
        Some(seconds) => seconds,
        None => articles
            .iter()
            .filter_map(|a| a.modified())
            .map(|t| t.instant())
            .max()
            .unwrap_or(ZIP_EPOCH),
    };
    // The zip format stops at 2107; clamp rather than fail on an absurd epoch.
    stamp.clamp(ZIP_EPOCH, 4_354_819_199)
}
