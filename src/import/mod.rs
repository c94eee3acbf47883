//! Raw scrape → model. A scrape is the plain text a scraper saved for one article: a title line,
//! the body, and the reader comments printed below it. The importer decides what each line *is*
//! — title, paragraph, caption, list item, reference, comment, or site residue — and records every
//! line it drops in [`Scrape::removed`] with a reason, so nothing disappears silently.
//!
//! It must not clean text (apostrophes, spelling, escapes: that is `normalize`), must not read
//! files (the caller passes the text after front matter) and must not panic on any input: the
//! only error is a file that cannot be an article at all (no title line).
//!
//! `body` handles the article text (layout B's captions and references live there), `comments`
//! the comment section: telecoms.com's threads (layout A) and text copies of WordPress,
//! Disqus-style and forum threads. Site residue is recognised by [`crate::residue`].
//!
//! Comment exports — a WordPress WXR file, a Disqus XML export — are read by [`export`] into
//! threads of the same model, their HTML bodies turned into text by [`html_text`].

mod body;
mod comments;
pub mod corrections;
pub mod explain;
pub mod export;
pub mod html_text;
pub mod html;
mod page;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::model::{Block, Reference, Removed, Thread};
use crate::residue::{Residue, find_residue};

/// One imported scrape, shaped like the import JSON. Field order is the JSON's order; renaming a
/// field breaks every consumer of that format.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scrape {
    pub title: String,
    /// 1-based line of the title in the file.
    pub title_line: u32,
    /// Facts kept from residue that was dropped: `source`, `editor`, `editor_code`,
    /// `image_credit`, `via`, `published`, `author`. Repeated facts are joined with `; `.
    pub metadata: BTreeMap<String, String>,
    pub blocks: Vec<Block>,
    pub references: Vec<Reference>,
    /// Every dropped line or span, in file order, with the reason.
    pub removed: Vec<Removed>,
    /// Where each metadata field (and the title) came from; saved HTML pages only.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sources: BTreeMap<String, String>,
    /// What the importer could not read as it should (a thread loaded by JavaScript, a wrong
    /// encoding declaration); saved HTML pages only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Written by [`Scrape::to_json`], without recursion.
    #[serde(skip)]
    pub comments: Thread,
    /// The line the comment section starts at, with the heading and controls above its
    /// first comment (`Comments (4)`), when a text scrape has one.
    #[serde(skip)]
    pub comments_from: Option<u32>,
}

impl Scrape {
    /// The import JSON of this scrape. The comment thread is built without recursion, however
    /// deep it is; print the value with [`crate::json::to_string_pretty`].
    pub fn to_json(&self) -> Result<serde_json::Value> {
        let mut value = serde_json::to_value(self)
            .map_err(|e| Error::Message(format!("cannot encode the scrape as JSON: {e}")))?;
        if let serde_json::Value::Object(map) = &mut value {
            map.insert(
                "comments".to_string(),
                crate::model::thread_to_json(&self.comments),
            );
        }
        Ok(value)
    }
}

/// `text` is the file content after any YAML front matter (BOM already stripped); its first line
/// is line `first_line` of `path`.
///
/// A leading BOM is stripped anyway, so a caller that forgot costs nothing; `\r\n`, `\n` and a
/// lone `\r` all end a line.
pub fn parse_scrape(path: &Path, text: &str, first_line: u32) -> Result<Scrape> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text, first_line);
    let found = comments::find_start(&lines);
    let comments_from = found.map(|(start, _)| lines[start].no);
    let (comment_start, layout) = found.unwrap_or((lines.len(), comments::Layout::Telecoms));

    // A copy of a whole page (menus, byline, footer around the article) is read as a page.
    if let Some(page) = page::read(&lines[..comment_start]) {
        let mut sink = page.sink;
        let comments = comments::parse(&lines[comment_start..], layout, &mut sink);
        let mut removed = sink.removed;
        removed.sort_by_key(|r| r.line);
        return Ok(Scrape {
            title: page.title,
            title_line: page.title_line,
            metadata: sink.metadata,
            blocks: page.blocks,
            references: Vec::new(),
            removed,
            sources: BTreeMap::new(),
            warnings: Vec::new(),
            comments,
            comments_from,
        });
    }
    let mut sink = Sink::default();

    // The title: the first line with prose on it. Residue above it (an aggregator header) is
    // dropped like residue anywhere else.
    let mut next = 0;
    let mut title = None;
    while next < comment_start {
        let line = lines[next];
        next += 1;
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let prose = sink.strip_residue(line.no, trimmed);
        if !prose.is_empty() {
            title = Some((prose.into_owned(), line.no));
            break;
        }
    }
    let Some((title, title_line)) = title else {
        return Err(no_title(path, &lines, comment_start, first_line));
    };

    // Layout B repeats the title as the first body line.
    if let Some(k) = (next..comment_start).find(|&k| !lines[k].text.trim().is_empty())
        && lines[k].text.trim() == title
    {
        sink.remove(lines[k].no, &title, "duplicate title");
        next = k + 1;
    }

    let (blocks, references) = body::parse(&lines[next..comment_start], &mut sink);
    let comments = comments::parse(&lines[comment_start..], layout, &mut sink);
    let mut removed = sink.removed;
    removed.sort_by_key(|r| r.line);
    Ok(Scrape {
        title,
        title_line,
        metadata: sink.metadata,
        blocks,
        references,
        removed,
        sources: BTreeMap::new(),
        warnings: Vec::new(),
        comments,
        comments_from,
    })
}

/// The error for a file with no title line, pointing at the comment header that came first
/// or at the start of the text.
fn no_title(path: &Path, lines: &[Line<'_>], comment_start: usize, first_line: u32) -> Error {
    match lines.get(comment_start) {
        Some(line) => {
            let col = line.text.chars().take_while(|c| c.is_whitespace()).count() + 1;
            Error::at(
                Location::new(path, line.no as usize, col),
                "expected the article's title, found a comment header",
            )
            .with_hint("a scrape starts with its title line; the comments come after the body")
        }
        None => Error::at(
            Location::new(path, first_line as usize, 1),
            "no title line: the scrape holds no article text",
        ),
    }
}

/// One source line: its number in the file and its text without the line ending.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    no: u32,
    text: &'a str,
}

fn split_lines(text: &str, first_line: u32) -> Vec<Line<'_>> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 48 + 1);
    let mut no = first_line;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let newline = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if newline == 0 {
            i += 1;
            continue;
        }
        lines.push(Line {
            no,
            text: &text[start..i],
        });
        no = no.saturating_add(1);
        i += newline;
        start = i;
    }
    if start < bytes.len() {
        lines.push(Line {
            no,
            text: &text[start..],
        });
    }
    lines
}

/// Where dropped text and the facts kept from it go.
#[derive(Debug, Default)]
struct Sink {
    removed: Vec<Removed>,
    metadata: BTreeMap<String, String>,
}

impl Sink {
    fn remove(&mut self, line: u32, text: &str, reason: &str) {
        self.removed.push(Removed {
            line,
            text: text.trim().to_string(),
            reason: reason.to_string(),
        });
    }

    /// Records each residue span of `text` as removed and keeps its facts.
    fn drop_residue(&mut self, line: u32, text: &str, spans: &[Residue]) {
        for r in spans {
            self.remove(line, text.get(r.range.clone()).unwrap_or(text), r.reason);
            for (key, value) in &r.meta {
                self.keep_fact(key, value);
            }
        }
    }

    /// The first value of a fact wins its place; a different later value is appended, so two
    /// image credits both survive.
    fn keep_fact(&mut self, key: &str, value: &str) {
        match self.metadata.get_mut(key) {
            None => {
                self.metadata.insert(key.to_string(), value.to_string());
            }
            Some(old) => {
                if !old.split("; ").any(|v| v == value) {
                    old.push_str("; ");
                    old.push_str(value);
                }
            }
        }
    }

    /// Drops the residue in one trimmed line and returns the prose left (empty when the line
    /// was all residue). Borrows when there was nothing to drop.
    fn strip_residue<'a>(&mut self, line: u32, text: &'a str) -> Cow<'a, str> {
        let spans = find_residue(text);
        if spans.is_empty() {
            return Cow::Borrowed(text);
        }
        self.drop_residue(line, text, &spans);
        prose_outside(text, &spans)
    }
}

/// The text outside `spans`, pieces joined with one space where the source had space.
fn prose_outside<'a>(text: &'a str, spans: &[Residue]) -> Cow<'a, str> {
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut from = 0;
    for r in spans {
        push_piece(&mut out, text.get(from..r.range.start).unwrap_or(""));
        from = r.range.end.max(from);
    }
    push_piece(&mut out, text.get(from..).unwrap_or(""));
    out.truncate(out.trim_end().len());
    Cow::Owned(out)
}

fn push_piece(out: &mut String, piece: &str) {
    let trimmed = piece.trim_start();
    if trimmed.trim_end().is_empty() {
        return;
    }
    if !out.is_empty() {
        let spaced = out.ends_with(char::is_whitespace) || piece.len() > trimmed.len();
        out.truncate(out.trim_end().len());
        if spaced {
            out.push(' ');
        }
    }
    out.push_str(trimmed);
}

#[cfg(test)]
mod tests;
