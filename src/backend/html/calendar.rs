//! The articles by date, for the archive pages (`archive/<yyyy>/`, `archive/<yyyy>/<mm>/`,
//! `archive/undated/`) and the feed: years and months newest first, each period's articles
//! newest first, undated articles kept apart so none is lost.
//!
//! An article belongs to the day its date is written with (in its own zone, as its page shows
//! it), never to the day in UTC. Orders are total — by instant, then by slug, which is unique —
//! so they never depend on the file system or the thread count. Nothing here renders.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::model::Article;

/// Every article of the book by year and month.
#[derive(Debug, Default)]
pub(super) struct Calendar {
    /// Newest year first.
    pub years: Vec<Year>,
    /// Articles without a date (indices into the book), in [`newest_first`] order.
    pub undated: Vec<usize>,
}

#[derive(Debug)]
pub(super) struct Year {
    pub year: u16,
    /// The year's articles, newest first.
    pub articles: Vec<usize>,
    /// Newest month first; only months with articles.
    pub months: Vec<Month>,
}

#[derive(Debug)]
pub(super) struct Month {
    /// 1–12.
    pub month: u8,
    /// The month's articles, newest first.
    pub articles: Vec<usize>,
}

impl Calendar {
    pub(super) fn collect(articles: &[Article]) -> Calendar {
        let mut years: BTreeMap<Reverse<u16>, BTreeMap<Reverse<u8>, Vec<usize>>> = BTreeMap::new();
        let mut undated = Vec::new();
        for i in newest_first(articles) {
            match articles[i].published() {
                Some(t) => {
                    let day = t.day();
                    years
                        .entry(Reverse(day.year))
                        .or_default()
                        .entry(Reverse(day.month))
                        .or_default()
                        .push(i);
                }
                None => undated.push(i),
            }
        }
        let years = years
            .into_iter()
            .map(|(Reverse(year), months)| {
                let months: Vec<Month> = months
                    .into_iter()
                    .map(|(Reverse(month), articles)| Month { month, articles })
                    .collect();
                // Months are newest first, each newest first: their concatenation is the
                // year newest first, except where a time zone moves an article across a
                // month's edge; sort again so the year's order is the book-wide one.
                let mut all: Vec<usize> =
                    months.iter().flat_map(|m| &m.articles).copied().collect();
                all.sort_by(|&a, &b| compare(&articles[a], &articles[b]));
                Year {
                    year,
                    articles: all,
                    months,
                }
            })
            .collect();
        Calendar { years, undated }
    }
}

/// The indices of `articles` newest first: by the instant of publication (a day is its
/// midnight UTC), then by slug; undated articles last, by slug.
pub(super) fn newest_first(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| compare(&articles[a], &articles[b]));
    order
}

fn compare(a: &Article, b: &Article) -> std::cmp::Ordering {
    let instant = |x: &Article| x.published().map(|t| t.instant());
    // `None` is less than any `Some`: reversed, undated articles come last.
    instant(b)
        .cmp(&instant(a))
        .then_with(|| a.slug.cmp(&b.slug))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(slug: &str, date: Option<&str>) -> Article {
        let date = date.map_or(String::new(), |d| format!("date: {d}\n"));
        let text = format!("---\ntitle: {slug}\n{date}---\nBody.\n");
        crate::load::load_article(std::path::Path::new(&format!("{slug}.md")), &text, "en").unwrap()
    }

    #[test]
    fn articles_group_by_the_year_and_month_they_are_written_with() {
        let articles = [
            article("b", Some("2021-05-02")),
            article("undated-z", None),
            article("a", Some("2021-05-02")),
            // 1 June at UTC+8 is 31 May in UTC: it stays in June, as its page shows it.
            article("june", Some("2021-06-01T07:00:00+08:00")),
            article("old", Some("2019-12-31")),
            article("undated-a", None),
            article("jan", Some("2021-01-15")),
        ];
        let calendar = Calendar::collect(&articles);
        let slugs = |list: &[usize]| -> Vec<&str> {
            list.iter().map(|&i| articles[i].slug.as_str()).collect()
        };
        let years: Vec<(u16, Vec<u8>)> = calendar
            .years
            .iter()
            .map(|y| (y.year, y.months.iter().map(|m| m.month).collect()))
            .collect();
        assert_eq!(years, [(2021, vec![6, 5, 1]), (2019, vec![12])]);
        // Same day: by slug.
        assert_eq!(slugs(&calendar.years[0].months[1].articles), ["a", "b"]);
        assert_eq!(
            slugs(&calendar.years[0].articles),
            ["june", "a", "b", "jan"]
        );
        assert_eq!(slugs(&calendar.undated), ["undated-a", "undated-z"]);
        assert_eq!(
            slugs(&newest_first(&articles)),
            ["june", "a", "b", "jan", "old", "undated-a", "undated-z"]
        );
    }
}
