//! The facts a page states about its article, each with where it was found: headline,
//! authors, published and updated time (with the zone the page wrote), site name, canonical
//! URL, language, description, section and tags.
//!
//! Sources are read in the order that is most often right on real pages: the publisher's
//! structured data (JSON-LD, Open Graph, `article:*`) before what is visible (the main `<h1>`,
//! a byline, `<time datetime>`), and `<title>` last and only without its ` | Site` suffix.
//! Nothing here guesses a value the page does not state, and nothing reads the body text.

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::dom::{push_collapsed, text_of};
use crate::model::DateTime;

/// A value and where it came from (`og:title`, `JSON-LD headline`, `<h1>`, …).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found<T> {
    pub value: T,
    pub source: String,
}

/// Everything [`read`] found; `None` where the page says nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct PageMeta {
    pub headline: Option<Found<String>>,
    pub authors: Option<Found<Vec<String>>>,
    pub published: Option<Found<DateTime>>,
    pub updated: Option<Found<DateTime>>,
    pub site: Option<Found<String>>,
    pub url: Option<Found<String>>,
    pub language: Option<Found<String>>,
    pub description: Option<Found<String>>,
    pub section: Option<Found<String>>,
    pub tags: Option<Found<Vec<String>>>,
}

fn found<T>(value: T, source: impl Into<String>) -> Found<T> {
    Found {
        value,
        source: source.into(),
    }
}

/// Reads the page's metadata.
pub(super) fn read(html: &Html) -> PageMeta {
    let metas = MetaTags::collect(html);
    let ld = json_ld(html);
    let mut m = PageMeta {
        site: first(&[
            metas.get("og:site_name"),
            ld.string(&["publisher", "name"], "JSON-LD publisher.name"),
            metas.get("application-name"),
            metas
                .get("twitter:site")
                .filter(|f| !f.value.starts_with('@')),
        ]),
        ..PageMeta::default()
    };
    m.headline = headline(html, &metas, &ld, m.site.as_ref().map(|s| s.value.as_str()));
    m.authors = authors(html, &metas, &ld);
    m.published = first(&[
        metas.date("article:published_time"),
        ld.date("datePublished"),
        metas.date("og:published_time"),
        metas.date("datepublished"),
        metas.date("parsely-pub-date"),
        metas.date("pubdate"),
        metas.date("publishdate"),
        metas.date("date"),
        metas.date("dc.date.issued"),
        metas.date("dc.date"),
        metas.date("dcterms.date"),
        metas.date("sailthru.date"),
        time_element(html),
    ]);
    m.updated = first(&[
        metas.date("article:modified_time"),
        ld.date("dateModified"),
        metas.date("og:updated_time"),
        metas.date("datemodified"),
        metas.date("last-modified"),
    ]);
    m.url = first(&[
        link_rel(html, "canonical"),
        metas.get("og:url"),
        ld.string(&["url"], "JSON-LD url"),
    ])
    .filter(|f| f.value.starts_with("http://") || f.value.starts_with("https://"));
    m.language = first(&[
        root_attr(html, "lang").map(|l| found(l, "<html lang>")),
        metas.get("content-language"),
        metas
            .get("og:locale")
            .map(|f| found(f.value.replace('_', "-"), f.source)),
        ld.string(&["inLanguage"], "JSON-LD inLanguage"),
    ])
    .filter(|f| crate::config::is_language_tag(&f.value));
    m.description = first(&[
        metas.get("description"),
        metas.get("og:description"),
        ld.string(&["description"], "JSON-LD description"),
        metas.get("twitter:description"),
    ]);
    m.section = first(&[
        metas.get("article:section"),
        ld.string(&["articleSection"], "JSON-LD articleSection"),
    ]);
    m.tags = metas
        .all("article:tag")
        .or_else(|| ld.list("keywords"))
        .or_else(|| metas.list("news_keywords"))
        .or_else(|| metas.list("keywords"));
    m
}

fn first<T: Clone>(candidates: &[Option<Found<T>>]) -> Option<Found<T>> {
    candidates.iter().flatten().next().cloned()
}

/// The headline, by trust: JSON-LD `headline`, `og:title`, `twitter:title`, the page's one
/// `<h1>` (or the first one inside `<article>`), and `<title>` without its site suffix.
fn headline(
    html: &Html,
    metas: &MetaTags,
    ld: &JsonLd,
    site: Option<&str>,
) -> Option<Found<String>> {
    let title = select_first(html, "head title, title").map(|t| text_of(t));
    let stated = [
        ld.string(&["headline"], "JSON-LD headline"),
        metas.get("og:title"),
        metas.get("twitter:title"),
        metas.get("dc.title"),
    ];
    for c in stated.into_iter().flatten() {
        let value = strip_site_suffix(&c.value, site);
        if !value.is_empty() {
            return Some(found(value, c.source));
        }
    }
    // The main `<h1>` is the headline when `<title>` confirms it (`Headline | Site`) or when
    // there is no `<title>`; a `<title>` that says something else is the page's own name for
    // the article, and an `<h1>` then is often the site's or a section's.
    let h1 = main_h1(html);
    let title = title.filter(|t| !t.is_empty());
    match (h1, title) {
        (Some(h), Some(t)) if t.contains(h.value.as_str()) => Some(h),
        (Some(h), None) => Some(h),
        (_, Some(t)) => {
            let value = strip_site_suffix(&t, site);
            Some(found(value, "<title> without its site suffix"))
        }
        (None, None) => None,
    }
}

/// `Headline | Site`, `Headline - Site`, `Headline — Site`: the part before the last
/// separator, when what follows it is the site's name or looks like one (at most four words,
/// with the part before at least three). A title without a separator is returned whole.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    for sep in [" | ", " - ", " — ", " – ", " :: ", " · ", " » ", "_"] {
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
            let is_site = site.is_some_and(|s| {
                let (s, t) = (s.to_lowercase(), tail.to_lowercase());
                s == t || t.contains(&s) || s.contains(&t)
            });
            let looks_like_site =
                tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3;
            if is_site || (sep != " - " && sep != "_" && looks_like_site) {
                return head.to_string();
            }
        }
    }
    title.to_string()
}

/// The article's `<h1>`: the first one inside `<article>` or `main`, else the only one.
fn main_h1(html: &Html) -> Option<Found<String>> {
    if let Some(h) = select_first(html, "article h1, main h1, [role=main] h1") {
        let t = text_of(h);
        if !t.is_empty() {
            return Some(found(t, "<h1> of the article"));
        }
    }
    let sel = Selector::parse("h1").ok()?;
    let mut all = html.select(&sel);
    let one = all.next()?;
    if all.next().is_some() {
        return None;
    }
    let t = text_of(one);
    (!t.is_empty()).then(|| found(t, "<h1>"))
}

/// Authors: JSON-LD `author`, `<meta name=author>`, `article:author` (when it is a name, not
/// a profile URL), `rel=author` links, `itemprop=author`, then a visible byline.
fn authors(html: &Html, metas: &MetaTags, ld: &JsonLd) -> Option<Found<Vec<String>>> {
    if let Some(f) = ld.authors() {
        return Some(f);
    }
    for key in [
        "author",
        "article:author",
        "parsely-author",
        "sailthru.author",
        "dc.creator",
    ] {
        if let Some(f) = metas.get(key)
            && !f.value.contains("://")
        {
            return Some(found(split_names(&f.value), f.source));
        }
    }
    for (css, source) in [
        ("[itemprop=author] [itemprop=name]", "itemprop=author name"),
        ("[itemprop=author]", "itemprop=author"),
        ("a[rel=author]", "rel=author link"),
        (".byline, .author, [class*=byline], .author-name", "byline"),
    ] {
        if let Some(e) = select_first(html, css) {
            let text = text_of(e);
            let text = strip_by(&text);
            if !text.is_empty() && text.chars().count() < 100 {
                return Some(found(split_names(text), source));
            }
        }
    }
    None
}

/// `By Ann Lee and Bo Chen` → `Ann Lee and Bo Chen`.
fn strip_by(text: &str) -> &str {
    let t = text.trim();
    for prefix in ["By ", "by ", "BY ", "By: ", "Author: ", "作者：", "作者:"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    t
}

/// `Ann Lee, Bo Chen and Cy Dee` → three names.
fn split_names(text: &str) -> Vec<String> {
    text.split([',', ';', '、'])
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" & "))
        .map(|p| strip_by(p).trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The first `<time datetime>`, preferring one marked as the publication time.
fn time_element(html: &Html) -> Option<Found<DateTime>> {
    for (css, source) in [
        (
            "time[itemprop=datePublished][datetime]",
            "<time itemprop=datePublished>",
        ),
        ("time[pubdate][datetime]", "<time pubdate>"),
        ("article time[datetime]", "<time datetime> in the article"),
        ("time[datetime]", "<time datetime>"),
    ] {
        if let Some(e) = select_first(html, css)
            && let Some(d) = e.value().attr("datetime").and_then(parse_date)
        {
            return Some(found(d, source));
        }
    }
    None
}

/// An ISO 8601 / RFC 3339 time as pages write it; a date alone means its midnight.
pub fn parse_date(s: &str) -> Option<DateTime> {
    let s = s.trim();
    DateTime::parse_iso(s).or_else(|| {
        // `2017-03-09T23:16:02.000+0000`-like forms parse_iso refuses: drop the fraction.
        let (head, tail) = s.split_at(s.find('.').filter(|&i| i == 19)?);
        let tail = tail.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
        DateTime::parse_iso(&format!("{head}{tail}"))
    })
}

fn select_first<'a>(html: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    let sel = Selector::parse(css).ok()?;
    html.select(&sel).next()
}

fn root_attr(html: &Html, name: &str) -> Option<String> {
    let v = html.root_element().value().attr(name)?.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn link_rel(html: &Html, rel: &str) -> Option<Found<String>> {
    let sel = Selector::parse("link[rel][href]").ok()?;
    html.select(&sel)
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case(rel))
            })
        })
        .and_then(|l| l.value().attr("href"))
        .map(|h| found(h.trim().to_string(), format!("<link rel={rel}>")))
}

/// `<meta>` tags by lower-cased `property`, `name`, `itemprop` or `http-equiv`, in page order.
struct MetaTags {
    tags: Vec<(String, String, String)>,
}

impl MetaTags {
    fn collect(html: &Html) -> MetaTags {
        let mut tags = Vec::new();
        if let Ok(sel) = Selector::parse("meta[content]") {
            for m in html.select(&sel) {
                let e = m.value();
                let content = e.attr("content").unwrap_or("");
                let mut value = String::new();
                push_collapsed(&mut value, content.trim());
                for attr in ["property", "name", "itemprop", "http-equiv"] {
                    if let Some(key) = e.attr(attr) {
                        let shown = format!("<meta {attr}={key}>");
                        for k in key.split_ascii_whitespace() {
                            tags.push((k.to_ascii_lowercase(), value.clone(), shown.clone()));
                        }
                    }
                }
            }
        }
        MetaTags { tags }
    }

    fn get(&self, key: &str) -> Option<Found<String>> {
        self.tags
            .iter()
            .find(|(k, v, _)| k == key && !v.is_empty())
            .map(|(_, v, s)| found(v.clone(), s.clone()))
    }

    fn all(&self, key: &str) -> Option<Found<Vec<String>>> {
        let mut source = None;
        let values: Vec<String> = self
            .tags
            .iter()
            .filter(|(k, v, _)| k == key && !v.is_empty())
            .map(|(_, v, s)| {
                source.get_or_insert_with(|| s.clone());
                v.clone()
            })
            .collect();
        source.map(|s| found(values, s))
    }

    fn list(&self, key: &str) -> Option<Found<Vec<String>>> {
        self.get(key).map(|f| found(split_list(&f.value), f.source))
    }

    fn date(&self, key: &str) -> Option<Found<DateTime>> {
        self.tags
            .iter()
            .filter(|(k, _, _)| k == key)
            .find_map(|(_, v, s)| parse_date(v).map(|d| found(d, s.clone())))
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';', '，'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The page's JSON-LD article object: the first object (at the top, in an array or in
/// `@graph`) whose `@type` names an article, else the first with a `headline`.
struct JsonLd {
    article: Option<Value>,
}

impl JsonLd {
    fn string(&self, path: &[&str], source: &str) -> Option<Found<String>> {
        let mut v = self.article.as_ref()?;
        for key in path {
            v = v.get(key)?;
            if let Value::Array(a) = v {
                v = a.first()?;
            }
        }
        let s = match v {
            Value::String(s) => s.clone(),
            Value::Object(o) => o.get("@id").and_then(Value::as_str)?.to_string(),
            _ => return None,
        };
        let mut out = String::new();
        push_collapsed(&mut out, &decode_entities(s.trim()));
        (!out.is_empty()).then(|| found(out, source))
    }

    fn date(&self, key: &str) -> Option<Found<DateTime>> {
        let s = self.article.as_ref()?.get(key)?.as_str()?;
        parse_date(s).map(|d| found(d, format!("JSON-LD {key}")))
    }

    fn list(&self, key: &str) -> Option<Found<Vec<String>>> {
        let v = self.article.as_ref()?.get(key)?;
        let items = match v {
            Value::String(s) => split_list(s),
            Value::Array(a) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => return None,
        };
        (!items.is_empty()).then(|| found(items, format!("JSON-LD {key}")))
    }

    fn authors(&self) -> Option<Found<Vec<String>>> {
        let v = self.article.as_ref()?.get("author")?;
        let list: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        };
        let names: Vec<String> = list
            .into_iter()
            .filter_map(|a| match a {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => o
                    .get("name")
                    .and_then(Value::as_str)
                    .map(|s| s.trim().to_string()),
                _ => None,
            })
            .filter(|n| !n.is_empty() && !n.contains("://"))
            .collect();
        (!names.is_empty()).then(|| found(names, "JSON-LD author"))
    }
}

fn json_ld(html: &Html) -> JsonLd {
    let Ok(sel) = Selector::parse("script[type]") else {
        return JsonLd { article: None };
    };
    let mut objects = Vec::new();
    for s in html.select(&sel) {
        if !s
            .value()
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let text: String = s.text().collect();
        // Bounded: serde_json refuses nesting past 128 levels rather than recursing further.
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(a) => stack.extend(a.into_iter().rev()),
                Value::Object(mut o) => {
                    if let Some(Value::Array(g)) = o.remove("@graph") {
                        stack.extend(g.into_iter().rev());
                    }
                    objects.push(Value::Object(o));
                }
                _ => {}
            }
        }
    }
    let is_article = |v: &Value| {
        let names: Vec<&str> = match v.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        names
            .iter()
            .any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report")
    };
    let article = objects
        .iter()
        .position(is_article)
        .or_else(|| objects.iter().position(|o| o.get("headline").is_some()))
        .map(|i| objects.swap_remove(i));
    JsonLd { article }
}

/// Character references left in JSON-LD strings (`&amp;`, `&#8217;`), which some publishers
/// escape twice.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail.find(';').filter(|&e| e <= 32);
        let decoded = end.and_then(|e| {
            let body = &tail[..e];
            if body.starts_with('#') {
                crate::entity::numeric(body)
            } else {
                crate::entity::named(body)
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}
