//! One book to write: a [`Volume`] (the whole book, or one article with `epub.per_article`)
//! and what [`write_volume`] makes of it — the metadata and accessibility statement handed to
//! epub-builder, the cover and title pages, and each article's chapter rendered through the
//! theme. It never touches the zip itself: [`assemble`] streams epub-builder's skeleton into
//! the file and puts its output right.

use std::path::Path;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, TocElement, ZipLibrary,
};
use serde::Serialize;
use tera::Context;

use super::package::{Assembly, Chapter, Fixes, assemble};
use super::xhtml::{is_external, to_xhtml};
use crate::backend::RenderContext;
use crate::error::{Error, Result};
use crate::model::{Article, Date};
use crate::theme::views::{ArticleView, BookView, hue};

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
pub(super) struct Volume {
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
    pub(super) fn book(ctx: &RenderContext<'_>) -> Volume {
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

    pub(super) fn article(ctx: &RenderContext<'_>, index: usize) -> Volume {
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
pub(super) fn write_volume(
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
    let file = crate::fs::create_file(path)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cover_titles_wrap() {
        assert_eq!(
            wrap("Telecoms and Tech Archive of the Years", 18, 6),
            ["Telecoms and Tech", "Archive of the", "Years"]
        );
        assert_eq!(wrap("a b c d", 1, 2), ["a", "b…"]);
    }
}
