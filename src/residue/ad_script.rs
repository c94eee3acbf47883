//! Ad scripts: the JavaScript of an ad slot or a tracker, left in the text when a scraper dropped
//! the `<script>` tags but kept what was inside them.
//!
//! `(function(){( window.slotbydup=window .slotbydup||[]).push({id:u5811557,…})`,
//! `(adsbygoogle = window.adsbygoogle || []).push({});`, `document.write('…');`,
//! `<script>…</script>`. A strong marker (`(function`, `googletag`, `.push({`, `<script`) is
//! enough on its own; a weak one (`window.x`, `var x =`) needs script punctuation after it. The
//! span runs while the tokens look like JavaScript and stops at two English words in a row.
//!
//! It never takes prose that names a script word: "He looked out of the window. Then he left.",
//! "Developers call window.open to show pop-ups.", "Huawei will push forward with its plans.",
//! "(functional programming) is fun.".

use super::text::{ends_word, eq_at, eq_ci_at, next_char, skip_ws};
use super::{Residue, ResidueKind};

/// Markers that only JavaScript has; one is enough.
pub(super) const STRONG_JS: &[&str] = &[
    "(function",
    "!function",
    "function(",
    "document.write",
    "googletag",
    "adsbygoogle",
    "slotbydup",
    "cpro_id",
    ".push(",
    "<script",
];

/// Markers that start a script only with enough script punctuation after them.
pub(super) const WEAK_JS: &[&str] = &["window.", "var "];

/// Words that are JavaScript, not English, inside a script run.
const JS_WORDS: &[&str] = &[
    "function",
    "var",
    "let",
    "const",
    "true",
    "false",
    "null",
    "undefined",
    "async",
    "await",
    "typeof",
    "instanceof",
    "window",
    "document",
    "prototype",
    "innerHTML",
    "getElementById",
    "createElement",
    "appendChild",
];

/// Words both languages use: they neither extend a script run nor end it.
const NEUTRAL_WORDS: &[&str] = &[
    "in", "of", "if", "else", "for", "while", "return", "new", "this", "do", "try", "catch",
];

pub(super) fn ad_script(text: &str, i: usize, floor: usize) -> Option<Residue> {
    if !matches!(
        text.as_bytes()[i],
        b'(' | b'!' | b'.' | b'<' | b'f' | b'd' | b'g' | b'a' | b's' | b'c' | b'w' | b'v'
    ) {
        return None;
    }
    let mut strong = false;
    let mut trigger_end = i;
    for pat in STRONG_JS {
        if eq_at(text, i, pat) {
            let after = i + pat.len();
            let ok = match *pat {
                "(function" | "!function" => {
                    // `function` is a whole word ("(functional" is prose), then `(` or a name.
                    let p = skip_ws(text, after);
                    ends_word(text, after)
                        && (eq_at(text, p, "(")
                            || next_char(text, p).is_some_and(char::is_alphabetic))
                }
                "function(" => {
                    // function(…){ — the brace must follow the parameter list closely.
                    let limit = (after + 60).min(text.len());
                    text.as_bytes()[after..limit]
                        .iter()
                        .position(|&b| b == b')')
                        .is_some_and(|k| eq_at(text, skip_ws(text, after + k + 1), "{"))
                }
                "document.write" => {
                    let p = if eq_at(text, after, "ln") {
                        after + 2
                    } else {
                        after
                    };
                    eq_at(text, skip_ws(text, p), "(")
                }
                ".push(" => {
                    let p = skip_ws(text, after);
                    eq_at(text, p, "{") || eq_at(text, p, "[")
                }
                "<script" => ends_word(text, after),
                _ => true,
            };
            if ok {
                strong = true;
                trigger_end = after;
                break;
            }
        }
    }
    if !strong {
        if eq_at(text, i, "window.")
            && text
                .as_bytes()
                .get(i + 7)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'$')
        {
            trigger_end = i + 7;
        } else if eq_at(text, i, "var ") {
            // var name =
            let p = skip_ws(text, i + 4);
            let name_len = text.as_bytes()[p.min(text.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_' || **b == b'$')
                .count();
            if name_len == 0 || !eq_at(text, skip_ws(text, p + name_len), "=") {
                return None;
            }
            trigger_end = p + name_len;
        } else {
            return None;
        }
    }

    let start = script_start(text, i, floor);
    if eq_ci_at(text, i, "<script") {
        let window = &text.as_bytes()[trigger_end..];
        if let Some(k) = window
            .windows(9)
            .position(|w| w.eq_ignore_ascii_case(b"</script>"))
        {
            return Some(Residue::new(
                start..trigger_end + k + 9,
                ResidueKind::AdScript,
            ));
        }
    }
    let (end, signals) = js_run_end(text, trigger_end);
    if !strong && signals < 4 {
        return None;
    }
    Some(Residue::new(
        start..end.max(trigger_end),
        ResidueKind::AdScript,
    ))
}

/// Where a script span starts: a `.push(` belongs to the expression before it; other markers
/// take the opening brackets and semicolons right before them.
fn script_start(text: &str, i: usize, floor: usize) -> usize {
    let bytes = text.as_bytes();
    let mut s = i;
    if bytes.get(i) == Some(&b'.') {
        while s > floor && !bytes[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        return s;
    }
    while s > floor
        && matches!(
            bytes[s - 1],
            b'(' | b'[' | b'{' | b';' | b'!' | b' ' | b'\t'
        )
    {
        s -= 1;
    }
    skip_ws(text, s).min(i)
}

/// Scans a JavaScript run from `from`: returns the end of its last script-like token and how
/// many script punctuation marks it holds. The run stops at two English words in a row.
fn js_run_end(text: &str, from: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut end = from;
    let mut prose = 0;
    let mut signals = 0;
    let mut member = false;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
        if is_ident(c) || c >= 0x80 {
            let start = i;
            let (mut alpha, mut digit, mut special) = (false, false, false);
            while i < bytes.len() {
                let b = bytes[i];
                if is_ident(b) {
                    alpha |= b.is_ascii_alphabetic();
                    digit |= b.is_ascii_digit();
                    special |= b == b'_' || b == b'$';
                    i += 1;
                } else if b >= 0x80 {
                    match next_char(text, i) {
                        Some(ch) if ch.is_alphanumeric() => {
                            alpha = true;
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                } else if b == b'\''
                    && i > start
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)
                {
                    i += 1; // an apostrophe inside an English word
                } else {
                    break;
                }
            }
            if i == start {
                // A non-ASCII symbol (a dash, a curly quote): neutral.
                i += next_char(text, i).map_or(1, char::len_utf8);
                member = false;
                continue;
            }
            let word = &text[start..i];
            let js = member || special || (alpha && digit) || JS_WORDS.contains(&word);
            member = false;
            if js {
                end = i;
                prose = 0;
            } else if alpha && !NEUTRAL_WORDS.contains(&word) {
                prose += 1;
                if prose >= 2 {
                    break;
                }
            }
            continue;
        }
        member = false;
        match c {
            b'.' if bytes
                .get(i + 1)
                .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_' || *b == b'$') =>
            {
                member = true;
                end = i + 1;
                prose = 0;
            }
            b':' if bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace()) => {
                end = i + 1;
                prose = 0;
            }
            b'"' | b'\'' | b'`' => {
                let limit = (i + 301).min(bytes.len());
                signals += 1;
                prose = 0;
                if let Some(k) = bytes[i + 1..limit].iter().position(|&b| b == c) {
                    i += k + 2;
                    end = i;
                    continue;
                }
                end = i + 1;
            }
            b'(' | b')' | b'{' | b'}' | b'[' | b']' | b';' | b'=' | b'|' | b'&' | b'+' | b'<'
            | b'>' | b'!' | b'*' | b'/' | b'\\' | b'?' => {
                end = i + 1;
                signals += 1;
                prose = 0;
            }
            _ => {}
        }
        i += 1;
    }
    (end, signals)
}
