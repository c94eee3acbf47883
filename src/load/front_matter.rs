//! Front matter: cutting a content file into its front matter and its body, reading the front
//! matter — YAML between `---` fences, or TOML between `+++` fences as Zola and Hugo write it —
//! into the serde shapes below, and finding where a key or value is written, for messages.
//! Everything here is as written in the file; checking the values, and turning them into an
//! [`crate::model::Article`], is [`super::article`]'s. Nothing here reads files or parses
//! bodies.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::model::DateTime;

/// The language a front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Between `---` fences (folio's own, Hugo's, Jekyll's).
    Yaml,
    /// Between `+++` fences (Zola's, and Hugo's other form).
    Toml,
}

/// A content file cut into its front matter and its body. Both keep their file line numbers
/// so every later error can point into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The text between the fences (YAML, or TOML when `syntax` says so); empty when the file
    /// has none.
    pub yaml: &'a str,
    /// File line (1-based) of the first front matter line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line (1-based) of the first body line.
    pub body_line: usize,
    pub syntax: Syntax,
}

/// Splits `---\n<yaml>\n---\n<body>` (the closing fence may also be `...`) or
/// `+++\n<toml>\n+++\n<body>`. A file that starts with neither fence has no front matter; one
/// that opens it and never closes it is an error at the opening fence.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<FrontMatter<'a>> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let (syntax, fence) = match text[..first_line_end].trim_end() {
        "---" => (Syntax::Yaml, "---"),
        "+++" => (Syntax::Toml, "+++"),
        _ => {
            return Ok(FrontMatter {
                yaml: "",
                yaml_line: 1,
                body: text,
                body_line: 1,
                syntax: Syntax::Yaml,
            });
        }
    };
    let closes = |line: &str| line == fence || (syntax == Syntax::Yaml && line == "...");
    let mut offset = first_line_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if closes(text[offset..end].trim_end()) {
            return Ok(FrontMatter {
                yaml: &text[first_line_end..offset],
                yaml_line: 2,
                body: &text[end..],
                // A fence on the last line, without a line end, leaves an empty body on its
                // own line: there is no line after it for an error to point at.
                body_line: if text[..end].ends_with('\n') {
                    line + 1
                } else {
                    line
                },
                syntax,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Error::at(
        Location::new(path, 1, 1),
        "the front matter opened here is never closed",
    )
    .with_hint(format!(
        "end the front matter with a line containing only `{fence}`"
    )))
}

/// A saved page cut into its YAML front matter and the page. Front matter is optional and, as
/// Jekyll reads it, only at the very top of the file (after a UTF-8 byte-order mark): `---` on
/// the first line, UTF-8 YAML, `---` or `...` alone on a line. The page keeps its file line
/// numbers: the front matter's lines are given to the page as blank lines, which HTML ignores
/// before the document, so every element, error and block still names its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFrontMatter<'a> {
    /// The YAML between the fences; empty when the page has none.
    pub yaml: &'a str,
    /// File line (1-based) of the first YAML line.
    pub yaml_line: usize,
    /// The page's bytes, the front matter blanked to line ends.
    pub page: std::borrow::Cow<'a, [u8]>,
    /// File line of the first line after the closing fence (1 when there is no front matter).
    pub body_line: usize,
}

/// Splits a saved page's front matter from the page (see [`PageFrontMatter`]).
pub fn split_page_front_matter<'a>(path: &Path, bytes: &'a [u8]) -> Result<PageFrontMatter<'a>> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let rest = &bytes[bom..];
    let none = PageFrontMatter {
        yaml: "",
        yaml_line: 1,
        page: std::borrow::Cow::Borrowed(bytes),
        body_line: 1,
    };
    if !(rest.starts_with(b"---\n") || rest.starts_with(b"---\r\n")) {
        return Ok(none);
    }
    let open_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    let mut offset = open_end;
    let mut line = 2;
    while offset < rest.len() {
        let end = rest[offset..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| offset + i + 1);
        let current = &rest[offset..end];
        let current = current.strip_suffix(b"\n").unwrap_or(current);
        let current = current.strip_suffix(b"\r").unwrap_or(current);
        if current == b"---" || current == b"..." {
            let yaml_bytes = &rest[open_end..offset];
            let yaml = std::str::from_utf8(yaml_bytes).map_err(|e| {
                let at = bom + open_end + e.valid_up_to();
                let before = &bytes[..at];
                let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = before.len()
                    - before
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(0, |i| i + 1);
                Error::at(
                    Location::new(path, line, col + 1),
                    "the front matter of a saved page must be UTF-8 text",
                )
            })?;
            // Line ends in place of the front matter, so the page's lines keep their numbers.
            let mut page = Vec::with_capacity(bytes.len() - end + line);
            page.extend_from_slice(&bytes[..bom]);
            page.extend(std::iter::repeat_n(b'\n', line));
            page.extend_from_slice(&rest[end..]);
            return Ok(PageFrontMatter {
                yaml,
                yaml_line: 2,
                page: std::borrow::Cow::Owned(page),
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err(Error::at(
        Location::new(path, 1, 1),
        "the front matter opened here is never closed",
    )
    .with_hint("end the front matter with a line containing only `---`"))
}

impl FrontMatter<'_> {
    /// Reads the front matter into `T`, in its syntax; an empty one is all defaults. Errors
    /// are at their place in the file.
    pub(super) fn parse<T: serde::de::DeserializeOwned>(&self, path: &Path) -> Result<T> {
        match self.syntax {
            Syntax::Yaml => crate::yaml::from_str(path, self.yaml, self.yaml_line),
            Syntax::Toml => toml::from_str(self.yaml).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start);
                let here = Location::at_offset(path, self.yaml, at);
                crate::yaml::serde_error(
                    Location::new(path, self.yaml_line + here.line - 1, here.col),
                    e.message().trim_end().to_string(),
                )
            }),
        }
    }

    /// Where the value of `key` is written (a dotted key, `meta.scraped`, is looked up inside
    /// its table), for errors about a value that parsed but is wrong; the parent's line, or the
    /// first line, when the key is absent.
    pub fn key_location(&self, path: &Path, key: &str) -> Location {
        match self.syntax {
            Syntax::Yaml => crate::yaml::key_location(path, self.yaml, self.yaml_line, key),
            Syntax::Toml => {
                let lines: Vec<&str> = self.yaml.lines().collect();
                let (table, name) = key.rsplit_once('.').unwrap_or(("", key));
                let found = toml_key_line(&lines, table, name)
                    .or_else(|| toml_key_line(&lines, "", table))
                    .or_else(|| header_line(&lines, table).map(|i| (i, 1)));
                match found {
                    Some((i, col)) => Location::new(path, self.yaml_line + i, col),
                    None => Location::new(path, self.yaml_line, 1),
                }
            }
        }
    }

    /// Where each of `values`, the items of the top-level list `key`, is written: looked for
    /// after the key and after the one before it, plain or quoted; one whose text differs from
    /// its value (escapes) is placed at the key.
    pub(super) fn value_locations(
        &self,
        path: &Path,
        key: &str,
        values: &[String],
    ) -> Vec<Location> {
        match self.syntax {
            Syntax::Yaml => {
                crate::yaml::value_locations(path, self.yaml, self.yaml_line, key, values)
            }
            Syntax::Toml => {
                let at_key = self.key_location(path, key);
                let lines: Vec<&str> = self.yaml.lines().collect();
                let Some((line, _)) = toml_key_line(&lines, "", key) else {
                    return vec![at_key; values.len()];
                };
                let start: usize = self
                    .yaml
                    .split_inclusive('\n')
                    .take(line)
                    .map(str::len)
                    .sum();
                let from = self.yaml[start..]
                    .find('=')
                    .map_or(start, |i| start + i + 1);
                crate::yaml::locate_values(path, self.yaml, self.yaml_line, from, values, &at_key)
            }
        }
    }

    /// The file lines of the entries of the list `block` (its comments, its annotations), each
    /// found as the line of the first of `keys` an entry writes, in order: `- author:` in YAML,
    /// `author =` under `[[comments]]` (or `[[comments.replies]]`…) in TOML.
    pub(super) fn entry_lines(&self, block: &str, keys: &[&str]) -> Vec<usize> {
        let lines = self.yaml.lines().enumerate();
        let starts = |l: &str, sep: char| {
            keys.iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with(sep))
            })
        };
        match self.syntax {
            Syntax::Yaml => {
                let range = crate::yaml::top_level_block(self.yaml, block);
                lines
                    .skip(range.start)
                    .take(range.len())
                    .filter(|(_, l)| starts(l.trim_start().trim_start_matches("- "), ':'))
                    .map(|(i, _)| self.yaml_line + i)
                    .collect()
            }
            Syntax::Toml => {
                let mut inside = false;
                let mut out = Vec::new();
                for (i, l) in lines {
                    let t = l.trim_start();
                    if t.starts_with('[') {
                        let name = t.trim_start_matches('[').trim_start();
                        inside = t.starts_with("[[")
                            && name
                                .strip_prefix(block)
                                .is_some_and(|r| r.starts_with(['.', ']', ' ']));
                    } else if inside && starts(t, '=') {
                        out.push(self.yaml_line + i);
                    }
                }
                out
            }
        }
    }
}

/// The line (0-based) and value column of `name = …` in the TOML table `table` (`""`: the top
/// level, before the first table header).
fn toml_key_line(lines: &[&str], table: &str, name: &str) -> Option<(usize, usize)> {
    let from = if table.is_empty() {
        0
    } else {
        header_line(lines, table)? + 1
    };
    lines[from..]
        .iter()
        .enumerate()
        .take_while(|(_, l)| !l.trim_start().starts_with('['))
        .find_map(|(i, l)| {
            let rest = l.trim_start().strip_prefix(name)?;
            let value = rest.trim_start().strip_prefix('=')?;
            let col = l.len() - value.trim_start().len();
            Some((from + i, l[..col].chars().count() + 1))
        })
}

/// The line (0-based) of the TOML table header `[table]`.
fn header_line(lines: &[&str], table: &str) -> Option<usize> {
    if table.is_empty() {
        return None;
    }
    lines.iter().position(|l| {
        l.trim()
            .strip_prefix('[')
            .and_then(|r| r.strip_suffix(']'))
            .is_some_and(|name| name.trim() == table)
    })
}

/// A date as front matter writes it: a string in YAML, a string or a native date-time in TOML
/// (`date = 2021-05-25T17:07:00+08:00`), which reaches serde as a one-entry map. Either way the
/// text as written, for [`crate::model::Timestamp::parse`].
fn date_text<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    d.deserialize_str(TextVisitor("a date")).map(Some)
}

/// A string, or a TOML date-time as its text.
struct TextVisitor(&'static str);

impl<'de> serde::de::Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<String, E> {
        Ok(text.to_string())
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<String, A::Error> {
        match map.next_entry::<String, String>()? {
            Some((key, text)) if key == TOML_DATETIME => Ok(text),
            _ => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Map,
                &self,
            )),
        }
    }
}

/// The key under which the toml crate hands a native date-time to serde (toml_datetime's
/// private field name, stable across its releases because its own deserializer matches it).
const TOML_DATETIME: &str = "$__toml_private_datetime";

/// A `meta:` value: a string, or in TOML a native date (`scraped = 2021-06-01`) as its text.
#[derive(Debug)]
pub(super) struct Text(pub(super) String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(TextVisitor("a string")).map(Text)
    }
}

/// `extra` read from TOML holds native date-times as one-entry maps; they become their text,
/// as YAML gives them. Walked without recursion.
pub(super) fn toml_dates_as_text(extra: &mut BTreeMap<String, serde_json::Value>) {
    use serde_json::Value;
    let mut stack: Vec<&mut Value> = extra.values_mut().collect();
    while let Some(value) = stack.pop() {
        let date = match value {
            Value::Object(map) if map.len() == 1 => map.get(TOML_DATETIME).cloned(),
            _ => None,
        };
        if let Some(text) = date {
            *value = text;
            continue;
        }
        match value {
            Value::Object(map) => stack.extend(map.values_mut()),
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

/// Authors, tags, categories and aliases may each be written as one value or a list. Read by
/// hand rather than as an untagged enum, whose only error is "data did not match any variant of
/// untagged enum" at the key: a visitor lets the parser point at the value that is wrong and
/// say what was expected (`what`: "a name or a list of names").
fn one_or_many<'de, D: serde::Deserializer<'de>>(
    d: D,
    what: &'static str,
) -> std::result::Result<Vec<String>, D::Error> {
    struct Values(&'static str);
    impl<'de> serde::de::Visitor<'de> for Values {
        type Value = Vec<String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }

        fn visit_str<E: serde::de::Error>(
            self,
            value: &str,
        ) -> std::result::Result<Self::Value, E> {
            Ok(vec![value.to_string()])
        }

        /// `tags:` with nothing after it: none.
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(Vec::new())
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut values = Vec::new();
            while let Some(value) = seq.next_element::<String>()? {
                values.push(value);
            }
            Ok(values)
        }
    }
    d.deserialize_any(Values(what))
}

/// One name or a list of names (`authors:`, `author:`), in the order written.
fn names<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<String>>, D::Error> {
    one_or_many(d, "a name or a list of names").map(Some)
}

/// One tag or a list (`tags:`, `categories:`).
fn tags<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<String>>, D::Error> {
    one_or_many(d, "a tag or a list of tags").map(Some)
}

/// One path or a list (`aliases:`).
fn paths<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<String>>, D::Error> {
    one_or_many(d, "a path or a list of paths").map(Some)
}

/// A comment's `date:`, checked while it is read so a bad one is reported at its own place in
/// the front matter (the parser knows where each value is; nothing after it does).
#[derive(Debug, Clone, Copy)]
pub(super) struct CommentDate(pub(super) DateTime);

impl<'de> Deserialize<'de> for CommentDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // The check runs inside the visitor: an error raised there is placed at the value,
        // one raised after `deserialize` returns only at the enclosing comment.
        struct Checked;
        impl<'de> serde::de::Visitor<'de> for Checked {
            type Value = CommentDate;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date and time")
            }

            fn visit_str<E: serde::de::Error>(
                self,
                text: &str,
            ) -> std::result::Result<CommentDate, E> {
                DateTime::parse_iso(text).map(CommentDate).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a date and time; write it as YYYY-MM-DDTHH:MM[:SS] with an optional zone (Z, +08:00)"
                    ))
                })
            }

            /// A TOML date-time.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<CommentDate, A::Error> {
                let text = TextVisitor("a date and time").visit_map(map)?;
                self.visit_str(&text)
            }
        }
        d.deserialize_str(Checked)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    #[serde(default)]
    pub(super) site: Option<String>,
    #[serde(default)]
    pub(super) url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAnnotation {
    #[serde(default)]
    pub(super) paragraph: Option<u32>,
    #[serde(default)]
    pub(super) comment: Option<String>,
    pub(super) note: String,
    #[serde(default)]
    pub(super) author: Option<String>,
}

/// A comment in front matter: the same field names as the import JSON.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawComment {
    #[serde(default)]
    pub(super) id: Option<String>,
    #[serde(default)]
    pub(super) number: Option<u32>,
    pub(super) author: String,
    #[serde(default)]
    pub(super) staff: bool,
    #[serde(default)]
    pub(super) date: Option<CommentDate>,
    #[serde(default)]
    pub(super) date_text: Option<String>,
    #[serde(default)]
    pub(super) body: String,
    #[serde(default)]
    pub(super) line: Option<u32>,
    #[serde(default)]
    pub(super) replies: Vec<RawComment>,
}

/// Front matter as written. Everything is optional: a raw scrape needs none. Besides folio's
/// own keys it reads the ones Zola and Hugo front matter uses for the same things (`author`,
/// `summary`, `categories`, `taxonomies`, `draft`, `aliases`, `updated`, `extra`), so a book
/// written for them builds as it is.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrontMatter {
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) subtitle: Option<String>,
    #[serde(default)]
    pub(super) slug: Option<String>,
    #[serde(default, deserialize_with = "names")]
    pub(super) authors: Option<Vec<String>>,
    /// Hugo's and Zola's spelling of `authors`; giving both is an error.
    #[serde(default, deserialize_with = "names")]
    pub(super) author: Option<Vec<String>>,
    #[serde(default, deserialize_with = "date_text")]
    pub(super) date: Option<String>,
    #[serde(default, deserialize_with = "date_text")]
    pub(super) updated: Option<String>,
    #[serde(default)]
    pub(super) description: Option<String>,
    /// Hugo's list summary, read as `description`; giving both is an error.
    #[serde(default)]
    pub(super) summary: Option<String>,
    #[serde(default)]
    pub(super) draft: bool,
    #[serde(default, deserialize_with = "paths")]
    pub(super) aliases: Option<Vec<String>>,
    #[serde(default)]
    pub(super) source: Option<RawSource>,
    #[serde(default)]
    pub(super) language: Option<String>,
    #[serde(default)]
    pub(super) translated_from: Option<String>,
    #[serde(default, deserialize_with = "tags")]
    pub(super) tags: Option<Vec<String>>,
    /// Merged into the tags, before them: folio's site has one taxonomy.
    #[serde(default, deserialize_with = "tags")]
    pub(super) categories: Option<Vec<String>>,
    /// Zola's `taxonomies: {tags: […], categories: […]}`.
    #[serde(default)]
    pub(super) taxonomies: Option<RawTaxonomies>,
    /// Anything, for templates: `article.extra`. Keys must be unique, as in `meta:`.
    #[serde(default, deserialize_with = "crate::yaml::unique_map")]
    pub(super) extra: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub(super) annotations: Vec<RawAnnotation>,
    #[serde(default)]
    pub(super) references: Vec<RawReference>,
    #[serde(default)]
    pub(super) comments: Vec<RawComment>,
    /// Keys must be unique, as everywhere else in folio's YAML (the parser keeps the last).
    #[serde(default, deserialize_with = "crate::yaml::unique_map")]
    pub(super) meta: BTreeMap<String, Text>,
    #[serde(default)]
    pub(super) normalize: Option<crate::normalize::ArticleNormalize>,
    #[serde(default)]
    pub(super) glossary: Option<crate::normalize::Glossary>,
    /// Corrections to the import of a `.txt` scrape or a saved page.
    #[serde(default)]
    pub(super) import: Option<crate::import::corrections::RawCorrections>,
}

/// Zola's taxonomies: the two folio reads, both into the tags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTaxonomies {
    #[serde(default, deserialize_with = "tags")]
    pub(super) tags: Option<Vec<String>>,
    #[serde(default, deserialize_with = "tags")]
    pub(super) categories: Option<Vec<String>>,
}

/// A numbered source reference (Markdown files; scrapes have them in the body).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawReference {
    pub(super) number: u32,
    pub(super) text: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_file;

    #[test]
    fn front_matter_is_split_with_file_lines() {
        let p = Path::new("a.md");
        let fm = split_front_matter(p, "---\ntitle: x\n---\nbody\n").unwrap();
        assert_eq!(
            (fm.yaml, fm.yaml_line, fm.body, fm.body_line),
            ("title: x\n", 2, "body\n", 4)
        );
        let none = split_front_matter(p, "title\n---\n").unwrap();
        assert_eq!((none.yaml, none.body_line), ("", 1));
        let err = split_front_matter(p, "---\ntitle: x\nbody\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:1:1: the front matter opened here is never closed"
        );
    }

    #[test]
    fn toml_front_matter_is_fenced_with_plus_signs() {
        let p = Path::new("a.md");
        let fm = split_front_matter(p, "+++\ntitle = \"x\"\n---\n+++\nbody\n").unwrap();
        // `---` is TOML text here, and `...` does not close it.
        assert_eq!(
            (fm.yaml, fm.syntax, fm.body, fm.body_line),
            ("title = \"x\"\n---\n", Syntax::Toml, "body\n", 5)
        );
        let err = split_front_matter(p, "+++\ntitle = 1\n...\n---\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.md:1:1: the front matter opened here is never closed"
        );
        let yaml = split_front_matter(p, "---\na: 1\n+++\n---\nbody\n").unwrap();
        assert_eq!((yaml.yaml, yaml.syntax), ("a: 1\n+++\n", Syntax::Yaml));
    }

    #[test]
    fn toml_keys_are_found_in_their_tables() {
        let p = Path::new("a.md");
        let text = "+++\ntitle = \"T\"\ndate=2021-05-25\n\n[meta]\nscraped = \"x\"\n\n[extra]\ndate = 1\n+++\n";
        let fm = split_front_matter(p, text).unwrap();
        let at = |key: &str| {
            let l = fm.key_location(p, key);
            (l.line, l.col)
        };
        assert_eq!(at("title"), (2, 9));
        assert_eq!(at("date"), (3, 6));
        assert_eq!(at("meta.scraped"), (6, 11));
        assert_eq!(at("meta.missing"), (5, 1));
        assert_eq!(at("missing"), (2, 1));
    }

    #[test]
    fn a_page_s_front_matter_leaves_its_lines_in_place() {
        let p = Path::new("a.html");
        let page = b"---\r\ntitle: x\n---\n<p>a</p>\n";
        let fm = split_page_front_matter(p, page).unwrap();
        assert_eq!((fm.yaml, fm.yaml_line, fm.body_line), ("title: x\n", 2, 4));
        assert_eq!(&fm.page[..], b"\n\n\n<p>a</p>\n");
        let bom = split_page_front_matter(p, b"\xEF\xBB\xBF---\n---\n<p>").unwrap();
        assert_eq!(&bom.page[..], b"\xEF\xBB\xBF\n\n<p>");
        let none = split_page_front_matter(p, b"<p>---</p>").unwrap();
        assert_eq!((none.yaml, &none.page[..]), ("", &b"<p>---</p>"[..]));
        let open = split_page_front_matter(p, b"---\n<p>").unwrap_err();
        assert_eq!(
            open.to_string(),
            "a.html:1:1: the front matter opened here is never closed"
        );
        let gbk = split_page_front_matter(p, b"---\ntitle: \xC4\xE3\n---\n").unwrap_err();
        assert_eq!(
            gbk.to_string(),
            "a.html:2:8: the front matter of a saved page must be UTF-8 text"
        );
    }

    #[test]
    fn a_closing_fence_without_a_line_end_puts_the_empty_body_on_its_line() {
        // Found by the `front_matter` fuzz target: the body line was one past the file's end,
        // and "no title line" errors pointed there.
        let p = Path::new("a.txt");
        let fm = split_front_matter(p, "---\ntitle: x\n---").unwrap();
        assert_eq!((fm.body, fm.body_line), ("", 3));
        let err = load_file(p, "---\ntitle: x\n---", "en").unwrap_err();
        assert!(err.to_string().starts_with("a.txt:3:1: "), "{err}");
    }
}
