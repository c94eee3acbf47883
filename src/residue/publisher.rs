//! Publisher stamps: the source and editor lines a news site prints under an article.
//!
//! `Source: Houchang 108 editor in charge: Dai Lili_ NN4994`, `Source: Xinhua`,
//! `Responsible editor: Zhang San`, `来源：新华社 责任编辑：张三`. The facts are kept: `source`,
//! `editor`, and the staff code after the underscore (`editor_code`).
//!
//! A label needs its colon and must open a clause (a capitalised `Source:` followed closely by an
//! editor label may stand anywhere); a source on its own needs a short value that ends its line.
//! It never takes prose that mentions a source or an editor: "the source of the leak was a senior
//! editor in charge of the desk", "Source: a senior official who asked not to be named told
//! reporters …", "The data source: National Bureau of Statistics".

use super::text::{
    at_word_start, clause_start, colon_after, ends_word, eq_at, eq_ci_at, has_alnum,
    has_sentence_break, line_end, skip_blanks, word_count,
};
use super::{Residue, ResidueKind};

pub(super) const SOURCE_LABELS: &[&str] = &["source", "来源"];
pub(super) const EDITOR_LABELS: &[&str] = &[
    "editor in charge",
    "responsible editor",
    "chief editor",
    "executive editor",
    "editor",
    "责任编辑",
    "编辑",
];

pub(super) fn publisher_stamp(text: &str, i: usize, floor: usize) -> Option<Residue> {
    let b = *text.as_bytes().get(i)?;
    if !matches!(b.to_ascii_lowercase(), b's' | b'e' | b'r' | b'c') && b < 0x80 {
        return None;
    }
    for label in SOURCE_LABELS {
        if eq_ci_at(text, i, label)
            && ends_word(text, i + label.len())
            && let Some(colon_end) = colon_after(text, i + label.len())
        {
            // Lower case "source:" only where a label can stand.
            let capital = b == b'S' || b >= 0x80;
            return source_stamp(text, i, colon_end, floor, capital);
        }
    }
    if !clause_start(text, i, floor) {
        return None;
    }
    let colon_end = editor_label_at(text, i)?;
    let (name, code, end) = editor_tail(text, colon_end);
    if name.is_empty() {
        return None;
    }
    Some(
        Residue::new(i..end, ResidueKind::PublisherStamp)
            .with("editor", name)
            .with("editor_code", code),
    )
}

/// An editor label (`editor in charge:`) at `i`: the position after its colon.
fn editor_label_at(text: &str, i: usize) -> Option<usize> {
    EDITOR_LABELS.iter().find_map(|label| {
        (eq_ci_at(text, i, label) && ends_word(text, i + label.len()))
            .then(|| colon_after(text, i + label.len()))
            .flatten()
    })
}

fn source_stamp(
    text: &str,
    i: usize,
    colon_end: usize,
    floor: usize,
    capital: bool,
) -> Option<Residue> {
    let at_clause = clause_start(text, i, floor);
    if !capital && !at_clause {
        return None;
    }
    // An editor label close behind the source makes it a stamp wherever it stands.
    let limit = (colon_end + 200).min(text.len());
    let mut p = colon_end;
    while p < limit {
        if text.is_char_boundary(p)
            && (at_word_start(text, p) || text.as_bytes()[p] >= 0x80)
            && let Some(after) = editor_label_at(text, p)
        {
            let source = text[colon_end..p].trim();
            let first_line = line_end(text, colon_end);
            if word_count(source) > 8
                || has_sentence_break(source)
                || (first_line < p && has_alnum(&text[first_line..p]))
            {
                return None;
            }
            let (name, code, end) = editor_tail(text, after);
            return Some(
                Residue::new(i..end.max(after), ResidueKind::PublisherStamp)
                    .with("source", source)
                    .with("editor", name)
                    .with("editor_code", code),
            );
        }
        p += 1;
    }
    // Otherwise only a short value that ends its line, after a clause boundary.
    if !at_clause {
        return None;
    }
    let rest = text[colon_end..line_end(text, colon_end)].trim_end();
    let value = rest.trim();
    if !has_alnum(value) || word_count(value) > 8 || has_sentence_break(value) {
        return None;
    }
    Some(
        Residue::new(i..colon_end + rest.len(), ResidueKind::PublisherStamp)
            .with("source", value.trim_end_matches(['.', '。'])),
    )
}

/// The editor's name after an editor label, and the staff code some sites append after an
/// underscore (`Dai Lili_ NN4994`). Returns (name, code, end of the stamp).
fn editor_tail(text: &str, j: usize) -> (&str, &str, usize) {
    let p = skip_blanks(text, j);
    let rest = &text[p..line_end(text, p)];
    let mut q = rest.len();
    for (k, c) in rest.char_indices() {
        let stop = matches!(
            c,
            '_' | '|' | '(' | ')' | '[' | ']' | '【' | '】' | ',' | ';' | '，' | '；' | '。'
        ) || (c == '.' && rest[k + 1..].starts_with(char::is_whitespace));
        if stop {
            q = k;
            break;
        }
    }
    let raw = rest[..q].trim_end();
    let name = if word_count(raw) <= 4 {
        raw
    } else {
        // A long run: keep the capitalised words that open it (the name), leave the rest.
        let mut end = 0;
        for (n, w) in raw.split_whitespace().enumerate() {
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_ascii());
            if n >= 4 || !capital {
                break;
            }
            let offset = w.as_ptr() as usize - raw.as_ptr() as usize;
            end = offset + w.len();
        }
        &raw[..end]
    };
    let mut end = if name.is_empty() { j } else { p + name.len() };
    let mut code = "";
    let r = skip_blanks(text, end);
    if !name.is_empty() && eq_at(text, r, "_") {
        let s = skip_blanks(text, r + 1);
        let n = text.as_bytes()[s..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if n > 0 && n <= 16 {
            code = &text[s..s + n];
            end = s + n;
        } else {
            end = r + 1;
        }
    }
    (name, code, end)
}
