//! Whole-text labels: a line that is nothing but a widget's label.
//!
//! `— Advertisement —`, `[ Share ]`, `Related:`, `Leave a Reply`, `Comments are closed.`: once the
//! decoration (`DECOR`) around it is stripped, the whole text equals a label of `WHOLE_TEXT`, or
//! is a comment-form field label with its asterisk (`Name *`, `Email (required)`), and the whole
//! text is one span.
//!
//! It never matches part of a line: "Advertisement revenue fell by a third." or "Related party
//! transactions were disclosed." hold a label but are more than it, and are left to the anchored
//! detectors. A bare "Name" or "Website" is never a form label, and nothing longer than 40 bytes
//! is tried.

use super::{Residue, ResidueKind};

/// Characters that decorate a standalone label ("— Advertisement —", "[ Share ]", "Related:").
const DECOR: &[char] = &[
    '-', '–', '—', '*', '·', '•', '|', '[', ']', '(', ')', '{', '}', '<', '>', '=', '_', '~', ':',
    '：', '»', '«', '【', '】', '/',
];

const WHOLE_TEXT: &[(&str, ResidueKind)] = &[
    ("advertisement", ResidueKind::AdMarker),
    ("advertisements", ResidueKind::AdMarker),
    ("advertising", ResidueKind::AdMarker),
    ("ad", ResidueKind::AdMarker),
    ("ads", ResidueKind::AdMarker),
    ("sponsored", ResidueKind::AdMarker),
    ("sponsored content", ResidueKind::AdMarker),
    ("sponsored post", ResidueKind::AdMarker),
    ("sponsored article", ResidueKind::AdMarker),
    ("paid content", ResidueKind::AdMarker),
    ("paid post", ResidueKind::AdMarker),
    ("promoted content", ResidueKind::AdMarker),
    ("story continues below advertisement", ResidueKind::AdMarker),
    (
        "article continues below advertisement",
        ResidueKind::AdMarker,
    ),
    ("continue reading the main story", ResidueKind::AdMarker),
    ("scroll to continue with content", ResidueKind::AdMarker),
    ("advertisement - scroll to continue", ResidueKind::AdMarker),
    ("广告", ResidueKind::AdMarker),
    ("share", ResidueKind::ShareWidget),
    ("share this", ResidueKind::ShareWidget),
    ("share this article", ResidueKind::ShareWidget),
    ("share this story", ResidueKind::ShareWidget),
    ("share this post", ResidueKind::ShareWidget),
    ("share this page", ResidueKind::ShareWidget),
    ("分享到", ResidueKind::ShareWidget),
    ("leave a reply", ResidueKind::CommentForm),
    ("leave a comment", ResidueKind::CommentForm),
    ("post comment", ResidueKind::CommentForm),
    ("submit comment", ResidueKind::CommentForm),
    ("cancel reply", ResidueKind::CommentForm),
    ("comments are closed.", ResidueKind::CommentForm),
    ("comments are closed", ResidueKind::CommentForm),
    ("related", ResidueKind::RelatedReading),
    ("related reading", ResidueKind::RelatedReading),
    ("related articles", ResidueKind::RelatedReading),
    ("related stories", ResidueKind::RelatedReading),
    ("related posts", ResidueKind::RelatedReading),
    ("related news", ResidueKind::RelatedReading),
    ("related content", ResidueKind::RelatedReading),
    ("recommended reading", ResidueKind::RelatedReading),
    ("recommended articles", ResidueKind::RelatedReading),
    ("recommended for you", ResidueKind::RelatedReading),
    ("read more", ResidueKind::RelatedReading),
    ("read also", ResidueKind::RelatedReading),
    ("also read", ResidueKind::RelatedReading),
    ("you may also like", ResidueKind::RelatedReading),
    ("you might also like", ResidueKind::RelatedReading),
    ("reaction score", ResidueKind::Counter),
];

/// Comment-form field labels; only as the whole text and with their asterisk, because "Name" or
/// "Website" alone could be anything.
const FORM_LABELS: &[&str] = &[
    "Name *",
    "Name*",
    "Email *",
    "Email*",
    "E-mail *",
    "Comment *",
    "Comment*",
    "Website *",
    "Name (required)",
    "Email (required)",
];

pub(super) fn whole_text(text: &str) -> Option<Residue> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    let range = start..start + trimmed.len();
    if FORM_LABELS.contains(&trimmed) {
        return Some(Residue::new(range, ResidueKind::CommentForm));
    }
    let core = trimmed.trim_matches(|c: char| c.is_whitespace() || DECOR.contains(&c));
    if core.len() > 40 || core.is_empty() {
        return None;
    }
    WHOLE_TEXT
        .iter()
        .find(|(label, _)| core.eq_ignore_ascii_case(label))
        .map(|&(_, kind)| Residue::new(range, kind))
}
