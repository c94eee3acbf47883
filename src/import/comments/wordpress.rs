//! WordPress comment lists as text, and the headings comment sections print above them.
//!
//! Headers: `NAME says:` with the date on the next line (`September 13, 2018 at 5:23 pm`, one
//! blank line at most between, a trailing `Edit` allowed), `NAME says: DATE` on one line,
//! `NAME on DATE said:` and `NAME wrote on DATE:`. Headings: `4 thoughts on “Title”`, `One
//! thought on "Title"`, `12 Responses to “Title”`, `2 comments on “Title”`, `N Comments`,
//! `There are 13 comments`, `Comments (27)`.
//!
//! It never takes `says:` or `said:` without a name before it and a whole date after it (a
//! quotation in an article, "The minister says: we will see.", is prose), and never takes a
//! heading that has more than a count and a quoted title ("4 thoughts on the deal").

use super::telecoms::split_indent;
use super::text::{Header, plausible_name};
use super::when::{Stamp, stamp, strip_prefix_ci};
use crate::import::Line;

pub(super) fn header<'a>(lines: &[Line<'a>], i: usize) -> Option<Header<'a>> {
    let (indent, rest) = split_indent(lines[i].text);
    let t = rest.trim_end();
    if t.len() > 200 {
        return None;
    }
    let make = |author: &'a str, found: (Stamp, &'a str), end: usize| Header {
        indent,
        author,
        stamp: found.0,
        written: found.1,
        inline_body: "",
        end,
        evident: false,
    };
    // NAME says:  /  DATE on the next line.
    if let Some(name) = t.strip_suffix(" says:") {
        let author = plausible_name(name)?;
        let mut j = i + 1;
        if lines.get(j).is_some_and(|l| l.text.trim().is_empty()) {
            j += 1;
        }
        let date = lines.get(j)?.text.trim();
        let date = [" (Edit)", " Edit", " | Edit"]
            .iter()
            .find_map(|e| date.strip_suffix(e))
            .unwrap_or(date);
        return Some(make(author, stamp(date)?, j + 1));
    }
    // NAME says: DATE
    if let Some((name, date)) = t.split_once(" says: ") {
        return Some(make(plausible_name(name)?, stamp(date)?, i + 1));
    }
    // NAME on DATE said:
    if let Some(inner) = t.strip_suffix(" said:") {
        for (k, _) in inner.match_indices(" on ") {
            if let (Some(author), Some(found)) =
                (plausible_name(&inner[..k]), stamp(&inner[k + 4..]))
            {
                return Some(make(author, found, i + 1));
            }
        }
        return None;
    }
    // NAME wrote on DATE:
    let (name, date) = t.split_once(" wrote on ")?;
    Some(make(plausible_name(name)?, stamp(date)?, i + 1))
}

/// Words a count heading counts.
const COUNTED: &[&str] = &[
    "thought",
    "thoughts",
    "response",
    "responses",
    "reply",
    "replies",
    "comment",
    "comments",
];

/// A line that heads a comment section: a count of comments, alone or `on`/`to` a quoted
/// title, or `Comments`, `Responses`, `Replies`, `Discussion` alone.
pub(super) fn section_heading(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 300 {
        return false;
    }
    if [
        "comments",
        "responses",
        "replies",
        "discussion",
        "reader comments",
    ]
    .iter()
    .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    // Comments (27), View comments (27)
    let bare = strip_prefix_ci(t, "view ").unwrap_or(t);
    if let Some(n) = strip_prefix_ci(bare, "comments (").and_then(|r| r.strip_suffix(')')) {
        return is_count(n);
    }
    // There are 13 comments, There is one comment
    let t = strip_prefix_ci(t, "there are ")
        .or_else(|| strip_prefix_ci(t, "there is "))
        .unwrap_or(t);
    let Some((count, rest)) = t.split_once(' ') else {
        return false;
    };
    if !(is_count(count) || ["one", "no"].iter().any(|w| count.eq_ignore_ascii_case(w))) {
        return false;
    }
    let (word, title) = rest.split_once(' ').unwrap_or((rest, ""));
    if !COUNTED.iter().any(|w| word.eq_ignore_ascii_case(w)) {
        return false;
    }
    if title.is_empty() {
        return true;
    }
    // on “Title”, to "Title"
    let Some(quoted) = strip_prefix_ci(title, "on ").or_else(|| strip_prefix_ci(title, "to "))
    else {
        return false;
    };
    let quoted = quoted.trim();
    let opens = quoted.starts_with(['“', '"', '«', '‘', '\'', '„']);
    let closes = quoted.ends_with(['”', '"', '»', '’', '\'', '“']);
    opens && closes && quoted.chars().count() >= 2
}

/// `13`, `1,204`.
fn is_count(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 9
        && s.as_bytes()[0].is_ascii_digit()
        && s.bytes().all(|b| b.is_ascii_digit() || b == b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<(String, String, String, usize)> {
        super::super::read_header(text, header).map(|(a, d, w, _, n)| (a, d, w, n))
    }

    #[test]
    fn headers_need_a_name_and_a_whole_date() {
        type Row = (
            &'static str,
            Option<(&'static str, &'static str, &'static str, usize)>,
        );
        let rows: &[Row] = &[
            (
                "Jane Doe says:\nSeptember 13, 2018 at 5:23 pm",
                Some((
                    "Jane Doe",
                    "2018-09-13T17:23:00",
                    "September 13, 2018 at 5:23 pm",
                    2,
                )),
            ),
            (
                "  Jane Doe says:\n\n  Sep 13, 2018 at 5:23 pm Edit",
                Some((
                    "Jane Doe",
                    "2018-09-13T17:23:00",
                    "Sep 13, 2018 at 5:23 pm",
                    3,
                )),
            ),
            (
                "王小明 says:\n13 September 2018 at 17:23",
                Some((
                    "王小明",
                    "2018-09-13T17:23:00",
                    "13 September 2018 at 17:23",
                    2,
                )),
            ),
            (
                "Jane says: Thursday, September 13, 2018, 5:23 PM",
                Some((
                    "Jane",
                    "2018-09-13T17:23:00",
                    "Thursday, September 13, 2018, 5:23 PM",
                    1,
                )),
            ),
            (
                "Jane says:\n3 days ago",
                Some(("Jane", "-3 days", "3 days ago", 2)),
            ),
            (
                "Jane says:\nSeptember 13, 2018",
                Some(("Jane", "2018-09-13", "September 13, 2018", 2)),
            ),
            (
                "Milan Griffes on September 12, 2018 at 4:47 pm said:",
                Some((
                    "Milan Griffes",
                    "2018-09-12T16:47:00",
                    "September 12, 2018 at 4:47 pm",
                    1,
                )),
            ),
            (
                "Alan Goodale  wrote on December 24, 2020 at 3:53 am:",
                Some((
                    "Alan Goodale",
                    "2020-12-24T03:53:00",
                    "December 24, 2020 at 3:53 am",
                    1,
                )),
            ),
            (
                "Alexander Petrov wrote on March 11th, 2015 at 02:57:",
                Some((
                    "Alexander Petrov",
                    "2015-03-11T02:57:00",
                    "March 11th, 2015 at 02:57",
                    1,
                )),
            ),
            // Must not change: prose and near misses.
            ("The minister says:\nwe will see.", None),
            ("He says: the deal is off.", None),
            ("Jane says:", None),
            ("Jane says:\n", None),
            (
                "The report says: September 13, 2018 at 5:23 pm was the deadline",
                None,
            ),
            ("Analysts on September 13, 2018 at 5:23 pm said: no.", None),
            ("Jane says:\n\n\nSeptember 13, 2018 at 5:23 pm", None),
            ("Jane: what she says:\nSeptember 13, 2018 at 5:23 pm", None),
            ("Jane says:\n13/09/2018 at 5:23 pm", None),
            ("Jane says:\nSeptember 31, 2018 at 5:23 pm", None),
            ("Jane says:\nSeptember 13, 2018 at 13:23 pm", None),
            ("Someone wrote on the wall: 3 days ago", None),
            (
                "Posted by admin on September 13, 2018 at 5:23 pm said:",
                None,
            ),
            (
                "A very long name of seven words says:\nSeptember 13, 2018",
                None,
            ),
            ("Jane says:\nSeptember 13, 2018 at 5:23 pm, and more", None),
        ];
        for (text, expected) in rows {
            let expected =
                expected.map(|(a, d, w, n)| (a.to_string(), d.to_string(), w.to_string(), n));
            assert_eq!(read(text), expected, "{text:?}");
        }
    }

    #[test]
    fn section_headings_are_a_count_or_a_bare_title() {
        let detect = [
            "4 thoughts on “Why we moved to Rust”",
            "One thought on \"Why we moved to Rust\"",
            "12 Responses to “Open thread”",
            "2 comments on “These Weeks in Firefox: Issue 85”",
            "34 responses to “Lynn: “We needed to win this game””",
            "13 Comments",
            "1 Comment",
            "1,204 comments",
            "No Comments",
            "There are 13 comments",
            "Comments (27)",
            "View comments (27)",
            "Comments",
            "Replies",
        ];
        let keep = [
            "4 thoughts on the deal",
            "Comments are closed for now, but the debate will go on.",
            "One comment from the minister was telling.",
            "There are 13 comments in the report, he said.",
            "13 comments were deleted",
            "1. Comments",
            "4 thoughts on “the deal” and more",
            "Comments (many)",
            "Comments, questions and complaints",
            "1 comment per reader, please.",
            "One response to the crisis was calm.",
            "Responses varied widely.",
            "There are many comments",
            "Discussion of the results",
            "No comment.",
            "13 comments on “the deal” from readers",
            "",
        ];
        for t in detect {
            assert!(section_heading(t), "{t:?}");
        }
        for t in keep {
            assert!(!section_heading(t), "{t:?}");
        }
    }
}
