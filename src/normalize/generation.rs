//! The `network-generation` rule: a mobile network generation written in lower case, `5g` → `5G`,
//! `4g` → `4G`, as machine translation and hurried copy leave it.
//!
//! `5g` is also five grams, so the rule needs telecoms context on the spot: the word after it is
//! one of the things a generation qualifies (`5g networks`, `5g base stations`, `4g handsets`),
//! or it is paired with another generation (`from 4g to 5g`, `4g/5g`), or it is what something
//! supports (`phones that support 5g`). Otherwise it is left alone: `5g of sugar`, `a 5g sachet`,
//! `250g`, `1.5g`, `g5`, `5gb` never change. Only single digits 2–6 are generations.

use super::{Proposal, RuleId};

/// Nouns a network generation qualifies in news prose.
const QUALIFIED: &[&str] = &[
    "alliance",
    "band",
    "bands",
    "base",
    "cell",
    "cells",
    "chip",
    "chips",
    "chipset",
    "chipsets",
    "commercial",
    "connection",
    "connections",
    "connectivity",
    "construction",
    "core",
    "coverage",
    "data",
    "deployment",
    "deployments",
    "device",
    "devices",
    "edition",
    "equipment",
    "era",
    "handset",
    "handsets",
    "infrastructure",
    "internet",
    "lab",
    "laboratory",
    "labs",
    "licence",
    "licences",
    "license",
    "licenses",
    "market",
    "mobile",
    "model",
    "models",
    "modem",
    "modems",
    "network",
    "networks",
    "operator",
    "operators",
    "package",
    "packages",
    "patent",
    "patents",
    "phone",
    "phones",
    "pilot",
    "plan",
    "plans",
    "radio",
    "research",
    "roadmap",
    "rollout",
    "satellite",
    "satellites",
    "service",
    "services",
    "signal",
    "signals",
    "smartphone",
    "smartphones",
    "spectrum",
    "speeds",
    "standard",
    "standards",
    "station",
    "stations",
    "subscriber",
    "subscribers",
    "subscriptions",
    "tariff",
    "tariffs",
    "technologies",
    "technology",
    "testing",
    "tower",
    "towers",
    "trial",
    "trials",
    "users",
    "version",
    "versions",
];

/// Second parts of compounds a generation opens (`5g-enabled factories`).
const COMPOUND_TAILS: &[&str] = &[
    "based",
    "capable",
    "compatible",
    "connected",
    "enabled",
    "equipped",
    "only",
    "powered",
    "ready",
];

/// Whether `rest` opens with the word `w` and nothing glued after it.
fn word_is(rest: &str, w: &str) -> bool {
    rest.strip_prefix(w)
        .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric()))
}

/// Verbs whose object may be a generation alone (`support 5g.`).
const TAKES_GENERATION: &[&str] = &[
    "support",
    "supports",
    "supported",
    "supporting",
    "upgrade",
    "upgraded",
    "launch",
    "launched",
];

/// Joins between two generations (`4g to 5g`, `4g and 5g`).
const PAIRING: &[&str] = &["to", "and", "or", "/", "vs", "versus"];

/// Words that make a whole paragraph about telecoms: a generation in it needs no context of
/// its own (`a test of a 6g terahertz link`, `switch off 3G and move users to 4g`).
const TELECOM_WORDS: &[&str] = &[
    "3gpp",
    "bandwidth",
    "broadband",
    "carrier",
    "carriers",
    "millimetre-wave",
    "millimeter-wave",
    "spectrum",
    "telecom",
    "telecoms",
    "telecommunications",
    "terahertz",
];

/// Words after a number of grams (`5g of sugar`, `a 5g sachet`): never a generation, whatever
/// the paragraph is about.
const GRAMS: &[&str] = &[
    "bag", "bar", "capsule", "dose", "fat", "fibre", "fiber", "of", "pack", "packet", "portion",
    "protein", "salt", "sachet", "serving", "servings", "sugar", "tablet",
];

pub(crate) fn propose(text: &str, out: &mut Vec<Proposal>) {
    let b = text.as_bytes();
    // Found once, on the first lower-case generation without context of its own.
    let mut about_telecoms = None;
    for g in memchr::memchr_iter(b'g', b) {
        if g == 0 || !is_generation(b, g - 1) {
            continue;
        }
        let context = own_context(text, b, g)
            || (!GRAMS.contains(&next_word(text, g + 1 + stage_len(text, g)))
                && *about_telecoms.get_or_insert_with(|| telecoms_paragraph(text, b)));
        if context {
            out.push(Proposal::new(
                RuleId::NetworkGeneration,
                g..g + 1,
                "G".into(),
            ));
        }
    }
}

/// The length of a generation's named stage after its `g` at `g` (`5g-A`, `5g-Advanced`: the
/// hyphen and the capitalised word), or 0.
fn stage_len(text: &str, g: usize) -> usize {
    text[g + 1..].strip_prefix('-').map_or(0, |rest| {
        let n = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
            1 + n
        } else {
            0
        }
    })
}

/// Whether the generation whose `g` is at `g` has telecoms context on the spot: a compound
/// (`5g-enabled`), a word it qualifies after it (`5g networks`, `5g-A network`), a word that
/// takes a generation before it (`support 5g`), or another generation paired with it.
fn own_context(text: &str, b: &[u8], g: usize) -> bool {
    let compound = text[g + 1..]
        .strip_prefix('-')
        .is_some_and(|rest| COMPOUND_TAILS.iter().any(|t| word_is(rest, t)));
    let next = next_word(text, g + 1 + stage_len(text, g));
    compound
        || QUALIFIED.contains(&next)
        || TAKES_GENERATION.contains(&prev_word(text, g - 1))
        || paired(text, b, g - 1)
}

/// Whether the paragraph is about telecoms: a generation in capitals stands in it (`3G`,
/// `5G-A`), one in lower case has context of its own (`5g networks`, `4g/5g`) — so the answer
/// is the same once the rule has capitalised those —, or it names a word of [`TELECOM_WORDS`].
fn telecoms_paragraph(text: &str, b: &[u8]) -> bool {
    let generation = memchr::memchr2_iter(b'g', b'G', b)
        .any(|g| g > 0 && is_generation(b, g - 1) && (b[g] == b'G' || own_context(text, b, g)));
    generation
        || text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .any(|w| {
                w.len() >= 7 && {
                    let lower = w.to_ascii_lowercase();
                    TELECOM_WORDS.contains(&lower.as_str())
                } || w.eq_ignore_ascii_case("3gpp")
            })
}

/// Whether a generation token (`5g` or `5G`) starts at byte `at`: one digit 2–6 and a `g`,
/// standing alone — no letter, digit, dot or comma glued to either side.
fn is_generation(b: &[u8], at: usize) -> bool {
    let glued = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b',' | b'_' | b'-');
    matches!(b.get(at), Some(b'2'..=b'6'))
        && matches!(b.get(at + 1), Some(b'g' | b'G'))
        && (at == 0 || !glued(b[at - 1]))
        && b.get(at + 2)
            .is_none_or(|&c| !c.is_ascii_alphanumeric() && c != b'_')
}

/// The lower-case word after the spaces from `at` (a lone `/` counts as a word).
fn next_word(text: &str, at: usize) -> &str {
    let rest = text[at..].trim_start_matches(' ');
    if rest.starts_with('/') {
        return "/";
    }
    let end = rest
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The lower-case word that ends before the spaces that end at `at`.
fn prev_word(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end_matches(' ');
    if head.ends_with('/') {
        return "/";
    }
    // After the last character that is not a lower-case letter, whatever its width (`—`).
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_lowercase())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// `4g to 5g`, `4G/5g`: a generation joined to another.
fn paired(text: &str, b: &[u8], at: usize) -> bool {
    let after = next_word(text, at + 2);
    if PAIRING.contains(&after) {
        let from = at + 2 + text[at + 2..].find(after).unwrap_or(0) + after.len();
        let other = from + (text[from..].len() - text[from..].trim_start_matches(' ').len());
        if is_generation(b, other) {
            return true;
        }
    }
    let before = prev_word(text, at);
    if PAIRING.contains(&before) {
        let head = text[..at].trim_end_matches(' ');
        let word_start = head.len() - before.len();
        let other_end = text[..word_start].trim_end_matches(' ').len();
        if other_end >= 2 && is_generation(b, other_end - 2) {
            return true;
        }
    }
    false
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
    fn capitalises_generations_in_telecoms_context() {
        let rows = [
            (
                "more than 700,000 5g base stations",
                "more than 700,000 5G base stations",
            ),
            ("The 5g rollout was slow", "The 5G rollout was slow"),
            ("Sales of 4g handsets fell", "Sales of 4G handsets fell"),
            ("move from 4g to 5g plans", "move from 4G to 5G plans"),
            ("phones now support 5g.", "phones now support 5G."),
            ("4g/5g and 3g or 4G", "4G/5G and 3G or 4G"),
            ("300 5g-enabled factories", "300 5G-enabled factories"),
            ("the 5g network.", "the 5G network."),
            (
                "the first test of a 6g terahertz link",
                "the first test of a 6G terahertz link",
            ),
            (
                "switch off its 3G service and move users to 4g.",
                "switch off its 3G service and move users to 4G.",
            ),
            (
                "The 5g-A network, also known as 5.5G",
                "The 5G-A network, also known as 5.5G",
            ),
            ("spectrum for 5g and 6g", "spectrum for 5G and 6G"),
            ("a national 6g research lab", "a national 6G research lab"),
            (
                "the first 6g satellite and 5g trials",
                "the first 6G satellite and 5G trials",
            ),
            // A pair is telecoms context for the paragraph in one pass, as the capitals it
            // leaves are in the next.
            ("2g/6g//6g", "2G/6G//6G"),
            ("from 4g to 5g; a 3g phone", "from 4G to 5G; a 3G phone"),
        ];
        for (input, want) in rows {
            assert_eq!(run(input), want, "{input}");
        }
    }

    #[test]
    fn leaves_weights_and_codes_alone() {
        let rows = [
            "add 5g of sugar",
            "a 5g sachet and a 250g pack",
            "1.5g network and 15g networks",
            "the g5 chip and 5gb of data and 5G network",
            "7g networks and 1g phones",
            "5g",
            "5g and 5 grams",
            "a 4g to 5 g ratio",
            "add 5g to the bowl",
            "mix 5g and 10g of salt",
            "x5g network and 5g_network and -5g network",
            "a 5g-serving sachet and 5g-enabledx",
            "—5g and x—5g here",
            "The 5G phone comes with a 5g sachet of gel and 5g of sugar",
            "broadband bills and a 5g bar; the carrier's 2g pack",
            "the telecoms firm sold 5gb and 5g_x",
            "add 6g of yeast before the dough rests",
            "a 6g dose in the trial and 4g of protein in the lab",
            "a 6gtrial and 6g trialx",
        ];
        for input in rows {
            assert_eq!(run(input), input, "{input}");
        }
    }
}
