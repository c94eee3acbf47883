//! The English lexicon the word-level rules consult: SCOWL's size-50 American English list as
//! packaged by Debian (`wamerican`), embedded in the binary so decisions never depend on what
//! the build machine or the reader's machine has installed. Licence: `data/american-english.COPYRIGHT`.
//!
//! This module only answers "is this an English word?"; it never decides an edit.

use std::collections::HashSet;

/// The word list, one entry per line, exactly as shipped by the package.
static WORDS: &str = include_str!("data/american-english.txt");

/// A set of the list's entries, built once per [`crate::normalize::Normalizer`].
pub struct Lexicon {
    words: HashSet<&'static str>,
}

impl Lexicon {
    /// Loads the embedded list. Entries with an apostrophe (`China's`) are left out: the rules ask
    /// about bare words and plurals, and a possessive entry would only blur that question.
    pub fn english() -> Lexicon {
        let words = WORDS
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.contains('\''))
            .collect();
        Lexicon { words }
    }

    /// The entry exactly as written: `Windows` and `windows` are different questions, because
    /// the list spells proper nouns with a capital.
    pub fn contains_exact(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Whether the word is in the list in lower case (a common word). Words longer than 48 bytes
    /// or with non-ASCII letters are looked up as written, without allocating.
    pub fn contains_lower(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        if !bytes.iter().any(u8::is_ascii_uppercase) {
            return self.words.contains(word);
        }
        let mut buf = [0u8; 48];
        if bytes.len() > buf.len() || !word.is_ascii() {
            return self.words.contains(word);
        }
        for (slot, b) in buf.iter_mut().zip(bytes) {
            *slot = b.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..bytes.len()]).is_ok_and(|w| self.words.contains(w))
    }

    /// In the list in any spelling we check: exact, lower case, or capitalised.
    pub fn contains_any(&self, word: &str) -> bool {
        if self.contains_exact(word) || self.contains_lower(word) {
            return true;
        }
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if first.is_ascii_lowercase() && word.len() <= 48 => {
                let mut buf = [0u8; 48];
                buf[..word.len()].copy_from_slice(word.as_bytes());
                buf[0] = buf[0].to_ascii_uppercase();
                std::str::from_utf8(&buf[..word.len()]).is_ok_and(|w| self.words.contains(w))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_distinguish_case_where_the_list_does() {
        let lex = Lexicon::english();
        let rows: &[(&str, bool, bool)] = &[
            // word, contains_exact, contains_lower
            ("Windows", true, true),
            ("windows", true, true),
            ("Americans", true, false),
            ("China", true, true),
            ("Chinas", false, false),
            ("Huaweis", false, false),
            ("worlds", true, true),
            ("todays", false, false),
            ("dont", false, false),
            ("BYTES", false, true),
        ];
        for &(word, exact, lower) in rows {
            assert_eq!(lex.contains_exact(word), exact, "exact {word}");
            assert_eq!(lex.contains_lower(word), lower, "lower {word}");
        }
        assert!(lex.contains_any("americans"));
        assert!(!lex.contains_any("huawei"));
    }
}
