//! The `html-entity` rule: character references a scraper left in the text (`&amp;`, `&#8217;`,
//! `&rsquo;`, `&nbsp;`) become the characters they stand for. Nested escaping (`&amp;quot;`) is
//! undone in the same edit.
//!
//! Only complete references with their `;` are decoded ("AT&T", "R & D" stay), and a reference
//! quoted on its own, or in a plain-text paragraph about markup or encoding (`the entity &nbsp;
//! keeps two words together`), is text about HTML and stays. In Markdown the
//! escapes Markdown itself relies on (`&amp;`, `&lt;`, `&gt;`) are kept, and protected spans
//! (code, raw HTML) are never reached. Names and numbers are decoded by [`crate::entity`]; this
//! rule decides which references scraped text is trusted with.

use super::typography::Quotes;
use super::{Proposal, RuleId};
use crate::entity;

pub(crate) fn propose(
    text: &str,
    markdown: bool,
    quotes: Option<&Quotes>,
    out: &mut Vec<Proposal>,
) {
    let b = text.as_bytes();
    let mut i = 0;
    // Found on the first reference: a paragraph about markup keeps its references.
    let mut about_markup = None;
    while let Some(p) = memchr::memchr(b'&', &b[i..]) {
        let start = i + p;
        let Some((end, decoded)) = reference_at(text, start) else {
            i = start + 1;
            continue;
        };
        if markdown && matches!(decoded, '&' | '<' | '>') {
            i = end;
            continue;
        }
        // `writing "&amp;" in the source`: a reference quoted on its own is being written
        // about, not leaked.
        let quoted = matches!(
            (b.get(start.wrapping_sub(1)), b.get(end)),
            (Some(b'"'), Some(b'"')) | (Some(b'\''), Some(b'\'')) | (Some(b'`'), Some(b'`'))
        ) || (text[..start].ends_with('“') && text[end..].starts_with('”'));
        // In Markdown a reference is the writer's own syntax, which renders as the character
        // either way: only plain text is read for talk about markup.
        // `the old page used &nbsp; for spacing`: a space's reference alone between spaces in
        // a paragraph about a page's layout is a word written about too (`layout &amp; design`
        // is still a leak).
        let alone = b.get(start.wrapping_sub(1)) == Some(&b' ')
            && b.get(end) == Some(&b' ')
            && (decoded.is_whitespace() || decoded == '\u{200b}');
        if quoted
            || (!markdown
                && *about_markup
                    .get_or_insert_with(|| super::stray_markup::talks_about_markup(text)))
            || (!markdown && alone && super::stray_markup::talks_about_layout(text))
        {
            i = end;
            continue;
        }
        // `on Sunday&nbsp;&nbsp;after`: a run of no-break spaces between words is a page's
        // layout padding, one space in prose (a single `&nbsp;` stays a no-break space).
        if decoded == '\u{a0}' {
            let mut stop = end;
            let mut count = 1;
            while let Some((e, '\u{a0}')) = reference_at(text, stop) {
                stop = e;
                count += 1;
            }
            let word_before = text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            let word_after = text[stop..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
            if count > 1 && word_before && word_after {
                out.push(Proposal::new(
                    RuleId::HtmlEntity,
                    start..stop,
                    " ".to_string(),
                ));
                i = stop;
                continue;
            }
        }
        let mut replacement = decoded.to_string();
        // `&amp;quot;` → `&quot;` → `"`: keep decoding while the result starts a new reference.
        let mut stop = end;
        while replacement == "&" {
            let glued = format!("&{}", &text[stop..]);
            match reference_at(&glued, 0) {
                Some((e, c)) if !(markdown && matches!(c, '&' | '<' | '>')) => {
                    stop += e - 1;
                    replacement = c.to_string();
                }
                _ => break,
            }
        }
        if let Some(q) = quotes {
            replacement = q.curl_isolated(text, start, stop, &replacement);
        }
        out.push(Proposal::new(RuleId::HtmlEntity, start..stop, replacement));
        i = stop;
    }
}

/// A complete reference at `start` (which holds `&`): its end and character.
fn reference_at(text: &str, start: usize) -> Option<(usize, char)> {
    let rest = text.get(start + 1..)?;
    let semi = rest.as_bytes().iter().take(34).position(|&c| c == b';')?;
    let body = &rest[..semi];
    let end = start + 1 + semi + 1;
    let c = if let Some(num) = body.strip_prefix('#') {
        // At most six hex digits after the `x`, or seven decimal ones, and no control
        // characters: scraped text is not trusted with more.
        if num.len() > 7 {
            return None;
        }
        entity::numeric(body).filter(|c| !c.is_control())?
    } else {
        entity::named(body)?
    };
    Some((end, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, markdown: bool) -> String {
        let mut props = Vec::new();
        propose(text, markdown, None, &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn decodes_complete_references() {
        let rows = [
            ("Tom &amp; Jerry", false, "Tom & Jerry"),
            ("it&#8217;s", false, "it’s"),
            ("it&#x2019;s", false, "it’s"),
            ("a&nbsp;b", false, "a\u{a0}b"),
            ("on Sunday&nbsp;&nbsp;after", false, "on Sunday after"),
            ("a&nbsp;&#160;&nbsp;b", false, "a b"),
            ("&nbsp;&nbsp;indent", false, "\u{a0}\u{a0}indent"),
            ("&ldquo;hi&rdquo;", false, "“hi”"),
            ("x &amp;quot; y", false, "x \" y"),
            ("&mdash; in markdown", true, "— in markdown"),
            ("caf&eacute;", true, "café"),
            ("&ensp;and&emsp;", false, "\u{2002}and\u{2003}"),
            ("a \"&amp; b\" and x&amp;\"", false, "a \"& b\" and x&\""),
            // Talk of layout keeps only a reference alone between spaces.
            (
                "the layout team&#8217;s plan and Tom &amp;Jerry",
                false,
                "the layout team’s plan and Tom &Jerry",
            ),
            (
                "The factory&#8217;s layout &amp; design won",
                false,
                "The factory’s layout & design won",
            ),
        ];
        for (input, md, want) in rows {
            assert_eq!(run(input, md), want, "{input}");
        }
    }

    #[test]
    fn leaves_non_references_alone() {
        let rows = [
            ("AT&T and R & D", false),
            ("&unknown; entity", false),
            ("&#0; and &#xD800; and &#99999999;", false),
            ("&amp; &lt;b&gt; in markdown", true),
            ("a & b; c", false),
            ("&#;", false),
            ("R&amp D, the &copy sign: no semicolon, no reference", false),
            ("fish&chips; at M&S;", false),
            ("a&b;c and x&y;", false),
            ("&#x0000041; &#00000065; &#9; &#x85;", false),
            ("&nbsp without a semicolon &nbsp", false),
            ("price&nbsp 5 and &nbs; and &nbsp ;", false),
            ("u&amp and &ampx and &amp ;", false),
            (
                "the entity \"&nbsp;\" and writing '&amp;' or `&lt;` or “&copy;” here",
                false,
            ),
            (
                "escape the ampersand as &amp; in XML files, or the parser fails",
                false,
            ),
            (
                "the template put &nbsp; between the columns and the layout held",
                false,
            ),
            ("Old browsers showed &ensp; as a gap", false),
            (
                "a glitch put the code &amp; in place of ampersands in the notices",
                false,
            ),
        ];
        for (input, md) in rows {
            assert_eq!(run(input, md), input, "{input}");
        }
    }
}
