//! Related reading: the teaser a page puts between or after articles.
//!
//! `Related reading: Huawei bets on software`, `He declined to comment. Read more: Why Huawei
//! matters`, `Related articles`. A label with a colon takes the headline on its line; a label
//! alone on its line heads a list of headlines and takes the rest of the text; a label without a
//! colon counts only where it closes the clause.
//!
//! It never takes prose that uses the words: "Read more books", "Related party transactions were
//! disclosed.", "Recommended reading for all engineers is the spec.".

use super::text::{
    clause_end, clause_start, colon_after, ends_word, eq_ci_at, has_alnum, line_end,
};
use super::{Residue, ResidueKind};

pub(super) const TEASER_LABELS: &[&str] = &[
    "related reading",
    "related articles",
    "related article",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "recommended reading",
    "recommended articles",
    "recommended for you",
    "read more",
    "read also",
    "also read",
    "you may also like",
    "you might also like",
    "related",
];

pub(super) fn related_reading(text: &str, i: usize, floor: usize) -> Option<Residue> {
    if !matches!(text.as_bytes()[i], b'R' | b'Y' | b'A') {
        return None;
    }
    let label = TEASER_LABELS
        .iter()
        .find(|l| eq_ci_at(text, i, l) && ends_word(text, i + l.len()))?;
    if !clause_start(text, i, floor) {
        return None;
    }
    let q = i + label.len();
    if let Some(colon_end) = colon_after(text, q) {
        // A headline on the label's line is the teaser's link and ends with the line; a label
        // alone on its line heads a list of headlines that runs to the end of the text.
        let end = line_end(text, colon_end);
        let end = if has_alnum(&text[colon_end..end]) {
            text[..end].trim_end().len()
        } else {
            text.trim_end().len()
        };
        return Some(Residue::new(i..end.max(q), ResidueKind::RelatedReading));
    }
    clause_end(text, q).then(|| Residue::new(i..q, ResidueKind::RelatedReading))
}
