//! Every YAML call of folio goes through here, so the YAML crate stays a one-line choice in
//! `Cargo.toml` (today the maintained continuation of serde_yaml, imported under that name).
//!
//! The parser reports positions inside the YAML text it was given; this module turns them into
//! positions in the user's file (front matter starts below line 1) and repairs the errors the
//! parser places at 1:1 (duplicate keys), so users are sent to the real line.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// Parses `text`, which starts on line `first_line` (1-based) of `path`, into `T`.
pub fn from_str<T: DeserializeOwned>(path: &Path, text: &str, first_line: usize) -> Result<T> {
    // An empty document (front matter with nothing in it) means "all defaults", not an error.
    if text.trim().is_empty() {
        return serde_yaml::from_str("{}").map_err(|e| convert(path, text, first_line, e));
    }
    serde_yaml::from_str(text).map_err(|e| convert(path, text, first_line, e))
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

/// Turns a parser error into a located [`Error`], with a hint for unknown keys.
fn convert(path: &Path, text: &str, first_line: usize, err: serde_yaml::Error) -> Error {
    let full = err.to_string();
    let message = strip_position_suffix(&full).to_string();
    let (mut line, mut col) = err
        .location()
        .map_or((1, 1), |l| (l.line().max(1), l.column().max(1)));

    if let Some(key) = between(&message, "duplicate field `", "`")
        .or_else(|| between(&message, "duplicated key `", "`"))
        && let Some((l, c)) = second_key_occurrence(text, key)
    {
        line = l;
        col = c;
    }
    let location = Location::new(path, first_line + line - 1, col);
    let mut error = Error::at(location, message.clone());
    let unknown = between(&message, "unknown field `", "`")
        .map(|u| (u, "keys"))
        .or_else(|| between(&message, "unknown variant `", "`").map(|u| (u, "values")));
    if let Some((unknown, what)) = unknown {
        let expected = expected_names(&message);
        if let Some(best) = crate::error::closest(unknown, expected.iter().map(String::as_str)) {
            error = error.with_hint(format!("did you mean `{best}`?"));
        } else if !expected.is_empty() {
            error = error.with_hint(format!("valid {what} here: {}", expected.join(", ")));
        }
    }
    error
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
            "f.md:2:1: unknown field `cuont`, expected `title` or `count` [did you mean `count`?]"
        );
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
