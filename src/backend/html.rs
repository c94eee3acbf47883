//! The HTML site: `index.html` listing every article and `<slug>/index.html` per article, plus
//! the theme's static files. Links are relative, so the site works from disk and under any
//! sub-path of `base_url`.

use std::path::Path;

use tera::Context;

use super::{Backend, RenderContext};
use crate::error::Result;
use crate::fs;
use crate::theme::views::{ArticleSummaryView, ArticleView, BookView};

pub struct HtmlBackend;

impl Backend for HtmlBackend {
    fn name(&self) -> &'static str {
        "html"
    }

    fn write(&self, ctx: &RenderContext<'_>, out: &Path) -> Result<()> {
        let book = BookView::new(ctx.config);
        for (name, bytes) in &ctx.theme.static_files {
            let path = out.join("static").join(name);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, bytes)?;
        }

        let summaries: Vec<ArticleSummaryView> =
            ctx.articles.iter().map(ArticleSummaryView::new).collect();
        let mut index = Context::new();
        index.insert("book", &book);
        index.insert("articles", &summaries);
        index.insert("root", "");
        index.insert("page_title", &book.title);
        index.insert("page_language", &book.language);
        let html = ctx.theme.render("index.html", &index, "the index page")?;
        fs::write(&out.join("index.html"), html.as_bytes())?;

        let no_edits = crate::normalize::EditLog::default();
        // Pages are rendered and written in parallel, each straight to its own file, so memory
        // holds a page per thread, never the whole site.
        use rayon::prelude::*;
        let written: Vec<Result<()>> = ctx
            .articles
            .par_iter()
            .enumerate()
            .map(|(i, article)| -> Result<()> {
                let prev = i.checked_sub(1).map(|p| &ctx.articles[p]);
                let next = ctx.articles.get(i + 1);
                let edits = ctx.edits.get(i).unwrap_or(&no_edits);
                let view = ArticleView::new(article, prev, next, edits, ctx.config.review);
                let mut page = Context::new();
                page.insert("book", &book);
                page.insert("article", &view);
                page.insert("root", "../");
                page.insert("page_title", &format!("{} · {}", article.title, book.title));
                page.insert("page_language", &book.language);
                let what = article.path.display().to_string();
                let html = ctx.theme.render("article.html", &page, &what)?;
                let dir = out.join(article.slug.as_str());
                fs::create_dir_all(&dir)?;
                fs::write(&dir.join("index.html"), html.as_bytes())?;
                if ctx.config.review {
                    let json = serde_json::to_vec_pretty(edits).map_err(|e| {
                        crate::Error::Message(format!("{what}: cannot encode the edit log: {e}"))
                    })?;
                    fs::write(&dir.join("edits.json"), &json)?;
                }
                Ok(())
            })
            .collect();
        // The first failure in article order, whatever the thread that met it.
        written.into_iter().collect()
    }
}
