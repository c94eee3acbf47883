//! The `glossary` rule: user-supplied canonical spellings of names and terms, with the variants a
//! machine translation produced ("byte beat", "byte hop" → "ByteDance"). Matching is whole word or
//! phrase, ASCII case-insensitive, longest variant first; a variant followed by a bare `s` and a
//! noun phrase is a possessive that lost its apostrophe ("tiktoks US business" → "TikTok's US
//! business").
//!
//! This rule only replaces what the user listed; it never guesses a spelling.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::words::{is_word_char_after, is_word_char_before, next_word, possessive_follower};
use super::{Proposal, RuleId};
pub use crate::config::glossary::{Glossary, GlossaryEntry};
use crate::error::{Error, Result};

/// A glossary compiled into one automaton.
pub struct GlossaryMatcher {
    automaton: Option<AhoCorasick>,
    /// Pattern index → index into `terms`.
    pattern_term: Vec<usize>,
    terms: Vec<String>,
}

impl GlossaryMatcher {
    /// Compiles the glossary. An entry listed first wins a variant two entries share; empty terms
    /// and variants are errors because they would match everywhere or nowhere.
    pub fn new(glossary: &Glossary) -> Result<GlossaryMatcher> {
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_term = Vec::new();
        let mut terms = Vec::new();
        for (ti, entry) in glossary.entries.iter().enumerate() {
            let term = entry.term.trim();
            if term.is_empty() {
                return Err(Error::Message(format!(
                    "glossary entry {} has an empty `term`",
                    ti + 1
                )));
            }
            terms.push(term.to_string());
            for v in std::iter::once(term).chain(entry.variants.iter().map(|v| v.trim())) {
                if v.is_empty() {
                    return Err(Error::Message(format!(
                        "glossary entry `{term}` has an empty variant"
                    )));
                }
                if !patterns.iter().any(|p| p.eq_ignore_ascii_case(v)) {
                    patterns.push(v.to_string());
                    pattern_term.push(ti);
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            // A DFA, not the default NFA for this many patterns: it is built once per
            // normalizer and then scans every field of every article, and with case-folded
            // variants no literal prefilter can skip text, so each byte costs one transition.
            Some(
                AhoCorasickBuilder::new()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&patterns)
                    .map_err(|e| Error::Message(format!("cannot compile the glossary: {e}")))?,
            )
        };
        Ok(GlossaryMatcher {
            automaton,
            pattern_term,
            terms,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// The canonical terms, which count as document evidence for the apostrophe rule.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(String::as_str)
    }

    /// Proposes replacements in `text`; `apostrophe` is the character restored possessives get.
    pub(crate) fn propose(&self, text: &str, apostrophe: char, out: &mut Vec<Proposal>) {
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            if is_word_char_before(text, start) {
                continue;
            }
            let term = &self.terms[self.pattern_term[m.pattern().as_usize()]];
            let rest = &text[end..];
            if !is_word_char_after(text, end) {
                if &text[start..end] != term.as_str() {
                    out.push(Proposal::new(RuleId::Glossary, start..end, term.clone()));
                }
                continue;
            }
            // `tiktoks US business`: a bare `s`, then a noun phrase.
            let is_bare_s = rest.starts_with('s') && !is_word_char_after(text, end + 1);
            if is_bare_s && next_word(text, end + 1).is_some_and(possessive_follower) {
                let mut replacement = String::with_capacity(term.len() + 4);
                replacement.push_str(term);
                replacement.push(apostrophe);
                replacement.push('s');
                out.push(Proposal::new(RuleId::Glossary, start..end + 1, replacement));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn glossary() -> GlossaryMatcher {
        let g: Glossary = crate::yaml::from_str(
            Path::new("g.yaml"),
            include_str!("testdata/glossary.yaml"),
            1,
        )
        .unwrap();
        GlossaryMatcher::new(&g).unwrap()
    }

    fn apply(m: &GlossaryMatcher, text: &str) -> String {
        let mut props = Vec::new();
        m.propose(text, '’', &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn replaces_listed_variants_only() {
        let m = glossary();
        let rows = [
            // must fix
            ("byte beat was founded", "ByteDance was founded"),
            (
                "Byte Hop is the most valuable",
                "ByteDance is the most valuable",
            ),
            ("the 2016 tremble launched", "the 2016 Douyin launched"),
            ("tiktoks US business", "TikTok’s US business"),
            ("Tiktoks two core markets", "TikTok’s two core markets"),
            ("use tiktok daily", "use TikTok daily"),
            ("secretary pompeio said", "secretary Pompeo said"),
            ("Hu houkun promised", "Hu Houkun promised"),
            ("(tiktok)", "(TikTok)"),
            // must not change
            ("TikTok already right", "TikTok already right"),
            ("TikTok’s own", "TikTok’s own"),
            ("tiktoker culture", "tiktoker culture"),
            ("the tiktoks of the sea", "the tiktoks of the sea"),
            ("bytecan model", "bytecan model"),
            ("a trembler", "a trembler"),
            ("xtiktok", "xtiktok"),
            ("tiktok2", "tiktok2"),
            ("tiktoks.", "tiktoks."),
        ];
        for (input, want) in rows {
            assert_eq!(apply(&m, input), want, "{input}");
        }
    }

    #[test]
    fn article_entries_override_book_entries() {
        let book = Glossary {
            entries: vec![GlossaryEntry {
                term: "Byte".into(),
                variants: vec!["byte jump".into()],
            }],
        };
        let article = Glossary {
            entries: vec![GlossaryEntry {
                term: "ByteDance".into(),
                variants: vec!["byte jump".into()],
            }],
        };
        let m = GlossaryMatcher::new(&book.merged(&article)).unwrap();
        assert_eq!(apply(&m, "byte jump grew"), "ByteDance grew");
    }

    #[test]
    fn metacharacter_variants_match_literally_and_nothing_else() {
        let soup = r".*+?[](){}|\^$";
        let g: Glossary = crate::yaml::from_str(
            Path::new("g.yaml"),
            "entries:\n  - term: Soup\n    variants: ['.*+?[](){}|\\^$']\n",
            1,
        )
        .unwrap();
        assert_eq!(g.entries[0].variants, [soup]);
        let m = GlossaryMatcher::new(&g).unwrap();
        let rows = [
            (format!("a {soup} b"), "a Soup b".to_string()),
            (format!("({soup})"), "(Soup)".to_string()),
            (format!("{soup}{soup}"), "SoupSoup".to_string()),
            // Whole words only, as for any spelling: a letter next to it is another word.
            (format!("x{soup} {soup}y"), format!("x{soup} {soup}y")),
            // What the soup would match as a pattern is left alone.
            ("anything at all".to_string(), "anything at all".to_string()),
            ("a .* b".to_string(), "a .* b".to_string()),
            ("a ] b ^ c $".to_string(), "a ] b ^ c $".to_string()),
            (
                r"a .*+?[](){}|\^ b".to_string(),
                r"a .*+?[](){}|\^ b".to_string(),
            ),
            (String::new(), String::new()),
        ];
        for (input, want) in rows {
            assert_eq!(apply(&m, &input), want, "{input}");
        }
    }

    #[test]
    fn blank_spellings_are_refused_where_they_are_written() {
        let rows = [
            (
                "entries:\n  - term: X\n    variants: [ok, '']\n",
                "g.yaml:3:20:",
            ),
            (
                "entries:\n  - term: X\n    variants:\n      - a\n      - \"  \"\n",
                "g.yaml:5:9:",
            ),
            ("entries:\n  - term: \"\"\n", "g.yaml:2:11:"),
        ];
        for (text, at) in rows {
            let e = crate::yaml::from_str::<Glossary>(Path::new("g.yaml"), text, 1)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(at), "{text}\n{e}");
            assert!(e.contains("must not be blank"), "{e}");
        }
    }

    #[test]
    fn empty_terms_are_rejected() {
        let g = Glossary {
            entries: vec![GlossaryEntry {
                term: " ".into(),
                variants: vec![],
            }],
        };
        assert!(GlossaryMatcher::new(&g).is_err());
    }
}
