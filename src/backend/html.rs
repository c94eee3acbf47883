//! The HTML site: `index.html` and its later pages listing the articles, `<slug>/index.html`
//! per article, tag pages, the archive by year and month, a search page with its prebuilt
//! index, `404.html`, and — when `base_url` is set — `atom.xml` and `sitemap.xml` (an index of
//! numbered sitemaps past 50,000 URLs), plus the theme's static files and a redirect page at
//! each article's former address (front matter `aliases:`). Lists of articles are paginated
//! (`paginate:`, see [`listing`]).
//!
//! Links are relative, so the site works from disk and under any sub-path of `base_url`. The
//! one exception is `404.html`: a server shows it in place of a missing page at any depth, so a
//! relative link would resolve differently each time; it links from the path of `base_url`
//! (`/archive/`), or from `/` when there is none.
//!
//! Every file is a function of the book alone: iteration is in book order or sorted, and no
//! clock is read, so rebuilding gives byte-identical output.

mod aliases;
mod calendar;
mod feed;
mod json_ld;
mod listing;
pub mod search;
mod sitemap;
mod tags;
mod xml;

use std::collections::BTreeSet;
use std::path::Path;

use tera::Context;

use super::{Backend, RenderContext};
use crate::error::{Error, Location, Result};
use crate::fs;
use crate::theme::views::{
    ArchiveMonthView, ArchivePeriodView, ArchiveYearView, ArticleSummaryView, ArticleView,
    BookView, EpubVolumeView, PageView, RedirectView, SiteView, TagView, excerpt,
};

use listing::Listing;
use sitemap::SitemapUrl;

pub use xml::base_path;

pub struct HtmlBackend;

impl Backend for HtmlBackend {
    fn name(&self) -> &'static str {
        "html"
    }

    fn write(&self, ctx: &RenderContext<'_>, out: &Path) -> Result<()> {
        // Aliases are checked before anything is rendered: a bad one fails the build at once.
        check_slugs(ctx)?;
        let redirects = aliases::plan(ctx.config, ctx.articles)?;
        let tags = tags::Tags::collect(ctx.articles);
        let volumes = if ctx.config.outputs.contains(&crate::config::Output::Epub) {
            super::volumes::plan(&ctx.config.epub, ctx.articles)
        } else {
            Vec::new()
        };
        let site = SiteView {
            has_tags: !tags.is_empty(),
            has_feed: ctx.config.base_url.is_some(),
            epub_href: match volumes.as_slice() {
                [one] => Some(one.filename.clone()),
                _ => None,
            },
            epub_volumes: if volumes.len() > 1 {
                volumes
                    .iter()
                    .map(|v| EpubVolumeView {
                        label: v.label.clone().unwrap_or_default(),
                        href: v.filename.clone(),
                        article_count: v.articles.len(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        };
        let pages = Pages {
            ctx,
            book: BookView::new(ctx.config),
            site,
            out,
        };
        for (name, bytes) in &ctx.theme.static_files {
            pages.write_file(&format!("static/{name}"), bytes)?;
        }

        let summaries: Vec<ArticleSummaryView> =
            ctx.articles.iter().map(ArticleSummaryView::new).collect();
        let everything: Vec<usize> = (0..ctx.articles.len()).collect();
        let index_urls = pages.write_listing(
            &Listing {
                base: String::new(),
                template: "index.html",
                title: pages.book.title.to_string(),
                title_suffix: String::new(),
                what: "the index page".to_string(),
                articles: &everything,
            },
            &summaries,
            |_| {},
        )?;

        let no_edits = crate::normalize::EditLog::default();
        // What every page shows of the site, hashed once for all their keys.
        let site_key = crate::incremental::KeyHasher::new()
            .str(&format!("{:?}", pages.site))
            .finish();
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
                let mut seen = BTreeSet::new();
                let tag_links: Vec<TagView> = article
                    .tags
                    .iter()
                    .filter_map(|t| tags.find(t))
                    .filter(|t| seen.insert(&t.slug))
                    .map(tag_view)
                    .collect();
                let dir = article.slug.as_str();
                let page = format!("{dir}/index.html");
                let edits_file = format!("{dir}/edits.json");
                let key = page_key(ctx, i, [prev, next], &tag_links, site_key);
                if ctx.incremental.unchanged(&page, key) && ctx.incremental.reuse_file(&page, out) {
                    if !ctx.config.review || ctx.incremental.reuse_file(&edits_file, out) {
                        ctx.progress.inc();
                        return Ok(());
                    }
                    // The page is a link to the previous output's file: rendering must not
                    // write through it.
                    ctx.incremental.discard(&page, out)?;
                }
                let mut view = ArticleView::new(article, prev, next, edits, ctx.config.review);
                view.tag_links = tag_links;
                let what = article.path.display().to_string();
                let title = format!("{} · {}", article.title, pages.book.title);
                let mut head = pages.page(&article.title, Some(&format!("{dir}/")));
                head.kind = "article";
                // The article's own description when it has one, else its first lines.
                let description = article
                    .description
                    .clone()
                    .unwrap_or_else(|| excerpt(article, 200));
                if !description.is_empty() {
                    head.description = Some(description);
                }
                head.json_ld = Some(json_ld::news_article(
                    article,
                    ctx.config,
                    head.description.as_deref(),
                    head.canonical.as_deref(),
                ));
                pages.render("article.html", &page, "../", &title, &what, head, |c| {
                    c.insert("article", &view)
                })?;
                if ctx.config.review {
                    let json = serde_json::to_vec_pretty(edits).map_err(|e| {
                        crate::Error::Message(format!("{what}: cannot encode the edit log: {e}"))
                    })?;
                    pages.write_file(&edits_file, &json)?;
                }
                ctx.progress.inc();
                Ok(())
            })
            .collect();
        // The first failure in article order, whatever the thread that met it.
        written.into_iter().collect::<Result<()>>()?;

        let mut tag_urls = Vec::new();
        if !tags.is_empty() {
            let all: Vec<TagView> = tags.tags.iter().map(tag_view).collect();
            let title = format!("Tags · {}", pages.book.title);
            pages.render(
                "tags.html",
                "tags/index.html",
                "../",
                &title,
                "the tag list",
                pages.page("Tags", Some("tags/")),
                |c| {
                    c.insert("tags", &all);
                },
            )?;
            tag_urls.push(SitemapUrl {
                path: "tags/".to_string(),
                lastmod: pages.newest(&everything),
            });
            for (tag, view) in tags.tags.iter().zip(&all) {
                tag_urls.extend(pages.write_listing(
                    &Listing {
                        base: format!("tags/{}/", tag.slug),
                        template: "tag.html",
                        title: tag.name.clone(),
                        title_suffix: format!(" · Tags · {}", pages.book.title),
                        what: format!("the tag `{}`", tag.name),
                        articles: &tag.articles,
                    },
                    &summaries,
                    |c| c.insert("tag", view),
                )?);
            }
        }

        let archive_urls = write_archive(&pages, &summaries, &everything)?;

        let title = format!("Search · {}", pages.book.title);
        pages.render(
            "search.html",
            "search/index.html",
            "../",
            &title,
            "the search page",
            pages.page("Search", Some("search/")),
            |_| {},
        )?;
        search::write_search_index(ctx, out)?;

        let title = format!("Page not found · {}", pages.book.title);
        let root = base_path(ctx.config.base_url.as_deref());
        pages.render(
            "404.html",
            "404.html",
            &root,
            &title,
            "the 404 page",
            pages.page("Page not found", None),
            |_| {},
        )?;

        // Redirect pages link from the path of `base_url`, as 404.html does: a server may
        // show `old/path/index.html` at `old/path`, where a relative link would miss.
        for redirect in &redirects {
            let article = &ctx.articles[redirect.article];
            let target = format!("{root}{}/", article.slug);
            let view = RedirectView {
                canonical: ctx
                    .config
                    .base_url
                    .as_deref()
                    .map(|base| xml::SiteUrl::new(base).absolute(&format!("{}/", article.slug)))
                    .unwrap_or_else(|| target.clone()),
                url: target,
                title: article.title.clone(),
            };
            let mut c = Context::new();
            c.insert("book", &pages.book);
            c.insert("page_language", &article.language);
            c.insert("redirect", &view);
            let what = format!("an alias of {}", article.path.display());
            let html = ctx.theme.render("redirect.html", &c, &what)?;
            pages.write_file(&redirect.file, html.as_bytes())?;
        }

        if let Some(base_url) = &ctx.config.base_url {
            let site_url = xml::SiteUrl::new(base_url);
            let entries = feed::feed_entries(ctx.articles, ctx.config.feed_limit);
            // The feed changed when one of its entries did: an article left out by the
            // limit does not move it.
            let updated = feed::feed_updated(
                entries.iter().map(|&i| &ctx.articles[i]),
                feed::Instant::from_source_date_epoch(ctx.source_date_epoch)?,
            );
            let atom = feed::render_feed(ctx.config, &site_url, ctx.articles, &entries, &updated);
            pages.write_file("atom.xml", atom.as_bytes())?;
            let mut urls = index_urls;
            urls.extend(ctx.articles.iter().map(|a| SitemapUrl {
                path: format!("{}/", a.slug),
                lastmod: a.modified(),
            }));
            urls.extend(tag_urls);
            urls.extend(archive_urls);
            for (name, xml) in sitemap::render_sitemaps(&site_url, &urls, sitemap::LIMITS) {
                pages.write_file(&name, xml.as_bytes())?;
            }
        }
        Ok(())
    }
}

/// Folders at the top of the site that folio writes itself: an article with one of these
/// slugs would be written over (or over them), so it is refused.
const RESERVED_SLUGS: &[(&str, &str)] = &[
    ("archive", "the archive pages"),
    ("page", "the index's later pages"),
    ("search", "the search page"),
    ("static", "the theme's files"),
    ("tags", "the tag pages"),
];

/// Every article whose slug is a folder folio writes, each at its `slug:` (or where the file
/// starts, when the slug comes from the file name).
fn check_slugs(ctx: &RenderContext<'_>) -> Result<()> {
    let mut errors = Vec::new();
    for article in ctx.articles {
        let Some((slug, what)) = RESERVED_SLUGS
            .iter()
            .find(|(slug, _)| *slug == article.slug.as_str())
        else {
            continue;
        };
        let text = fs::read_text(&ctx.config.root.join(&article.path)).unwrap_or_default();
        let at = crate::load::split_front_matter(&article.path, &text)
            .ok()
            .map(|fm| fm.key_location(&article.path, "slug"))
            .unwrap_or_else(|| Location::new(&article.path, 1, 1));
        errors.push(
            Error::at(
                at,
                format!("the slug `{slug}` is the folder of {what}, which folio writes itself"),
            )
            .with_hint("set another `slug:` in the article's front matter"),
        );
    }
    Error::from_list(errors)
}

/// `archive/index.html` (every year and month with its count, and the undated articles) and
/// the paginated pages of each year, month and of the undated articles. Returns the pages for
/// the sitemap.
fn write_archive(
    pages: &Pages<'_>,
    summaries: &[ArticleSummaryView<'_>],
    everything: &[usize],
) -> Result<Vec<SitemapUrl>> {
    let calendar = calendar::Calendar::collect(pages.ctx.articles);
    let month_view = |year: u16, month: &calendar::Month| ArchiveMonthView {
        month: month.month,
        name: crate::model::Date::new(year, month.month, 1).map_or("", |d| d.month_name()),
        url: format!("archive/{year:04}/{:02}/index.html", month.month),
        count: month.articles.len(),
    };
    let years: Vec<ArchiveYearView> = calendar
        .years
        .iter()
        .map(|y| ArchiveYearView {
            year: y.year,
            url: format!("archive/{:04}/index.html", y.year),
            count: y.articles.len(),
            months: y.months.iter().map(|m| month_view(y.year, m)).collect(),
        })
        .collect();
    let undated = (!calendar.undated.is_empty()).then(|| ArchivePeriodView {
        kind: "undated",
        label: "Undated".to_string(),
        year: None,
        year_url: None,
        count: calendar.undated.len(),
        months: Vec::new(),
    });
    let book_title = pages.book.title;
    pages.render(
        "archive.html",
        "archive/index.html",
        "../",
        &format!("Archive · {book_title}"),
        "the archive",
        pages.page("Archive", Some("archive/")),
        |c| {
            c.insert("years", &years);
            c.insert("undated", &undated);
            c.insert("article_count", &everything.len());
        },
    )?;
    let mut urls = vec![SitemapUrl {
        path: "archive/".to_string(),
        lastmod: pages.newest(everything),
    }];
    let suffix = format!(" · Archive · {book_title}");
    // One period's pages: a year, a month or the undated articles.
    let period_pages =
        |base: String, what: String, period: &ArchivePeriodView, articles: &[usize]| {
            pages.write_listing(
                &Listing {
                    base,
                    template: "archive-period.html",
                    title: period.label.clone(),
                    title_suffix: suffix.clone(),
                    what,
                    articles,
                },
                summaries,
                |c| c.insert("period", period),
            )
        };
    for (year, view) in calendar.years.iter().zip(&years) {
        let period = ArchivePeriodView {
            kind: "year",
            label: year.year.to_string(),
            year: Some(year.year),
            year_url: None,
            count: year.articles.len(),
            months: view.months.clone(),
        };
        urls.extend(period_pages(
            format!("archive/{:04}/", year.year),
            format!("the archive of {}", period.label),
            &period,
            &year.articles,
        )?);
        for (month, month_view) in year.months.iter().zip(&view.months) {
            let period = ArchivePeriodView {
                kind: "month",
                label: format!("{} {}", month_view.name, year.year),
                year: Some(year.year),
                year_url: Some(view.url.clone()),
                count: month.articles.len(),
                months: Vec::new(),
            };
            urls.extend(period_pages(
                format!("archive/{:04}/{:02}/", year.year, month.month),
                format!("the archive of {}", period.label),
                &period,
                &month.articles,
            )?);
        }
    }
    if let Some(period) = &undated {
        urls.extend(period_pages(
            "archive/undated/".to_string(),
            "the undated articles".to_string(),
            period,
            &calendar.undated,
        )?);
    }
    Ok(urls)
}

/// The incremental-build key of an article's page: the build-wide key, the article's source,
/// and what the page shows of the rest of the book — its neighbours and its tags (with their
/// counts) — and of the site (which optional pages exist).
/// It is computed before the page's view, which is only built when the page is rendered.
fn page_key(
    ctx: &RenderContext<'_>,
    index: usize,
    neighbours: [Option<&crate::model::Article>; 2],
    tag_links: &[TagView],
    site_key: crate::incremental::Key,
) -> crate::incremental::Key {
    let mut key = crate::incremental::KeyHasher::new();
    key.key(ctx.sources.get(index).copied().unwrap_or_default());
    for neighbour in neighbours {
        // What a page shows of its neighbours (see `ArticleView::new`).
        match neighbour {
            Some(n) => key.str(n.slug.as_str()).str(&n.title),
            None => key.str(""),
        };
    }
    for tag in tag_links {
        key.str(&tag.name)
            .str(&tag.slug)
            .str(&tag.url)
            .str(&tag.count.to_string());
    }
    key.key(site_key);
    key.finish()
}

fn tag_view(tag: &tags::Tag) -> TagView {
    TagView {
        name: tag.name.clone(),
        slug: tag.slug.clone(),
        url: format!("tags/{}/index.html", tag.slug),
        count: tag.articles.len(),
    }
}

/// What every page is rendered with, and where pages go.
struct Pages<'a> {
    ctx: &'a RenderContext<'a>,
    book: BookView<'a>,
    site: SiteView,
    out: &'a Path,
}

impl Pages<'_> {
    /// The head of a page titled `title` at `site_path` (`slug/`, `tags/`, `""` for the index;
    /// `None` for a page without a place of its own, the 404 page): the book's description and
    /// the absolute URL when `base_url` is set.
    fn page(&self, title: &str, site_path: Option<&str>) -> PageView {
        PageView {
            description: self.book.description.map(str::to_string),
            canonical: site_path.and_then(|path| {
                let base = self.ctx.config.base_url.as_deref()?;
                Some(xml::SiteUrl::new(base).absolute(path))
            }),
            kind: "website",
            title: title.to_string(),
            json_ld: None,
            prev: None,
            next: None,
        }
    }

    /// Renders `template` into `rel` (a `/`-separated path in the output) with the variables
    /// every page gets — `book`, `site`, `root`, `page_title`, `page_language`, `page` — plus
    /// the ones `fill` adds.
    #[allow(clippy::too_many_arguments)]
    fn render(
        &self,
        template: &str,
        rel: &str,
        root: &str,
        page_title: &str,
        what: &str,
        page: PageView,
        fill: impl FnOnce(&mut Context),
    ) -> Result<()> {
        let mut c = Context::new();
        c.insert("page", &page);
        c.insert("book", &self.book);
        c.insert("site", &self.site);
        c.insert("root", root);
        c.insert("page_title", page_title);
        c.insert("page_language", &self.book.language);
        fill(&mut c);
        let html = self.ctx.theme.render(template, &c, what)?;
        self.write_file(rel, html.as_bytes())
    }

    fn write_file(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.ctx.incremental.write(self.out, rel, bytes)
    }
}
