//! Front matter: cutting a content file into its YAML and its body, and the serde shapes the
//! YAML is read into. Everything here is as written in the file; checking the values, and
//! turning them into an [`crate::model::Article`], is [`super::article`]'s. Nothing here reads
//! files or parses bodies.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::model::DateTime;

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
        struct Text;
        impl serde::de::Visitor<'_> for Text {
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
        }
        d.deserialize_str(Text)
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
    #[serde(default)]
    pub(super) date: Option<String>,
    #[serde(default)]
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
    pub(super) meta: BTreeMap<String, String>,
    #[serde(default)]
    pub(super) normalize: Option<crate::normalize::ArticleNormalize>,
    #[serde(default)]
    pub(super) glossary: Option<crate::normalize::Glossary>,
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
