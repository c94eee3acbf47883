//! Tracking links and HTML comments: debris of the page's markup rather than of its layout.
//!
//! A tracking link is a URL carrying a tracking parameter (`utm_*`, `ref=`, `fbclid=`, …):
//! `https://example.com/story?utm_source=twitter&utm_medium=social` standing alone is one span;
//! inside prose ("See the filing at https://example.com/filing?ref=homepage.") only the
//! `?ref=homepage` tail is, so the link itself stays. An HTML comment is `<!-- … -->`, or an
//! unclosed `<!--` and everything after it.
//!
//! It never takes a URL without a tracking parameter ("see https://example.com/page for
//! details") or prose that names a parameter ("The ref= parameter is documented.").

use super::text::{clause_end, eq_at, eq_ci_at, has_alnum};
use super::{Residue, ResidueKind};

// Tracking links.

pub(super) const TRACKING_KEYS: &[&str] = &[
    "utm_", "ref=", "fbclid=", "gclid=", "mc_cid=", "mc_eid=", "ocid=", "cmpid=", "spm=",
];

pub(super) fn tracking_link(text: &str, i: usize, floor: usize) -> Option<Residue> {
    let bytes = text.as_bytes();
    if !TRACKING_KEYS.iter().any(|k| eq_ci_at(text, i + 1, k)) {
        return None;
    }
    let mut token_start = i;
    while token_start > floor && !bytes[token_start - 1].is_ascii_whitespace() {
        token_start -= 1;
    }
    if bytes[i] == b'&' && !bytes[token_start..i].contains(&b'?') {
        return None;
    }
    let token_end = i + bytes[i..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace())
        .count();
    let tail = text[i..token_end]
        .trim_end_matches(['.', ',', ';', ':', '!', ')', ']', '}', '"', '\'', '”', '’']);
    let end = i + tail.len();
    let token = &text[token_start..end];
    let url = token.contains("://") || token.starts_with("www.");
    let alone = !has_alnum(&text[floor..token_start]) && clause_end(text, token_end);
    let start = if url && alone { token_start } else { i };
    Some(Residue::new(start..end, ResidueKind::TrackingLink))
}

// HTML comments.

pub(super) fn html_comment(text: &str, i: usize) -> Option<Residue> {
    if !eq_at(text, i, "<!--") {
        return None;
    }
    let end = text[i + 4..]
        .find("-->")
        .map_or(text.len(), |k| i + 4 + k + 3);
    Some(Residue::new(i..end, ResidueKind::HtmlComment))
}
