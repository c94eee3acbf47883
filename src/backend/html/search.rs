//! The search index, prebuilt at build time so search needs no server: `search-index.js`
//! assigns the index to `window.folioSearchIndex`, and `static/search.js` matches substrings
//! in it.
//!
//! Why a script and no `search-index.json`: browsers refuse `fetch()` of a local file, so a
//! JSON file would leave search broken on a site opened from disk, while a `<script src>`
//! works from disk and from any server. One copy keeps the output small. The file is one
//! line: `window.folioSearchIndex = ` + the JSON below + `;`, so other tools can still read it.
//!
//! Shape (compact: plain text only, no markup, whitespace collapsed):
//! `{"version":1,"articles":[{"slug","title","date","date_human","body","comments":[[anchor, author, text]…]}]}`.

use std::io::{self, Write};

use serde::Serialize;

use crate::markdown::plain_text;
use crate::model::{Article, BlockKind};

/// The global the script assigns; `static/search.js` reads it.
pub(super) const GLOBAL: &str = "folioSearchIndex";

#[derive(Debug, Serialize)]
struct Entry {
    slug: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// The date as the pages show it ("25 May 2021").
    #[serde(skip_serializing_if = "Option::is_none")]
    date_human: Option<String>,
    body: String,
    /// `(anchor, author, text)`: the anchor links the result to the comment itself.
    comments: Vec<(String, String, String)>,
}

/// Writes `search-index.js` to `out` an entry at a time: the index holds the text of the whole
/// archive, so it is never assembled in memory.
pub(super) fn write_search_index<W: Write>(articles: &[Article], mut out: W) -> io::Result<()> {
    write!(out, "window.{GLOBAL} = {{\"version\":1,\"articles\":[")?;
    for (i, article) in articles.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        serde_json::to_writer(&mut out, &entry(article))?;
    }
    out.write_all(b"]};\n")?;
    out.flush()
}

fn entry(article: &Article) -> Entry {
    let mut body = String::new();
    for block in &article.blocks {
        let text = match block.kind {
            BlockKind::Html | BlockKind::Rule => continue,
            BlockKind::Code { .. } => block.text.split_whitespace().collect::<Vec<_>>().join(" "),
            _ => plain_text(&block.text, block.markup),
        };
        if text.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(&text);
    }
    let comments = article
        .comments
        .walk()
        .iter()
        .map(|visit| {
            let c = visit.comment;
            (
                format!("comment-{}", c.id),
                c.author.clone(),
                c.body.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    Entry {
        slug: article.slug.to_string(),
        title: article.title.clone(),
        date: article.date.map(|d| d.to_string()),
        date_human: article.date.map(|d| d.human()),
        body,
        comments,
    }
}
