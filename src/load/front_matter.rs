//! Front matter: cutting a content file into its YAML and its body, and the serde shapes the
//! YAML is read into. Everything here is as written in the file; checking the values, and
//! turning them into an [`crate::model::Article`], is [`super::article`]'s. Nothing here reads
//! files or parses bodies.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};

/// A content file cut into its YAML front matter and its body. Both keep their file line
/// numbers so every later error can point into the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    /// The YAML between the `---` fences; empty when the file has none.
    pub yaml: &'a str,
    /// File line (1-based) of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// File line (1-based) of the first body line.
    pub body_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. A file that does not start with `---` has no front
/// matter; one that opens it and never closes it is an error at the opening fence.
pub fn split_front_matter<'a>(path: &Path, text: &'a str) -> Result<FrontMatter<'a>> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(FrontMatter {
            yaml: "",
            yaml_line: 1,
            body: text,
            body_line: 1,
        });
    }
    let mut offset = first_line_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let current = text[offset..end].trim_end();
        if current == "---" || current == "..." {
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

/// Authors may be written as one name or a list. Read by hand rather than as an untagged
/// enum, whose only error is "data did not match any variant of untagged enum" at the key: a
/// visitor lets the parser point at the value that is wrong and say what was expected.
#[derive(Debug)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a name or a list of names")
            }

            fn visit_str<E: serde::de::Error>(
                self,
                name: &str,
            ) -> std::result::Result<OneOrMany, E> {
                Ok(OneOrMany::One(name.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<OneOrMany, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(OneOrMany::Many(names))
            }
        }
        d.deserialize_any(Names)
    }
}

impl OneOrMany {
    /// The names, in the order written.
    pub(super) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(a) => vec![a],
            OneOrMany::Many(v) => v,
        }
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
    pub(super) date: Option<String>,
    #[serde(default)]
    pub(super) date_text: Option<String>,
    #[serde(default)]
    pub(super) body: String,
    #[serde(default)]
    pub(super) line: Option<u32>,
    #[serde(default)]
    pub(super) replies: Vec<RawComment>,
}

/// Front matter as written. Everything is optional: a raw scrape needs none.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFrontMatter {
    #[serde(default)]
    pub(super) title: Option<String>,
    #[serde(default)]
    pub(super) subtitle: Option<String>,
    #[serde(default)]
    pub(super) slug: Option<String>,
    #[serde(default)]
    pub(super) authors: Option<OneOrMany>,
    #[serde(default)]
    pub(super) date: Option<String>,
    #[serde(default)]
    pub(super) source: Option<RawSource>,
    #[serde(default)]
    pub(super) language: Option<String>,
    #[serde(default)]
    pub(super) translated_from: Option<String>,
    #[serde(default)]
    pub(super) tags: Vec<String>,
    #[serde(default)]
    pub(super) annotations: Vec<RawAnnotation>,
    #[serde(default)]
    pub(super) references: Vec<RawReference>,
    #[serde(default)]
    pub(super) comments: Vec<RawComment>,
    /// Keys must be unique, as everywhere else in folio's YAML (the parser keeps the last).
    #[serde(default, deserialize_with = "crate::yaml::unique_map")]
    pub(super) meta: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) normalize: Option<crate::normalize::ArticleNormalize>,
    #[serde(default)]
    pub(super) glossary: Option<crate::normalize::Glossary>,
    /// Corrections to the import of a `.txt` scrape or a saved page.
    #[serde(default)]
    pub(super) import: Option<crate::import::corrections::RawCorrections>,
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
