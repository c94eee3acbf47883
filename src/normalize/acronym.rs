//! The `acronym-case` rule: a common acronym written in lower case, `ceo` → `CEO`, `gdp` → `GDP`,
//! `ipos` → `IPOs`, as machine translation and hurried copy leave it.
//!
//! Only acronyms whose lower-case spelling is no English word are listed, so the rule needs no
//! context: `ceo`, `gdp`, `ipo` are never anything else in prose. It never touches a word glued
//! to letters, digits, `@`, `#`, `/`, `.`, `_` or `-` (an address, a hashtag, a path, a file or
//! code name: `ceo@example.com`, `#ipo`, `/gdp/`, `gdp.csv`), a word already in capitals or
//! capitalised (`Ceo` opens a sentence written that way on purpose as often as not), or text
//! in a language other than English (the engine's business).

use super::{Proposal, RuleId};

/// Lower-case acronyms with no English homograph (sorted), and their plurals' stems.
const ACRONYMS: &[&str] = &[
    "ceo", "cfo", "cio", "cpi", "cpu", "cto", "esg", "ev", "fifa", "gdp", "gnp", "gps", "gpu",
    "hsbc", "imf", "ipo", "lcd", "lte", "nasa", "nato", "nba", "nev", "nfc", "npu", "oled", "opec",
    "pmi", "ppi", "wto",
];

pub(crate) fn propose(text: &str, out: &mut Vec<Proposal>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_lowercase() {
            i += 1;
        }
        let word = &text[start..i];
        if !(2..=5).contains(&word.len()) || glued(b, start, i) {
            continue;
        }
        // `ipos` → `IPOs`: the plural keeps its lower-case s.
        let (stem, plural) = match word.strip_suffix('s') {
            Some(stem) if ACRONYMS.contains(&stem) => (stem, true),
            _ => (word, false),
        };
        if !ACRONYMS.contains(&stem) {
            continue;
        }
        let mut fixed = stem.to_ascii_uppercase();
        if plural {
            fixed.push('s');
        }
        out.push(Proposal::new(RuleId::AcronymCase, start..i, fixed));
    }
}

/// Whether the word `[start, end)` is part of a larger token.
fn glued(b: &[u8], start: usize, end: usize) -> bool {
    let joins = |c: u8| c.is_ascii_alphanumeric() || b"@#/._-\\'".contains(&c) || c >= 0x80;
    let before = start > 0 && joins(b[start - 1]);
    // A full stop that ends the sentence is not a file name's dot.
    let after = b.get(end).is_some_and(|&c| {
        if c == b'.' {
            b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
        } else {
            joins(c)
        }
    });
    before || after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        let mut props = Vec::new();
        propose(text, &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn the_list_is_sorted_lower_case() {
        let mut sorted = ACRONYMS.to_vec();
        sorted.sort_unstable();
        assert!(
            ACRONYMS
                .iter()
                .all(|a| a.bytes().all(|c| c.is_ascii_lowercase()))
        );
        assert_eq!(sorted.len(), ACRONYMS.len());
    }

    #[test]
    fn capitalises_lower_case_acronyms() {
        let rows = [
            ("The company's ceo said", "The company's CEO said"),
            ("the country's gdp grew", "the country's GDP grew"),
            ("a Hong Kong ipo later.", "a Hong Kong IPO later."),
            ("two ipos and three ceos", "two IPOs and three CEOs"),
            ("(cfo) and \"cto\", nasa;", "(CFO) and \"CTO\", NASA;"),
            (
                "The ev maker and two evs and the new cpu",
                "The EV maker and two EVs and the new CPU",
            ),
        ];
        for (input, want) in rows {
            assert_eq!(run(input), want, "{input}");
        }
    }

    #[test]
    fn leaves_other_words_alone() {
        let rows = [
            "write to ceo@example.com or #ipo and /gdp/ and gdp.csv and gdp_2023 and ipo-ready",
            "Ceo and CEO and GDPs and the ceos2 and xceo and ceox and cpux",
            "the coop and a coo of doves and ledger and gdpr and a cpux and eve",
            "ceo's and l'ipo and ceo’s",
            "",
        ];
        for input in rows {
            assert_eq!(run(input), input, "{input}");
        }
    }
}
