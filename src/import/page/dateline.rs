//! Dates as news pages print them above an article: `24 July 2015`, `Apr 16, 2015 8:02 pm
//! UTC`, `Updated:2020/10/23 16:45`, `2017-03-10 09:58`, `08.04.2015 12:46`, `Published 3:45
//! PM ET, Mon January 1, 2020`, `2019年6月25日 18:40`, with the zone when the text names one
//! (`UTC`, `GMT+8`, `+08:00`, `EST`, `ET` — Eastern time with the United States' daylight
//! saving rule of that day —, `BST`, `CET`, `JST`, `Beijing time`…).
//!
//! A date is found anywhere in a short line, but only as a whole: a year that stands alone, a
//! day and month without a year, or an all-digit date that could be read day-first or
//! month-first (`03/04/2021`) is not one. Dotted all-digit dates (`08.04.2015`) are read
//! day-first, the only order that writes them. It never reads relative times (`2 hours ago`):
//! nothing in a copied page says when it was copied.

use std::ops::Range;

use crate::model::{Date, DateTime};

/// A date read from a line: the day, the time when the line gives one (with its zone when the
/// line names it), and the byte range it was read from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Found {
    pub date: Date,
    pub time: Option<DateTime>,
    pub range: (usize, usize),
}

impl Found {
    /// The ISO form kept in the article's metadata: `2015-04-16T20:02:00Z`, `2015-07-24`.
    pub(super) fn iso(&self) -> String {
        match self.time {
            Some(t) => t.to_string(),
            None => self.date.to_string(),
        }
    }

    pub(super) fn span(&self) -> Range<usize> {
        self.range.0..self.range.1
    }
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

/// The first date in `text`; a line longer than 400 bytes is not looked at.
pub(super) fn find_date(text: &str) -> Option<Found> {
    if text.len() > 400 {
        return None;
    }
    let tokens = tokenize(text);
    for i in 0..tokens.len() {
        if let Some(f) = date_at(text, &tokens, i) {
            return Some(f);
        }
    }
    None
}

/// A word of the line and where it is. `.`, `/`, `:` join digits (`2020/10/23`, `16:45`),
/// `.` also joins letters (`a.m.`), `-` joins letters or digits, and `+` opens an offset
/// (`+08:00`, `GMT+8`); anything else that is not a letter or digit ends the word. Chinese
/// dates write 年, 月, 日 between the numbers: each is a word of its own.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

fn tokenize<'a>(text: &'a str) -> Vec<Token<'a>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, out: &mut Vec<Token<'a>>| {
        let t = text[s..e].trim_end_matches(['.', '-']);
        if !t.is_empty() {
            out.push(Token {
                text: t,
                start: s,
                end: s + t.len(),
            });
        }
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
        let unit = matches!(c, '年' | '月' | '日');
        let joins = match c {
            _ if unit => false,
            '.' => (digit(prev) && digit(next)) || (letter(prev) && letter(next)) || letter(prev),
            '/' | ':' => digit(prev) && digit(next),
            '-' => start.is_some() && next.is_some_and(char::is_alphanumeric),
            '+' => digit(next),
            c => c.is_alphanumeric(),
        };
        match (start, joins) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
        if unit {
            out.push(Token {
                text: &text[i..i + c.len_utf8()],
                start: i,
                end: i + c.len_utf8(),
            });
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

fn month_named(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() == 3 && m.starts_with(w.as_str()))
                || (w == "sept" && *m == "september")
        })
        .map(|i| i as u8 + 1)
}

/// A month's or weekday's name (or its abbreviation): never a word of a person's name.
pub(super) fn is_month_or_weekday(word: &str) -> bool {
    month_named(word).is_some() || weekday(word)
}

fn weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || (w.len() == 3 && d.starts_with(w.as_str())))
}

fn day_number(word: &str) -> Option<u8> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let suffix = word[digits..].to_ascii_lowercase();
    if !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th" | ".") {
        return None;
    }
    word[..digits].parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}

/// Numbers split at `sep`, each 1 to 4 digits.
fn numbers(word: &str, sep: char) -> Option<Vec<u16>> {
    let parts: Vec<&str> = word.split(sep).collect();
    if parts.len() != 3 {
        return None;
    }
    parts
        .iter()
        .map(|p| {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        })
        .collect()
}

/// An all-digit date in one token: `2020-10-23`, `2020/10/23`, `2020.10.23` (year first), or
/// `08.04.2015` (day first), or `23/10/2020` when only one order is a date.
fn numeric_date(word: &str) -> Option<Date> {
    for sep in ['-', '/', '.'] {
        let Some(n) = numbers(word, sep) else {
            continue;
        };
        let (a, b, c) = (n[0], n[1], n[2]);
        if (1900..=2099).contains(&a) && word.split(sep).next().is_some_and(|p| p.len() == 4) {
            return Date::new(a, u8::try_from(b).ok()?, u8::try_from(c).ok()?);
        }
        let c_is_year = word.rsplit(sep).next().is_some_and(|p| p.len() == 4);
        if !(c_is_year && (1900..=2099).contains(&c)) {
            return None;
        }
        return match sep {
            '.' => Date::new(c, u8::try_from(b).ok()?, u8::try_from(a).ok()?),
            _ if a > 12 && b <= 12 => Date::new(c, u8::try_from(b).ok()?, u8::try_from(a).ok()?),
            _ if b > 12 && a <= 12 => Date::new(c, u8::try_from(a).ok()?, u8::try_from(b).ok()?),
            _ => None,
        };
    }
    None
}

/// The date that starts at token `i`, with a time and zone after it (or a time before it).
fn date_at(text: &str, t: &[Token<'_>], i: usize) -> Option<Found> {
    // 2021-05-25T17:07+08:00 in one token.
    let w = t[i].text;
    if w.len() > 10 && w.as_bytes()[10] == b'T' {
        let dt = crate::import::html::parse_date(w)?;
        return Some(Found {
            date: dt.date,
            time: Some(dt),
            range: (t[i].start, t[i].end),
        });
    }
    let (date, mut last) = date_tokens(t, i)?;
    let mut start = t[i].start;
    let mut time = None;
    let mut zone = None;
    // A weekday just before: "Mon, January 1, 2020"; a time before that: "3:45 PM ET, Mon
    // January 1, 2020".
    let mut before = i;
    if before > 0 && weekday(t[before - 1].text) {
        before -= 1;
        start = t[before].start;
    }
    if let Some((hms, zone_before, first)) = time_ending_at(text, t, before) {
        time = Some(hms);
        zone = zone_before;
        start = t[first].start;
    }
    let mut end = t[last].end;
    if time.is_none() {
        let mut k = last + 1;
        if k < t.len()
            && t[k].text.eq_ignore_ascii_case("at")
            && gap_is(text, t[last].end, t[k].start, &[','])
        {
            k += 1;
        }
        if k < t.len()
            && gap_is(
                text,
                t[k - 1].end,
                t[k].start,
                &[',', '|', '·', '•', '-', '–', '@'],
            )
            && let Some((hms, used, glued)) = time_at(t, k)
        {
            time = Some(hms);
            zone = glued;
            last = k + used - 1;
            end = t[last].end;
            if zone.is_none()
                && let Some((z, used)) = zone_at(text, t, last + 1)
            {
                zone = Some(z);
                last += used;
                end = t[last].end;
            }
        }
    }
    let time = time.and_then(|(h, m, s)| DateTime::new(date, h, m, s));
    let time = match (time, zone) {
        (Some(t), Some(Zone::Fixed(minutes))) => t.with_offset(minutes),
        (Some(t), Some(Zone::UsRule(standard))) => t.with_offset(standard + us_daylight(date)),
        (t, _) => t,
    };
    Some(Found {
        date,
        time,
        range: (start, end),
    })
}

/// Only the given characters (and spaces) stand between two byte positions.
fn gap_is(text: &str, from: usize, to: usize, allowed: &[char]) -> bool {
    text.get(from..to)
        .is_some_and(|g| g.chars().all(|c| c.is_whitespace() || allowed.contains(&c)))
}

/// A calendar date starting at token `i`: the date and its last token.
fn date_tokens(t: &[Token<'_>], i: usize) -> Option<(Date, usize)> {
    let w = t[i].text;
    // 2020-10-23 / 2020/10/23 08:45 / 08.04.2015, also glued to a time: 2020-10-23T08:45.
    let head = w.split('T').next().unwrap_or(w);
    if head.len() >= 8
        && head.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && let Some(d) = numeric_date(head)
    {
        return Some((d, i));
    }
    // 2019年6月25日
    if let Some(y) = year_number(w)
        && t.get(i + 1).is_some_and(|x| x.text == "年")
        && let (Some(m), Some("月"), Some(d), Some("日")) = (
            t.get(i + 2).and_then(|x| x.text.parse::<u8>().ok()),
            t.get(i + 3).map(|x| x.text),
            t.get(i + 4).and_then(|x| x.text.parse::<u8>().ok()),
            t.get(i + 5).map(|x| x.text),
        )
    {
        return Some((Date::new(y, m, d)?, i + 5));
    }
    // April 16, 2015 / Apr. 16 2015
    if let Some(m) = month_named(w)
        && let Some(d) = t.get(i + 1).and_then(|x| day_number(x.text))
        && let Some(y) = t.get(i + 2).and_then(|x| year_number(x.text))
    {
        return Some((Date::new(y, m, d)?, i + 2));
    }
    // 24 July 2015 / 24. Juli… (English month names only)
    if let Some(d) = day_number(w)
        && let Some(m) = t.get(i + 1).and_then(|x| month_named(x.text))
        && let Some(y) = t.get(i + 2).and_then(|x| year_number(x.text))
    {
        return Some((Date::new(y, m, d)?, i + 2));
    }
    None
}

/// Hour, minute, second.
type Clock = (u8, u8, u8);

/// A clock time at token `k`: (h, m, s), how many tokens it took (`8:02 pm` is two) and the
/// zone glued to it (`16:45+08:00`).
fn time_at(t: &[Token<'_>], k: usize) -> Option<(Clock, usize, Option<Zone>)> {
    let w = t.get(k)?.text;
    let (w, glued) = match w.find(['+', '-']) {
        Some(at) => (&w[..at], Some(Zone::Fixed(offset_word(&w[at..])?))),
        None => (w, None),
    };
    let lower = w.to_ascii_lowercase();
    // "8:02pm" glued.
    for suffix in ["am", "pm", "a.m", "p.m"] {
        if let Some(clock) = lower.strip_suffix(suffix) {
            let (h, m, s) = clock_parts(clock)?;
            return Some((twelve_hour(h, m, s, suffix.starts_with('p'))?, 1, glued));
        }
    }
    let (h, m, s) = clock_parts(w)?;
    if let Some(next) = t.get(k + 1) {
        let n = next.text.to_ascii_lowercase();
        if matches!(n.as_str(), "am" | "pm" | "a.m" | "p.m") {
            return Some((twelve_hour(h, m, s, n.starts_with('p'))?, 2, glued));
        }
    }
    (h <= 23).then_some(((h, m, s), 1, glued))
}

fn twelve_hour(h: u8, m: u8, s: u8, pm: bool) -> Option<(u8, u8, u8)> {
    (1..=12)
        .contains(&h)
        .then_some((h % 12 + if pm { 12 } else { 0 }, m, s))
}

/// `HH:MM` or `HH:MM:SS` (a zone glued after the seconds is not part of it).
fn clock_parts(w: &str) -> Option<(u8, u8, u8)> {
    let mut parts = w.split(':');
    let h = parts.next()?;
    let m = parts.next()?;
    let s = parts.next();
    if parts.next().is_some()
        || h.is_empty()
        || h.len() > 2
        || m.len() != 2
        || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let sec = match s {
        Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    let (h, m): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    (m < 60 && sec < 60).then_some((h, m, sec))
}

/// A time that ends right before token `before` ("3:45 PM ET, Mon January 1, 2020"): the
/// time, its zone, and its first token.
fn time_ending_at(
    text: &str,
    t: &[Token<'_>],
    before: usize,
) -> Option<(Clock, Option<Zone>, usize)> {
    let joint = [',', '|', '·', '•', '-', '–'];
    if before == 0 || !gap_is(text, t[before - 1].end, t[before].start, &joint) {
        return None;
    }
    for zone_len in [0usize, 1] {
        let time_end = before.checked_sub(1 + zone_len)?;
        let zone = if zone_len == 1 {
            if !gap_is(text, t[time_end].end, t[before - 1].start, &[]) {
                continue;
            }
            match zone_word(t[before - 1].text) {
                Some(z) => Some(z),
                None => continue,
            }
        } else {
            None
        };
        for used in [2usize, 1] {
            let Some(first) = (time_end + 1).checked_sub(used) else {
                continue;
            };
            if let Some((hms, n, glued)) = time_at(t, first)
                && n == used
            {
                return Some((hms, zone.or(glued), first));
            }
        }
    }
    None
}

/// A time zone: minutes east of UTC, or a United States zone whose offset depends on the day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    Fixed(i16),
    /// Standard offset; daylight saving time adds an hour on the days it is in force.
    UsRule(i16),
}

fn zone_word(w: &str) -> Option<Zone> {
    let fixed = |h: i16| Some(Zone::Fixed(h * 60));
    match w.trim_matches(|c| c == '(' || c == ')') {
        "UTC" | "GMT" | "Z" | "UT" => fixed(0),
        "BST" | "CET" | "WAT" => fixed(1),
        "CEST" | "EET" | "SAST" => fixed(2),
        "EEST" | "MSK" => fixed(3),
        "HKT" | "SGT" | "AWST" | "PHT" => fixed(8),
        "JST" | "KST" => fixed(9),
        "AEST" => fixed(10),
        "AEDT" => fixed(11),
        "EST" => fixed(-5),
        "EDT" => fixed(-4),
        "CDT" => fixed(-5),
        "MST" => fixed(-7),
        "MDT" => fixed(-6),
        "PST" => fixed(-8),
        "PDT" => fixed(-7),
        "ET" => Some(Zone::UsRule(-300)),
        "CT" => Some(Zone::UsRule(-360)),
        "MT" => Some(Zone::UsRule(-420)),
        "PT" => Some(Zone::UsRule(-480)),
        other => offset_word(other).map(Zone::Fixed),
    }
}

/// `+08:00`, `+0800`, `GMT+8`, `UTC+5:30`, `UTC-3` → minutes east of UTC.
fn offset_word(w: &str) -> Option<i16> {
    let rest = w
        .strip_prefix("UTC")
        .or_else(|| w.strip_prefix("GMT"))
        .unwrap_or(w);
    let (sign, digits) = match rest.as_bytes().first()? {
        b'+' => (1, &rest[1..]),
        b'-' => (-1, &rest[1..]),
        _ => return None,
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 => digits.split_at(2),
        None => (digits, "0"),
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let (h, m): (i16, i16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// A zone after a time at token `k`: `UTC`, `GMT+8`, `+08:00`, `(Beijing time)`, `Beijing
/// time`; and how many tokens it took.
fn zone_at(text: &str, t: &[Token<'_>], k: usize) -> Option<(Zone, usize)> {
    let w = t.get(k)?;
    if !gap_is(text, t[k - 1].end, w.start, &[' ', '(']) {
        // A zone glued to the time: "16:45+08:00" is one token, handled by the caller.
        return None;
    }
    if let Some(z) = zone_word(w.text) {
        // `GMT +8`: the offset may stand apart.
        if matches!(z, Zone::Fixed(0))
            && let Some(next) = t.get(k + 1)
            && next.text.starts_with(['+', '-'])
            && let Some(off) = offset_word(next.text)
        {
            return Some((Zone::Fixed(off), 2));
        }
        return Some((z, 1));
    }
    if w.text.eq_ignore_ascii_case("beijing")
        && t.get(k + 1)
            .is_some_and(|x| x.text.eq_ignore_ascii_case("time"))
    {
        return Some((Zone::Fixed(480), 2));
    }
    None
}

/// 60 when United States daylight saving time is in force on `date` (from 2007: the second
/// Sunday of March to the first Sunday of November; before: the first Sunday of April to the
/// last Sunday of October), else 0. The change hour itself is not looked at.
fn us_daylight(date: Date) -> i16 {
    let sunday_on_or_after = |month: u8, day: u8| -> Option<u8> {
        let d = Date::new(date.year, month, day)?;
        // 1970-01-01 was a Thursday: days % 7 == 3 is a Sunday.
        let wd = (d.days_since_epoch() - 3).rem_euclid(7) as u8;
        Some(day + (7 - wd) % 7)
    };
    let (start, end) = if date.year >= 2007 {
        (
            sunday_on_or_after(3, 8).map(|d| (3, d)),
            sunday_on_or_after(11, 1).map(|d| (11, d)),
        )
    } else {
        (
            sunday_on_or_after(4, 1).map(|d| (4, d)),
            sunday_on_or_after(10, 25).map(|d| (10, d)),
        )
    };
    match (start, end) {
        (Some(s), Some(e)) if (date.month, date.day) >= s && (date.month, date.day) < e => 60,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_pages_print_them() {
        // (line, ISO date or time read, text it was read from)
        let rows: &[(&str, Option<(&str, &str)>)] = &[
            ("24 July 2015", Some(("2015-07-24", "24 July 2015"))),
            (
                "Dan Goodin - Apr 16, 2015 8:02 pm UTC",
                Some(("2015-04-16T20:02:00Z", "Apr 16, 2015 8:02 pm UTC")),
            ),
            (
                "Updated:2020/10/23 16:45",
                Some(("2020-10-23T16:45:00", "2020/10/23 16:45")),
            ),
            (
                "2017-03-10 09:58 来源：网易科学人",
                Some(("2017-03-10T09:58:00", "2017-03-10 09:58")),
            ),
            (
                "08.04.2015 12:46",
                Some(("2015-04-08T12:46:00", "08.04.2015 12:46")),
            ),
            (
                "Published 3:45 PM ET, Mon January 1, 2020",
                Some((
                    "2020-01-01T15:45:00-05:00",
                    "3:45 PM ET, Mon January 1, 2020",
                )),
            ),
            (
                "Updated 10:00 AM ET, July 4, 2019",
                Some(("2019-07-04T10:00:00-04:00", "10:00 AM ET, July 4, 2019")),
            ),
            (
                "Oct 18, 2019 · 8 min read",
                Some(("2019-10-18", "Oct 18, 2019")),
            ),
            (
                "2019年6月25日 18:40 北京时间",
                Some(("2019-06-25T18:40:00", "2019年6月25日 18:40")),
            ),
            (
                "time:2019/6/25 18:40:42 readed:1365",
                Some(("2019-06-25T18:40:42", "2019/6/25 18:40:42")),
            ),
            (
                "June 5, 2021 at 9:15 am GMT+8",
                Some(("2021-06-05T09:15:00+08:00", "June 5, 2021 at 9:15 am GMT+8")),
            ),
            (
                "Posted 2021-05-25T17:07+08:00",
                Some(("2021-05-25T17:07:00+08:00", "2021-05-25T17:07+08:00")),
            ),
            ("23/10/2020", Some(("2020-10-23", "23/10/2020"))),
            // Day or month first? Not guessed.
            ("03/04/2021", None),
            ("In 2015 the team grew.", None),
            ("July 2015", None),
            ("2 hours ago", None),
            ("32 July 2015", None),
        ];
        for &(line, expected) in rows {
            let got = find_date(line).map(|f| (f.iso(), &line[f.span()]));
            let expected = expected.map(|(iso, span)| (iso.to_string(), span));
            assert_eq!(got, expected, "{line:?}");
        }
    }

    #[test]
    fn us_daylight_saving_follows_the_rule_of_the_year() {
        let d = |y, m, day| Date::new(y, m, day).unwrap_or_else(|| panic!("{y}-{m}-{day}"));
        assert_eq!(us_daylight(d(2020, 3, 7)), 0);
        assert_eq!(us_daylight(d(2020, 3, 8)), 60);
        assert_eq!(us_daylight(d(2020, 10, 31)), 60);
        assert_eq!(us_daylight(d(2020, 11, 1)), 0);
        assert_eq!(us_daylight(d(2005, 4, 2)), 0);
        assert_eq!(us_daylight(d(2005, 4, 3)), 60);
        assert_eq!(us_daylight(d(2005, 10, 30)), 0);
    }
}
