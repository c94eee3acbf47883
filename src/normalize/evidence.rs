//! Per-document evidence for the rules: the names ([`Evidence`]) seen in an article's text and
//! glossary, which the apostrophe rule reads to tell a possessive from a plural.
//!
//! This module never proposes or applies an edit, and never keeps anything between documents.

use std::collections::HashSet;

/// Names seen in a document: capitalised words, plus glossary terms. The apostrophe rule takes
/// "Huawei" in the text as evidence that "Huaweis share" is a possessive.
#[derive(Debug, Default)]
pub struct Evidence {
    names: HashSet<Box<str>>,
}

impl Evidence {
    pub fn from_texts<'a>(
        texts: impl IntoIterator<Item = &'a str>,
        terms: impl Iterator<Item = &'a str>,
    ) -> Evidence {
        let mut names: HashSet<Box<str>> = HashSet::new();
        let mut add = |w: &str| {
            if !names.contains(w) {
                names.insert(w.into());
            }
        };
        for text in texts {
            let mut rest = text;
            // On bytes: ASCII letters are single bytes, and no byte of another character is one.
            while let Some(start) = rest.bytes().position(|b| b.is_ascii_uppercase()) {
                let tail = &rest[start..];
                let len = tail
                    .bytes()
                    .position(|b| !b.is_ascii_alphabetic())
                    .unwrap_or(tail.len());
                // A word before an apostrophe is not counted: the normalizer writes such forms
                // itself, and evidence must not change when the text is normalized again.
                let apostrophe_after = tail[len..].starts_with(['\'', '’']);
                if len >= 2 && !apostrophe_after {
                    add(&tail[..len]);
                }
                rest = &tail[len.max(1)..];
            }
        }
        for t in terms {
            for w in t.split(|c: char| !c.is_ascii_alphabetic()) {
                if !w.is_empty() {
                    add(w);
                }
            }
        }
        Evidence { names }
    }

    pub fn has_name(&self, w: &str) -> bool {
        self.names.contains(w)
    }
}
