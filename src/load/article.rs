//! One content file turned into an [`Article`]: line ends and forbidden control characters
//! cleaned once, the front matter and then the body parsed, front matter values checked where
//! they are written and laid over what the body gave, and the article assembled. The first
//! problem found is the file's error. Nothing here walks folders or compares articles with
//! each other (that is the walk's, in [`super`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::import::corrections::Corrections;
use crate::model::{
    Alias, Article, DateTime, Markup, Reference, RelativeTime, Slug, Source, Thread, Timestamp,
};

use super::body::{ScrapeView, parse_body};
use super::front_matter::{
    FrontMatter, RawComment, RawFrontMatter, RawReference, RawSource, RawTaxonomies, Syntax,
    split_front_matter, split_page_front_matter, toml_dates_as_text,
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
    load_text(path, text, language, None)
}

/// The text the loader reads: line ends as `\n` and no character XML forbids (see
/// [`load_text`]); borrowed when there was nothing to change.
pub(super) fn clean_text(text: &str) -> std::borrow::Cow<'_, str> {
    let forbidden = crate::markdown::forbidden_in_xml;
    if !text.contains('\r') && !text.contains(forbidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace(forbidden, ""),
    )
}

/// [`load_file`], filling `view` (for `folio import`) with the corrected import of a scrape.
pub(super) fn load_text(
    path: &Path,
    text: &str,
    language: &str,
    view: Option<&mut ScrapeView>,
) -> Result<Loaded> {
    // CRLF and a lone CR → LF once, here; every later stage sees `\n` only and line numbers are
    // unchanged.
    // Control characters XML 1.0 forbids (scrapes carry stray ones: vertical tab, form feed,
    // NUL-like debris) are dropped too: they mean nothing in text and would make every EPUB
    // chapter and feed that carries them unreadable to an XML parser, and HTML pages invalid.
    let forbidden = crate::markdown::forbidden_in_xml;
    let dropped = text.contains(forbidden);
    if !text.contains('\r') && !dropped {
        return load_clean(path, text, language, view);
    }
    let clean = clean_text(text);
    load_clean(path, &clean, language, view).map_err(|e| {
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
fn load_clean(
    path: &Path,
    text: &str,
    language: &str,
    mut view: Option<&mut ScrapeView>,
) -> Result<Loaded> {
    let fm = split_front_matter(path, text)?;
    let mut raw: RawFrontMatter = fm.parse(path).map_err(foreign_key_hint)?;
    if fm.syntax == Syntax::Toml {
        toml_dates_as_text(&mut raw.extra);
    }
    let at = |key: &str| fm.key_location(path, key);
    let corrections = match raw.import.take() {
        Some(_) if super::markup_of(path) == Markup::Markdown => {
            return Err(Error::at(
                at("import"),
                "`import:` corrects how a .txt scrape or a saved page is read; a Markdown file is read as written",
            )
            .with_hint("edit the Markdown itself, and remove `import:`"));
        }
        Some(c) => Corrections::locate(path, fm.yaml, fm.yaml_line, c),
        None => Corrections::default(),
    };
    let mut body = parse_body(
        path,
        &fm,
        raw.title.as_deref(),
        &corrections,
        view.as_deref_mut(),
    )?;

    let (title, title_line) = match &raw.title {
        Some(t) => (Some(t.clone()), at("title").line as u32),
        None => (body.title.take(), body.title_line),
    };
    // What `folio import` shows carries the title the article has.
    if let (Some(t), Some(scrape)) = (&raw.title, view.and_then(|v| v.scrape.as_mut())) {
        scrape.title = t.clone();
        scrape.title_line = title_line;
    }
    let title = check_title(path, title)?;
    let slug = resolve_slug(path, raw.slug.as_deref(), &title, &at)?;
    let authors = one_of(path, ("authors", raw.authors), ("author", raw.author), &at)?;
    let description = one_of(
        path,
        ("description", raw.description),
        ("summary", raw.summary),
        &at,
    )?
    .map(|d| d.trim().to_string())
    .filter(|d| !d.is_empty());
    let (published, date_unknown) = resolve_date(raw.date.as_deref(), &at)?;
    let updated = resolve_updated(raw.updated.as_deref(), published, &at)?;
    let tags = merge_tags(raw.categories, raw.taxonomies, raw.tags);
    let alias_paths = raw.aliases.unwrap_or_default();
    let alias_places = fm.value_locations(path, "aliases", &alias_paths);
    let aliases = alias_paths
        .into_iter()
        .zip(alias_places)
        .map(|(path, at)| Alias {
            path,
            line: at.line as u32,
            col: at.col as u32,
        })
        .collect();
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
    let mut meta: BTreeMap<String, String> = raw.meta.into_iter().map(|(k, v)| (k, v.0)).collect();
    for (k, v) in body.metadata {
        meta.entry(k).or_insert(v);
    }
    // A page copy's byline and dateline stand in for `authors:` and `date:` left out.
    let authors = match authors {
        Some(a) => a,
        None => meta
            .remove("author")
            .map(|a| a.split("; ").map(str::to_string).collect())
            .unwrap_or_default(),
    };
    let published = match published {
        None if !date_unknown => meta.get("published").and_then(|d| Timestamp::parse(d)),
        d => d,
    };
    let source = resolve_source(raw.source, &meta, &at)?;
    if let Some(scraped) = meta.get("scraped") {
        resolve_relative_dates(&mut body.comments, scraped, &at)?;
    }

    let kept_lines = std::mem::take(&mut body.kept);
    let article = Article {
        slug,
        path: path.to_path_buf(),
        title,
        title_line,
        subtitle: raw.subtitle,
        authors,
        date: published.map(|p| p.day()),
        date_time: published.and_then(|p| p.time()),
        date_unknown,
        updated,
        description,
        draft: raw.draft,
        aliases,
        extra: raw.extra,
        source,
        language,
        translated_from: raw.translated_from,
        tags,
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
            kept_lines,
        },
        source_key: crate::incremental::source_key(text),
        edits: None,
        exports: 0,
    })
}

/// Hugo's and Zola's front matter keys that folio spells differently or does without, with
/// what to write instead.
const FOREIGN_KEYS: &[(&str, &str)] = &[
    ("lastmod", "Hugo's `lastmod` is folio's `updated:`"),
    (
        "modified",
        "write when the article last changed as `updated:`",
    ),
    (
        "publishDate",
        "folio publishes an article at its `date:`; until then, `draft: true` leaves it out",
    ),
    (
        "expiryDate",
        "folio has no expiry date; `draft: true` leaves an article out of the build",
    ),
    (
        "weight",
        "folio lists articles newest first; `order:` in book.yaml puts chosen slugs first",
    ),
    (
        "keywords",
        "folio's `tags:` are the article's keywords (in JSON-LD and the feed)",
    ),
    (
        "template",
        "every article is rendered with the theme's `article.html`; override it in themes/<name>/templates/",
    ),
    (
        "layout",
        "every article is rendered with the theme's `article.html`; override it in themes/<name>/templates/",
    ),
    (
        "url",
        "`slug:` names the article's folder; keep an old address working with `aliases:`",
    ),
    (
        "path",
        "`slug:` names the article's folder; keep an old address working with `aliases:`",
    ),
];

/// An unknown top-level key that Hugo or Zola knows gets a hint saying what folio has instead
/// of the list of valid keys.
fn foreign_key_hint(error: Error) -> Error {
    match error {
        Error::At {
            location,
            message,
            hint,
        } => {
            let known = FOREIGN_KEYS.iter().find(|(key, _)| {
                message
                    .strip_prefix("unknown field `")
                    .and_then(|rest| rest.strip_prefix(key))
                    .is_some_and(|rest| rest.starts_with('`'))
            });
            Error::At {
                location,
                message,
                hint: known.map(|(_, h)| h.to_string()).or(hint),
            }
        }
        e => e,
    }
}

/// A saved HTML page as an article. Everything comes from the page (see
/// [`crate::import::html`]) unless the page starts with front matter (see
/// [`split_page_front_matter`]), whose keys are those of a scrape's and win over what the page
/// says; its `import:` corrections are applied as the page is imported. The published time
/// keeps its zone in `meta` (`published`, `updated`), the article's `date` is its calendar
/// day; the page's language is used when it is a valid tag, else the book's.
pub fn load_html_file(path: &Path, bytes: &[u8], language: &str) -> Result<Loaded> {
    load_page(path, bytes, language, None)
}

/// What `folio import` shows of a saved page besides the article.
#[derive(Debug, Default)]
pub(super) struct PageView {
    /// Also find what the article left out (`--explain`).
    pub(super) explain: bool,
    pub(super) page: Option<crate::import::html::Page>,
    /// File line where the page starts, after any front matter.
    pub(super) body_line: usize,
}

/// [`load_html_file`], filling `view` (for `folio import`) with the corrected import.
pub(super) fn load_page(
    path: &Path,
    bytes: &[u8],
    language: &str,
    view: Option<&mut PageView>,
) -> Result<Loaded> {
    let split = split_page_front_matter(path, bytes)?;
    let mut raw: RawFrontMatter = crate::yaml::from_str(path, split.yaml, split.yaml_line)?;
    let at = |key: &str| crate::yaml::key_location(path, split.yaml, split.yaml_line, key);
    let corrections = raw
        .import
        .take()
        .map(|c| Corrections::locate(path, split.yaml, split.yaml_line, c))
        .unwrap_or_default();
    let explain = view.as_ref().is_some_and(|v| v.explain);
    let mut page = crate::import::html::import_page_with(path, &split.page, &corrections, explain)
        .map_err(|e| below_front_matter(e, path, split.body_line))?;
    if let Some(t) = &raw.title {
        page.scrape.title = t.clone();
        page.scrape.title_line = at("title").line as u32;
        page.scrape
            .sources
            .insert("title".to_string(), "front matter".to_string());
    }
    if let Some(view) = view {
        view.page = Some(page.clone());
        view.body_line = split.body_line;
    }
    let page_kept = page.outcome.kept;
    let scrape = page.scrape;
    let title = check_title(path, Some(scrape.title.clone()))?;
    let slug = resolve_slug(path, raw.slug.as_deref(), &title, &at)?;
    let page_meta = scrape.metadata;
    let (published, date_unknown) = match raw.date.as_deref() {
        Some(d) => resolve_date(Some(d), &at)?,
        None => (
            page_meta
                .get("published")
                .and_then(|d| crate::import::html::parse_date(d))
                .map(|d| Timestamp::Day(d.date)),
            false,
        ),
    };
    let updated = resolve_updated(raw.updated.as_deref(), published, &at)?;
    let authors = one_of(path, ("authors", raw.authors), ("author", raw.author), &at)?;
    let description = one_of(
        path,
        ("description", raw.description),
        ("summary", raw.summary),
        &at,
    )?;
    let page_language = page_meta
        .get("language")
        .filter(|l| crate::config::is_language_tag(l))
        .cloned()
        .unwrap_or_else(|| language.to_string());
    let language = resolve_language(
        raw.language.as_deref(),
        &page_language,
        raw.translated_from.as_deref(),
        &at,
    )?;
    let list = |key: &str| -> Vec<String> {
        page_meta
            .get(key)
            .map(|v| v.split("; ").map(str::to_string).collect())
            .unwrap_or_default()
    };
    let authors = authors.unwrap_or_else(|| list("author"));
    let tags = merge_tags(raw.categories, raw.taxonomies, raw.tags);
    let tags = if tags.is_empty() { list("tags") } else { tags };
    let front_source = resolve_source(raw.source, &BTreeMap::new(), &at)?;
    let source = Source {
        site: front_source.site.or_else(|| page_meta.get("site").cloned()),
        url: front_source.url.or_else(|| {
            page_meta
                .get("url")
                .filter(|u| crate::markdown::is_safe_url(u) && u.contains("://"))
                .cloned()
        }),
    };
    let fm = FrontMatter {
        yaml: split.yaml,
        yaml_line: split.yaml_line,
        body: "",
        body_line: split.body_line,
        syntax: Syntax::Yaml,
    };
    let mut comments = scrape.comments;
    add_front_matter_comments(path, &fm, raw.comments, &mut comments, &at)?;
    let mut references = scrape.references;
    add_front_matter_references(raw.references, &mut references, &at)?;
    let annotations = build_annotations(path, &fm, raw.annotations, &scrape.blocks, &comments)?;
    let mut meta: BTreeMap<String, String> = raw.meta.into_iter().map(|(k, v)| (k, v.0)).collect();
    for (k, v) in page_meta {
        if !matches!(k.as_str(), "author" | "site" | "url" | "language" | "tags") {
            meta.entry(k).or_insert(v);
        }
    }
    if let Some(scraped) = meta.get("scraped") {
        resolve_relative_dates(&mut comments, scraped, &at)?;
    }
    let source_key = crate::incremental::source_key(&String::from_utf8_lossy(bytes));
    let article = Article {
        slug,
        path: path.to_path_buf(),
        title,
        title_line: scrape.title_line,
        subtitle: raw.subtitle,
        authors,
        date: published.map(|p| p.day()),
        date_time: published.and_then(|p| p.time()),
        date_unknown,
        updated,
        description,
        draft: raw.draft,
        aliases: Vec::new(),
        extra: raw.extra,
        source,
        language,
        translated_from: raw.translated_from,
        tags,
        blocks: scrape.blocks,
        references,
        comments,
        annotations,
        meta,
        removed: scrape.removed,
    };
    Ok(Loaded {
        article,
        settings: ArticleSettings {
            normalize: raw.normalize,
            glossary: raw.glossary,
            kept_lines: page_kept,
        },
        source_key,
        edits: None,
        exports: 0,
    })
}

/// A page error placed at the top of the page, moved below its front matter, where the page
/// starts.
fn below_front_matter(error: Error, path: &Path, body_line: usize) -> Error {
    match error {
        Error::At {
            mut location,
            message,
            hint,
        } if body_line > 1 && location.path == path && location.line == 1 => {
            location.line = body_line;
            Error::At {
                location,
                message,
                hint,
            }
        }
        e => e,
    }
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

/// The front matter's `date:` (a day, or a time with its zone) and whether it is written as
/// `unknown`.
fn resolve_date(
    front: Option<&str>,
    at: &impl Fn(&str) -> Location,
) -> Result<(Option<Timestamp>, bool)> {
    let date_unknown = front.map(str::trim) == Some("unknown");
    let date = match front {
        Some(_) if date_unknown => None,
        Some(d) => Some(Timestamp::parse(d).ok_or_else(|| {
            Error::at(
                at("date"),
                format!("`{d}` is not a date; write it as YYYY-MM-DD (or `unknown`)"),
            )
            .with_hint(TIMESTAMP_HINT)
        })?),
        None => None,
    };
    Ok((date, date_unknown))
}

/// What a date in front matter may look like, for the hint of a date that is not one.
const TIMESTAMP_HINT: &str = "a time is written 2021-05-25T17:07:00, with its zone when known: 2021-05-25T17:07:00+08:00 or 2021-05-25T09:07:00Z";

/// The front matter's `updated:`, which cannot be before the publication date.
fn resolve_updated(
    front: Option<&str>,
    published: Option<Timestamp>,
    at: &impl Fn(&str) -> Location,
) -> Result<Option<Timestamp>> {
    let Some(text) = front else {
        return Ok(None);
    };
    let updated = Timestamp::parse(text).ok_or_else(|| {
        Error::at(
            at("updated"),
            format!("`{text}` is not a date; write it as YYYY-MM-DD"),
        )
        .with_hint(TIMESTAMP_HINT)
    })?;
    if let Some(published) = published
        && !updated.not_before(&published)
    {
        return Err(Error::at(
            at("updated"),
            format!("`updated` ({updated}) is before the article's `date` ({published})"),
        ));
    }
    Ok(Some(updated))
}

/// One value written under either of two keys that mean the same (`authors` and Hugo's
/// `author`, `description` and `summary`); both is an error at the second key, since folio
/// cannot know which one the author meant.
fn one_of<T>(
    path: &Path,
    (first, a): (&str, Option<T>),
    (second, b): (&str, Option<T>),
    at: &impl Fn(&str) -> Location,
) -> Result<Option<T>> {
    match (a, b) {
        (Some(_), Some(_)) => Err(Error::at(
            Location::new(path, at(second).line, 1),
            format!("both `{first}` and `{second}` are given; they mean the same, so keep one"),
        )
        .with_hint(format!("`{second}` is another name for `{first}`"))),
        (a, b) => Ok(a.or(b)),
    }
}

/// The article's tags: categories first, then tags, from folio's and Hugo's keys and from
/// Zola's `taxonomies:`, each once (tags that differ only in case are one tag on the site).
fn merge_tags(
    categories: Option<Vec<String>>,
    taxonomies: Option<RawTaxonomies>,
    tags: Option<Vec<String>>,
) -> Vec<String> {
    let taxonomies = taxonomies.unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    [categories, taxonomies.categories, tags, taxonomies.tags]
        .into_iter()
        .flatten()
        .flatten()
        .filter(|t| seen.insert(t.trim().to_lowercase()))
        .collect()
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
    *comments = build_thread(path, fm, raw)?;
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
    use crate::model::Date;

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
    fn zola_and_hugo_front_matter_loads() {
        let text = "---\ntitle: T\nauthor: Jane Roe\ndate: 2021-05-25T17:07:00+08:00\nupdated: 2021-06-01\nsummary: \"  What it says.  \"\ndraft: true\ntags: huawei\ncategories: [News, Huawei]\ntaxonomies:\n  tags: [memo]\n  categories: [Tech]\naliases:\n  - old/path/\n  - \"/2019/old.html\"\nextra:\n  mood: calm\n  rank: [1, 2]\n---\nBody.\n";
        let a = load_article(Path::new("a.md"), text, "en").unwrap();
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(a.date, Date::new(2021, 5, 25));
        assert_eq!(
            a.published().map(|p| (p.to_string(), p.human())),
            Some((
                "2021-05-25T17:07:00+08:00".to_string(),
                "25 May 2021, 5:07 pm UTC+8".to_string()
            ))
        );
        assert_eq!(
            a.updated.map(|u| u.to_string()).as_deref(),
            Some("2021-06-01")
        );
        assert_eq!(a.description.as_deref(), Some("What it says."));
        assert!(a.draft);
        // Categories first, then tags; `huawei` repeats `Huawei` but for case.
        assert_eq!(a.tags, ["News", "Huawei", "Tech", "memo"]);
        let aliases: Vec<_> = a
            .aliases
            .iter()
            .map(|x| (x.path.as_str(), x.line, x.col))
            .collect();
        assert_eq!(aliases, [("old/path/", 14, 5), ("/2019/old.html", 15, 5)]);
        assert_eq!(
            serde_json::to_string(&a.extra).unwrap(),
            r#"{"mood":"calm","rank":[1,2]}"#
        );
        // Flow lists are located too, and an empty `tags:` is no tag.
        let a = load_article(
            Path::new("a.md"),
            "---\ntitle: T\ntags:\naliases: [a/, 'b.html']\n---\nx\n",
            "en",
        )
        .unwrap();
        assert!(a.tags.is_empty());
        let places: Vec<_> = a.aliases.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(places, [(4, 11), (4, 15)]);
    }

    #[test]
    fn keys_that_mean_the_same_and_dates_that_disagree_are_errors_at_their_line() {
        let cases = [
            (
                "---\ntitle: T\nauthors: [A]\nauthor: B\n---\nx\n",
                "a.md:4:1: both `authors` and `author` are given",
            ),
            (
                "---\ntitle: T\nsummary: s\ndescription: d\n---\nx\n",
                "a.md:3:1: both `description` and `summary` are given",
            ),
            (
                "---\ntitle: T\ndate: 2021-05-25\nupdated: 2021-05-24T23:00:00Z\n---\nx\n",
                "a.md:4:10: `updated` (2021-05-24T23:00:00Z) is before the article's `date` (2021-05-25)",
            ),
            (
                "---\ntitle: T\nupdated: soon\n---\nx\n",
                "a.md:3:10: `soon` is not a date",
            ),
            (
                "---\ntitle: T\ndate: 2021-05-25T25:00:00Z\n---\nx\n",
                "a.md:3:7: `2021-05-25T25:00:00Z` is not a date",
            ),
            (
                "---\ntitle: T\ndraft: maybe\n---\nx\n",
                "a.md:3:8: draft: invalid type: string \"maybe\", expected a boolean",
            ),
            (
                "---\ntitle: T\nlastmod: 2021-05-25\n---\nx\n",
                "a.md:3:1: unknown field `lastmod` [Hugo's `lastmod` is folio's `updated:`]",
            ),
            (
                "---\ntitle: T\ntaxonomies: {series: [a]}\n---\nx\n",
                "a.md:3:14: taxonomies: unknown field `series`",
            ),
            // A comment's date is reported where it is written, not at the comment or the
            // top of the file; the article's own `author:` does not count as a comment.
            (
                "---\ntitle: T\nauthor: Jane\ncomments:\n  - body: hi\n    author: Ann\n  - date: last week\n    author: Bob\n---\nx\n",
                "a.md:7:11: comments[1].date: `last week` is not a date and time",
            ),
        ];
        for (text, expected) in cases {
            let error = load_article(Path::new("a.md"), text, "en").unwrap_err();
            let e = match &error {
                Error::At { hint: Some(h), .. } if expected.contains(" [") => {
                    format!("{error} [{h}]")
                }
                _ => error.to_string(),
            };
            assert!(
                e.starts_with(expected),
                "for {text:?}\n got: {e}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn toml_front_matter_loads_like_the_same_yaml() {
        let toml = "+++\ntitle = \"T\"\nauthor = \"Jane Roe\"\ndate = 2021-05-25T17:07:00+08:00\nupdated = 2021-06-01\ndescription = \"What it says.\"\ndraft = true\naliases = [\"old/path/\", '/2019/old.html']\n\n[taxonomies]\ntags = [\"memo\"]\ncategories = [\"News\"]\n\n[extra]\nmood = \"calm\"\nsince = 2020-01-02\n\n[meta]\nscraped = 2021-06-10\n\n[[comments]]\nauthor = \"Ann\"\ndate = 2021-05-25T18:00:00+08:00\nbody = \"First.\"\n\n[[comments.replies]]\nauthor = \"Bob\"\ndate_text = \"2 days ago\"\nbody = \"Reply.\"\n+++\nBody.\n";
        let yaml = "---\ntitle: T\nauthor: Jane Roe\ndate: 2021-05-25T17:07:00+08:00\nupdated: 2021-06-01\ndescription: What it says.\ndraft: true\naliases: [old/path/, '/2019/old.html']\ntaxonomies: {tags: [memo], categories: [News]}\nextra: {mood: calm, since: 2020-01-02}\nmeta: {scraped: 2021-06-10}\ncomments:\n  - author: Ann\n    date: 2021-05-25T18:00:00+08:00\n    body: First.\n    replies:\n      - author: Bob\n        date_text: 2 days ago\n        body: Reply.\n---\nBody.\n";
        let t = load_article(Path::new("a.md"), toml, "en").unwrap();
        let y = load_article(Path::new("a.md"), yaml, "en").unwrap();
        // The same article but for where things are written in the file.
        let places = |a: &Article| {
            (
                a.title_line,
                a.aliases
                    .iter()
                    .map(|x| (x.line, x.col))
                    .collect::<Vec<_>>(),
                a.comments
                    .comments
                    .iter()
                    .map(|c| c.line)
                    .collect::<Vec<_>>(),
                a.blocks[0].line,
            )
        };
        assert_eq!(places(&t), (2, vec![(8, 12), (8, 25)], vec![22, 27], 31));
        let unplaced = |a: &Article| {
            let mut a = a.clone();
            a.title_line = 0;
            a.aliases.iter_mut().for_each(|x| (x.line, x.col) = (0, 0));
            a.comments.comments.iter_mut().for_each(|c| c.line = 0);
            a.blocks.iter_mut().for_each(|b| b.line = 0);
            a
        };
        assert_eq!(unplaced(&t), unplaced(&y));
        assert_eq!(
            serde_json::to_string(&t.extra).unwrap(),
            r#"{"mood":"calm","since":"2020-01-02"}"#
        );
        assert_eq!(
            t.comments.comments[1]
                .date_time
                .map(|d| d.to_string())
                .as_deref(),
            Some("2021-06-08T00:00:00")
        );
    }

    #[test]
    fn toml_front_matter_errors_point_into_the_file() {
        let cases = [
            (
                "+++\ntitle = \"T\"\nlastmod = 2021-05-25\n+++\nx\n",
                "a.md:3:1: unknown field `lastmod` [Hugo's `lastmod` is folio's `updated:`]",
            ),
            (
                "+++\ntitle = \"T\"\ndate = \"25/05/2021\"\n+++\nx\n",
                "a.md:3:8: `25/05/2021` is not a date",
            ),
            (
                "+++\ntitle = \"T\"\n[meta]\nscraped = \"last week\"\n+++\nx\n",
                "a.md:4:11: `last week` is not a date",
            ),
            (
                "+++\ntitle = \"T\"\n\n[[comments]]\nauthor = \"Ann\"\ndate = 07:32:00\n+++\nx\n",
                "a.md:6:8: `07:32:00` is not a date and time",
            ),
            (
                "+++\ntitle = \"T\"\ntitle = \"U\"\n+++\nx\n",
                "a.md:3:1: duplicate key",
            ),
            ("+++\ntitle = \"T\nslug = \"t\"\n+++\nx\n", "a.md:2:"),
            (
                "+++\ntitle = \"T\"\ndraft = \"yes\"\n+++\nx\n",
                "a.md:3:9: invalid type: string \"yes\", expected a boolean",
            ),
            (
                "+++\ntitle = \"T\"\nauthors = [\"A\"]\nauthor = \"B\"\n+++\nx\n",
                "a.md:4:1: both `authors` and `author` are given",
            ),
        ];
        for (text, expected) in cases {
            let error = load_article(Path::new("a.md"), text, "en").unwrap_err();
            let e = match &error {
                Error::At { hint: Some(h), .. } if expected.contains(" [") => {
                    format!("{error} [{h}]")
                }
                _ => error.to_string(),
            };
            assert!(
                e.starts_with(expected),
                "for {text:?}\n got: {e}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn comment_lines_are_counted_inside_the_thread_only() {
        let text = "---\ntitle: T\nauthor: Jane\nannotations:\n  - paragraph: 1\n    note: n\n    author: Ed\ncomments:\n  - author: Ann\n    body: hi\n---\nx\n";
        let a = load_article(Path::new("a.md"), text, "en").unwrap();
        assert_eq!(a.comments.comments[0].line, 9);
        assert_eq!(a.annotations[0].line, 5);
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
