//! HTML → XHTML for the chapters: [`to_xhtml`] rewrites the HTML folio's renderers and the
//! sanitizer produce into markup an e-reader's XML parser accepts, and [`is_external`] says
//! which links an EPUB may keep. Character references are decoded with the shared table of
//! [`crate::entity`]. It never parses arbitrary HTML (only those renderers' regular
//! serialisation), never fetches or embeds anything, and knows nothing of the package.

/// HTML from folio's renderers and from the sanitizer → XHTML an e-reader's XML parser accepts:
/// void elements closed, boolean attributes given values, `&nbsp;`-style entities turned into
/// characters, links kept only when they point outside the book (an EPUB may not reference
/// files it does not contain) and images, which were not archived, replaced by their alt text.
/// The input is the regular serialisation of those renderers (quoted attributes, escaped text),
/// not arbitrary HTML.
pub fn to_xhtml(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(lt) = rest.find(['<', '&']) {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if rest.starts_with('&') {
            let (text, used) = entity(rest);
            out.push_str(&text);
            rest = &rest[used..];
            continue;
        }
        let Some(gt) = tag_end(rest) else {
            out.push_str("&lt;");
            rest = &rest[1..];
            continue;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        if tag.starts_with('/') || tag.starts_with('!') || tag.starts_with('?') {
            if tag.starts_with('/') {
                out.push('<');
                out.push_str(tag);
                out.push('>');
            }
            continue;
        }
        let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
        let name_end = tag
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(tag.len());
        let name = tag[..name_end].to_ascii_lowercase();
        let attrs = parse_attributes(&tag[name_end..]);
        if name == "img" {
            let alt = attrs
                .iter()
                .find(|(k, _)| k == "alt")
                .map_or("", |(_, v)| v.as_str());
            out.push_str("<span class=\"image-missing\">[image");
            if !alt.is_empty() {
                out.push_str(": ");
                out.push_str(&crate::markdown::escape(alt));
            }
            out.push_str("]</span>");
            continue;
        }
        out.push('<');
        out.push_str(&name);
        for (key, value) in &attrs {
            if (key == "href" || key == "src") && !is_external(value) {
                continue;
            }
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            out.push_str(&crate::markdown::escape(value));
            out.push('"');
        }
        out.push_str(if crate::entity::is_void_element(&name) {
            " />"
        } else {
            ">"
        });
    }
    out.push_str(rest);
    out
}

/// The end (`>`) of the tag starting at `s[0] == '<'`, skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// `name="value"` pairs, values unescaped; a bare attribute gets its own name as value.
fn parse_attributes(s: &str) -> Vec<(String, String)> {
    let mut attrs = Vec::new();
    let mut rest = s.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (value, used) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], (end + 1).min(after.len()))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], end)
                }
            };
            rest = after[used..].trim_start();
            unescape(value)
        } else {
            name.clone()
        };
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
        if valid && !attrs.iter().any(|(k, _)| *k == name) {
            attrs.push((name, value));
        }
    }
    attrs
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (text, used) = entity(&rest[at..]);
        // `entity` returns XML; attribute values are re-escaped by the caller.
        out.push_str(&match text.as_str() {
            "&amp;" => "&".to_string(),
            "&lt;" => "<".to_string(),
            "&gt;" => ">".to_string(),
            "&quot;" => "\"".to_string(),
            "&apos;" => "'".to_string(),
            other => other.to_string(),
        });
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// The entity at the start of `s` (which begins with `&`) as XML text, and its length. XML
/// knows only five named entities, which stay as they are; the others [`crate::entity`] knows
/// become characters (escaped where XML needs it), and a lone `&` or an unknown name becomes
/// `&amp;`.
fn entity(s: &str) -> (String, usize) {
    let end = s[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map(|e| e + 1);
    if let Some(end) = end
        && s[end..].starts_with(';')
    {
        let name = &s[1..end];
        let text = match name {
            "amp" | "lt" | "gt" | "quot" | "apos" => Some(format!("&{name};")),
            _ => crate::entity::named(name)
                .or_else(|| crate::entity::numeric(name))
                .map(|c| crate::markdown::escape(&c.to_string())),
        };
        if let Some(text) = text {
            return (text, end + 1);
        }
    }
    ("&amp;".to_string(), 1)
}

/// Whether a link points outside the book (the web or mail), the only links an EPUB may keep.
pub(super) fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_xhtml() {
        let cases = [
            ("a<br>b", "a<br />b"),
            ("<hr/>", "<hr />"),
            ("x&nbsp;y", "x\u{a0}y"),
            ("1 &amp; 2 &lt; 3", "1 &amp; 2 &lt; 3"),
            ("fish & chips", "fish &amp; chips"),
            ("&#8212;&#x2014;", "——"),
            ("&bogus;", "&amp;bogus;"),
            ("&ensp;&emsp;&shy;", "\u{2002}\u{2003}\u{ad}"),
            ("&rsquo;&eacute;&euro;", "’é€"),
            ("&quot;&apos;&#38;&#60;&#1;", "&quot;&apos;&amp;&lt;"),
            ("&#0; &#xD800;", "&amp;#0; &amp;#xD800;"),
            (
                "<a href=\"https://a.example/?q=1&amp;r=2\" rel=\"noopener\">x</a>",
                "<a href=\"https://a.example/?q=1&amp;r=2\" rel=\"noopener\">x</a>",
            ),
            ("<a href=\"other.html\">x</a>", "<a>x</a>"),
            ("<a href=\"#frag\">x</a>", "<a>x</a>"),
            (
                "<img src=\"https://a.example/i.png\" alt=\"A &amp; B\">",
                "<span class=\"image-missing\">[image: A &amp; B]</span>",
            ),
            ("<input disabled>", "<input disabled=\"disabled\" />"),
            ("<!-- gone -->kept", "kept"),
            (
                "<em>already</em> <strong>fine</strong>",
                "<em>already</em> <strong>fine</strong>",
            ),
            ("3 < 4", "3 &lt; 4"),
        ];
        for (html, want) in cases {
            assert_eq!(to_xhtml(html), want, "{html}");
        }
    }
}
