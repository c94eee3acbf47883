//! For `folio import --explain`: what became of each line of a `.txt` scrape — title,
//! paragraph, heading, caption, list item, reference, comment, metadata, or dropped — and why,
//! read off the import's result (blocks, references, comments and the record of removed text
//! all keep their line), so the explanation is what the importer did, never a second guess.
//! Blank lines have no verdict and are left out. Nothing here prints (the command line does).

use std::collections::BTreeSet;

use super::Scrape;
use super::corrections::DROPPED_BY_FRONT_MATTER;
use crate::model::BlockKind;

/// One line and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineVerdict {
    pub line: u32,
    /// `title`, `paragraph`, `caption`, `list item 3`, `reference 2`, `comment`, `metadata`,
    /// `dropped`, …
    pub verdict: String,
    /// A later line of the block the line above opened.
    pub continued: bool,
    /// The line as written, trimmed.
    pub text: String,
    /// Why, when the verdict does not say it all; empty otherwise.
    pub reason: String,
    /// A front matter correction decided this line.
    pub by_front_matter: bool,
}

/// The name of a block's kind in an explanation.
pub fn kind_name(kind: &BlockKind) -> String {
    match kind {
        BlockKind::Paragraph => "paragraph".into(),
        BlockKind::Heading { level } => format!("heading {level}"),
        BlockKind::ListItem {
            number: Some(n), ..
        } => format!("list item {n}"),
        BlockKind::ListItem { .. } => "list item".into(),
        BlockKind::Quote => "quote".into(),
        BlockKind::Caption { src: Some(_) } => "figure".into(),
        BlockKind::Caption { src: None } => "caption".into(),
        BlockKind::Html => "table".into(),
        BlockKind::Rule => "rule".into(),
        BlockKind::Code { .. } => "code".into(),
    }
}

/// Every non-blank line of `body` (the text after front matter, starting on file line
/// `body_line`) with its verdict. `kept` are the lines a front matter `keep` decided.
pub fn explain_scrape(
    body: &str,
    body_line: u32,
    scrape: &Scrape,
    kept: &BTreeSet<u32>,
) -> Vec<LineVerdict> {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut headers: Vec<(u32, &str)> = scrape
        .comments
        .comments
        .iter()
        .map(|c| (c.line, c.author.as_str()))
        .collect();
    headers.sort();
    let mut out = Vec::new();
    for (i, raw) in crate::error::source_lines(body).enumerate() {
        let no = body_line + i as u32;
        let text = raw.trim();
        if text.is_empty() {
            continue;
        }
        let removed: Vec<&crate::model::Removed> =
            scrape.removed.iter().filter(|r| r.line == no).collect();
        let by_front_matter =
            kept.contains(&no) || removed.iter().any(|r| r.reason == DROPPED_BY_FRONT_MATTER);
        let spans = || {
            removed
                .iter()
                .map(|r| format!("without “{}” ({})", r.text, r.reason))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut v = LineVerdict {
            line: no,
            verdict: String::new(),
            continued: false,
            text: text.to_string(),
            reason: String::new(),
            by_front_matter,
        };
        if let Some(b) = scrape
            .blocks
            .iter()
            .find(|b| b.line <= no && no <= b.line + b.text.matches('\n').count() as u32)
        {
            v.verdict = kind_name(&b.kind);
            v.continued = b.line != no;
            if !v.continued && matches!(b.kind, BlockKind::Caption { src: None }) {
                v.reason = "a short line of its own without closing punctuation".into();
            }
            if !removed.is_empty() {
                v.reason = spans();
            }
        } else if let Some(r) = scrape
            .references
            .iter()
            .find(|r| r.line <= no && no <= r.line + r.text.matches('\n').count() as u32)
        {
            v.verdict = format!("reference {}", r.number);
            v.continued = r.line != no;
            if !removed.is_empty() {
                v.reason = spans();
            }
        } else if no == scrape.title_line {
            v.verdict = "title".into();
            v.reason = if removed.is_empty() {
                "the first line with prose".into()
            } else {
                spans()
            };
        } else if !removed.is_empty() {
            let facts: Vec<&str> = crate::residue::find_residue(text)
                .into_iter()
                .flat_map(|r| r.meta.into_iter().map(|(k, _)| k))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let reasons: Vec<&str> = removed
                .iter()
                .map(|r| r.reason.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            if facts.is_empty() || by_front_matter {
                v.verdict = "dropped".into();
                v.reason = reasons.join("; ");
            } else {
                v.verdict = "metadata".into();
                v.reason = format!("{} ({})", facts.join(", "), reasons.join("; "));
            }
        } else if let Some(&(line, author)) = headers.iter().rev().find(|(l, _)| *l <= no) {
            v.verdict = "comment".into();
            v.continued = line != no;
            v.reason = if line == no {
                format!("header of {author}’s comment")
            } else {
                format!("{author}’s comment")
            };
        } else {
            v.verdict = "unplaced".into();
            v.reason = "the importer kept no record of this line".into();
        }
        if kept.contains(&no) {
            if v.reason.is_empty() {
                v.reason = "kept by front matter".into();
            } else {
                v.reason = format!("kept by front matter; {}", v.reason);
            }
        }
        out.push(v);
    }
    out
}
