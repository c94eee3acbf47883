//! The EPUB backend: one EPUB 3 book of every article (with an EPUB 2 NCX for older readers)
//! and, with `epub.per_article`, one small book per article.
//!
//! epub-builder assembles the package (manifest, spine, nav, NCX); folio renders every page
//! itself through the theme (`epub/*.xhtml`), so the EPUB shows what the site shows. Three
//! things epub-builder 0.8.3 gets wrong for a valid, reproducible book are put right when its
//! zip is assembled (see [`assemble`]): it stamps zip entries with the wall clock, it gives
//! `dc:language` and `dc:creator` the same id, and it has no `dc:publisher` nor `lang` on
//! its nav page.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use serde::Serialize;
use tera::Context;

use super::{Backend, RenderContext};
use crate::error::{Error, Result};
use crate::fs;
use crate::model::{Article, Date};
use crate::theme::views::{ArticleView, BookView, hue};

pub struct EpubBackend;

impl Backend for EpubBackend {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn write(&self, ctx: &RenderContext<'_>, out: &Path) -> Result<()> {
        let stamp = timestamp(ctx.articles, ctx.source_date_epoch);
        let book = Volume::book(ctx);
        write_volume(ctx, &book, stamp, out, &ctx.config.epub.filename)?;
        if ctx.config.epub.per_article {
            for index in 0..ctx.articles.len() {
                let article = &ctx.articles[index];
                let rel = format!("{}/{}", article.slug, per_article_filename(article));
                // One article's book depends on that article and the book's timestamp.
                let key = crate::incremental::KeyHasher::new()
                    .key(ctx.sources.get(index).copied().unwrap_or_default())
                    .str(&stamp.to_string())
                    .finish();
                if ctx.incremental.unchanged(&rel, key) && ctx.incremental.reuse_file(&rel, out) {
                    ctx.progress.inc();
                    continue;
                }
                fs::create_dir_all(&out.join(article.slug.as_str()))?;
                let volume = Volume::article(ctx, index);
                write_volume(ctx, &volume, stamp, out, &rel)?;
            }
        }
        Ok(())
    }
}

/// `<slug>.epub`, written in the article's folder beside its page.
pub fn per_article_filename(article: &Article) -> String {
    format!("{}.epub", article.slug)
}

/// The EPUB's modification time, in seconds since 1970: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention), otherwise the newest article's date, never the clock.
/// Zip timestamps cannot go before 1980, so neither does this.
pub fn timestamp(articles: &[Article], source_date_epoch: Option<i64>) -> i64 {
    const ZIP_EPOCH: i64 = 315_532_800; // 1980-01-01T00:00:00Z
    let stamp = match source_date_epoch {
        Some(seconds) => seconds,
        None => articles
            .iter()
            .filter_map(|a| a.date)
            .max()
            .map_or(ZIP_EPOCH, |d| d.days_since_epoch() * 86_400),
    };
    // The zip format stops at 2107; clamp rather than fail on an absurd epoch.
    stamp.clamp(ZIP_EPOCH, 4_354_819_199)
}

/// What the title page and the cover show, for the whole book or one article.
#[derive(Debug, Serialize)]
struct VolumeView {
    title: String,
    subtitle: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    description: Option<String>,
    language: String,
    first_date: Option<String>,
    first_date_human: Option<String>,
    last_date: Option<String>,
    last_date_human: Option<String>,
    article_count: usize,
    comment_count: usize,
}

/// One EPUB to write: its metadata and which articles it holds.
struct Volume {
    view: VolumeView,
    /// The name the book's UUID is derived from.
    identifier: String,
    subjects: Vec<String>,
    /// Indexes into the book's articles, in reading order.
    articles: Vec<usize>,
    /// `dc:date`: the newest article's date.
    date: Option<Date>,
    /// One article's own EPUB (`epub.per_article`), not the whole book.
    single: bool,
}

impl Volume {
    fn book(ctx: &RenderContext<'_>) -> Volume {
        let config = ctx.config;
        let mut subjects: Vec<String> = ctx
            .articles
            .iter()
            .flat_map(|a| a.tags.iter().cloned())
            .collect();
        subjects.sort();
        subjects.dedup();
        Volume::new(
            VolumeView {
                title: config.title.clone(),
                subtitle: config.subtitle.clone(),
                authors: config.authors.clone(),
                publisher: config.publisher.clone(),
                description: config.description.clone(),
                language: config.language.clone(),
                ..VolumeView::default_counts()
            },
            config.identifier.clone(),
            subjects,
            (0..ctx.articles.len()).collect(),
            ctx.articles,
        )
    }

    fn article(ctx: &RenderContext<'_>, index: usize) -> Volume {
        let a = &ctx.articles[index];
        let authors = if a.authors.is_empty() {
            ctx.config.authors.clone()
        } else {
            a.authors.clone()
        };
        let mut volume = Volume::new(
            VolumeView {
                title: a.title.clone(),
                subtitle: a.subtitle.clone(),
                authors,
                publisher: ctx.config.publisher.clone(),
                description: Some(crate::theme::views::excerpt(a, 300)).filter(|d| !d.is_empty()),
                language: a.language.clone(),
                ..VolumeView::default_counts()
            },
            format!("{}#{}", ctx.config.identifier, a.slug),
            a.tags.clone(),
            vec![index],
            ctx.articles,
        );
        volume.single = true;
        volume
    }

    fn new(
        mut view: VolumeView,
        identifier: String,
        subjects: Vec<String>,
        indexes: Vec<usize>,
        articles: &[Article],
    ) -> Volume {
        let dates = || indexes.iter().filter_map(|&i| articles[i].date);
        let (first, last) = (dates().min(), dates().max());
        view.first_date = first.map(|d| d.to_string());
        view.first_date_human = first.map(|d| d.human());
        view.last_date = last.map(|d| d.to_string());
        view.last_date_human = last.map(|d| d.human());
        view.article_count = indexes.len();
        view.comment_count = indexes.iter().map(|&i| articles[i].comments.len()).sum();
        Volume {
            view,
            identifier,
            subjects,
            articles: indexes,
            date: last,
            single: false,
        }
    }
}

impl VolumeView {
    fn default_counts() -> VolumeView {
        VolumeView {
            title: String::new(),
            subtitle: None,
            authors: Vec::new(),
            publisher: None,
            description: None,
            language: String::new(),
            first_date: None,
            first_date_human: None,
            last_date: None,
            last_date_human: None,
            article_count: 0,
            comment_count: 0,
        }
    }
}

/// The chapter file of an article inside the EPUB.
fn chapter_href(article: &Article) -> String {
    format!("article-{}.xhtml", article.slug)
}

/// Builds one EPUB into `path`.
///
/// epub-builder writes the package — manifest, spine, nav, NCX — but keeps its whole zip in
/// memory, so it is given every chapter *empty*: a skeleton of a few kilobytes per article.
/// [`assemble`] then streams the skeleton into the file and renders the chapters into their
/// places a batch at a time, so memory holds one batch of XHTML, never the book.
fn write_volume(
    ctx: &RenderContext<'_>,
    volume: &Volume,
    stamp: i64,
    out: &Path,
    rel: &str,
) -> Result<()> {
    let path = &out.join(rel);
    let what = format!("the EPUB “{}”", volume.view.title);
    let fail = |e: epub_builder::Error| Error::Message(format!("{what}: {e}"));
    let theme = ctx.theme;

    let mut builder = EpubBuilder::new(ZipLibrary::new().map_err(fail)?).map_err(fail)?;
    builder.epub_version(EpubVersion::V30);
    // What epub-builder writes into the package, the nav and the NCX, it escapes but does not
    // clean of XML-forbidden characters.
    let x = crate::markdown::xml_text;
    builder.set_title(x(&volume.view.title));
    builder.set_authors(volume.view.authors.iter().map(|a| x(a)).collect());
    builder.add_language(volume.view.language.as_str());
    builder.set_generator("folio");
    builder.set_toc_name("Contents");
    if let Some(description) = &volume.view.description {
        builder.add_description(x(description));
    }
    builder.set_subjects(volume.subjects.iter().map(|s| x(s)).collect());
    builder.set_uuid(uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        volume.identifier.as_bytes(),
    ));
    let modified = chrono_time(stamp);
    builder.set_modified_date(modified);
    builder.set_publication_date(
        volume
            .date
            .map_or(modified, |d| chrono_time(d.days_since_epoch() * 86_400)),
    );
    for (property, value) in ACCESSIBILITY {
        builder.add_metadata_opf(Box::new(MetadataOpfV3::new(
            (*property).to_string(),
            (*value).to_string(),
        )));
    }
    builder
        .stylesheet(theme.epub_style.as_slice())
        .map_err(fail)?;

    let mut page = Context::new();
    page.insert("volume", &volume.view);
    page.insert("book", &BookView::new(ctx.config));

    // The cover: the configured image, or an SVG drawn from the title.
    let cover_href = match &ctx.config.epub.cover {
        Some(path) => {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let media = crate::media::image_media_type(ext).unwrap_or("application/octet-stream");
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let href = format!("images/cover.{}", ext.to_ascii_lowercase());
            builder
                .add_cover_image(&href, bytes.as_slice(), media)
                .map_err(fail)?;
            href
        }
        None => {
            let mut cover = page.clone();
            cover.insert("title_lines", &wrap(&volume.view.title, 18, 6));
            cover.insert(
                "subtitle_lines",
                &volume
                    .view
                    .subtitle
                    .as_deref()
                    .map_or_else(Vec::new, |s| wrap(s, 36, 3)),
            );
            cover.insert("hue", &hue(&volume.view.title));
            let svg = theme.render("epub/cover.svg", &cover, &what)?;
            builder
                .add_cover_image("images/cover.svg", svg.as_bytes(), "image/svg+xml")
                .map_err(fail)?;
            "images/cover.svg".to_string()
        }
    };
    page.insert("cover_href", &cover_href);
    let cover_page = theme.render("epub/cover.xhtml", &page, &what)?;
    builder
        .add_content(EpubContent::new("cover.xhtml", cover_page.as_bytes()))
        .map_err(fail)?;
    let title_page = theme.render("epub/title.xhtml", &page, &what)?;
    builder
        .add_content(EpubContent::new("title.xhtml", title_page.as_bytes()))
        .map_err(fail)?;

    let mut chapters = Vec::with_capacity(volume.articles.len());
    for (position, &index) in volume.articles.iter().enumerate() {
        let article = &ctx.articles[index];
        let href = chapter_href(article);
        let mut content = EpubContent::new(href.as_str(), &b""[..]).title(x(&article.title));
        if !article.comments.is_empty() {
            content = content.child(TocElement::new(
                format!("{href}#comments"),
                format!("Reader comments ({})", article.comments.len()),
            ));
        }
        if position == 0 {
            // The nav's landmarks need one entry; the first article is where reading starts.
            content = content.reftype(ReferenceType::Text);
        }
        builder.add_content(content).map_err(fail)?;
        chapters.push(format!("OEBPS/{href}"));
    }

    let mut skeleton = Vec::new();
    builder.generate(&mut skeleton).map_err(fail)?;
    // An incremental build copies the chapters of unchanged articles, still compressed, from
    // the previous output's EPUB. (A one-article EPUB is reused whole or rendered whole.)
    let whole_book = !volume.single;
    let mut previous = whole_book
        .then(|| ctx.incremental.previous_file(rel))
        .flatten()
        .and_then(|p| std::fs::File::open(p).ok())
        .and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok());
    let previous_names: std::collections::HashSet<String> = previous
        .as_ref()
        .map(|a| a.file_names().map(str::to_string).collect())
        .unwrap_or_default();
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let fixes = Fixes {
        publisher: volume.view.publisher.as_deref(),
        language: &volume.view.language,
    };
    // A chapter shows its article and the book's settings, nothing of the volume around it.
    let mut chapter_page = Context::new();
    chapter_page.insert("book", &BookView::new(ctx.config));
    // Chapters are rendered in parallel, a batch at a time, in reading order.
    let render_batch = |range: std::ops::Range<usize>| -> Result<Vec<Chapter>> {
        use rayon::prelude::*;
        let positions: Vec<usize> = range.collect();
        positions
            .par_iter()
            .map(|&position| {
                let index = volume.articles[position];
                let name = &chapters[position];
                let key = ctx.sources.get(index).copied().unwrap_or_default();
                if whole_book
                    && ctx.incremental.unchanged(&format!("{rel}!{name}"), key)
                    && previous_names.contains(name)
                {
                    ctx.incremental.note_reused();
                    ctx.progress.inc();
                    return Ok(Chapter::Reused);
                }
                let chapter = render_chapter(ctx, &chapter_page, index).map(Chapter::Rendered);
                ctx.progress.inc();
                chapter
            })
            .collect()
    };
    assemble(
        &skeleton,
        std::io::BufWriter::new(file),
        stamp,
        &fixes,
        &chapters,
        render_batch,
        previous.as_mut(),
    )
    .map_err(|e| match e {
        Assembly::Render(e) => e,
        Assembly::Zip(e) => Error::Message(format!("{what}: {e}")),
        Assembly::Io(e) => Error::io(path, e),
    })
}

/// One article's chapter: the article view with its HTML made XHTML, through the theme.
fn render_chapter(ctx: &RenderContext<'_>, page: &Context, index: usize) -> Result<String> {
    let article = &ctx.articles[index];
    let no_edits = crate::normalize::EditLog::default();
    let edits = ctx.edits.get(index).unwrap_or(&no_edits);
    let mut view = ArticleView::new(article, None, None, edits, false);
    for block in &mut view.blocks {
        block.html = to_xhtml(&block.html);
        for item in &mut block.items {
            item.html = to_xhtml(&item.html);
        }
    }
    if let Some(url) = view.source_url.as_deref()
        && !is_external(url)
    {
        view.source_url = None;
    }
    let mut chapter = page.clone();
    chapter.insert("article", &view);
    ctx.theme.render(
        "epub/chapter.xhtml",
        &chapter,
        &article.path.display().to_string(),
    )
}

/// schema.org accessibility metadata (EPUB Accessibility 1.1): text only, with a navigable
/// structure and nothing that flashes or moves.
const ACCESSIBILITY: &[(&str, &str)] = &[
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "Text-only articles with headings, a table of contents and reader comments as nested \
         lists; images that were not archived are described by their captions.",
    ),
];

fn chrono_time(seconds: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(seconds, 0).unwrap_or_default()
}

/// Breaks `text` into at most `max_lines` lines of about `width` characters, for the SVG
/// cover (SVG text does not wrap by itself).
fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// Why an EPUB could not be assembled.
enum Assembly {
    /// A chapter failed to render (a template error, with its own location).
    Render(Error),
    /// The skeleton was not the zip epub-builder should have written.
    Zip(String),
    /// Writing the file failed.
    Io(std::io::Error),
}

impl From<zip::result::ZipError> for Assembly {
    fn from(e: zip::result::ZipError) -> Assembly {
        match e {
            zip::result::ZipError::Io(e) => Assembly::Io(e),
            e => Assembly::Zip(e.to_string()),
        }
    }
}

impl From<std::io::Error> for Assembly {
    fn from(e: std::io::Error) -> Assembly {
        Assembly::Io(e)
    }
}

/// A chapter for [`assemble`]: rendered now, or to be copied from the previous EPUB.
enum Chapter {
    Rendered(String),
    Reused,
}

/// Chapters rendered per batch: enough to keep every core busy, few enough that memory holds
/// only a handful of pages.
const BATCH: usize = 64;

/// Streams epub-builder's skeleton into `out` as a reproducible zip — `mimetype` first and
/// stored, every other entry deflated in the order written, all with the same fixed timestamp
/// and mode 644 — filling each (empty) chapter of `chapters` with its rendered XHTML and giving
/// `content.opf` and `nav.xhtml` their fix-ups on the way through. `render` renders the
/// chapters of a range of positions in `chapters`.
fn assemble<W: Write + std::io::Seek>(
    skeleton: &[u8],
    out: W,
    stamp: i64,
    fixes: &Fixes<'_>,
    chapters: &[String],
    render: impl Fn(std::ops::Range<usize>) -> Result<Vec<Chapter>>,
    mut previous: Option<&mut zip::ZipArchive<impl Read + std::io::Seek>>,
) -> std::result::Result<(), Assembly> {
    let mut archive = zip::ZipArchive::new(Cursor::new(skeleton))?;
    let time = zip_time(stamp).map_err(Assembly::Zip)?;
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);

    let mut writer = zip::ZipWriter::new(out);
    // Rendered chapters not yet written, in order, and the position of the first of them.
    let mut pending = std::collections::VecDeque::new();
    let mut next = 0;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        let name = file.name().to_string();
        if i == 0 && name != "mimetype" {
            return Err(Assembly::Zip(format!(
                "the first entry is `{name}`, not `mimetype`"
            )));
        }
        if chapters.get(next) == Some(&name) {
            drop(file);
            if pending.is_empty() {
                let end = (next + BATCH).min(chapters.len());
                pending.extend(render(next..end).map_err(Assembly::Render)?);
            }
            match pending
                .pop_front()
                .ok_or_else(|| Assembly::Zip(format!("no chapter rendered for `{name}`")))?
            {
                Chapter::Rendered(xhtml) => {
                    writer.start_file(name.as_str(), deflated)?;
                    writer.write_all(xhtml.as_bytes())?;
                }
                Chapter::Reused => {
                    let archive = previous.as_deref_mut().ok_or_else(|| {
                        Assembly::Zip(format!("no previous EPUB to copy `{name}` from"))
                    })?;
                    writer.raw_copy_file_touch(archive.by_name(&name)?, time, Some(0o644))?;
                }
            }
            next += 1;
            continue;
        }
        let fix: Option<fn(&str, &Fixes<'_>) -> String> = match name.as_str() {
            "OEBPS/content.opf" => Some(|t, f| fix_opf(t, f.publisher)),
            "OEBPS/nav.xhtml" => Some(|t, f| fix_nav(t, f.language)),
            _ => None,
        };
        match fix {
            Some(fix) => {
                let mut text = String::new();
                file.read_to_string(&mut text)?;
                let fixed = fix(&text, fixes);
                drop(file);
                writer.start_file(name.as_str(), deflated)?;
                writer.write_all(fixed.as_bytes())?;
            }
            None if name == "mimetype" => {
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes)?;
                drop(file);
                writer.start_file("mimetype", stored)?;
                writer.write_all(&bytes)?;
            }
            None => writer.raw_copy_file_touch(file, time, Some(0o644))?,
        }
    }
    if next != chapters.len() {
        return Err(Assembly::Zip(format!(
            "{} of {} chapters were not in the package",
            chapters.len() - next,
            chapters.len()
        )));
    }
    writer.finish()?.flush()?;
    Ok(())
}

/// What the fix-ups of [`assemble`] need to know.
struct Fixes<'a> {
    publisher: Option<&'a str>,
    language: &'a str,
}

fn zip_time(stamp: i64) -> std::result::Result<zip::DateTime, String> {
    let date = Date::from_days_since_epoch(stamp.div_euclid(86_400))
        .ok_or_else(|| format!("timestamp {stamp} is out of range"))?;
    let secs = stamp.rem_euclid(86_400);
    zip::DateTime::from_date_and_time(
        date.year,
        date.month,
        date.day,
        (secs / 3600) as u8,
        (secs / 60 % 60) as u8,
        // Zip stores seconds halved.
        (secs % 60 / 2 * 2) as u8,
    )
    .map_err(|e| e.to_string())
}

/// epub-builder 0.8.3 writes `<dc:language id="epub-creator-0">` next to
/// `<dc:creator id="epub-creator-0">` — a duplicate id epubcheck rejects — and cannot write
/// `dc:publisher`. The test `epub_builder_still_needs_the_opf_fixup` says when the first part
/// can go.
fn fix_opf(opf: &str, publisher: Option<&str>) -> String {
    let mut opf = opf.replace(
        "<dc:language id=\"epub-creator-",
        "<dc:language id=\"epub-language-",
    );
    if let Some(publisher) = publisher
        && let Some(at) = opf.find("</dc:title>")
    {
        let at = at + "</dc:title>".len();
        opf.insert_str(
            at,
            &format!(
                "\n    <dc:publisher>{}</dc:publisher>",
                crate::markdown::escape(publisher)
            ),
        );
    }
    opf
}

/// The nav page is a content document like any other: give it the book's language.
fn fix_nav(nav: &str, language: &str) -> String {
    let lang = crate::markdown::escape(language);
    nav.replacen(
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"",
        &format!(
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{lang}\" xml:lang=\"{lang}\""
        ),
        1,
    )
}

/// HTML from folio's renderers and from the sanitizer → XHTML an e-reader's XML parser accepts:
/// void elements closed, boolean attributes given values, `&nbsp;`-style entities turned into
/// characters, links kept only when they point outside the book (an EPUB may not reference
/// files it does not contain) and images, which were not archived, replaced by their alt text.
/// The input is the regular serialisation of those renderers (quoted attributes, escaped text),
/// not arbitrary HTML.
pub fn to_xhtml(html: &str) -> String {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    ];
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(lt) = rest.find(['<', '&']) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let (text, used) = entity(rest);
            out.push_str(&text);
            rest = &rest[used..];
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('/') || tag.starts_with('!') || tag.starts_with('?') {
            if tag.starts_with('/') {
                out.push('<');
                out.push_str(tag);
                out.push('>');
            }
            continue;
        }
        let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        let attrs = parse_attributes(&tag[name_end..]);
        if name == "img" {
            let alt = attrs
                .iter()
                .find(|(k, _)| k == "alt")
                .map_or("", |(_, v)| v.as_str());
            out.push_str("<span class=\"image-missing\">[image");
            if !alt.is_empty() {
                out.push_str(": ");
                out.push_str(&crate::markdown::escape(alt));
            }
            out.push_str("]</span>");
            continue;
        }
        out.push('<');
        out.push_str(&name);
        for (key, value) in &attrs {
            if (key == "href" || key == "src") && !is_external(value) {
                continue;
            }
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            out.push_str(&crate::markdown::escape(value));
            out.push('"');
        }
        out.push_str(if VOID.contains(&name.as_str()) {
            " />"
        } else {
            ">"
        });
    }
    out.push_str(rest);
    out
}

/// The end (`>`) of the tag starting at `s[0] == '<'`, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs, values unescaped; a bare attribute gets its own name as value.
fn parse_attributes(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, used) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], (end + 1).min(after.len()))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], end)
                }
            };
            rest = after[used..].trim_start();
            unescape(value)
        } else {
            name.clone()
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
        if valid && !attrs.iter().any(|(k, _)| *k == name) {
            attrs.push((name, value));
        }
    }
    attrs
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (text, used) = entity(&rest[at..]);
        // `entity` returns XML; attribute values are re-escaped by the caller.
        out.push_str(&match text.as_str() {
            "&amp;" => "&".to_string(),
            "&lt;" => "<".to_string(),
            "&gt;" => ">".to_string(),
            "&quot;" => "\"".to_string(),
            "&apos;" => "'".to_string(),
            other => other.to_string(),
        });
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `s` (which begins with `&`) as XML text, and its length. XML
/// knows only five named entities; the others HTML serialisers produce become characters, and
/// a lone `&` becomes `&amp;`.
fn entity(s: &str) -> (String, usize) {
    let end = s[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map(|e| e + 1);
    if let Some(end) = end
        && s[end..].starts_with(';')
    {
        let name = &s[1..end];
        let text = match name {
            "amp" | "lt" | "gt" | "quot" | "apos" => Some(format!("&{name};")),
            "nbsp" => Some("\u{a0}".to_string()),
            "shy" => Some("\u{ad}".to_string()),
            "ensp" => Some("\u{2002}".to_string()),
            "emsp" => Some("\u{2003}".to_string()),
            "thinsp" => Some("\u{2009}".to_string()),
            "copy" => Some("©".to_string()),
            "reg" => Some("®".to_string()),
            "hellip" => Some("…".to_string()),
            "mdash" => Some("—".to_string()),
            "ndash" => Some("–".to_string()),
            _ => numeric(name).map(|c| crate::markdown::escape(&c.to_string())),
        };
        if let Some(text) = text {
            return (text, end + 1);
        }
    }
    ("&amp;".to_string(), 1)
}

fn numeric(name: &str) -> Option<char> {
    let digits = name.strip_prefix('#')?;
    let code = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => digits.parse().ok()?,
    };
    char::from_u32(code).filter(|c| *c != '\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_xhtml() {
        let cases = [
            ("a<br>b", "a<br />b"),
            ("<hr/>", "<hr />"),
            ("x&nbsp;y", "x\u{a0}y"),
            ("1 &amp; 2 &lt; 3", "1 &amp; 2 &lt; 3"),
            ("fish & chips", "fish &amp; chips"),
            ("&#8212;&#x2014;", "——"),
            ("&bogus;", "&amp;bogus;"),
            (
                "<a href=\"https://a.example/?q=1&amp;r=2\" rel=\"noopener\">x</a>",
                "<a href=\"https://a.example/?q=1&amp;r=2\" rel=\"noopener\">x</a>",
            ),
            ("<a href=\"other.html\">x</a>", "<a>x</a>"),
            ("<a href=\"#frag\">x</a>", "<a>x</a>"),
            (
                "<img src=\"https://a.example/i.png\" alt=\"A &amp; B\">",
                "<span class=\"image-missing\">[image: A &amp; B]</span>",
            ),
            ("<input disabled>", "<input disabled=\"disabled\" />"),
            ("<!-- gone -->kept", "kept"),
            (
                "<em>already</em> <strong>fine</strong>",
                "<em>already</em> <strong>fine</strong>",
            ),
            ("3 < 4", "3 &lt; 4"),
        ];
        for (html, want) in cases {
            assert_eq!(to_xhtml(html), want, "{html}");
        }
    }

    #[test]
    fn epub_builder_still_needs_the_opf_fixup() {
        // When this fails, epub-builder has stopped giving `dc:language` the creator's id:
        // drop the first replacement in `fix_opf`.
        let mut builder = EpubBuilder::new(ZipLibrary::new().unwrap()).unwrap();
        builder.epub_version(EpubVersion::V30);
        builder.add_language("en");
        builder.add_author("A. Writer");
        let mut raw = Vec::new();
        builder.generate(&mut raw).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(raw)).unwrap();
        let mut opf = String::new();
        archive
            .by_name("OEBPS/content.opf")
            .unwrap()
            .read_to_string(&mut opf)
            .unwrap();
        assert!(opf.contains("<dc:language id=\"epub-creator-0\">"), "{opf}");
        let fixed = fix_opf(&opf, Some("Ink & Co"));
        assert!(fixed.contains("<dc:language id=\"epub-language-0\">"));
        assert_eq!(fixed.matches("id=\"epub-creator-0\"").count(), 1);
        assert!(fixed.contains("<dc:publisher>Ink &amp; Co</dc:publisher>"));
    }

    #[test]
    fn zip_times_and_wrapping() {
        let t = zip_time(1_622_000_001).unwrap(); // 2021-05-26T03:33:21Z
        assert_eq!(
            (
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            (2021, 5, 26, 3, 33, 20)
        );
        assert_eq!(
            wrap("Telecoms and Tech Archive of the Years", 18, 6),
            ["Telecoms and Tech", "Archive of the", "Years"]
        );
        assert_eq!(wrap("a b c d", 1, 2), ["a", "b…"]);
    }
}
