//! Glossaries as the user writes them — inline in `book.yaml`, in a file of their own, or in an
//! article's front matter: canonical terms and the variants to replace with them.
//!
//! Plain data, checked while it is read (no blank spelling). Matching them against text is the
//! normalizer's ([`crate::normalize::GlossaryMatcher`]); nothing here looks at prose.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// A glossary as written in YAML (`entries: [{term, variants}]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub entries: Vec<GlossaryEntry>,
}

/// One canonical term and the spellings to replace with it. The term itself is matched too, so
/// "Tiktok" becomes "TikTok" without listing every capitalisation. Every spelling is matched
/// as literal text, whatever characters it holds: `.*` matches a dot and an asterisk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    #[serde(deserialize_with = "spelling")]
    pub term: String,
    #[serde(default, deserialize_with = "spellings")]
    pub variants: Vec<String>,
}

/// A term or variant that is not blank. Checked while the YAML is read, so the error points at
/// the empty string itself, in book.yaml, a glossary file or front matter alike.
struct Spelling(String);

impl<'de> Deserialize<'de> for Spelling {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.trim().is_empty() {
            return Err(serde::de::Error::custom(format!(
                "a glossary term or variant {}: an empty spelling would match between every two characters",
                crate::yaml::BLANK
            )));
        }
        Ok(Spelling(text))
    }
}

fn spelling<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    Spelling::deserialize(d).map(|s| s.0)
}

fn spellings<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    Ok(Vec::<Spelling>::deserialize(d)?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

impl Glossary {
    /// Reads a glossary file (all YAML goes through `crate::yaml` so errors carry positions).
    pub fn load(path: &Path) -> Result<Glossary> {
        // Through crate::fs: a BOM is dropped and non-UTF-8 is reported with its position.
        let text = crate::fs::read_text(path)?;
        crate::yaml::from_str(path, &text, 1)
    }

    /// `self` with `over`'s entries added; an entry of `over` with the same term (ignoring case)
    /// replaces ours. Used for an article's front-matter glossary.
    pub fn merged(&self, over: &Glossary) -> Glossary {
        let mut entries: Vec<GlossaryEntry> = over.entries.clone();
        for e in &self.entries {
            if !over
                .entries
                .iter()
                .any(|o| o.term.eq_ignore_ascii_case(&e.term))
            {
                entries.push(e.clone());
            }
        }
        Glossary { entries }
    }
}
