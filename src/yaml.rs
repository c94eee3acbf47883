//! Every YAML call of folio goes through here, so the YAML crate stays a one-line choice in
//! `Cargo.toml` (today the maintained continuation of serde_yaml, imported under that name).
//!
//! The parser reports positions inside the YAML text it was given; this module turns them into
//! positions in the user's file (front matter starts below line 1) and repairs the errors the
//! parser places at 1:1 (duplicate keys), so users are sent to the real line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// The deepest nesting of mappings and sequences folio reads; the YAML crate's own limit.
pub const MAX_DEPTH: usize = 128;

/// The deepest comment thread front matter can hold under [`MAX_DEPTH`]: the document, its
/// `comments` list, then a mapping and a `replies` list per level.
pub const MAX_THREAD_DEPTH_IN_FRONT_MATTER: usize = (MAX_DEPTH - 1) / 2;

/// Put in the message of a deserialisation error about a blank string (an empty glossary
/// variant). The parser places such an error at the collection holding the string; [`from_str`]
/// moves it to the blank string itself.
pub const BLANK: &str = "must not be blank";

/// Parses `text`, which starts on line `first_line` (1-based) of `path`, into `T`.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str, first_line: usize) -> Result<T> {
    // An empty document (front matter with nothing in it) means "all defaults", not an error.
    if text.trim().is_empty() {
        return serde_yaml::from_str("{}").map_err(|e| convert(path, text, first_line, e));
    }
    // The parser enforces MAX_DEPTH only after it has read the whole document, and its scanner
    // spends time proportional to the open `[`/`{` on every token: a front matter of 100,000
    // `[` would take hours to be refused. One linear pass finds such nesting first.
    if let Some(offset) = flow_nesting_overflow(text, MAX_DEPTH) {
        let at = Location::at_offset(path, text, offset);
        return Err(too_deep(Location::new(
            path,
            first_line + at.line - 1,
            at.col,
        )));
    }
    serde_yaml::from_str(text).map_err(|e| convert(path, text, first_line, e))
}

/// A mapping whose keys must be unique. The YAML crate rejects a repeated key in a struct but
/// lets the last one win in a map; used with `deserialize_with` where a map is read, so a
/// repeated key is the same error (at the same place) as anywhere else.
pub fn unique_map<'de, D, V>(
    d: D,
) -> std::result::Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    struct Unique<V>(std::marker::PhantomData<V>);
    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Unique<V> {
        type Value = std::collections::BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a mapping of keys to values")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = std::collections::BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, V>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!("duplicate field `{key}`")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Unique(std::marker::PhantomData))
}

fn too_deep(location: Location) -> Error {
    Error::at(
        location,
        format!("the YAML is nested more than {MAX_DEPTH} levels deep here; folio reads at most {MAX_DEPTH} levels"),
    )
    .with_hint(format!("front matter holds comment threads up to {} levels deep; a deeper thread can stay a raw .txt scrape", MAX_THREAD_DEPTH_IN_FRONT_MATTER))
}

/// The byte offset of the first `[` or `{` that opens a flow collection more than `limit`
/// levels deep, if any. A small lexer, not a parser: it knows where YAML allows a flow
/// collection to start (at the start of a value, or anywhere inside another flow
/// collection) and skips comments, quoted scalars and block scalars (`|`, `>`), so brackets
/// in prose are not counted. Where it cannot tell, it does not count: a missed bracket only
/// leaves the parser's own limit to act.
fn flow_nesting_overflow(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let blank = |i: usize| {
        bytes
            .get(i)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
    };
    let mut depth = 0usize;
    // A node may start here: after indentation, `- `, `? `, `: `, and in flow after `[ { , :`.
    let mut value_start = true;
    let mut line_indent = 0usize;
    let mut at_line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start {
            if b == b' ' {
                line_indent += 1;
                i += 1;
                continue;
            }
            at_line_start = false;
        }
        match b {
            b'\n' => {
                at_line_start = true;
                line_indent = 0;
                value_start = true;
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || blank(i - 1) => {
                i = next_line(bytes, i);
                continue;
            }
            b'"' | b'\'' if value_start => {
                i = skip_quoted(bytes, i);
                value_start = false;
                continue;
            }
            b'&' | b'!' if value_start => {
                // An anchor or a tag comes before the node it names.
                while i < bytes.len() && !blank(i) {
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' if depth > 0 || value_start => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
                value_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                value_start = false;
            }
            b',' if depth > 0 => value_start = true,
            b':' if depth > 0 || blank(i + 1) => value_start = true,
            b'-' | b'?' if depth == 0 && value_start && blank(i + 1) => {}
            b'|' | b'>' if depth == 0 && value_start => {
                // A block scalar: its lines are indented deeper than the line that opens it.
                i = next_line(bytes, i);
                while i < bytes.len() {
                    let end = next_line(bytes, i);
                    let line = &bytes[i..end];
                    let indent = line.iter().take_while(|&&c| c == b' ').count();
                    let empty = line
                        .iter()
                        .all(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'));
                    if !empty && indent <= line_indent {
                        break;
                    }
                    i = end;
                }
                at_line_start = true;
                line_indent = 0;
                value_start = true;
                continue;
            }
            _ => value_start = false,
        }
        i += 1;
    }
    None
}

/// The offset just past the end of the line holding `i`.
fn next_line(bytes: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n + 1)
}

/// The offset just past the quoted scalar opening at `i` (`"` with backslash escapes, `'` with
/// `''`), or the end of the text when it is never closed.
fn skip_quoted(bytes: &[u8], i: usize) -> usize {
    let quote = bytes[i];
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' if quote == b'"' => j += 2,
            b'\'' if quote == b'\'' && bytes.get(j + 1) == Some(&b'\'') => j += 2,
            c if c == quote => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// Serialises `value` as YAML (for `folio import --out` and `folio init`).
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_yaml::to_string(value).map_err(|e| Error::Message(format!("cannot write YAML: {e}")))
}

/// Where `key:` is written in the YAML `text` (which starts on file line `first_line`),
/// pointing at its value: for errors about a value that parsed but is invalid. A dotted key
/// (`epub.filename`) is looked up inside its parent mapping. Falls back to the parent's line,
/// then to the document's first line, when the key is absent.
pub fn key_location(path: &Path, text: &str, first_line: usize, key: &str) -> Location {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = None;
    // (first line to search, indentation a key must exceed, end of the parent's block)
    let (mut from, mut parent_indent, mut until) = (0, None::<usize>, lines.len());
    for segment in key.split('.') {
        let hit = (from..until).find_map(|i| {
            let line = lines[i];
            let indent = line.len() - line.trim_start().len();
            let deeper = parent_indent.is_none_or(|p| indent > p);
            let at_level = parent_indent.is_some() || indent == 0;
            let rest = line.trim_start().strip_prefix(segment)?;
            let value = rest.trim_start().strip_prefix(':')?;
            (deeper && at_level).then_some((i, indent, value))
        });
        let Some((i, indent, value)) = hit else { break };
        let value_col = lines[i].len() - value.trim_start().len();
        found = Some((i, lines[i][..value_col].chars().count() + 1));
        from = i + 1;
        parent_indent = Some(indent);
        until = (from..lines.len())
            .find(|&j| {
                let l = lines[j];
                !l.trim().is_empty()
                    && !l.trim_start().starts_with('#')
                    && l.len() - l.trim_start().len() <= indent
            })
            .unwrap_or(lines.len());
    }
    match found {
        Some((i, col)) => Location::new(path, first_line + i, col),
        None => Location::new(path, first_line, 1),
    }
}

/// Where each entry of the sequence under `key:` (dotted, as for [`key_location`]) is written
/// in the YAML `text` (which starts on file line `first_line`): the start of each entry's value,
/// for errors about one entry of a list that parsed. Block sequences (`- a` lines, indented
/// under the key or level with it) and flow sequences (`[a, {line: 3}]`, over several lines
/// too) are read; an entry that cannot be found (an alias, a key written some other way) is
/// given the key's place, so the list always has one location per entry the parser read.
pub fn item_locations(
    path: &Path,
    text: &str,
    first_line: usize,
    key: &str,
    count: usize,
) -> Vec<Location> {
    let at_key = key_location(path, text, first_line, key);
    let lines: Vec<&str> = text.lines().collect();
    let key_index = at_key.line.saturating_sub(first_line);
    let mut found: Vec<(usize, usize)> = Vec::new();
    if let Some(line) = lines.get(key_index) {
        let value_byte: usize = line
            .char_indices()
            .nth(at_key.col.saturating_sub(1))
            .map_or(line.len(), |(b, _)| b);
        let value = &line[value_byte..];
        if value.trim_start().starts_with('[') {
            // A flow sequence: entries start after `[` and after each `,` at depth 1.
            let start: usize = lines[..key_index]
                .iter()
                .map(|l| l.len() + 1)
                .sum::<usize>()
                + value_byte
                + (value.len() - value.trim_start().len());
            found = flow_entries(text, start);
        } else if value.trim().is_empty() || value.trim_start().starts_with('#') {
            let key_indent = line.len() - line.trim_start().len();
            let mut seq_indent = None;
            for (i, l) in lines.iter().enumerate().skip(key_index + 1) {
                let trimmed = l.trim_start();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let indent = l.len() - trimmed.len();
                let dash = trimmed == "-" || trimmed.starts_with("- ");
                match seq_indent {
                    None if dash && indent >= key_indent => seq_indent = Some(indent),
                    None => break,
                    Some(s) if indent < s || (indent == s && !dash) => break,
                    Some(_) => {}
                }
                if Some(indent) == seq_indent && dash {
                    let after = trimmed[1..].trim_start();
                    let byte = if after.is_empty() {
                        indent
                    } else {
                        l.len() - after.len()
                    };
                    found.push((i, l[..byte].chars().count() + 1));
                }
            }
        }
    }
    (0..count)
        .map(|n| match found.get(n) {
            Some(&(i, col)) => Location::new(path, first_line + i, col),
            None => at_key.clone(),
        })
        .collect()
}

/// The (line index, column) of each entry of the flow sequence opening at byte `start`.
fn flow_entries(text: &str, start: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut expecting = false;
    let mut i = start;
    while i < bytes.len() {
        let b = bytes[i];
        if expecting && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b']') {
            let at = Location::at_offset(Path::new(""), text, i);
            out.push((at.line - 1, at.col));
            expecting = false;
        }
        match b {
            b'"' | b'\'' => {
                i = skip_quoted(bytes, i);
                continue;
            }
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = next_line(bytes, i);
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                expecting = depth == 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expecting = true,
            _ => {}
        }
        i += 1;
    }
    out
}

/// The lines (0-based, of `text`) of the value of the top-level key `key` written as a block:
/// from the line after `key:` to the next line that starts another top-level key. A sequence
/// may sit at the key's own indentation (`key:` then `- item`). Empty when the key is absent.
pub fn top_level_block(text: &str, key: &str) -> std::ops::Range<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    }) else {
        return 0..0;
    };
    let end = (start + 1..lines.len())
        .find(|&i| {
            let l = lines[i];
            !l.is_empty() && !l.starts_with([' ', '\t', '-', '#'])
        })
        .unwrap_or(lines.len());
    start..end
}

/// Where each of `values`, the items of the top-level key `key`, is written (`aliases: [a, b]`
/// or one `- a` per line, plain or quoted): each is looked for after the key and after the
/// one before it. One written so that its text differs from its value (escapes in a quoted
/// string) is placed at the key.
pub fn value_locations(
    path: &Path,
    text: &str,
    first_line: usize,
    key: &str,
    values: &[String],
) -> Vec<Location> {
    let at_key = key_location(path, text, first_line, key);
    let block = top_level_block(text, key);
    // The byte offset of the key's value; the search goes on from there.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(block.start)
        .map(str::len)
        .sum();
    let from = text[line_start..]
        .find(':')
        .map_or(line_start, |i| line_start + i + 1);
    locate_values(path, text, first_line, from, values, &at_key)
}

/// Where each of `values` is written in `text` (which starts on line `first_line` of `path`),
/// from the byte offset `from` on, each after the one before it, plain or quoted; `at_key`
/// for one not found as written. Also used for TOML front matter, whose strings are quoted
/// the same two ways.
pub fn locate_values(
    path: &Path,
    text: &str,
    first_line: usize,
    mut from: usize,
    values: &[String],
    at_key: &Location,
) -> Vec<Location> {
    values
        .iter()
        .map(|value| {
            let found = [value.clone(), format!("\"{value}\""), format!("'{value}'")]
                .iter()
                .filter(|v| !v.is_empty())
                .filter_map(|v| text[from..].find(v.as_str()).map(|i| (from + i, v.len())))
                .min();
            match found {
                Some((at, len)) => {
                    from = at + len;
                    let here = Location::at_offset(path, text, at);
                    Location::new(path, first_line + here.line - 1, here.col)
                }
                None => at_key.clone(),
            }
        })
        .collect()
}

/// Turns a parser error into a located [`Error`], with a hint for unknown keys.
fn convert(path: &Path, text: &str, first_line: usize, err: serde_yaml::Error) -> Error {
    let full = err.to_string();
    let mut message = strip_position_suffix(&full).to_string();
    let (mut line, mut col) = err
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));
    // "PROBLEM at line 3 column 1, while CONTEXT at line 1 column 8": the user needs the
    // place where the unfinished thing (a quoted string, a flow list) started.
    if let Some((problem, context, (l, c))) = problem_and_context(&full) {
        message = format!(
            "{problem} on line {}, while {context} that starts here",
            first_line + line - 1
        );
        line = l;
        col = c;
    }

    if let Some(key) = between(&message, "duplicate field `", "`")
        .or_else(|| between(&message, "duplicated key `", "`"))
        && let Some((l, c)) = second_key_occurrence(text, key)
    {
        line = l;
        col = c;
    }
    if message.contains(BLANK)
        && let Some((l, c)) = blank_string_after(text, line, col)
    {
        line = l;
        col = c;
    }
    // A value reached through an alias (`authors: [*list]`) is placed by the parser at its
    // anchor (`&list`); the user wrote the mistake where the alias is used.
    if let Some((anchor, (l, c))) = alias_of_anchor_at(text, line, col) {
        message = format!(
            "{message} (through the alias `*{anchor}`; its anchor is on line {})",
            first_line + line - 1
        );
        line = l;
        col = c;
    }
    let location = Location::new(path, first_line + line - 1, col);
    if message == "recursion limit exceeded" {
        return too_deep(location);
    }
    if message == "repetition limit exceeded" {
        return Error::at(
            location,
            "the YAML's aliases (`*name`) expand to far more values than the document holds; folio stops there",
        )
        .with_hint("write the values out instead of repeating anchors");
    }
    serde_error(location, message)
}

/// A serde message at `location` as folio shows it: an unknown key or value keeps only what
/// is wrong in the message, and the hint lists the valid names once, after the likely one.
/// Shared by every serde format folio reads (YAML here, TOML front matter), whose messages
/// for unknown names are serde's own.
pub fn serde_error(location: Location, message: String) -> Error {
    let unknown = between(&message, "unknown field `", "`")
        .map(|u| (u, "keys"))
        .or_else(|| between(&message, "unknown variant `", "`").map(|u| (u, "values")));
    let Some((unknown, what)) = unknown else {
        return Error::at(location, message);
    };
    // The parser lists every valid name in its message; the hint lists them once, after the
    // likely one, so the message keeps only what is wrong.
    let expected = expected_names(&message);
    let short = message
        .split_once(", expected")
        .map_or(message.as_str(), |(head, _)| head)
        .to_string();
    let mut error = Error::at(location, short);
    let list = expected.join(", ");
    if let Some(best) = crate::error::closest(unknown, expected.iter().map(String::as_str)) {
        error = error.with_hint(format!("did you mean `{best}`? Valid {what} here: {list}"));
    } else if !expected.is_empty() {
        error = error.with_hint(format!("valid {what} here: {list}"));
    }
    error
}

/// The line and column of the first quoted string holding nothing but spaces (`""`, `'  '`)
/// at or after `line`:`col` of `text`.
fn blank_string_after(text: &str, line: usize, col: usize) -> Option<(usize, usize)> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let from = line_start
        + text[line_start..]
            .char_indices()
            .nth(col - 1)
            .map_or(0, |(i, _)| i);
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let quote = bytes[i];
        if quote == b'"' || quote == b'\'' {
            let blank = bytes[i + 1..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if bytes.get(i + 1 + blank) == Some(&quote) {
                let at = Location::at_offset(Path::new(""), text, i);
                return Some((at.line, at.col));
            }
        }
        i += 1;
    }
    None
}

/// Splits libyaml's "PROBLEM at line L column C, while CONTEXT at line L2 column C2" into
/// the problem (without its position), the context and the context's position.
fn problem_and_context(message: &str) -> Option<(&str, &str, (usize, usize))> {
    let (head, context) = message.split_once(", while ")?;
    let problem = &head[..head.rfind(" at line ")?];
    let at = context.rfind(" at line ")?;
    let (context, position) = (&context[..at], &context[at + " at line ".len()..]);
    let (l, c) = position.split_once(" column ")?;
    Some((
        problem,
        context,
        (l.trim().parse().ok()?, c.trim().parse().ok()?),
    ))
}

/// `"... at line 3 column 5"` → `"..."`: the position is reported separately, in file terms.
fn strip_position_suffix(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(i) if msg[i..].contains(" column ") => &msg[..i],
        _ => msg,
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

/// The names listed after "expected one of" / "expected" in serde's unknown-field message.
fn expected_names(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected") else {
        return Vec::new();
    };
    message[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// When (`line`, `col`) is an anchor `&name`, the name and the place of its first alias
/// `*name` after it.
fn alias_of_anchor_at(text: &str, line: usize, col: usize) -> Option<(String, (usize, usize))> {
    let at = text
        .lines()
        .nth(line.checked_sub(1)?)?
        .get(col.checked_sub(1)?..)?;
    let name: String = at
        .strip_prefix('&')?
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .collect();
    if name.is_empty() {
        return None;
    }
    let alias = format!("*{name}");
    text.lines().enumerate().skip(line - 1).find_map(|(i, l)| {
        l.match_indices(&alias).find_map(|(j, _)| {
            let end = l[j + alias.len()..].chars().next();
            end.is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
                .then(|| (name.clone(), (i + 1, l[..j].chars().count() + 1)))
        })
    })
}

/// Finds where `key:` appears for the second time at the same indentation as its first
/// appearance: that is the duplicate the user must remove.
fn second_key_occurrence(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut first_indent = None;
    for (i, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start_matches([' ', '-']);
        let indent = raw.len() - trimmed.len();
        let rest = trimmed
            .strip_prefix(key)
            .or_else(|| {
                trimmed
                    .strip_prefix('"')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('"'))
            })
            .or_else(|| {
                trimmed
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_prefix(key))
                    .and_then(|t| t.strip_prefix('\''))
            });
        if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
            match first_indent {
                None => first_indent = Some(indent),
                Some(fi) if fi == indent => return Some((i + 1, indent + 1)),
                Some(_) => {}
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        count: Option<u32>,
    }

    #[test]
    fn key_locations_follow_dotted_paths() {
        let text = "title: T\nfilename: top\nepub:\n  # note\n  cover: c.png\n  filename: x\nother:\n  filename: y\n";
        let at = |key: &str| {
            let l = key_location(Path::new("b.yaml"), text, 1, key);
            (l.line, l.col)
        };
        assert_eq!(at("title"), (1, 8));
        assert_eq!(at("filename"), (2, 11));
        assert_eq!(at("epub.filename"), (6, 13));
        assert_eq!(at("epub.cover"), (5, 10));
        assert_eq!(at("other.filename"), (8, 13));
        // A missing child points at its parent; a missing key at the top.
        assert_eq!(at("epub.per_article"), (3, 6));
        assert_eq!(at("missing"), (1, 1));
    }

    #[test]
    fn sequence_entries_are_located_block_or_flow() {
        let at = |text: &str, key: &str, n: usize| -> Vec<(usize, usize)> {
            item_locations(Path::new("a.md"), text, 2, key, n)
                .into_iter()
                .map(|l| (l.line, l.col))
                .collect()
        };
        let block = "title: T\nimport:\n  drop:\n    - Share this\n    # a note\n    - {line: 12}\n    -\n      prefix: Editor\n  keep:\n  - text: x\n";
        assert_eq!(
            at(block, "import.drop", 3),
            [(5, 7), (7, 7), (8, 5)],
            "block entries"
        );
        assert_eq!(at(block, "import.keep", 1), [(11, 5)]);
        let flow = "import:\n  drop: [\"a, b\", {line: 3},\n    'c']\n";
        assert_eq!(at(flow, "import.drop", 3), [(3, 10), (3, 18), (4, 5)]);
        // More entries than can be found: the rest point at the key.
        assert_eq!(at("import:\n  drop: *x\n", "import.drop", 1), [(3, 9)]);
    }

    #[test]
    fn blocks_and_list_values_are_found_where_written() {
        let text = "title: T\ncomments:\n- author: a\n  # note\n\n  body: b\naliases: [x/, \"y.html\"]\nz: 1\n";
        assert_eq!(top_level_block(text, "comments"), 1..6);
        assert_eq!(top_level_block(text, "aliases"), 6..7);
        assert_eq!(top_level_block(text, "missing"), 0..0);
        let at: Vec<_> = value_locations(
            Path::new("f.md"),
            text,
            2,
            "aliases",
            &["x/".to_string(), "y.html".to_string()],
        )
        .into_iter()
        .map(|l| (l.line, l.col))
        .collect();
        assert_eq!(at, [(8, 11), (8, 15)]);
    }

    fn err(text: &str, first_line: usize) -> String {
        match from_str::<Doc>(Path::new("f.md"), text, first_line) {
            Ok(_) => panic!("expected an error"),
            Err(e) => match e {
                Error::At {
                    hint: Some(ref h), ..
                } => format!("{e} [{h}]"),
                e => e.to_string(),
            },
        }
    }

    #[test]
    fn positions_are_shifted_into_the_file() {
        assert_eq!(
            err("title: a\ncount: many\n", 2),
            "f.md:3:8: count: invalid type: string \"many\", expected u32"
        );
    }

    #[test]
    fn unfinished_strings_and_lists_point_where_they_start() {
        assert_eq!(
            err("title: \"Unclosed\ncount: 1\n", 2),
            "f.md:2:8: found unexpected end of stream on line 4, while scanning a quoted scalar that starts here"
        );
    }

    #[test]
    fn duplicate_keys_point_at_the_second_occurrence() {
        assert_eq!(
            err("title: a\ncount: 1\ntitle: b\n", 2),
            "f.md:4:1: duplicate field `title`"
        );
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        assert_eq!(
            err("title: a\ncuont: 1\n", 1),
            "f.md:2:1: unknown field `cuont` [did you mean `count`? Valid keys here: title, count]"
        );
    }

    #[test]
    fn flow_nesting_is_measured_outside_prose_only() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let over = |text: &str| flow_nesting_overflow(text, MAX_DEPTH);
        assert_eq!(over(&format!("a: {}\n", deep(MAX_DEPTH))), None);
        assert_eq!(
            over(&format!("a: {}\n", deep(MAX_DEPTH + 1))),
            Some(3 + MAX_DEPTH)
        );
        assert_eq!(
            over(&format!("- &x !t {}\n", deep(200))),
            Some(8 + MAX_DEPTH)
        );
        assert_eq!(
            over(&format!("a: {{b: [c, {}]}}\n", deep(200))),
            Some(11 + MAX_DEPTH - 2)
        );
        let brackets = "[{".repeat(200);
        for prose in [
            format!("a: \"{brackets} \\\" {brackets}\"\nb: 1\n"),
            format!("a: '{brackets} '' {brackets}'\nb: 1\n"),
            format!("a: 1 # {brackets}\n# {brackets}\n"),
            format!("a: |\n  {brackets}\n\n  {brackets}\nb: >-\n    {brackets}\n"),
            format!("- |\n   {brackets}\n- x\n"),
            format!("a: x {brackets}\nb: x,{brackets}\nc: x:{brackets}\n"),
            format!("a: [it's, {{b: x}}] {brackets}\n"),
        ] {
            assert_eq!(over(&prose), None, "{prose}");
        }
    }

    #[test]
    fn documents_nested_too_deep_are_refused_where_the_nesting_goes_too_far() {
        // Flow nesting: refused by the linear pre-check, even when huge.
        let flow = format!("title: x\nitems: {}\n", "[".repeat(1_000_000));
        let e = from_str::<Doc>(Path::new("f.md"), &flow, 2).unwrap_err();
        assert!(
            e.to_string().starts_with(&format!(
                "f.md:3:{}: the YAML is nested more than 128 levels deep here",
                8 + MAX_DEPTH
            )),
            "{e}"
        );
        // Block nesting (which costs the parser nothing special): its own limit, same words.
        let mut block = String::from("title: x\nitems:\n");
        for level in 0..130 {
            block.push_str(&" ".repeat(2 * level + 2));
            block.push_str("a:\n");
        }
        let e = from_str::<serde_yaml::Value>(Path::new("f.md"), &block, 1).unwrap_err();
        assert!(
            e.to_string().contains("nested more than 128 levels deep"),
            "{e}"
        );
        // An alias bomb is stopped by the parser's repetition limit, in plain words.
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 10].join(", ");
            bomb.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let e = from_str::<serde_yaml::Value>(Path::new("f.md"), &bomb, 1).unwrap_err();
        assert!(e.to_string().contains("aliases (`*name`) expand"), "{e}");
    }

    #[test]
    fn empty_documents_mean_defaults() {
        #[derive(serde::Deserialize, Default)]
        #[allow(dead_code)]
        struct Opt {
            #[serde(default)]
            a: Option<u32>,
        }
        assert!(from_str::<Opt>(Path::new("f"), "  \n", 1).is_ok());
    }
}
