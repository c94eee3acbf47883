//! The `stray-markup` rule: HTML tags a scraper or a translation spelled out with spaces inside —
//! `< p >`, `</ p>`, `< /p >`, `<br / >`, `< br/>` — are not markup any more (no HTML parser reads
//! them as tags, and in plain text nothing would), only residue in the prose. They go, with the
//! spaces around them; between two words one space stays.
//!
//! It runs on plain text only (a Markdown writer's `<p >` is a real tag), knows a closed list of
//! formatting tags without attributes, and never touches a well-formed tag (`<b>`, `</p>`,
//! `<div class="x">`: raw HTML is protected), comparisons (`1 < 2 and 3 > 2`) or arrows (`<-`).

use super::{Proposal, RuleId};

/// Formatting tags that show up spelled out in scraped prose. `b`, `i` and `u` are left out:
/// `a < b > c` is a comparison.
const TAGS: &[&str] = &[
    "blockquote",
    "br",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "span",
    "strong",
    "ul",
];

/// A spaced-out tag at byte `at` (which holds `<`): its end, or `None` when the `<` opens
/// something else — a real tag (no space anywhere inside), a comparison, an unknown name.
fn spaced_tag(b: &[u8], at: usize) -> Option<usize> {
    if b.get(at) != Some(&b'<') {
        return None;
    }
    let mut i = at + 1;
    let spaces = |i: &mut usize| {
        let from = *i;
        while *i < b.len() && b[*i] == b' ' {
            *i += 1;
        }
        *i - from
    };
    let mut spaced = spaces(&mut i);
    if b.get(i) == Some(&b'/') {
        i += 1;
        spaced += spaces(&mut i);
    }
    let name_start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = std::str::from_utf8(&b[name_start..i]).ok()?;
    if !TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    spaced += spaces(&mut i);
    if b.get(i) == Some(&b'/') {
        i += 1;
        spaced += spaces(&mut i);
    }
    (b.get(i) == Some(&b'>') && spaced > 0).then_some(i + 1)
}

/// Whether a plain-text block is nothing but spelled-out tags (`<br / >`): the block is dropped
/// whole, as a block of residue is, rather than left empty.
pub(crate) fn covers_all(text: &str) -> bool {
    let text = text.trim();
    let mut props = Vec::new();
    propose(text, false, &mut props);
    let mut covered = 0;
    for p in &props {
        if p.range.start > covered {
            return false;
        }
        covered = covered.max(p.range.end);
    }
    !text.is_empty() && covered == text.len()
}

pub(crate) fn propose(text: &str, markdown: bool, out: &mut Vec<Proposal>) {
    if markdown {
        return;
    }
    let b = text.as_bytes();
    let mut i = 0;
    // The end of the last removal: a line break before it is not this one's to take.
    let mut floor = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let Some(mut end) = spaced_tag(b, start) else {
            i = start + 1;
            continue;
        };
        // A run of them (`< p > < p >`, also over line breaks) is one edit.
        loop {
            let gap = b[end..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            let next = (b.get(end + gap) == Some(&b'<'))
                .then(|| spaced_tag(b, end + gap))
                .flatten();
            match next {
                Some(e) => end = e,
                None => break,
            }
        }
        // Take the blanks on both sides; one space stays if there is text on both sides, and a
        // line of nothing else goes with its line break (an empty line would split the
        // paragraph on the next run).
        let blank = |c: char| c != '\n' && c.is_whitespace();
        let s0 = text[..start].trim_end_matches(blank).len();
        let e0 = end + (text[end..].len() - text[end..].trim_start_matches(blank).len());
        let text_before = s0 > 0 && b[s0 - 1] != b'\n';
        let text_after = e0 < b.len() && b[e0] != b'\n';
        let (mut s, mut e) = (s0, e0);
        if !text_before && !text_after {
            if e < b.len() {
                e += 1;
            } else if s > floor {
                s -= 1;
            }
        }
        let keep = if text_before && text_after { " " } else { "" };
        out.push(Proposal::new(RuleId::StrayMarkup, s..e, keep.to_string()));
        i = e.max(start + 1);
        floor = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, markdown: bool) -> String {
        let mut props = Vec::new();
        propose(text, markdown, &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn removes_spaced_out_tags() {
        let rows = [
            ("grew.< p > < p >Then it", "grew. Then it"),
            ("first</ p> second", "first second"),
            ("the end.<br / >", "the end."),
            ("< p >Opening words", "Opening words"),
            ("a < /p > b < br/> c", "a b c"),
            ("line one < P >\nline two", "line one\nline two"),
            ("line one\n <br / > \nline two", "line one\nline two"),
            ("line one\n\t< p >", "line one"),
            ("< p >\n< p >\nlast", "last"),
            ("first\n< p >\n< p >", "first"),
        ];
        for (input, want) in rows {
            assert_eq!(run(input, false), want, "{input}");
        }
    }

    #[test]
    fn a_text_of_nothing_but_spelled_out_tags_is_covered() {
        assert!(covers_all("< p >\n <br / >\n</ p> < p >"));
        assert!(covers_all(" <br / > "));
        assert!(!covers_all("< p > text"));
        assert!(!covers_all("<p>"));
        assert!(!covers_all(""));
    }

    #[test]
    fn leaves_real_tags_and_comparisons_alone() {
        let rows = [
            ("use the <b>bold</b> tag and <br/> and <p>", false),
            ("1 < 2 and 3 > 2", false),
            ("x < p and q > y", false),
            ("a <- b and c -> d", false),
            ("< table > is not listed", false),
            ("<div class=\"x\">y</div>", false),
            ("< p > in Markdown stays", true),
            ("a < b > c", false),
            ("x <= p and p >= y", false),
            ("a<p>b and a<br/>b", false),
            ("< pre > is not listed either", false),
            ("love <3 and < 3 > and <- p ->", false),
        ];
        for (input, md) in rows {
            assert_eq!(run(input, md), input, "{input}");
        }
    }
}
