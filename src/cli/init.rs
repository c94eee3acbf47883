//! `folio init`: a new book folder with a `book.yaml` and one example article.
//!
//! It never overwrites a file that exists.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::term::Ui;

const INIT_BOOK: &str = r#"# folio book configuration. Every key is documented in folio's README.
title: My News Archive
description: Articles and their reader comments, kept for reading.
authors: []
language: en
# Where the site will live. Set it to get the Atom feed, the sitemap and canonical links with
# full addresses; without it the site works anywhere, from a folder too.
# base_url: https://example.org/archive/
# The site, and an EPUB of the same articles with their comment threads.
outputs: [html, epub]
# The normalizer cleans machine-translated text; names listed here are spelled the same way in
# every article ("Huaweis" stays fixed by the apostrophe rule; this is for spellings).
normalize:
  glossary:
    entries:
      - term: ByteDance
        variants: [Byte Dance]
      - term: TikTok
        variants: [tiktok]
"#;

const INIT_ARTICLE: &str = r#"---
title: Welcome to your archive
date: 2024-01-15
authors: [The Editors]
source:
  site: example.org
  url: https://example.org/welcome
tags: [meta]
comments:
  - author: First Reader
    date: 2024-01-15T09:30:00
    body: |-
      This is a reader comment.

      Comments keep their paragraphs
      and their line breaks.
    replies:
      - author: The Editors
        staff: true
        date: 2024-01-15T10:05:00
        body: And this is a staff reply, nested under it.
---
This article is written in **Markdown**. Put raw scrapes (`.txt`) or Markdown files into
`content/`, then run `folio build` and open `public/index.html`.

Import a raw scrape with `folio import scrape.txt --out content/` to get a Markdown file like
this one, with its comments in the front matter.

Machine translation spells one name several ways, as in this sentence about Byte Dance and
tiktok: the glossary in `book.yaml` makes every article spell them the same. Run
`folio build --review` to see each correction marked on the page.
"#;

pub(super) fn init(dir: &Path, ui: &Ui, stderr: &mut dyn Write) -> Result<()> {
    let book = dir.join(crate::config::CONFIG_FILE);
    let article = dir.join("content").join("welcome.md");
    for path in [&book, &article] {
        if path.exists() {
            return Err(Error::Message(format!(
                "{}: already exists; folio init never overwrites files",
                path.display()
            )));
        }
    }
    crate::fs::create_dir_all(&dir.join("content"))?;
    crate::fs::write_atomic(&book, INIT_BOOK.as_bytes())?;
    crate::fs::write_atomic(&article, INIT_ARTICLE.as_bytes())?;
    if ui.quiet() {
        return Ok(());
    }
    let _ = writeln!(
        stderr,
        "Created a book in {}. Next: `folio build --root {}` and open {}",
        dir.display(),
        dir.display(),
        dir.join("public").join("index.html").display()
    );
    Ok(())
}
