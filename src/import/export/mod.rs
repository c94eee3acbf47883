//! Comment exports → the model: a WordPress export (WXR, `wxr.rs`) or a Disqus export
//! (`disqus.rs`) read as a list of [`ExportThread`]s — one per post or thread, each with its
//! comment tree built from the export's parent links — and a [`Report`] of everything that was
//! dropped and why (spam, trash, unapproved, deleted, pingbacks, items that are not articles).
//!
//! Exports are streamed (`xml.rs`): only compact per-comment records (id, parent, author, date,
//! the body already turned into text by [`super::html_text`]) are kept while the file is read.
//! Siblings are ordered by their instant, ties by file order, so the same export always gives
//! the same threads.
//!
//! This module never writes files and never decides which article a thread belongs to beyond
//! the URL key ([`url_key`]) and the merge rule ([`append_thread`]): `load` attaches exports at
//! build time, `cli/import.rs` prints or writes them.

mod disqus;
mod wxr;
mod xml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::model::{
    Article, Block, BlockKind, Comment, CommentId, DateTime, Markup, Slug, Source, Thread,
};

/// Which kind of export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// A WordPress eXtended RSS export (Tools → Export).
    Wxr,
    /// A Disqus comments export (Admin → Moderation → Export).
    Disqus,
}

impl ExportKind {
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Wxr => "WordPress export",
            ExportKind::Disqus => "Disqus export",
        }
    }
}

/// What the importer should take besides published posts (WordPress only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Include {
    /// Pages (`post_type` page) become articles too.
    pub pages: bool,
    /// Drafts, pending, scheduled and private posts become articles too.
    pub drafts: bool,
    /// Attachments (media items) become articles too.
    pub attachments: bool,
}

/// A post of a WordPress export, as an article.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPost {
    /// `wp:post_name`, the post's slug on the site (may be empty or percent-encoded).
    pub slug: String,
    /// Display names of the post's author (`dc:creator` looked up in the `wp:author` list).
    pub authors: Vec<String>,
    /// Local publication time with the site's offset from `wp:post_date_gmt`.
    pub date: Option<DateTime>,
    /// Categories, then tags, in file order, without repeats.
    pub tags: Vec<String>,
    /// `content:encoded`: the post's HTML as WordPress stores it.
    pub content: String,
    /// `wp:post_type` and `wp:status`.
    pub post_type: String,
    pub status: String,
    /// The site's name (the channel's `<title>`) and language (`<language>`).
    pub site: Option<String>,
    pub language: Option<String>,
}

/// A trackback or pingback: another site linking to the post. Kept apart from the readers'
/// comments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pingback {
    pub kind: String,
    pub author: String,
    pub url: Option<String>,
    pub date: Option<DateTime>,
    pub body: String,
    pub line: u32,
}

/// One post or thread of an export with its comments.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportThread {
    /// The page the comments were written on (`<link>`), as written.
    pub url: Option<String>,
    /// Disqus's thread identifier (`<id>`), often the page's URL or a site-chosen key.
    pub identifier: Option<String>,
    pub title: String,
    pub comments: Thread,
    pub pingbacks: Vec<Pingback>,
    /// The article, for WordPress posts.
    pub post: Option<ExportPost>,
    /// 1-based line and column of the `<item>` or `<thread>` in the export.
    pub line: u32,
    pub col: u32,
}

impl ExportThread {
    /// The keys this thread matches articles by: its link and, when it is a URL, its
    /// identifier (see [`url_key`]).
    pub fn url_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = [self.url.as_deref(), self.identifier.as_deref()]
            .into_iter()
            .flatten()
            .filter_map(url_key)
            .collect();
        keys.dedup();
        keys
    }

    /// The article a WordPress post becomes (`None` for a Disqus thread): title, slug (the
    /// post's, or one made from it or the title; made unique by the caller), the author's
    /// display name, the local date, the site and the post's address (only an http(s) one),
    /// categories and tags, the comment thread, and the content as HTML blocks (see
    /// [`wordpress_blocks`]), which folio sanitises when it renders them. `path` is the
    /// export, where the comments' lines point.
    pub fn to_article(&self, path: &Path, fallback_language: &str) -> Option<Article> {
        let post = self.post.as_ref()?;
        let slug = Slug::parse(&post.slug)
            .ok()
            .or_else(|| Slug::from_text(&post.slug))
            .or_else(|| Slug::from_text(&self.title))
            .or_else(|| Slug::parse(&format!("post-{}", self.line)).ok())?;
        let url = self
            .url
            .as_deref()
            .filter(|u| {
                url_key(u).is_some() && crate::markdown::is_safe_url(u) && u.contains("://")
            })
            .map(str::to_string);
        let language = post
            .language
            .as_deref()
            .filter(|l| crate::config::is_language_tag(l))
            .unwrap_or(fallback_language)
            .to_string();
        let blocks = wordpress_blocks(&post.content)
            .into_iter()
            .map(|html| Block {
                kind: BlockKind::Html,
                text: html,
                line: self.line,
                markup: Markup::Plain,
            })
            .collect();
        Some(Article {
            slug,
            path: path.to_path_buf(),
            title: if self.title.is_empty() {
                "Untitled".to_string()
            } else {
                self.title.clone()
            },
            title_line: self.line,
            subtitle: None,
            authors: post.authors.clone(),
            date: post.date.map(|d| d.date),
            date_time: None,
            date_unknown: false,
            updated: None,
            description: None,
            draft: false,
            aliases: Vec::new(),
            extra: Default::default(),
            source: Source {
                site: post.site.clone(),
                url,
            },
            language,
            translated_from: None,
            tags: post.tags.clone(),
            blocks,
            references: Vec::new(),
            comments: self.comments.clone(),
            annotations: Vec::new(),
            meta: Default::default(),
            removed: Vec::new(),
        })
    }

    /// The import JSON of this thread: `url`, `title`, the post's fields for WordPress, then
    /// `comments` in the shape of a scrape's comments and, for WordPress, `pingbacks`.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("url".into(), json!(self.url));
        m.insert("title".into(), json!(self.title));
        if let Some(id) = &self.identifier {
            m.insert("identifier".into(), json!(id));
        }
        if let Some(post) = &self.post {
            m.insert("slug".into(), json!(post.slug));
            m.insert("type".into(), json!(post.post_type));
            m.insert("status".into(), json!(post.status));
            m.insert("authors".into(), json!(post.authors));
            m.insert("date".into(), json!(post.date.map(|d| d.to_string())));
            m.insert("tags".into(), json!(post.tags));
            m.insert("site".into(), json!(post.site));
            m.insert("content".into(), json!(post.content));
        }
        m.insert("line".into(), json!(self.line));
        m.insert(
            "comments".into(),
            crate::model::thread_to_json(&self.comments),
        );
        if self.post.is_some() {
            m.insert(
                "pingbacks".into(),
                Value::Array(
                    self.pingbacks
                        .iter()
                        .map(|p| {
                            json!({
                                "kind": p.kind,
                                "author": p.author,
                                "url": p.url,
                                "date": p.date.map(|d| d.to_string()),
                                "body": p.body,
                                "line": p.line,
                            })
                        })
                        .collect(),
                ),
            );
        }
        Value::Object(m)
    }
}

/// What an import kept and dropped, for the summary table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Articles (WordPress) or threads (Disqus) read.
    pub threads: usize,
    /// Threads with at least one comment kept.
    pub threads_with_comments: usize,
    /// Reader comments kept.
    pub comments: usize,
    pub spam: usize,
    /// WordPress trash (and comments of trashed posts); Disqus has `deleted` instead.
    pub trash: usize,
    /// Comments waiting for moderation (`wp:comment_approved` 0).
    pub unapproved: usize,
    /// Disqus posts marked deleted.
    pub deleted: usize,
    /// Pingbacks and trackbacks, kept apart from the comments.
    pub pingbacks: usize,
    /// WordPress comments of another type (a plugin's notes, webmentions…), dropped.
    pub other_types: usize,
    /// Replies whose parent is missing or was dropped, shown at the top level instead.
    pub moved_to_top: usize,
    /// Disqus posts of a thread the export does not hold, dropped.
    pub without_thread: usize,
    /// WordPress items that did not become articles, and their approved comments.
    pub skipped_pages: usize,
    pub skipped_drafts: usize,
    pub skipped_attachments: usize,
    pub skipped_other: usize,
    pub comments_on_skipped: usize,
}

impl Report {
    /// Rows of the summary table: (what, how many), the dropped kinds only when non-zero.
    pub fn rows(&self, kind: ExportKind) -> Vec<(String, usize)> {
        let mut rows = vec![
            (
                match kind {
                    ExportKind::Wxr => "articles",
                    ExportKind::Disqus => "threads",
                }
                .to_string(),
                self.threads,
            ),
            ("comments kept".to_string(), self.comments),
        ];
        let dropped = [
            ("spam, dropped", self.spam),
            ("trash, dropped", self.trash),
            ("unapproved, dropped", self.unapproved),
            ("deleted, dropped", self.deleted),
            ("pingbacks and trackbacks, kept apart", self.pingbacks),
            ("other comment types, dropped", self.other_types),
            (
                "replies to a missing or dropped comment, moved to the top level",
                self.moved_to_top,
            ),
            (
                "posts of a thread not in the export, dropped",
                self.without_thread,
            ),
            ("pages, not imported", self.skipped_pages),
            (
                "drafts, private and protected posts, not imported",
                self.skipped_drafts,
            ),
            ("attachments, not imported", self.skipped_attachments),
            (
                "other items (menus, blocks…), not imported",
                self.skipped_other,
            ),
            ("comments on items not imported", self.comments_on_skipped),
        ];
        // What each kind of export can drop is always shown, the rest when it happened.
        let always: &[&str] = match kind {
            ExportKind::Wxr => &[
                "spam, dropped",
                "trash, dropped",
                "unapproved, dropped",
                "pingbacks and trackbacks, kept apart",
            ],
            ExportKind::Disqus => &["spam, dropped", "deleted, dropped"],
        };
        for (what, n) in dropped {
            let shown = n > 0 || always.contains(&what);
            if shown {
                rows.push((what.to_string(), n));
            }
        }
        rows
    }
}

/// A WordPress post's content as HTML blocks, one per paragraph, the way WordPress shows it
/// (its `wpautop`): a blank line separates paragraphs, and a paragraph that does not start with
/// a block element (`<p>`, `<ul>`, `<figure>`, a block editor comment…) is wrapped in `<p>` with
/// its line ends as `<br />`. Each block starts with a block-level tag, so Markdown reads it as
/// raw HTML — sanitised like any — and never as Markdown, which WordPress content is not.
pub fn wordpress_blocks(content: &str) -> Vec<String> {
    const BLOCK_TAGS: &[&str] = &[
        "address",
        "article",
        "aside",
        "blockquote",
        "details",
        "dialog",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "script",
        "style",
        "textarea",
    ];
    let starts_block = |chunk: &str| {
        if chunk.starts_with("<!--") {
            return true;
        }
        let Some(rest) = chunk.strip_prefix('<') else {
            return false;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let after = rest[name.len()..].chars().next();
        BLOCK_TAGS.contains(&name.as_str())
            && matches!(after, None | Some(' ' | '>' | '/' | '\n' | '\t'))
    };
    content
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|chunk| !chunk.is_empty())
        .map(|chunk| {
            if starts_block(chunk) {
                // A blank line inside would end the HTML block early; there is none, since the
                // content was split at them, but trailing spaces on a line could make one.
                chunk
                    .lines()
                    .map(str::trim_end)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                let lines: Vec<&str> = chunk
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect();
                format!("<p>{}</p>", lines.join("<br />\n"))
            }
        })
        .collect()
}

/// A whole export, read.
#[derive(Debug, Clone)]
pub struct Export {
    pub kind: ExportKind,
    /// The path shown in messages.
    pub path: PathBuf,
    pub threads: Vec<ExportThread>,
    pub report: Report,
}

/// Whether `path` looks like an export by its name (`.xml`, `.wxr`), as `folio import` decides
/// before reading it.
pub fn is_export_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml") || e.eq_ignore_ascii_case("wxr"))
}

/// Reads the export at `real` (shown in messages as `shown`): its root element says which kind
/// it is. Errors are located in the file.
pub fn read_export(real: &Path, shown: &Path, include: Include) -> Result<Export> {
    let mut sniff = Sniff {
        include,
        reader: None,
    };
    xml::parse(real, shown, &mut sniff)?;
    let (kind, mut threads, mut report) = match sniff.reader {
        Some(Reader::Wxr(w)) => {
            let (t, r) = w.finish();
            (ExportKind::Wxr, t, r)
        }
        Some(Reader::Disqus(d)) => {
            let (t, r) = d.finish();
            (ExportKind::Disqus, t, r)
        }
        None => unreachable!("the parser fails on a file without a root element"),
    };
    report.threads = threads.len();
    report.threads_with_comments = threads.iter().filter(|t| !t.comments.is_empty()).count();
    report.comments = threads.iter().map(|t| t.comments.len()).sum();
    for t in &mut threads {
        t.comments.comments.shrink_to_fit();
    }
    Ok(Export {
        kind,
        path: shown.to_path_buf(),
        threads,
        report,
    })
}

enum Reader {
    Wxr(Box<wxr::Wxr>),
    Disqus(Box<disqus::Disqus>),
}

/// Picks the format from the root element, then hands every event to it.
struct Sniff {
    include: Include,
    reader: Option<Reader>,
}

impl xml::Handler for Sniff {
    fn open(&mut self, doc: &xml::Doc, tag: &xml::Tag<'_>) -> Result<()> {
        if self.reader.is_none() {
            self.reader = Some(match tag.name {
                "rss"
                    if tag.attrs.iter().any(|(k, v)| {
                        k.starts_with("xmlns:") && v.contains("wordpress.org/export")
                    }) =>
                {
                    Reader::Wxr(Box::new(wxr::Wxr::new(self.include)))
                }
                "rss" => {
                    return Err(doc
                        .error("an RSS feed, not a WordPress export: it has no `wp:` namespace")
                        .with_hint(
                            "export the site from WordPress (Tools → Export → All content)",
                        ));
                }
                "disqus" => Reader::Disqus(Box::default()),
                other => {
                    return Err(doc
                        .error(format!(
                            "`<{other}>` is neither a WordPress export (`<rss>`) nor a Disqus export (`<disqus>`)"
                        ))
                        .with_hint("folio imports raw scrapes (.txt), WordPress WXR exports and Disqus XML exports"));
                }
            });
        }
        match self.reader.as_mut() {
            Some(Reader::Wxr(w)) => w.open(doc, tag),
            Some(Reader::Disqus(d)) => d.open(doc, tag),
            None => Ok(()),
        }
    }

    fn close(&mut self, doc: &xml::Doc, name: &str, text: String) -> Result<()> {
        match self.reader.as_mut() {
            Some(Reader::Wxr(w)) => w.close(doc, name, text),
            Some(Reader::Disqus(d)) => d.close(doc, name, text),
            None => Ok(()),
        }
    }
}

/// A comment as read, before the tree is built: its key in the export, its parent's key, and
/// the comment itself (no replies yet).
pub(crate) struct Record {
    pub key: Box<str>,
    pub parent: Option<Box<str>>,
    pub comment: Comment,
}

/// Builds a thread from `records` (in file order): replies under their parents whatever the
/// order they came in, siblings by instant then file order, a reply whose parent is not among
/// the records at the top level (counted in `moved_to_top`). A cycle of parents is broken at
/// its first record in file order, which goes to the top level and is counted too.
pub(crate) fn link_thread(records: Vec<Record>, moved_to_top: &mut usize) -> Thread {
    let n = records.len();
    let mut by_key: HashMap<&str, usize> = HashMap::with_capacity(n);
    for (i, r) in records.iter().enumerate() {
        by_key.entry(&r.key).or_insert(i);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut roots = Vec::new();
    for (i, r) in records.iter().enumerate() {
        match r.parent.as_deref().map(|p| by_key.get(p).copied()) {
            None => roots.push(i),
            Some(Some(p)) if p != i => children[p].push(i),
            Some(_) => {
                *moved_to_top += 1;
                roots.push(i);
            }
        }
    }
    drop(by_key);
    let instant = |i: usize| records[i].comment.date_time.map(|d| d.instant());
    let sort = |list: &mut Vec<usize>| list.sort_by_key(|&i| (instant(i), i));
    sort(&mut roots);
    for list in &mut children {
        sort(list);
    }
    let mut slots: Vec<Option<Comment>> = records.into_iter().map(|r| Some(r.comment)).collect();
    let mut thread = Thread::default();
    thread.comments.reserve_exact(n);
    let mut used_ids: HashMap<String, u32> = HashMap::with_capacity(n);
    let mut visited = vec![false; n];
    let mut next_root = 0;
    let mut pending_roots = roots;
    loop {
        // (record, parent index in the thread)
        let mut stack: Vec<(usize, Option<usize>)> =
            pending_roots.iter().rev().map(|&r| (r, None)).collect();
        while let Some((i, parent)) = stack.pop() {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            let Some(mut comment) = slots[i].take() else {
                continue;
            };
            unique_id(&mut comment.id, &mut used_ids);
            let index = thread.push(comment, parent);
            for &c in children[i].iter().rev() {
                stack.push((c, Some(index)));
            }
        }
        // Records never reached sit on a cycle of parents.
        while next_root < n && visited[next_root] {
            next_root += 1;
        }
        if next_root == n {
            break;
        }
        *moved_to_top += 1;
        pending_roots = vec![next_root];
    }
    thread
}

/// Makes `id` unique among `used` by a `_2`, `_3`… suffix.
fn unique_id(id: &mut CommentId, used: &mut HashMap<String, u32>) {
    let count = used.entry(id.0.clone()).or_insert(0);
    *count += 1;
    if *count > 1 {
        let mut n = *count;
        loop {
            let candidate = format!("{}_{n}", id.0);
            if !used.contains_key(&candidate) {
                used.insert(candidate.clone(), 1);
                id.0 = candidate;
                return;
            }
            n += 1;
        }
    }
}

/// A comment id from an export's id: `prefix-` and the id, characters other than letters,
/// digits, `-`, `_` and `.` as `_`, so it is a valid folio comment id and permalink.
pub(crate) fn comment_id(prefix: &str, raw: &str) -> CommentId {
    let clean: String = raw
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    CommentId(format!("{prefix}-{clean}"))
}

/// Plain text from an export field that is text (an author's name): trimmed, control
/// characters dropped, whitespace runs as one space.
pub(crate) fn plain(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|&c| !crate::markdown::forbidden_in_xml(c))
        .collect()
}

/// The key two URLs of one page share: host (lower case, without `www.`), port and path,
/// without scheme, user, query, fragment and trailing slashes. `None` for text that is not an
/// absolute URL (`javascript:…`, a bare identifier).
///
/// `https://www.Example.com/a/b/?utm=1#c` and `http://example.com/a/b` both give
/// `example.com/a/b`.
pub fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = match url.find("://") {
        Some(i) => {
            let scheme = &url[..i];
            if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
                return None;
            }
            &url[i + 3..]
        }
        None => url.strip_prefix("//")?,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let rest = &rest[..end];
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = authority
        .rsplit('@')
        .next()
        .unwrap_or(authority)
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host
        .strip_suffix(":80")
        .or_else(|| host.strip_suffix(":443"))
        .unwrap_or(host);
    if host.is_empty() || host.contains(char::is_whitespace) {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(format!("{host}{path}"))
}

/// Appends `from`'s comments to `into`, after `into`'s own: `from`'s top-level comments become
/// top-level comments of `into`, replies stay under their parents. An id `into` already uses
/// gets a `_2`, `_3`… suffix. Returns how many comments were added.
pub fn append_thread(into: &mut Thread, from: &Thread) -> usize {
    let mut used: HashMap<String, u32> =
        into.comments.iter().map(|c| (c.id.0.clone(), 1)).collect();
    let mut stack: Vec<(usize, Option<usize>)> =
        from.roots.iter().rev().map(|&r| (r, None)).collect();
    let mut added = 0;
    while let Some((i, parent)) = stack.pop() {
        let mut comment = from.comments[i].clone();
        comment.replies = Vec::new();
        unique_id(&mut comment.id, &mut used);
        let index = into.push(comment, parent);
        added += 1;
        for &r in from.comments[i].replies.iter().rev() {
            stack.push((r, Some(index)));
        }
    }
    added
}

/// The date of a WordPress field pair: the local time (`wp:comment_date`, `wp:post_date`)
/// with the offset it has from the UTC time (`…_gmt`), so readers see the site's clock. A
/// missing or zero UTC time (drafts) gives the local time without a zone; a missing local
/// time gives the UTC time (`Z`); neither gives `None`. `Err` for text that is not a date.
pub(crate) fn wordpress_date(
    local: &str,
    gmt: &str,
) -> std::result::Result<Option<DateTime>, String> {
    let local = local.trim();
    let gmt = gmt.trim();
    let zero = |t: &str| t.is_empty() || t.starts_with("0000-00-00");
    if zero(local) {
        // Only the UTC time: shown in UTC.
        if zero(gmt) {
            return Ok(None);
        }
        return DateTime::parse_iso(gmt)
            .filter(|d| d.offset_minutes.is_none())
            .and_then(|d| d.with_offset(0))
            .map(Some)
            .ok_or_else(|| format!("`{gmt}` is not a date and time (YYYY-MM-DD HH:MM:SS)"));
    }
    let parsed = DateTime::parse_iso(local)
        .filter(|d| d.offset_minutes.is_none())
        .ok_or_else(|| format!("`{local}` is not a date and time (YYYY-MM-DD HH:MM:SS)"))?;
    if zero(gmt) {
        return Ok(Some(parsed));
    }
    let utc = DateTime::parse_iso(gmt)
        .filter(|d| d.offset_minutes.is_none())
        .ok_or_else(|| format!("`{gmt}` is not a date and time (YYYY-MM-DD HH:MM:SS)"))?;
    let seconds = parsed.instant() - utc.instant();
    // Offsets are whole minutes; a pair further apart than any zone is a broken export: the
    // local time is kept without a zone rather than inventing one.
    if seconds % 60 != 0 || seconds.abs() > 18 * 3600 {
        return Ok(Some(parsed));
    }
    Ok(parsed.with_offset((seconds / 60) as i16).or(Some(parsed)))
}

/// A Disqus time: RFC 3339, UTC when no zone is written (Disqus writes `Z`).
pub(crate) fn disqus_date(text: &str) -> std::result::Result<Option<DateTime>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let d = DateTime::parse_iso(text)
        .ok_or_else(|| format!("`{text}` is not a date and time (YYYY-MM-DDTHH:MM:SSZ)"))?;
    Ok(Some(match d.offset_minutes {
        Some(_) => d,
        None => d.with_offset(0).unwrap_or(d),
    }))
}

#[cfg(test)]
mod tests;
