//! The raw-scrape importer: turns the text of a scraped article page into structure — title,
//! body blocks, figure captions, the numbered reference list, the reader comment tree, and the
//! site residue it removed (kept as metadata and as `removed` lines with a reason).
//!
//! It works from layout rules, not from the articles it was first written for: a title line,
//! paragraphs separated by blank lines, short unpunctuated lines standing alone as image
//! captions, a trailing numbered list as references, and a comment section of
//! `N. Avatar NAME DD/MM/YYYY @ H:MM am` headers with `•` replies indented per level.
//! It never cleans words: that is the normalizer's job.

mod body;
mod comments;

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::model::{Block, Reference, Removed, Thread};

/// What the importer understood of one scrape. Serialises to the documented
/// `folio import --json` shape.
#[derive(Debug, Clone, Serialize)]
pub struct Scrape {
    pub title: String,
    pub title_line: u32,
    /// Facts kept from site residue: `source`, `editor`, `image_credit`, …
    pub metadata: BTreeMap<String, String>,
    pub blocks: Vec<Block>,
    pub references: Vec<Reference>,
    pub removed: Vec<Removed>,
    pub comments: Thread,
}

/// One source line with its file line number and its indentation width (tabs to the next
/// multiple of four).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub number: u32,
    pub indent: usize,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Parses a raw scrape. `text` is the file content after any front matter; its first line is
/// line `first_line` of `path`.
pub fn parse_scrape(path: &Path, text: &str, first_line: u32) -> Result<Scrape> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let owned;
    let text = if text.contains('\r') {
        owned = text.replace("\r\n", "\n").replace('\r', "\n");
        owned.as_str()
    } else {
        text
    };
    let lines: Vec<Line<'_>> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            text: t,
            number: first_line + i as u32,
            indent: indent_width(t),
        })
        .collect();

    let Some(title_at) = lines.iter().position(|l| !l.is_blank()) else {
        return Err(Error::at(
            Location::new(path, first_line as usize, 1),
            "the scrape is empty: expected a title line",
        ));
    };
    let title = lines[title_at].text.trim().to_string();
    let title_line = lines[title_at].number;

    let rest = &lines[title_at + 1..];
    let comment_start = rest
        .iter()
        .position(|l| comments::parse_header(l.text).is_some_and(|h| h.number.is_some()))
        .unwrap_or(rest.len());

    let mut scrape = Scrape {
        title,
        title_line,
        metadata: BTreeMap::new(),
        blocks: Vec::new(),
        references: Vec::new(),
        removed: Vec::new(),
        comments: Thread::default(),
    };
    body::parse_body(&rest[..comment_start], &mut scrape);
    scrape.comments = comments::parse_comments(&rest[comment_start..], &mut scrape.removed);
    scrape.removed.sort_by_key(|r| r.line);
    Ok(scrape)
}

fn indent_width(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width = (width / 4 + 1) * 4,
            '\u{a0}' | '\u{3000}' => width += 1,
            _ => break,
        }
    }
    width
}

#[cfg(test)]
mod tests;
