//! One book to write: a [`Volume`] (the whole book, or one article with `epub.per_article`)
//! and what [`write_volume`] makes of it — the metadata and accessibility statement handed to
//! epub-builder, the cover and title pages, and each article's chapter rendered through the
//! theme. It never touches the zip itself: [`assemble`] streams epub-builder's skeleton into
//! the file and puts its output right.

use std::path::Path;

use epub_builder::{
    EpubBuilder, EpubContent, EpubVersion, MetadataOpfV3, ReferenceType, ZipLibrary,
};
use serde::Serialize;
use tera::Context;

use super::cover;
use super::nav::{CONTENTS, Landmark, NavPoint, Navigation};
use super::package::{Assembly, Chapter, Fixes, assemble};
use super::xhtml::{is_external, to_xhtml};
use crate::backend::RenderContext;
use crate::error::{Error, Result};
use crate::model::{Article, Date};
use crate::theme::views::{ArticleView, BookView, hue, language_name};

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
    /// For the colophon: where each article came from and what the normalizer changed.
    sources: Vec<SourceView>,
    /// Corrections the normalizer applied, in all, and by rule (most first).
    corrections: usize,
    /// How many of them are in reader comments.
    comment_corrections: usize,
    correction_rules: Vec<RuleCountView>,
    /// How many articles have a date (the first and last dates are theirs).
    dated_count: usize,
    /// The date this edition was made (`SOURCE_DATE_EPOCH`, else the newest article's).
    edition_date: String,
    edition_date_human: String,
    /// The package identifier (`urn:uuid:…`).
    identifier: String,
    /// The book's own title, when this is one of its volumes.
    series: Option<String>,
    /// What sets this volume apart ("2019", "May 2019", "Volume 3").
    volume_label: Option<String>,
    /// This volume's place among them, from 1.
    volume_number: usize,
    /// Every volume of the book, this one marked (empty for a book in one volume).
    volumes: Vec<VolumeLinkView>,
}

/// One of the book's volumes, as the title page lists them: by name, since one EPUB cannot
/// link into another.
#[derive(Debug, Serialize)]
struct VolumeLinkView {
    label: String,
    filename: String,
    current: bool,
}

/// An article as the colophon lists it.
#[derive(Debug, Serialize)]
struct SourceView {
    title: String,
    site: Option<String>,
    url: Option<String>,
    date: Option<String>,
    date_human: Option<String>,
    translated_from_name: Option<String>,
    corrections: usize,
    comment_count: usize,
}

#[derive(Debug, Serialize)]
struct RuleCountView {
    rule: &'static str,
    count: usize,
}

/// One EPUB to write: its metadata and which articles it holds.
pub(super) struct Volume {
    view: VolumeView,
    /// The name the book's UUID is derived from.
    identifier: String,
    subjects: Vec<String>,
    /// Indexes into the book's articles, in reading order.
    articles: Vec<usize>,
    /// `dc:date`: when the newest article was published, in seconds since 1970 (a day is its
    /// midnight UTC, a time keeps its instant).
    date: Option<i64>,
    /// One article's own EPUB (`epub.per_article`), not the whole book.
    single: bool,
}

impl Volume {
    /// The volume `plan[index]` of the book (the whole book when the plan has one volume).
    pub(super) fn book(
        ctx: &RenderContext<'_>,
        plan: &[crate::backend::volumes::Volume],
        index: usize,
    ) -> Volume {
        let config = ctx.config;
        let part = &plan[index];
        let mut subjects: Vec<String> = part
            .articles
            .iter()
            .flat_map(|&i| ctx.articles[i].tags.iter().cloned())
            .collect();
        subjects.sort();
        subjects.dedup();
        let (title, identifier) = match &part.label {
            Some(label) => (
                format!("{} — {label}", config.title),
                format!("{}#volume-{}", config.identifier, part.key),
            ),
            None => (config.title.clone(), config.identifier.clone()),
        };
        let split = plan.len() > 1;
        Volume::new(
            VolumeView {
                title,
                subtitle: config.subtitle.clone(),
                authors: config.authors.clone(),
                publisher: config.publisher.clone(),
                description: config.description.clone(),
                language: config.language.clone(),
                series: split.then(|| config.title.clone()),
                volume_label: part.label.clone(),
                volume_number: index + 1,
                volumes: if split {
                    plan.iter()
                        .enumerate()
                        .map(|(i, v)| VolumeLinkView {
                            label: v.label.clone().unwrap_or_default(),
                            filename: v.filename.clone(),
                            current: i == index,
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                ..VolumeView::default_counts()
            },
            identifier,
            subjects,
            part.articles.clone(),
            ctx,
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
                description: a
                    .description
                    .clone()
                    .or_else(|| Some(crate::theme::views::excerpt(a, 300)))
                    .filter(|d| !d.is_empty()),
                language: a.language.clone(),
                ..VolumeView::default_counts()
            },
            format!("{}#{}", ctx.config.identifier, a.slug),
            a.tags.clone(),
            vec![index],
            ctx,
        );
        volume.single = true;
        volume
    }

    fn new(
        mut view: VolumeView,
        identifier: String,
        subjects: Vec<String>,
        indexes: Vec<usize>,
        ctx: &RenderContext<'_>,
    ) -> Volume {
        let articles = ctx.articles;
        let dates = || indexes.iter().filter_map(|&i| articles[i].date);
        let (first, last) = (dates().min(), dates().max());
        view.first_date = first.map(|d| d.to_string());
        view.first_date_human = first.map(|d| d.human());
        view.last_date = last.map(|d| d.to_string());
        view.last_date_human = last.map(|d| d.human());
        view.article_count = indexes.len();
        view.dated_count = dates().count();
        view.comment_count = indexes.iter().map(|&i| articles[i].comments.len()).sum();
        let mut rules: std::collections::BTreeMap<&'static str, usize> = Default::default();
        for &i in &indexes {
            let a = &articles[i];
            let edits = ctx.edits.get(i).map_or(&[][..], |e| e.edits.as_slice());
            for e in edits {
                *rules.entry(e.rule).or_default() += 1;
                if matches!(e.field, crate::normalize::Field::Comment(_)) {
                    view.comment_corrections += 1;
                }
            }
            view.sources.push(SourceView {
                title: a.title.clone(),
                site: a.source.site.clone(),
                url: a.source.url.clone().filter(|u| is_external(u)),
                date: a.date.map(|d| d.to_string()),
                date_human: a.date.map(|d| d.human()),
                translated_from_name: a.translated_from.as_deref().map(language_name),
                corrections: edits.len(),
                comment_count: a.comments.len(),
            });
        }
        view.corrections = rules.values().sum();
        view.correction_rules = rules
            .into_iter()
            .map(|(rule, count)| RuleCountView { rule, count })
            .collect();
        // Most used first; ties in the rules' name order (the map's), so the list is stable.
        view.correction_rules
            .sort_by_key(|r| std::cmp::Reverse(r.count));
        view.identifier = uuid::fmt::Urn::from_uuid(volume_uuid(&identifier)).to_string();
        let stamp = super::timestamp(articles, ctx.source_date_epoch);
        if let Some(day) = Date::from_days_since_epoch(stamp.div_euclid(86_400)) {
            view.edition_date = day.to_string();
            view.edition_date_human = day.human();
        }
        Volume {
            view,
            identifier,
            subjects,
            date: indexes
                .iter()
                .filter_map(|&i| articles[i].published())
                .map(|t| t.instant())
                .max(),
            articles: indexes,
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
            sources: Vec::new(),
            corrections: 0,
            comment_corrections: 0,
            correction_rules: Vec::new(),
            dated_count: 0,
            edition_date: String::new(),
            edition_date_human: String::new(),
            identifier: String::new(),
            series: None,
            volume_label: None,
            volume_number: 1,
            volumes: Vec::new(),
        }
    }
}

/// The package's UUID, derived from the configured identifier so rebuilds keep it.
fn volume_uuid(identifier: &str) -> uuid::Uuid {
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, identifier.as_bytes())
}

/// The imprint and colophon page, last in the book, and its title in the contents.
const COLOPHON: &str = "colophon.xhtml";
const COLOPHON_TITLE: &str = "About this edition";

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
    let what = format!("the EPUB “{}”", volume.view.title);
    // A volume of the book whose every input is as the previous output's was is kept whole:
    // an edit rewrites the one volume that holds the article. Its chapters' keys are recorded
    // all the same, so the marker is a clean build's and the next build can still copy them.
    if !volume.single {
        let key = volume_key(ctx, volume, stamp)?;
        if ctx.incremental.unchanged(rel, key) && ctx.incremental.reuse_file(rel, out) {
            for &index in &volume.articles {
                let name = format!("OEBPS/{}", chapter_href(&ctx.articles[index]));
                let key = ctx.sources.get(index).copied().unwrap_or_default();
                ctx.incremental.unchanged(&format!("{rel}!{name}"), key);
                ctx.progress.inc();
            }
            return Ok(());
        }
    }
    let path = &ctx.incremental.target(out, rel)?;
    let fail = |e: epub_builder::Error| Error::Message(format!("{what}: {e}"));
    let theme = ctx.theme;

    let mut builder = EpubBuilder::new(ZipLibrary::new().map_err(fail)?).map_err(fail)?;
    builder.epub_version(EpubVersion::V30);
    // What epub-builder writes into the package, it escapes but does not clean of
    // XML-forbidden characters.
    let x = crate::markdown::xml_text;
    builder.set_title(x(&volume.view.title));
    builder.set_authors(volume.view.authors.iter().map(|a| x(a)).collect());
    builder.add_language(volume.view.language.as_str());
    builder.set_generator("folio");
    builder.set_toc_name(CONTENTS);
    if let Some(description) = &volume.view.description {
        builder.add_description(x(description));
    }
    builder.set_subjects(volume.subjects.iter().map(|s| x(s)).collect());
    builder.set_uuid(volume_uuid(&volume.identifier));
    let modified = chrono_time(stamp);
    builder.set_modified_date(modified);
    builder.set_publication_date(volume.date.map_or(modified, chrono_time));
    let certifier = volume
        .view
        .publisher
        .clone()
        .or_else(|| (!volume.view.authors.is_empty()).then(|| volume.view.authors.join(", ")))
        .unwrap_or_else(|| volume.view.title.clone());
    for (property, value) in ACCESSIBILITY
        .iter()
        .map(|(p, v)| (*p, (*v).to_string()))
        // epub-builder writes these values as they are: escaped here.
        .chain([("a11y:certifiedBy", crate::markdown::escape(&certifier))])
    {
        builder.add_metadata_opf(Box::new(MetadataOpfV3::new(property.to_string(), value)));
    }
    // One of several volumes: the book they make, as an EPUB 3 collection of type `series`
    // with this volume's position, so reading systems shelve them together and in order.
    if let Some(series) = &volume.view.series {
        let mut collection = MetadataOpfV3::new(
            "belongs-to-collection".to_string(),
            crate::markdown::escape(series),
        );
        collection.id = Some("folio-series".to_string());
        builder.add_metadata_opf(Box::new(collection));
        for (property, value) in [
            ("collection-type", "series".to_string()),
            ("group-position", volume.view.volume_number.to_string()),
        ] {
            let mut meta = MetadataOpfV3::new(property.to_string(), value);
            meta.refines = Some("#folio-series".to_string());
            builder.add_metadata_opf(Box::new(meta));
        }
    }
    builder
        .stylesheet(theme.epub_style.as_slice())
        .map_err(fail)?;

    let mut page = Context::new();
    page.insert("volume", &volume.view);
    page.insert("book", &BookView::new(ctx.config));

    // The cover: a configured raster image as it is; an SVG — the configured one, or one drawn
    // from the title — shown on the cover page, with a PNG of it as the cover image for the
    // readers and stores that show only raster covers.
    let draw = |svg: &str, source: &str| {
        cover::draw(svg).map_err(|e| Error::Message(format!("{what}: cannot draw {source}: {e}")))
    };
    let svg_cover = match &ctx.config.epub.cover {
        Some(path) => {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            if ext == "svg" {
                let svg = String::from_utf8(bytes)
                    .map_err(|_| Error::Message(format!("{}: not UTF-8", path.display())))?;
                let drawn = draw(&svg, &path.display().to_string())?;
                Some((svg, drawn.png))
            } else {
                let media =
                    crate::media::image_media_type(&ext).unwrap_or("application/octet-stream");
                let href = format!("images/cover.{ext}");
                builder
                    .add_cover_image(&href, bytes.as_slice(), media)
                    .map_err(fail)?;
                page.insert("cover_href", &href);
                page.insert("cover_raster_href", &href);
                None
            }
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
            // The generated cover's text becomes outlines: the reader's fonts cannot change it.
            let drawn = draw(&svg, "the cover (epub/cover.svg)")?;
            Some((drawn.outlined, drawn.png))
        }
    };
    if let Some((svg, png)) = svg_cover {
        builder
            .add_cover_image("images/cover.png", png.as_slice(), "image/png")
            .map_err(fail)?;
        builder
            .add_resource("images/cover.svg", svg.as_bytes(), "image/svg+xml")
            .map_err(fail)?;
        page.insert("cover_href", "images/cover.svg");
        page.insert("cover_raster_href", "images/cover.png");
    }
    let cover_page = theme.render("epub/cover.xhtml", &page, &what)?;
    builder
        .add_content(
            EpubContent::new("cover.xhtml", cover_page.as_bytes())
                .title("Cover")
                .reftype(ReferenceType::Cover),
        )
        .map_err(fail)?;
    let title_page = theme.render("epub/title.xhtml", &page, &what)?;
    builder
        .add_content(
            EpubContent::new("title.xhtml", title_page.as_bytes())
                .title("Title page")
                .reftype(ReferenceType::TitlePage),
        )
        .map_err(fail)?;

    let mut contents = Vec::with_capacity(volume.articles.len() + 1);
    let mut chapters = Vec::with_capacity(volume.articles.len());
    for (position, &index) in volume.articles.iter().enumerate() {
        let article = &ctx.articles[index];
        let href = chapter_href(article);
        let mut entry = NavPoint::new(href.as_str(), article.title.as_str());
        if !article.references.is_empty() {
            entry
                .children
                .push(NavPoint::new(format!("{href}#references"), "References"));
        }
        if !article.comments.is_empty() {
            entry.children.push(NavPoint::new(
                format!("{href}#comments"),
                format!("Reader comments ({})", article.comments.len()),
            ));
        }
        contents.push(entry);
        // Titles here name the guide's references; epub-builder's own contents are replaced.
        let mut content = EpubContent::new(href.as_str(), &b""[..]).title(x(&article.title));
        if position == 0 {
            // The guide's "text": where reading starts.
            content = content.reftype(ReferenceType::Text);
        }
        builder.add_content(content).map_err(fail)?;
        chapters.push(format!("OEBPS/{href}"));
    }
    let colophon = theme.render("epub/colophon.xhtml", &page, &what)?;
    builder
        .add_content(
            EpubContent::new(COLOPHON, colophon.as_bytes())
                .title(COLOPHON_TITLE)
                .reftype(ReferenceType::Colophon),
        )
        .map_err(fail)?;
    contents.push(NavPoint::new(COLOPHON, COLOPHON_TITLE));

    let landmark = |kind, href: &str, title: &str| Landmark {
        kind,
        href: href.to_string(),
        title: title.to_string(),
    };
    let mut landmarks = vec![
        landmark("cover", "cover.xhtml", "Cover"),
        landmark("titlepage", "title.xhtml", "Title page"),
        landmark("toc", "nav.xhtml#toc", CONTENTS),
    ];
    if let Some(first) = volume.articles.first() {
        landmarks.push(landmark(
            "bodymatter",
            &chapter_href(&ctx.articles[*first]),
            "Start of the articles",
        ));
    }
    landmarks.push(landmark("colophon", COLOPHON, COLOPHON_TITLE));
    let navigation = Navigation {
        title: volume.view.title.clone(),
        uid: volume.view.identifier.clone(),
        language: volume.view.language.clone(),
        contents,
        landmarks,
    };

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
    let file = crate::fs::create_file(path).map_err(|e| match e {
        Error::Io { source, .. } => Error::io(out.join(rel), source),
        other => other,
    })?;
    let fixes = Fixes {
        publisher: volume.view.publisher.as_deref(),
        language: &volume.view.language,
        navigation: &navigation,
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
        Assembly::Io(e) => Error::io(out.join(rel), e),
    })?;
    ctx.incremental.written(out, rel, path)
}

/// The incremental-build key of a volume of the book: everything its package, cover, title
/// page and colophon show (the volume's view: titles, dates, counts, sources, corrections, the
/// list of volumes), its subjects, identifier and dates, the configured cover's bytes, and each
/// article's slug, file and source (which the chapters and the contents are rendered from).
/// The build-wide key covers book.yaml, the theme and folio itself.
fn volume_key(
    ctx: &RenderContext<'_>,
    volume: &Volume,
    stamp: i64,
) -> Result<crate::incremental::Key> {
    let mut key = crate::incremental::KeyHasher::new();
    key.str(&format!("{:?}", volume.view))
        .str(&format!("{:?}", volume.subjects))
        .str(&volume.identifier)
        .str(&format!("{:?} {stamp}", volume.date));
    if let Some(cover) = &ctx.config.epub.cover {
        let bytes = std::fs::read(cover).map_err(|e| Error::io(cover, e))?;
        key.bytes(&bytes);
    }
    for &index in &volume.articles {
        let article = &ctx.articles[index];
        key.str(article.slug.as_str())
            .str(&article.path.to_string_lossy())
            .key(ctx.sources.get(index).copied().unwrap_or_default());
    }
    Ok(key.finish())
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
/// structure, DPUB-ARIA roles, nothing fixed in its display and nothing that flashes or moves;
/// the conformance claim DAISY Ace checks in CI (`tests/suite/validators.rs`).
const ACCESSIBILITY: &[(&str, &str)] = &[
    (
        "dcterms:conformsTo",
        "EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
    ),
    ("schema:accessMode", "textual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "ARIA"),
    ("schema:accessibilityHazard", "none"),
    (
        "schema:accessibilitySummary",
        "Text-only articles with headings, a table of contents, references marked as a \
         bibliography and reader comments as nested lists; the reader's font, size and colours \
         apply throughout. Images that were not archived are described by their captions, and \
         the cover by its text alternative.",
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
