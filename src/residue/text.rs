//! Small scanning helpers the detectors share. Positions are byte offsets; every helper keeps them
//! on char boundaries.
//!
//! They answer questions about a position: does a label start here (`eq_ci_at(text, i,
//! "source")`), where do the blanks after it end (`skip_ws`, `skip_blanks`), where does its line
//! end (`line_end`), is there a colon (`colon_after`), does a clause open or close here
//! (`clause_start` is true at `S` in "… in 2020. Source: Reuters" and false in "said the Source:
//! …"), what is the next token (`token_at`).
//!
//! None of them decides what is residue, and none ever returns a position inside a character.

pub(super) fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `pat` (ASCII letters compared case-insensitively, other bytes exactly) starts at `i`.
pub(super) fn eq_ci_at(text: &str, i: usize, pat: &str) -> bool {
    let (bytes, pat) = (text.as_bytes(), pat.as_bytes());
    // Most calls fail on the first byte; check it before slicing.
    bytes
        .get(i)
        .zip(pat.first())
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b))
        && bytes
            .get(i..i + pat.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(pat))
}

/// Whether `pat` starts at `i`, exactly.
pub(super) fn eq_at(text: &str, i: usize, pat: &str) -> bool {
    let (bytes, pat) = (text.as_bytes(), pat.as_bytes());
    bytes.get(i).zip(pat.first()).is_some_and(|(a, b)| a == b)
        && bytes.get(i..i + pat.len()).is_some_and(|b| b == pat)
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

pub(super) fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

pub(super) fn at_word_start(text: &str, i: usize) -> bool {
    prev_char(text, i).is_none_or(|c| !is_word_char(c))
}

pub(super) fn ends_word(text: &str, j: usize) -> bool {
    next_char(text, j).is_none_or(|c| !is_word_char(c))
}

/// First position at or after `i` that is not whitespace.
pub(super) fn skip_ws(text: &str, i: usize) -> usize {
    text.get(i..)
        .map_or(text.len(), |s| text.len() - s.trim_start().len())
}

/// First position at or after `i` that is neither a space nor a tab: a value that follows a
/// label stays on the label's line.
pub(super) fn skip_blanks(text: &str, i: usize) -> usize {
    text.get(i..).map_or(text.len(), |s| {
        text.len() - s.trim_start_matches([' ', '\t', '\u{3000}']).len()
    })
}

/// The start of the line holding `i`.
pub(super) fn line_start(text: &str, i: usize) -> usize {
    text.get(..i)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |p| p + 1)
}

/// The end of the line holding `i`: a scrape's block joins lines, and a label's value ends with
/// its line, never taking the prose of the next one with it.
pub(super) fn line_end(text: &str, i: usize) -> usize {
    text.get(i..)
        .and_then(|s| s.find(['\n', '\r']))
        .map_or(text.len(), |p| i + p)
}

/// After optional spaces, a colon (ASCII or full-width): the position after it.
pub(super) fn colon_after(text: &str, j: usize) -> Option<usize> {
    let p = skip_ws(text, j);
    if eq_at(text, p, ":") {
        Some(p + 1)
    } else if eq_at(text, p, "：") {
        Some(p + "：".len())
    } else {
        None
    }
}

pub(super) fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A label can only open a clause: at the start of the text (or right after earlier residue),
/// or after punctuation other than a comma. "said the Source: …" is prose; "… }Source: …" and
/// "… in 2020. Source: …" are not.
pub(super) fn clause_start(text: &str, i: usize, floor: usize) -> bool {
    let before = text.get(floor.min(i)..i).unwrap_or("").trim_end();
    before
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric() && c != ',' && c != '，')
}

/// Nothing but punctuation and spaces follows `j`.
pub(super) fn clause_end(text: &str, j: usize) -> bool {
    !has_alnum(text.get(j..).unwrap_or(""))
}

/// A sentence break inside a short value means the value is prose, not a label's value.
pub(super) fn has_sentence_break(s: &str) -> bool {
    let s = s.trim_end_matches(['.', '。', '!', '?']);
    // Any white space after the stop: a line break or a tab ends a sentence as a space does,
    // and trailing spaces before a line break must not decide what is residue.
    s.contains('。')
        || s.as_bytes()
            .windows(2)
            .any(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace())
}

/// The next whitespace-separated token from `pos`: (start, end).
pub(super) fn token_at(text: &str, pos: usize) -> Option<(usize, usize)> {
    let s = skip_ws(text, pos);
    if s >= text.len() {
        return None;
    }
    let len = text[s..]
        .find(char::is_whitespace)
        .unwrap_or(text.len() - s);
    Some((s, s + len))
}
