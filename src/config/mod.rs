//! `book.yaml` → [`RawConfig`] (exactly what the user wrote, unknown keys rejected) → validated
//! [`Config`] (defaults applied, paths resolved, values checked). Reads one file; nothing else.
//!
//! Every configuration struct lives here, so the stages below read their settings from one
//! place: [`normalize`] holds the normalizer's section and per-article switches, [`glossary`]
//! the glossaries users write.

pub mod glossary;
pub mod normalize;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::fs;

/// The name of the book configuration file at the root of a book.
pub const CONFIG_FILE: &str = "book.yaml";

/// The output formats folio can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Output {
    /// The static site: index, one page per article.
    Html,
    /// An EPUB 3 ebook of every article (and, optionally, one per article).
    Epub,
}

impl Output {
    pub fn name(self) -> &'static str {
        match self {
            Output::Html => "html",
            Output::Epub => "epub",
        }
    }
}

/// `book.yaml` as written. Every key is optional except `title`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub content_dir: Option<PathBuf>,
    #[serde(default)]
    pub output_dir: Option<PathBuf>,
    #[serde(default)]
    pub theme: Option<String>,
    #[serde(default)]
    pub outputs: Option<Vec<Output>>,
    #[serde(default)]
    pub order: Option<Vec<String>>,
    /// The normalizer: which rules run, what comments get, the glossary.
    #[serde(default)]
    pub normalize: normalize::NormalizeConfig,
    /// Render the review view (changed words marked, `edits.json` per article).
    #[serde(default)]
    pub review: bool,
    /// A stable identifier for the book (ISBN, URN, any string); the EPUB's UUID is derived
    /// from it, or from `base_url` when absent.
    #[serde(default)]
    pub identifier: Option<String>,
    /// The EPUB output's settings.
    #[serde(default)]
    pub epub: RawEpubConfig,
    /// Limits on rendering one page.
    #[serde(default)]
    pub render: RawRenderConfig,
    /// Comment exports (WordPress WXR, Disqus XML) whose threads are attached to the articles
    /// by URL at build time.
    #[serde(default)]
    pub comments_from: Vec<PathBuf>,
    /// Articles per page of the index, a tag page and an archive page; `0` puts every article
    /// on one page.
    #[serde(default)]
    pub paginate: Option<usize>,
    /// Entries in `atom.xml`, the newest first; `0` puts every article in the feed.
    #[serde(default)]
    pub feed_limit: Option<usize>,
}

/// The default `paginate`: a page of 50 summaries is about 30 KB of HTML, and 2,000 pages of
/// an index of 100,000 articles still take a compact pager.
pub const DEFAULT_PAGINATE: usize = 50;

/// The default `feed_limit`: feed readers poll the feed again and again, and keep what they
/// have seen, so a feed holds what is new, not the archive (Zola and Hugo leave it unlimited;
/// a feed of 100,000 entries is about 100 MB).
pub const DEFAULT_FEED_LIMIT: usize = 50;

/// A comment export named in `comments_from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    /// Absolute path of the file.
    pub path: PathBuf,
    /// The path as written in book.yaml (relative to the book), for messages.
    pub shown: PathBuf,
    /// Where book.yaml names it.
    pub at: Location,
}

/// `render:` in book.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRenderConfig {
    /// Seconds one page or chapter may take to render.
    #[serde(default)]
    pub timeout: Option<f64>,
    /// Megabytes (MiB) one rendered page or chapter may reach.
    #[serde(default)]
    pub max_page_mb: Option<u64>,
}

/// Limits on rendering one page or chapter, so a theme template that loops or recurses
/// without end stops the build with an error instead of running for ever or filling memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RenderLimits {
    pub timeout: std::time::Duration,
    pub max_page_bytes: usize,
}

impl RenderLimits {
    /// A minute per page: the largest pages tested (100,000 comments, a 50 MB article) render
    /// in a few seconds even in a debug build.
    pub const DEFAULT_TIMEOUT_SECONDS: f64 = 60.0;
    /// 256 MiB per page: five times the largest page tested.
    pub const DEFAULT_MAX_PAGE_MB: u64 = 256;
}

impl Default for RenderLimits {
    fn default() -> Self {
        RenderLimits {
            timeout: std::time::Duration::from_secs_f64(Self::DEFAULT_TIMEOUT_SECONDS),
            max_page_bytes: (Self::DEFAULT_MAX_PAGE_MB << 20) as usize,
        }
    }
}

/// `epub:` in book.yaml.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEpubConfig {
    /// File name of the book's EPUB; `.epub` is added when missing.
    #[serde(default)]
    pub filename: Option<String>,
    /// Also write one EPUB per article, as `<slug>/<slug>.epub`.
    #[serde(default)]
    pub per_article: bool,
    /// A JPEG, PNG, GIF or SVG cover image, relative to the book root.
    #[serde(default)]
    pub cover: Option<PathBuf>,
    /// `auto`, `one`, `year`, `month`, or a number of articles per volume.
    #[serde(default)]
    pub volumes: Option<serde_yaml::Value>,
    /// The most articles one volume holds; bigger years, months or books are split.
    #[serde(default)]
    pub volume_limit: Option<usize>,
}

/// How the book's EPUB is split into volumes (`epub.volumes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Volumes {
    /// One book up to `volume_limit` articles, volumes by year past it.
    Auto,
    /// One book, however big.
    One,
    /// A volume per year of the articles' dates (undated articles in a volume of their own).
    Year,
    /// A volume per month.
    Month,
    /// A volume every N articles, in reading order.
    Every(usize),
}

/// The default `epub.volume_limit`: about 15 MB of EPUB for articles with their comments, which
/// e-readers open without a wait.
pub const DEFAULT_VOLUME_LIMIT: usize = 2_000;

/// The validated `epub:` settings.
#[derive(Debug, Clone)]
pub struct EpubConfig {
    /// File name (no directory) of the book's EPUB, ending in `.epub`.
    pub filename: String,
    pub per_article: bool,
    /// Absolute path of the cover image, when one is configured.
    pub cover: Option<PathBuf>,
    pub volumes: Volumes,
    /// The most articles in one volume (at least 1).
    pub volume_limit: usize,
}

/// The validated configuration every later stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The book's root directory (where `book.yaml` lives).
    pub root: PathBuf,
    pub title: String,
    pub subtitle: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    /// BCP 47 tag; `en` when not given.
    pub language: String,
    /// Absolute URL the site is deployed at, always ending in `/`; used for the feed and
    /// canonical links. Pages themselves link relatively so they also work from disk.
    pub base_url: Option<String>,
    /// Absolute path of the content folder.
    pub content_dir: PathBuf,
    /// Absolute path of the output folder.
    pub output_dir: PathBuf,
    pub theme: String,
    pub outputs: Vec<Output>,
    /// Explicit article order (slugs); articles not listed follow, newest first.
    pub order: Vec<String>,
    pub normalize: normalize::NormalizeConfig,
    pub review: bool,
    /// What the EPUB's identifier is derived from: `identifier`, else `base_url`, else the
    /// title — never random, so rebuilds are the same book to a reading system.
    pub identifier: String,
    pub epub: EpubConfig,
    pub render: RenderLimits,
    /// Comment exports attached to the articles at build time, in the order written.
    pub comments_from: Vec<ExportFile>,
    /// Articles per listing page (index, tag, archive); `None`: every article on one page.
    pub paginate: Option<usize>,
    /// The most entries in the feed; `None`: every article.
    pub feed_limit: Option<usize>,
}

impl Config {
    /// Reads and validates `<root>/book.yaml`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Error::Message(format!(
                "{}: no {CONFIG_FILE} here; run `folio init` to start a book, or pass --root",
                root.display()
            )));
        }
        let text = fs::read_text(&path)?;
        Config::parse(root, &display_join(root, CONFIG_FILE), &text)
    }

    /// Validates the text of a `book.yaml` found at `path` for the book rooted at `root`.
    pub fn parse(root: &Path, path: &Path, text: &str) -> Result<Config> {
        let raw: RawConfig = crate::yaml::from_str(path, text, 1)?;
        let at = |key: &str| crate::yaml::key_location(path, text, 1, key);

        if raw.title.trim().is_empty() {
            return Err(Error::at(at("title"), "`title` must not be empty"));
        }
        let language = raw.language.unwrap_or_else(|| "en".to_string());
        if !is_language_tag(&language) {
            return Err(Error::at(
                at("language"),
                format!("`{language}` is not a BCP 47 language tag"),
            )
            .with_hint("use a tag such as `en`, `en-GB` or `zh-Hans`"));
        }
        let base_url = match raw.base_url {
            Some(url) if !(url.starts_with("http://") || url.starts_with("https://")) => {
                return Err(Error::at(
                    at("base_url"),
                    format!("`base_url` must be an absolute http(s) URL, not `{url}`"),
                ));
            }
            Some(url) if url.ends_with('/') => Some(url),
            Some(url) => Some(format!("{url}/")),
            None => None,
        };
        let content_dir = resolve_dir(
            root,
            raw.content_dir.as_deref(),
            "content",
            at("content_dir"),
        )?;
        let output_dir = resolve_dir(root, raw.output_dir.as_deref(), "public", at("output_dir"))?;
        check_output_dir(root, &content_dir, &output_dir, at("output_dir"))?;
        stay_inside(root, &content_dir, at("content_dir"), COPY_IN)?;
        stay_inside(
            root,
            &output_dir,
            at("output_dir"),
            "remove the link: folio makes the output folder itself",
        )?;
        let theme = raw.theme.unwrap_or_else(|| "default".to_string());
        if theme.is_empty()
            || !theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::at(
                at("theme"),
                format!(
                    "theme name `{theme}` must be a plain folder name (letters, digits, `-`, `_`)"
                ),
            ));
        }
        stay_inside(
            root,
            &root.join("themes").join(&theme),
            at("theme"),
            COPY_IN,
        )?;
        if let Some(normalize::GlossarySource::Path(glossary)) = &raw.normalize.glossary {
            let at = at("normalize.glossary");
            resolve_dir(root, Some(glossary), "", at.clone())?;
            stay_inside(root, &root.join(glossary), at, COPY_IN)?;
        }
        let mut outputs = raw.outputs.unwrap_or_else(|| vec![Output::Html]);
        outputs.sort();
        outputs.dedup();
        if outputs.is_empty() {
            return Err(Error::at(at("outputs"), "`outputs` lists no output format")
                .with_hint("valid outputs: html, epub"));
        }
        let epub = epub_config(root, &raw.title, raw.epub, &at)?;
        let render = render_limits(&raw.render, &at)?;
        let comments_from = export_files(root, path, text, &raw.comments_from, &at)?;
        let identifier = raw
            .identifier
            .or_else(|| base_url.clone())
            .unwrap_or_else(|| raw.title.clone());
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            subtitle: raw.subtitle,
            description: raw.description,
            authors: raw.authors,
            publisher: raw.publisher,
            language,
            base_url,
            content_dir,
            output_dir,
            theme,
            outputs,
            order: raw.order.unwrap_or_default(),
            normalize: raw.normalize,
            review: raw.review,
            identifier,
            epub,
            render,
            comments_from,
            paginate: limit(raw.paginate, DEFAULT_PAGINATE),
            feed_limit: limit(raw.feed_limit, DEFAULT_FEED_LIMIT),
        })
    }

    pub fn config_path(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }

    /// `book.yaml` as shown in messages: relative when the book is the current folder.
    pub fn config_display_path(&self) -> PathBuf {
        display_join(&self.root, CONFIG_FILE)
    }
}

/// `root/name`, without a leading `./` when `root` is the current folder, so messages read
/// `book.yaml:2:1` rather than `./book.yaml:2:1`.
/// Checks `epub:`: the file name must be a plain name (it is written inside the output
/// folder, never elsewhere) and the cover must be an image inside the book.
fn epub_config(
    root: &Path,
    title: &str,
    raw: RawEpubConfig,
    at: &dyn Fn(&str) -> Location,
) -> Result<EpubConfig> {
    let filename = match raw.filename {
        Some(name) => {
            let plain = !name.is_empty()
                && !name.starts_with('.')
                && !name.contains(['/', '\\', ':'])
                && !name.chars().any(char::is_control);
            if !plain {
                return Err(Error::at(
                    at("epub.filename"),
                    format!("`epub.filename` must be a plain file name, not `{name}`"),
                )
                .with_hint("the EPUB is always written inside the output folder"));
            }
            if name.to_ascii_lowercase().ends_with(".epub") {
                name
            } else {
                format!("{name}.epub")
            }
        }
        None => {
            let slug = crate::model::Slug::from_text(title);
            format!("{}.epub", slug.as_ref().map_or("book", |s| s.as_str()))
        }
    };
    let cover = match raw.cover {
        None => None,
        Some(cover) => {
            let supported = cover
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| crate::media::image_media_type(e).is_some());
            if !supported {
                return Err(Error::at(
                    at("epub.cover"),
                    format!(
                        "`epub.cover` must be a JPEG, PNG, GIF or SVG image, not `{}`",
                        cover.display()
                    ),
                ));
            }
            if cover.is_absolute()
                || cover
                    .components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
            {
                return Err(Error::at(
                    at("epub.cover"),
                    format!(
                        "`epub.cover` must be a path inside the book, not `{}`",
                        cover.display()
                    ),
                ));
            }
            let path = root.join(&cover);
            if !path.is_file() {
                return Err(Error::at(
                    at("epub.cover"),
                    format!("cover image `{}` not found", cover.display()),
                ));
            }
            stay_inside(root, &path, at("epub.cover"), COPY_IN)?;
            Some(path)
        }
    };
    let volumes = match &raw.volumes {
        None => Volumes::Auto,
        Some(value) => volumes_setting(value).ok_or_else(|| {
            Error::at(
                at("epub.volumes"),
                format!(
                    "`epub.volumes` must be auto, one, year, month or a number of articles, not `{}`",
                    serde_yaml::to_string(value).unwrap_or_default().trim()
                ),
            )
            .with_hint("e.g. `volumes: year`, or `volumes: 500` for 500 articles a volume")
        })?,
    };
    let volume_limit = match raw.volume_limit {
        None => DEFAULT_VOLUME_LIMIT,
        Some(0) => {
            return Err(Error::at(
                at("epub.volume_limit"),
                "`epub.volume_limit` must be at least 1",
            ));
        }
        Some(n) => n,
    };
    Ok(EpubConfig {
        filename,
        per_article: raw.per_article,
        cover,
        volumes,
        volume_limit,
    })
}

/// `epub.volumes` as written: a word or a positive number of articles.
fn volumes_setting(value: &serde_yaml::Value) -> Option<Volumes> {
    if let Some(n) = value.as_u64() {
        return usize::try_from(n)
            .ok()
            .filter(|&n| n > 0)
            .map(Volumes::Every);
    }
    match value.as_str()? {
        "auto" => Some(Volumes::Auto),
        "one" | "none" => Some(Volumes::One),
        "year" => Some(Volumes::Year),
        "month" => Some(Volumes::Month),
        _ => None,
    }
}

/// Checks `comments_from:`: each export is a file inside the book, named once.
fn export_files(
    root: &Path,
    path: &Path,
    text: &str,
    given: &[PathBuf],
    at: &dyn Fn(&str) -> Location,
) -> Result<Vec<ExportFile>> {
    let key = at("comments_from");
    let mut out: Vec<ExportFile> = Vec::with_capacity(given.len());
    for file in given {
        // The line that names this file, below the key; the key itself if none does.
        let written = file.to_string_lossy();
        let here = crate::error::source_lines(text)
            .enumerate()
            .skip(key.line.saturating_sub(1))
            .find_map(|(i, line)| {
                line.find(written.as_ref())
                    .map(|col| Location::new(path, i + 1, line[..col].chars().count() + 1))
            })
            .unwrap_or_else(|| key.clone());
        let full = resolve_dir(root, Some(file), "", here.clone())?;
        stay_inside(root, &full, here.clone(), COPY_IN)?;
        if !full.is_file() {
            return Err(Error::at(
                here,
                format!("comment export `{}` not found", file.display()),
            )
            .with_hint(
                "give the path of a WordPress (.xml) or Disqus export, relative to the book root",
            ));
        }
        if let Some(first) = out
            .iter()
            .find(|e| fs::resolve(&e.path) == fs::resolve(&full))
        {
            return Err(Error::at(
                here,
                format!(
                    "`{}` is already listed (line {}); its comments would be attached twice",
                    file.display(),
                    first.at.line
                ),
            ));
        }
        out.push(ExportFile {
            path: full,
            shown: file.clone(),
            at: here,
        });
    }
    Ok(out)
}

/// Checks `render:`: a timeout of a positive number of seconds (at most a day), a page size
/// of at least one megabyte.
fn render_limits(raw: &RawRenderConfig, at: &dyn Fn(&str) -> Location) -> Result<RenderLimits> {
    let mut limits = RenderLimits::default();
    if let Some(seconds) = raw.timeout {
        if !(seconds > 0.0 && seconds <= 86_400.0) {
            return Err(Error::at(
                at("render.timeout"),
                format!(
                    "`render.timeout` must be a number of seconds above 0 (at most 86400), not {seconds}"
                ),
            ));
        }
        limits.timeout = std::time::Duration::from_secs_f64(seconds);
    }
    if let Some(mb) = raw.max_page_mb {
        let bytes = mb
            .checked_mul(1 << 20)
            .and_then(|b| usize::try_from(b).ok())
            .filter(|_| mb >= 1);
        limits.max_page_bytes = bytes.ok_or_else(|| {
            Error::at(
                at("render.max_page_mb"),
                format!("`render.max_page_mb` must be a number of megabytes from 1 up, not {mb}"),
            )
        })?;
    }
    Ok(limits)
}

/// A count that `0` turns off: not given → the default, `0` → no limit.
fn limit(given: Option<usize>, default: usize) -> Option<usize> {
    match given.unwrap_or(default) {
        0 => None,
        n => Some(n),
    }
}

pub fn display_join(root: &Path, name: &str) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        PathBuf::from(name)
    } else {
        root.join(name)
    }
}

const COPY_IN: &str = "copy what it points to into the book instead of linking to it";

/// A path named in book.yaml must not lead out of the book through a symbolic link (of the
/// path itself or a folder on the way): folio reads and writes only inside the book folder.
fn stay_inside(root: &Path, path: &Path, at: Location, hint: &str) -> Result<()> {
    match fs::outside_book(root, path) {
        None => Ok(()),
        Some(real) => Err(Error::at(
            at,
            format!(
                "`{}` leads outside the book folder, to {}, through a symbolic link; folio only reads and writes inside the book",
                path.strip_prefix(root).unwrap_or(path).display(),
                real.display()
            ),
        )
        .with_hint(hint)),
    }
}

fn resolve_dir(root: &Path, given: Option<&Path>, default: &str, at: Location) -> Result<PathBuf> {
    let Some(given) = given else {
        return Ok(root.join(default));
    };
    if given.is_absolute() {
        return Err(Error::at(
            at,
            format!(
                "`{}` is an absolute path; give a path relative to the book root",
                given.display()
            ),
        ));
    }
    if given.components().next().is_some_and(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|first| first.starts_with('~'))
    }) {
        return Err(Error::at(
            at,
            format!(
                "`{}` starts with `~`, which folio does not expand to a home folder; it would make a folder named `~` in the book",
                given.display()
            ),
        )
        .with_hint("give a path relative to the book root, such as `public`"));
    }
    if given
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(Error::at(
            at,
            format!(
                "`{}` leaves the book folder; folio only reads and writes inside it",
                given.display()
            ),
        ));
    }
    Ok(root.join(given))
}

/// The output folder is emptied on every build, so it must never be (or contain) something the
/// user wrote.
/// Paths are compared where they really are ([`fs::resolve`]): `..`, `.` and symbolic links
/// cannot make an output that overlaps the content look like another folder.
pub fn check_output_dir(root: &Path, content: &Path, output: &Path, at: Location) -> Result<()> {
    let (root, content, output) = (fs::resolve(root), fs::resolve(content), fs::resolve(output));
    if output == root {
        return Err(Error::at(
            at,
            "the output folder would be the book folder itself; folio replaces the output folder on every build",
        )
        .with_hint("use a folder of its own, such as `public`"));
    }
    if root.starts_with(&output) {
        return Err(Error::at(
            at,
            format!(
                "the output folder {} contains the book folder; folio replaces the output folder on every build",
                output.display()
            ),
        )
        .with_hint("use a folder of its own, such as `public`"));
    }
    if output == content || content.starts_with(&output) || output.starts_with(&content) {
        return Err(Error::at(
            at,
            "the output folder overlaps the content folder; folio replaces the output folder on every build",
        )
        .with_hint("use a folder of its own, such as `public`"));
    }
    Ok(())
}

/// A syntactic check of a BCP 47 tag: a 2–3 letter language subtag followed by subtags of 1–8
/// letters or digits (`en`, `en-GB`, `zh-Hans-CN`, `sr-Latn`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(first) = parts.next() else {
        return false;
    };
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/b"), Path::new("book.yaml"), text)
    }

    fn message(text: &str) -> String {
        match parse(text) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(Error::At {
                location,
                message,
                hint,
            }) => format!(
                "{location}: {message}{}",
                hint.map(|h| format!(" ({h})")).unwrap_or_default()
            ),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn defaults_apply() {
        let c = parse("title: News\n").unwrap();
        assert_eq!(c.language, "en");
        assert_eq!(c.content_dir, Path::new("/b/content"));
        assert_eq!(c.output_dir, Path::new("/b/public"));
        assert_eq!(c.theme, "default");
        assert_eq!(c.outputs, vec![Output::Html]);
    }

    #[test]
    fn errors_name_the_line_and_suggest_fixes() {
        let cases = [
            (
                "title: T\nlanguge: en\n",
                "book.yaml:2:1: unknown field `languge` (did you mean `language`? Valid keys here: title, subtitle, description, authors, publisher, language, base_url, content_dir, output_dir, theme, outputs, order, normalize, review, identifier, epub, render, comments_from, paginate, feed_limit)",
            ),
            (
                "title: T\noutputs: [html, pdf]\n",
                "book.yaml:2:17: outputs[1]: unknown variant `pdf` (valid values here: html, epub)",
            ),
            (
                "title: T\nlanguage: english!\n",
                "book.yaml:2:11: `english!` is not a BCP 47 language tag (use a tag such as `en`, `en-GB` or `zh-Hans`)",
            ),
            (
                "title: T\noutput_dir: .\n",
                "book.yaml:2:13: the output folder would be the book folder itself; folio replaces the output folder on every build (use a folder of its own, such as `public`)",
            ),
            (
                "title: T\noutput_dir: ../x\n",
                "book.yaml:2:13: `../x` leaves the book folder; folio only reads and writes inside it",
            ),
            ("subtitle: S\n", "book.yaml:1:1: missing field `title`"),
            (
                "title: T\ntitle: U\n",
                "book.yaml:2:1: duplicate field `title`",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(message(text), expected, "for {text:?}");
        }
    }

    #[test]
    fn render_limits_have_defaults_and_are_checked() {
        let c = parse("title: T\n").unwrap();
        assert_eq!(c.render, RenderLimits::default());
        let c = parse("title: T\nrender:\n  timeout: 2.5\n  max_page_mb: 3\n").unwrap();
        assert_eq!(c.render.timeout, std::time::Duration::from_millis(2500));
        assert_eq!(c.render.max_page_bytes, 3 << 20);
        assert_eq!(
            message("title: T\nrender:\n  timeout: 0\n"),
            "book.yaml:3:12: `render.timeout` must be a number of seconds above 0 (at most 86400), not 0"
        );
        assert_eq!(
            message("title: T\nrender:\n  max_page_mb: 0\n"),
            "book.yaml:3:16: `render.max_page_mb` must be a number of megabytes from 1 up, not 0"
        );
        assert!(message("title: T\nrender:\n  timeout: soon\n").contains("invalid type"));
    }

    #[test]
    fn paginate_and_feed_limit_default_to_50_and_0_turns_them_off() {
        let c = parse("title: T\n").unwrap();
        assert_eq!(
            (c.paginate, c.feed_limit),
            (Some(DEFAULT_PAGINATE), Some(DEFAULT_FEED_LIMIT))
        );
        let c = parse("title: T\npaginate: 3\nfeed_limit: 0\n").unwrap();
        assert_eq!((c.paginate, c.feed_limit), (Some(3), None));
        let c = parse("title: T\npaginate: 0\nfeed_limit: 7\n").unwrap();
        assert_eq!((c.paginate, c.feed_limit), (None, Some(7)));
        assert_eq!(
            message("title: T\npaginate: -1\n"),
            "book.yaml:2:11: paginate: invalid type: integer `-1`, expected usize"
        );
        assert!(message("title: T\nfeed_limit: many\n").starts_with("book.yaml:2:13: "));
    }

    #[test]
    fn language_tags() {
        for ok in ["en", "en-GB", "zh-Hans-CN", "sr-Latn", "fil"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "e", "english", "en_GB", "en-", "zh-toolongsubtag"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
