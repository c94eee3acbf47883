//! Loading a book: walk `content/`, split YAML front matter from bodies, turn each file into an
//! [`Article`] (Markdown through [`crate::markdown`], raw scrapes through [`crate::import`]),
//! check slugs and order the articles. Per-file problems are collected and reported together.
//! Nothing here renders or writes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::model::{
    Annotation, AnnotationTarget, Article, Comment, CommentId, Date, DateTime, Markup, Slug,
    Source, Thread,
};
use crate::progress::Progress;

/// A content file cut into its YAML front matter and its body. Both keep their file line
/// numbers so every later error can point into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the `---` fences; empty when the file has none.
    pub yaml: &'a str,
    /// File line (1-based) of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line (1-based) of the first body line.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file that does not start with `---` has no front
/// matter; one that opens it and never closes it is an error at the opening fence.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<FrontMatter<'a>> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(FrontMatter {
            yaml: "",
            yaml_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let mut offset = first_line_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let current = text[offset..end].trim_end();
        if current == "---" || current == "..." {
            return Ok(FrontMatter {
                yaml: &text[first_line_end..offset],
                yaml_line: 2,
                body: &text[end..],
                // A fence on the last line, without a line end, leaves an empty body on its
                // own line: there is no line after it for an error to point at.
                body_line: if text[..end].ends_with('\n') {
                    line + 1
                } else {
                    line
                },
            });
        }
        offset = end;
        line += 1;
    }
    Err(Error::at(
        Location::new(path, 1, 1),
        "the front matter opened here is never closed",
    )
    .with_hint("end the front matter with a line containing only `---`"))
}

/// A scrape whose front matter names the title has no title line: the importer took its first
/// line of prose as the title, and that line is the body's first line instead (joined to the
/// paragraph it opens), unless it only repeats the title.
fn keep_first_scrape_line(
    title: &str,
    line_text: String,
    line: u32,
    blocks: &mut Vec<crate::model::Block>,
    removed: &mut Vec<crate::model::Removed>,
) {
    use crate::model::{Block, BlockKind, Removed};
    if line_text.trim() == title.trim() {
        let at = removed.partition_point(|r| r.line <= line);
        let removed_line = Removed {
            line,
            text: line_text,
            reason: "duplicate title".to_string(),
        };
        removed.insert(at, removed_line);
        return;
    }
    match blocks.first_mut() {
        Some(first)
            if first.line == line + 1
                && matches!(first.kind, BlockKind::Paragraph | BlockKind::Caption { .. }) =>
        {
            first.text = format!("{line_text}\n{}", first.text);
            first.kind = BlockKind::Paragraph;
            first.line = line;
        }
        _ => blocks.insert(
            0,
            Block {
                kind: BlockKind::Paragraph,
                text: line_text,
                line,
                markup: Markup::Plain,
            },
        ),
    }
}

/// Authors may be written as one name or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    #[serde(default)]
    site: Option<String>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnotation {
    #[serde(default)]
    paragraph: Option<u32>,
    #[serde(default)]
    comment: Option<String>,
    note: String,
    #[serde(default)]
    author: Option<String>,
}

/// A comment in front matter: the same field names as the import JSON.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComment {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    number: Option<u32>,
    author: String,
    #[serde(default)]
    staff: bool,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    line: Option<u32>,
    #[serde(default)]
    replies: Vec<RawComment>,
}

/// Front matter as written. Everything is optional: a raw scrape needs none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    authors: Option<OneOrMany>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<RawSource>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    translated_from: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    annotations: Vec<RawAnnotation>,
    #[serde(default)]
    references: Vec<RawReference>,
    #[serde(default)]
    comments: Vec<RawComment>,
    #[serde(default)]
    meta: BTreeMap<String, String>,
    #[serde(default)]
    normalize: Option<crate::normalize::ArticleNormalize>,
    #[serde(default)]
    glossary: Option<crate::normalize::Glossary>,
}

/// Per-article settings for later stages that are not part of the content itself: front
/// matter's `normalize:` switch and `glossary:` additions.
#[derive(Debug, Clone, Default)]
pub struct ArticleSettings {
    pub normalize: Option<crate::normalize::ArticleNormalize>,
    pub glossary: Option<crate::normalize::Glossary>,
}

/// A loaded article with its settings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub article: Article,
    pub settings: ArticleSettings,
    /// A hash of the source text, for incremental builds.
    pub source_key: crate::incremental::Key,
}

/// A numbered source reference (Markdown files; scrapes have them in the body).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    number: u32,
    text: String,
}

/// Loads every article of the book, reporting all per-file problems together.
pub fn load_articles(config: &Config) -> Result<Vec<Loaded>> {
    load_articles_with(config, &Progress::hidden())
}

/// [`load_articles`], reporting each file read to `progress` (and, when verbose, which files
/// were loaded as what and which were skipped).
pub fn load_articles_with(config: &Config, progress: &Progress) -> Result<Vec<Loaded>> {
    if !config.content_dir.is_dir() {
        let book = config.config_path();
        let text = crate::fs::read_text(&book).unwrap_or_default();
        let mut at =
            crate::yaml::key_location(&config.config_display_path(), &text, 1, "content_dir");
        if !text.lines().any(|l| l.starts_with("content_dir")) {
            at = Location::new(config.config_display_path(), 1, 1);
        }
        return Err(Error::at(
            at,
            format!(
                "the content folder `{}` does not exist",
                display_path(&config.root, &config.content_dir).display()
            ),
        )
        .with_hint("create it and put articles (.md or .txt) in it, or set `content_dir`"));
    }
    let files = content_files(&config.root, &config.content_dir)?;
    progress.stage("load", files.len());
    // Files are read and parsed in parallel; results keep the sorted file order, so errors
    // and articles come out the same whatever the thread count.
    use rayon::prelude::*;
    let results: Vec<Result<Loaded>> = files
        .par_iter()
        .map(|file| {
            let shown = display_path(&config.root, file);
            let loaded = crate::fs::read_text(file)
                .map_err(|e| relabel(e, file, &shown))
                .and_then(|text| load_file(&shown, &text, &config.language));
            progress.inc();
            loaded
        })
        .collect();
    if progress.is_verbose() {
        note_files(config, &files, &results, progress);
    }
    let mut articles = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for loaded in results {
        match loaded {
            Ok(article) => articles.push(article),
            Err(e) => errors.extend(e.into_list()),
        }
    }
    check_unique_slugs(&config.root, &articles, &mut errors);
    Error::from_list(errors)?;
    order_articles(&mut articles, &config.order, config)?;
    Ok(articles)
}

/// The verbose notes of loading: each file as the article it became, and every file under the
/// content folder that was not read, with the reason.
fn note_files(config: &Config, files: &[PathBuf], results: &[Result<Loaded>], progress: &Progress) {
    for (file, result) in files.iter().zip(results) {
        if let Ok(l) = result {
            let a = &l.article;
            progress.note(|| {
                format!(
                    "loaded {} as `{}`: {} blocks, {} comments{}",
                    display_path(&config.root, file).display(),
                    a.slug,
                    a.blocks.len(),
                    a.comments.len(),
                    match a.removed.len() {
                        0 => String::new(),
                        n => format!(", {n} lines removed"),
                    }
                )
            });
        }
    }
    let mut stack = vec![config.content_dir.clone()];
    let mut skipped = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            // Linked folders are not walked again here: their files are noted as loaded.
            let linked_dir = entry.file_type().is_ok_and(|t| t.is_symlink()) && path.is_dir();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                if hidden {
                    skipped.push((path, "hidden folder"));
                } else {
                    stack.push(path);
                }
            } else if !linked_dir && files.binary_search(&path).is_err() {
                let why = if hidden {
                    "hidden file"
                } else {
                    "neither .md nor .txt"
                };
                skipped.push((path, why));
            }
        }
    }
    skipped.sort();
    for (path, why) in skipped {
        progress.note(|| {
            format!(
                "skipped {}: {why}",
                display_path(&config.root, &path).display()
            )
        });
    }
}

/// Paths in messages are relative to the book root, as the user thinks of them.
fn display_path(root: &Path, file: &Path) -> PathBuf {
    file.strip_prefix(root).unwrap_or(file).to_path_buf()
}

fn relabel(e: Error, full: &Path, shown: &Path) -> Error {
    match e {
        Error::Io { source, .. } => Error::io(shown, source),
        Error::NotUtf8 {
            offset,
            byte,
            line,
            col,
            ..
        } => Error::NotUtf8 {
            path: shown.to_path_buf(),
            offset,
            byte,
            line,
            col,
        },
        Error::At {
            mut location,
            message,
            hint,
        } => {
            if location.path == full {
                location.path = shown.to_path_buf();
            }
            Error::At {
                location,
                message,
                hint,
            }
        }
        Error::Message(m) => {
            Error::Message(m.replace(&full.display().to_string(), &shown.display().to_string()))
        }
        e => e,
    }
}

/// Every `.md` and `.txt` file under the content folder `dir` of the book at `root`, sorted
/// so the build never depends on directory order. Hidden files and folders are skipped;
/// symbolic links are followed only when they stay inside the book (see
/// [`crate::fs::files_under`]).
pub fn content_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = crate::fs::files_under(root, dir)?;
    files.retain(|path| {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md") | Some("txt")
        )
    });
    Ok(files)
}

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

/// [`load_file`] on text with `\n` line ends and no character XML forbids.
fn load_clean(path: &Path, text: &str, language: &str) -> Result<Loaded> {
    let fm = split_front_matter(path, text)?;
    let raw: RawFrontMatter = crate::yaml::from_str(path, fm.yaml, fm.yaml_line)?;
    let at = |key: &str| crate::yaml::key_location(path, fm.yaml, fm.yaml_line, key);
    let is_markdown = path.extension().and_then(|e| e.to_str()) == Some("md");

    let mut meta = raw.meta.clone();
    let (mut title, mut title_line, blocks, mut references, removed, mut comments) = if is_markdown
    {
        let mut blocks = crate::markdown::parse_blocks(fm.body, fm.body_line as u32);
        check_raw_html(path, &blocks)?;
        // A Markdown file without a `title` takes its first level-1 heading as the title.
        let mut heading = None;
        if raw.title.is_none()
            && let Some(pos) = blocks
                .iter()
                .position(|b| matches!(b.kind, crate::model::BlockKind::Heading { level: 1 }))
        {
            heading = Some(blocks.remove(pos));
        }
        let (title, line) = heading.map_or((None, 0), |h| (Some(h.text), h.line));
        (
            title,
            line,
            blocks,
            Vec::new(),
            Vec::new(),
            Thread::default(),
        )
    } else {
        let scrape = crate::import::parse_scrape(path, fm.body, fm.body_line as u32)?;
        for (k, v) in scrape.metadata {
            meta.entry(k).or_insert(v);
        }
        (
            Some(scrape.title),
            scrape.title_line,
            scrape.blocks,
            scrape.references,
            scrape.removed,
            scrape.comments,
        )
    };
    let (mut blocks, mut removed) = (blocks, removed);
    if let Some(t) = &raw.title {
        if !is_markdown && let Some(scraped) = title.take() {
            keep_first_scrape_line(t, scraped, title_line, &mut blocks, &mut removed);
        }
        title = Some(t.clone());
        title_line = at("title").line as u32;
    }
    let title = match title.map(|t| t.trim().to_string()) {
        Some(t) if !t.is_empty() => t,
        _ => {
            return Err(
                Error::at(Location::new(path, 1, 1), "the article has no title")
                    .with_hint("add `title:` to the front matter or start the body with `# Title`"),
            );
        }
    };

    let slug = match &raw.slug {
        Some(s) => Slug::parse(s).map_err(|m| Error::at(at("slug"), m))?,
        None => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            Slug::parse(&stem)
                .ok()
                .or_else(|| Slug::from_text(&stem))
                .or_else(|| Slug::from_text(&title))
                .ok_or_else(|| {
                    Error::at(
                        Location::new(path, 1, 1),
                        format!("cannot derive a URL-safe slug from the file name `{stem}`"),
                    )
                    .with_hint("add `slug: some-name` to the front matter")
                })?
        }
    };

    let date_unknown = raw.date.as_deref().map(str::trim) == Some("unknown");
    let date = match &raw.date {
        Some(_) if date_unknown => None,
        Some(d) => Some(Date::parse_iso(d.trim()).ok_or_else(|| {
            Error::at(
                at("date"),
                format!("`{d}` is not a date; write it as YYYY-MM-DD (or `unknown`)"),
            )
        })?),
        None => None,
    };
    let language = raw.language.clone().unwrap_or_else(|| language.to_string());
    if !crate::config::is_language_tag(&language) {
        return Err(Error::at(
            at("language"),
            format!("`{language}` is not a BCP 47 language tag"),
        ));
    }
    if let Some(from) = &raw.translated_from
        && !crate::config::is_language_tag(from)
    {
        return Err(Error::at(
            at("translated_from"),
            format!("`{from}` is not a BCP 47 language tag"),
        ));
    }

    if !raw.comments.is_empty() {
        if !comments.is_empty() {
            return Err(Error::at(
                at("comments"),
                "the scrape already has a comment section; comments in front matter would duplicate it",
            ));
        }
        comments = build_thread(path, fm.yaml, fm.yaml_line, raw.comments)?;
    }
    if !raw.references.is_empty() {
        if !references.is_empty() {
            return Err(Error::at(
                at("references"),
                "the scrape already has a reference list; references in front matter would duplicate it",
            ));
        }
        let line = at("references").line as u32;
        references = raw
            .references
            .into_iter()
            .map(|r| crate::model::Reference {
                number: r.number,
                text: r.text,
                line,
            })
            .collect();
    }
    let annotations = build_annotations(path, &fm, raw.annotations, &blocks, &comments)?;

    let source = raw.source.unwrap_or_default();
    let source = Source {
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
    };
    let authors = match raw.authors {
        None => Vec::new(),
        Some(OneOrMany::One(a)) => vec![a],
        Some(OneOrMany::Many(v)) => v,
    };

    let settings = ArticleSettings {
        normalize: raw.normalize,
        glossary: raw.glossary,
    };
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
        blocks,
        references,
        comments,
        annotations,
        meta,
        removed,
    };
    Ok(Loaded {
        article,
        settings,
        source_key: crate::incremental::source_key(text),
    })
}

/// Raw HTML nested deeper than [`crate::markdown::MAX_HTML_DEPTH`] is refused where it is
/// written: sanitising it would take time growing with the square of its depth.
fn check_raw_html(path: &Path, blocks: &[crate::model::Block]) -> Result<()> {
    for block in blocks
        .iter()
        .filter(|b| b.kind == crate::model::BlockKind::Html)
    {
        let depth = crate::markdown::html_nesting_depth(&block.text);
        if depth > crate::markdown::MAX_HTML_DEPTH {
            return Err(Error::at(
                Location::new(path, block.line as usize, 1),
                format!(
                    "this raw HTML nests elements {depth} deep; folio accepts at most {}",
                    crate::markdown::MAX_HTML_DEPTH
                ),
            )
            .with_hint("close the elements that are left open, or put the HTML in a code block to show it as text"));
        }
    }
    Ok(())
}

/// Builds the flat thread from nested front matter without recursion. Comment ids default to
/// their path (`2`, `2-1`); lines are found by scanning for each `author:` in order.
fn build_thread(
    path: &Path,
    yaml: &str,
    yaml_line: usize,
    roots: Vec<RawComment>,
) -> Result<Thread> {
    let author_lines: Vec<u32> = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.trim_start()
                .trim_start_matches("- ")
                .starts_with("author:")
        })
        .map(|(i, _)| (yaml_line + i) as u32)
        .collect();
    let mut thread = Thread::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    // (comment, parent index, id path)
    let mut stack: Vec<(RawComment, Option<usize>, String)> = roots
        .into_iter()
        .enumerate()
        .rev()
        .map(|(i, c)| (c, None, (i + 1).to_string()))
        .collect();
    let mut visited = 0usize;
    while let Some((raw, parent, path_id)) = stack.pop() {
        let line = raw
            .line
            .or_else(|| author_lines.get(visited).copied())
            .unwrap_or(yaml_line as u32);
        visited += 1;
        let date_time = match &raw.date {
            Some(d) => Some(DateTime::parse_iso(d).ok_or_else(|| {
                Error::at(
                    Location::new(path, line as usize, 1),
                    format!("comment date `{d}` is not YYYY-MM-DDTHH:MM[:SS]"),
                )
            })?),
            None => None,
        };
        let id = raw.id.clone().unwrap_or_else(|| path_id.clone());
        // `.` too: the importer names a repeated top-level number `3.2`, and `folio import
        // --out` writes that id into front matter.
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(Error::at(
                Location::new(path, line as usize, 1),
                format!("comment id `{id}` may only contain letters, digits, `-`, `_` and `.`"),
            ));
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(Error::at(
                Location::new(path, line as usize, 1),
                format!("comment id `{id}` is already used by the comment on line {first}"),
            ));
        }
        let number = if parent.is_none() {
            raw.number.or_else(|| path_id.parse().ok())
        } else {
            None
        };
        let index = thread.push(
            Comment {
                id: CommentId(id),
                number,
                author: raw.author,
                staff: raw.staff,
                date_time,
                body: raw.body.trim_end().to_string(),
                replies: Vec::new(),
                parent: None,
                line,
            },
            parent,
        );
        for (i, reply) in raw.replies.into_iter().enumerate().rev() {
            stack.push((reply, Some(index), format!("{path_id}-{}", i + 1)));
        }
    }
    Ok(thread)
}

fn build_annotations(
    path: &Path,
    fm: &FrontMatter<'_>,
    raw: Vec<RawAnnotation>,
    blocks: &[crate::model::Block],
    comments: &Thread,
) -> Result<Vec<Annotation>> {
    let note_lines: Vec<usize> = fm
        .yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let t = l.trim_start().trim_start_matches("- ");
            t.starts_with("paragraph:") || t.starts_with("comment:")
        })
        .map(|(i, _)| fm.yaml_line + i)
        .collect();
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b.kind, crate::model::BlockKind::Paragraph))
        .count() as u32;
    // Looked up once per note: a thread of 100,000 comments with as many notes must not be
    // searched through for each of them.
    let comment_ids: std::collections::HashSet<&str> =
        comments.comments.iter().map(|c| c.id.0.as_str()).collect();
    let mut out = Vec::with_capacity(raw.len());
    for (i, a) in raw.into_iter().enumerate() {
        let line = note_lines.get(i).copied().unwrap_or(fm.yaml_line);
        let here = Location::new(path, line, 1);
        let target = match (a.paragraph, a.comment) {
            (Some(n), None) => {
                if n == 0 || n > paragraphs {
                    return Err(Error::at(
                        here,
                        format!(
                            "annotation targets paragraph {n}, but the article has {paragraphs} paragraphs"
                        ),
                    ));
                }
                AnnotationTarget::Paragraph(n)
            }
            (None, Some(id)) => {
                if !comment_ids.contains(id.as_str()) {
                    return Err(Error::at(here, format!("annotation targets comment `{id}`, which does not exist"))
                        .with_hint("comment ids are their thread positions: `3` for the third comment, `3-1` for its first reply"));
                }
                AnnotationTarget::Comment(CommentId(id))
            }
            _ => {
                return Err(Error::at(
                    here,
                    "an annotation needs exactly one target: `paragraph: N` or `comment: ID`",
                ));
            }
        };
        out.push(Annotation {
            target,
            note: a.note,
            author: a.author,
            line: line as u32,
        });
    }
    Ok(out)
}

fn check_unique_slugs(root: &Path, articles: &[Loaded], errors: &mut Vec<Error>) {
    let mut seen: HashMap<&Slug, &Path> = HashMap::new();
    for a in articles.iter().map(|l| &l.article) {
        if let Some(first) = seen.insert(&a.slug, &a.path) {
            // Point at the `slug:` line when the front matter sets one (read again only on
            // this error path).
            let text = crate::fs::read_text(&root.join(&a.path)).unwrap_or_default();
            let at = split_front_matter(&a.path, &text)
                .map(|fm| crate::yaml::key_location(&a.path, fm.yaml, fm.yaml_line, "slug"))
                .unwrap_or_else(|_| Location::new(&a.path, 1, 1));
            errors.push(
                Error::at(
                    at,
                    format!("slug `{}` is already used by {}", a.slug, first.display()),
                )
                .with_hint("set a different `slug:` in the front matter of one of them"),
            );
        }
    }
}

/// Orders articles: those named in `order` first, in that order; the rest newest first, then
/// by slug (so the order never depends on the file system).
fn order_articles(articles: &mut [Loaded], order: &[String], config: &Config) -> Result<()> {
    let rank: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    for slug in order {
        if !articles.iter().any(|a| a.article.slug.as_str() == slug) {
            let text = crate::fs::read_text(&config.config_path()).unwrap_or_default();
            let line = text
                .lines()
                .position(|l| l.contains(slug.as_str()))
                .map_or(1, |i| i + 1);
            return Err(Error::at(
                Location::new(crate::config::CONFIG_FILE, line, 1),
                format!("`order` names `{slug}`, but no article has that slug"),
            ));
        }
    }
    articles.sort_by(|a, b| {
        let (a, b) = (&a.article, &b.article);
        let ra = rank.get(a.slug.as_str());
        let rb = rank.get(b.slug.as_str());
        match (ra, rb) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)),
        }
    });
    Ok(())
}

/// Markup a content file's blocks use, from its extension.
pub fn markup_of(path: &Path) -> Markup {
    if path.extension().and_then(|e| e.to_str()) == Some("md") {
        Markup::Markdown
    } else {
        Markup::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_file_lines() {
        let p = Path::new("a.md");
        let fm = split_front_matter(p, "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(
            (fm.yaml, fm.yaml_line, fm.body, fm.body_line),
            ("title: x\n", 2, "body\n", 4)
        );
        let none = split_front_matter(p, "title\n---\n").unwrap();
        assert_eq!((none.yaml, none.body_line), ("", 1));
        let err = split_front_matter(p, "---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:1:1: the front matter opened here is never closed"
        );
    }

    #[test]
    fn a_scrape_with_a_front_matter_title_keeps_its_first_line_as_body() {
        // Found by the `importer` fuzz target: the line the importer took for the title was
        // replaced by the front matter's title and lost.
        let p = Path::new("a.txt");
        let load = |text: &str| load_file(p, text, "en").unwrap().article;
        let a = load("---\ntitle: Hello\n---\nHello, world.\n\nMore.\n");
        assert_eq!(a.title, "Hello");
        let blocks: Vec<(&str, u32)> = a.blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(blocks, [("Hello, world.", 4), ("More.", 6)]);
        assert!(
            a.blocks
                .iter()
                .all(|b| b.kind == crate::model::BlockKind::Paragraph)
        );

        let b = load("---\ntitle: Hello\n---\nFirst line\nsecond line.\n");
        assert_eq!(b.blocks.len(), 1);
        assert_eq!(
            (b.blocks[0].text.as_str(), b.blocks[0].line),
            ("First line\nsecond line.", 4)
        );

        let c = load("---\ntitle: Hello\n---\nHello\n\nBody.\n");
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.removed[0].line, 4);
        assert_eq!(c.removed[0].reason, "duplicate title");
    }

    #[test]
    fn a_closing_fence_without_a_line_end_puts_the_empty_body_on_its_line() {
        // Found by the `front_matter` fuzz target: the body line was one past the file's end,
        // and "no title line" errors pointed there.
        let p = Path::new("a.txt");
        let fm = split_front_matter(p, "---\ntitle: x\n---").unwrap();
        assert_eq!((fm.body, fm.body_line), ("", 3));
        let err = load_file(p, "---\ntitle: x\n---", "en").unwrap_err();
        assert!(err.to_string().starts_with("a.txt:3:1: "), "{err}");
    }

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
    fn ids_the_importer_makes_load_back_from_front_matter() {
        // A page that restarts its numbering gives `1.2`; a very deep reply `…_3`.
        let text = "---\ntitle: T\ncomments:\n  - {id: '1', author: a}\n  - {id: '1.2', author: b, replies: [{id: '1.2-1_3', author: c}]}\n---\nx\n";
        let a = load_article(Path::new("a.md"), text, "en").unwrap();
        let ids: Vec<&str> = a
            .comments
            .comments
            .iter()
            .map(|c| c.id.0.as_str())
            .collect();
        assert_eq!(ids, ["1", "1.2", "1.2-1_3"]);
        let bad = "---\ntitle: T\ncomments:\n  - {id: 'a b', author: a}\n---\nx\n";
        let e = load_article(Path::new("a.md"), bad, "en").unwrap_err();
        assert!(
            e.to_string().contains("may only contain letters, digits"),
            "{e}"
        );
    }

    /// A front matter thread `levels` deep, in block style.
    fn nested_thread(levels: usize) -> String {
        let mut text = String::from("---\ntitle: Deep\ncomments:\n");
        for level in 0..levels {
            let indent = "    ".repeat(level);
            text.push_str(&format!("{indent}  - author: a{level}\n"));
            if level + 1 < levels {
                text.push_str(&format!("{indent}    replies:\n"));
            }
        }
        text.push_str("---\nBody.\n");
        text
    }

    #[test]
    fn front_matter_threads_load_to_the_documented_depth_and_no_deeper() {
        // On a test thread's 2 MiB stack, like a rayon worker's: the deepest thread front
        // matter can hold deserialises without overflowing it.
        let deepest = crate::yaml::MAX_THREAD_DEPTH_IN_FRONT_MATTER;
        let a = load_article(Path::new("a.md"), &nested_thread(deepest), "en").unwrap();
        assert_eq!(a.comments.walk().last().unwrap().depth, deepest - 1);
        let e = load_article(Path::new("a.md"), &nested_thread(deepest + 1), "en")
            .unwrap_err()
            .to_string();
        assert!(e.contains("nested more than 128 levels deep"), "{e}");
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
                "a.md:3:1: unknown field `titel`, expected one of `title`, `subtitle`, `slug`, `authors`, `date`, `source`, `language`, `translated_from`, `tags`, `annotations`, `references`, `comments`, `meta`, `normalize`, `glossary`",
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
}
