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
//! the threaded comment section (layout A). Site residue is recognised by [`crate::residue`].

mod body;
mod comments;
pub mod html;

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
    let comment_start = lines
        .iter()
        .position(|l| comments::parse_header(l.text).is_some())
        .unwrap_or(lines.len());
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
    let comments = comments::parse(&lines[comment_start..], &mut sink);
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
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::model::BlockKind;

    const SEED_A: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/000_d38183c82872033f.txt"
    );
    const SEED_B: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seeds/004_611866cacb151b58.txt"
    );

    fn seed(path: &str) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read seed {path}: {e}"))
    }

    fn import(text: &str) -> Scrape {
        parse_scrape(Path::new("t.txt"), text, 1)
            .unwrap_or_else(|e| panic!("import failed: {e}\n--- input ---\n{text}"))
    }

    /// Blocks as (kind, text) with list numbers folded into the kind, for compact tables.
    fn blocks(s: &Scrape) -> Vec<(String, &str)> {
        s.blocks
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    BlockKind::Paragraph => "paragraph".to_string(),
                    BlockKind::Caption { .. } => "caption".to_string(),
                    BlockKind::ListItem { number, .. } => format!("item {}", number.unwrap_or(0)),
                    other => format!("{other:?}"),
                };
                (kind, b.text.as_str())
            })
            .collect()
    }

    /// Comments in display order as (id, depth, author).
    fn thread(s: &Scrape) -> Vec<(String, usize, &str)> {
        s.comments
            .walk()
            .iter()
            .map(|v| (v.comment.id.0.clone(), v.depth, v.comment.author.as_str()))
            .collect()
    }

    fn removed(s: &Scrape) -> Vec<(u32, &str, &str)> {
        s.removed
            .iter()
            .map(|r| (r.line, r.text.as_str(), r.reason.as_str()))
            .collect()
    }

    fn count_alnum(counts: &mut HashMap<char, i64>, text: &str, sign: i64) {
        for c in text.chars().filter(|c| c.is_alphanumeric()) {
            *counts.entry(c).or_default() += sign;
        }
    }

    /// Nothing silently lost: every letter and digit of every input line turns up exactly once
    /// in the title, a block (with its list number), a reference, a comment body or `removed`.
    /// Comment header lines are checked against the comment they opened instead.
    fn assert_nothing_lost(text: &str) {
        let scrape = import(text);
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut counts: HashMap<char, i64> = HashMap::new();
        for line in split_lines(body, 1) {
            if let Some(h) = comments::parse_header(line.text) {
                let opened = scrape.comments.comments.iter().find(|c| c.line == line.no);
                assert!(
                    opened.is_some_and(|c| c.author == h.author),
                    "header line {} opened no comment: {:?}",
                    line.no,
                    line.text
                );
                continue;
            }
            count_alnum(&mut counts, line.text, 1);
        }
        count_alnum(&mut counts, &scrape.title, -1);
        for b in &scrape.blocks {
            count_alnum(&mut counts, &b.text, -1);
            if let BlockKind::ListItem {
                number: Some(n), ..
            } = b.kind
            {
                count_alnum(&mut counts, &n.to_string(), -1);
            }
        }
        for r in &scrape.references {
            count_alnum(&mut counts, &r.text, -1);
            count_alnum(&mut counts, &r.number.to_string(), -1);
        }
        for r in &scrape.removed {
            count_alnum(&mut counts, &r.text, -1);
        }
        for c in &scrape.comments.comments {
            count_alnum(&mut counts, &c.body, -1);
        }
        let off: Vec<_> = counts.into_iter().filter(|(_, n)| *n != 0).collect();
        assert!(
            off.is_empty(),
            "characters lost (+) or invented (-): {off:?}\n{text}"
        );
    }

    /// Synthetic articles in both layouts; every one must also keep all its text.
    const SYNTHETIC: &[&str] = &[
        "Title\n\nOne paragraph.\n",
        "Title only",
        "\u{feff}Title\r\n\r\nBody line one\r\nBody line two\r\n",
        "Advertisement\nTitle after an ad marker\n\nBody.",
        "T\n\nT\n\nRen Zhengfei Picture source: visual China\n\nBody text here.",
        "T\n\nThe deal closed. ADVERTISEMENT\n\nMore.",
        "T\n\nFirst line.\nShare this:\nSecond line.",
        "T\n\nIntro:\n\n1. First point\n\n2. Second point\n\nConclusion follows here.",
        "T\n\nBody.\n\n1. Reuters, May 1, 2020\n\n3. Xinhua, 2019\n\nPicture source: AP",
        "T\n\nBody.\n\n  1. Avatar a 01/01/2020 @ 1:00 am\n\n    1. I agree.\n    2. Also this.\n\n    • Avatar b 01/01/2020 @ 2:00 am\n\n      Reply.\n\nLeave a Reply\n\nCopyright 2021 Example Media",
        "T\n\n\t1. Avatar Zoë 29/02/2020 @ 12:00 am\n\n\t\tBody\n\n\t\t• Editor Editor 01/03/2020 @ 12:30 pm\n\n\t\t\tStaff reply",
        "T\r\n\r\n  1. Avatar a 01/01/2020 @ 1:00 am\r\n\r\n    x\r\n",
        "T\rline two\rline three",
        "T\n\n(function(){ window.x=window.x||[]; })();Source: A editor in charge: B_ C1",
    ];

    #[test]
    fn nothing_is_silently_lost() {
        assert_nothing_lost(&seed(SEED_A));
        assert_nothing_lost(&seed(SEED_B));
        for text in SYNTHETIC {
            assert_nothing_lost(text);
        }
    }

    #[test]
    fn seed_000_comments_come_through_exactly() {
        let s = import(&seed(SEED_A));
        assert_eq!(
            s.title,
            "Leaked Huawei memo reveals plan for global software domination"
        );
        assert_eq!(s.title_line, 1);
        assert_eq!(s.blocks.len(), 7);
        assert!(s.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        assert!(s.removed.is_empty() && s.references.is_empty() && s.metadata.is_empty());

        let expected: &[(&str, usize, &str, bool, &str, u32)] = &[
            ("1", 0, "happiman", false, "2021-05-25T17:07:00", 18),
            ("1-1", 1, "Nobby6", false, "2021-05-26T01:31:00", 27),
            ("2", 0, "Carlos", false, "2021-05-25T18:04:00", 35),
            ("3", 0, "Cletus the Clown", false, "2021-05-26T10:40:00", 42),
            ("3-1", 1, "happiman", false, "2021-05-27T05:37:00", 48),
            (
                "3-1-1",
                2,
                "Cletus the Clown",
                false,
                "2021-05-27T08:23:00",
                55,
            ),
            (
                "3-1-1-1",
                3,
                "Scott Bicheno",
                true,
                "2021-05-27T09:39:00",
                62,
            ),
            ("4", 0, "Cheap-spaghetti", false, "2021-05-26T16:25:00", 66),
            ("5", 0, "José Luis Suarez", false, "2021-05-29T17:03:00", 84),
            ("6", 0, "Nigeria", false, "2021-05-29T19:11:00", 88),
        ];
        let got: Vec<_> = s
            .comments
            .walk()
            .iter()
            .map(|v| {
                let c = v.comment;
                let date = c.date_time.map(|d| d.to_string()).unwrap_or_default();
                (
                    c.id.0.clone(),
                    v.depth,
                    c.author.clone(),
                    c.staff,
                    date,
                    c.line,
                )
            })
            .collect();
        let expected: Vec<_> = expected
            .iter()
            .map(|&(id, d, a, st, dt, l)| (id.to_string(), d, a.to_string(), st, dt.to_string(), l))
            .collect();
        assert_eq!(got, expected);

        let numbers: Vec<_> = s.comments.walk().iter().map(|v| v.comment.number).collect();
        let expected_numbers = [1, 0, 2, 3, 0, 0, 0, 4, 5, 6].map(|n| (n > 0).then_some(n));
        assert_eq!(numbers, expected_numbers);

        let body = |id: &str| {
            let i = s
                .comments
                .find(id)
                .unwrap_or_else(|| panic!("no comment {id}"));
            s.comments.comments[i].body.as_str()
        };
        assert_eq!(
            body("2"),
            "Ive really developed a bad taste for this Hw company… Ive worked so many years as a consultant.\n\
             and when they got the possibility they took personal as 3rd party employees and is crap…\n\
             very vertical company working like ants to deliver …\n\
             zero focus on knowledge or whatever the likes…"
        );
        assert_eq!(
            body("3-1-1-1"),
            "Thanks Cletus, it’s very important to make a clear distinction between a body of people \
             and their political representatives, especially if the former has no control over who \
             the latter are."
        );
        let first = body("1");
        assert_eq!(first.split("\n\n").count(), 3);
        assert!(first.starts_with(
            "I truly believe that China will dominate the world since they have the best programmers.\n\
             State sponsored hacking group"
        ));
        let paragraphs: Vec<&str> = body("4").split("\n\n").collect();
        assert_eq!(paragraphs.len(), 6);
        assert_eq!(paragraphs[0], "Chinese wet Dreams !");
        assert_eq!(
            paragraphs[5],
            "Google: “Huawei turns to pig farming as smartphone sales fall” LOL"
        );
        assert_eq!(body("3-1").split("\n\n").count(), 2);
    }

    #[test]
    fn seed_004_captions_references_and_residue() {
        let s = import(&seed(SEED_B));
        assert_eq!(
            s.title,
            "The history of Huawei and byte going to sea: a history of struggle with the political circle of the United States"
        );
        let captions: Vec<&str> = s
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Caption { .. }))
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            captions,
            [
                "Ren Zhengfei",
                "Zhang Yiming",
                "Huawei overseas branch",
                "Video capture of tiktok, President of France"
            ]
        );
        let numbers: Vec<u32> = s.references.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 6, 7, 8]);
        assert!(
            s.references[0]
                .text
                .starts_with("Huaweis global enclosure war")
        );
        assert!(
            s.references[6]
                .text
                .ends_with("it times weekly, August 6, 2020.")
        );
        assert!(
            s.blocks
                .iter()
                .all(|b| b.kind == BlockKind::Paragraph
                    || matches!(b.kind, BlockKind::Caption { .. }))
        );
        assert!(
            s.blocks
                .iter()
                .any(|b| b.text == "But honeymoons dont last." && b.kind == BlockKind::Paragraph)
        );
        for b in &s.blocks {
            for debris in ["(function", "slotbydup", "Source:", "Picture source"] {
                assert!(
                    !b.text.contains(debris),
                    "{debris} left in block: {}",
                    b.text
                );
            }
        }
        assert!(s.blocks.iter().all(|b| b.text != s.title));
        let meta: Vec<(&str, &str)> = s
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            meta,
            [
                ("editor", "Dai Lili"),
                ("editor_code", "NN4994"),
                ("image_credit", "visual China"),
                ("source", "Houchang 108"),
            ]
        );
        let reasons: Vec<&str> = s.removed.iter().map(|r| r.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "duplicate title",
                "image credit",
                "ad script fragment",
                "publisher stamp"
            ]
        );
        assert_eq!(s.removed[0].line, 3);
        assert!(s.comments.is_empty());
    }

    #[test]
    fn the_title_is_the_first_line_with_prose() {
        // (input, first_line, title, title_line)
        let rows: &[(&str, u32, &str, u32)] = &[
            ("Title\n\nBody.", 1, "Title", 1),
            ("\n\n   Title  \nBody", 1, "Title", 3),
            ("\u{feff}Title\r\n\r\nBody\r\n", 1, "Title", 1),
            ("Title", 5, "Title", 5),
            ("\nTitle", 7, "Title", 8),
            ("Advertisement\n\nReal title\n", 1, "Real title", 3),
            ("\tTitle with a tab\n", 1, "Title with a tab", 1),
            ("Huawei grows<!-- slot -->\n", 1, "Huawei grows", 1),
        ];
        for &(input, first_line, title, line) in rows {
            let s = parse_scrape(Path::new("t.txt"), input, first_line)
                .unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!((s.title.as_str(), s.title_line), (title, line), "{input:?}");
        }
    }

    #[test]
    fn only_a_repeat_of_the_title_right_below_it_is_dropped() {
        type Row = (
            &'static str,
            &'static [(u32, &'static str, &'static str)],
            usize,
        );
        let rows: &[Row] = &[
            ("T\n\nT\n\nBody.", &[(3, "T", "duplicate title")], 1),
            ("T\n\n  T  \n\nBody.", &[(3, "T", "duplicate title")], 1),
            ("T\r\nT\r\nBody.", &[(2, "T", "duplicate title")], 1),
            ("T\n\nT.\n\nBody.", &[], 2),
            ("T\n\nBody.\n\nT", &[], 2),
            ("T\n\nt\n\nBody.", &[], 2),
        ];
        for &(input, expected, block_count) in rows {
            let s = import(input);
            assert_eq!(removed(&s), expected.to_vec(), "{input:?}");
            assert_eq!(s.blocks.len(), block_count, "{input:?}");
        }
    }

    #[test]
    fn body_blocks_by_shape() {
        let rows: &[(&str, &[(&str, &str)])] = &[
            // Captions versus short sentences.
            (
                "T\n\nRen Zhengfei\n\nBut honeymoons dont last.\n\nHe said:",
                &[
                    ("caption", "Ren Zhengfei"),
                    ("paragraph", "But honeymoons dont last."),
                    ("paragraph", "He said:"),
                ],
            ),
            // A two-line paragraph is never a caption.
            (
                "T\n\nRen Zhengfei\nZhang Yiming",
                &[("paragraph", "Ren Zhengfei\nZhang Yiming")],
            ),
            // Hard breaks inside a paragraph; blank lines between paragraphs, however many.
            (
                "T\n\nline one\nline two\n\n\n\nNext one.",
                &[
                    ("paragraph", "line one\nline two"),
                    ("paragraph", "Next one."),
                ],
            ),
            // A numbered run in the middle of the body is a list.
            (
                "T\n\nIntro:\n\n1. First point\n\n2. Second point\n\nConclusion follows here.",
                &[
                    ("paragraph", "Intro:"),
                    ("item 1", "First point"),
                    ("item 2", "Second point"),
                    ("paragraph", "Conclusion follows here."),
                ],
            ),
            // Items may share a paragraph with the line that introduces them.
            (
                "T\n\nThe plan:\n1. Build it\n2. Ship it\n\nDone.",
                &[
                    ("paragraph", "The plan:"),
                    ("item 1", "Build it"),
                    ("item 2", "Ship it"),
                    ("paragraph", "Done."),
                ],
            ),
            // A trailing numbered run that does not read like citations stays a list.
            (
                "T\n\nSteps.\n\n1. Open the box\n\n2. Close it",
                &[
                    ("paragraph", "Steps."),
                    ("item 1", "Open the box"),
                    ("item 2", "Close it"),
                ],
            ),
            // Fused residue: the prose stays, a caption left alone becomes a caption.
            (
                "T\n\nRen Zhengfei (Picture source: visual China)\n\nThe deal closed. ADVERTISEMENT",
                &[
                    ("caption", "Ren Zhengfei"),
                    ("paragraph", "The deal closed."),
                ],
            ),
            // A residue line ends a paragraph like a blank line.
            (
                "T\n\nFirst line.\nShare this:\nSecond line.",
                &[("paragraph", "First line."), ("paragraph", "Second line.")],
            ),
            // An empty body.
            ("T\n\n\n", &[]),
        ];
        for (input, expected) in rows {
            let s = import(input);
            let got: Vec<(String, &str)> = blocks(&s);
            let expected: Vec<(String, &str)> =
                expected.iter().map(|(k, t)| (k.to_string(), *t)).collect();
            assert_eq!(got, expected, "{input:?}");
        }
    }

    #[test]
    fn references_are_the_trailing_numbered_citations() {
        // (input, reference numbers, list item count)
        let rows: &[(&str, &[u32], usize)] = &[
            (
                "T\n\nBody.\n\n1. Reuters, May 1, 2020\n\n3. Xinhua, 2019\n\nPicture source: AP",
                &[1, 3],
                0,
            ),
            (
                "T\n\nBody.\n\n1. https://example.com/a\n\n2. https://example.com/b",
                &[1, 2],
                0,
            ),
            ("T\n\nBody.\n\n[1] Sohu, 2005\n[2] Sina, 2006", &[1, 2], 0),
            // Mid-body numbered run with citations-like text is still a list: prose follows it.
            (
                "T\n\n1. In 2019 it grew\n\n2. In 2020 it shrank\n\nSo it goes.",
                &[],
                2,
            ),
            // Numbers must rise towards the end; the run starts after the last fall.
            ("T\n\nBody.\n\n2. Old, 2001\n\n1. New, 2020", &[1], 1),
            ("T\n\nBody.\n\n1. Open the box\n\n2. Close it", &[], 2),
            ("T\n\nBody.", &[], 0),
        ];
        for &(input, numbers, items) in rows {
            let s = import(input);
            let got: Vec<u32> = s.references.iter().map(|r| r.number).collect();
            assert_eq!(got, numbers, "{input:?}");
            let list_items = s
                .blocks
                .iter()
                .filter(|b| matches!(b.kind, BlockKind::ListItem { .. }))
                .count();
            assert_eq!(list_items, items, "{input:?}");
        }
    }

    #[test]
    fn comment_nesting_follows_indentation_whatever_the_unit() {
        type Row = (&'static str, &'static [(&'static str, usize, &'static str)]);
        let rows: &[Row] = &[
            // Tabs.
            (
                "T\n\n\t1. Avatar a 01/01/2020 @ 1:00 am\n\n\t\tx\n\n\t\t• Avatar b 01/01/2020 @ 2:00 am\n\n\t\t\ty\n\n\t2. Avatar c 01/01/2020 @ 3:00 am\n\n\t\tz",
                &[("1", 0, "a"), ("1-1", 1, "b"), ("2", 0, "c")],
            ),
            // Four-space unit, back up two levels, then a sibling.
            (
                "T\n\n1. Avatar a 01/01/2020 @ 1:00 am\n    x\n    • Avatar b 01/01/2020 @ 1:00 am\n        x\n        • Avatar c 01/01/2020 @ 1:00 am\n            x\n    • Avatar d 01/01/2020 @ 1:00 am\n        x",
                &[
                    ("1", 0, "a"),
                    ("1-1", 1, "b"),
                    ("1-1-1", 2, "c"),
                    ("1-2", 1, "d"),
                ],
            ),
            // Uneven indentation: only "deeper than" matters.
            (
                "T\n\n 1. Avatar a 01/01/2020 @ 1:00 am\n   • Avatar b 01/01/2020 @ 1:00 am\n         • Avatar c 01/01/2020 @ 1:00 am\n      • Avatar d 01/01/2020 @ 1:00 am",
                &[
                    ("1", 0, "a"),
                    ("1-1", 1, "b"),
                    ("1-1-1", 2, "c"),
                    ("1-1-2", 2, "d"),
                ],
            ),
            // A reply before any top-level comment is a root without a number.
            (
                "T\n\n  • Avatar a 01/01/2020 @ 1:00 am\n\n    x\n\n  1. Avatar b 01/01/2020 @ 1:00 am",
                &[("1", 0, "a"), ("1.2", 0, "b")],
            ),
        ];
        for (input, expected) in rows {
            let s = import(input);
            let expected: Vec<_> = expected
                .iter()
                .map(|&(id, d, a)| (id.to_string(), d, a))
                .collect();
            assert_eq!(thread(&s), expected, "{input:?}");
        }
    }

    #[test]
    fn deep_threads_nest_to_any_depth() {
        let mut text = String::from("Deep\n\n  1. Avatar root 01/01/2020 @ 1:00 am\n\n    r\n");
        for depth in 1..=12 {
            let pad = "  ".repeat(depth + 1);
            text.push_str(&format!(
                "\n{pad}• Avatar d{depth} 01/01/2020 @ 1:00 am\n\n{pad}  body {depth}\n"
            ));
        }
        let s = import(&text);
        let walk = s.comments.walk();
        assert_eq!(walk.len(), 13);
        assert_eq!(walk.last().map(|v| v.depth), Some(12));
        assert_eq!(
            walk.last().map(|v| v.comment.id.0.as_str()),
            Some("1-1-1-1-1-1-1-1-1-1-1-1-1")
        );
        assert_eq!(
            walk.last().map(|v| v.comment.body.as_str()),
            Some("body 12")
        );
        assert_nothing_lost(&text);
    }

    #[test]
    fn comment_bodies_keep_paragraphs_and_hard_breaks() {
        let rows: &[(&str, &str)] = &[
            ("    one\n    two", "one\ntwo"),
            ("    one\n\n    two", "one\n\ntwo"),
            ("    one\n\n\n\n    two   ", "one\n\ntwo"),
            // A body line that starts like a list is body text, not a header.
            (
                "    1. I agree.\n    2. Also this.",
                "1. I agree.\n2. Also this.",
            ),
            (
                "    1. Avatar look 01/01/2020 – not a header",
                "1. Avatar look 01/01/2020 – not a header",
            ),
            // Readers may write "Source:" or "Read more:"; only page chrome is dropped.
            (
                "    Source: my own eyes\n    Read more: my blog",
                "Source: my own eyes\nRead more: my blog",
            ),
            ("    x\n\n    Share this:\n\n    y", "x\n\ny"),
            ("", ""),
        ];
        for (body, expected) in rows {
            let text = format!("T\n\n  1. Avatar a 01/01/2020 @ 1:00 am\n\n{body}\n");
            let s = import(&text);
            assert_eq!(s.comments.len(), 1, "{body:?}");
            assert_eq!(s.comments.comments[0].body, *expected, "{body:?}");
            assert_nothing_lost(&text);
        }
    }

    #[test]
    fn page_text_after_the_thread_is_removed_with_a_reason() {
        let s = import(
            "T\n\nBody.\n\n  1. Avatar a 01/01/2020 @ 1:00 am\n\n    Comment.\n\nLeave a Reply\n\nCopyright 2021 Example Media",
        );
        assert_eq!(s.comments.comments[0].body, "Comment.");
        assert_eq!(
            removed(&s),
            [
                (9, "Leave a Reply", "comment form"),
                (
                    11,
                    "Copyright 2021 Example Media",
                    "text outside the comment thread"
                ),
            ]
        );
    }

    #[test]
    fn crlf_bom_and_tabs_import_like_the_original() {
        let original = seed(SEED_A);
        let reference = import(&original);
        let crlf = format!("\u{feff}{}", original.replace('\n', "\r\n"));
        assert_eq!(import(&crlf), reference);
        // Two-space indentation units turned into tabs: same thread, same bodies.
        let tabs: String = original
            .lines()
            .map(|l| {
                let spaces = l.len() - l.trim_start_matches(' ').len();
                format!("{}{}\n", "\t".repeat(spaces / 2), &l[spaces..])
            })
            .collect();
        let tabbed = import(&tabs);
        assert_eq!(thread(&tabbed), thread(&reference));
        assert_eq!(tabbed.comments, reference.comments);
        assert_eq!(tabbed.blocks, reference.blocks);
    }

    #[test]
    fn line_numbers_count_from_first_line() {
        let s = parse_scrape(
            Path::new("t.txt"),
            "T\n\nT\n\nBody.\n\n  1. Avatar a 01/01/2020 @ 1:00 am\n\n    x",
            4,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.title_line, 4);
        assert_eq!(s.removed[0].line, 6);
        assert_eq!(s.blocks[0].line, 8);
        assert_eq!(s.comments.comments[0].line, 10);
    }

    #[test]
    fn files_that_cannot_be_articles_are_located_errors() {
        let rows: &[(&str, u32, &str)] = &[
            ("", 1, "t.txt:1:1: no title line"),
            ("\n\n   \n", 3, "t.txt:3:1: no title line"),
            ("\u{feff}", 1, "t.txt:1:1: no title line"),
            (
                "Advertisement\n\nShare this:\n",
                1,
                "t.txt:1:1: no title line",
            ),
            (
                "\n  1. Avatar a 01/01/2020 @ 1:00 am\n",
                1,
                "t.txt:2:3: expected the article's title, found a comment header",
            ),
        ];
        for &(input, first_line, expected) in rows {
            match parse_scrape(Path::new("t.txt"), input, first_line) {
                Ok(s) => panic!("{input:?} imported as {s:?}"),
                Err(e) => assert!(e.to_string().starts_with(expected), "{input:?}: {e}"),
            }
        }
    }

    #[test]
    fn no_input_makes_it_panic() {
        let tricky = "Tï\r\n\u{feff}\n  1. Avatar Zoë 31/12/1999 @ 12:00 am\n\t\t• Ä Ä 01/01/2000 @ 12:00 pm\n    1. x\n(function(){ é\n来源：新华社 Picture source: 视觉\n[1] 2020\n";
        let mut cut = 0;
        while cut <= tricky.len() {
            if tricky.is_char_boundary(cut) {
                let _ = parse_scrape(Path::new("t.txt"), &tricky[..cut], 1);
                let _ = parse_scrape(Path::new("t.txt"), &tricky[cut..], 1);
            }
            cut += 1;
        }
        for path in [SEED_A, SEED_B] {
            let text = seed(path);
            let mut cut = 0;
            while cut < text.len() {
                if text.is_char_boundary(cut) {
                    let _ = parse_scrape(Path::new("t.txt"), &text[cut..], 1);
                    let _ = parse_scrape(Path::new("t.txt"), &text[..cut], 1);
                }
                cut += 211;
            }
        }
    }

    #[test]
    fn json_has_the_import_shape() {
        let s = import(
            "T\n\nT\n\nRen Zhengfei\n\nBody.\n\n1. Reuters, 2020\n\nPicture source: AP\n\n  1. Avatar a 01/01/2020 @ 12:05 am\n\n    Hi.\n\n    • Staff Staff 01/01/2020 @ 12:30 pm\n\n      Thanks.",
        );
        let json = s.to_json().unwrap_or_else(|e| panic!("{e}"));
        let expected = serde_json::json!({
            "title": "T",
            "title_line": 1,
            "metadata": {"image_credit": "AP"},
            "blocks": [
                {"kind": "caption", "text": "Ren Zhengfei", "line": 5},
                {"kind": "paragraph", "text": "Body.", "line": 7}
            ],
            "references": [{"number": 1, "text": "Reuters, 2020", "line": 9}],
            "removed": [
                {"line": 3, "text": "T", "reason": "duplicate title"},
                {"line": 11, "text": "Picture source: AP", "reason": "image credit"}
            ],
            "comments": [{
                "id": "1", "number": 1, "author": "a", "staff": false,
                "date": "2020-01-01T00:05:00", "body": "Hi.", "line": 13,
                "replies": [{
                    "id": "1-1", "author": "Staff", "staff": true,
                    "date": "2020-01-01T12:30:00", "body": "Thanks.", "line": 17,
                    "replies": []
                }]
            }]
        });
        assert_eq!(json, expected);
        let text = crate::json::to_string_pretty(&json);
        let order: Vec<usize> = [
            "\"title\"",
            "\"metadata\"",
            "\"blocks\"",
            "\"references\"",
            "\"removed\"",
            "\"comments\"",
        ]
        .iter()
        .filter_map(|k| text.find(k))
        .collect();
        assert!(
            order.len() == 6 && order.windows(2).all(|w| w[0] < w[1]),
            "{text}"
        );
    }
}
