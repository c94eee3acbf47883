//! Comment widgets that print a comment's author and date on one line, joined by a dot:
//! Disqus (`Jane Doe • 3 years ago`, with `Reply • Share ›`, vote counts and `−`/`+` collapse
//! markers around), and WordPress plugins such as Epoch (`Rarst · March 10, 2017 at 1:26 AM`).
//!
//! It never takes a line whose part after the dot is more than a date or a relative time
//! ("Paris • the city of light"), nor one whose part before it is no name (a byline, `By Jane
//! Doe · May 1, 2020`, is the article's).

use super::telecoms::split_indent;
use super::text::{Header, plausible_name};
use super::when::stamp;
use crate::import::Line;

/// Separators between the name and the date.
const JOINTS: &[&str] = &[" • ", " · ", " | "];

pub(super) fn header<'a>(lines: &[Line<'a>], i: usize) -> Option<Header<'a>> {
    let (indent, rest) = split_indent(lines[i].text);
    let t = rest.trim_end();
    if t.len() > 200 {
        return None;
    }
    for joint in JOINTS {
        for (k, _) in t.rmatch_indices(joint) {
            if let Some((stamp, written)) = stamp(&t[k + joint.len()..])
                && let Some(author) = plausible_name(&t[..k])
            {
                return Some(Header {
                    indent,
                    author,
                    stamp,
                    written,
                    inline_body: "",
                    end: i + 1,
                    evident: false,
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_a_date_joined_by_a_dot() {
        type Row = (
            &'static str,
            Option<(&'static str, &'static str, &'static str)>,
        );
        let rows: &[Row] = &[
            (
                "Jane Doe • 3 years ago",
                Some(("Jane Doe", "-3 years", "3 years ago")),
            ),
            (
                "Jane Doe • 3 years ago edited",
                Some(("Jane Doe", "-3 years", "3 years ago")),
            ),
            (
                "jdoe | an hour ago",
                Some(("jdoe", "-1 hour", "an hour ago")),
            ),
            (
                "Rarst · March 10, 2017 at 1:26 AM",
                Some(("Rarst", "2017-03-10T01:26:00", "March 10, 2017 at 1:26 AM")),
            ),
            (
                "Sallie Goetsch (rhymes with sketch) · March 10, 2017 at 11:43 PM",
                Some((
                    "Sallie Goetsch (rhymes with sketch)",
                    "2017-03-10T23:43:00",
                    "March 10, 2017 at 11:43 PM",
                )),
            ),
            (
                "Li Wei · 2021-05-25 17:07",
                Some(("Li Wei", "2021-05-25T17:07:00", "2021-05-25 17:07")),
            ),
            // Must not change.
            ("Paris • the city of light", None),
            ("By Jane Doe · May 1, 2020 at 5:00 pm", None),
            ("Posted in News · March 10, 2017", None),
            ("Markets · 3 days ago, shares fell", None),
            (
                "Shares fell sharply on the news, analysts said · 3 days ago",
                None,
            ),
            ("Tags: a · b", None),
            ("• 3 years ago", None),
            ("Jane Doe 3 years ago", None),
            ("Jane Doe • three years ago", None),
        ];
        for (text, expected) in rows {
            let got = super::super::read_header(text, header).map(|(a, d, w, _, _)| (a, d, w));
            let expected = expected.map(|(a, d, w)| (a.to_string(), d.to_string(), w.to_string()));
            assert_eq!(got, expected, "{text:?}");
        }
    }
}
