//! Comment threads as a text copy of the page prints them (a browser's select-all): one header
//! per comment (its author and its date or time, on one line or two), the body below it, and
//! the comment widget's controls around them (`Reply`, `Reply • Share ›`, `Sort by Best`,
//! vote counts, `−`/`+`). The headers are the families' (`wordpress`, `disqus`, `forum`); the
//! controls and headings of all of them are dropped wherever they stand in the section.
//!
//! A copy loses the page's nesting. It comes back only from what the text still shows: a
//! header indented deeper than an earlier one, an `In reply to NAME` line opening the body, or
//! a body opening with `@NAME` of an earlier commenter; otherwise comments are top-level in
//! page order. Below the page's reply form (a comment-form residue line) the thread is over:
//! the text there belongs to no comment.
//!
//! A header that repeats an earlier comment's (same author, same date) where a reply's body
//! should start is the reply quoting that comment, and stays in the reply's text.
//!
//! It never takes a control word out of a sentence (only whole lines of controls go), never
//! makes a comment a reply to a name no earlier comment has, and never invents a date: a
//! relative time or a date without a time stays as written, in `date_text`.

use std::collections::{HashMap, HashSet};

use super::telecoms::MAX_ID_DEPTH;
use super::when::{Stamp, strip_prefix_ci, strip_suffix_ci};
use super::{disqus, forum, is_page_chrome, wordpress};
use crate::import::{Line, Sink};
use crate::model::{Comment, CommentId, Thread};
use crate::residue::{ResidueKind, find_residue};

/// Reasons recorded for the lines of a comment section that are the widget's, not a reader's.
pub(super) const SECTION_HEADING: &str = "comment section heading";
pub(super) const HEADER_LINE: &str = "comment header";
pub(super) const CONTROLS: &str = "comment controls";
pub(super) const REPLY_MARKER: &str = "reply marker";
const OUTSIDE: &str = "text outside the comment thread";

/// A comment header of a text layout.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Header<'a> {
    /// Width of the header line's leading whitespace (see `telecoms::split_indent`).
    pub indent: usize,
    pub author: &'a str,
    pub stamp: Stamp,
    /// The date or time as written (without a trailing `:` or `edited`).
    pub written: &'a str,
    /// Body text printed on the header line itself (a one-line forum reply).
    pub inline_body: &'a str,
    /// Index past the header's last line: a `NAME says:` header takes its date line too.
    pub end: usize,
    /// Only a comment has this header (`• @name 211 days ago`), so nothing else need confirm
    /// that a thread starts there.
    pub evident: bool,
}

/// The header starting at `lines[i]`, in any text layout.
pub(super) fn header<'a>(lines: &[Line<'a>], i: usize) -> Option<Header<'a>> {
    let text = lines[i].text;
    // Every header names its author before its date: no header is shorter, and only a
    // one-line forum reply carries more than a name and a date.
    if text.len() < 5 || text.len() > 4000 {
        return None;
    }
    wordpress::header(lines, i)
        .or_else(|| disqus::header(lines, i))
        .or_else(|| forum::header(lines, i))
}

/// A commenter's name as headers print it: 1 to 6 words and at most 60 characters, opening
/// with a letter or digit, no sentence punctuation or quotes, not a byline (`By …`, `Posted
/// …`) and not itself a date (`29 November 2018 · 20 January 2019` is a date range).
pub(super) fn plausible_name(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.is_empty()
        || s.chars().count() > 60
        || s.split_whitespace().count() > 6
        || !s.chars().any(char::is_alphanumeric)
        || s.contains([':', ';', '!', '?', '"', '“', '”', '•', '·', '|', '»', '@'])
    {
        return None;
    }
    if !s.starts_with(char::is_alphanumeric) || super::when::stamp(s).is_some() {
        return None;
    }
    let byline = [
        "by ",
        "posted ",
        "written ",
        "updated ",
        "published ",
        "edited ",
    ];
    if byline.iter().any(|b| strip_prefix_ci(s, b).is_some()) {
        return None;
    }
    Some(s)
}

/// Controls a widget prints with each comment (lower case; a trailing `›`, `»`, `→`, `↓`,
/// `…` or `...` is ignored). Found after a comment's body, they confirm a thread.
const COMMENT_CONTROLS: &[&str] = &[
    "reply",
    "log in to reply",
    "login to reply",
    "sign in to reply",
    "edit",
    "(edit)",
    "report",
    "report comment",
    "flag",
    "flag as inappropriate",
    "share",
    "permalink",
    "link",
    "like",
    "likes",
    "dislike",
    "quote",
    "multi-quote",
    "upvote",
    "downvote",
    "vote up",
    "vote down",
    "collapse",
    "expand",
    "hide replies",
    "show replies",
    "view replies",
    "see more",
    "avatar",
    "reaction score",
    "click to expand",
];

/// Controls of the comment section as a whole: above the first comment they confirm a thread;
/// anywhere they are dropped.
const SECTION_CONTROLS: &[&str] = &[
    "sort by best",
    "sort by newest",
    "sort by oldest",
    "sort by top",
    "sort by",
    "newest",
    "oldest",
    "best",
    "login",
    "log in",
    "sign up",
    "subscribe",
    "tweet",
    "favorite",
    "favourite",
    "recommend",
    "join the discussion",
    "start the discussion",
    "log in with",
    "or sign up with disqus",
    "disqus' privacy policy",
    "disqus’ privacy policy",
    "powered by disqus",
    "load more comments",
    "show more comments",
    "show more replies",
    "load more replies",
    "post a comment",
    "post your comment",
    "add a comment",
    "write a comment",
];

/// Characters of vote counts, collapse markers and separators between controls.
const GLYPHS: &[char] = &[
    '•', '·', '|', '−', '+', '›', '»', '→', '↓', '↑', '△', '▽', '▲', '▼', '⋅',
];
const SEPARATORS: &[char] = &['•', '·', '|'];
/// Vote arrows, which a count may stand beside (`5 △ ▽`).
const VOTES: &[char] = &['△', '▽', '▲', '▼', '↑', '↓'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Control {
    /// Belongs to one comment (`Reply`, `Share ›`, a vote count).
    Comment,
    /// Belongs to the section (`Sort by Best`, `Join the discussion…`).
    Section,
    /// Glyphs alone (`−`, `+`, `•`): dropped inside a thread, but no sign of one (a list's
    /// empty bullets look the same).
    Glyph,
}

fn phrase(segment: &str) -> Option<Control> {
    let s = segment
        .trim()
        .trim_end_matches(['›', '»', '→', '↓', '…', '.'])
        .trim_end();
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let lower = s.to_lowercase();
    if COMMENT_CONTROLS.contains(&lower.as_str()) || forum::post_number(s) {
        Some(Control::Comment)
    } else if SECTION_CONTROLS.contains(&lower.as_str()) {
        Some(Control::Section)
    } else {
        None
    }
}

/// A whole line of controls: control phrases and vote counts between separators (`Reply •
/// Share ›`, `5 △ ▽ • Reply`, `Like Reply Report`, `#12`), or glyphs alone (`−`, `•`). A bare
/// number is not one by itself (see [`is_count_by_controls`]).
fn control_line(text: &str) -> Option<Control> {
    let t = text.trim();
    if t.is_empty() || t.len() > 120 {
        return None;
    }
    if t.chars().all(|c| c.is_whitespace() || GLYPHS.contains(&c)) {
        return Some(Control::Glyph);
    }
    let mut found: Option<Control> = None;
    let mut glyph = false;
    let mut note = |c: Control| {
        if found != Some(Control::Comment) {
            found = Some(c);
        }
    };
    for segment in t.split(SEPARATORS) {
        let segment = segment.trim();
        if segment.is_empty() {
            continue;
        }
        if let Some(c) = phrase(segment) {
            note(c);
            continue;
        }
        for word in segment.split_whitespace() {
            if let Some(c) = phrase(word) {
                note(c);
            } else if word
                .chars()
                .all(|c| c.is_ascii_digit() || VOTES.contains(&c))
            {
                glyph |= word.contains(VOTES);
            } else {
                return None;
            }
        }
    }
    if found.is_none() && glyph {
        return Some(Control::Comment);
    }
    found
}

/// A bare count (`5`, `1,204`): a vote or reaction count when a control line stands next to it.
fn is_count_by_controls(lines: &[Line<'_>], i: usize) -> bool {
    let t = lines[i].text.trim();
    if t.is_empty() || t.len() > 9 || !t.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return false;
    }
    let next = lines[i + 1..].iter().find(|l| !l.text.trim().is_empty());
    let previous = lines[..i].iter().rev().find(|l| !l.text.trim().is_empty());
    [next, previous]
        .into_iter()
        .flatten()
        .any(|l| control_line(l.text).is_some_and(|c| c != Control::Glyph))
}

/// `Avatar of NAME`, `NAME's avatar`, `NAME avatar`: the alt text of an avatar, when the header
/// below it is NAME's.
fn avatar_of(text: &str) -> Option<&str> {
    let t = text.trim();
    for prefix in ["avatar of ", "avatar for ", "avatar "] {
        if let Some(name) = strip_prefix_ci(t, prefix) {
            return Some(name.trim());
        }
    }
    for suffix in ["'s avatar", "’s avatar", " avatar"] {
        if let Some(name) = strip_suffix_ci(t, suffix) {
            return Some(name.trim());
        }
    }
    None
}

/// The line is all page-chrome residue; whether it is the reply form.
fn chrome_residue(text: &str) -> Option<(Vec<crate::residue::Residue>, bool)> {
    let spans = find_residue(text);
    if spans.is_empty()
        || !spans.iter().all(|r| is_page_chrome(r.kind))
        || !crate::import::prose_outside(text, &spans).is_empty()
    {
        return None;
    }
    let form = spans.iter().any(|r| r.kind == ResidueKind::CommentForm);
    Some((spans, form))
}

/// Where the comment section starts when the header at `i` opens it, or `None` when nothing
/// on the page confirms that it is a comment's: a section heading or a control in the lines
/// just above it (which then belong to the section), a per-comment control after its body, or
/// a header only comments have.
pub(super) fn confirmed_start(lines: &[Line<'_>], i: usize, h: &Header<'_>) -> Option<usize> {
    let mut start = i;
    let mut confirmed = h.evident;
    let mut k = i;
    while k > 0 {
        let t = lines[k - 1].text.trim();
        if !t.is_empty() {
            let control = control_line(t);
            if wordpress::section_heading(t) || control.is_some_and(|c| c != Control::Glyph) {
                confirmed = true;
            } else if !(control.is_some()
                || is_count_by_controls(lines, k - 1)
                || chrome_residue(t).is_some())
            {
                break;
            }
            start = k - 1;
        }
        k -= 1;
    }
    (confirmed || controls_follow(lines, h)).then_some(start)
}

/// A per-comment control follows the body of the comment whose header is `h`, before the next
/// header, the reply form or anything of the section as a whole (a heading, `Sort by Best`).
fn controls_follow(lines: &[Line<'_>], h: &Header<'_>) -> bool {
    for j in h.end..lines.len() {
        let t = lines[j].text.trim();
        if t.is_empty() {
            continue;
        }
        if header(lines, j).is_some() || wordpress::section_heading(t) {
            return false;
        }
        match control_line(t) {
            Some(Control::Comment) => return true,
            Some(Control::Section) => return false,
            Some(Control::Glyph) | None => {}
        }
        if chrome_residue(t).is_some_and(|(_, form)| form) {
            return false;
        }
    }
    false
}

/// One comment as read, before the thread is put together.
struct Draft {
    author: String,
    stamp: Stamp,
    written: String,
    body: String,
    line: u32,
    indent: usize,
    /// The name of an `In reply to NAME` line.
    reply_to: Option<String>,
    /// The body's first line after its `@`, for a reply to an earlier commenter.
    mention: Option<String>,
    /// The first body line has been read.
    opened: bool,
}

/// Builds the thread from the comment section (which starts at its heading, controls or first
/// header).
pub(super) fn parse(lines: &[Line<'_>], sink: &mut Sink) -> Thread {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut pending_break = false;
    let mut closed = false;
    // (author, date as written) of every header read.
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let text = line.text.trim();
        if text.is_empty() {
            pending_break = drafts.last().is_some_and(|d| !d.body.is_empty());
            i += 1;
            continue;
        }
        if let Some(h) = header(lines, i) {
            // A reply that opens by quoting an earlier comment repeats that comment's header:
            // the quotation is the reply's text.
            let quoted = drafts.len() > 1
                && drafts.last().is_some_and(|d| d.body.is_empty())
                && seen.contains(&(h.author.to_string(), h.written.to_string()));
            if quoted && let Some(draft) = drafts.last_mut() {
                for l in &lines[i..h.end] {
                    let t = l.text.trim();
                    if !t.is_empty() {
                        if !draft.body.is_empty() {
                            draft.body.push('\n');
                        }
                        draft.body.push_str(t);
                        draft.opened = true;
                    }
                }
                i = h.end;
                continue;
            }
            seen.insert((h.author.to_string(), h.written.to_string()));
            for l in &lines[i + 1..h.end] {
                if !l.text.trim().is_empty() {
                    sink.remove(l.no, l.text, HEADER_LINE);
                }
            }
            let mut draft = Draft {
                author: h.author.to_string(),
                stamp: h.stamp,
                written: h.written.to_string(),
                body: String::new(),
                line: line.no,
                indent: h.indent,
                reply_to: None,
                mention: None,
                opened: false,
            };
            if !h.inline_body.is_empty() {
                open_body(&mut draft, h.inline_body);
                draft.body.push_str(h.inline_body);
            }
            drafts.push(draft);
            closed = false;
            pending_break = false;
            i = h.end;
            continue;
        }
        i += 1;
        if wordpress::section_heading(text) {
            sink.remove(line.no, text, SECTION_HEADING);
            continue;
        }
        if control_line(text).is_some() || is_count_by_controls(lines, i - 1) {
            sink.remove(line.no, text, CONTROLS);
            continue;
        }
        if let Some(name) = avatar_of(text)
            && let Some(next) = (i..lines.len()).find(|&j| !lines[j].text.trim().is_empty())
            && header(lines, next).is_some_and(|h| h.author.eq_ignore_ascii_case(name))
        {
            sink.remove(line.no, text, HEADER_LINE);
            continue;
        }
        if let Some((spans, form)) = chrome_residue(text) {
            sink.drop_residue(line.no, text, &spans);
            closed |= form && !drafts.is_empty();
            continue;
        }
        let Some(draft) = drafts.last_mut().filter(|_| !closed) else {
            sink.remove(line.no, text, OUTSIDE);
            continue;
        };
        if !draft.opened {
            if let Some(name) = reply_marker(text) {
                draft.reply_to = Some(name.to_string());
                draft.opened = true;
                sink.remove(line.no, text, REPLY_MARKER);
                continue;
            }
            open_body(draft, text);
        }
        if !draft.body.is_empty() {
            draft
                .body
                .push_str(if pending_break { "\n\n" } else { "\n" });
        }
        draft.body.push_str(text);
        pending_break = false;
    }
    assemble(drafts)
}

/// Notes a reply's `@NAME` on the first line of a body.
fn open_body(draft: &mut Draft, text: &str) {
    draft.opened = true;
    if let Some(rest) = text.strip_prefix('@') {
        let end = rest.char_indices().nth(100).map_or(rest.len(), |(k, _)| k);
        draft.mention = Some(rest[..end].to_lowercase());
    }
}

/// `In reply to NAME.`, `Replying to @NAME`: the name, when it can be one.
fn reply_marker(text: &str) -> Option<&str> {
    let rest =
        strip_prefix_ci(text, "in reply to ").or_else(|| strip_prefix_ci(text, "replying to "))?;
    let name = rest
        .trim()
        .trim_end_matches(['.', ':'])
        .trim_start_matches('@');
    plausible_name(name)
}

/// Puts the drafts together: parents from indentation, else from a reply marker or mention of
/// an earlier commenter; ids as in the telecoms layout (positions, `1-2`, and below
/// [`MAX_ID_DEPTH`] numbered under their ancestor).
fn assemble(drafts: Vec<Draft>) -> Thread {
    let mut thread = Thread::default();
    let mut latest_by: HashMap<String, usize> = HashMap::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut depth: Vec<usize> = Vec::with_capacity(drafts.len());
    // For comments at MAX_ID_DEPTH - 1 and deeper: their ancestor at that depth.
    let mut id_ancestor: Vec<usize> = Vec::with_capacity(drafts.len());
    let mut deep_counts: HashMap<usize, usize> = HashMap::new();
    for d in drafts {
        while stack.last().is_some_and(|&(indent, _)| indent >= d.indent) {
            stack.pop();
        }
        let parent = stack.last().map(|&(_, index)| index).or_else(|| {
            let by_marker = d
                .reply_to
                .as_deref()
                .and_then(|name| latest_by.get(&name.to_lowercase()).copied());
            by_marker.or_else(|| d.mention.as_deref().and_then(|m| mentioned(m, &latest_by)))
        });
        let index = thread.comments.len();
        let level = parent.map_or(0, |p| depth[p] + 1);
        let id = match parent {
            Some(p) if level >= MAX_ID_DEPTH => {
                let ancestor = id_ancestor[p];
                let n = deep_counts.entry(ancestor).or_default();
                *n += 1;
                format!("{}_{n}", thread.comments[ancestor].id)
            }
            Some(p) => format!(
                "{}-{}",
                thread.comments[p].id,
                thread.comments[p].replies.len() + 1
            ),
            None => (thread.roots.len() + 1).to_string(),
        };
        depth.push(level);
        id_ancestor.push(match parent {
            Some(p) if level > MAX_ID_DEPTH - 1 => id_ancestor[p],
            _ => index,
        });
        let (date_time, date_text) = match d.stamp {
            Stamp::Exact(t) => (Some(t), None),
            Stamp::Day(_) | Stamp::Relative(_) => (None, Some(d.written)),
        };
        latest_by.insert(d.author.to_lowercase(), index);
        thread.push(
            Comment {
                id: CommentId(id),
                number: None,
                author: d.author,
                staff: false,
                date_time,
                date_text,
                body: d.body,
                replies: Vec::new(),
                parent: None,
                line: d.line,
            },
            parent,
        );
        stack.push((d.indent, index));
    }
    thread
}

/// The latest earlier commenter whose name the mention opens with (the longest such name, up
/// to six words), followed by the end of the text or a character that is no part of a name.
fn mentioned(mention: &str, latest_by: &HashMap<String, usize>) -> Option<usize> {
    let mut ends: Vec<usize> = mention
        .char_indices()
        .filter(|&(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\'')))
        .map(|(k, _)| k)
        .take(12)
        .collect();
    ends.push(mention.len());
    ends.iter()
        .rev()
        .filter_map(|&e| latest_by.get(mention[..e].trim_end()).copied())
        .next()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::import::{Scrape, parse_scrape};

    fn import(text: &str) -> Scrape {
        parse_scrape(Path::new("t.txt"), text, 1).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    /// Comments in reading order as (id, author, date or date text, body).
    fn comments(s: &Scrape) -> Vec<(String, String, String, String)> {
        s.comments
            .walk()
            .iter()
            .map(|v| {
                let c = v.comment;
                let date = c
                    .date_time
                    .map(|d| d.to_string())
                    .or_else(|| c.date_text.clone())
                    .unwrap_or_default();
                (c.id.0.clone(), c.author.clone(), date, c.body.clone())
            })
            .collect()
    }

    fn reasons(s: &Scrape) -> Vec<(u32, &str)> {
        s.removed
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn control_lines_are_whole_lines_of_controls() {
        let detect = [
            "Reply",
            "•  Reply",
            "Reply ↓",
            "Reply • Share ›",
            "• Reply •",
            "Log in to Reply",
            "5 △ ▽",
            "△ ▽",
            "−",
            "+",
            "•",
            "Sort by Best",
            "Like Reply Report",
            "#12",
            "Quote",
            "Join the discussion…",
            "Load more comments",
        ];
        let keep = [
            "Reply to John: I disagree.",
            "Please reply below.",
            "5",
            "+1",
            ":)",
            "Share your thoughts",
            "Best of luck!",
            "Quote of the day: be kind.",
            "#1 fan here",
            "Reply all",
            "Edit: I was wrong.",
            "Like I said, no.",
            "Share and share alike.",
            "Sort by date, then by name",
            "Login failed again today.",
            "Avatar: The Last Airbender",
            "5 stars",
            "Quote me on that.",
            "Report this to the police.",
            "Flagged it",
            "",
        ];
        for t in detect {
            assert!(control_line(t).is_some(), "{t:?}");
        }
        for t in keep {
            assert_eq!(control_line(t), None, "{t:?}");
        }
    }

    #[test]
    fn a_wordpress_thread_reads_as_comments_with_its_chrome_recorded() {
        let s = import(
            "Why we moved to Rust\n\nBody.\n\n4 thoughts on “Why we moved to Rust”\nJane Doe says:\nSeptember 13, 2018 at 5:23 pm\nGreat post. I agree.\nReply\nJohn Smith says:\nSeptember 13, 2018 at 6:01 pm\nThanks!\nReply\nLeave a Reply\nYour email address will not be published. Required fields are marked *\nCopyright 2018 Example",
        );
        assert_eq!(s.blocks.len(), 1);
        let expected = [
            (
                "1",
                "Jane Doe",
                "2018-09-13T17:23:00",
                "Great post. I agree.",
            ),
            ("2", "John Smith", "2018-09-13T18:01:00", "Thanks!"),
        ];
        let expected: Vec<_> = expected
            .iter()
            .map(|&(i, a, d, b)| (i.into(), a.into(), d.into(), b.into()))
            .collect();
        assert_eq!(comments(&s), expected);
        assert_eq!(
            reasons(&s),
            [
                (5, SECTION_HEADING),
                (7, HEADER_LINE),
                (9, CONTROLS),
                (11, HEADER_LINE),
                (13, CONTROLS),
                (14, "comment form"),
                (15, "comment form"),
                (16, OUTSIDE),
            ]
        );
    }

    #[test]
    fn nesting_comes_back_from_what_the_text_still_shows() {
        type Row = (&'static str, &'static [(&'static str, &'static str)]);
        let rows: &[Row] = &[
            // `In reply to NAME` opening the body.
            (
                "2 Comments\nAnn · May 1, 2020 at 1:00 pm\nHi.\nReply\nBob · May 1, 2020 at 2:00 pm\nIn reply to Ann.\nHello.\nReply",
                &[("1", "Ann"), ("1-1", "Bob")],
            ),
            // `@NAME` of an earlier commenter, the longest name that fits; a reply to a reply.
            (
                "2 Comments\nAnn Lee · 3 days ago\nHi.\nReply\nAnn · 2 days ago\nHey.\nReply\nBob · 2 days ago\n@Ann Lee, hello.\nReply\nCy · 1 day ago\n@bob agreed\nReply",
                &[
                    ("1", "Ann Lee"),
                    ("1-1", "Bob"),
                    ("1-1-1", "Cy"),
                    ("2", "Ann"),
                ],
            ),
            // A name no earlier comment has, or a later one, nests nothing.
            (
                "2 Comments\nAnn · 3 days ago\n@Bob hi\nReply\nBob · 2 days ago\nIn reply to Zed.\nHello.\nReply",
                &[("1", "Ann"), ("2", "Bob")],
            ),
            // Indentation, where the copy kept it.
            (
                "Comments\nAnn · 3 days ago\n  Hi.\n  Reply\n    Bob · 2 days ago\n      Hello.\n      Reply\nCy · 1 day ago\n  Yo.\n  Reply",
                &[("1", "Ann"), ("1-1", "Bob"), ("2", "Cy")],
            ),
        ];
        for (section, expected) in rows {
            let s = import(&format!("T\n\nBody.\n\n{section}"));
            let got: Vec<(String, String)> = comments(&s)
                .into_iter()
                .map(|(id, author, _, _)| (id, author))
                .collect();
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|&(i, a)| (i.to_string(), a.to_string()))
                .collect();
            assert_eq!(got, expected, "{section:?}");
        }
    }

    #[test]
    fn a_reply_quoting_an_earlier_comment_keeps_the_quotation() {
        let s = import(
            "T\n\nBody.\n\n3 responses to “T”\nAnn says:\nMay 1, 2020 at 1:00 pm\nFirst.\nBob says:\nMay 1, 2020 at 2:00 pm\nAnn says:\nMay 1, 2020 at 1:00 pm\nFirst.\n====\nNo.",
        );
        let got = comments(&s);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1].3,
            "Ann says:\nMay 1, 2020 at 1:00 pm\nFirst.\n====\nNo."
        );
    }

    #[test]
    fn relative_and_day_only_dates_stay_as_written() {
        let s = import(
            "T\n\nBody.\n\n3 Comments\nMaria • 3 years ago edited\nYes.\nReply\nTom says:\nMarch 2, 2019\nNo.\nReply",
        );
        let dates: Vec<(Option<String>, Option<String>)> = s
            .comments
            .comments
            .iter()
            .map(|c| (c.date_time.map(|d| d.to_string()), c.date_text.clone()))
            .collect();
        assert_eq!(
            dates,
            [
                (None, Some("3 years ago".to_string())),
                (None, Some("March 2, 2019".to_string())),
            ]
        );
    }

    #[test]
    fn text_that_only_looks_like_a_thread_stays_article_text() {
        let rows = [
            // Prose that says "Reply", a paragraph opening with "@", a relative time in a
            // sentence, a numbered list, a byline, an unconfirmed header, a quotation.
            "T\n\nPlease reply below.\n\nReply\n\nMore text.",
            "T\n\n@jane I agree with you.\n\nMore.",
            "T\n\nThe deal closed 3 days ago, sources said.\n\n3 days ago\n\nMore.",
            "T\n\nIntro:\n\n1. First point\n\n2. Second point",
            "T\n\nBy Jane Doe · May 1, 2020 at 5:00 pm\n\nBody.\n\nReply",
            "T\n\nJane Doe · May 1, 2020 at 5:00 pm\n\nBody text of the article.",
            "T\n\nThe minister says:\nSeptember 13, 2018 at 5:23 pm is the deadline.",
            "T\n\nJane says:\nSeptember 13, 2018 at 5:23 pm\nThat is when it was signed.",
            "T\n\nParis • 3 years ago\n\nWe moved there.",
            "T\n\n4 thoughts on the deal\n\nFirst, it is late.",
            // Found on real pages: bylines and a date range below a menu's empty bullets.
            "T\n\n•\n\n•\n\n// By Arun Sai Krishnan · Nov 11, 2020\n\nBody.",
            "T\n\n•\n\nDrew Dietsch • February 17, 2017\n\nBody.",
            "T\n\n•\n\n29 November 2018 · 20 January 2019\n\nBody.",
        ];
        for text in rows {
            let s = import(text);
            assert!(s.comments.is_empty(), "{text:?}: {:?}", comments(&s));
            assert!(s.removed.is_empty(), "{text:?}: {:?}", s.removed);
        }
    }
}
