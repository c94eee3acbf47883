//! Disqus's XML export: `<disqus>` with `<category>`s, `<thread dsq:id>`s (the pages, with
//! `<link>`, `<id>` and `<title>`) and `<post dsq:id>`s (the comments), each post naming its
//! thread (`<thread dsq:id="…"/>`) and, for a reply, its parent (`<parent dsq:id="…"/>`).
//!
//! Posts and threads may come in any order, so every post is kept as a compact record — its
//! keys, author, date and message already turned into text — until the file ends, and the
//! threads are built then. Deleted and spam posts are counted and dropped; a reply to one of
//! them goes to the top level (counted). Anonymous authors keep the name they gave. Nothing
//! here writes anything.

use std::collections::HashMap;

use super::xml::{Doc, Handler, Tag};
use super::{ExportThread, Record, Report, comment_id, disqus_date, link_thread, plain};
use crate::error::Result;
use crate::import::html_text;
use crate::model::{Comment, DateTime};

#[derive(Default)]
struct ThreadRec {
    dsq_id: String,
    ident: String,
    link: String,
    title: String,
    line: u32,
    col: u32,
}

/// How a post names its thread or parent: Disqus's internal id (the `dsq:id` attribute), or
/// the text of the element (the site's identifier).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Ref {
    Dsq(Box<str>),
    Ident(Box<str>),
}

#[derive(Default)]
struct PostBuilder {
    dsq_id: String,
    ident: String,
    message: String,
    created: String,
    deleted: bool,
    spam: bool,
    name: String,
    anonymous: bool,
    username: String,
    thread: Option<Ref>,
    parent: Option<Ref>,
    line: u32,
    date_offset: u64,
}

/// What is kept of a post until the threads are built.
struct PostRec {
    thread: Ref,
    record: Record,
    /// The post's `<id>`, when it has one, for parents named by it.
    ident: Option<Box<str>>,
    parent: Option<Ref>,
}

#[derive(Default)]
pub(super) struct Disqus {
    threads: Vec<ThreadRec>,
    thread: Option<ThreadRec>,
    post: Option<PostBuilder>,
    posts: Vec<PostRec>,
    report: Report,
}

fn truthy(text: &str) -> bool {
    matches!(text.trim(), "true" | "1" | "True" | "TRUE")
}

impl Disqus {
    /// The threads in file order, each with its posts linked.
    pub(super) fn finish(mut self) -> (Vec<ExportThread>, Report) {
        let mut by_dsq: HashMap<&str, usize> = HashMap::new();
        let mut by_ident: HashMap<&str, usize> = HashMap::new();
        for (i, t) in self.threads.iter().enumerate() {
            by_dsq.entry(t.dsq_id.as_str()).or_insert(i);
            if !t.ident.is_empty() {
                by_ident.entry(t.ident.as_str()).or_insert(i);
            }
        }
        // Posts named by their `<id>` are found through it; every other parent by dsq:id.
        let mut post_ident: HashMap<Box<str>, Box<str>> = HashMap::new();
        for p in &self.posts {
            if let Some(ident) = &p.ident {
                post_ident
                    .entry(ident.clone())
                    .or_insert_with(|| p.record.key.clone());
            }
        }
        let mut per_thread: Vec<Vec<Record>> = self.threads.iter().map(|_| Vec::new()).collect();
        for p in std::mem::take(&mut self.posts) {
            let thread = match &p.thread {
                Ref::Dsq(id) => by_dsq.get(&**id),
                Ref::Ident(id) => by_ident.get(&**id).or_else(|| by_dsq.get(&**id)),
            };
            let Some(&thread) = thread else {
                self.report.without_thread += 1;
                continue;
            };
            let mut record = p.record;
            record.parent = match p.parent {
                None => None,
                Some(Ref::Dsq(id)) => Some(id),
                Some(Ref::Ident(id)) => Some(post_ident.get(&id).cloned().unwrap_or(id)),
            };
            per_thread[thread].push(record);
        }
        drop((by_dsq, by_ident, post_ident));
        let mut moved = 0;
        let threads = self
            .threads
            .into_iter()
            .zip(per_thread)
            .map(|(t, records)| {
                let link = t.link.trim();
                let ident = t.ident.trim();
                ExportThread {
                    url: (!link.is_empty()).then(|| link.to_string()),
                    identifier: (!ident.is_empty()).then(|| ident.to_string()),
                    title: html_text::html_to_line(&t.title),
                    comments: link_thread(records, &mut moved),
                    pingbacks: Vec::new(),
                    post: None,
                    line: t.line,
                    col: t.col,
                }
            })
            .collect();
        self.report.moved_to_top += moved;
        (threads, self.report)
    }

    fn close_post(&mut self, doc: &Doc, p: PostBuilder) -> Result<()> {
        if p.deleted {
            self.report.deleted += 1;
            return Ok(());
        }
        if p.spam {
            self.report.spam += 1;
            return Ok(());
        }
        let Some(thread) = p.thread else {
            return Err(doc
                .error("`<post>` without a `<thread>`: which page was it written on?")
                .with_hint(
                    "every post of a Disqus export names its thread, as `<thread dsq:id=\"…\"/>`",
                ));
        };
        let key = if !p.dsq_id.trim().is_empty() {
            p.dsq_id.trim().to_string()
        } else if !p.ident.trim().is_empty() {
            p.ident.trim().to_string()
        } else {
            return Err(doc
                .error("`<post>` without a `dsq:id` or an `<id>`")
                .with_hint("replies refer to their parent by one of them"));
        };
        let date: Option<DateTime> =
            disqus_date(&p.created).map_err(|m| doc.error_at(p.date_offset, m))?;
        let name = plain(&p.name);
        let author = match (name.is_empty(), plain(&p.username)) {
            (false, _) => name,
            (true, user) if !user.is_empty() && !p.anonymous => user,
            _ => "Anonymous".to_string(),
        };
        let ident = p.ident.trim();
        self.posts.push(PostRec {
            thread,
            ident: (!ident.is_empty() && ident != key).then(|| ident.into()),
            parent: p.parent,
            record: Record {
                comment: Comment {
                    id: comment_id("dsq", &key),
                    number: None,
                    author,
                    staff: false,
                    date_time: date,
                    date_text: None,
                    body: html_text::html_to_text(&p.message),
                    replies: Vec::new(),
                    parent: None,
                    line: p.line,
                },
                key: key.into(),
                parent: None,
            },
        });
        Ok(())
    }
}

impl Handler for Disqus {
    fn open(&mut self, doc: &Doc, tag: &Tag<'_>) -> Result<()> {
        match (tag.name, doc.ancestor(1)) {
            ("thread", Some("disqus")) => {
                let Some(id) = tag.attr("dsq:id").filter(|id| !id.trim().is_empty()) else {
                    return Err(doc
                        .error("`<thread>` without a `dsq:id`")
                        .with_hint("posts name their thread by its `dsq:id`"));
                };
                self.thread = Some(ThreadRec {
                    dsq_id: id.trim().to_string(),
                    line: doc.line(),
                    col: doc.column(),
                    ..ThreadRec::default()
                });
            }
            ("post", Some("disqus")) => {
                self.post = Some(PostBuilder {
                    dsq_id: tag.attr("dsq:id").unwrap_or("").to_string(),
                    line: doc.line(),
                    ..PostBuilder::default()
                });
            }
            ("thread" | "parent", Some("post")) => {
                if let (Some(post), Some(id)) = (
                    self.post.as_mut(),
                    tag.attr("dsq:id")
                        .map(str::trim)
                        .filter(|id| !id.is_empty()),
                ) {
                    let r = Some(Ref::Dsq(id.into()));
                    if tag.name == "thread" {
                        post.thread = r;
                    } else {
                        post.parent = r;
                    }
                }
            }
            ("createdAt", Some("post")) => {
                if let Some(post) = self.post.as_mut() {
                    post.date_offset = doc.offset();
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn close(&mut self, doc: &Doc, name: &str, text: String) -> Result<()> {
        match (doc.ancestor(1), name) {
            (Some("disqus"), "thread") => {
                if let Some(t) = self.thread.take() {
                    self.threads.push(t);
                }
            }
            (Some("thread"), field) if doc.ancestor(2) == Some("disqus") => {
                if let Some(t) = self.thread.as_mut() {
                    match field {
                        "id" => t.ident = text,
                        "link" => t.link = text,
                        "title" => t.title = text,
                        _ => {}
                    }
                }
            }
            (Some("disqus"), "post") => {
                if let Some(p) = self.post.take() {
                    self.close_post(doc, p)?;
                }
            }
            (Some("post"), field) => {
                if let Some(p) = self.post.as_mut() {
                    match field {
                        "id" => p.ident = text,
                        "message" => p.message = text,
                        "createdAt" => p.created = text,
                        "isDeleted" => p.deleted = truthy(&text),
                        "isSpam" => p.spam = truthy(&text),
                        // `<thread>1</thread>`: the thread named by its identifier.
                        "thread" if p.thread.is_none() && !text.trim().is_empty() => {
                            p.thread = Some(Ref::Ident(text.trim().into()));
                        }
                        "parent" if p.parent.is_none() && !text.trim().is_empty() => {
                            p.parent = Some(Ref::Ident(text.trim().into()));
                        }
                        _ => {}
                    }
                }
            }
            (Some("author"), field) if doc.ancestor(2) == Some("post") => {
                if let Some(p) = self.post.as_mut() {
                    match field {
                        "name" => p.name = text,
                        "username" => p.username = text,
                        "isAnonymous" => p.anonymous = truthy(&text),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}
