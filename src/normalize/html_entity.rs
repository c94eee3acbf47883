//! The `html-entity` rule: character references a scraper left in the text (`&amp;`, `&#8217;`,
//! `&rsquo;`, `&nbsp;`) become the characters they stand for. Nested escaping (`&amp;quot;`) is
//! undone in the same edit.
//!
//! Only complete references with their `;` are decoded ("AT&T", "R & D" stay). In Markdown the
//! escapes Markdown itself relies on (`&amp;`, `&lt;`, `&gt;`) are kept, and protected spans
//! (code, raw HTML) are never reached.

use super::typography::Quotes;
use super::{Proposal, RuleId};

/// Named references seen in scraped news text. Unknown names are left alone.
const NAMED: &[(&str, &str)] = &[
    ("AElig", "Æ"),
    ("Aacute", "Á"),
    ("Agrave", "À"),
    ("Auml", "Ä"),
    ("Ccedil", "Ç"),
    ("Eacute", "É"),
    ("Ntilde", "Ñ"),
    ("Ouml", "Ö"),
    ("Uuml", "Ü"),
    ("aacute", "á"),
    ("acirc", "â"),
    ("acute", "´"),
    ("aelig", "æ"),
    ("agrave", "à"),
    ("amp", "&"),
    ("apos", "'"),
    ("aring", "å"),
    ("atilde", "ã"),
    ("auml", "ä"),
    ("bdquo", "„"),
    ("brvbar", "¦"),
    ("bull", "•"),
    ("ccedil", "ç"),
    ("cent", "¢"),
    ("copy", "©"),
    ("dagger", "†"),
    ("deg", "°"),
    ("divide", "÷"),
    ("eacute", "é"),
    ("ecirc", "ê"),
    ("egrave", "è"),
    ("euml", "ë"),
    ("euro", "€"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("gt", ">"),
    ("hellip", "…"),
    ("iacute", "í"),
    ("icirc", "î"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("iuml", "ï"),
    ("laquo", "«"),
    ("ldquo", "“"),
    ("lsaquo", "‹"),
    ("lsquo", "‘"),
    ("lt", "<"),
    ("mdash", "—"),
    ("micro", "µ"),
    ("middot", "·"),
    ("nbsp", "\u{a0}"),
    ("ndash", "–"),
    ("ntilde", "ñ"),
    ("oacute", "ó"),
    ("ocirc", "ô"),
    ("ouml", "ö"),
    ("para", "¶"),
    ("plusmn", "±"),
    ("pound", "£"),
    ("quot", "\""),
    ("raquo", "»"),
    ("rdquo", "”"),
    ("reg", "®"),
    ("rsaquo", "›"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("sect", "§"),
    ("shy", "\u{ad}"),
    ("szlig", "ß"),
    ("thinsp", "\u{2009}"),
    ("times", "×"),
    ("trade", "™"),
    ("uacute", "ú"),
    ("ucirc", "û"),
    ("uuml", "ü"),
    ("yen", "¥"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

pub(crate) fn propose(
    text: &str,
    markdown: bool,
    quotes: Option<&Quotes>,
    out: &mut Vec<Proposal>,
) {
    let b = text.as_bytes();
    let mut i = 0;
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
    let code = if let Some(num) = body.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex)
                if !hex.is_empty()
                    && hex.len() <= 6
                    && hex.bytes().all(|c| c.is_ascii_hexdigit()) =>
            {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if !num.is_empty()
                && num.len() <= 7
                && num.bytes().all(|c| c.is_ascii_digit()) =>
            {
                num.parse().ok()?
            }
            _ => return None,
        }
    } else {
        let (_, s) = NAMED.iter().find(|(n, _)| *n == body)?;
        return s.chars().next().map(|c| (end, c));
    };
    let c = char::from_u32(code).filter(|c| !c.is_control() || *c == '\u{a0}')?;
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
            ("&ldquo;hi&rdquo;", false, "“hi”"),
            ("x &amp;quot; y", false, "x \" y"),
            ("&mdash; in markdown", true, "— in markdown"),
            ("caf&eacute;", true, "café"),
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
        ];
        for (input, md) in rows {
            assert_eq!(run(input, md), input, "{input}");
        }
    }
}
