//! The content normalizer: turns machine-translated, scraped prose into clean English and records
//! every change. It runs once per article, after loading and before any backend.
//!
//! A pipeline of rules, each with a stable kebab-case id ([`RuleId`]), proposes edits as byte
//! spans of one field (title, a block, a reference, a comment body). The engine drops proposals
//! that touch a protected span (code, URLs, e-mail addresses, paths, raw HTML — see [`protect`]),
//! applies the rest without overlap (earlier rules in [`RuleId::ALL`] win), and logs each edit
//! with its rule, original text, replacement, spans in the original and the clean text, and its
//! line and column in the source file.
//!
//! This stage must not: change code blocks or protected spans, change readers' words in comments
//! unless configured, decide anything about rendering or themes, or do I/O beyond reading a
//! glossary file named in the configuration.
//!
//! Layout: the rule registry is in `rules`, what a rule proposes in `proposal`, the names rules
//! take as evidence in `evidence`, the edit log in `edit_log`, the engine in `engine` (with its
//! span arithmetic in `spans` and residue handling in `site_residue`), raw-text mode in `raw`
//! (its parser in `document`), and each rule's proposals in a module of its own. This file only
//! declares the modules and re-exports what the rest of the crate uses.

mod acronym;
mod apostrophe;
mod diff;
mod document;
mod edit_log;
mod engine;
mod evidence;
mod fused;
mod generation;
pub mod glossary;
mod html_entity;
pub mod lexicon;
mod model;
mod mojibake;
mod proposal;
pub mod quality;
pub mod protect;
mod raw;
mod rules;
mod runs;
mod site_residue;
mod spacing;
mod spans;
mod stray_markup;
mod title;
pub mod typography;
mod unicode_escape;
mod words;

pub use crate::config::normalize::{
    ArticleNormalize, ArticleOptions, GlossarySource, NormalizeConfig, TypographyOptions,
};
pub use diff::render_diff;
pub use edit_log::{Edit, EditLog, Field};
pub use engine::Normalizer;
pub use evidence::Evidence;
pub use glossary::{Glossary, GlossaryEntry, GlossaryMatcher};
pub(crate) use proposal::{Proposal, apply_simple};
pub use rules::{RuleId, RuleSet, Target};

#[cfg(test)]
mod tests;
