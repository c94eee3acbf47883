//! WordPress eXtended RSS (WXR), the file Tools → Export writes: `<rss>` → `<channel>` with the
//! site's `<title>`, the `<wp:author>` list, then one `<item>` per post, page, attachment or
//! menu entry, each with its `<wp:comment>`s.
//!
//! Each item is read into a small builder and dropped when it closes: a published post (or
//! whatever [`Include`] asks for) becomes an [`ExportThread`] with its comment tree linked by
//! `wp:comment_parent` (a parent may come later in the file); anything else is counted. Only
//! approved comments are kept; spam, trash and unapproved ones are counted, and pingbacks and
//! trackbacks kept apart. A reply by the post's author (`wp:comment_user_id` equal to the
//! author's `wp:author_id`) is marked as staff once the whole file, and so the author list,
//! has been read. Nothing here writes anything.

use std::collections::HashMap;

use super::xml::{Doc, Handler, Tag};
use super::{
    ExportPost, ExportThread, Include, Pingback, Record, Report, comment_id, link_thread, plain,
    wordpress_date,
};
use crate::error::Result;
use crate::import::html_text;
use crate::model::{Comment, CommentIndex};

#[derive(Default)]
struct Author {
    id: String,
    email: String,
    display: String,
}

#[derive(Default)]
struct Item {
    line: u32,
    col: u32,
    title: String,
    link: String,
    creator: String,
    content: String,
    post_name: String,
    status: String,
    post_type: String,
    date: String,
    date_gmt: String,
    tags: Vec<String>,
    records: Vec<Record>,
    /// (comment key, `wp:comment_user_id`, `wp:comment_author_email`) of each comment.
    users: Vec<(Box<str>, Box<str>, Box<str>)>,
    /// `wp:post_password`: a protected post is not public.
    password: String,
    pingbacks: Vec<Pingback>,
    /// Counts of this item's comments, added to the report only if the item is kept.
    spam: usize,
    trash: usize,
    unapproved: usize,
    pingback_count: usize,
    other_types: usize,
}

#[derive(Default)]
struct WxrComment {
    line: u32,
    id: String,
    author: String,
    author_url: String,
    email: String,
    date: String,
    date_gmt: String,
    content: String,
    approved: String,
    kind: String,
    parent: String,
    user_id: String,
}

/// A kept post waiting for the author list: its thread and which comments were written by
/// which user.
struct Kept {
    thread: ExportThread,
    creator: String,
    users: Vec<(CommentIndex, Box<str>, Box<str>)>,
}

pub(super) struct Wxr {
    include: Include,
    site: Option<String>,
    language: Option<String>,
    authors: HashMap<String, Author>,
    author: Option<(String, Author)>,
    item: Option<Item>,
    comment: Option<WxrComment>,
    kept: Vec<Kept>,
    report: Report,
}

impl Wxr {
    pub(super) fn new(include: Include) -> Wxr {
        Wxr {
            include,
            site: None,
            language: None,
            authors: HashMap::new(),
            author: None,
            item: None,
            comment: None,
            kept: Vec::new(),
            report: Report::default(),
        }
    }

    /// The threads in file order, with authors' display names and staff marks resolved.
    pub(super) fn finish(self) -> (Vec<ExportThread>, Report) {
        let authors = self.authors;
        let threads = self
            .kept
            .into_iter()
            .map(|k| {
                let mut thread = k.thread;
                let author = authors.get(&k.creator);
                if let Some(post) = &mut thread.post {
                    let name = author
                        .map(|a| a.display.as_str())
                        .filter(|d| !d.is_empty())
                        .unwrap_or(&k.creator);
                    if !name.is_empty() {
                        post.authors = vec![name.to_string()];
                    }
                }
                // WordPress marks a comment by the post's author by user id; exports from
                // WordPress.com leave the ids out, and then the author's e-mail address is
                // what ties the two.
                if let Some(author) = author {
                    let by_id = !author.id.is_empty() && author.id != "0";
                    for (index, user, email) in &k.users {
                        let staff = if by_id {
                            **user == *author.id
                        } else {
                            !author.email.is_empty() && email.eq_ignore_ascii_case(&author.email)
                        };
                        if staff {
                            thread.comments.comments[*index].staff = true;
                        }
                    }
                }
                thread
            })
            .collect();
        (threads, self.report)
    }

    fn close_comment(&mut self, doc: &Doc, c: WxrComment) -> Result<()> {
        let Some(item) = self.item.as_mut() else {
            return Ok(());
        };
        if c.id.trim().is_empty() {
            return Err(doc
                .error("`<wp:comment>` without a `<wp:comment_id>`")
                .with_hint("every comment of a WordPress export has an id its replies refer to"));
        }
        match c.approved.trim() {
            "1" | "approve" | "approved" => {}
            "spam" => {
                item.spam += 1;
                return Ok(());
            }
            "trash" | "post-trashed" => {
                item.trash += 1;
                return Ok(());
            }
            _ => {
                item.unapproved += 1;
                return Ok(());
            }
        }
        let date = wordpress_date(&c.date, &c.date_gmt).map_err(|m| doc.error(m))?;
        let author = match plain(&c.author) {
            a if a.is_empty() => "Anonymous".to_string(),
            a => a,
        };
        match c.kind.trim() {
            "" | "comment" => {}
            kind @ ("pingback" | "trackback") => {
                item.pingback_count += 1;
                let url = c.author_url.trim();
                item.pingbacks.push(Pingback {
                    kind: kind.to_string(),
                    author,
                    url: super::url_key(url).map(|_| url.to_string()),
                    date,
                    body: html_text::wordpress_to_text(&c.content),
                    line: c.line,
                });
                return Ok(());
            }
            _ => {
                item.other_types += 1;
                return Ok(());
            }
        }
        let key: Box<str> = c.id.trim().into();
        let parent = match c.parent.trim() {
            "" | "0" => None,
            p => Some(p.into()),
        };
        let user = c.user_id.trim();
        let email = c.email.trim();
        if (!user.is_empty() && user != "0") || !email.is_empty() {
            item.users.push((key.clone(), user.into(), email.into()));
        }
        item.records.push(Record {
            key,
            parent,
            comment: Comment {
                id: comment_id("wp", &c.id),
                number: None,
                author,
                staff: false,
                date_time: date,
                date_text: None,
                body: html_text::wordpress_to_text(&c.content),
                replies: Vec::new(),
                parent: None,
                line: c.line,
            },
        });
        Ok(())
    }

    fn close_item(&mut self, doc: &Doc, item: Item) -> Result<()> {
        // A password-protected post is published, but not to everyone.
        let protected = !item.password.trim().is_empty();
        // WordPress always writes a status; an item without one comes from a hand-made or
        // partial export, and is taken as published rather than dropped with its comments.
        let published = matches!(item.status.as_str(), "publish" | "") && !protected;
        let unpublished = protected
            || matches!(
                item.status.as_str(),
                "draft" | "pending" | "future" | "private" | "auto-draft"
            );
        let skip = match item.post_type.as_str() {
            "post" | "" if published || (unpublished && self.include.drafts) => None,
            "post" | "" if unpublished => Some(&mut self.report.skipped_drafts),
            "page" if self.include.pages && (published || self.include.drafts) => None,
            "page" => Some(&mut self.report.skipped_pages),
            "attachment" if self.include.attachments => None,
            "attachment" => Some(&mut self.report.skipped_attachments),
            _ => Some(&mut self.report.skipped_other),
        };
        if let Some(count) = skip {
            *count += 1;
            self.report.comments_on_skipped += item.records.len();
            return Ok(());
        }
        let date = wordpress_date(&item.date, &item.date_gmt).map_err(|m| doc.error(m))?;
        self.report.spam += item.spam;
        self.report.trash += item.trash;
        self.report.unapproved += item.unapproved;
        self.report.pingbacks += item.pingback_count;
        self.report.other_types += item.other_types;
        let comments = link_thread(item.records, &mut self.report.moved_to_top);
        let by_key: HashMap<&str, CommentIndex> = comments
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.0.as_str(), i))
            .collect();
        let users = item
            .users
            .into_iter()
            .filter_map(|(key, user, email)| {
                by_key
                    .get(comment_id("wp", &key).0.as_str())
                    .map(|&i| (i, user, email))
            })
            .collect();
        drop(by_key);
        let link = item.link.trim();
        self.kept.push(Kept {
            thread: ExportThread {
                url: (!link.is_empty()).then(|| link.to_string()),
                identifier: None,
                title: html_text::html_to_line(&item.title),
                comments,
                pingbacks: item.pingbacks,
                post: Some(ExportPost {
                    slug: item.post_name.trim().to_string(),
                    authors: Vec::new(),
                    date,
                    tags: item.tags,
                    content: item.content,
                    post_type: item.post_type,
                    status: item.status,
                    site: self.site.clone(),
                    language: self.language.clone(),
                }),
                line: item.line,
                col: item.col,
            },
            creator: item.creator,
            users,
        });
        Ok(())
    }
}

impl Handler for Wxr {
    fn open(&mut self, doc: &Doc, tag: &Tag<'_>) -> Result<()> {
        match (tag.name, doc.ancestor(1)) {
            ("item", Some("channel")) => {
                self.item = Some(Item {
                    line: doc.line(),
                    col: doc.column(),
                    ..Item::default()
                });
            }
            ("wp:comment", Some("item")) => {
                self.comment = Some(WxrComment {
                    line: doc.line(),
                    ..WxrComment::default()
                });
            }
            ("wp:author", Some("channel")) => self.author = Some(Default::default()),
            ("category", Some("item")) => {
                // The taxonomy is an attribute; the name comes with the text.
                if let Some(item) = self.item.as_mut() {
                    let domain = tag.attr("domain").unwrap_or("category");
                    if domain == "category" || domain == "post_tag" {
                        item.tags.push(String::new());
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, doc: &Doc, name: &str, text: String) -> Result<()> {
        let parent = doc.ancestor(1);
        match (parent, name) {
            (Some("channel"), "title") => self.site = Some(plain(&text)).filter(|s| !s.is_empty()),
            (Some("channel"), "language") => {
                self.language = Some(plain(&text)).filter(|s| !s.is_empty())
            }
            (Some("channel"), "wp:author") => {
                if let Some((login, author)) = self.author.take() {
                    self.authors.insert(login, author);
                }
            }
            (Some("wp:author"), field) => {
                if let Some((login, author)) = self.author.as_mut() {
                    match field {
                        "wp:author_id" => author.id = text.trim().to_string(),
                        "wp:author_login" => *login = text.trim().to_string(),
                        "wp:author_display_name" => author.display = plain(&text),
                        "wp:author_email" => author.email = text.trim().to_string(),
                        _ => {}
                    }
                }
            }
            (Some("channel"), "item") => {
                if let Some(item) = self.item.take() {
                    self.close_item(doc, item)?;
                }
            }
            (Some("item"), "wp:comment") => {
                if let Some(c) = self.comment.take() {
                    self.close_comment(doc, c)?;
                }
            }
            (Some("wp:comment"), field) => {
                if let Some(c) = self.comment.as_mut() {
                    let slot = match field {
                        "wp:comment_id" => &mut c.id,
                        "wp:comment_author" => &mut c.author,
                        "wp:comment_author_url" => &mut c.author_url,
                        "wp:comment_author_email" => &mut c.email,
                        "wp:comment_date" => &mut c.date,
                        "wp:comment_date_gmt" => &mut c.date_gmt,
                        "wp:comment_content" => &mut c.content,
                        "wp:comment_approved" => &mut c.approved,
                        "wp:comment_type" => &mut c.kind,
                        "wp:comment_parent" => &mut c.parent,
                        "wp:comment_user_id" => &mut c.user_id,
                        _ => return Ok(()),
                    };
                    *slot = text;
                }
            }
            (Some("item"), field) => {
                if let Some(item) = self.item.as_mut() {
                    match field {
                        "title" => item.title = text,
                        "link" => item.link = text,
                        "dc:creator" => item.creator = text.trim().to_string(),
                        "content:encoded" => item.content = text,
                        "wp:post_name" => item.post_name = text,
                        "wp:status" => item.status = text.trim().to_string(),
                        "wp:post_type" => item.post_type = text.trim().to_string(),
                        "wp:post_date" => item.date = text,
                        "wp:post_date_gmt" => item.date_gmt = text,
                        "wp:post_password" => item.password = text,
                        // Only categories and tags pushed a slot when they opened.
                        "category" if item.tags.last().is_some_and(String::is_empty) => {
                            let name = html_text::html_to_line(&text);
                            item.tags.pop();
                            if !name.is_empty() && !item.tags.contains(&name) {
                                item.tags.push(name);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}
