//! The `acronym-case` rule: a common acronym written in lower case, `ceo` → `CEO`, `gdp` → `GDP`,
//! `ipos` → `IPOs`, as machine translation and hurried copy leave it.
//!
//! Only acronyms whose lower-case spelling is no English word are listed, so the rule needs no
//! context: `ceo`, `gdp`, `ipo` are never anything else in prose; a possessive's `'s` may follow
//! (`nasa's` → `NASA's`). Two more are words of other languages in English prose too — the pinyin
//! `ai` ("love") and `eu` — and change only in English context on the spot: a noun they qualify
//! after them (`its ai chatbot`, `eu tariffs`), or a possessive before them (`Huawei's ai and
//! cloud`) or, for `eu` and `un` (the French article), `the`; "the Chinese word ai, meaning love"
//! stays. It never touches a word glued
//! to letters, digits, `@`, `#`, `/`, `.`, `_` or `-` (an address, a hashtag, a path, a file or
//! code name: `ceo@example.com`, `#ipo`, `/gdp/`, `gdp.csv`), a word already in capitals or
//! capitalised (`Ceo` opens a sentence written that way on purpose as often as not), or text
//! in a language other than English (the engine's business).

use super::words::{next_word, prev_word};
use super::{Proposal, RuleId, runs};

/// Lower-case acronyms with no English homograph (sorted), and their plurals' stems.
const ACRONYMS: &[&str] = &[
    "ceo", "cfo", "cio", "cpi", "cpu", "cto", "esg", "ev", "fdi", "fifa", "gdp", "gnp", "gps",
    "gpu", "hsbc", "imf", "ipo", "lcd", "lte", "nasa", "nato", "nba", "nev", "nfc", "npu", "oled",
    "opec", "pmi", "ppi", "suv", "wto",
];

/// Acronyms whose lower-case spelling is also a word of another language in English prose (the
/// pinyin `ai`, "love"; `eu`, "I" in Portuguese), and so need English context on the spot: a
/// noun they qualify after them, or a possessive or `the` before them.
const IN_CONTEXT: &[&str] = &["ai", "eu", "un"];

/// Words `un` (the French and Spanish article, too) qualifies in news prose (`un peacekeepers`,
/// `the un Secretary-General`).
const UN_NOUNS: &[&str] = &[
    "agencies",
    "agency",
    "charter",
    "envoy",
    "General",
    "officials",
    "peacekeepers",
    "peacekeeping",
    "resolution",
    "Secretary-General",
    "Security",
    "spokesman",
    "spokesperson",
    "summit",
];

/// Nouns `ai` qualifies in news prose (`its ai chatbot`, `ai chips`).
const AI_NOUNS: &[&str] = &[
    "agent",
    "agents",
    "applications",
    "assistant",
    "assistants",
    "boom",
    "capabilities",
    "chatbot",
    "chatbots",
    "chip",
    "chips",
    "companies",
    "company",
    "computing",
    "features",
    "firms",
    "industry",
    "infrastructure",
    "model",
    "models",
    "race",
    "research",
    "servers",
    "startup",
    "startups",
    "system",
    "systems",
    "technology",
    "tools",
    "training",
];

/// Nouns `eu` qualifies in news prose (`eu member states`, `eu tariffs`).
const EU_NOUNS: &[&str] = &[
    "commission",
    "countries",
    "leaders",
    "member",
    "members",
    "officials",
    "regulators",
    "rules",
    "tariffs",
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

/// For each first letter, a bit for each second letter that some acronym (of either list)
/// starts with: most words are turned away by one bit test.
const OPENINGS: [u32; 26] = {
    let mut table = [0; 26];
    let mut k = 0;
    while k < ACRONYMS.len() + IN_CONTEXT.len() {
        let a = if k < ACRONYMS.len() {
            ACRONYMS[k].as_bytes()
        } else {
            IN_CONTEXT[k - ACRONYMS.len()].as_bytes()
        };
        table[(a[0] - b'a') as usize] |= 1 << (a[1] - b'a');
        k += 1;
    }
    table
};

/// A word of at most eight lower-case letters as one integer; the keys sort as the words do.
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
            _ => (word, false),
        };
        // Lower-case ASCII letters only.
        let stem_text = &text[start..start + stem.len()];
        let listed = is_acronym(stem)
            || IN_CONTEXT.contains(&stem_text) && in_context(text, stem_text, start, end);
        if !listed || glued(b, start, end) {
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

/// Whether `ai` or `eu` at `[start, end)` stands in English context: a noun it qualifies after
/// it (`ai chatbot`, `eu tariffs`), or before it a possessive (`its ai`, `Huawei's ai`) or, for
/// `eu`, `the`.
fn in_context(text: &str, stem: &str, start: usize, end: usize) -> bool {
    let nouns = match stem {
        "ai" => AI_NOUNS,
        "eu" => EU_NOUNS,
        _ => UN_NOUNS,
    };
    if next_word(text, end).is_some_and(|w| nouns.contains(&w)) {
        return true;
    }
    prev_word(text, start).is_some_and(|w| {
        matches!(
            w,
            "its" | "their" | "our" | "his" | "her" | "Its" | "Their" | "Our"
        ) || (w.len() > 2 && (w.ends_with("'s") || w.ends_with("’s")))
            || (stem != "ai" && w.eq_ignore_ascii_case("the"))
    })
}

/// Whether the word `[start, end)` is part of a larger token. A possessive's `'s` after it
/// (`nasa's`) is not.
fn glued(b: &[u8], start: usize, end: usize) -> bool {
    let joins = |c: u8| c.is_ascii_alphanumeric() || b"@#/._-\\'".contains(&c) || c >= 0x80;
    let before = start > 0 && joins(b[start - 1]);
    let possessive = |at: usize| {
        b.get(at) == Some(&b's') && b.get(at + 1).is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    if b.get(end) == Some(&b'\'') && possessive(end + 1)
        || b.get(end..end + 3) == Some("’".as_bytes()) && possessive(end + 3)
    {
        return before;
    }
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
        assert!(
            ACRONYMS
                .iter()
                .chain(IN_CONTEXT)
                .all(|a| (2..=5).contains(&a.len()))
        );
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
            ("ceo's and ceo’s pay", "CEO's and CEO’s pay"),
            ("a large suv and two suvs", "a large SUV and two SUVs"),
            ("inflows of fdi rose", "inflows of FDI rose"),
            ("with nasa's help", "with NASA's help"),
            (
                "their ai assistant and ai chips",
                "their AI assistant and AI chips",
            ),
            (
                "Alibaba's ai and its ai, too",
                "Alibaba's AI and its AI, too",
            ),
            ("The eu said and eu tariffs", "The EU said and EU tariffs"),
            (
                "The un Secretary-General and un peacekeepers and the un said",
                "The UN Secretary-General and UN peacekeepers and the UN said",
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
            "l'ipo and ceo'sx and ceo'",
            "the word ai, meaning love, and Xiao ai and ai ren",
            "ai and ai, and the ai of the song",
            "eu and Eu and eu, and .eu domains and sou eu",
            "un film and un peu and c'est un and un-American and Un and un, and un Secretary",
            "suvx and xsuv and fdi_2023 and nasa.gov and the AIs",
            "",
        ];
        for input in rows {
            assert_eq!(run(input), input, "{input}");
        }
    }
}
