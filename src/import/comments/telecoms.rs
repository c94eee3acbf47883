//! telecoms.com's comment thread as a scrape prints it (layout A): numbered top-level headers
//! `N. Avatar NAME DD/MM/YYYY @ H:MM am`, replies opened by `•` and indented deeper, staff
//! replies printing the name twice without `Avatar`, bodies indented below their header.
//!
//! Nesting comes from indentation compared header to header (a reply's parent is the nearest
//! earlier header indented less), never from a fixed unit, so tabs and any indent width work.
//! A line is a header only with the full shape — marker, name, date, `@`, time — so a body line
//! opening with "1." stays body text.

use std::collections::{HashMap, HashSet};

use super::is_page_chrome;
use super::when::{number, parse_time};
use crate::import::{Line, Sink};
use crate::model::{Comment, CommentId, Date, DateTime, Thread};

/// A parsed comment header line.
#[derive(Debug, Clone, PartialEq)]
pub(in crate::import) struct Header<'a> {
    /// Width of the leading whitespace in columns (a tab advances to the next multiple of 8).
    pub indent: usize,
    /// The printed number of a top-level comment; `None` for a `•` reply.
    pub number: Option<u32>,
    pub author: &'a str,
    pub staff: bool,
    pub date_time: DateTime,
}

/// Replies this many levels deep and deeper are not named by their whole thread position,
/// which grows by two characters a level (a 10,000-level thread would spend 100 MB on ids
/// and repeat each in every link to it): they are numbered in reading order below their
/// ancestor at the last full level, as `<that ancestor's id>_<n>`.
pub(in crate::import) const MAX_ID_DEPTH: usize = 16;

/// Bullets a reply header may open with.
const BULLETS: &[char] = &['•', '◦', '▪', '‣', '·', '*', '-'];

/// Width of `line`'s leading whitespace, and the rest of the line.
pub(in crate::import) fn split_indent(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (k, c) in line.char_indices() {
        match c {
            '\t' => width += 8 - width % 8,
            c if c.is_whitespace() => width += 1,
            _ => return (width, &line[k..]),
        }
    }
    (width, "")
}

/// Parses `N. Avatar NAME DATE @ TIME`, `• Avatar NAME DATE @ TIME` or, for staff,
/// `• NAME NAME DATE @ TIME`. Anything short of the full shape is not a header.
pub(in crate::import) fn parse_header(line: &str) -> Option<Header<'_>> {
    let (indent, rest) = split_indent(line);
    let first = rest.chars().next()?;
    let (number, after_marker) = if first.is_ascii_digit() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 6 || rest.as_bytes().get(digits) != Some(&b'.') {
            return None;
        }
        (Some(rest[..digits].parse().ok()?), &rest[digits + 1..])
    } else if BULLETS.contains(&first) {
        (None, &rest[first.len_utf8()..])
    } else {
        return None;
    };
    if !after_marker.starts_with(char::is_whitespace) {
        return None;
    }
    let (left, time) = after_marker.rsplit_once('@')?;
    let (hour, minute, second) = parse_time(time)?;
    let left = left.trim();
    let date_at = left.rfind(char::is_whitespace)?;
    let date = parse_date(left[date_at..].trim())?;
    let name = left[..date_at].trim();
    let (author, staff) = split_name(name)?;
    Some(Header {
        indent,
        number,
        author,
        staff,
        date_time: DateTime::new(date, hour, minute, second)?,
    })
}

/// `Avatar NAME` → (NAME, reader); `NAME NAME` → (NAME, staff).
fn split_name(name: &str) -> Option<(&str, bool)> {
    if name.len() > 6 && name.as_bytes()[..6].eq_ignore_ascii_case(b"avatar") {
        let rest = &name[6..];
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            return Some((rest.trim(), false));
        }
    }
    let words = name.split_whitespace().count();
    if words < 2 || words % 2 != 0 {
        return None;
    }
    let half = words / 2;
    if !name
        .split_whitespace()
        .take(half)
        .eq(name.split_whitespace().skip(half))
    {
        return None;
    }
    let last = name.split_whitespace().nth(half - 1)?;
    let end = last.as_ptr() as usize - name.as_ptr() as usize + last.len();
    Some((&name[..end], true))
}

/// `DD/MM/YYYY` (the layout's own form), `DD.MM.YYYY` or `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(s) {
        return Some(d);
    }
    let sep = if s.contains('/') { '/' } else { '.' };
    let mut parts = s.split(sep);
    let day = number(parts.next()?, 1, 2)?;
    let month = number(parts.next()?, 1, 2)?;
    let year = parts.next()?;
    if parts.next().is_some() || year.len() != 4 {
        return None;
    }
    let year: u16 = year.parse().ok()?;
    Date::new(year, month, day)
}

/// Builds the thread from the comment section (which starts at its first header line).
pub(super) fn parse(lines: &[Line<'_>], sink: &mut Sink) -> Thread {
    let mut thread = Thread::default();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut root_ids: HashSet<String> = HashSet::new();
    // Replies numbered so far below each ancestor at depth MAX_ID_DEPTH - 1.
    let mut deep_counts: HashMap<usize, usize> = HashMap::new();
    let mut current: Option<usize> = None;
    let mut pending_break = false;
    let mut min_indent = usize::MAX;

    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            pending_break = current.is_some_and(|c| !thread.comments[c].body.is_empty());
            continue;
        }
        if let Some(h) = parse_header(line.text) {
            let parent = if h.number.is_some() {
                stack.clear();
                None
            } else {
                while stack.last().is_some_and(|&(indent, _)| indent >= h.indent) {
                    stack.pop();
                }
                stack.last().map(|&(_, index)| index)
            };
            let id = match parent {
                Some(_) if stack.len() >= MAX_ID_DEPTH => {
                    let ancestor = stack[MAX_ID_DEPTH - 1].1;
                    let n = deep_counts.entry(ancestor).or_default();
                    *n += 1;
                    format!("{}_{n}", thread.comments[ancestor].id)
                }
                Some(p) => {
                    let parent = &thread.comments[p];
                    format!("{}-{}", parent.id, parent.replies.len() + 1)
                }
                None => {
                    let base = h
                        .number
                        .map_or_else(|| (thread.roots.len() + 1).to_string(), |n| n.to_string());
                    unique_root_id(base, &mut root_ids)
                }
            };
            let comment = Comment {
                id: CommentId(id),
                number: h.number,
                author: h.author.to_string(),
                staff: h.staff,
                date_time: Some(h.date_time),
                date_text: None,
                body: String::new(),
                replies: Vec::new(),
                parent: None,
                line: line.no,
            };
            let index = thread.push(comment, parent);
            stack.push((h.indent, index));
            current = Some(index);
            pending_break = false;
            min_indent = min_indent.min(h.indent);
            continue;
        }
        let spans = crate::residue::find_residue(text);
        if !spans.is_empty()
            && spans.iter().all(|r| is_page_chrome(r.kind))
            && crate::import::prose_outside(text, &spans).is_empty()
        {
            sink.drop_residue(line.no, text, &spans);
            continue;
        }
        let (indent, _) = split_indent(line.text);
        let Some(index) = current.filter(|_| min_indent == 0 || indent >= min_indent) else {
            sink.remove(line.no, text, "text outside the comment thread");
            continue;
        };
        let body = &mut thread.comments[index].body;
        if !body.is_empty() {
            body.push_str(if pending_break { "\n\n" } else { "\n" });
        }
        body.push_str(text);
        pending_break = false;
    }
    thread
}

/// Top-level ids are the printed numbers; a page that restarts its numbering would repeat
/// them, so a repeat gets a suffix (`3.2`) instead of colliding.
fn unique_root_id(base: String, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    let mut k = 2;
    loop {
        let candidate = format!("{base}.{k}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, Some((indent, number, author, staff, date-time))) or None for "not a header".
    type HeaderRow = (
        &'static str,
        Option<(usize, Option<u32>, &'static str, bool, &'static str)>,
    );

    #[test]
    fn header_lines_are_recognised_by_their_full_shape() {
        let rows: &[HeaderRow] = &[
            (
                "  1. Avatar happiman 25/05/2021 @ 5:07 pm",
                Some((2, Some(1), "happiman", false, "2021-05-25T17:07:00")),
            ),
            (
                "    • Avatar Nobby6 26/05/2021 @ 1:31 am",
                Some((4, None, "Nobby6", false, "2021-05-26T01:31:00")),
            ),
            (
                "        • Scott Bicheno Scott Bicheno 27/05/2021 @ 9:39 am",
                Some((8, None, "Scott Bicheno", true, "2021-05-27T09:39:00")),
            ),
            (
                "  5. Avatar José Luis Suarez 29/05/2021 @ 5:03 pm",
                Some((2, Some(5), "José Luis Suarez", false, "2021-05-29T17:03:00")),
            ),
            (
                "  3. Avatar Cletus the Clown 26/05/2021 @ 10:40 am",
                Some((2, Some(3), "Cletus the Clown", false, "2021-05-26T10:40:00")),
            ),
            // Midnight and noon.
            (
                "1. Avatar a 01/01/2020 @ 12:05 am",
                Some((0, Some(1), "a", false, "2020-01-01T00:05:00")),
            ),
            (
                "1. Avatar a 01/01/2020 @ 12:05 pm",
                Some((0, Some(1), "a", false, "2020-01-01T12:05:00")),
            ),
            (
                "1. Avatar a 01/01/2020 @ 11:59 PM",
                Some((0, Some(1), "a", false, "2020-01-01T23:59:00")),
            ),
            (
                "1. Avatar a 01/01/2020 @ 7:30:15 a.m.",
                Some((0, Some(1), "a", false, "2020-01-01T07:30:15")),
            ),
            (
                "1. Avatar a 2020-01-31 @ 17:30",
                Some((0, Some(1), "a", false, "2020-01-31T17:30:00")),
            ),
            // Tabs count to the next multiple of 8.
            (
                "\t\t• Avatar 王小明 29/02/2020 @ 9:00 pm",
                Some((16, None, "王小明", false, "2020-02-29T21:00:00")),
            ),
            (
                "  12. Avatar Zoë O'Brien-Smith 31/12/1999 @ 11:59 pm",
                Some((
                    2,
                    Some(12),
                    "Zoë O'Brien-Smith",
                    false,
                    "1999-12-31T23:59:00",
                )),
            ),
            // Not headers.
            ("    1. I agree with the first point.", None),
            ("1. Avatar happiman 25/05/2021", None),
            ("1. Avatar happiman @ 5:07 pm", None),
            ("1. Avatar 25/05/2021 @ 5:07 pm", None),
            ("1. happiman 25/05/2021 @ 5:07 pm", None),
            ("1. Avatar happiman 31/02/2021 @ 5:07 pm", None),
            ("1. Avatar happiman 25/05/2021 @ 13:07 pm", None),
            ("1. Avatar happiman 25/05/2021 @ 0:07 am", None),
            ("1. Avatar happiman 25/05/2021 @ 5:7 pm", None),
            ("1.Avatar happiman 25/05/2021 @ 5:07 pm", None),
            ("Avatar happiman 25/05/2021 @ 5:07 pm", None),
            ("• Scott Bicheno Scott Bichen 27/05/2021 @ 9:39 am", None),
            ("2020. Avatar a 01/01/2020 @ 1:00 am x", None),
            ("• I posted on 12/05/2021 @ 5:00 pm", None),
            ("", None),
            ("   ", None),
            ("•", None),
            ("1.", None),
        ];
        for (line, expected) in rows {
            let got = parse_header(line).map(|h| {
                (
                    h.indent,
                    h.number,
                    h.author,
                    h.staff,
                    h.date_time.to_string(),
                )
            });
            let expected = expected.map(|(i, n, a, s, d)| (i, n, a, s, d.to_string()));
            assert_eq!(got, expected, "line: {line:?}");
        }
    }

    #[test]
    fn replies_below_the_id_depth_are_numbered_under_their_ancestor() {
        let mut text = String::from("  1. Avatar a 25/05/2021 @ 5:07 pm\n");
        for depth in 1..=MAX_ID_DEPTH + 2 {
            text.push_str(&format!(
                "{}• Avatar r{depth} 25/05/2021 @ 5:07 pm\n",
                " ".repeat(2 + depth)
            ));
        }
        // A second reply to the deepest positional comment, back at its depth + 1.
        text.push_str(&format!(
            "{}• Avatar s 25/05/2021 @ 5:07 pm\n",
            " ".repeat(2 + MAX_ID_DEPTH)
        ));
        let lines: Vec<Line<'_>> = text
            .lines()
            .enumerate()
            .map(|(i, l)| Line {
                no: i as u32 + 1,
                text: l,
            })
            .collect();
        let thread = parse(&lines, &mut Sink::default());
        let ids: Vec<(usize, String)> = thread
            .walk()
            .iter()
            .map(|v| (v.depth, v.comment.id.0.clone()))
            .collect();
        let positional = format!("1{}", "-1".repeat(MAX_ID_DEPTH - 1));
        assert_eq!(
            ids[MAX_ID_DEPTH - 1],
            (MAX_ID_DEPTH - 1, positional.clone())
        );
        assert_eq!(ids[MAX_ID_DEPTH], (MAX_ID_DEPTH, format!("{positional}_1")));
        assert_eq!(
            ids[MAX_ID_DEPTH + 1],
            (MAX_ID_DEPTH + 1, format!("{positional}_2"))
        );
        assert_eq!(
            ids[MAX_ID_DEPTH + 3],
            (MAX_ID_DEPTH, format!("{positional}_4"))
        );
        let unique: HashSet<&String> = ids.iter().map(|(_, id)| id).collect();
        assert_eq!(unique.len(), ids.len());
    }

    #[test]
    fn repeated_top_level_numbers_get_distinct_ids() {
        let mut taken = HashSet::new();
        let ids: Vec<String> = ["1", "2", "1", "1"]
            .iter()
            .map(|b| unique_root_id(b.to_string(), &mut taken))
            .collect();
        assert_eq!(ids, ["1", "2", "1.2", "1.3"]);
    }
}
