//! Paginated lists of articles: the index, each tag page and each period of the archive are
//! cut into pages of `paginate` articles (all on one page with `paginate: 0`). Page 1 stays at
//! the list's own address (`index.html`, `tags/<slug>/index.html`), page N goes to
//! `<list>/page/<N>/index.html` — the Zola and Hugo layout — with its own title
//! ("Huawei · page 2"), canonical URL, `rel="prev"`/`rel="next"` links and pager.
//!
//! Every page is written straight to its file, on rayon's threads: memory holds one page per
//! thread, never a whole list of 100,000 articles rendered. A list with no articles still gets
//! its page 1.

use rayon::prelude::*;
use tera::Context;

use super::Pages;
use super::sitemap::SitemapUrl;
use crate::error::Result;
use crate::model::Timestamp;
use crate::theme::views::{ArticleSummaryView, PagerView, page_dir};

/// One list of articles to write.
pub(super) struct Listing<'a> {
    /// The folder of page 1 from the site root: `""`, `tags/<slug>/`, `archive/2021/05/`.
    pub base: String,
    pub template: &'static str,
    /// The page's own title ("Huawei", the book's title for the index) and what follows it in
    /// `<title>` (" · Tags · <book>"); later pages put " · page N" between the two.
    pub title: String,
    pub title_suffix: String,
    /// What is rendered, for error messages: "the tag `Huawei`".
    pub what: String,
    /// The listed articles (indices into the book), in the order shown.
    pub articles: &'a [usize],
}

/// The pages a list of `count` articles takes with `per_page` articles a page (at least one).
pub(super) fn page_count(count: usize, per_page: Option<usize>) -> usize {
    match per_page {
        Some(n) if n > 0 => count.div_ceil(n).max(1),
        _ => 1,
    }
}

/// `"../"` once for each folder of `dir` (a `/`-terminated path from the site root): the
/// `root` of a page there.
pub(super) fn root_of(dir: &str) -> String {
    "../".repeat(dir.matches('/').count())
}

impl Pages<'_> {
    /// Writes every page of `listing` with the variables of every page plus `articles` (the
    /// page's summaries), `article_count` (the whole list's) and `pager`, and those `fill`
    /// adds. Returns the pages for the sitemap, in order.
    pub(super) fn write_listing(
        &self,
        listing: &Listing<'_>,
        summaries: &[ArticleSummaryView<'_>],
        fill: impl Fn(&mut Context) + Sync,
    ) -> Result<Vec<SitemapUrl>> {
        let per_page = self.ctx.config.paginate;
        let total = page_count(listing.articles.len(), per_page);
        let chunk = per_page.unwrap_or(listing.articles.len()).max(1);
        let written: Vec<Result<SitemapUrl>> = (1..=total)
            .into_par_iter()
            .map(|n| {
                let start = ((n - 1) * chunk).min(listing.articles.len());
                let end = (start + chunk).min(listing.articles.len());
                let on_page = &listing.articles[start..end];
                let dir = page_dir(&listing.base, n);
                let pager = PagerView::new(&listing.base, n, total);
                let title = if n == 1 {
                    listing.title.clone()
                } else {
                    format!("{} · page {n}", listing.title)
                };
                let mut head = self.page(&title, Some(&dir));
                head.prev = pager.prev.clone();
                head.next = pager.next.clone();
                let listed: Vec<&ArticleSummaryView> =
                    on_page.iter().map(|&i| &summaries[i]).collect();
                let what = if n == 1 {
                    listing.what.clone()
                } else {
                    format!("page {n} of {}", listing.what)
                };
                self.render(
                    listing.template,
                    &format!("{dir}index.html"),
                    &root_of(&dir),
                    &format!("{title}{}", listing.title_suffix),
                    &what,
                    head,
                    |c| {
                        c.insert("articles", &listed);
                        c.insert("article_count", &listing.articles.len());
                        c.insert("pager", &pager);
                        fill(c);
                    },
                )?;
                Ok(SitemapUrl {
                    path: dir,
                    lastmod: self.newest(on_page),
                })
            })
            .collect();
        // The first failure in page order, whatever the thread that met it.
        written.into_iter().collect()
    }

    /// The newest change (`updated:`, else the date) among `articles`.
    pub(super) fn newest(&self, articles: &[usize]) -> Option<Timestamp> {
        articles
            .iter()
            .filter_map(|&i| self.ctx.articles[i].modified())
            .max_by_key(Timestamp::instant)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_take_whole_pages_and_at_least_one() {
        let cases = [
            (0, Some(3), 1),
            (3, Some(3), 1),
            (4, Some(3), 2),
            (7, Some(3), 3),
            (100_000, Some(50), 2_000),
            (100_000, None, 1),
        ];
        for (count, per_page, pages) in cases {
            assert_eq!(
                page_count(count, per_page),
                pages,
                "{count} by {per_page:?}"
            );
        }
    }

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("page/2/"), "../../");
        assert_eq!(root_of("tags/华为/page/2/"), "../../../../");
        assert_eq!(root_of("archive/2021/05/page/3/"), "../../../../../");
    }
}
