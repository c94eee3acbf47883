//! Forum post chrome: the member line a forum prints beside each post, and the widget under a
//! quoted post.
//!
//! `Joined: Mar 2, 2015 Messages: 1,204 Reaction score: 312 Location: Shanghai`, `Click to
//! expand... Reaction score: 12 Likes received: 4 Points: 18`, `Click to expand...`. The
//! paragraph must be nothing but these: the quote widget, or at least two member fields, each a
//! label with its colon and a value of the label's shape (a count, a date, a short place name).
//! A single counter (`Messages: 2,746`) is a `Counter` of `whole_text`.
//!
//! It never takes prose that uses the words: "The forum introduced a reaction score system last
//! year.", "Joined: the two firms", "Location: Shanghai" alone (a caption's place), "Click to
//! expand the menu, then choose Settings.", "Messages: 3 of them were never delivered."

use super::text::{colon_after, ends_word, eq_ci_at, skip_ws, token_at};

#[derive(Clone, Copy, PartialEq)]
enum Value {
    Count,
    Date,
    Place,
}

const FIELDS: &[(&str, Value)] = &[
    ("reaction score", Value::Count),
    ("likes received", Value::Count),
    ("trophy points", Value::Count),
    ("messages", Value::Count),
    ("posts", Value::Count),
    ("points", Value::Count),
    ("likes", Value::Count),
    ("solutions", Value::Count),
    ("joined", Value::Date),
    ("location", Value::Place),
];

/// The quote widget; its dots are optional.
const EXPAND: &str = "click to expand";

/// A field's label and colon at `p`: (value shape, position after the colon).
fn field_at(text: &str, p: usize) -> Option<(Value, usize)> {
    FIELDS.iter().find_map(|&(label, value)| {
        (eq_ci_at(text, p, label) && ends_word(text, p + label.len()))
            .then(|| colon_after(text, p + label.len()))
            .flatten()
            .map(|after| (value, after))
    })
}

/// Whether `text` (trimmed) is all forum post chrome: the quote widget, or two member fields or
/// more, with nothing else.
pub(super) fn forum_chrome(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') {
        return false;
    }
    let mut pos = 0;
    let (mut widget, mut fields, mut places) = (false, 0, 0);
    loop {
        pos = skip_ws(text, pos);
        while text[pos..].starts_with(['|', '·', '•']) {
            pos = skip_ws(
                text,
                pos + text[pos..].chars().next().map_or(1, char::len_utf8),
            );
        }
        if pos >= text.len() {
            break;
        }
        if !widget && fields == 0 && eq_ci_at(text, pos, EXPAND) {
            pos += EXPAND.len();
            let dots = text[pos..].len() - text[pos..].trim_start_matches(['.', '…']).len();
            if dots == 0 && !ends_word(text, pos) {
                return false;
            }
            pos += dots;
            widget = true;
            continue;
        }
        let Some((shape, after)) = field_at(text, pos) else {
            return false;
        };
        let Some(end) = value_end(text, after, shape) else {
            return false;
        };
        fields += 1;
        places += usize::from(shape == Value::Place);
        pos = end;
    }
    // A place alone is a caption's; it counts only beside a counter or a date.
    let counted = fields > places;
    (widget && fields == 0) || ((widget || fields >= 2) && counted)
}

/// Where a field's value of `shape`, starting after its colon at `from`, ends; `None` when
/// what follows is not such a value.
fn value_end(text: &str, from: usize, shape: Value) -> Option<usize> {
    let mut end = from;
    let mut pos = from;
    let mut words = 0;
    let max = match shape {
        Value::Count => 1,
        Value::Date => 3,
        Value::Place => 4,
    };
    while let Some((s, e)) = token_at(text, pos) {
        if words == max || field_at(text, s).is_some() {
            break;
        }
        let token = &text[s..e];
        let ok = match shape {
            Value::Count => {
                token.starts_with(|c: char| c.is_ascii_digit())
                    && token
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            }
            Value::Date => token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b",./-".contains(&b)),
            // A place: capitalised words ("Shanghai", "New York,", "U.K."), no digits.
            Value::Place => {
                (words > 0 || token.starts_with(|c: char| c.is_uppercase()))
                    && token
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, ',' | '.' | '-' | '\''))
            }
        };
        if !ok {
            break;
        }
        end = e;
        pos = e;
        words += 1;
    }
    let value = &text[from..end];
    let fits = match shape {
        Value::Count => words == 1,
        Value::Date => value.bytes().any(|b| b.is_ascii_digit()),
        Value::Place => words > 0 && !value.ends_with(','),
    };
    // The value must run to the next field or the end of the text.
    let next = skip_ws(text, end);
    let closed = next >= text.len()
        || field_at(text, next).is_some()
        || text[next..].starts_with(['|', '·', '•']);
    (fits && closed && end > from).then_some(end)
}
