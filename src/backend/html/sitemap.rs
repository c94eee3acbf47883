//! `sitemap.xml` (sitemaps.org protocol 0.9): every page of the index, every article, the tag
//! list and every page of each tag, the archive and every page of its years, months and
//! undated articles, as absolute URLs from `base_url`, with `lastmod` from the dates of the
//! articles a page shows (`updated:` when given). The search page, 404.html and the redirect
//! pages of aliases are not content and are left out.
//!
//! The protocol allows 50,000 URLs and 50 MB (uncompressed) per file. Up to that, one
//! `sitemap.xml` holds every URL; past it, the URLs go into `sitemap-1.xml`, `sitemap-2.xml`…
//! in order, each within both limits, and `sitemap.xml` becomes a `<sitemapindex>` naming
//! them, so the address search engines are given never changes.

use std::fmt::Write;

use super::xml::{SiteUrl, escape};
use crate::model::Timestamp;

/// One page of the site: its path from the site root (`""`, `slug/`, `tags/x/page/2/`) and
/// the newest change among the articles it shows.
#[derive(Debug, Clone)]
pub(super) struct SitemapUrl {
    pub path: String,
    pub lastmod: Option<Timestamp>,
}

/// How much one sitemap file may hold.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub urls: usize,
    pub bytes: usize,
}

/// The protocol's limits (sitemaps.org: "no more than 50,000 URLs and must be no larger than
/// 50MB (52,428,800 bytes)").
pub(super) const LIMITS: Limits = Limits {
    urls: 50_000,
    bytes: 52_428_800,
};

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
const URLSET_OPEN: &str = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_CLOSE: &str = "</urlset>\n";

/// The sitemap files to write, as (file name, text): `sitemap.xml` alone while every URL fits
/// in one file under `limits`, otherwise `sitemap.xml` as an index and `sitemap-<n>.xml`.
pub(super) fn render_sitemaps(
    site: &SiteUrl,
    urls: &[SitemapUrl],
    limits: Limits,
) -> Vec<(String, String)> {
    let entries: Vec<(String, Option<Timestamp>)> = urls
        .iter()
        .map(|u| (url_entry(site, u), u.lastmod))
        .collect();
    let room = limits
        .bytes
        .saturating_sub(HEAD.len() + URLSET_OPEN.len() + URLSET_CLOSE.len());
    // Consecutive runs of entries, each within both limits (every file holds at least one).
    let mut files: Vec<&[(String, Option<Timestamp>)]> = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (entry, _)) in entries.iter().enumerate() {
        if i > start && (i - start >= limits.urls.max(1) || bytes + entry.len() > room) {
            files.push(&entries[start..i]);
            (start, bytes) = (i, 0);
        }
        bytes += entry.len();
    }
    files.push(&entries[start..]);
    let urlset = |part: &[(String, Option<Timestamp>)]| {
        let mut out = String::with_capacity(
            HEAD.len()
                + URLSET_OPEN.len()
                + URLSET_CLOSE.len()
                + part.iter().map(|e| e.0.len()).sum::<usize>(),
        );
        out.push_str(HEAD);
        out.push_str(URLSET_OPEN);
        for (entry, _) in part {
            out.push_str(entry);
        }
        out.push_str(URLSET_CLOSE);
        out
    };
    if files.len() == 1 {
        return vec![("sitemap.xml".to_string(), urlset(files[0]))];
    }
    let mut index = String::from(HEAD);
    index.push_str("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = Vec::with_capacity(files.len() + 1);
    for (n, part) in files.iter().enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let _ = write!(
            index,
            "  <sitemap><loc>{}</loc>",
            escape(&site.absolute(&name))
        );
        // The file's newest change: what a crawler compares to decide whether to fetch it.
        if let Some(newest) = part
            .iter()
            .filter_map(|(_, t)| *t)
            .max_by_key(Timestamp::instant)
        {
            let _ = write!(index, "<lastmod>{}</lastmod>", lastmod_text(newest));
        }
        index.push_str("</sitemap>\n");
        out.push((name, urlset(part)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, ("sitemap.xml".to_string(), index));
    out
}

/// `  <url>…</url>\n` for one page.
fn url_entry(site: &SiteUrl, url: &SitemapUrl) -> String {
    let mut out = format!("  <url><loc>{}</loc>", escape(&site.absolute(&url.path)));
    if let Some(d) = url.lastmod {
        let _ = write!(out, "<lastmod>{}</lastmod>", lastmod_text(d));
    }
    out.push_str("</url>\n");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn urls(n: usize) -> Vec<SitemapUrl> {
        (0..n)
            .map(|i| SitemapUrl {
                path: format!("article-{i}/"),
                lastmod: Date::new(2021, 1, 1 + i as u8).map(Timestamp::Day),
            })
            .collect()
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .map(|s| &s[..s.find("</loc>").unwrap()])
            .collect()
    }

    #[test]
    fn urls_within_the_limit_make_one_sitemap() {
        let site = SiteUrl::new("https://example.org/a/");
        let limits = Limits {
            urls: 5,
            bytes: LIMITS.bytes,
        };
        let files = render_sitemaps(&site, &urls(5), limits);
        assert_eq!(files.len(), 1);
        let (name, xml) = &files[0];
        assert_eq!(name, "sitemap.xml");
        assert!(xml.contains("<urlset "), "{xml}");
        assert_eq!(locs(xml).len(), 5);
        assert!(xml.contains(
            "<url><loc>https://example.org/a/article-4/</loc><lastmod>2021-01-05</lastmod></url>"
        ));
    }

    #[test]
    fn past_the_limit_sitemap_xml_becomes_an_index_of_numbered_files() {
        let site = SiteUrl::new("https://example.org/a/");
        let limits = Limits {
            urls: 3,
            bytes: LIMITS.bytes,
        };
        let all = urls(7);
        let files = render_sitemaps(&site, &all, limits);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap.xml",
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml"
            ]
        );
        let index = &files[0].1;
        assert!(
            index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">")
        );
        assert_eq!(
            locs(index),
            [
                "https://example.org/a/sitemap-1.xml",
                "https://example.org/a/sitemap-2.xml",
                "https://example.org/a/sitemap-3.xml"
            ]
        );
        // Each file's lastmod is the newest of its URLs.
        assert!(index.contains("sitemap-2.xml</loc><lastmod>2021-01-06</lastmod>"));
        let counts: Vec<usize> = files[1..].iter().map(|(_, x)| locs(x).len()).collect();
        assert_eq!(counts, [3, 3, 1]);
        // Every URL once, in order.
        let listed: Vec<&str> = files[1..].iter().flat_map(|(_, x)| locs(x)).collect();
        let expected: Vec<String> = all
            .iter()
            .map(|u| format!("https://example.org/a/{}", u.path))
            .collect();
        assert_eq!(listed, expected);
        for (_, xml) in &files {
            roxmltree::Document::parse(xml).expect("well-formed XML");
        }
    }

    #[test]
    fn files_are_also_split_by_bytes() {
        let site = SiteUrl::new("https://example.org/a/");
        let one = url_entry(&site, &urls(1)[0]).len();
        let frame = HEAD.len() + URLSET_OPEN.len() + URLSET_CLOSE.len();
        let limits = Limits {
            urls: 100,
            bytes: frame + 2 * one + 1,
        };
        let files = render_sitemaps(&site, &urls(5), limits);
        assert_eq!(
            files.len(),
            4,
            "an index and three files of at most two URLs"
        );
        for (_, xml) in &files[1..] {
            assert!(xml.len() <= limits.bytes, "{}", xml.len());
        }
    }
}
