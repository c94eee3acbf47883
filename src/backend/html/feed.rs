//! `atom.xml`: an Atom 1.0 feed (RFC 4287) with one entry per article, in book order.
//!
//! Written in Rust rather than as a theme template: a feed is read by programs, and a template
//! override that forgot one escape would break it for every reader. Nothing here reads the
//! clock: `updated` is `SOURCE_DATE_EPOCH` when set, otherwise the newest article date, so a
//! rebuild of the same book gives the same bytes. Articles carry dates without a time or zone;
//! they are written as midnight UTC.

use std::fmt::Write;

use super::xml::{SiteUrl, escape};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Article, Date};
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

/// The feed's `updated`: `SOURCE_DATE_EPOCH` if set, else the newest article date, else the
/// Unix epoch (a book with no dates at all still gets a valid, stable feed).
pub(super) fn feed_updated(articles: &[Article], source_date_epoch: Option<Instant>) -> Instant {
    source_date_epoch
        .or_else(|| {
            articles
                .iter()
                .filter_map(|a| a.date)
                .max()
                .map(Instant::midnight)
        })
        .unwrap_or_else(|| Instant::midnight(Date::new(1970, 1, 1).expect("a valid date")))
}

/// Renders the feed. `updated` comes from [`feed_updated`]; undated articles use it too,
/// because every Atom entry needs an `updated`.
pub(super) fn render_feed(
    config: &Config,
    site: &SiteUrl,
    articles: &[Article],
    updated: Instant,
) -> String {
    let mut out = String::with_capacity(1024 + articles.len() * 1024);
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
    let _ = writeln!(out, "  <updated>{}</updated>", updated.rfc3339());
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
    for article in articles {
        let url = site.absolute(&format!("{}/", article.slug));
        out.push_str("  <entry>\n");
        let _ = writeln!(out, "    <id>{}</id>", escape(&url));
        let _ = writeln!(
            out,
            "    <title type=\"text\">{}</title>",
            escape(&article.title)
        );
        let when = article.date.map_or(updated, Instant::midnight);
        let _ = writeln!(out, "    <updated>{}</updated>", when.rfc3339());
        if article.date.is_some() {
            let _ = writeln!(out, "    <published>{}</published>", when.rfc3339());
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
        let summary = excerpt(article, SUMMARY_CHARS);
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
    fn updated_prefers_source_date_epoch_then_newest_article() {
        let at = |y, m, d| Instant::midnight(Date::new(y, m, d).unwrap());
        assert_eq!(feed_updated(&[], None), at(1970, 1, 1));
        assert_eq!(feed_updated(&[], Some(at(2000, 1, 2))), at(2000, 1, 2));
    }
}
