//! One content file turned into an [`Article`]: line ends and forbidden control characters
//! cleaned once, the front matter and then the body parsed, front matter values checked where
//! they are written and laid over what the body gave, and the article assembled. The first
//! problem found is the file's error. Nothing here walks folders or compares articles with
//! each other (that is the walk's, in [`super`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::model::{Article, Date, DateTime, Reference, RelativeTime, Slug, Source, Thread};

use super::body::parse_body;
use super::front_matter::{
    FrontMatter, RawComment, RawFrontMatter, RawReference, RawSource, split_front_matter,
};
use super::thread::{build_annotations, build_thread};
use super::{ArticleSettings, Loaded};

/// Turns the text of one content file into an article. `path` is the path shown in messages
/// (relative to the book root); `language` is the book's default language.
pub fn load_article(path: &Path, text: &str, language: &str) -> Result<Article> {
    load_file(path, text, language).map(|l| l.article)
}

/// [`load_article`] plus the article's settings for later stages.
pub fn load_file(path: &Path, text: &str, language: &str) -> Result<Loaded> {
    // CRLF and a lone CR → LF once, here; every later stage sees `\n` only and line numbers are
    // unchanged.
    // Control characters XML 1.0 forbids (scrapes carry stray ones: vertical tab, form feed,
    // NUL-like debris) are dropped too: they mean nothing in text and would make every EPUB
    // chapter and feed that carries them unreadable to an XML parser, and HTML pages invalid.
    let forbidden = crate::markdown::forbidden_in_xml;
    let dropped = text.contains(forbidden);
    if !text.contains('\r') && !dropped {
        return load_clean(path, text, language);
    }
    let clean = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace(forbidden, "");
    load_clean(path, &clean, language).map_err(|e| {
        if dropped {
            raw_columns(e, path, text)
        } else {
            e
        }
    })
}

/// Errors located in `clean` text count columns without the control characters the loader
/// dropped; an editor shows them, so the column moves back to the character of the raw line.
fn raw_columns(error: Error, path: &Path, raw: &str) -> Error {
    match error {
        Error::Many(all) => {
            Error::Many(all.into_iter().map(|e| raw_columns(e, path, raw)).collect())
        }
        Error::At {
            mut location,
            message,
            hint,
        } if location.path == path => {
            if let Some(line) = crate::error::source_lines(raw).nth(location.line.saturating_sub(1))
            {
                let mut kept = 0;
                let mut col = None;
                for (n, c) in line.chars().enumerate() {
                    if crate::markdown::forbidden_in_xml(c) {
                        continue;
                    }
                    if kept + 1 == location.col {
                        col = Some(n + 1);
                        break;
                    }
                    kept += 1;
                }
                location.col =
                    col.unwrap_or((line.chars().count() + location.col).saturating_sub(kept));
            }
            Error::At {
                location,
                message,
                hint,
            }
        }
        e => e,
    }
}

/// [`load_file`] on text with `\n` line ends and no character XML forbids. The steps run in
/// this order, and the first error stops them: front matter, body, title, slug, date,
/// language, comments, references, annotations, source, relative comment times.
fn load_clean(path: &Path, text: &str, language: &str) -> Result<Loaded> {
    let fm = split_front_matter(path, text)?;
    let raw: RawFrontMatter = crate::yaml::from_str(path, fm.yaml, fm.yaml_line)?;
    let at = |key: &str| crate::yaml::key_location(path, fm.yaml, fm.yaml_line, key);
    let mut body = parse_body(path, &fm, raw.title.as_deref())?;

    let (title, title_line) = match &raw.title {
        Some(t) => (Some(t.clone()), at("title").line as u32),
        None => (body.title.take(), body.title_line),
    };
    let title = check_title(path, title)?;
    let slug = resolve_slug(path, raw.slug.as_deref(), &title, &at)?;
    let (date, date_unknown) = resolve_date(raw.date.as_deref(), &at)?;
    let language = resolve_language(
        raw.language.as_deref(),
        language,
        raw.translated_from.as_deref(),
        &at,
    )?;
    add_front_matter_comments(path, &fm, raw.comments, &mut body.comments, &at)?;
    add_front_matter_references(raw.references, &mut body.references, &at)?;
    let annotations = build_annotations(path, &fm, raw.annotations, &body.blocks, &body.comments)?;

    // Residue facts a scrape kept fill in what `meta:` leaves out.
    let mut meta = raw.meta;
    for (k, v) in body.metadata {
        meta.entry(k).or_insert(v);
    }
    // A page copy's byline and dateline stand in for `authors:` and `date:` left out.
    let authors = match raw.authors {
        Some(a) => a.into_vec(),
        None => meta
            .remove("author")
            .map(|a| a.split("; ").map(str::to_string).collect())
            .unwrap_or_default(),
    };
    let date = match date {
        None if !date_unknown => meta
            .get("published")
            .and_then(|d| crate::import::html::parse_date(d))
            .map(|d| d.date),
        d => d,
    };
    let source = resolve_source(raw.source, &meta, &at)?;
    if let Some(scraped) = meta.get("scraped") {
        resolve_relative_dates(&mut body.comments, scraped, &at)?;
    }

    let article = Article {
        slug,
        path: path.to_path_buf(),
        title,
        title_line,
        subtitle: raw.subtitle,
        authors,
        date,
        date_unknown,
        source,
        language,
        translated_from: raw.translated_from,
        tags: raw.tags,
        blocks: body.blocks,
        references: body.references,
        comments: body.comments,
        annotations,
        meta,
        removed: body.removed,
    };
    Ok(Loaded {
        article,
        settings: ArticleSettings {
            normalize: raw.normalize,
            glossary: raw.glossary,
        },
        source_key: crate::incremental::source_key(text),
    })
}

/// A saved HTML page as an article. A page has no front matter: everything comes from the
/// page (see [`crate::import::html`]). The published time keeps its zone in `meta`
/// (`published`, `updated`), the article's `date` is its calendar day; the page's language is
/// used when it is a valid tag, else the book's.
pub fn load_html_file(path: &Path, bytes: &[u8], language: &str) -> Result<Loaded> {
    let scrape = crate::import::html::import_page(path, bytes)?;
    let title = check_title(path, Some(scrape.title.clone()))?;
    let slug = resolve_slug(path, None, &title, &|_| Location::new(path, 1, 1))?;
    let meta = scrape.metadata;
    let date = meta
        .get("published")
        .and_then(|d| crate::import::html::parse_date(d))
        .map(|d| d.date);
    let language = meta
        .get("language")
        .filter(|l| crate::config::is_language_tag(l))
        .cloned()
        .unwrap_or_else(|| language.to_string());
    let list = |key: &str| -> Vec<String> {
        meta.get(key)
            .map(|v| v.split("; ").map(str::to_string).collect())
            .unwrap_or_default()
    };
    let source_key = crate::incremental::source_key(&String::from_utf8_lossy(bytes));
    let article = Article {
        slug,
        path: path.to_path_buf(),
        title,
        title_line: scrape.title_line,
        subtitle: None,
        authors: list("author"),
        date,
        date_unknown: false,
        source: Source {
            site: meta.get("site").cloned(),
            url: meta
                .get("url")
                .filter(|u| crate::markdown::is_safe_url(u) && u.contains("://"))
                .cloned(),
        },
        language,
        translated_from: None,
        tags: list("tags"),
        blocks: scrape.blocks,
        references: scrape.references,
        comments: scrape.comments,
        annotations: Vec::new(),
        meta: meta
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "author" | "site" | "url" | "language" | "tags"))
            .collect(),
        removed: scrape.removed,
    };
    Ok(Loaded {
        article,
        settings: ArticleSettings::default(),
        source_key,
    })
}

/// The title, trimmed; an article without one is an error at the top of the file.
fn check_title(path: &Path, title: Option<String>) -> Result<String> {
    match title.map(|t| t.trim().to_string()) {
        Some(t) if !t.is_empty() => Ok(t),
        _ => Err(
            Error::at(Location::new(path, 1, 1), "the article has no title")
                .with_hint("add `title:` to the front matter or start the body with `# Title`"),
        ),
    }
}

/// The front matter's `slug:`, or one made from the file name, or else from the title.
fn resolve_slug(
    path: &Path,
    front: Option<&str>,
    title: &str,
    at: &impl Fn(&str) -> Location,
) -> Result<Slug> {
    if let Some(s) = front {
        return Slug::parse(s).map_err(|m| Error::at(at("slug"), m));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Slug::parse(&stem)
        .ok()
        .or_else(|| Slug::from_text(&stem))
        .or_else(|| Slug::from_text(title))
        .ok_or_else(|| {
            Error::at(
                Location::new(path, 1, 1),
                format!("cannot derive a URL-safe slug from the file name `{stem}`"),
            )
            .with_hint("add `slug: some-name` to the front matter")
        })
}

/// The front matter's `date:` and whether it is written as `unknown`.
fn resolve_date(
    front: Option<&str>,
    at: &impl Fn(&str) -> Location,
) -> Result<(Option<Date>, bool)> {
    let date_unknown = front.map(str::trim) == Some("unknown");
    let date = match front {
        Some(_) if date_unknown => None,
        Some(d) => Some(Date::parse_iso(d.trim()).ok_or_else(|| {
            Error::at(
                at("date"),
                format!("`{d}` is not a date; write it as YYYY-MM-DD (or `unknown`)"),
            )
        })?),
        None => None,
    };
    Ok((date, date_unknown))
}

/// The article's language (front matter's `language:`, else the book's), checked with
/// `translated_from:` as BCP 47 tags.
fn resolve_language(
    front: Option<&str>,
    book: &str,
    translated_from: Option<&str>,
    at: &impl Fn(&str) -> Location,
) -> Result<String> {
    let language = front.unwrap_or(book).to_string();
    if !crate::config::is_language_tag(&language) {
        return Err(Error::at(
            at("language"),
            format!("`{language}` is not a BCP 47 language tag"),
        ));
    }
    if let Some(from) = translated_from
        && !crate::config::is_language_tag(from)
    {
        return Err(Error::at(
            at("translated_from"),
            format!("`{from}` is not a BCP 47 language tag"),
        ));
    }
    Ok(language)
}

/// Front matter `comments:` become the thread, unless the scrape has its own.
fn add_front_matter_comments(
    path: &Path,
    fm: &FrontMatter<'_>,
    raw: Vec<RawComment>,
    comments: &mut Thread,
    at: &impl Fn(&str) -> Location,
) -> Result<()> {
    if raw.is_empty() {
        return Ok(());
    }
    if !comments.is_empty() {
        return Err(Error::at(
            at("comments"),
            "the scrape already has a comment section; comments in front matter would duplicate it",
        ));
    }
    *comments = build_thread(path, fm.yaml, fm.yaml_line, raw)?;
    Ok(())
}

/// Front matter `references:` become the reference list, unless the scrape has its own; all
/// are located on the `references:` line.
fn add_front_matter_references(
    raw: Vec<RawReference>,
    references: &mut Vec<Reference>,
    at: &impl Fn(&str) -> Location,
) -> Result<()> {
    if raw.is_empty() {
        return Ok(());
    }
    if !references.is_empty() {
        return Err(Error::at(
            at("references"),
            "the scrape already has a reference list; references in front matter would duplicate it",
        ));
    }
    let line = at("references").line as u32;
    *references = raw
        .into_iter()
        .map(|r| Reference {
            number: r.number,
            text: r.text,
            line,
        })
        .collect();
    Ok(())
}

/// Comments dated only by a relative time (`3 days ago`) are dated by counting it back from
/// `meta: {scraped: …}`, the moment the page was copied (`YYYY-MM-DD` is its midnight); their
/// written text stays beside the date, which marks it approximate. The article's own date is
/// never used for this: a page counts "3 years ago" from when it was viewed, not published.
fn resolve_relative_dates(
    comments: &mut Thread,
    scraped: &str,
    at: &impl Fn(&str) -> Location,
) -> Result<()> {
    let anchor = DateTime::parse_iso(scraped).ok_or_else(|| {
        Error::at(
            at("meta.scraped"),
            format!("`{scraped}` is not a date; write when the page was copied as YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
        )
    })?;
    for c in &mut comments.comments {
        if c.date_time.is_none()
            && let Some(r) = c.date_text.as_deref().and_then(RelativeTime::parse)
        {
            c.date_time = r.before(anchor);
        }
    }
    Ok(())
}

/// The front matter's `source:`; its site defaults to the `source` fact in `meta`, and its URL
/// must be an absolute http(s) URL.
fn resolve_source(
    raw: Option<RawSource>,
    meta: &BTreeMap<String, String>,
    at: &impl Fn(&str) -> Location,
) -> Result<Source> {
    let source = raw.unwrap_or_default();
    Ok(Source {
        site: source.site.or_else(|| meta.get("source").cloned()),
        url: match source.url {
            Some(u) if !crate::markdown::is_safe_url(&u) || !u.contains("://") => {
                return Err(Error::at(
                    at("source"),
                    format!("source url `{u}` must be an absolute http(s) URL"),
                ));
            }
            u => u,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_articles_load_with_comments_and_annotations() {
        let text = "---\ntitle: Hello\ndate: 2021-05-25\nannotations:\n  - comment: 1-1\n    note: Context.\n  - paragraph: 1\n    note: Para note.\ncomments:\n  - author: Ann\n    date: 2021-05-25T17:07:00\n    body: First.\n    replies:\n      - author: Bob\n        staff: true\n        body: Reply.\n---\nOne paragraph.\n";
        let a = load_article(Path::new("content/hello-world.md"), text, "en").unwrap();
        assert_eq!(a.slug.as_str(), "hello-world");
        assert_eq!(a.date, Date::new(2021, 5, 25));
        assert_eq!(a.blocks[0].line, 18);
        let walk: Vec<_> = a
            .comments
            .walk()
            .iter()
            .map(|v| (v.comment.id.0.clone(), v.depth, v.comment.line))
            .collect();
        assert_eq!(
            walk,
            vec![("1".to_string(), 0, 10), ("1-1".to_string(), 1, 14)]
        );
        assert!(a.comments.comments[1].staff);
        assert_eq!(a.annotations.len(), 2);
        assert_eq!(a.annotations[0].line, 5);
    }

    #[test]
    fn front_matter_errors_point_into_the_file() {
        let cases = [
            (
                "---\ntitle: T\ndate: 25/05/2021\n---\nx\n",
                "a.md:3:7: `25/05/2021` is not a date; write it as YYYY-MM-DD",
            ),
            (
                "---\ntitle: T\ntitel: U\n---\nx\n",
                "a.md:3:1: unknown field `titel`",
            ),
            (
                "---\ntitle: T\nslug: Bad Slug\n---\nx\n",
                "a.md:3:7: slug `Bad Slug` contains `B`; use only lower-case ASCII letters, digits, `-` and `_`",
            ),
            (
                "---\ntitle: T\ndate: a: b\n---\nx\n",
                "a.md:3:8: mapping values are not allowed in this context",
            ),
            (
                "---\nannotations:\n  - comment: 9\n    note: n\n---\n# T\n\nx\n",
                "a.md:3:1: annotation targets comment `9`, which does not exist",
            ),
            ("no title here\n", "a.md:1:1: the article has no title"),
        ];
        for (text, expected) in cases {
            let e = load_article(Path::new("a.md"), text, "en")
                .unwrap_err()
                .to_string();
            assert!(
                e.starts_with(expected),
                "for {text:?}\n got: {e}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn relative_comment_times_count_back_from_the_scrape_date_only() {
        let load = |meta: &str| {
            let text = format!(
                "---\ntitle: T\ndate: 2015-01-01\n{meta}comments:\n  - author: Ann\n    date_text: 3 years ago\n  - author: Bob\n    date: 2021-05-25T17:07:00\n    date_text: 2 days ago\n  - author: Cy\n    date_text: May 25, 2021\n---\nBody.\n"
            );
            load_article(Path::new("a.md"), &text, "en")
        };
        let dates = |a: &Article| -> Vec<(Option<String>, Option<String>)> {
            a.comments
                .comments
                .iter()
                .map(|c| (c.date_time.map(|d| d.to_string()), c.date_text.clone()))
                .collect()
        };
        let text = |s: &str| Some(s.to_string());
        // Without the scrape's date nothing is invented (the article's own date is not it).
        let a = load("").unwrap();
        assert_eq!(
            dates(&a),
            [
                (None, text("3 years ago")),
                (text("2021-05-25T17:07:00"), text("2 days ago")),
                (None, text("May 25, 2021")),
            ]
        );
        // With it, only a comment dated by a relative time alone gets a date.
        let a = load("meta:\n  scraped: 2021-06-01\n").unwrap();
        assert_eq!(
            dates(&a),
            [
                (text("2018-06-01T00:00:00"), text("3 years ago")),
                (text("2021-05-25T17:07:00"), text("2 days ago")),
                (None, text("May 25, 2021")),
            ]
        );
        let e = load("meta:\n  scraped: last week\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("a.md:5:12: `last week` is not a date"), "{e}");
    }
}
