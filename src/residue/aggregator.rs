//! Aggregator headers: the line an aggregator puts above an article it reposts.
//!
//! `via Sohu | time: 2020-08-07 10:31 | views: 1234`, `Time: 2020-08-07 Views: 1,234`,
//! `via:TechWire time:2019/6/25 18:40:42 readed:1365`, `via TechNewsHub | 2024-06-18 14:32 |
//! Views: 2,846`: at the start of the text, a run of key-value fields holding a count and
//! a time (or a `via`); after the first field, a date written as digits may stand without its
//! key.
//! A statistics line under a post is one too: `Reads: 12,345 | Comments: 56 | Published:
//! 2024-06-18 09:32`, and, when they are the whole text, two counts or more without a time
//! (`Views: 1,204 | Likes: 33`).
//! The facts are kept: `via`, `published`, `source`, `author`.
//!
//! It is tried only at the start of the text, and never takes a header without a count or
//! prose after a key: "Views: most analysts disagree.", "Time: it is running out for Huawei.",
//! "Reads and comments on the post surged after the announcement." (no key's colon),
//! "Comments: 56 readers wrote in." (one count, and no time).

use super::text::{colon_after, ends_word, eq_ci_at, next_char, skip_ws, token_at};
use super::{Residue, ResidueKind};

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Count,
    When,
    Name(&'static str),
}

const HEADER_KEYS: &[(&str, Field)] = &[
    ("release time", Field::When),
    ("published", Field::When),
    ("posted", Field::When),
    ("updated", Field::When),
    ("time", Field::When),
    ("date", Field::When),
    ("发布时间", Field::When),
    ("时间", Field::When),
    ("日期", Field::When),
    ("page views", Field::Count),
    ("pageviews", Field::Count),
    ("views", Field::Count),
    ("reads", Field::Count),
    ("clicks", Field::Count),
    ("readed", Field::Count),
    ("hits", Field::Count),
    ("comments", Field::Count),
    ("replies", Field::Count),
    ("likes", Field::Count),
    ("shares", Field::Count),
    ("favorites", Field::Count),
    ("评论", Field::Count),
    ("点赞", Field::Count),
    ("浏览量", Field::Count),
    ("阅读量", Field::Count),
    ("浏览", Field::Count),
    ("阅读", Field::Count),
    ("点击", Field::Count),
    ("source", Field::Name("source")),
    ("author", Field::Name("author")),
    ("via", Field::Name("via")),
    ("来源", Field::Name("source")),
    ("作者", Field::Name("author")),
];

const SEPARATORS: &[char] = &['|', '｜', '丨', '•', '·'];

/// A header key with its colon at `p`: (field, position after the colon).
fn header_key_at(text: &str, p: usize) -> Option<(Field, usize)> {
    HEADER_KEYS.iter().find_map(|&(key, field)| {
        if eq_ci_at(text, p, key) && ends_word(text, p + key.len()) {
            colon_after(text, p + key.len()).map(|after| (field, after))
        } else {
            None
        }
    })
}

/// Words of a field's value: runs until a separator, the next key, a date after a name, or `max`
/// words.
fn value_words(text: &str, from: usize, max: usize, need_digit: bool) -> usize {
    let mut end = from;
    let mut pos = from;
    let mut n = 0;
    while let Some((s, e)) = token_at(text, pos) {
        let token = &text[s..e];
        if n >= max
            || token.starts_with(SEPARATORS)
            || header_key_at(text, s).is_some()
            || (!need_digit && bare_date(text, s).is_some())
            || (need_digit && !token.chars().any(|c| c.is_ascii_digit()))
        {
            break;
        }
        // A separator glued to the end of the value ("2020-08-07|").
        if let Some(k) = token.find(SEPARATORS) {
            end = s + k;
            break;
        }
        end = e;
        pos = e;
        n += 1;
    }
    end
}

/// `via X | time: … | views: 1234` or `Time: 2020-08-07 Views: 1,234` at the start of the
/// text: a run of key-value fields holding a count and a time (or a `via`), or counts alone.
pub(super) fn aggregator_header(text: &str, start: usize) -> Option<Residue> {
    let mut pos = start;
    let mut end = start;
    let (mut counts, mut when, mut via) = (0, false, false);
    let mut meta: Vec<(&'static str, String)> = Vec::new();
    let mut fields = 0;
    loop {
        pos = skip_ws(text, pos);
        while let Some(c) = next_char(text, pos).filter(|c| SEPARATORS.contains(c)) {
            pos = skip_ws(text, pos + c.len_utf8());
        }
        if pos >= text.len() {
            break;
        }
        if fields == 0 && eq_ci_at(text, pos, "via ") {
            let value_end = value_words(text, pos + 4, 5, false);
            let name = text[pos + 4..value_end].trim();
            if name.is_empty() {
                break;
            }
            meta.push(("via", name.to_string()));
            via = true;
            pos = value_end;
            end = value_end;
            fields += 1;
        } else if let Some((field, after)) = header_key_at(text, pos) {
            let value_end = match field {
                Field::Count => {
                    let p = skip_ws(text, after);
                    let n = text.as_bytes()[p..]
                        .iter()
                        .take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
                        .count();
                    if n == 0 || !text.as_bytes()[p].is_ascii_digit() {
                        break;
                    }
                    counts += 1;
                    p + n
                }
                Field::When => {
                    let e = value_words(text, after, 3, true);
                    if e == after {
                        break;
                    }
                    when = true;
                    meta.push(("published", text[after..e].trim().to_string()));
                    e
                }
                Field::Name(key) => {
                    let e = value_words(text, after, 6, false);
                    via |= key == "via" && e > skip_ws(text, after);
                    meta.push((key, text[after..e].trim().to_string()));
                    e
                }
            };
            pos = value_end;
            end = value_end;
            fields += 1;
            continue;
        } else if let Some(e) = (fields > 0).then(|| bare_date(text, pos)).flatten() {
            when = true;
            meta.push(("published", text[pos..e].to_string()));
            pos = e;
            end = e;
            fields += 1;
        } else {
            break;
        }
    }
    // Counts alone make a statistics line only when they are all of it.
    let whole = text[end..].trim().is_empty();
    ((counts > 0 && (when || via)) || (counts >= 2 && whole)).then(|| {
        let mut r = Residue::new(start..end, ResidueKind::AggregatorHeader);
        for (k, v) in meta {
            r = r.with(k, &v);
        }
        r
    })
}

/// A date written as digits at `p`, `2024-06-18` or `2019/6/25` (year first), with the time
/// after it if there is one (`14:32`, `18:40:42`): where it ends. Nothing else may be glued to
/// it.
fn bare_date(text: &str, p: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let year = digits(p);
    if year != 4 {
        return None;
    }
    let sep = *bytes.get(p + 4)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let month = digits(p + 5);
    if !(1..=2).contains(&month) || bytes.get(p + 5 + month) != Some(&sep) {
        return None;
    }
    let day_at = p + 6 + month;
    let day = digits(day_at);
    if !(1..=2).contains(&day) {
        return None;
    }
    let mut end = day_at + day;
    // The time, after one blank: hours and minutes, maybe seconds.
    let t = skip_ws(text, end);
    let hours = digits(t);
    if t > end && (1..=2).contains(&hours) && bytes.get(t + hours) == Some(&b':') {
        let mut q = t + hours;
        while bytes.get(q) == Some(&b':') && digits(q + 1) == 2 {
            q += 3;
        }
        if q > t + hours {
            end = q;
        }
    }
    let after = next_char(text, end);
    after
        .is_none_or(|c| c.is_whitespace() || SEPARATORS.contains(&c))
        .then_some(end)
}
