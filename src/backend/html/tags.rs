//! Tag pages: every tag used by an article gets `tags/<tag-slug>/index.html`, and
//! `tags/index.html` lists them all with their counts.
//!
//! Tags are free text, often Chinese, so a tag slug keeps Unicode letters and digits
//! (lower-cased) and turns everything else into `-`: `华为` stays `华为`, `5G & AI` becomes
//! `5g-ai`. Tags that differ only in case are one tag (shown as first written, in book order);
//! different tags that slug alike get `-2`, `-3`… in the order of their names, so URLs never
//! depend on anything but the tags themselves.

use std::collections::BTreeMap;

use crate::model::Article;

/// One tag and the articles carrying it (indices into the book's articles, in book order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Tag {
    pub name: String,
    pub slug: String,
    pub articles: Vec<usize>,
}

/// Every tag of the book, sorted by name (case-insensitively), with a lookup from a tag as
/// written on an article to its page.
#[derive(Debug, Default)]
pub(super) struct Tags {
    pub tags: Vec<Tag>,
    by_key: BTreeMap<String, usize>,
}

impl Tags {
    pub(super) fn collect(articles: &[Article]) -> Tags {
        // key (case-folded, trimmed) → (name as first written, articles)
        let mut grouped: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, article) in articles.iter().enumerate() {
            for tag in &article.tags {
                let name = tag.trim();
                if name.is_empty() {
                    continue;
                }
                let entry = grouped
                    .entry(key(name))
                    .or_insert_with(|| (name.to_string(), Vec::new()));
                if entry.1.last() != Some(&i) {
                    entry.1.push(i);
                }
            }
        }
        let mut tags: Vec<Tag> = Vec::with_capacity(grouped.len());
        let mut by_key = BTreeMap::new();
        let mut taken: BTreeMap<String, usize> = BTreeMap::new();
        for (k, (name, articles)) in grouped {
            let base = slugify(&name);
            let n = taken.entry(base.clone()).or_insert(0);
            *n += 1;
            let slug = if *n == 1 { base } else { format!("{base}-{n}") };
            by_key.insert(k, tags.len());
            tags.push(Tag {
                name,
                slug,
                articles,
            });
        }
        // A `-2` suffix could collide with a tag whose own slug ends in `-2`; resolve any such
        // clash by numbering further, still in a fixed order.
        let mut seen = std::collections::BTreeSet::new();
        for tag in &mut tags {
            let mut candidate = tag.slug.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{}-{n}", tag.slug);
                n += 1;
            }
            tag.slug = candidate;
        }
        Tags { tags, by_key }
    }

    /// The tag page of a tag as written on an article.
    pub(super) fn find(&self, name: &str) -> Option<&Tag> {
        self.by_key.get(&key(name.trim())).map(|&i| &self.tags[i])
    }

    pub(super) fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }
}

fn key(name: &str) -> String {
    name.to_lowercase()
}

/// Lower-cased letters and digits of any script; every other run of characters becomes one
/// `-`. Never empty, never a path separator or dot segment.
pub(super) fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    // A folder name: file systems refuse names over 255 bytes, so a tag written as a whole
    // paragraph is cut (tags cut alike are numbered like any other clash).
    if out.len() > MAX_SLUG_BYTES {
        let mut end = MAX_SLUG_BYTES;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
        out.truncate(out.trim_end_matches('-').len());
    }
    if out.is_empty() {
        "tag".to_string()
    } else {
        out
    }
}

/// The longest tag slug, in bytes; with a `-N` suffix it stays far below 255.
const MAX_SLUG_BYTES: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_of_any_script() {
        let cases = [
            ("Huawei", "huawei"),
            ("5G & AI", "5g-ai"),
            ("华为", "华为"),
            ("中美 贸易战", "中美-贸易战"),
            ("../etc", "etc"),
            ("!!!", "tag"),
            ("C++", "c"),
        ];
        let long = slugify(&"华为 ".repeat(200));
        assert!(
            long.len() <= MAX_SLUG_BYTES && long.starts_with("华为-华为"),
            "{long}"
        );
        assert!(!long.ends_with('-'));
        for (name, want) in cases {
            assert_eq!(slugify(name), want, "{name:?}");
        }
    }

    fn article(slug: &str, tags: &[&str]) -> Article {
        let text = format!(
            "---\ntitle: {slug}\ntags: [{}]\n---\nBody.\n",
            tags.iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        crate::load::load_article(std::path::Path::new(&format!("{slug}.md")), &text, "en").unwrap()
    }

    #[test]
    fn tags_group_by_case_and_get_unique_slugs() {
        let articles = [
            article("a", &["Huawei", "C++", "c-2"]),
            article("b", &["huawei", "C", "Huawei"]),
        ];
        let tags = Tags::collect(&articles);
        let got: Vec<(&str, &str, &[usize])> = tags
            .tags
            .iter()
            .map(|t| (t.name.as_str(), t.slug.as_str(), t.articles.as_slice()))
            .collect();
        assert_eq!(
            got,
            [
                ("C", "c", &[1][..]),
                ("C++", "c-2", &[0][..]),
                ("c-2", "c-2-2", &[0][..]),
                ("Huawei", "huawei", &[0, 1][..]),
            ]
        );
        assert_eq!(tags.find(" HUAWEI ").unwrap().slug, "huawei");
        assert!(tags.find("nope").is_none());
    }
}
