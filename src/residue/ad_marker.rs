//! Ad markers: the label a page prints where an ad was.
//!
//! `— Ad —`, `Sales rose. - Advertisement - Then they fell.`, `ADVERTISEMENT` in capitals
//! anywhere, `Story continues below advertisement`, `… he said. Advertisement` closing a
//! paragraph, and the label with the reader's prompt after it, `Advertisement - Scroll to
//! continue reading the rest of this article`.
//!
//! It never takes prose about advertising: "an advertisement campaign", "Advertisement revenue
//! fell by a third.", "Sponsored content is growing in China.", "Huawei's ad campaign — an ad in
//! every paper — worked." A marker needs dashes around it, capitals, a fixed phrase, or the end of
//! its paragraph.

use super::text::{clause_end, clause_start, ends_word, eq_at, eq_ci_at, next_char, skip_ws};
use super::{Residue, ResidueKind};

pub(super) const AD_PHRASES: &[&str] = &[
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading the main story",
    "scroll to continue with content",
];

const AD_WORDS: &[&str] = &[
    "advertisement",
    "advertising",
    "sponsored",
    "ads",
    "ad",
    "广告",
];

/// Dashes that decorate an ad label: "— Ad —".
pub(super) const AD_DASHES: &[&str] = &["-", "–", "—"];

/// Ad labels that count anywhere when written in capitals.
pub(super) const AD_CAPITALS: &[&str] = &["ADVERTISEMENTS", "ADVERTISEMENT", "ADVERTISING"];

/// Ad labels that count where they close a paragraph.
pub(super) const AD_CLOSING_LABELS: &[&str] = &["Advertisement", "Sponsored content"];

pub(super) fn ad_marker(text: &str, i: usize, floor: usize) -> Option<Residue> {
    if !matches!(text.as_bytes()[i], b'A' | b'S' | b'C' | b'-' | 0xE2) {
        return None;
    }
    let span = |end: usize| Some(Residue::new(i..end, ResidueKind::AdMarker));
    // Decorated anywhere: "— Ad —", "- Advertisement -".
    let dashes = |mut p: usize| {
        let start = p;
        while let Some(c) = next_char(text, p).filter(|c| matches!(c, '-' | '–' | '—')) {
            p += c.len_utf8();
        }
        (p > start).then_some(p)
    };
    if let Some(p) = dashes(i) {
        let w = skip_ws(text, p);
        let word = AD_WORDS
            .iter()
            .find(|a| eq_ci_at(text, w, a) && ends_word(text, w + a.len()))?;
        return dashes(skip_ws(text, w + word.len())).and_then(span);
    }
    if let Some(end) = scroll_prompt(text, i) {
        return span(end);
    }
    for uppercase in AD_CAPITALS {
        if eq_at(text, i, uppercase) && ends_word(text, i + uppercase.len()) {
            return span(i + uppercase.len());
        }
    }
    if let Some(p) = AD_PHRASES.iter().find(|p| eq_ci_at(text, i, p)) {
        return span(i + p.len());
    }
    // "… he said. Advertisement": the label closing a paragraph.
    for label in AD_CLOSING_LABELS {
        let q = i + label.len();
        if eq_at(text, i, label) && clause_start(text, i, floor) && clause_end(text, q) {
            return span(q);
        }
    }
    None
}

/// "Advertisement - Scroll to continue reading the rest of this article" at `i`: an ad label,
/// a dash, colon or pipe, and the prompt to scroll on, with the words that may close it.
/// Returns the end of the prompt.
fn scroll_prompt(text: &str, i: usize) -> Option<usize> {
    let word = ["advertisement", "advertising", "sponsored"]
        .iter()
        .find(|w| eq_ci_at(text, i, w) && ends_word(text, i + w.len()))?;
    let mut p = i + word.len();
    let mut marks = 0;
    while let Some(c) = next_char(text, p)
        .filter(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '|' | '·' | '•'))
    {
        marks += usize::from(!c.is_whitespace());
        p += c.len_utf8();
    }
    if marks == 0 {
        return None;
    }
    // Each step: an optional phrase that may follow the last.
    let mut end = ["scroll down to continue", "scroll to continue"]
        .iter()
        .find(|s| eq_ci_at(text, p, s))
        .map(|s| p + s.len())?;
    let mut take = |options: &[&str]| {
        let q = skip_ws(text, end);
        if let Some(o) = options
            .iter()
            .find(|o| eq_ci_at(text, q, o) && ends_word(text, q + o.len()))
        {
            end = q + o.len();
        }
    };
    take(&["reading", "with content"]);
    take(&["the rest of"]);
    take(&["this", "the"]);
    take(&["article", "story", "post", "page"]);
    ends_word(text, end).then_some(end)
}
