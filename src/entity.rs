//! HTML character references: the one table of named references folio knows ([`named`]) and
//! the decoding of numeric ones ([`numeric`]). Both the normalizer's `html-entity` rule (which
//! repairs references a scraper left in the text) and the EPUB's HTML → XHTML converter decode
//! through here.
//!
//! Pure functions of a reference's body — the text between `&` and `;` — to one character. This
//! module never finds references in text (each caller has its own rule for where one ends and
//! which it dares to decode) and never escapes the result for HTML or XML.
//!
//! It also holds HTML's other fixed tables several modules need: the void elements
//! ([`is_void_element`]), for the page importer's tree, the comment-text tokenizer and the
//! EPUB's XHTML writer alike, and the elements that end a paragraph of text
//! ([`is_block_element`]), for the page importer's blocks and the comment-text tokenizer.

/// Elements whose start or end ends a paragraph of text: HTML's block-level elements, table
/// parts and the document's own. Callers that treat some of them more finely (a list item,
/// a table cell) match those first.
pub fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements that never have content or an end tag: the HTML standard's list, with `param` and
/// `keygen`, which it dropped but parsers still treat as void.
pub fn is_void_element(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
    )
}

/// Named references seen in scraped news text and in the HTML folio's renderers produce, sorted
/// by name (byte order). Every one stands for a single character. Unknown names are left to the
/// caller.
const NAMED: &[(&str, char)] = &[
    ("AElig", 'Æ'),
    ("Aacute", 'Á'),
    ("Agrave", 'À'),
    ("Auml", 'Ä'),
    ("Ccedil", 'Ç'),
    ("Eacute", 'É'),
    ("Ntilde", 'Ñ'),
    ("Ouml", 'Ö'),
    ("Uuml", 'Ü'),
    ("aacute", 'á'),
    ("acirc", 'â'),
    ("acute", '´'),
    ("aelig", 'æ'),
    ("agrave", 'à'),
    ("amp", '&'),
    ("apos", '\''),
    ("aring", 'å'),
    ("atilde", 'ã'),
    ("auml", 'ä'),
    ("bdquo", '„'),
    ("brvbar", '¦'),
    ("bull", '•'),
    ("ccedil", 'ç'),
    ("cent", '¢'),
    ("copy", '©'),
    ("dagger", '†'),
    ("deg", '°'),
    ("divide", '÷'),
    ("eacute", 'é'),
    ("ecirc", 'ê'),
    ("egrave", 'è'),
    ("emsp", '\u{2003}'),
    ("ensp", '\u{2002}'),
    ("euml", 'ë'),
    ("euro", '€'),
    ("frac12", '½'),
    ("frac14", '¼'),
    ("frac34", '¾'),
    ("gt", '>'),
    ("hellip", '…'),
    ("iacute", 'í'),
    ("icirc", 'î'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("iuml", 'ï'),
    ("laquo", '«'),
    ("ldquo", '“'),
    ("lsaquo", '‹'),
    ("lsquo", '‘'),
    ("lt", '<'),
    ("mdash", '—'),
    ("micro", 'µ'),
    ("middot", '·'),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("ntilde", 'ñ'),
    ("oacute", 'ó'),
    ("ocirc", 'ô'),
    ("ouml", 'ö'),
    ("para", '¶'),
    ("plusmn", '±'),
    ("pound", '£'),
    ("quot", '"'),
    ("raquo", '»'),
    ("rdquo", '”'),
    ("reg", '®'),
    ("rsaquo", '›'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("sect", '§'),
    ("shy", '\u{ad}'),
    ("szlig", 'ß'),
    ("thinsp", '\u{2009}'),
    ("times", '×'),
    ("trade", '™'),
    ("uacute", 'ú'),
    ("ucirc", 'û'),
    ("uuml", 'ü'),
    ("yen", '¥'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
];

/// The character of a named reference (`rsquo` → `’`), case-sensitive as in HTML; `None` for a
/// name the table does not know.
pub fn named(name: &str) -> Option<char> {
    NAMED
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| NAMED[i].1)
}

/// The character of a numeric reference's body: `#` and decimal digits (`#8217`) or `#x`/`#X`
/// and hex digits (`#x2019`), any number of them. `None` for anything else, for a value that is
/// no Unicode scalar value (a surrogate, past U+10FFFF) and for NUL. Other control characters
/// are decoded: whether they are welcome is the caller's decision.
pub fn numeric(body: &str) -> Option<char> {
    let digits = body.strip_prefix('#')?;
    let (digits, radix) = match digits.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (digits, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let code = u32::from_str_radix(digits, radix).ok()?;
    char::from_u32(code).filter(|c| *c != '\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_unique() {
        // `named` searches it by halves.
        for pair in NAMED.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (name, c) in NAMED {
            assert_eq!(named(name), Some(*c), "{name}");
        }
    }

    #[test]
    fn named_references() {
        assert_eq!(named("amp"), Some('&'));
        assert_eq!(named("nbsp"), Some('\u{a0}'));
        assert_eq!(named("Eacute"), Some('É'));
        assert_eq!(named("EACUTE"), None);
        assert_eq!(named("bogus"), None);
        assert_eq!(named(""), None);
        assert_eq!(named("#38"), None);
    }

    #[test]
    fn numeric_references() {
        let rows = [
            ("#8217", Some('’')),
            ("#x2019", Some('’')),
            ("#X2019", Some('’')),
            ("#00000065", Some('A')),
            ("#9", Some('\t')),
            ("#1", Some('\u{1}')),
            ("#0", None),
            ("#x0", None),
            ("#xD800", None),
            ("#x110000", None),
            ("#99999999999", None),
            ("#", None),
            ("#x", None),
            ("#+5", None),
            ("#x+5", None),
            ("#12a", None),
            ("#xg", None),
            ("8217", None),
            ("amp", None),
        ];
        for (body, want) in rows {
            assert_eq!(numeric(body), want, "{body}");
        }
    }
}
