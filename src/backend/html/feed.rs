//! `atom.xml`: an Atom 1.0 feed (RFC 4287) of the newest articles (`feed_limit`, 50 unless
//! configured; `0` for all), newest first by date, ties by slug, undated articles last.
//!
//! Written in Rust rather than as a theme template: a feed is read by programs, and a template
//! override that forgot one escape would break it for every reader. Nothing here reads the
//! clock: `updated` is `SOURCE_DATE_EPOCH` when set, otherwise the newest article date, so a
//! rebuild of the same book gives the same bytes. An article's time is written with the zone
//! it was given in; a date without a time is midnight UTC, a time without a zone is read as UTC.

use std::fmt::Write;

use super::xml::{SiteUrl, escape};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Article, Date, Timestamp};
use crate::theme::views::excerpt;

/// Characters of article text in an entry's summary.
const SUMMARY_CHARS: usize = 300;

/// An instant in UTC, as Atom's `date-time` needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Instant {
    date: Date,
    seconds_of_day: u32,
}

impl Instant {
    pub(super) fn midnight(date: Date) -> Instant {
        Instant {
            date,
            seconds_of_day: 0,
        }
    }

    /// The instant `seconds` after 1970-01-01 UTC (the build's `SOURCE_DATE_EPOCH`), if any;
    /// one outside the calendar is an error.
    pub(super) fn from_source_date_epoch(seconds: Option<i64>) -> Result<Option<Instant>> {
        let Some(seconds) = seconds else {
            return Ok(None);
        };
        let bad = || Error::Message(format!("SOURCE_DATE_EPOCH={seconds} is out of range"));
        let date = Date::from_days_since_epoch(seconds.div_euclid(86_400)).ok_or_else(bad)?;
        Ok(Some(Instant {
            date,
            seconds_of_day: u32::try_from(seconds.rem_euclid(86_400)).map_err(|_| bad())?,
        }))
    }

    /// `2021-05-25T00:00:00Z`.
    pub(super) fn rfc3339(&self) -> String {
        let s = self.seconds_of_day;
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date,
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }
}

/// The feed's `updated` (RFC 3339): `SOURCE_DATE_EPOCH` if set, else the newest change
/// (`updated:` or date) of `articles` — the feed's entries, not every article — else the Unix
/// epoch (a book with no dates at all still gets
/// a valid, stable feed).
pub(super) fn feed_updated<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    source_date_epoch: Option<Instant>,
) -> String {
    match source_date_epoch {
        Some(instant) => instant.rfc3339(),
        None => articles
            .into_iter()
            .filter_map(Article::modified)
            .max_by_key(Timestamp::instant)
            .map_or_else(
                || Instant::midnight(Date::new(1970, 1, 1).expect("a valid date")).rfc3339(),
                |t| t.rfc3339(),
            ),
    }
}

/// The articles the feed holds (indices into the book), in the feed's order: the newest
/// `limit` by date (all with `None`), ties broken by slug, undated articles last.
pub(super) fn feed_entries(articles: &[Article], limit: Option<usize>) -> Vec<usize> {
    let mut order = super::calendar::newest_first(articles);
    if let Some(limit) = limit {
        order.truncate(limit);
    }
    order
}

/// Renders the feed with the articles `entries` (from [`feed_entries`]). `updated` comes
/// from [`feed_updated`]; undated articles use it too, because every Atom entry needs an
/// `updated`.
pub(super) fn render_feed(
    config: &Config,
    site: &SiteUrl,
    articles: &[Article],
    entries: &[usize],
    updated: &str,
) -> String {
    let mut out = String::with_capacity(1024 + entries.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        out,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(out, "  <id>{}</id>", escape(site.root()));
    let _ = writeln!(
        out,
        "  <title type=\"text\">{}</title>",
        escape(&config.title)
    );
    if let Some(subtitle) = config.subtitle.as_deref().or(config.description.as_deref()) {
        let _ = writeln!(
            out,
            "  <subtitle type=\"text\">{}</subtitle>",
            escape(subtitle)
        );
    }
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape(&site.absolute("atom.xml"))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape(site.root())
    );
    // A feed-level author covers entries without their own (RFC 4287 §4.1.1).
    let feed_authors: Vec<&str> = if config.authors.is_empty() {
        vec![config.publisher.as_deref().unwrap_or(&config.title)]
    } else {
        config.authors.iter().map(String::as_str).collect()
    };
    for name in feed_authors {
        write_author(&mut out, "  ", name);
    }
    out.push_str("  <generator>folio</generator>\n");
    for article in entries.iter().map(|&i| &articles[i]) {
        let url = site.absolute(&format!("{}/", article.slug));
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>{}</id>", escape(&url));
        let _ = writeln!(
            out,
            "    <title type=\"text\">{}</title>",
            escape(&article.title)
        );
        let when = article
            .modified()
            .map_or_else(|| updated.to_string(), |t| t.rfc3339());
        let _ = writeln!(out, "    <updated>{when}</updated>");
        if let Some(published) = article.published() {
            let _ = writeln!(out, "    <published>{}</published>", published.rfc3339());
        }
        let _ = writeln!(
            out,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape(&url)
        );
        for name in &article.authors {
            write_author(&mut out, "    ", name);
        }
        for tag in &article.tags {
            let _ = writeln!(out, "    <category term=\"{}\"/>", escape(tag.trim()));
        }
        let summary = article
            .description
            .clone()
            .unwrap_or_else(|| excerpt(article, SUMMARY_CHARS));
        if !summary.is_empty() {
            let _ = writeln!(
                out,
                "    <summary type=\"text\" xml:lang=\"{}\">{}</summary>",
                escape(&article.language),
                escape(&summary)
            );
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn write_author(out: &mut String, indent: &str, name: &str) {
    let _ = writeln!(
        out,
        "{indent}<author><name>{}</name></author>",
        escape(name)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_rfc3339_utc() {
        let d = Date::new(2021, 5, 25).unwrap();
        assert_eq!(Instant::midnight(d).rfc3339(), "2021-05-25T00:00:00Z");
        let i = Instant {
            date: d,
            seconds_of_day: 3600 * 13 + 60 * 7 + 9,
        };
        assert_eq!(i.rfc3339(), "2021-05-25T13:07:09Z");
    }

    #[test]
    fn the_feed_holds_the_newest_entries_by_date_ties_by_slug() {
        let article = |slug: &str, date: &str| {
            let date = if date.is_empty() {
                String::new()
            } else {
                format!("date: {date}\n")
            };
            crate::load::load_article(
                std::path::Path::new(&format!("{slug}.md")),
                &format!("---\ntitle: {slug}\n{date}---\nBody.\n"),
                "en",
            )
            .unwrap()
        };
        // Book order (an `order:` may put old articles first) is not the feed's.
        let articles = [
            article("pinned-old", "2019-01-01"),
            article("undated", ""),
            article("b", "2021-05-02"),
            article("a", "2021-05-02"),
            article("newest", "2021-05-25T17:07:00+08:00"),
        ];
        let slugs = |limit| -> Vec<&str> {
            feed_entries(&articles, limit)
                .into_iter()
                .map(|i| articles[i].slug.as_str())
                .collect()
        };
        assert_eq!(slugs(Some(3)), ["newest", "a", "b"]);
        assert_eq!(slugs(None), ["newest", "a", "b", "pinned-old", "undated"]);
        assert_eq!(slugs(Some(0)), Vec::<&str>::new());
    }

    #[test]
    fn updated_prefers_source_date_epoch_then_the_newest_change() {
        let at = |y, m, d| Instant::midnight(Date::new(y, m, d).unwrap());
        assert_eq!(feed_updated(&[], None), "1970-01-01T00:00:00Z");
        assert_eq!(
            feed_updated(&[] as &[Article], Some(at(2000, 1, 2))),
            "2000-01-02T00:00:00Z"
        );
        let article = |front: &str| {
            crate::load::load_article(
                std::path::Path::new("a.md"),
                &format!("---\ntitle: T\n{front}---\nBody.\n"),
                "en",
            )
            .unwrap()
        };
        // 17:07 at UTC+8 is 09:07 UTC, before 10:00 UTC the same day: the instant decides,
        // and the newest is written in its own zone.
        let articles = [
            article("date: 2021-05-25T17:07:00+08:00\n"),
            article("date: 2021-05-20\nupdated: 2021-05-25T10:00:00Z\n"),
        ];
        assert_eq!(feed_updated(&articles, None), "2021-05-25T10:00:00Z");
        assert_eq!(
            feed_updated(&articles[..1], None),
            "2021-05-25T17:07:00+08:00"
        );
    }
}
