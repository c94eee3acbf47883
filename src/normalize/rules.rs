//! The rule registry: every rule's stable id, description and targets ([`RuleId`]), the kinds of
//! text a rule may apply to ([`Target`]), and sets of rules ([`RuleSet`]) as `book.yaml`,
//! `--rules` and article front matter name them.
//!
//! This module never looks at text: what a rule proposes lives in the rule's own module, and
//! which proposals win is the engine's business.

use crate::error::{Error, Result};

/// A normalizer rule. The order of [`RuleId::ALL`] is the priority order: when two proposals
/// overlap, the earlier rule's wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    SiteResidue,
    StrayMarkup,
    DuplicateTitle,
    UnicodeEscape,
    Mojibake,
    HtmlEntity,
    Glossary,
    MissingApostrophe,
    FusedSentence,
    FusedWords,
    Spacing,
    NetworkGeneration,
    AcronymCase,
    Typography,
}

/// The kinds of text a rule may apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Title,
    Body,
    Caption,
    Comment,
}

impl RuleId {
    pub const ALL: [RuleId; 14] = [
        RuleId::SiteResidue,
        RuleId::StrayMarkup,
        RuleId::DuplicateTitle,
        RuleId::UnicodeEscape,
        RuleId::Mojibake,
        RuleId::HtmlEntity,
        RuleId::Glossary,
        RuleId::MissingApostrophe,
        RuleId::FusedSentence,
        RuleId::FusedWords,
        RuleId::Spacing,
        RuleId::NetworkGeneration,
        RuleId::AcronymCase,
        RuleId::Typography,
    ];

    /// The stable id used in `book.yaml`, `--rules`, reports and edits.json.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::SiteResidue => "site-residue",
            RuleId::StrayMarkup => "stray-markup",
            RuleId::DuplicateTitle => "duplicate-title",
            RuleId::UnicodeEscape => "unicode-escape",
            RuleId::Mojibake => "mojibake",
            RuleId::HtmlEntity => "html-entity",
            RuleId::Glossary => "glossary",
            RuleId::MissingApostrophe => "missing-apostrophe",
            RuleId::FusedSentence => "fused-sentence",
            RuleId::FusedWords => "fused-words",
            RuleId::Spacing => "spacing",
            RuleId::NetworkGeneration => "network-generation",
            RuleId::AcronymCase => "acronym-case",
            RuleId::Typography => "typography",
        }
    }

    /// One line for `--help`, the README and review tooltips.
    pub fn description(self) -> &'static str {
        match self {
            RuleId::SiteResidue => {
                "removes web-page chrome (ad scripts, publisher stamps, share widgets) from the body"
            }
            RuleId::StrayMarkup => {
                "removes spelled-out HTML tags (< p >, </ p>, <br / >) from plain text"
            }
            RuleId::DuplicateTitle => "drops copies of the title at the top of the body",
            RuleId::UnicodeEscape => "decodes escapes spelled out as text (u2014, \\u2019)",
            RuleId::Mojibake => "repairs UTF-8 that was decoded as Windows-1252 (â€™ → ’)",
            RuleId::HtmlEntity => {
                "decodes HTML character references left in prose (&amp;, &#8217;)"
            }
            RuleId::Glossary => "replaces listed name variants with the canonical term",
            RuleId::MissingApostrophe => {
                "restores dropped apostrophes in contractions and possessives"
            }
            RuleId::FusedSentence => {
                "separates sentences glued at their full stop (it.Nothing → it. Nothing)"
            }
            RuleId::FusedWords => "separates glued words (ofYou → of You, HUAWEIThere)",
            RuleId::Spacing => {
                "fixes runs of spaces, spaces around , . ; : ! ? and before a joining hyphen"
            }
            RuleId::NetworkGeneration => "mobile network generations in capitals (5g network → 5G)",
            RuleId::AcronymCase => {
                "common acronyms in capitals (ceo → CEO, gdp → GDP, ipos → IPOs)"
            }
            RuleId::Typography => "curly quotes and apostrophes, dashes, ellipsis",
        }
    }

    /// The kinds of text the rule applies to when enabled. Comments get a rule only when it is
    /// listed in `normalize.comments`.
    pub fn targets(self) -> &'static [Target] {
        use Target::*;
        match self {
            RuleId::DuplicateTitle | RuleId::SiteResidue => &[Body],
            RuleId::StrayMarkup => &[Body, Caption],
            RuleId::UnicodeEscape | RuleId::Mojibake | RuleId::HtmlEntity => {
                &[Title, Body, Caption, Comment]
            }
            RuleId::Glossary
            | RuleId::MissingApostrophe
            | RuleId::FusedSentence
            | RuleId::FusedWords
            | RuleId::Spacing
            | RuleId::NetworkGeneration
            | RuleId::AcronymCase
            | RuleId::Typography => &[Title, Body, Caption, Comment],
        }
    }

    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.id() == id)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of rules, as a bit mask (cheap to copy per field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleSet(u16);

impl RuleSet {
    pub fn all() -> RuleSet {
        RuleSet(RuleId::ALL.iter().fold(0, |m, r| m | r.bit()))
    }

    pub fn contains(self, r: RuleId) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn set(&mut self, r: RuleId, on: bool) {
        if on {
            self.0 |= r.bit();
        } else {
            self.0 &= !r.bit();
        }
    }

    /// Parses rule ids, reporting an unknown one with the closest valid id.
    pub fn parse_ids<'a>(ids: impl IntoIterator<Item = &'a str>, what: &str) -> Result<RuleSet> {
        let mut set = RuleSet::default();
        for id in ids {
            set.set(parse_rule(id, what)?, true);
        }
        Ok(set)
    }
}

pub(super) fn parse_rule(id: &str, what: &str) -> Result<RuleId> {
    RuleId::parse(id.trim()).ok_or_else(|| {
        let valid: Vec<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
        let hint = match crate::error::closest(id, valid.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("valid rules: {}", valid.join(", ")),
        };
        Error::Message(format!("unknown normalizer rule `{id}` in {what}; {hint}"))
    })
}
