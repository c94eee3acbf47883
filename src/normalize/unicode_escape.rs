//! The `unicode-escape` rule: escapes that a scraper or a translation API spelled out as text
//! (`\u2014`, `\\u2019`, and the bare `u2014` left when the backslash was eaten) become the
//! character. `U+2014` is the Unicode standard's own notation, which writers use in prose ("the
//! em dash is U+2014") and no scraper produces: it is left alone. A run of em-dash escapes
//! (`u2014u2014`, the Chinese double dash) becomes one em dash, closed when a space stands on
//! one side only (`application u2014u2014As`); spaces on both sides are kept (`vendor u2014 once`
//! → `vendor — once`).
//!
//! Bare `u2014` forms are only decoded for punctuation code points, because `u5811557` in an ad
//! script or `menu2014` is not an escape. The rule never decodes control characters, and in
//! Markdown never produces a character Markdown would read as syntax. An escape quoted on its own
//! (`"\u00e9"`) or in a paragraph about markup or encoding (`stored as the escape sequence
//! \u2019`) is being written about, and stays.

use super::typography::Quotes;
use super::{Proposal, RuleId};

pub(crate) fn propose(
    text: &str,
    markdown: bool,
    quotes: Option<&Quotes>,
    out: &mut Vec<Proposal>,
) {
    let b = text.as_bytes();
    let mut i = 0;
    // Found on the first escape: a paragraph about encoding keeps its escapes.
    let mut about_markup = None;
    while let Some(p) = memchr::memchr2(b'u', b'U', &b[i..]) {
        let at = i + p;
        // Every escape form has a hex digit right after its `u`/`U`; most `u`s in prose
        // do not, and are passed over here without looking around them.
        let escape = b
            .get(at + 1)
            .is_some_and(u8::is_ascii_hexdigit)
            .then(|| escape_at(text, at));
        let Some((start, first_end, first)) = escape.flatten() else {
            i = at + 1;
            continue;
        };
        // Extend over directly following escapes so a pair or run becomes one edit.
        let mut decoded = String::new();
        let mut pending_high: Option<u32> = None;
        let mut end = first_end;
        let mut ok = push_code(&mut decoded, &mut pending_high, first);
        while ok {
            let Some((s, e, c)) = next_escape(text, end) else {
                break;
            };
            if s != end {
                break;
            }
            ok = push_code(&mut decoded, &mut pending_high, c);
            if ok {
                end = e;
            }
        }
        if pending_high.is_some()
            || decoded.is_empty()
            || (markdown && decoded.chars().any(|c| c.is_ascii_punctuation()))
        {
            i = first_end.max(at + 1);
            continue;
        }
        // `the string "\u00e9" represents é`: an escape quoted on its own is being written
        // about, not leaked.
        let quoted = matches!(
            (b.get(start.wrapping_sub(1)), b.get(end)),
            (Some(b'"'), Some(b'"')) | (Some(b'\''), Some(b'\'')) | (Some(b'`'), Some(b'`'))
        );
        if quoted
            || *about_markup.get_or_insert_with(|| super::stray_markup::talks_about_markup(text))
        {
            i = end;
            continue;
        }
        let mut range = start..end;
        let mut replacement = decoded;
        if replacement.chars().all(|c| c == '\u{2014}') {
            // `word u2014u2014As` → `word—As`: one em dash, closed when the translation left a
            // space on one side only. Spaces on both sides (`vendor u2014 once`) are the
            // writer's spaced dash and stay: `vendor — once`.
            replacement = "\u{2014}".to_string();
            let before = text[..range.start].trim_end_matches(' ');
            let after = text[range.end..].trim_start_matches(' ');
            let spaced_both = before.len() < range.start && after.len() < text.len() - range.end;
            if !spaced_both
                && before
                    .chars()
                    .next_back()
                    .is_some_and(|c| !c.is_whitespace())
                && after.chars().next().is_some_and(|c| !c.is_whitespace())
            {
                range = before.len()..text.len() - after.len();
            }
        } else if let Some(q) = quotes {
            replacement = q.curl_isolated(text, range.start, range.end, &replacement);
        }
        i = range.end.max(at + 1);
        out.push(Proposal::new(RuleId::UnicodeEscape, range, replacement));
    }
}

/// Appends one code unit, pairing UTF-16 surrogates. `false` when the unit cannot be decoded.
fn push_code(out: &mut String, high: &mut Option<u32>, code: u32) -> bool {
    match (code, high.take()) {
        (0xD800..=0xDBFF, None) => {
            *high = Some(code);
            true
        }
        (0xDC00..=0xDFFF, Some(h)) => {
            match char::from_u32(0x10000 + ((h - 0xD800) << 10) + (code - 0xDC00)) {
                Some(c) => {
                    out.push(c);
                    true
                }
                None => false,
            }
        }
        (_, Some(_)) | (0xDC00..=0xDFFF, None) => false,
        (c, None) => match char::from_u32(c) {
            Some(ch) if !ch.is_control() => {
                out.push(ch);
                true
            }
            _ => false,
        },
    }
}

/// The next escape starting exactly at `pos`, allowing an optional backslash prefix.
fn next_escape(text: &str, pos: usize) -> Option<(usize, usize, u32)> {
    let b = text.as_bytes();
    let mut p = pos;
    while p < b.len() && b[p] == b'\\' && p - pos < 2 {
        p += 1;
    }
    if p < b.len() && (b[p] == b'u' || b[p] == b'U') {
        let (s, e, c) = escape_at_inner(text, p, true)?;
        if s == pos {
            return Some((s, e, c));
        }
    }
    None
}

/// An escape whose `u`/`U` is at byte `at`: (start including backslashes, end, code point).
fn escape_at(text: &str, at: usize) -> Option<(usize, usize, u32)> {
    escape_at_inner(text, at, false)
}

fn escape_at_inner(text: &str, at: usize, in_run: bool) -> Option<(usize, usize, u32)> {
    let b = text.as_bytes();
    let slashes = b[..at]
        .iter()
        .rev()
        .take_while(|&&c| c == b'\\')
        .count()
        .min(2);
    let start = at - slashes;
    let hex = |from: usize, n: usize| -> Option<u32> {
        let s = text.get(from..from + n)?;
        if s.bytes().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(s, 16).ok()
        } else {
            None
        }
    };
    // A bare `u2014` glued to a word (`menu2014`) is part of that word; a backslash escape is an
    // escape wherever it stands.
    // (A letter before it is judged below, by what the escape stands for.)
    let alnum_before = !in_run
        && slashes == 0
        && start > 0
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_alphabetic());
    // `ended 2-2u2014a result`: a dash between a score and a lower-case word, then a space.
    let score_dash = alnum_before
        && b[start - 1].is_ascii_digit()
        && matches!(hex(at + 1, 4), Some(0x2013 | 0x2014))
        && {
            let letters = b[at + 5..]
                .iter()
                .take_while(|c| c.is_ascii_lowercase())
                .count();
            letters > 0 && b.get(at + 5 + letters) == Some(&b' ')
        };
    if score_dash {
        return Some((start, at + 5, hex(at + 1, 4)?));
    }
    if alnum_before {
        return None;
    }
    if slashes > 0 {
        if b[at] == b'U' {
            let code = hex(at + 1, 8)?;
            return Some((start, at + 9, code));
        }
        let code = hex(at + 1, 4)?;
        return Some((start, at + 5, code));
    }
    if b[at] != b'u' {
        return None;
    }
    let code = hex(at + 1, 4)?;
    if !plausible_bare(code) {
        return None;
    }
    let glued_before = !in_run && start > 0 && b[start - 1].is_ascii_alphabetic();
    let letter_after = b.get(at + 5).is_some_and(u8::is_ascii_alphabetic);
    let fits = match code {
        // An apostrophe escape glued to letters is followed by what follows an apostrophe:
        // `Chinau2019s`, `wasnu2019t`, `theyu2019re`; never a part number's letter (`u2019b`).
        0x2019 if letter_after => apostrophe_suffix(&b[at + 5..]),
        // A dash glued to a word on both sides: `endedu2014for`. Not `menu2014`, whose `2014`
        // ends the word (a year, a model number), nor `Menu2014x2`, an identifier.
        0x2013 | 0x2014 if glued_before => {
            let letters = b[at + 5..]
                .iter()
                .take_while(|c| c.is_ascii_alphabetic())
                .count();
            letters > 0
                && b.get(at + 5 + letters)
                    .is_none_or(|c| !c.is_ascii_alphanumeric())
        }
        // A closing quote glued to the word it closes (`a major stepu201d toward`), when an
        // opening one came before it: `menu201d` alone is not a quotation.
        0x201D if glued_before => {
            b.get(at + 5).is_none_or(|c| !c.is_ascii_alphanumeric())
                && (memchr::memmem::find(&b[..start], b"u201c").is_some()
                    || memchr::memmem::find(&b[..start], b"u201C").is_some()
                    || text[..start].contains('“'))
        }
        _ => !glued_before,
    };
    fits.then_some((start, at + 5, code))
}

/// Whether `rest` opens with what follows an apostrophe (`s`, `t`, `re`, `ll`, `ve`, `d`, `m`)
/// and nothing glued after it.
fn apostrophe_suffix(rest: &[u8]) -> bool {
    ["s", "t", "re", "ll", "ve", "d", "m"].iter().any(|suffix| {
        rest.len() >= suffix.len()
            && rest[..suffix.len()].eq_ignore_ascii_case(suffix.as_bytes())
            && rest
                .get(suffix.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric())
    })
}

/// Code points a backslash-less `u2014` may stand for: the punctuation of running text (dashes,
/// quotes, bullet, ellipsis, per mille, primes, single guillemets), Latin-1 symbols (no-break
/// space, ©, «, »), CJK punctuation. Not the rest of General Punctuation (daggers, reversed
/// primes, invisible marks): `labelled u2020 to u2035` is a list of sample codes.
fn plausible_bare(code: u32) -> bool {
    matches!(
        code,
        0x00A0..=0x00BF
            | 0x2010..=0x201F
            | 0x2022
            | 0x2026
            | 0x2030
            | 0x2032
            | 0x2033
            | 0x2039
            | 0x203A
            | 0x20AC
            | 0x2122
            | 0x3000..=0x303F
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, markdown: bool) -> String {
        let mut props = Vec::new();
        let q = Quotes::for_language("en");
        propose(text, markdown, Some(&q), &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn decodes_spelled_out_escapes() {
        let rows = [
            (
                "social application u2014u2014As of July",
                "social application\u{2014}As of July",
            ),
            // Spaces on both sides are the writer's spaced dash; one side only is a closed dash.
            ("a \\u2014 b", "a \u{2014} b"),
            ("vendor u2014 once", "vendor \u{2014} once"),
            ("vendor u2014u2014 once", "vendor \u{2014} once"),
            ("vendor  u2014u2014once", "vendor\u{2014}once"),
            ("vendor u2014u2014", "vendor \u{2014}"),
            ("it\\u2019s", "it\u{2019}s"),
            ("it\\\\u2019s", "it\u{2019}s"),
            ("\\ud83d\\ude00 smile", "\u{1F600} smile"),
            ("\\U0001F600", "\u{1F600}"),
            ("caf\\u00e9", "caf\u{e9}"),
            ("say \\u0022hi\\u0022", "say \u{201c}hi\u{201d}"),
            ("u00a9 2020", "\u{a9} 2020"),
            ("\u{4e2d}u2014x", "\u{4e2d}u2014x"),
            (
                "Chinau2019s exports and wasnu2019t and theyu2019re",
                "China\u{2019}s exports and wasn\u{2019}t and they\u{2019}re",
            ),
            (
                "The talks endedu2014for now",
                "The talks ended\u{2014}for now",
            ),
            (
                "called it u201ca major stepu201d toward",
                "called it \u{201c}a major step\u{201d} toward",
            ),
            (
                "The match ended 2-2u2014a result that",
                "The match ended 2-2\u{2014}a result that",
            ),
        ];
        for (input, want) in rows {
            assert_eq!(run(input, false), want, "{input}");
        }
    }

    #[test]
    fn leaves_look_alikes_alone() {
        let rows = [
            "id:u5811557,container",
            "menu2014 and uuid u1234",
            "u0041 is not punctuation",
            "\\u0000 control",
            "\\ud83d alone",
            "U+1F600X",
            "the em dash is encoded as U+2014 in Unicode",
            "U+2019 and U+00A9.",
            "the u-boat",
            "\\uZZZZ",
            "line\\nbreak and tab\\t",
            "0x2014 in hex",
            "U+ and u+2014 lower case",
            "see rfc2014 and iso2014",
            "part u2019b and menu2014 and Menu2014x2 and abu2019sx and au2014",
            "9u2019s",
            "the string \"\\u00e9\" is e and '\\u2014' and `\\u2019` too",
            "the menu201d item and stepu201dx and 2u2014 and 12u2014ab5 and 2u2014A and 2u2014a.",
            "each apostrophe is stored as the escape sequence \\u2019, which older parsers miss",
            "Samples were labelled u2020 to u2035 and u2060, one a year.",
        ];
        for input in rows {
            assert_eq!(run(input, false), input, "{input}");
        }
        assert_eq!(run("a \\u002a b", true), "a \\u002a b");
    }
}
