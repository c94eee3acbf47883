//! The `acronym-case` rule: a common acronym written in lower case, `ceo` → `CEO`, `gdp` → `GDP`,
//! `ipos` → `IPOs`, as machine translation and hurried copy leave it.
//!
//! Only acronyms whose lower-case spelling is no English word are listed, so the rule needs no
//! context: `ceo`, `gdp`, `ipo` are never anything else in prose. It never touches a word glued
//! to letters, digits, `@`, `#`, `/`, `.`, `_` or `-` (an address, a hashtag, a path, a file or
//! code name: `ceo@example.com`, `#ipo`, `/gdp/`, `gdp.csv`), a word already in capitals or
//! capitalised (`Ceo` opens a sentence written that way on purpose as often as not), or text
//! in a language other than English (the engine's business).

use super::{Proposal, RuleId, runs};

/// Lower-case acronyms with no English homograph (sorted), and their plurals' stems.
const ACRONYMS: &[&str] = &[
    "ceo", "cfo", "cio", "cpi", "cpu", "cto", "esg", "ev", "fifa", "gdp", "gnp", "gps", "gpu",
    "hsbc", "imf", "ipo", "lcd", "lte", "nasa", "nato", "nba", "nev", "nfc", "npu", "oled", "opec",
    "pmi", "ppi", "wto",
];

/// `ACRONYMS` as keys (`key`), in the same order: a word is looked up by binary search over
/// integers, not by comparing it with every entry.
const KEYS: [u64; ACRONYMS.len()] = {
    let mut keys = [0; ACRONYMS.len()];
    let mut k = 0;
    while k < ACRONYMS.len() {
        keys[k] = key(ACRONYMS[k].as_bytes());
        k += 1;
    }
    keys
};

/// For each first letter, a bit for each second letter that some acronym starts with: most
/// words are turned away by one bit test.
const OPENINGS: [u32; 26] = {
    let mut table = [0; 26];
    let mut k = 0;
    while k < ACRONYMS.len() {
        let a = ACRONYMS[k].as_bytes();
        table[(a[0] - b'a') as usize] |= 1 << (a[1] - b'a');
        k += 1;
    }
    table
};

/// A word of at most eight lower-case letters as one integer; the sort order of the keys is
/// the sort order of the words (length aside), which the sortedness test pins down.
const fn key(word: &[u8]) -> u64 {
    let mut k = 0u64;
    let mut i = 0;
    while i < 8 {
        k <<= 8;
        if i < word.len() {
            k |= word[i] as u64;
        }
        i += 1;
    }
    k
}

fn is_acronym(word: &[u8]) -> bool {
    KEYS.binary_search(&key(word)).is_ok()
}

pub(crate) fn propose(text: &str, out: &mut Vec<Proposal>) {
    let b = text.as_bytes();
    runs::for_each(b, runs::Class::Lower, |start, end| {
        let word = &b[start..end];
        if !(2..=5).contains(&word.len())
            || OPENINGS[usize::from(word[0] - b'a')] & (1 << (word[1] - b'a')) == 0
        {
            return;
        }
        // `ipos` → `IPOs`: the plural keeps its lower-case s.
        let (stem, plural) = match word.split_last() {
            Some((b's', stem)) if is_acronym(stem) => (stem, true),
            _ if is_acronym(word) => (word, false),
            _ => return,
        };
        if glued(b, start, end) {
            return;
        }
        let mut fixed: String = stem
            .iter()
            .map(|&c| char::from(c.to_ascii_uppercase()))
            .collect();
        if plural {
            fixed.push('s');
        }
        out.push(Proposal::new(RuleId::AcronymCase, start..end, fixed));
    });
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
        assert_eq!(sorted, ACRONYMS);
        assert!(KEYS.windows(2).all(|w| w[0] < w[1]));
        assert!(ACRONYMS.iter().all(|a| (2..=5).contains(&a.len())));
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
