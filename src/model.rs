//! The content model: what an article *is*, independent of where it came from (a raw scrape or a
//! Markdown file) and of how it is rendered (HTML page or EPUB chapter).
//!
//! Everything here is plain data. No I/O happens in this module, and nothing here knows about
//! templates: backends shape these types into template views of their own.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Serialize, Serializer};

/// The months' English names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A URL-safe article identifier, unique within a book. Used as the article's directory name in
/// the HTML site and as its chapter file name in the EPUB.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Accepts only `[a-z0-9_-]` (ASCII lower case) so the slug can be a path segment, a file
    /// name on every file system and a URL segment without escaping. Returns why it is not.
    pub fn parse(s: &str) -> Result<Slug, String> {
        if s.is_empty() {
            return Err("a slug must not be empty".into());
        }
        if s.len() > 200 {
            return Err("a slug must be at most 200 characters long".into());
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
        {
            return Err(format!(
                "slug `{s}` contains `{c}`; use only lower-case ASCII letters, digits, `-` and `_`"
            ));
        }
        if s.starts_with('-') || s.starts_with('_') {
            return Err(format!("slug `{s}` must start with a letter or digit"));
        }
        Ok(Slug(s.to_string()))
    }

    /// Derives a slug from arbitrary text (a file stem, a title): lower-cases ASCII letters,
    /// turns every other run of characters into one `-`. Returns `None` when nothing usable is
    /// left (for example a title written only in Chinese characters).
    pub fn from_text(text: &str) -> Option<Slug> {
        let mut out = String::with_capacity(text.len());
        let mut dash = false;
        for c in text.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                dash = true;
            }
            if out.len() >= 120 {
                break;
            }
        }
        let out = out.trim_start_matches('_').to_string();
        Slug::parse(&out).ok()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A calendar date as written in the content (no time zone: scraped articles rarely have one and
/// inventing one would make output depend on the machine).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, rejecting impossible ones (31 April, 29 February in a common year).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let y = digits(&s[0..4])?;
        let m = digits(&s[5..7])?;
        let d = digits(&s[8..10])?;
        Date::new(y as u16, m as u8, d as u8)
    }

    /// Days since 1970-01-01 (negative before). Used for ordering feeds and for the EPUB's
    /// modification date.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let m = i64::from(self.month);
        let d = i64::from(self.day);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// The inverse of [`Date::days_since_epoch`], for turning `SOURCE_DATE_EPOCH` into a date.
    pub fn from_days_since_epoch(z: i64) -> Option<Date> {
        let z = z + 719468;
        let era = if z >= 0 { z } else { z - 146096 } / 146097;
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date::new(u16::try_from(y).ok()?, m as u8, d as u8)
    }

    /// "25 May 2021": the form readers see.
    pub fn human(&self) -> String {
        format!("{} {} {}", self.day, self.month_name(), self.year)
    }

    /// "May": the month's English name.
    pub fn month_name(&self) -> &'static str {
        MONTH_NAMES[usize::from(self.month.clamp(1, 12) - 1)]
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date and time as the source wrote it: local wall-clock time, and the offset from UTC when
/// the source gave one (an export's `2021-05-25T17:07:00+08:00`, a page's `<time datetime>`).
/// The offset is kept, not converted away, so the time shows as the site's readers saw it and
/// still names one instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Minutes east of UTC (`+08:00` is 480, `Z` is 0); `None` when the source gave no zone.
    pub offset_minutes: Option<i16>,
}

impl DateTime {
    /// A local time with no zone.
    pub fn new(date: Date, hour: u8, minute: u8, second: u8) -> Option<DateTime> {
        (hour < 24 && minute < 60 && second < 60).then_some(DateTime {
            date,
            hour,
            minute,
            second,
            offset_minutes: None,
        })
    }

    /// `self` at `offset` minutes east of UTC (at most ±18 hours, as RFC 3339 allows).
    pub fn with_offset(self, offset: i16) -> Option<DateTime> {
        (offset.abs() <= 18 * 60).then_some(DateTime {
            offset_minutes: Some(offset),
            ..self
        })
    }

    /// Seconds since 1970-01-01T00:00:00 UTC when the zone is known; with no zone, the local
    /// time read as UTC (the best order for comments of one site, which share a zone).
    pub fn instant(&self) -> i64 {
        let local = self.date.days_since_epoch() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        local - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]]` (a space may stand for the `T`), optionally
    /// followed by a zone (`Z`, `+08:00`, `+0800`, `+08`), or a bare `YYYY-MM-DD` which means
    /// midnight. Fractions of a second are dropped.
    pub fn parse_iso(s: &str) -> Option<DateTime> {
        let s = s.trim();
        if s.len() == 10 {
            return DateTime::new(Date::parse_iso(s)?, 0, 0, 0);
        }
        let (local, offset) = split_zone(s)?;
        let local = strip_fraction(local)?;
        let parsed = DateTime::parse_local(local)?;
        match offset {
            Some(minutes) => parsed.with_offset(minutes),
            None => Some(parsed),
        }
    }

    fn parse_local(s: &str) -> Option<DateTime> {
        if s.len() != 16 && s.len() != 19 {
            return None;
        }
        let date = Date::parse_iso(s.get(0..10)?)?;
        let sep = s.as_bytes()[10];
        if sep != b'T' && sep != b' ' || s.as_bytes()[13] != b':' {
            return None;
        }
        let h = digits(s.get(11..13)?)?;
        let m = digits(s.get(14..16)?)?;
        let sec = if s.len() == 19 {
            if s.as_bytes()[16] != b':' {
                return None;
            }
            digits(s.get(17..19)?)?
        } else {
            0
        };
        DateTime::new(date, h as u8, m as u8, sec as u8)
    }

    /// "27 May 2021, 9:39 am": the form readers of the source site saw, with its zone when
    /// known ("25 May 2021, 5:07 pm UTC+8", "… UTC+5:30", "… UTC").
    pub fn human(&self) -> String {
        let (h12, ampm) = match self.hour {
            0 => (12, "am"),
            1..=11 => (self.hour, "am"),
            12 => (12, "pm"),
            _ => (self.hour - 12, "pm"),
        };
        let zone = match self.offset_minutes {
            None => String::new(),
            Some(0) => " UTC".to_string(),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let (h, min) = (m.unsigned_abs() / 60, m.unsigned_abs() % 60);
                if min == 0 {
                    format!(" UTC{sign}{h}")
                } else {
                    format!(" UTC{sign}{h}:{min:02}")
                }
            }
        };
        format!(
            "{}, {}:{:02} {}{zone}",
            self.date.human(),
            h12,
            self.minute,
            ampm
        )
    }
}

/// A unit of a [`RelativeTime`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TimeUnit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl TimeUnit {
    fn name(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// A time a page printed relative to the moment it was viewed: `3 days ago`, `an hour ago`,
/// `211 days ago`, `2 hrs ago`. It names no date by itself; [`RelativeTime::before`] counts it
/// back from a known moment (the scrape's date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RelativeTime {
    pub amount: u32,
    pub unit: TimeUnit,
}

impl RelativeTime {
    /// Parses `N UNIT ago` (or `a`/`an`/`one UNIT ago`), the whole text: units are seconds,
    /// minutes, hours, days, weeks, months and years, spelt out or as `sec`, `min`, `hr`, `wk`,
    /// `mo`, `yr` (with or without a plural `s`). Anything else — `just now`, `yesterday`, a
    /// sentence around the phrase — is not one.
    pub fn parse(text: &str) -> Option<RelativeTime> {
        let mut words = text.split_whitespace();
        let amount = words.next()?;
        let unit = words.next()?;
        if !words.next()?.eq_ignore_ascii_case("ago") || words.next().is_some() {
            return None;
        }
        let amount = match amount.to_ascii_lowercase().as_str() {
            "a" | "an" | "one" => 1,
            n if (1..=6).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()) => {
                n.parse().ok()?
            }
            _ => return None,
        };
        let unit = unit.to_ascii_lowercase();
        let singular = unit.strip_suffix('s').unwrap_or(&unit);
        let unit = match singular {
            "second" | "sec" => TimeUnit::Second,
            "minute" | "min" => TimeUnit::Minute,
            "hour" | "hr" => TimeUnit::Hour,
            "day" => TimeUnit::Day,
            "week" | "wk" => TimeUnit::Week,
            "month" | "mo" => TimeUnit::Month,
            "year" | "yr" => TimeUnit::Year,
            _ => return None,
        };
        Some(RelativeTime { amount, unit })
    }

    /// The time this long before `anchor`, on the calendar for days and longer (a month
    /// before 31 March is the last day of February), on the clock for shorter units. `None`
    /// before year 1.
    pub fn before(&self, anchor: DateTime) -> Option<DateTime> {
        let n = i64::from(self.amount);
        let seconds = match self.unit {
            TimeUnit::Second => n,
            TimeUnit::Minute => n * 60,
            TimeUnit::Hour => n * 3600,
            TimeUnit::Day | TimeUnit::Week => {
                let days = if self.unit == TimeUnit::Week {
                    7 * n
                } else {
                    n
                };
                let date = Date::from_days_since_epoch(anchor.date.days_since_epoch() - days)?;
                return Some(DateTime { date, ..anchor });
            }
            TimeUnit::Month | TimeUnit::Year => {
                let months = if self.unit == TimeUnit::Year {
                    12 * n
                } else {
                    n
                };
                let index = i64::from(anchor.date.year) * 12 + i64::from(anchor.date.month) - 1;
                let index = index - months;
                let year = u16::try_from(index.div_euclid(12))
                    .ok()
                    .filter(|&y| y > 0)?;
                let month = index.rem_euclid(12) as u8 + 1;
                let day = anchor.date.day.min(days_in_month(year, month));
                return Some(DateTime {
                    date: Date::new(year, month, day)?,
                    ..anchor
                });
            }
        };
        let local = anchor.date.days_since_epoch() * 86_400
            + i64::from(anchor.hour) * 3600
            + i64::from(anchor.minute) * 60
            + i64::from(anchor.second)
            - seconds;
        let date = Date::from_days_since_epoch(local.div_euclid(86_400))?;
        let in_day = local.rem_euclid(86_400);
        Some(DateTime {
            date,
            hour: (in_day / 3600) as u8,
            minute: (in_day / 60 % 60) as u8,
            second: (in_day % 60) as u8,
            offset_minutes: anchor.offset_minutes,
        })
    }

    /// "3 years", "1 hour": the span in words.
    pub fn span(&self) -> String {
        let s = if self.amount == 1 { "" } else { "s" };
        format!("{} {}{s}", self.amount, self.unit.name())
    }

    /// `when` to the precision this relative time has: the year for years, the month for
    /// months, the day for anything shorter. As a `<time datetime>` value (`2018`, `2018-05`,
    /// `2018-05-25`) and in words (`2018`, `May 2018`, `25 May 2018`).
    pub fn rounded(&self, when: &DateTime) -> (String, String) {
        let d = when.date;
        match self.unit {
            TimeUnit::Year => (format!("{:04}", d.year), d.year.to_string()),
            TimeUnit::Month => {
                let human = d.human();
                let month_year = human.split_once(' ').map_or(human.as_str(), |(_, r)| r);
                (
                    format!("{:04}-{:02}", d.year, d.month),
                    month_year.to_string(),
                )
            }
            _ => (d.to_string(), d.human()),
        }
    }
}

/// Splits a trailing zone off `s`: `Z`, `±HH:MM`, `±HHMM` or `±HH` after a time. `None` when
/// what follows the time is not a zone.
fn split_zone(s: &str) -> Option<(&str, Option<i16>)> {
    if let Some(local) = s.strip_suffix(['Z', 'z']) {
        return Some((local, Some(0)));
    }
    // A zone's sign comes after the time (position 16 at the earliest), never in the date.
    let Some(at) = s.rfind(['+', '-']).filter(|&i| i >= 16) else {
        return Some((s, None));
    };
    let (local, zone) = s.split_at(at);
    let sign: i16 = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i16 = digits[..2].parse().ok()?;
    let minutes: i16 = if digits.len() == 4 {
        digits[2..].parse().ok()?
    } else {
        0
    };
    if zone.len() == 6 && zone.as_bytes()[3] != b':' || minutes >= 60 {
        return None;
    }
    Some((local, Some(sign * (hours * 60 + minutes))))
}

/// `s` without a `.fraction` of a second after `HH:MM:SS`.
fn strip_fraction(s: &str) -> Option<&str> {
    match s.get(19..) {
        Some(rest) if rest.starts_with('.') => rest[1..]
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| &s[..19])
            .filter(|_| rest.len() > 1),
        _ => Some(s),
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date, self.hour, self.minute, self.second
        )?;
        match self.offset_minutes {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                write!(
                    f,
                    "{sign}{:02}:{:02}",
                    m.unsigned_abs() / 60,
                    m.unsigned_abs() % 60
                )
            }
        }
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl DateTime {
    /// The form feeds and sitemaps need (RFC 3339 requires a zone): as [`fmt::Display`], with
    /// `Z` for a time written without one, which is read as UTC there as a date is.
    pub fn rfc3339(&self) -> String {
        match self.offset_minutes {
            Some(_) => self.to_string(),
            None => format!("{self}Z"),
        }
    }
}

/// A day, or a moment of it: what front matter's `date:` and `updated:` hold. Hugo and Zola
/// write either `2021-05-25` or an RFC 3339 time (`2021-05-25T17:07:00+08:00`); a time keeps
/// its zone, so it stays the instant the author wrote and shows with the zone it was written
/// in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timestamp {
    Day(Date),
    Time(DateTime),
}

impl Timestamp {
    /// `YYYY-MM-DD`, or a date and time as [`DateTime::parse_iso`] reads it (zone optional).
    pub fn parse(s: &str) -> Option<Timestamp> {
        let s = s.trim();
        match Date::parse_iso(s) {
            Some(day) => Some(Timestamp::Day(day)),
            None if s.len() > 10 => DateTime::parse_iso(s).map(Timestamp::Time),
            None => None,
        }
    }

    /// The calendar day as written (in the time's own zone, not converted to UTC).
    pub fn day(&self) -> Date {
        match self {
            Timestamp::Day(d) => *d,
            Timestamp::Time(t) => t.date,
        }
    }

    /// The time of day, when one was written.
    pub fn time(&self) -> Option<DateTime> {
        match self {
            Timestamp::Day(_) => None,
            Timestamp::Time(t) => Some(*t),
        }
    }

    /// Seconds since 1970-01-01 UTC; a day is its midnight UTC, a time without a zone is read
    /// as UTC (as feeds write them), so the instants of one book compare.
    pub fn instant(&self) -> i64 {
        match self {
            Timestamp::Day(d) => d.days_since_epoch() * 86_400,
            Timestamp::Time(t) => t.instant(),
        }
    }

    /// "25 May 2021", or "25 May 2021, 5:07 pm UTC+8".
    pub fn human(&self) -> String {
        match self {
            Timestamp::Day(d) => d.human(),
            Timestamp::Time(t) => t.human(),
        }
    }

    /// RFC 3339 for feeds: a day is its midnight UTC.
    pub fn rfc3339(&self) -> String {
        match self {
            Timestamp::Day(d) => format!("{d}T00:00:00Z"),
            Timestamp::Time(t) => t.rfc3339(),
        }
    }

    /// Whether `self` is not before `other`: by instant when both have a time, otherwise by
    /// the day as written (a day says nothing of its hours).
    pub fn not_before(&self, other: &Timestamp) -> bool {
        match (self, other) {
            (Timestamp::Time(a), Timestamp::Time(b)) => a.instant() >= b.instant(),
            _ => self.day() >= other.day(),
        }
    }
}

/// `2021-05-25` or `2021-05-25T17:07:00+08:00`: the `<time datetime>` value.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Day(d) => d.fmt(f),
            Timestamp::Time(t) => t.fmt(f),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How a block's `text` is to be read. Raw scrapes are plain text (an asterisk in a scrape is an
/// asterisk); Markdown files keep their inline Markdown so emphasis and links survive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Markup {
    #[default]
    Plain,
    Markdown,
}

/// One unit of an article body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    #[serde(flatten)]
    pub kind: BlockKind,
    /// The block's text. Hard line breaks are kept as `\n`.
    pub text: String,
    /// 1-based line in the source file where the text starts.
    pub line: u32,
    #[serde(skip_serializing_if = "is_plain")]
    pub markup: Markup,
}

fn is_plain(m: &Markup) -> bool {
    *m == Markup::Plain
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading {
        level: u8,
    },
    /// An item of a list. Consecutive items with the same `ordered` and `depth` form one list.
    ListItem {
        ordered: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        number: Option<u64>,
        depth: u8,
    },
    Quote,
    /// The caption of a figure. `src` is `None` when the image itself was not archived, which is
    /// the normal case for scrapes.
    Caption {
        #[serde(skip_serializing_if = "Option::is_none")]
        src: Option<String>,
    },
    /// Raw HTML from a Markdown body. Backends sanitise it; the normalizer leaves it alone.
    Html,
    /// A thematic break (`---` in Markdown) between sections.
    Rule,
    /// Preformatted text, never touched by the normalizer.
    Code {
        #[serde(skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
    },
}

/// An entry of the article's numbered reference list, keeping the source's own number (sources
/// skip numbers, and readers cite them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub number: u32,
    pub text: String,
    pub line: u32,
}

/// A source line the importer dropped, and why: nothing disappears without a trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub line: u32,
    pub text: String,
    pub reason: String,
}

/// A comment's identifier: its path in the thread (`3`, `3-1`, `3-1-1`), or the id given in
/// front matter. Used for permalinks (`#comment-3-1`) and by annotations.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct CommentId(pub String);

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Index of a comment inside its [`Thread`].
pub type CommentIndex = usize;

/// A reader comment. Replies are indices into the owning [`Thread`], so a thread of any depth is
/// walked without recursion and dropped without overflowing the stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub id: CommentId,
    /// The number the site printed before a top-level comment (`1.`); replies have none.
    pub number: Option<u32>,
    pub author: String,
    /// Written by the publication's staff rather than a reader.
    pub staff: bool,
    pub date_time: Option<DateTime>,
    /// The date as the page wrote it, kept when it is not an exact date and time: a relative
    /// time (`3 days ago`) or a date without a time. With `date_time` as well, that time was
    /// worked out from this text (a relative time counted back from the scrape's date) and is
    /// approximate; alone, it is all that is known.
    pub date_text: Option<String>,
    /// Paragraphs separated by one blank line, hard line breaks as `\n`.
    pub body: String,
    pub replies: Vec<CommentIndex>,
    pub parent: Option<CommentIndex>,
    /// 1-based line of the comment's header (or front matter entry) in the source file.
    pub line: u32,
}

/// A comment tree stored flat: `comments[i].replies` index into `comments`, `roots` are the
/// top-level comments in display order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Thread {
    pub comments: Vec<Comment>,
    pub roots: Vec<CommentIndex>,
}

/// One comment in display order with its depth (0 = top level). See [`Thread::walk`].
#[derive(Debug, Clone, Copy)]
pub struct Visit<'a> {
    pub index: CommentIndex,
    pub depth: usize,
    pub comment: &'a Comment,
}

impl Thread {
    pub fn len(&self) -> usize {
        self.comments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Adds a comment under `parent` (or at top level) and returns its index.
    pub fn push(&mut self, mut comment: Comment, parent: Option<CommentIndex>) -> CommentIndex {
        let index = self.comments.len();
        comment.parent = parent;
        self.comments.push(comment);
        match parent {
            Some(p) => self.comments[p].replies.push(index),
            None => self.roots.push(index),
        }
        index
    }

    /// Pre-order walk (a comment, then its replies), iterative so depth is unbounded.
    pub fn walk(&self) -> Vec<Visit<'_>> {
        let mut out = Vec::with_capacity(self.comments.len());
        let mut stack: Vec<(CommentIndex, usize)> =
            self.roots.iter().rev().map(|&i| (i, 0)).collect();
        while let Some((index, depth)) = stack.pop() {
            let comment = &self.comments[index];
            out.push(Visit {
                index,
                depth,
                comment,
            });
            stack.extend(comment.replies.iter().rev().map(|&r| (r, depth + 1)));
        }
        out
    }

    /// Number of comments below `index` (replies, replies to replies, …).
    pub fn descendant_count(&self, index: CommentIndex) -> usize {
        let mut n = 0;
        let mut stack = self.comments[index].replies.clone();
        while let Some(i) = stack.pop() {
            n += 1;
            stack.extend_from_slice(&self.comments[i].replies);
        }
        n
    }

    pub fn find(&self, id: &str) -> Option<CommentIndex> {
        self.comments.iter().position(|c| c.id.0 == id)
    }
}

/// The nested JSON form of a thread (the `comments` array of the import JSON), built
/// bottom-up without recursion. A thread has no `Serialize` impl on purpose: serde walks
/// nested values recursively, and a thread 10,000 levels deep would overflow the stack. Print
/// the value with [`crate::json::to_string_pretty`] and drop it with
/// [`crate::json::drop_deep`].
pub fn thread_to_json(thread: &Thread) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let order = thread.walk();
    let mut built: Vec<Option<Value>> = vec![None; thread.comments.len()];
    for visit in order.iter().rev() {
        let c = visit.comment;
        let replies: Vec<Value> = c
            .replies
            .iter()
            .map(|&r| built[r].take().unwrap_or(Value::Null))
            .collect();
        let mut m = Map::new();
        m.insert("id".into(), json!(c.id.0));
        if let Some(n) = c.number {
            m.insert("number".into(), json!(n));
        }
        m.insert("author".into(), json!(c.author));
        m.insert("staff".into(), json!(c.staff));
        m.insert(
            "date".into(),
            c.date_time
                .map_or(Value::Null, |d| Value::String(d.to_string())),
        );
        if let Some(text) = &c.date_text {
            m.insert("date_text".into(), json!(text));
        }
        m.insert("body".into(), json!(c.body));
        m.insert("line".into(), json!(c.line));
        m.insert("replies".into(), Value::Array(replies));
        built[visit.index] = Some(Value::Object(m));
    }
    Value::Array(
        thread
            .roots
            .iter()
            .map(|&r| built[r].take().unwrap_or(Value::Null))
            .collect(),
    )
}

/// What an editorial note is attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationTarget {
    /// The n-th paragraph of the body, counting from 1 (headings, captions and list items are
    /// not counted).
    Paragraph(u32),
    Comment(CommentId),
}

/// An editor's note from front matter, rendered next to its target (HTML) or as a footnote
/// (EPUB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Annotation {
    pub target: AnnotationTarget,
    pub note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    pub line: u32,
}

/// Where the article was published.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Source {
    pub site: Option<String>,
    pub url: Option<String>,
}

/// A former address of an article, as front matter wrote it (`old/path/`, `/2019/old.html`),
/// with its place in the file. What it means in the site is the HTML backend's to decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub path: String,
    pub line: u32,
    pub col: u32,
}

/// A complete article, ready for the normalizer and the backends.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    pub slug: Slug,
    /// The content file it was loaded from, relative to the book root.
    pub path: PathBuf,
    pub title: String,
    /// 1-based line of the title in the source file (0 when it came from front matter only).
    pub title_line: u32,
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// The day of publication as written (in the zone of `date_time`, when it has one).
    pub date: Option<Date>,
    /// The time of publication, when the content gives one (`date: 2021-05-25T17:07:00+08:00`),
    /// with its zone; `date` is its day.
    pub date_time: Option<DateTime>,
    /// The content says the date is not known (`date: unknown`): nothing to fix, so `folio
    /// check` does not warn about it.
    pub date_unknown: bool,
    /// When the article was last changed (front matter `updated:`), a day or a time.
    pub updated: Option<Timestamp>,
    /// The article's own description (front matter `description:` or `summary:`), used for
    /// the page's description and the feed's summary instead of its first lines.
    pub description: Option<String>,
    /// Not to be published (front matter `draft: true`): builds leave it out unless asked.
    pub draft: bool,
    /// Former addresses of the article in the site (front matter `aliases:`), each with
    /// where it is written; the HTML site writes a redirect page at each.
    pub aliases: Vec<Alias>,
    /// Front matter `extra:`, kept as written for templates (`article.extra`).
    pub extra: BTreeMap<String, serde_json::Value>,
    pub source: Source,
    /// BCP 47 language tag of the text as it stands.
    pub language: String,
    /// Language the text was machine-translated from, if it was.
    pub translated_from: Option<String>,
    pub tags: Vec<String>,
    pub blocks: Vec<Block>,
    pub references: Vec<Reference>,
    pub comments: Thread,
    pub annotations: Vec<Annotation>,
    /// Facts kept from site residue (editor, image credit, publisher stamp) and any extra front
    /// matter strings.
    pub meta: BTreeMap<String, String>,
    /// Lines the importer dropped, with the reason.
    pub removed: Vec<Removed>,
}

impl Article {
    /// Gives back the spare capacity the importer and the normalizer left in the article's
    /// text: a build holds every article at once, and strings grown by pushing carry up to
    /// twice their length.
    pub fn shrink_to_fit(&mut self) {
        for block in &mut self.blocks {
            block.text.shrink_to_fit();
        }
        self.blocks.shrink_to_fit();
        for comment in &mut self.comments.comments {
            comment.body.shrink_to_fit();
            comment.replies.shrink_to_fit();
        }
        self.comments.comments.shrink_to_fit();
        self.removed.shrink_to_fit();
    }

    /// When the article was published: its day, or its time when one was written.
    pub fn published(&self) -> Option<Timestamp> {
        match (self.date_time, self.date) {
            (Some(t), _) => Some(Timestamp::Time(t)),
            (None, Some(d)) => Some(Timestamp::Day(d)),
            (None, None) => None,
        }
    }

    /// When the article last changed: `updated`, else its publication.
    pub fn modified(&self) -> Option<Timestamp> {
        self.updated.or_else(|| self.published())
    }

    /// Number of words in the body, for reading time.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_keep_the_zone_they_were_written_with() {
        let rows = [
            (
                "2021-05-25T17:07:00+08:00",
                "2021-05-25T17:07:00+08:00",
                "25 May 2021, 5:07 pm UTC+8",
            ),
            (
                "2021-05-25T09:07:00Z",
                "2021-05-25T09:07:00Z",
                "25 May 2021, 9:07 am UTC",
            ),
            (
                "2021-05-25 17:07:00.123-0330",
                "2021-05-25T17:07:00-03:30",
                "25 May 2021, 5:07 pm UTC-3:30",
            ),
            (
                "2021-05-25T17:07+05",
                "2021-05-25T17:07:00+05:00",
                "25 May 2021, 5:07 pm UTC+5",
            ),
            (
                "2021-05-25T17:07:00",
                "2021-05-25T17:07:00",
                "25 May 2021, 5:07 pm",
            ),
            ("2021-05-25", "2021-05-25T00:00:00", "25 May 2021, 12:00 am"),
        ];
        for (input, shown, human) in rows {
            let d = DateTime::parse_iso(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(d.to_string(), shown, "{input}");
            assert_eq!(d.human(), human, "{input}");
            assert_eq!(
                DateTime::parse_iso(&d.to_string()),
                Some(d),
                "{input} round trip"
            );
        }
        let east = DateTime::parse_iso("2021-05-25T17:07:00+08:00").unwrap();
        let utc = DateTime::parse_iso("2021-05-25T09:07:00Z").unwrap();
        assert_eq!(
            east.instant(),
            utc.instant(),
            "one instant, two wall clocks"
        );
        for bad in [
            "2021-05-25T17:07:00+8",
            "2021-05-25T17:07:00+08:60",
            "2021-05-25T17:07:00+19:00",
            "2021-05-25T17:07:00.",
            "2021-05-25T17:07:00+08:0",
            "2021-05-25T17:07:00 PM",
        ] {
            assert_eq!(DateTime::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_are_a_day_or_a_time_and_order_by_instant() {
        let t = |s: &str| Timestamp::parse(s).unwrap_or_else(|| panic!("{s}"));
        let day = t("2021-05-25");
        let east = t("2021-05-25T17:07:00+08:00");
        let local = t("2021-05-25T17:07");
        assert_eq!(
            (day.to_string(), day.human(), day.rfc3339()),
            (
                "2021-05-25".into(),
                "25 May 2021".into(),
                "2021-05-25T00:00:00Z".into()
            )
        );
        assert_eq!(east.rfc3339(), "2021-05-25T17:07:00+08:00");
        assert_eq!(local.rfc3339(), "2021-05-25T17:07:00Z");
        assert_eq!(east.day(), day.day());
        assert_eq!(east.instant(), t("2021-05-25T09:07:00Z").instant());
        // A day says nothing of its hours: a time on it is not before it.
        assert!(t("2021-05-25T01:00:00+08:00").not_before(&day));
        assert!(!t("2021-05-25T01:00:00+08:00").not_before(&t("2021-05-24T18:00:00Z")));
        for bad in ["", "2021-5-25", "2021-05-25T", "tomorrow", "2021-02-30"] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn relative_times_count_back_from_the_scrape() {
        let anchor = DateTime::parse_iso("2021-03-31T10:00:00+08:00").unwrap();
        // (text, counted back from the anchor, `datetime` value, words)
        let rows = [
            ("3 years ago", "2018-03-31T10:00:00+08:00", "2018", "2018"),
            ("a year ago", "2020-03-31T10:00:00+08:00", "2020", "2020"),
            (
                "1 month ago",
                "2021-02-28T10:00:00+08:00",
                "2021-02",
                "February 2021",
            ),
            (
                "13 months ago",
                "2020-02-29T10:00:00+08:00",
                "2020-02",
                "February 2020",
            ),
            (
                "211 days ago",
                "2020-09-01T10:00:00+08:00",
                "2020-09-01",
                "1 September 2020",
            ),
            (
                "2 weeks ago",
                "2021-03-17T10:00:00+08:00",
                "2021-03-17",
                "17 March 2021",
            ),
            (
                "an hour ago",
                "2021-03-31T09:00:00+08:00",
                "2021-03-31",
                "31 March 2021",
            ),
            (
                "11 hrs ago",
                "2021-03-30T23:00:00+08:00",
                "2021-03-30",
                "30 March 2021",
            ),
            (
                "5 mins ago",
                "2021-03-31T09:55:00+08:00",
                "2021-03-31",
                "31 March 2021",
            ),
            (
                "30 Seconds Ago",
                "2021-03-31T09:59:30+08:00",
                "2021-03-31",
                "31 March 2021",
            ),
        ];
        for (text, when, value, words) in rows {
            let r = RelativeTime::parse(text).unwrap_or_else(|| panic!("{text}"));
            let d = r.before(anchor).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(d.to_string(), when, "{text}");
            assert_eq!(
                r.rounded(&d),
                (value.to_string(), words.to_string()),
                "{text}"
            );
        }
        assert_eq!(
            RelativeTime::parse("an hour ago").map(|r| r.span()),
            Some("1 hour".into())
        );
        assert_eq!(
            RelativeTime::parse("3 days ago").map(|r| r.span()),
            Some("3 days".into())
        );
        for not in [
            "",
            "ago",
            "3 days",
            "just now",
            "yesterday",
            "3 days ago today",
            "about 3 days ago",
            "three days ago",
            "3 fortnights ago",
            "-3 days ago",
            "1234567 days ago",
        ] {
            assert_eq!(RelativeTime::parse(not), None, "{not:?}");
        }
        let early = DateTime::parse_iso("0001-06-01T00:00:00").unwrap();
        assert_eq!(
            RelativeTime::parse("2 years ago").unwrap().before(early),
            None
        );
    }
}
