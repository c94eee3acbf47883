//! The English lexicon the word-level rules consult: SCOWL's size-50 American English list as
//! packaged by Debian (`wamerican`), embedded in the binary so decisions never depend on what
//! the build machine or the reader's machine has installed. Licence: `data/american-english.COPYRIGHT`.
//!
//! This module only answers "is this an English word?"; it never decides an edit.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

/// The word list, one entry per line, exactly as shipped by the package.
static WORDS: &str = include_str!("data/american-english.txt");

/// A set of the list's entries, built once per [`crate::normalize::Normalizer`].
pub struct Lexicon {
    words: HashSet<&'static str, BuildHasherDefault<WordHasher>>,
}

/// A fast multiplicative hash for the lexicon's short keys (the FxHash scheme). The rules look
/// up several words per sentence, and the default SipHash costs more than the rest of such a
/// lookup; its protection against chosen collisions buys nothing for a fixed, embedded list.
#[derive(Default)]
pub(super) struct WordHasher(u64);

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, chunk: u64) {
        self.0 = (self.0.rotate_left(5) ^ chunk).wrapping_mul(Self::SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
        // A word without capitals is its own lower case: one lookup, not two.
        let has_upper = word.bytes().any(|b| b.is_ascii_uppercase());
        if self.contains_exact(word) || (has_upper && self.contains_lower(word)) {
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
