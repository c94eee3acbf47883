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

pub(crate) fn propose(text: &str, markdown: bool, out: &mut Vec<Proposal>) {
    if markdown {
        return;
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let Some(mut end) = spaced_tag(b, start) else {
            i = start + 1;
            continue;
        };
        // A run of them (`< p > < p >`) is one edit.
        loop {
            let gap = b[end..].iter().take_while(|&&c| c == b' ').count();
            let next = (b.get(end + gap) == Some(&b'<'))
                .then(|| spaced_tag(b, end + gap))
                .flatten();
            match next {
                Some(e) => end = e,
                None => break,
            }
        }
        // Take the spaces on both sides; one stays if there is text on both sides.
        let mut s = start;
        while s > 0 && b[s - 1] == b' ' {
            s -= 1;
        }
        let mut e = end;
        while e < b.len() && b[e] == b' ' {
            e += 1;
        }
        let text_before = s > 0 && b[s - 1] != b'\n';
        let text_after = e < b.len() && b[e] != b'\n';
        let keep = if text_before && text_after { " " } else { "" };
        out.push(Proposal::new(RuleId::StrayMarkup, s..e, keep.to_string()));
        i = e.max(start + 1);
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
        ];
        for (input, want) in rows {
            assert_eq!(run(input, false), want, "{input}");
        }
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
        ];
        for (input, md) in rows {
            assert_eq!(run(input, md), input, "{input}");
        }
    }
}
