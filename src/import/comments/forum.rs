//! Forum and social-style replies as text: `• @name · 211 days ago` over the reply (or the
//! reply on the same line, `• @name Thanks, that fixed it. 211 days ago`), phpBB's `by NAME »
//! Mon Mar 10, 2021 5:07 pm`, and the post controls around them (`#1`, `Quote`, `Reaction
//! score`).
//!
//! It never takes a line that merely opens with `@` (a reader addressing someone: "@jane I
//! agree") — a header needs the `@handle` and the time at the end of the line, and a reply
//! on the header's own line also needs the bullet — and never a `»` line without `by` and a
//! whole date.

use super::telecoms::split_indent;
use super::text::{Header, plausible_name};
use super::when::{Stamp, stamp, strip_prefix_ci};
use crate::import::Line;

/// Bullets a reply may open with.
const BULLETS: &[char] = &['•', '◦', '▪', '‣', '·', '*', '-'];

/// What may stand between a handle and its time.
const BETWEEN: &[char] = &['·', '•', '|', '…', '-', '—', '–', ' '];

pub(super) fn header<'a>(lines: &[Line<'a>], i: usize) -> Option<Header<'a>> {
    let (indent, rest) = split_indent(lines[i].text);
    let t = rest.trim_end();
    handle_header(t, indent, i).or_else(|| phpbb_header(t, indent, i))
}

/// `[•] @handle [·] TIME` or `• @handle REPLY TIME`.
fn handle_header<'a>(t: &'a str, indent: usize, i: usize) -> Option<Header<'a>> {
    let bulleted = t.strip_prefix(BULLETS).map(str::trim_start);
    let at = bulleted.unwrap_or(t).strip_prefix('@')?;
    let len = at
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(at.len());
    let author = at[..len].trim_end_matches('.');
    if author.is_empty() || author.chars().count() > 40 {
        return None;
    }
    let after = &at[len..];
    if !after.starts_with(char::is_whitespace) && !after.starts_with(BETWEEN) {
        return None;
    }
    // The time is the end of the line: the last 2 to 5 words that read as a relative time or
    // a date.
    let words: Vec<(usize, &str)> = after
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - after.as_ptr() as usize, w))
        .collect();
    for n in 2..=6.min(words.len()) {
        let from = words[words.len() - n].0;
        let Some((found, written)) = stamp(&after[from..]) else {
            continue;
        };
        let between = after[..from].trim_matches(BETWEEN);
        if !between.is_empty() && (bulleted.is_none() || !matches!(found, Stamp::Relative(_))) {
            continue;
        }
        return Some(Header {
            indent,
            author,
            stamp: found,
            written,
            inline_body: between,
            end: i + 1,
            evident: true,
        });
    }
    None
}

/// `by NAME » DATE`, `Post by NAME » DATE`.
fn phpbb_header<'a>(t: &'a str, indent: usize, i: usize) -> Option<Header<'a>> {
    if t.len() > 200 {
        return None;
    }
    let t = strip_prefix_ci(t, "post ").unwrap_or(t);
    let rest = strip_prefix_ci(t, "by ")?;
    let (name, date) = rest.split_once(" » ")?;
    let (found, written) = stamp(date)?;
    Some(Header {
        indent,
        author: plausible_name(name)?,
        stamp: found,
        written,
        inline_body: "",
        end: i + 1,
        evident: true,
    })
}

/// `#1`, `#12`: a post's number in its thread.
pub(super) fn post_number(s: &str) -> bool {
    s.strip_prefix('#')
        .is_some_and(|n| (1..=7).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_with_a_time_at_the_end_of_the_line() {
        // (line, author, date, body on the header line)
        type Row = (
            &'static str,
            Option<(&'static str, &'static str, &'static str)>,
        );
        let rows: &[Row] = &[
            ("• @name · 211 days ago", Some(("name", "-211 days", ""))),
            ("• @name … 211 days ago", Some(("name", "-211 days", ""))),
            ("@jane_doe 3 days ago", Some(("jane_doe", "-3 days", ""))),
            ("  - @kat.w | 2 hrs ago", Some(("kat.w", "-2 hours", ""))),
            (
                "• @wei Thanks, that fixed it. 211 days ago",
                Some(("wei", "-211 days", "Thanks, that fixed it.")),
            ),
            ("• @王小明 · 5 mins ago", Some(("王小明", "-5 minutes", ""))),
            (
                "by admin » Mon Mar 10, 2021 5:07 pm",
                Some(("admin", "2021-03-10T17:07:00", "")),
            ),
            (
                "Post by Jane Doe » 10 Mar 2021, 17:07",
                Some(("Jane Doe", "2021-03-10T17:07:00", "")),
            ),
            // Must not change.
            ("@jane I agree with you", None),
            ("@jane I said so 3 days ago", None),
            ("• @jane I said so on March 10, 2021", None),
            ("• 3 days ago", None),
            ("• @ 3 days ago", None),
            ("email me @ 3 days ago", None),
            ("by the way » see above", None),
            ("by Jane Doe » last week", None),
            ("@jane: 3 days ago", None),
        ];
        for (text, expected) in rows {
            let got = super::super::read_header(text, header).map(|(a, d, _, b, _)| (a, d, b));
            let expected = expected.map(|(a, d, b)| (a.to_string(), d.to_string(), b.to_string()));
            assert_eq!(got, expected, "{text:?}");
        }
        assert!(post_number("#1") && post_number("#12"));
        assert!(!post_number("#") && !post_number("#1a") && !post_number("1"));
    }
}
