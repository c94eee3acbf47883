//! Small, allocation-free helpers for looking at words around a byte position. Rules use them to
//! decide whether a match is a whole word and what follows it; nothing here edits text.

/// Words that cannot start the noun phrase a possessive is followed by: prepositions,
/// conjunctions, pronouns, determiners, auxiliaries and the commonest verbs and adverbs. "the
/// worlds of fiction" and "the bytes are" are plurals because of these.
const NOT_AFTER_POSSESSIVE: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "any",
    "apart",
    "are",
    "around",
    "as",
    "at",
    "be",
    "became",
    "because",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "below",
    "beneath",
    "beside",
    "between",
    "beyond",
    "both",
    "bought",
    "brought",
    "but",
    "by",
    "came",
    "can",
    "caught",
    "chose",
    "come",
    "could",
    "did",
    "do",
    "does",
    "done",
    "down",
    "drew",
    "drove",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "except",
    "fell",
    "few",
    "flew",
    "for",
    "forgot",
    "from",
    "gave",
    "get",
    "gets",
    "go",
    "goes",
    "got",
    "grew",
    "had",
    "has",
    "have",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "inside",
    "into",
    "is",
    "it",
    "its",
    "just",
    "knew",
    "like",
    "made",
    "make",
    "makes",
    "many",
    "may",
    "me",
    "meant",
    "might",
    "more",
    "much",
    "must",
    "my",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "onto",
    "or",
    "other",
    "others",
    "our",
    "out",
    "outside",
    "over",
    "per",
    "rather",
    "really",
    "rose",
    "said",
    "sank",
    "saw",
    "say",
    "says",
    "see",
    "seem",
    "seems",
    "shall",
    "she",
    "shook",
    "should",
    "since",
    "so",
    "some",
    "sought",
    "spoke",
    "still",
    "stole",
    "struck",
    "such",
    "swam",
    "swore",
    "taught",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "threw",
    "through",
    "throughout",
    "thus",
    "to",
    "told",
    "too",
    "took",
    "tore",
    "toward",
    "towards",
    "under",
    "understood",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "woke",
    "wore",
    "would",
    "wrote",
    "yet",
    "you",
    "your",
];

/// Whether `word` can start the noun phrase after a possessive ("share", "largest", "US", "two").
pub(super) fn possessive_follower(word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if !first.is_alphanumeric() {
        return false;
    }
    // Acronyms ("US business", "IT spending") are names, not the pronoun or preposition they spell.
    if word.len() > 12 || (word.len() > 1 && word.bytes().all(|b| b.is_ascii_uppercase())) {
        return true;
    }
    let mut buf = [0u8; 12];
    for (slot, b) in buf.iter_mut().zip(word.bytes()) {
        *slot = b.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..word.len()]).unwrap_or(word);
    NOT_AFTER_POSSESSIVE.binary_search(&lower).is_err()
}

/// Whether the character that ends at byte `i` is a letter or digit (any script).
pub(super) fn is_word_char_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Whether the character that starts at byte `i` is a letter or digit (any script).
pub(super) fn is_word_char_after(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The word after byte `i` when only spaces (on the same line) separate it: letters, digits and
/// inner hyphens. `None` when punctuation or a line end comes first.
pub(super) fn next_word(text: &str, i: usize) -> Option<&str> {
    let rest = text.get(i..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    if trimmed.len() == rest.len() {
        return None;
    }
    word_at_start(trimmed)
}

/// The word that ends right before byte `i`, with only spaces between; an inner apostrophe
/// belongs to the word ("Huawei’s").
pub(super) fn prev_word(text: &str, i: usize) -> Option<&str> {
    let before = text.get(..i)?;
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() {
        return None;
    }
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '-' || c == '\'' || c == '’')
        .last()
        .map(|(p, _)| p)?;
    Some(&trimmed[start..])
}

/// A word with inner hyphens and apostrophes ("well-known", "country’s"): the word as the
/// normalizer may have written it, so decisions do not change on a second run.
fn word_at_start(s: &str) -> Option<&str> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
        .map_or(s.len(), |(p, _)| p);
    let w = s[..end].trim_end_matches(['-', '\'', '’']);
    (!w.is_empty()).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_list_is_sorted_for_binary_search() {
        assert!(NOT_AFTER_POSSESSIVE.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn followers_and_neighbours() {
        let rows = [
            ("share", true),
            ("largest", true),
            ("US", true),
            ("two", true),
            ("of", false),
            ("Of", false),
            ("are", false),
            ("", false),
            ("(x", false),
        ];
        for (w, want) in rows {
            assert_eq!(possessive_follower(w), want, "{w}");
        }
        let t = "the worlds  well-known, x";
        assert_eq!(next_word(t, 10), Some("well-known"));
        assert_eq!(next_word(t, 22), None);
        assert_eq!(prev_word(t, 4), Some("the"));
        assert_eq!(prev_word(t, 3), None);
        assert!(is_word_char_before("中文a", 3));
        assert!(!is_word_char_after("a b", 1));
    }
}
