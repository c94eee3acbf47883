//! `sitemap.xml` (sitemaps.org protocol 0.9): the index, every article and every tag page, as
//! absolute URLs from `base_url`, with `lastmod` from article dates (`updated:` when given).
//! The search page, 404.html and the redirect pages of aliases are not content and are left
//! out.

use std::fmt::Write;

use super::tags::Tags;
use super::xml::{SiteUrl, escape};
use crate::model::{Article, Timestamp};

pub(super) fn render_sitemap(site: &SiteUrl, articles: &[Article], tags: &Tags) -> String {
    let newest = |indices: &mut dyn Iterator<Item = usize>| -> Option<Timestamp> {
        indices
            .filter_map(|i| articles[i].modified())
            .max_by_key(Timestamp::instant)
    };
    let mut urls: Vec<(String, Option<Timestamp>)> = Vec::new();
    urls.push((site.absolute(""), newest(&mut (0..articles.len()))));
    for article in articles {
        urls.push((
            site.absolute(&format!("{}/", article.slug)),
            article.modified(),
        ));
    }
    if !tags.is_empty() {
        urls.push((site.absolute("tags/"), newest(&mut (0..articles.len()))));
        for tag in &tags.tags {
            urls.push((
                site.absolute(&format!("tags/{}/", tag.slug)),
                newest(&mut tag.articles.iter().copied()),
            ));
        }
    }
    let mut out = String::with_capacity(200 + urls.len() * 120);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in urls {
        let _ = write!(out, "  <url><loc>{}</loc>", escape(&loc));
        if let Some(d) = lastmod {
            let _ = write!(out, "<lastmod>{}</lastmod>", lastmod_text(d));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// A W3C Datetime, as sitemaps take it: the day, or the time when its zone is known (the
/// format has no zoneless times).
fn lastmod_text(t: Timestamp) -> String {
    match t.time() {
        Some(time) if time.offset_minutes.is_some() => time.to_string(),
        _ => t.day().to_string(),
    }
}
