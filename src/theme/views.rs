//! The data templates see. Each view is shaped for the page that uses it: HTML fragments are
//! rendered and escaped here (once, in Rust), the comment thread arrives as a flat,
//! depth-annotated list (no recursive templates, so threads of any depth render), and every
//! link is relative so the site works from disk and under any sub-path.
//!
//! The variables are documented in `themes/README.md`; keep the two in step.

use serde::Serialize;

use crate::config::Config;
use crate::markdown::{escape, plain_text, plain_to_html, render_inline};
use crate::model::{AnnotationTarget, Article, BlockKind};
use crate::normalize::{Edit, EditLog, Field};

/// Replies deeper than this are drawn at this indentation, with "in reply to" kept, so a deep
/// thread stays readable on a phone.
pub const MAX_VISUAL_DEPTH: usize = 4;

/// Threads longer than this show the first comments and fold the rest into `<details>`, at a
/// top-level comment so no reply is separated from what it answers.
pub const THREAD_FOLD_AFTER: usize = 20;

#[derive(Debug, Serialize)]
pub struct BookView<'a> {
    pub title: &'a str,
    pub subtitle: Option<&'a str>,
    pub description: Option<&'a str>,
    pub authors: &'a [String],
    pub publisher: Option<&'a str>,
    pub language: &'a str,
    pub base_url: Option<&'a str>,
}

impl<'a> BookView<'a> {
    pub fn new(config: &'a Config) -> BookView<'a> {
        BookView {
            title: &config.title,
            subtitle: config.subtitle.as_deref(),
            description: config.description.as_deref(),
            authors: &config.authors,
            publisher: config.publisher.as_deref(),
            language: &config.language,
            base_url: config.base_url.as_deref(),
        }
    }
}

/// An article as listed on the index.
#[derive(Debug, Serialize)]
pub struct ArticleSummaryView<'a> {
    pub slug: String,
    /// Link from the site root, e.g. `my-article/index.html`.
    pub url: String,
    pub title: String,
    /// The `<time datetime>` value: `YYYY-MM-DD`, or the time with its zone when the article
    /// gives one.
    pub date: Option<String>,
    /// The day, "25 May 2021" (a list shows no times).
    pub date_human: Option<String>,
    pub source_site: Option<String>,
    pub language: String,
    pub translated_from: Option<String>,
    pub translated_from_name: Option<String>,
    pub comment_count: usize,
    /// The first lines of the body as plain text (about 200 characters).
    pub excerpt: String,
    /// The article's own description (front matter `description:`/`summary:`), if any.
    pub description: Option<String>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// Front matter `extra:`, as written.
    pub extra: &'a std::collections::BTreeMap<String, serde_json::Value>,
}

impl<'a> ArticleSummaryView<'a> {
    pub fn new(article: &'a Article) -> ArticleSummaryView<'a> {
        ArticleSummaryView {
            slug: article.slug.to_string(),
            url: format!("{}/index.html", article.slug),
            title: article.title.clone(),
            date: article.published().map(|d| d.to_string()),
            date_human: article.date.map(|d| d.human()),
            source_site: article.source.site.clone(),
            language: article.language.clone(),
            translated_from: article.translated_from.clone(),
            translated_from_name: article.translated_from.as_deref().map(language_name),
            comment_count: article.comments.len(),
            excerpt: excerpt(article, 200),
            description: article.description.clone(),
            draft: article.draft,
            extra: &article.extra,
        }
    }
}

/// Which optional parts the site has, so the header and head only link to what exists.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// At least one article has tags: `tags/index.html` exists.
    pub has_tags: bool,
    /// `base_url` is set, so `atom.xml` and `sitemap.xml` exist (both need absolute URLs).
    pub has_feed: bool,
    /// The book's EPUB, from the site root, when the `epub` output is on and the book is one
    /// volume.
    pub epub_href: Option<String>,
    /// The book's volumes, when its EPUB is split (`epub.volumes`); empty otherwise.
    pub epub_volumes: Vec<EpubVolumeView>,
}

/// One volume of the book's EPUB, as the index links it.
#[derive(Debug, Clone, Serialize)]
pub struct EpubVolumeView {
    /// "2019", "May 2019", "Volume 3".
    pub label: String,
    /// From the site root.
    pub href: String,
    pub article_count: usize,
}

/// What a page says about itself in its `<head>`: for search engines, link previews and
/// feeds.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The `<meta name="description">`: an article's excerpt, otherwise the book's description.
    pub description: Option<String>,
    /// The page's absolute URL when `base_url` is set (`<link rel="canonical">`, `og:url`).
    pub canonical: Option<String>,
    /// OpenGraph `og:type`: `article` for an article, `website` otherwise.
    pub kind: &'static str,
    /// The page's title without the book's (`og:title`); "· page N" on later pages of a list.
    pub title: String,
    /// On a page of a paginated list: the previous and next pages, from the site root
    /// (`<link rel="prev">`/`<link rel="next">`).
    pub prev: Option<String>,
    pub next: Option<String>,
    /// schema.org JSON-LD, serialized and safe to insert inside `<script>`.
    pub json_ld: Option<String>,
}

/// A redirect page at an article's former address (`redirect.html`).
#[derive(Debug, Clone, Serialize)]
pub struct RedirectView {
    /// Where the reader is sent: the article's path from the site root, under the path of
    /// `base_url` (`/archive/my-article/`).
    pub url: String,
    /// `<link rel="canonical">`: the article's absolute URL with `base_url`, else `url`.
    pub canonical: String,
    /// The article's title.
    pub title: String,
}

/// A tag: on the tag list, on its own page, and as a link on an article.
#[derive(Debug, Clone, Serialize)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    /// Link from the site root: `tags/<slug>/index.html`.
    pub url: String,
    /// How many articles carry it.
    pub count: usize,
}

/// Where a page of a paginated list stands among its pages (the index, a tag page, an
/// archive period), with the links between them. Page 1 of a list at `base` (`""`,
/// `tags/<slug>/`, `archive/2021/`) is `<base>index.html`, page N is
/// `<base>page/<N>/index.html`, as Zola and Hugo write them.
#[derive(Debug, Clone, Serialize)]
pub struct PagerView {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (at least 1; the default theme shows no pager for 1).
    pub total: usize,
    /// The previous and next pages, from the site root, or none on the first and last.
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links to show: the first and last page, this page and two on either
    /// side, so a list of 2,000 pages gets at most nine links.
    pub links: Vec<PagerLinkView>,
}

/// One numbered link of a pager.
#[derive(Debug, Clone, Serialize)]
pub struct PagerLinkView {
    pub number: usize,
    /// From the site root.
    pub url: String,
    /// The page being shown (`aria-current="page"`).
    pub current: bool,
    /// Pages were left out between the previous link and this one (an ellipsis goes here).
    pub gap_before: bool,
}

impl PagerView {
    /// Neighbours on either side of the current page that get a numbered link.
    const NEIGHBOURS: usize = 2;

    /// Page `current` of `total` pages of the list at `base`.
    pub fn new(base: &str, current: usize, total: usize) -> PagerView {
        let total = total.max(1);
        let current = current.clamp(1, total);
        let mut shown: Vec<usize> = vec![1, total];
        shown.extend(
            current.saturating_sub(Self::NEIGHBOURS).max(1)
                ..=(current + Self::NEIGHBOURS).min(total),
        );
        shown.sort_unstable();
        shown.dedup();
        // A gap of a single page shows that page: an ellipsis would take as much room.
        let mut filled = Vec::with_capacity(shown.len() + 2);
        for n in shown {
            if let Some(&last) = filled.last()
                && n == last + 2
            {
                filled.push(last + 1);
            }
            filled.push(n);
        }
        let mut links = Vec::with_capacity(filled.len());
        let mut last = 0;
        for n in filled {
            links.push(PagerLinkView {
                number: n,
                url: page_url(base, n),
                current: n == current,
                gap_before: n > last + 1,
            });
            last = n;
        }
        PagerView {
            current,
            total,
            prev: (current > 1).then(|| page_url(base, current - 1)),
            next: (current < total).then(|| page_url(base, current + 1)),
            links,
        }
    }
}

/// The folder of page `n` of the list at `base`, from the site root: `base` itself for page
/// 1, `<base>page/<n>/` after it.
pub fn page_dir(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// The file of page `n` of the list at `base`, from the site root.
pub fn page_url(base: &str, n: usize) -> String {
    format!("{}index.html", page_dir(base, n))
}

/// A year of the archive (`archive/index.html`, and the head of a year's own page).
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveYearView {
    pub year: u16,
    /// From the site root: `archive/2021/index.html`.
    pub url: String,
    /// Articles dated in that year.
    pub count: usize,
    /// Its months that have articles, newest first.
    pub months: Vec<ArchiveMonthView>,
}

/// A month of the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveMonthView {
    /// 1–12.
    pub month: u8,
    /// "May".
    pub name: &'static str,
    /// From the site root: `archive/2021/05/index.html`.
    pub url: String,
    pub count: usize,
}

/// One period of the archive as its own pages show it: a year, a month, or the undated
/// articles.
#[derive(Debug, Clone, Serialize)]
pub struct ArchivePeriodView {
    /// `year`, `month` or `undated`.
    pub kind: &'static str,
    /// "2021", "May 2021", "Undated".
    pub label: String,
    /// The year, for a year or a month.
    pub year: Option<u16>,
    /// For a month: its year's page, from the site root.
    pub year_url: Option<String>,
    /// Articles in the period (on all its pages).
    pub count: usize,
    /// For a year: its months, newest first; empty otherwise.
    pub months: Vec<ArchiveMonthView>,
}

/// One block of the body. `html` is ready to insert (escaped, inline markup rendered).
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// `paragraph`, `heading`, `list`, `quote`, `figure`, `code`, `html`, `rule`.
    pub kind: &'static str,
    pub html: String,
    /// Heading level (2–6; an article's own headings never compete with its title: the
    /// shallowest becomes 2).
    pub level: u8,
    /// For `paragraph`: its number counting paragraphs only (annotations refer to it); the
    /// element id is `p-<number>`.
    pub number: u32,
    /// For `figure`: the image URL when the image was archived.
    pub src: Option<String>,
    /// For `list`.
    pub ordered: bool,
    pub start: Option<u64>,
    pub items: Vec<ListItemView>,
    /// For `code`.
    pub lang: Option<String>,
    /// Editorial notes attached to this paragraph.
    pub annotations: Vec<AnnotationView>,
}

#[derive(Debug, Serialize)]
pub struct ListItemView {
    pub html: String,
    pub depth: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct AnnotationView {
    pub html: String,
    pub author: Option<String>,
    /// `note-<n>`, unique in the page.
    pub id: String,
    /// `n`: notes are numbered in reading order, paragraphs first, then comments.
    pub number: usize,
}

#[derive(Debug, Serialize)]
pub struct ReferenceView {
    pub number: u32,
    pub html: String,
}

/// One comment of the flattened thread, in reading order.
#[derive(Debug, Serialize)]
pub struct CommentView {
    pub id: String,
    /// The element id and permalink fragment: `comment-<id>`.
    pub anchor: String,
    pub number: Option<u32>,
    pub author: String,
    /// One or two letters for the generated avatar.
    pub initials: String,
    /// Hue (0–359) of the avatar background, derived from the name.
    pub avatar_hue: u32,
    pub staff: bool,
    /// The commenter is one of the article's authors.
    pub is_author: bool,
    /// The `<time datetime>` value: the exact time, or an approximate one to its precision
    /// (`2018`, `2018-05`, `2018-05-25`); empty when the date is only known as written.
    pub date_time: Option<String>,
    /// The date for readers: "25 May 2021, 5:07 pm", "about 2018 (3 years before the
    /// scrape)", "about 3 years before the scrape", or a date the page wrote without a time.
    pub date_human: Option<String>,
    /// The date is approximate: worked out from, or only known as, a relative time.
    pub date_approximate: bool,
    /// For an approximate date, what it was worked out from, in words: the `title` the
    /// default theme puts on it ("The page said “3 years ago”, counted back from when the page
    /// was copied").
    pub date_note: Option<String>,
    /// Paragraphs as `<p>` elements, hard breaks as `<br />`.
    pub body_html: String,
    /// Depth in the thread (0 = top level) and the depth drawn (capped).
    pub depth: usize,
    pub visual_depth: usize,
    /// The comment replied to.
    pub parent_anchor: Option<String>,
    pub parent_author: Option<String>,
    /// Direct replies and all replies below.
    pub reply_count: usize,
    pub descendant_count: usize,
    pub annotations: Vec<AnnotationView>,
    /// For nested markup without recursion (the EPUB's `<ol>` tree): the next comment is this
    /// one's first reply drawn one level deeper, so leave this item open for a nested list.
    pub opens_replies: bool,
    /// Otherwise, how many nested lists end after this comment (each `</ol></li>`).
    pub closes: usize,
}

#[derive(Debug, Serialize)]
pub struct MetaView {
    pub key: String,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct NeighbourView {
    pub url: String,
    pub title: String,
}

/// Everything an article page (or EPUB chapter) shows.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub slug: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// The `<time datetime>` value: `YYYY-MM-DD`, or the time with its zone
    /// (`2021-05-25T17:07:00+08:00`) when the article gives one.
    pub date: Option<String>,
    /// "25 May 2021", or with the time and its zone: "25 May 2021, 5:07 pm UTC+8".
    pub date_human: Option<String>,
    /// When the article was last changed (front matter `updated:`), in the same two forms.
    pub updated: Option<String>,
    pub updated_human: Option<String>,
    /// The article's own description (front matter `description:`/`summary:`), if any.
    pub description: Option<String>,
    /// Built only with `--drafts`: the page says it is a draft.
    pub draft: bool,
    /// Front matter `extra:`, as written: any YAML mapping, for a theme's own use.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
    pub source_site: Option<String>,
    pub source_url: Option<String>,
    pub language: String,
    pub translated_from: Option<String>,
    pub translated_from_name: Option<String>,
    pub tags: Vec<String>,
    /// The same tags with their pages; filled by the HTML backend, which knows every tag.
    pub tag_links: Vec<TagView>,
    pub blocks: Vec<BlockView>,
    pub references: Vec<ReferenceView>,
    pub comments: Vec<CommentView>,
    pub comment_count: usize,
    /// Long threads fold: the position in `comments` of the first top-level comment after the
    /// first [`THREAD_FOLD_AFTER`] comments, where a `<details>` starts (no JS needed), and how
    /// many comments it holds. `None` when the thread is short.
    pub fold_at: Option<usize>,
    pub folded_count: usize,
    pub word_count: usize,
    pub reading_minutes: usize,
    /// Facts kept from the scrape (editor, image credit…) as `{key, value}` pairs.
    pub meta: Vec<MetaView>,
    pub prev: Option<NeighbourView>,
    pub next: Option<NeighbourView>,
    /// How many corrections the normalizer applied to this article.
    pub corrections: usize,
    /// The page marks every changed word (review view).
    pub review: bool,
    /// Every editorial note of the page in reading order (the EPUB's footnotes).
    pub notes: Vec<AnnotationView>,
}

/// Marks the normalizer's changes in a block: each edited span is wrapped in
/// `<ins class="edit" title="…" data-was="…">`, showing the original text and the rule on
/// hover, on keyboard focus and on a tap (with `tabindex`, a tap focuses the mark). Sentinel characters from the Private Use Area are placed
/// around the spans before rendering so the marks survive Markdown rendering and escaping.
fn render_marked(text: &str, markup: crate::model::Markup, edits: &[&Edit]) -> String {
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let mut marked = String::with_capacity(text.len() + edits.len() * 6);
    let mut at = 0;
    let mut used = Vec::new();
    for e in edits {
        let (start, end) = (e.output_span.start, e.output_span.end);
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        marked.push_str(&text[at..start]);
        marked.push(OPEN);
        marked.push_str(&text[start..end]);
        marked.push(CLOSE);
        at = end;
        used.push(*e);
    }
    marked.push_str(&text[at..]);
    let html = render_inline(&marked, markup);
    let mut out = String::with_capacity(html.len() + used.len() * 80);
    let mut next = used.iter();
    for c in html.chars() {
        match c {
            OPEN => {
                let title = next.next().map_or(String::new(), |e| {
                    let was = if e.original.is_empty() {
                        "(nothing)".to_string()
                    } else {
                        e.original.clone()
                    };
                    escape(&format!("was: {was} — {}", e.rule))
                });
                // `data-was` is what the stylesheet shows on a tap, where no title tooltip
                // appears.
                out.push_str(&format!(
                    "<ins class=\"edit\" tabindex=\"0\" title=\"{title}\" data-was=\"{title}\">"
                ));
            }
            CLOSE => out.push_str("</ins>"),
            c => out.push(c),
        }
    }
    out
}

impl ArticleView {
    /// `prev`/`next` are the neighbours in the book's order, with URLs relative to this page.
    pub fn new(
        article: &Article,
        prev: Option<&Article>,
        next: Option<&Article>,
        edits: &EditLog,
        review: bool,
    ) -> ArticleView {
        let mut note_counter = 0usize;
        let mut make_note = |a: &crate::model::Annotation| {
            note_counter += 1;
            AnnotationView {
                html: plain_to_html(&a.note),
                author: a.author.clone(),
                id: format!("note-{note_counter}"),
                number: note_counter,
            }
        };
        // Notes grouped by their paragraph once, not looked up for each paragraph: an article
        // may have very many of both.
        let mut notes_by_paragraph: std::collections::HashMap<u32, Vec<&crate::model::Annotation>> =
            std::collections::HashMap::new();
        for a in &article.annotations {
            if let AnnotationTarget::Paragraph(n) = a.target {
                notes_by_paragraph.entry(n).or_default().push(a);
            }
        }
        let mut blocks: Vec<BlockView> = Vec::with_capacity(article.blocks.len());
        let mut paragraph = 0u32;
        // The article's shallowest heading becomes `<h2>` under the page's `<h1>` title, and
        // the others keep their distance from it, so no level is skipped.
        let top_heading = article
            .blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => Some(level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        for (index, block) in article.blocks.iter().enumerate() {
            let block_edits: Vec<&Edit> = if review {
                edits
                    .edits
                    .iter()
                    .filter(|e| e.field == Field::Block(index))
                    .collect()
            } else {
                Vec::new()
            };
            let html = if block_edits.is_empty() {
                render_inline(&block.text, block.markup)
            } else {
                render_marked(&block.text, block.markup, &block_edits)
            };
            let mut view = BlockView {
                kind: "paragraph",
                html,
                level: 0,
                number: 0,
                src: None,
                ordered: false,
                start: None,
                items: Vec::new(),
                lang: None,
                annotations: Vec::new(),
            };
            match &block.kind {
                BlockKind::Paragraph => {
                    paragraph += 1;
                    view.number = paragraph;
                    view.annotations = notes_by_paragraph
                        .get(&paragraph)
                        .into_iter()
                        .flatten()
                        .map(|a| make_note(a))
                        .collect();
                }
                BlockKind::Heading { level } => {
                    view.kind = "heading";
                    view.level = (*level - top_heading + 2).min(6);
                }
                BlockKind::ListItem {
                    ordered,
                    number,
                    depth,
                } => {
                    let item = ListItemView {
                        html: std::mem::take(&mut view.html),
                        depth: *depth,
                    };
                    if let Some(last) = blocks.last_mut()
                        && last.kind == "list"
                        && last.ordered == *ordered
                    {
                        last.items.push(item);
                        continue;
                    }
                    view.kind = "list";
                    view.ordered = *ordered;
                    view.start = *number;
                    view.items.push(item);
                }
                BlockKind::Quote => view.kind = "quote",
                BlockKind::Caption { src } => {
                    view.kind = "figure";
                    view.src = src.clone().filter(|s| crate::markdown::is_safe_url(s));
                }
                BlockKind::Code { lang } => {
                    view.kind = "code";
                    view.html = escape(&block.text);
                    view.lang = lang.clone();
                }
                BlockKind::Html => {
                    view.kind = "html";
                    view.html = sanitize_html(&block.text);
                }
                BlockKind::Rule => view.kind = "rule",
            }
            blocks.push(view);
        }

        let comments = comment_views(article, &mut make_note);
        let fold_at = comments
            .iter()
            .enumerate()
            .skip(THREAD_FOLD_AFTER)
            .find(|(_, c)| c.depth == 0)
            .map(|(i, _)| i);
        let notes = blocks
            .iter()
            .flat_map(|b| &b.annotations)
            .chain(comments.iter().flat_map(|c| &c.annotations))
            .cloned()
            .collect();
        let word_count = article.word_count();
        ArticleView {
            slug: article.slug.to_string(),
            title: article.title.clone(),
            subtitle: article.subtitle.clone(),
            authors: article.authors.clone(),
            date: article.published().map(|d| d.to_string()),
            date_human: article.published().map(|d| d.human()),
            updated: article.updated.map(|d| d.to_string()),
            updated_human: article.updated.map(|d| d.human()),
            description: article.description.clone(),
            draft: article.draft,
            extra: article.extra.clone(),
            source_site: article.source.site.clone(),
            source_url: article.source.url.clone(),
            language: article.language.clone(),
            translated_from: article.translated_from.clone(),
            translated_from_name: article.translated_from.as_deref().map(language_name),
            tags: article.tags.clone(),
            tag_links: Vec::new(),
            blocks,
            references: article
                .references
                .iter()
                .map(|r| ReferenceView {
                    number: r.number,
                    html: plain_to_html(&r.text),
                })
                .collect(),
            comment_count: article.comments.len(),
            folded_count: fold_at.map_or(0, |at| comments.len() - at),
            fold_at,
            comments,
            word_count,
            reading_minutes: word_count.div_ceil(230).max(1),
            meta: article
                .meta
                .iter()
                .map(|(k, v)| MetaView {
                    key: k.replace('_', " "),
                    value: v.clone(),
                })
                .collect(),
            prev: prev.map(|a| NeighbourView {
                url: format!("../{}/index.html", a.slug),
                title: a.title.clone(),
            }),
            next: next.map(|a| NeighbourView {
                url: format!("../{}/index.html", a.slug),
                title: a.title.clone(),
            }),
            corrections: edits.len(),
            review,
            notes,
        }
    }
}

fn comment_views(
    article: &Article,
    make_note: &mut dyn FnMut(&crate::model::Annotation) -> AnnotationView,
) -> Vec<CommentView> {
    let thread = &article.comments;
    let mut descendants = vec![0usize; thread.len()];
    let walk = thread.walk();
    // Post-order accumulation (reverse pre-order) gives descendant counts in one pass.
    for visit in walk.iter().rev() {
        let c = visit.comment;
        descendants[visit.index] = c.replies.iter().map(|&r| 1 + descendants[r]).sum();
    }
    let visual: Vec<usize> = walk.iter().map(|v| v.depth.min(MAX_VISUAL_DEPTH)).collect();
    // Notes grouped by comment once: 100,000 comments each looking through every note would
    // be quadratic.
    let mut notes_by_comment: std::collections::HashMap<&str, Vec<&crate::model::Annotation>> =
        std::collections::HashMap::new();
    for a in &article.annotations {
        if let AnnotationTarget::Comment(id) = &a.target {
            notes_by_comment.entry(id.0.as_str()).or_default().push(a);
        }
    }
    walk.iter()
        .enumerate()
        .map(|(i, visit)| {
            let here = visual[i];
            let next = visual.get(i + 1).copied();
            let opens_replies = next.is_some_and(|n| n > here);
            let c = visit.comment;
            let parent = c.parent.map(|p| &thread.comments[p]);
            let (date_time, date_human, date_approximate) = comment_date(c);
            let date_note = date_approximate.then(|| date_note(c)).flatten();
            CommentView {
                id: c.id.to_string(),
                anchor: format!("comment-{}", c.id),
                number: c.number,
                author: c.author.clone(),
                initials: initials(&c.author),
                avatar_hue: hue(&c.author),
                staff: c.staff,
                is_author: article
                    .authors
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(c.author.trim())),
                date_time,
                date_human,
                date_approximate,
                date_note,
                body_html: paragraphs_html(&c.body),
                depth: visit.depth,
                visual_depth: here,
                parent_anchor: parent.map(|p| format!("comment-{}", p.id)),
                parent_author: parent.map(|p| p.author.clone()),
                reply_count: c.replies.len(),
                descendant_count: descendants[visit.index],
                annotations: notes_by_comment
                    .get(c.id.0.as_str())
                    .into_iter()
                    .flatten()
                    .map(|a| make_note(a))
                    .collect(),
                opens_replies,
                closes: if opens_replies {
                    0
                } else {
                    here - next.unwrap_or(0).min(here)
                },
            }
        })
        .collect()
}

/// A comment's date for the templates: (`datetime` value, words, approximate). A time worked
/// out from a relative one is shown to the precision of its unit and says what it counts from.
fn comment_date(c: &crate::model::Comment) -> (Option<String>, Option<String>, bool) {
    use crate::model::RelativeTime;
    let relative = c.date_text.as_deref().and_then(RelativeTime::parse);
    match (c.date_time, c.date_text.as_deref(), relative) {
        (Some(d), None, _) => (Some(d.to_string()), Some(d.human()), false),
        (Some(d), Some(_), Some(r)) => {
            let (value, words) = r.rounded(&d);
            let human = format!("about {words} ({} before the scrape)", r.span());
            (Some(value), Some(human), true)
        }
        (Some(d), Some(_), None) => (
            Some(d.date.to_string()),
            Some(format!("about {}", d.date.human())),
            true,
        ),
        (None, Some(_), Some(r)) => (
            None,
            Some(format!("about {} before the scrape", r.span())),
            true,
        ),
        (None, Some(text), None) => (None, Some(text.to_string()), false),
        (None, None, _) => (None, None, false),
    }
}

/// What an approximate comment date was worked out from, for readers who ask.
fn date_note(c: &crate::model::Comment) -> Option<String> {
    use crate::model::RelativeTime;
    let text = c.date_text.as_deref()?;
    Some(match (c.date_time, RelativeTime::parse(text)) {
        (Some(_), Some(_)) => {
            format!("The page said “{text}”, counted back from when the page was copied")
        }
        (None, Some(_)) => {
            format!("The page said “{text}”; when the page was copied is not recorded")
        }
        (_, None) => format!("The page said “{text}”, without a time"),
    })
}

/// Plain text with blank-line-separated paragraphs → `<p>` elements with `<br />` breaks.
pub fn paragraphs_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str("<p>");
        out.push_str(&plain_to_html(para));
        out.push_str("</p>\n");
    }
    out
}

/// Raw HTML from a Markdown body, cleaned with an allow-list sanitizer: no scripts, no event
/// handlers, no `javascript:` URLs.
pub fn sanitize_html(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        // A `rel` left on a link whose unsafe `href` was removed is invalid HTML.
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// First letters of the first and last words of a name ("Cletus the Clown" → "CC").
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| w.chars().next().is_some_and(char::is_alphanumeric))
        .collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string());
    match words.as_slice() {
        [] => "?".to_string(),
        [one] => first(one).unwrap_or_default(),
        [a, .., b] => format!(
            "{}{}",
            first(a).unwrap_or_default(),
            first(b).unwrap_or_default()
        ),
    }
}

/// A stable hue from a name (FNV-1a), so a commenter keeps their colour across pages and builds.
pub fn hue(name: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in name.trim().to_lowercase().bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % 360
}

/// The first `limit` characters of the body's paragraphs as plain text, cut at a word
/// boundary; a run without spaces longer than the room left (Chinese and Japanese text has no
/// spaces) is cut inside, so such articles get an excerpt too.
pub fn excerpt(article: &Article, limit: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    for b in article
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph))
    {
        for word in plain_text(&b.text, b.markup).split(' ') {
            let sep = usize::from(!out.is_empty());
            let len = word.chars().count();
            if count + sep + len > limit {
                let room = limit.saturating_sub(count + sep);
                if room > 0 && (out.is_empty() || word.chars().any(is_cjk)) {
                    if sep == 1 {
                        out.push(' ');
                    }
                    out.extend(word.chars().take(room));
                }
                out.push('…');
                return out;
            }
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(word);
            count += sep + len;
        }
    }
    out
}

/// Han, kana and Hangul (and full-width forms): scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{2FFFF}')
}

/// English name of a language tag's primary subtag, for notices like "Machine-translated from
/// Chinese".
pub fn language_name(tag: &str) -> String {
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let name = match primary.as_str() {
        "zh" => "Chinese",
        "en" => "English",
        "fr" => "French",
        "de" => "German",
        "es" => "Spanish",
        "ru" => "Russian",
        "ja" => "Japanese",
        "ko" => "Korean",
        "ar" => "Arabic",
        "pt" => "Portuguese",
        "it" => "Italian",
        "vi" => "Vietnamese",
        _ => return tag.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_show_first_last_and_neighbours_with_gaps() {
        // (current, total) → the numbers shown, `…` where pages are left out.
        let cases = [
            (1, 1, "[1]"),
            (1, 2, "[1] 2"),
            (2, 7, "1 [2] 3 4 … 7"),
            (4, 7, "1 2 3 [4] 5 6 7"),
            (5, 9, "1 2 3 4 [5] 6 7 8 9"),
            (1000, 2000, "1 … 998 999 [1000] 1001 1002 … 2000"),
            (2000, 2000, "1 … 1998 1999 [2000]"),
        ];
        for (current, total, want) in cases {
            let pager = PagerView::new("tags/x/", current, total);
            let got: Vec<String> = pager
                .links
                .iter()
                .map(|l| {
                    let n = if l.current {
                        format!("[{}]", l.number)
                    } else {
                        l.number.to_string()
                    };
                    if l.gap_before { format!("… {n}") } else { n }
                })
                .collect();
            assert_eq!(got.join(" "), want, "page {current} of {total}");
            assert!(pager.links.len() <= 9);
        }
        let pager = PagerView::new("", 2, 3);
        assert_eq!(pager.prev.as_deref(), Some("index.html"));
        assert_eq!(pager.next.as_deref(), Some("page/3/index.html"));
        assert_eq!(pager.links[2].url, "page/3/index.html");
        let last = PagerView::new("archive/2021/", 3, 3);
        assert_eq!(last.prev.as_deref(), Some("archive/2021/page/2/index.html"));
        assert_eq!(last.next, None);
        assert_eq!(PagerView::new("", 1, 1).prev, None);
    }

    #[test]
    fn avatars_are_stable_and_readable() {
        let cases = [
            ("Cletus the Clown", "CC"),
            ("happiman", "H"),
            ("José Luis Suarez", "JS"),
            ("Cheap-spaghetti", "CS"),
            ("", "?"),
        ];
        for (name, want) in cases {
            assert_eq!(initials(name), want, "{name}");
        }
        assert_eq!(hue("Nobby6"), hue(" nobby6 "));
        assert!(hue("Carlos") < 360);
    }

    #[test]
    fn excerpts_of_chinese_text_are_cut_inside_the_run() {
        let load = |body: &str| {
            crate::load::load_article(
                std::path::Path::new("a.md"),
                &format!("---\ntitle: T\n---\n{body}\n"),
                "en",
            )
            .unwrap()
        };
        let zh = load("华为的备忘录显示了软件统治的计划。");
        assert_eq!(excerpt(&zh, 5), "华为的备忘…");
        let en = load("The *memo* reveals a plan.");
        assert_eq!(excerpt(&en, 12), "The memo…");
        assert_eq!(excerpt(&en, 100), "The memo reveals a plan.");
        let mixed = load("Huawei 的备忘录显示了计划");
        assert_eq!(excerpt(&mixed, 10), "Huawei 的备忘…");
    }

    #[test]
    fn comment_bodies_keep_paragraphs_and_breaks_and_escape() {
        assert_eq!(
            paragraphs_html("a <b>\nc\n\nd"),
            "<p>a &lt;b&gt;<br />\nc</p>\n<p>d</p>\n"
        );
    }

    #[test]
    fn sanitizer_strips_script() {
        let out = sanitize_html(
            "<p onclick=\"x()\">hi<script>alert(1)</script><a href=\"javascript:x\">l</a></p>",
        );
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("javascript"));
        assert!(out.contains("hi"));
    }
}
