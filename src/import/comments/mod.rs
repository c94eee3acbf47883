//! The reader comments printed below a scraped article, one file per layout family:
//!
//! - `telecoms`: telecoms.com's numbered, indented thread (layout A), `  1. Avatar NAME
//!   25/05/2021 @ 5:07 pm`.
//! - Text copies (a browser's select-all of the page) of other comment systems, read by
//!   `text` with the headers of `wordpress` (`NAME says:` over `September 13, 2018 at 5:23
//!   pm`, `NAME on DATE said:`, `NAME wrote on DATE:`), `disqus` (`NAME • 3 years ago`, `NAME
//!   · March 10, 2017 at 12:20 AM`) and `forum` (`• @name 211 days ago`, `by NAME » DATE`).
//!   Dates and times of all of them are read by `when`.
//!
//! The section starts at the first header of the telecoms layout, or at the first header of a
//! text layout that its page confirms (a comment count heading or comment controls above it, a
//! `Reply` after its body, or a header that can only be a comment's); the text layout's
//! headings and controls just above that header belong to the section.
//!
//! This module never reads the article body, never takes a header without its author and its
//! date or time, and never drops a line without recording it in the importer's removed lines
//! with a reason.

mod disqus;
mod forum;
mod telecoms;
mod text;
mod when;
mod wordpress;

use super::{Line, Sink};
use crate::model::Thread;
use crate::residue::ResidueKind;

#[cfg(test)]
pub(super) use telecoms::parse_header;

/// Which reader reads a comment section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    Telecoms,
    Text,
}

/// Where the comment section starts (an index into `lines`) and how it is laid out.
pub(super) fn find_start(lines: &[Line<'_>]) -> Option<(usize, Layout)> {
    for i in 0..lines.len() {
        if telecoms::parse_header(lines[i].text).is_some() {
            return Some((i, Layout::Telecoms));
        }
        if let Some(h) = text::header(lines, i)
            && let Some(start) = text::confirmed_start(lines, i, &h)
        {
            return Some((start, Layout::Text));
        }
    }
    None
}

/// Builds the thread from the comment section found by [`find_start`].
pub(super) fn parse(lines: &[Line<'_>], layout: Layout, sink: &mut Sink) -> Thread {
    match layout {
        Layout::Telecoms => telecoms::parse(lines, sink),
        Layout::Text => text::parse(lines, sink),
    }
}

/// Residue kinds a reader would never type; only these are dropped from the comment section.
/// A reader's own "Source: …" or tracked link is part of what they wrote.
fn is_page_chrome(kind: ResidueKind) -> bool {
    matches!(
        kind,
        ResidueKind::AdScript
            | ResidueKind::ShareWidget
            | ResidueKind::CommentForm
            | ResidueKind::AdMarker
            | ResidueKind::HtmlComment
            | ResidueKind::AggregatorHeader
    )
}

/// For the layouts' tests: `text` split into lines, and the header `read` finds at its first
/// line as (author, date as read — `-3 days` for a relative time —, date as written, body on
/// the header line, lines taken).
#[cfg(test)]
fn read_header(
    text: &str,
    read: for<'a> fn(&[Line<'a>], usize) -> Option<text::Header<'a>>,
) -> Option<(String, String, String, String, usize)> {
    let lines: Vec<Line<'_>> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: i as u32 + 1,
            text: t,
        })
        .collect();
    read(&lines, 0).map(|h| {
        let date = match h.stamp {
            when::Stamp::Exact(d) => d.to_string(),
            when::Stamp::Day(d) => d.to_string(),
            when::Stamp::Relative(r) => format!("-{}", r.span()),
        };
        let inline = h.inline_body.to_string();
        (
            h.author.to_string(),
            date,
            h.written.to_string(),
            inline,
            h.end,
        )
    })
}
