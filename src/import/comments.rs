//! The comment section of a scrape: headers (`N. Avatar NAME DD/MM/YYYY @ H:MM am`,
//! `• Avatar NAME …` for replies, `• NAME NAME …` without `Avatar` for staff) and the bodies
//! below them. Nesting comes from indentation: a reply belongs to the nearest earlier comment
//! indented less, whatever the indentation unit (spaces, tabs).

use super::Line;
use crate::model::{Comment, CommentId, Date, DateTime, Removed, Thread};

/// A parsed comment header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// The printed number of a top-level comment; `None` for a `•` reply.
    pub number: Option<u32>,
    pub author: String,
    pub staff: bool,
    pub date_time: DateTime,
}

/// Recognises a header line; anything else (including body lines that begin with "1.") is
/// `None`, because a header must end in a full `DD/MM/YYYY @ H:MM am|pm` stamp.
pub(crate) fn parse_header(line: &str) -> Option<Header> {
    let t = line.trim();
    let (number, rest) = if let Some(rest) = t.strip_prefix('•') {
        (None, rest)
    } else {
        let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 6 {
            return None;
        }
        let rest = t[digits..].strip_prefix('.')?;
        (Some(t[..digits].parse().ok()?), rest)
    };
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    // From the end: am|pm, H:MM, @, DD/MM/YYYY.
    let (rest, ampm) = split_last_word(rest)?;
    let (rest, time, ampm) = match ampm.to_ascii_lowercase().as_str() {
        "am" | "pm" => {
            let (rest, time) = split_last_word(rest)?;
            (rest, time, ampm.to_ascii_lowercase())
        }
        // "5:07pm" written together.
        other if other.ends_with("am") || other.ends_with("pm") => {
            let (time, suffix) = ampm.split_at(ampm.len() - 2);
            (rest, time, suffix.to_ascii_lowercase())
        }
        _ => return None,
    };
    let (rest, at) = split_last_word(rest)?;
    if at != "@" {
        return None;
    }
    let (name_part, date) = split_last_word(rest)?;
    let date = parse_dmy(date)?;
    let (h, m) = time.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u8 = h.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    if !(1..=12).contains(&h) {
        return None;
    }
    let hour = match (h, ampm.as_str()) {
        (12, "am") => 0,
        (12, _) => 12,
        (h, "pm") => h + 12,
        (h, _) => h,
    };
    let date_time = DateTime::new(date, hour, m, 0)?;

    let name_part = name_part.trim();
    if name_part.is_empty() {
        return None;
    }
    let (author, staff) = if let Some(name) = name_part
        .strip_prefix("Avatar")
        .filter(|r| r.starts_with(char::is_whitespace))
    {
        (collapse_spaces(name), false)
    } else if let Some(name) = doubled_name(name_part) {
        // Staff replies print the name twice and have no avatar.
        (name, true)
    } else {
        (collapse_spaces(name_part), false)
    };
    if author.is_empty() {
        return None;
    }
    Some(Header {
        number,
        author,
        staff,
        date_time,
    })
}

fn split_last_word(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_end();
    let i = s.rfind(char::is_whitespace)?;
    Some((&s[..i], s[i..].trim_start()))
}

fn parse_dmy(s: &str) -> Option<Date> {
    let mut parts = s.split('/');
    let d: u8 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let y = parts.next()?;
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m, d)
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Scott Bicheno Scott Bicheno" → "Scott Bicheno".
fn doubled_name(s: &str) -> Option<String> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() < 2 || words.len() % 2 != 0 {
        return None;
    }
    let (a, b) = words.split_at(words.len() / 2);
    (a == b).then(|| a.join(" "))
}

/// Builds the thread from the comment section (which starts at the first top-level header).
pub(crate) fn parse_comments(lines: &[Line<'_>], removed: &mut Vec<Removed>) -> Thread {
    let mut thread = Thread::default();
    // (indent, index) of the comments that can still receive replies.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let Some(header) = parse_header(line.text) else {
            // Only reachable for lines before the first header, which the caller excludes;
            // keep them traceable anyway.
            if !line.is_blank() {
                removed.push(Removed {
                    line: line.number,
                    text: line.text.trim().to_string(),
                    reason: "text outside any comment".into(),
                });
            }
            i += 1;
            continue;
        };
        let body_end = lines[i + 1..]
            .iter()
            .position(|l| parse_header(l.text).is_some())
            .map_or(lines.len(), |p| i + 1 + p);
        let body = comment_body(&lines[i + 1..body_end], removed);

        let parent = if header.number.is_some() {
            open.clear();
            None
        } else {
            while open
                .last()
                .is_some_and(|&(indent, _)| indent >= line.indent)
            {
                open.pop();
            }
            open.last().map(|&(_, idx)| idx)
        };
        let id = match parent {
            Some(p) => format!(
                "{}-{}",
                thread.comments[p].id,
                thread.comments[p].replies.len() + 1
            ),
            None => header
                .number
                .map(|n| n.to_string())
                .filter(|n| thread.find(n).is_none())
                .unwrap_or_else(|| format!("c{}", thread.roots.len() + 1)),
        };
        let index = thread.push(
            Comment {
                id: CommentId(id),
                number: if parent.is_none() {
                    header.number
                } else {
                    None
                },
                author: header.author,
                staff: header.staff,
                date_time: Some(header.date_time),
                body,
                replies: Vec::new(),
                parent: None,
                line: line.number,
            },
            parent,
        );
        open.push((line.indent, index));
        i = body_end;
    }
    thread
}

/// A comment body: dedented, paragraphs separated by one blank line, lines within a paragraph
/// kept as hard breaks. Whole lines of site chrome (a comment form after the last comment) go
/// to `removed`.
fn comment_body(lines: &[Line<'_>], removed: &mut Vec<Removed>) -> String {
    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines {
        if line.is_blank() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let text = line.text.trim();
        let residue = crate::residue::find_residue(text);
        if residue.len() == 1 && residue[0].range.len() == text.len() {
            removed.push(Removed {
                line: line.number,
                text: text.to_string(),
                reason: residue[0].reason.to_string(),
            });
            continue;
        }
        current.push(text);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}
