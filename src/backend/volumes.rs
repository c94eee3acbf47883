//! How the book's EPUB is split into volumes (`epub.volumes`, `epub.volume_limit`): which
//! articles each volume holds, its file name and its title. The EPUB backend writes them and
//! the site links them, from this one plan.
//!
//! A volume keeps the book's reading order inside it, and volumes follow each other in the
//! order their first article comes. A year or month with more articles than the limit is
//! split into parts of at most the limit. It never reads files and never looks at anything
//! but the articles' dates and the configuration, so the plan is the same on every build of
//! the same book.

use crate::config::{EpubConfig, Volumes};
use crate::model::{Article, Date};

/// One EPUB of the book.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// The file name in the output folder (`archive.epub`, `archive-2019.epub`).
    pub filename: String,
    /// What sets this volume apart ("2019", "May 2019", "Volume 3", "2019, part 2"); `None`
    /// when the book is one volume.
    pub label: Option<String>,
    /// A short key for identifiers and file names (`2019`, `2019-05`, `undated`, `03`).
    pub key: String,
    /// Indexes into the book's articles, in reading order.
    pub articles: Vec<usize>,
}

/// The volumes of a book of `articles` (in reading order), as `epub` asks.
pub fn plan(epub: &EpubConfig, articles: &[Article]) -> Vec<Volume> {
    let dates: Vec<Option<Date>> = articles.iter().map(|a| a.date).collect();
    plan_dates(epub, &dates)
}

/// [`plan`] for articles with these dates.
fn plan_dates(epub: &EpubConfig, articles: &[Option<Date>]) -> Vec<Volume> {
    let all: Vec<usize> = (0..articles.len()).collect();
    let limit = epub.volume_limit.max(1);
    let stem = epub
        .filename
        .strip_suffix(".epub")
        .unwrap_or(&epub.filename);
    let one = || {
        vec![Volume {
            filename: epub.filename.clone(),
            label: None,
            key: String::new(),
            articles: all.clone(),
        }]
    };
    let groups: Vec<(String, String, Vec<usize>)> = match epub.volumes {
        Volumes::One => return one(),
        Volumes::Auto if articles.len() <= limit => return one(),
        Volumes::Auto | Volumes::Year => group(articles, |date| match date {
            Some(d) => (d.year.to_string(), d.year.to_string()),
            None => ("undated".into(), "Undated".into()),
        }),
        Volumes::Month => group(articles, |date| match date {
            Some(d) => (
                format!("{:04}-{:02}", d.year, d.month),
                format!("{} {}", d.month_name(), d.year),
            ),
            None => ("undated".into(), "Undated".into()),
        }),
        Volumes::Every(n) => {
            let chunks: Vec<&[usize]> = all.chunks(n.max(1)).collect();
            let width = chunks.len().to_string().len().max(2);
            let volumes = chunks
                .iter()
                .enumerate()
                .map(|(i, chunk)| Volume {
                    filename: format!("{stem}-{:0width$}.epub", i + 1),
                    label: Some(format!("Volume {}", i + 1)),
                    key: format!("{:0width$}", i + 1),
                    articles: chunk.to_vec(),
                })
                .collect::<Vec<_>>();
            return if volumes.len() <= 1 { one() } else { volumes };
        }
    };
    if groups.len() <= 1 && groups.iter().all(|g| g.2.len() <= limit) {
        return one();
    }
    let mut volumes = Vec::new();
    for (key, label, indexes) in groups {
        let parts: Vec<&[usize]> = indexes.chunks(limit).collect();
        let count = parts.len();
        for (i, part) in parts.into_iter().enumerate() {
            let (key, label) = if count == 1 {
                (key.clone(), label.clone())
            } else {
                (
                    format!("{key}-part{}", i + 1),
                    format!("{label}, part {} of {count}", i + 1),
                )
            };
            volumes.push(Volume {
                filename: format!("{stem}-{key}.epub"),
                label: Some(label),
                key,
                articles: part.to_vec(),
            });
        }
    }
    volumes
}

/// The articles grouped by `key_of` (key, label), groups in the order of their first article.
fn group(
    articles: &[Option<Date>],
    key_of: impl Fn(Option<Date>) -> (String, String),
) -> Vec<(String, String, Vec<usize>)> {
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, article) in articles.iter().enumerate() {
        let (key, label) = key_of(*article);
        match at.get(&key) {
            Some(&g) => groups[g].2.push(i),
            None => {
                at.insert(key.clone(), groups.len());
                groups.push((key, label, vec![i]));
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epub(volumes: Volumes, limit: usize) -> EpubConfig {
        EpubConfig {
            filename: "archive.epub".into(),
            per_article: false,
            cover: None,
            volumes,
            volume_limit: limit,
        }
    }

    fn d(y: u16, m: u8) -> Option<Date> {
        Date::new(y, m, 1)
    }

    fn names(volumes: &[Volume]) -> Vec<(String, Option<String>, Vec<usize>)> {
        volumes
            .iter()
            .map(|v| (v.filename.clone(), v.label.clone(), v.articles.clone()))
            .collect()
    }

    #[test]
    fn a_book_under_the_limit_is_one_volume_unless_asked() {
        let dates = [d(2021, 5), d(2020, 1), None];
        let one = plan_dates(&epub(Volumes::Auto, 3), &dates);
        assert_eq!(
            names(&one),
            [("archive.epub".to_string(), None, vec![0, 1, 2])]
        );
        assert_eq!(plan_dates(&epub(Volumes::One, 1), &dates), one);
        assert_eq!(plan_dates(&epub(Volumes::Every(5), 2000), &dates), one);
    }

    #[test]
    fn past_the_limit_volumes_go_by_year_and_big_years_are_split() {
        let dates = [
            d(2021, 5),
            d(2021, 4),
            d(2021, 3),
            d(2020, 1),
            None,
            d(2021, 1),
        ];
        let got = plan_dates(&epub(Volumes::Auto, 3), &dates);
        assert_eq!(
            names(&got),
            [
                (
                    "archive-2021-part1.epub".to_string(),
                    Some("2021, part 1 of 2".to_string()),
                    vec![0, 1, 2]
                ),
                (
                    "archive-2021-part2.epub".to_string(),
                    Some("2021, part 2 of 2".to_string()),
                    vec![5]
                ),
                (
                    "archive-2020.epub".to_string(),
                    Some("2020".to_string()),
                    vec![3]
                ),
                (
                    "archive-undated.epub".to_string(),
                    Some("Undated".to_string()),
                    vec![4]
                ),
            ]
        );
    }

    #[test]
    fn months_and_counts() {
        let dates = [d(2021, 5), d(2021, 5), d(2021, 4)];
        assert_eq!(
            names(&plan_dates(&epub(Volumes::Month, 100), &dates)),
            [
                (
                    "archive-2021-05.epub".to_string(),
                    Some("May 2021".to_string()),
                    vec![0, 1]
                ),
                (
                    "archive-2021-04.epub".to_string(),
                    Some("April 2021".to_string()),
                    vec![2]
                ),
            ]
        );
        assert_eq!(
            names(&plan_dates(&epub(Volumes::Every(2), 100), &dates)),
            [
                (
                    "archive-01.epub".to_string(),
                    Some("Volume 1".to_string()),
                    vec![0, 1]
                ),
                (
                    "archive-02.epub".to_string(),
                    Some("Volume 2".to_string()),
                    vec![2]
                ),
            ]
        );
    }
}
