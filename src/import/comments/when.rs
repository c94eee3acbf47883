//! When a comment was written, as comment sections print it: a clock time (`5:07 pm`,
//! `17:07`), a calendar date in words (`September 13, 2018`, `March 11th, 2015`, `13 Sep
//! 2018`, `Mon Mar 10, 2021`) or ISO (`2018-09-13`), the two joined by `at`, `@`, a comma or a
//! space, and relative times (`3 years ago`).
//!
//! It reads only the whole text it is given — a stamp inside a sentence is not one — and
//! never guesses: an all-digit date other than ISO (`03/04/2021`, day or month first?) is
//! not read here, and a date without a time is not given one.

use crate::model::{Date, DateTime, RelativeTime};

/// A comment's date as one of the stamps above.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stamp {
    /// A date and a time.
    Exact(DateTime),
    /// A date without a time: kept as written.
    Day(Date),
    /// `3 years ago`: kept as written, counted back from the scrape's date when it is known.
    Relative(RelativeTime),
}

/// The whole of `s` as a stamp, with the text it was read from (the stamp as written). A
/// trailing `:` (`wrote on … at 3:53 am:`) and an `edited` mark (`3 years ago edited`,
/// `(edited)`) are allowed and left out of that text.
pub(super) fn stamp(s: &str) -> Option<(Stamp, &str)> {
    let s = s.trim().trim_end_matches(':').trim_end();
    let s = [" (edited)", " edited"]
        .iter()
        .find_map(|m| strip_suffix_ci(s, m))
        .map_or(s, str::trim_end);
    read(s).map(|st| (st, s))
}

fn read(s: &str) -> Option<Stamp> {
    if s.is_empty() || s.len() > 60 {
        return None;
    }
    if let Some(r) = RelativeTime::parse(s) {
        return Some(Stamp::Relative(r));
    }
    if s.len() > 10
        && s.as_bytes()[10] == b'T'
        && let Some(d) = DateTime::parse_iso(s)
    {
        return Some(Stamp::Exact(d));
    }
    let (date, rest) = date_prefix(s)?;
    let mut rest = rest.trim_start_matches([',', ' ']);
    for joint in ["at ", "@ ", "- ", "– ", "— "] {
        if let Some(r) = strip_prefix_ci(rest, joint) {
            rest = r.trim_start();
            break;
        }
    }
    if rest.is_empty() {
        return Some(Stamp::Day(date));
    }
    let (hour, minute, second) = parse_time(rest)?;
    DateTime::new(date, hour, minute, second).map(Stamp::Exact)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A month's full name, its first three letters, or `Sept`, with an optional `.`.
fn month(word: &str) -> Option<u8> {
    let w = word.strip_suffix('.').unwrap_or(word).to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() == 3 && m.starts_with(w.as_str()))
                || w == "sept" && *m == "september"
        })
        .map(|i| i as u8 + 1)
}

fn weekday(word: &str) -> bool {
    let w = word.trim_end_matches([',', '.']).to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(w.as_str())))
}

/// `13`, `13th`, `1st`, `2nd`, `3rd` → the day.
fn day(word: &str) -> Option<u8> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = word[digits..].to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    number(&word[..digits], 1, 2)
}

fn year(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// The date at the start of `s` and what follows it.
fn date_prefix(s: &str) -> Option<(Date, &str)> {
    let mut words = Words { rest: s };
    let mut first = words.next()?;
    if weekday(first) {
        first = words.next()?;
    }
    if let Some(d) = Date::parse_iso(first) {
        return Some((d, words.rest));
    }
    let second = words.next()?;
    let third = words.next()?;
    let date = if let Some(m) = month(first) {
        // September 13, 2018
        Date::new(year(third)?, m, day(second)?)?
    } else {
        // 13 September 2018
        Date::new(year(third)?, month(second)?, day(first)?)?
    };
    Some((date, words.rest))
}

/// Words split at spaces and commas, the rest of the text kept for what follows the date.
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Words<'a> {
    fn next(&mut self) -> Option<&'a str> {
        let s = self.rest.trim_start_matches([' ', ',']);
        let end = s.find([' ', ',']).unwrap_or(s.len());
        if end == 0 {
            return None;
        }
        self.rest = &s[end..];
        Some(&s[..end])
    }
}

pub(super) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

pub(super) fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let at = s.len().checked_sub(suffix.len())?;
    let tail = s.get(at..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &s[..at])
}

/// `H:MM am`, `H:MM:SS pm`, `H:MMpm`, `h:mm a.m.` or 24-hour `HH:MM`; 12 am is midnight.
pub(super) fn parse_time(s: &str) -> Option<(u8, u8, u8)> {
    let s = s.trim();
    let clock_len = s
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b':')
        .count();
    let (clock, suffix) = s.split_at(clock_len);
    let mut parts = clock.split(':');
    let h = number(parts.next()?, 1, 2)?;
    let m = number(parts.next()?, 2, 2)?;
    let sec = match parts.next() {
        Some(p) => number(p, 2, 2)?,
        None => 0,
    };
    if parts.next().is_some() || m > 59 || sec > 59 {
        return None;
    }
    let suffix = suffix.trim();
    let pm = if suffix.is_empty() {
        return (h <= 23).then_some((h, m, sec));
    } else if suffix.eq_ignore_ascii_case("am") || suffix.eq_ignore_ascii_case("a.m.") {
        false
    } else if suffix.eq_ignore_ascii_case("pm") || suffix.eq_ignore_ascii_case("p.m.") {
        true
    } else {
        return None;
    };
    if !(1..=12).contains(&h) {
        return None;
    }
    Some((h % 12 + if pm { 12 } else { 0 }, m, sec))
}

/// An all-digit string of `min..=max` digits as a number.
pub(super) fn number(s: &str, min: usize, max: usize) -> Option<u8> {
    if s.len() < min || s.len() > max || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}
