//! Forum post chrome: the member line a forum prints beside each post, and the widget under a
//! quoted post.
//!
//! `Joined: Mar 2, 2015 Messages: 1,204 Reaction score: 312 Location: Shanghai`, `Click to
//! expand... Reaction score: 12 Likes received: 4 Points: 18`, `Click to expand...`. The
//! paragraph must be nothing but these: the quote widget, or at least two member fields, each a
//! label with its colon and a value of the label's shape (a count, a date, a short place name).
//! A single counter (`Messages: 2,746`) is a `Counter` of `whole_text`. A post's header
//! ([`post_header`]): `Post by chipwatcher » Tue Mar 12, 2024 8:14 am` — the label, the member's
//! name, the forum's separator and the post's date, nothing else.
//!
//! It never takes prose that uses the words: "The forum introduced a reaction score system last
//! year.", "Joined: the two firms", "Location: Shanghai" alone (a caption's place), "Click to
//! expand the menu, then choose Settings.", "Messages: 3 of them were never delivered.", "He
//! posted the video on Tuesday, March 12, at 8:14 am.", "Post by post, the thread grew to 300
//! replies by Mar 12, 2024." (no separator), "Post by the ministry » Tue Mar 12, 2024 8:14 am
//! drew 300 replies." (more than the date).

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

/// A forum's separator between a post's author and its date.
const POST_SEPARATORS: &[&str] = &["»", ">>", "&raquo;", "›", "|"];
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
/// At most this many words name the member.
const NAME_WORDS: usize = 3;

/// Whether `text` (trimmed) is a forum post's header and nothing else: `Post by chipwatcher »
/// Tue Mar 12, 2024 8:14 am`, `Post by Li Wei >> 2024-03-12 08:14`.
pub(super) fn post_header(text: &str) -> bool {
    if text.len() > 120 || text.contains('\n') {
        return false;
    }
    let Some(rest) = text
        .get(..8)
        .filter(|h| h.eq_ignore_ascii_case("post by "))
        .map(|_| &text[8..])
    else {
        return false;
    };
    let Some((name, date)) = POST_SEPARATORS
        .iter()
        .filter_map(|s| rest.split_once(s))
        .min_by_key(|(name, _)| name.len())
    else {
        return false;
    };
    let words = name.split_whitespace().count();
    (1..=NAME_WORDS).contains(&words) && post_date(date.trim())
}

/// `Tue Mar 12, 2024 8:14 am`, `March 12, 2024, 08:14`, `2024-03-12 08:14`: an optional weekday,
/// a date with its year, an optional time.
fn post_date(date: &str) -> bool {
    let lower = date.to_ascii_lowercase();
    let mut tokens = lower
        .split_whitespace()
        .map(|t| t.trim_end_matches(','))
        .peekable();
    if tokens.peek().is_some_and(|t| WEEKDAYS.contains(t)) {
        tokens.next();
    }
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
    };
    let iso = |t: &str| {
        let parts: Vec<&str> = t.split(['-', '/']).collect();
        parts.len() == 3 && digits(parts[0], 4..=4) && parts[1..].iter().all(|p| digits(p, 1..=2))
    };
    let dated = match tokens.next() {
        Some(t) if iso(t) => true,
        Some(t) if MONTHS.contains(&t.trim_end_matches('.')) => {
            tokens.next().is_some_and(|d| digits(d, 1..=2))
                && tokens.next().is_some_and(|y| digits(y, 4..=4))
        }
        Some(d) if digits(d, 1..=2) => {
            tokens
                .next()
                .is_some_and(|m| MONTHS.contains(&m.trim_end_matches('.')))
                && tokens.next().is_some_and(|y| digits(y, 4..=4))
        }
        _ => false,
    };
    if !dated {
        return false;
    }
    let time = |t: &str| {
        t.split_once(':').is_some_and(|(h, m)| {
            digits(h, 1..=2) && (digits(m, 2..=2) || m.split(':').all(|p| digits(p, 2..=2)))
        })
    };
    match tokens.next() {
        None => true,
        Some(t) if time(t) => match tokens.next() {
            None => true,
            Some("am" | "pm" | "a.m." | "p.m.") => tokens.next().is_none(),
            _ => false,
        },
        _ => false,
    }
}
