//! What a rule hands the engine: a [`Proposal`] (a byte span of one text and its replacement),
//! and [`apply_simple`], which applies proposals first come first served for rules that repair
//! nested damage and for tests.
//!
//! This module never resolves rule priority or protected spans and never logs an edit; that is
//! the engine's job.

use std::ops::Range;

use super::RuleId;

/// One proposed edit, before the engine resolves overlaps and protected spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Proposal {
    pub rule: RuleId,
    pub range: Range<usize>,
    pub replacement: String,
}

impl Proposal {
    pub(crate) fn new(rule: RuleId, range: Range<usize>, replacement: String) -> Proposal {
        Proposal {
            rule,
            range,
            replacement,
        }
    }
}

/// Applies proposals that do not overlap, first come first served. The engine does more (rule
/// priority, protected spans, spans in the output); rules use this to repair nested damage and
/// tests to show results.
pub(crate) fn apply_simple(text: &str, props: &[Proposal]) -> String {
    let mut sorted: Vec<&Proposal> = props.iter().collect();
    sorted.sort_by_key(|p| (p.range.start, p.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in sorted {
        if p.range.start < at || p.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..p.range.start]);
        out.push_str(&p.replacement);
        at = p.range.end;
    }
    out.push_str(&text[at..]);
    out
}
