//! The `stray-markup` rule: HTML tags a scraper or a translation spelled out with spaces inside —
//! `< p >`, `</ p>`, `< /p >`, `<br / >`, `< br/>` — are not markup any more (no HTML parser reads
//! them as tags, and in plain text nothing would), only residue in the prose. They go, with the
//! spaces around them; between two words one space stays.
//!
//! In plain text a well-formed formatting tag without attributes is residue too where no
//! writer of plain text would put one: at the start or the end of a paragraph
//! (`customs data showed.</p>`, `said. <br>`) or as a pair around words
//! (`<strong>Shanghai</strong> reported`), and an inline formatting tag whose partner was lost,
//! glued to a word (`1.3 billion yuan</strong>, compared`). A paragraph that talks about markup ("the `<br>` tag",
//! "HTML elements") keeps all of its tags.
//!
//! It runs on plain text only (a Markdown writer's `<p >` is a real tag), knows a closed list of
//! formatting tags without attributes, and never touches any other well-formed tag
//! (`<div class="x">`, a lone `<p>` inside a line: raw HTML is protected), comparisons
//! (`1 < 2 and 3 > 2`) or arrows (`<-`).

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

/// Tags that only ever format (`<b>`, `<i>`, `<u>` count here, where no space is inside the
/// brackets: `a<b>c` is not a comparison anyone writes).
const PAIRED_ONLY: &[&str] = &["b", "i", "u"];

/// Inline formatting tags: one whose partner was lost still sits glued to a word. The
/// one-letter ones are left out, as in [`PAIRED_ONLY`]: `a<b>c` is no tag.
const INLINE: &[&str] = &["em", "span", "strong"];

/// A well-formed tag without attributes at `at`: `<p>`, `</p>`, `<br/>`, `<br />`. Its end,
/// its name and whether it closes.
fn plain_tag(b: &[u8], at: usize) -> Option<(usize, &str, bool)> {
    let mut i = at + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && b[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = std::str::from_utf8(&b[name_start..i]).ok()?;
    if name.is_empty() {
        return None;
    }
    if !closing && b[i..].starts_with(b" /") {
        i += 2;
    } else if !closing && b.get(i) == Some(&b'/') {
        i += 1;
    }
    (b.get(i) == Some(&b'>')).then_some((i + 1, name, closing))
}

/// Words that say a paragraph is about markup or text encoding, whose tags, character
/// references and escapes are then its subject (`the entity &nbsp; keeps two words together`,
/// `stored as the escape sequence \u2019`).
const MARKUP_TALK: &[&str] = &[
    "ampersand",
    "ampersands",
    "element",
    "elements",
    "encoding",
    "entities",
    "entity",
    "escape",
    "escaped",
    "escapes",
    "escaping",
    "html",
    "json",
    "markup",
    "parser",
    "parsers",
    "tag",
    "tags",
    "unicode",
    "xml",
];

/// Words that say a paragraph is about a page's layout (`the old page used &nbsp; for spacing,
/// which broke the layout`): weaker than [`MARKUP_TALK`], so they keep only a reference to a
/// space that stands alone between spaces, as a word written about.
const LAYOUT_TALK: &[&str] = &[
    "browser",
    "browsers",
    "css",
    "layout",
    "layouts",
    "spacing",
    "stylesheet",
    "template",
    "templates",
    "typesetting",
    "webpage",
    "webpages",
];

/// Whether a paragraph talks about a page's layout (see [`LAYOUT_TALK`]).
pub(crate) fn talks_about_layout(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| LAYOUT_TALK.iter().any(|t| t.eq_ignore_ascii_case(w)))
}

/// Whether a paragraph talks about markup or encoding (see [`MARKUP_TALK`]): then no rule
/// removes or decodes the markup in it.
pub(crate) fn talks_about_markup(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| MARKUP_TALK.iter().any(|t| t.eq_ignore_ascii_case(w)))
}

/// The well-formed formatting tags of a plain-text block that are residue (see the module
/// docs), in order. The spans cover the tag only.
pub(crate) fn plain_residue_tags(text: &str) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let mut tags: Vec<(usize, usize, &str, bool)> = Vec::new();
    for at in memchr::memchr_iter(b'<', b) {
        // A tag with attributes (`<div class="x">`) makes the paragraph HTML, whose closing
        // tags belong to it.
        let attributes = b.get(at + 1).is_some_and(u8::is_ascii_alphabetic) && {
            let rest = &b[at + 1..b.len().min(at + 2000)];
            let close = rest.iter().position(|&c| c == b'>' || c == b'<');
            close.is_some_and(|e| rest[e] == b'>' && rest[..e].contains(&b'='))
        };
        if attributes {
            return Vec::new();
        }
        if let Some((end, name, closing)) = plain_tag(b, at) {
            let known = TAGS
                .iter()
                .chain(PAIRED_ONLY)
                .any(|t| t.eq_ignore_ascii_case(name));
            if known {
                tags.push((at, end, name, closing));
            }
        }
    }
    if tags.is_empty() {
        return Vec::new();
    }
    if talks_about_markup(text) {
        return Vec::new();
    }
    let mut residue = vec![false; tags.len()];
    // At the paragraph's edges: the tags before its first word and after its last.
    let blank = |s: &str| s.trim().is_empty();
    let mut k = 0;
    while k < tags.len() && blank(&text[if k == 0 { 0 } else { tags[k - 1].1 }..tags[k].0]) {
        residue[k] = !PAIRED_ONLY
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tags[k].2));
        k += 1;
    }
    let mut k = tags.len();
    while k > 0 && blank(&text[tags[k - 1].1..if k == tags.len() { b.len() } else { tags[k].0 }]) {
        residue[k - 1] |= !PAIRED_ONLY
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tags[k - 1].2));
        k -= 1;
    }
    // A pair around words on one line: `<strong>Shanghai</strong>`, also nested
    // (`<div><b>x</b></div>`): inner pairs close first and are judged first, so one pass finds
    // what removing them would leave.
    let mut open: Vec<usize> = Vec::new();
    let mut unpaired = Vec::new();
    for k in 0..tags.len() {
        let (_, _, name, closing) = tags[k];
        if !closing {
            open.push(k);
            continue;
        }
        let Some(&o) = open.last() else {
            unpaired.push(k);
            continue;
        };
        if !tags[o].2.eq_ignore_ascii_case(name) {
            unpaired.push(k);
            continue;
        }
        open.pop();
        // The text between the two, without the residue tags inside: words on one line.
        let mut inner = String::new();
        let mut at = tags[o].1;
        for m in o + 1..k {
            if residue[m] {
                inner.push_str(&text[at..tags[m].0]);
                at = tags[m].1;
            }
        }
        inner.push_str(&text[at..tags[k].0]);
        if !inner.trim().is_empty() && !inner.contains(['<', '>', '\n']) {
            residue[o] = true;
            residue[k] = true;
        }
    }
    // A lone inline tag glued to a word inside a line, its partner lost: `yuan</strong>,`,
    // `<em>Beijing said`.
    unpaired.extend(open);
    for k in unpaired {
        let (at, end, name, closing) = tags[k];
        let inline = INLINE.iter().any(|t| t.eq_ignore_ascii_case(name));
        let glued = if closing {
            text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '%')
                && text[end..].starts_with(|c: char| c.is_whitespace() || ",.;:!?)".contains(c))
        } else {
            text[end..].starts_with(|c: char| c.is_alphanumeric())
                && (at == 0 || text[..at].ends_with(|c: char| c.is_whitespace() || c == '('))
        };
        // A line break inside a line of prose: between two words (`rose 5% <br /> in`) or
        // before a sentence, glued to its first word (`on 1 March. <br />Violators`).
        // Not after a word that names it (`type <br> to break a line`, `the <br> element`).
        const NAMING: &[&str] = &[
            "a", "add", "an", "as", "enter", "insert", "press", "put", "the", "type", "typed",
            "types", "typing", "use", "used", "uses", "using", "write", "writes", "writing",
        ];
        let named = text[..at]
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| NAMING.iter().any(|n| n.eq_ignore_ascii_case(w)));
        let between = text[..at].ends_with(' ') && text[end..].starts_with(' ') && !named;
        let opens = text[..at].trim_end().ends_with(['.', '!', '?'])
            && text[end..].starts_with(|c: char| c.is_alphanumeric());
        let prose = |s: &str| s.trim().chars().any(char::is_alphabetic);
        residue[k] |= name.eq_ignore_ascii_case("br")
            && (between || opens)
            && prose(&text[..at])
            && prose(&text[end..]);
        residue[k] |= inline && glued;
    }
    tags.iter()
        .zip(residue)
        .filter(|(_, r)| *r)
        .map(|(t, _)| t.0..t.1)
        .collect()
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
    if markdown || memchr::memchr(b'<', text.as_bytes()).is_none() {
        return;
    }
    let b = text.as_bytes();
    let tags = plain_residue_tags(text);
    let blank = |c: char| c != '\n' && c.is_whitespace();
    for (k, tag) in tags.iter().enumerate() {
        // The blanks on the side of the paragraph's edge go with it (other residue tags
        // between the tag and the edge count as blank); between two words one space stays.
        let mut p = tag.start;
        let mut earlier = tags[..k].iter().rev().peekable();
        let before = loop {
            let trimmed = text[..p].trim_end_matches(blank);
            match earlier.next_if(|t| t.end == trimmed.len()) {
                Some(t) => p = t.start,
                None => break trimmed,
            }
        };
        let mut q = tag.end;
        let mut later = tags[k + 1..].iter().peekable();
        let after = loop {
            let trimmed = text[q..].trim_start_matches(blank);
            match later.next_if(|t| t.start == text.len() - trimmed.len()) {
                Some(t) => q = t.end,
                None => break trimmed,
            }
        };
        let at_start = before.is_empty() || before.ends_with('\n');
        let at_end = after.is_empty() || after.starts_with('\n');
        let own_blanks_after =
            text[tag.end..].len() - text[tag.end..].trim_start_matches(blank).len();
        let own_blanks_before = tag.start - text[..tag.start].trim_end_matches(blank).len();
        let range = match (at_start, at_end) {
            // A line of nothing but residue tags goes with its line break, so no paragraph is
            // left opening or closing on an empty line (which would split it on a second run).
            (true, _) if text[tag.end + own_blanks_after..].starts_with('\n') => {
                tag.start..tag.end + own_blanks_after + 1
            }
            (true, true)
                if after.is_empty()
                    && before.ends_with('\n')
                    && before.len() == text[..tag.start].trim_end_matches(blank).len() =>
            {
                before.len() - 1..tag.end + own_blanks_after
            }
            (true, _) => tag.start..tag.end + own_blanks_after,
            (false, true) => tag.start - own_blanks_before..tag.end,
            // Between two spaces, one of them goes with the tag.
            (false, false)
                if text[..tag.start].ends_with(' ') && text[tag.end..].starts_with(' ') =>
            {
                tag.start..tag.end + 1
            }
            (false, false) => tag.clone(),
        };
        out.push(Proposal::new(RuleId::StrayMarkup, range, String::new()));
    }
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
            ("<p>\n''", "''"),
            ("x\n<p> <br>", "x"),
            ("x\n<p>", "x"),
            ("< p >\n< p >\nlast", "last"),
            ("first\n< p >\n< p >", "first"),
            ("customs data showed.</p>", "customs data showed."),
            (
                "on Sunday, forecasters said. <br>",
                "on Sunday, forecasters said.",
            ),
            ("<p>Exports rose.</p>", "Exports rose."),
            (
                "<strong>Shanghai</strong> reported 12 <em>new</em> cases",
                "Shanghai reported 12 new cases",
            ),
            ("a <b>bold</b> claim<br />", "a bold claim"),
            ("<div>Opening</div> words", "Opening words"),
            ("<div><div><b>x</b></div></div> and <i>y</i>", "x and y"),
            (
                "narrowed to 1.3 billion yuan</strong>, compared with",
                "narrowed to 1.3 billion yuan, compared with",
            ),
            (
                "rose 5%</em>. Then <strong>Beijing said",
                "rose 5%. Then Beijing said",
            ),
            (
                "rose 5% <br /> in early trading and said. <br>Fines rose",
                "rose 5% in early trading and said. Fines rose",
            ),
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
        assert!(covers_all("<p>"));
        assert!(!covers_all("<p> text"));
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
            ("the <br> tag ends a line.</p>", false),
            ("In HTML, <strong>bold</strong> text.<br>", false),
            ("a<b>c and x<i>y and 3<u>4", false),
            ("<b>x and <i>y", false),
            ("< pre > is not listed either", false),
            ("love <3 and < 3 > and <- p ->", false),
            (
                "a</strong>b and x </em> y and <span> z and q<strong>r",
                false,
            ),
            ("yuan</b>, and x</i>. and <u>y", false),
            (
                "line<br/>break and said <br/>Next and said.<br/> next",
                false,
            ),
            (
                "users type <br> to break a line and insert <br/> here, as <br> does",
                false,
            ),
        ];
        for (input, md) in rows {
            assert_eq!(run(input, md), input, "{input}");
        }
    }
}
