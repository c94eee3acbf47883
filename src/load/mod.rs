//! Loading a book: walk `content/`, split YAML or TOML front matter from bodies, turn each file into an
//! [`Article`] (Markdown through [`crate::markdown`], raw scrapes through [`crate::import`]),
//! check slugs and order the articles. Per-file problems are collected and reported together.
//! Nothing here renders or writes.
//!
//! The walk over `content/` lives here, with the checks across articles (unique slugs, the
//! book's `order`). One file becomes an article in `article.rs`: its front matter is cut and
//! read in `front_matter.rs`, its body parsed in `body.rs`, and its front matter thread and
//! annotations built in `thread.rs`. Comment exports named in book.yaml are attached to the
//! loaded articles by URL in `exports.rs`. `imported.rs` reads one scrape or page the way
//! `folio import` shows it.

mod article;
mod body;
mod exports;
mod front_matter;
mod imported;
mod thread;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::error::{Error, Location, Result};
use crate::model::{Article, Markup, Slug};
use crate::progress::Progress;

pub use article::{load_article, load_file, load_html_file};
pub use exports::{Unmatched, attach_exports, attach_exports_reloading};
pub use front_matter::{
    FrontMatter, PageFrontMatter, Syntax, split_front_matter, split_page_front_matter,
};
pub use imported::{
    Imported, TITLE_FROM_FIRST_LINE, TITLE_FROM_FIRST_WORDS, TITLE_FROM_FRONT_MATTER, import_file,
};

/// Per-article settings for later stages that are not part of the content itself: front
/// matter's `normalize:` switch and `glossary:` additions.
#[derive(Debug, Clone, Default)]
pub struct ArticleSettings {
    pub normalize: Option<crate::normalize::ArticleNormalize>,
    pub glossary: Option<crate::normalize::Glossary>,
    /// Source lines the front matter's `import: keep` kept: the normalizer's residue rules
    /// leave them whole.
    pub kept_lines: std::collections::BTreeSet<u32>,
}

/// A loaded article with its settings.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub article: Article,
    pub settings: ArticleSettings,
    /// A hash of the source text (and of the comments attached from exports), for
    /// incremental builds.
    pub source_key: crate::incremental::Key,
    /// The article's edit log when it is already normalized — it came from the article cache
    /// (see [`crate::cache`]) — and `None` when it is as loaded from its file.
    pub edits: Option<crate::normalize::EditLog>,
    /// The key of the export threads attached to the article (0: none; see
    /// [`attach_exports`]).
    pub exports: crate::incremental::Key,
}

/// Loads every article of the book, reporting all per-file problems together.
pub fn load_articles(config: &Config) -> Result<Vec<Loaded>> {
    load_articles_with(config, &Progress::hidden())
}

/// [`load_articles`], reporting each file read to `progress` (and, when verbose, which files
/// were loaded as what and which were skipped).
pub fn load_articles_with(config: &Config, progress: &Progress) -> Result<Vec<Loaded>> {
    load_articles_using(config, progress, |file, shown| {
        load_one(config, file, shown)
    })
}

/// [`load_articles_with`], with each content file turned into an article by `load` (given the
/// file and its path relative to the book root, as messages show it): the build's article
/// cache answers there without reading an unchanged file. The walk, the checks across
/// articles and the order are the same whatever `load` does.
pub fn load_articles_using(
    config: &Config,
    progress: &Progress,
    load: impl Fn(&Path, &Path) -> Result<Loaded> + Sync,
) -> Result<Vec<Loaded>> {
    if !config.content_dir.is_dir() {
        return Err(missing_content_dir(config));
    }
    let files = content_files(&config.root, &config.content_dir)?;
    progress.stage("load", files.len());
    // Files are read and parsed in parallel; results keep the sorted file order, so errors
    // and articles come out the same whatever the thread count.
    use rayon::prelude::*;
    let results: Vec<Result<Loaded>> = files
        .par_iter()
        .map(|file| {
            let loaded = load(file, &display_path(&config.root, file));
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

/// The error for a content folder that does not exist, at book.yaml's `content_dir` line.
fn missing_content_dir(config: &Config) -> Error {
    let book = config.config_path();
    let text = crate::fs::read_text(&book).unwrap_or_default();
    let mut at = crate::yaml::key_location(&config.config_display_path(), &text, 1, "content_dir");
    if !text.lines().any(|l| l.starts_with("content_dir")) {
        at = Location::new(config.config_display_path(), 1, 1);
    }
    Error::at(
        at,
        format!(
            "the content folder `{}` does not exist",
            display_path(&config.root, &config.content_dir).display()
        ),
    )
    .with_hint("create it and put articles (.md, .txt or .html) in it, or set `content_dir`")
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
                    "not .md, .txt, .html or .htm"
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

/// One content file — `file`, shown as `shown` — read and turned into an article.
pub fn load_one(config: &Config, file: &Path, shown: &Path) -> Result<Loaded> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(shown, e))?;
    load_bytes(config, file, shown, bytes)
}

/// [`load_one`] for the bytes of `file`, already read.
pub fn load_bytes(config: &Config, file: &Path, shown: &Path, bytes: Vec<u8>) -> Result<Loaded> {
    if crate::import::html::is_html_path(file) {
        load_html_file(shown, &bytes, &config.language)
    } else {
        crate::fs::decode_text(file, bytes)
            .map_err(|e| relabel(e, file, shown))
            .and_then(|text| load_file(shown, &text, &config.language))
    }
}

/// `article` loaded again from its file, as it is before normalizing: the article cache gave
/// it normalized, but it needs comments attached first.
pub fn reload(config: &Config, article: &Article) -> Result<Loaded> {
    load_one(config, &config.root.join(&article.path), &article.path)
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

/// Every `.md`, `.txt`, `.html` and `.htm` file under the content folder `dir` of the book at `root`, sorted
/// so the build never depends on directory order. Hidden files and folders are skipped;
/// symbolic links are followed only when they stay inside the book (see
/// [`crate::fs::files_under`]).
pub fn content_files(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = crate::fs::files_under(root, dir)?;
    files.retain(|path| {
        matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("md") | Some("txt")
        ) || crate::import::html::is_html_path(path)
    });
    Ok(files)
}

fn check_unique_slugs(root: &Path, articles: &[Loaded], errors: &mut Vec<Error>) {
    let mut seen: HashMap<&Slug, &Path> = HashMap::new();
    for a in articles.iter().map(|l| &l.article) {
        if let Some(first) = seen.insert(&a.slug, &a.path) {
            // Point at the `slug:` line when the front matter sets one (read again only on
            // this error path).
            let text = crate::fs::read_text(&root.join(&a.path)).unwrap_or_default();
            let at = split_front_matter(&a.path, &text)
                .map(|fm| fm.key_location(&a.path, "slug"))
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

/// Orders articles: those named in `order` first, in that order; the rest newest first (by
/// instant: a day is its midnight UTC, a time counts with its zone), undated last, then by
/// slug (so the order never depends on the file system).
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
            (None, None) => published(b)
                .cmp(&published(a))
                .then_with(|| a.slug.cmp(&b.slug)),
        }
    });
    Ok(())
}

/// When `article` was published, as an instant that orders; `None` (undated) sorts first in
/// ascending order, so last when newest come first.
fn published(article: &Article) -> Option<i64> {
    article.published().map(|t| t.instant())
}

/// Markup a content file's blocks use, from its extension.
pub fn markup_of(path: &Path) -> Markup {
    if path.extension().and_then(|e| e.to_str()) == Some("md") {
        Markup::Markdown
    } else {
        Markup::Plain
    }
}
