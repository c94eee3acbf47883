//! The `normalize:` section of `book.yaml` and the per-article switches of front matter, as plain
//! serde types. Defaults are what a reader of a machine-translated archive wants: every rule on,
//! comments (readers' own words) limited to encoding repairs.
//!
//! Rule ids are checked when a [`crate::normalize::Normalizer`] is built, so a typo is reported
//! with a suggestion instead of silently doing nothing. Nothing here reads files.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::glossary::Glossary;

/// `normalize:` in `book.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NormalizeConfig {
    /// `false` turns the whole stage off: every article is published exactly as loaded.
    pub enabled: bool,
    /// Rule id → on/off; rules not listed keep their default (all on).
    pub rules: BTreeMap<String, bool>,
    /// Rule ids applied to comment bodies. Comments are readers' own words, so by default they
    /// only get encoding repairs, never word changes.
    pub comments: Vec<String>,
    /// Canonical spellings of names: inline, or a path to a YAML file relative to the book root.
    pub glossary: Option<GlossarySource>,
    /// Options of the `typography` rule.
    pub typography: TypographyOptions,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig {
            enabled: true,
            rules: BTreeMap::new(),
            comments: ENCODING_RULES.iter().map(|s| s.to_string()).collect(),
            glossary: None,
            typography: TypographyOptions::default(),
        }
    }
}

/// The rules that repair how text was encoded without changing any word.
pub const ENCODING_RULES: &[&str] = &["unicode-escape", "mojibake", "html-entity"];

/// A glossary written inline in `book.yaml` or kept in its own file.
#[derive(Debug, Clone, PartialEq)]
pub enum GlossarySource {
    Path(PathBuf),
    Inline(Glossary),
}

/// A string is a path, a mapping an inline glossary. Written by hand rather than as an
/// untagged enum, which would replace every error inside an inline glossary (an empty
/// variant, an unknown key) by "data did not match any variant" at the `glossary:` line.
impl<'de> Deserialize<'de> for GlossarySource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Source;
        impl<'de> serde::de::Visitor<'de> for Source {
            type Value = GlossarySource;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a glossary file's path or a mapping with `entries:`")
            }

            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<GlossarySource, E> {
                Ok(GlossarySource::Path(PathBuf::from(path)))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<GlossarySource, A::Error> {
                Glossary::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(GlossarySource::Inline)
            }
        }
        d.deserialize_any(Source)
    }
}

/// What the `typography` rule converts. Each part can be turned off on its own, for example to
/// keep straight quotes in a book that is printed with a font that lacks curly ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TypographyOptions {
    /// `"` and `'` → curly quotes (language-aware) and apostrophes. Restored apostrophes follow
    /// this setting too.
    pub quotes: bool,
    /// `--` and `---` → en and em dashes.
    pub dashes: bool,
    /// `...` → `…`.
    pub ellipsis: bool,
}

impl Default for TypographyOptions {
    fn default() -> Self {
        TypographyOptions {
            quotes: true,
            dashes: true,
            ellipsis: true,
        }
    }
}

/// `normalize:` in an article's front matter: `false` keeps the article verbatim, a map switches
/// single rules for that article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ArticleNormalize {
    Switch(bool),
    Options(ArticleOptions),
}

/// The map form of [`ArticleNormalize`].
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ArticleOptions {
    /// Rule id → on/off for this article, over the book's setting.
    pub rules: BTreeMap<String, bool>,
    /// Replaces the book's `comments` list for this article.
    pub comments: Option<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn parses_every_documented_form() {
        let cfg: NormalizeConfig = crate::yaml::from_str(
            Path::new("book.yaml"),
            "rules: {typography: false}\nglossary: glossary.yaml\ncomments: []\n",
            1,
        )
        .unwrap();
        assert_eq!(cfg.rules.get("typography"), Some(&false));
        assert_eq!(
            cfg.glossary,
            Some(GlossarySource::Path("glossary.yaml".into()))
        );
        assert!(cfg.comments.is_empty());
        assert!(cfg.typography.quotes);

        let inline: NormalizeConfig = crate::yaml::from_str(
            Path::new("book.yaml"),
            "glossary:\n  entries:\n    - term: TikTok\n      variants: [tiktok]\n",
            1,
        )
        .unwrap();
        match inline.glossary {
            Some(GlossarySource::Inline(g)) => assert_eq!(g.entries[0].term, "TikTok"),
            other => panic!("expected an inline glossary, got {other:?}"),
        }

        let off: ArticleNormalize = crate::yaml::from_str(Path::new("a.md"), "false", 1).unwrap();
        assert_eq!(off, ArticleNormalize::Switch(false));
        let some: ArticleNormalize =
            crate::yaml::from_str(Path::new("a.md"), "rules: {glossary: false}", 1).unwrap();
        match some {
            ArticleNormalize::Options(o) => assert_eq!(o.rules.get("glossary"), Some(&false)),
            other => panic!("expected options, got {other:?}"),
        }
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = crate::yaml::from_str::<NormalizeConfig>(Path::new("book.yaml"), "rulez: {}", 4)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("book.yaml:4:1: unknown field `rulez`"),
            "{err}"
        );
    }
}
