//! Comment forms: the reply box under an article, and its boilerplate.
//!
//! `Leave a Reply`, `Leave a Reply to José Cancel reply`, `Post Comment`, `Your email address
//! will not be published. Required fields are marked *`. The form's own sentences count anywhere;
//! its short labels only where they open a clause and nothing but form text follows. (Field labels
//! such as `Name *` count only as the whole text: see `whole_text`.)
//!
//! It never takes prose that talks about replying or commenting: "Leave a reply below if you
//! disagree.", "Post Comment sections are toxic.", "Comments are closed for now, but the debate
//! will go on elsewhere.".

use super::text::{clause_end, clause_start, ends_word, eq_at, eq_ci_at, skip_ws, token_at};
use super::{Residue, ResidueKind};

/// Sentences only a comment form prints; they may stand anywhere.
pub(super) const FORM_SENTENCES: &[&str] = &[
    "your email address will not be published",
    "required fields are marked",
    "save my name, email, and website in this browser",
    "you must be logged in to post a comment",
    "this site uses akismet to reduce spam",
    "notify me of follow-up comments",
    "notify me of new posts",
];

/// Short form labels; they count only when they open a clause and nothing but other form text
/// follows ("Leave a reply below if you disagree" is prose).
pub(super) const FORM_LABELS_SHORT: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "cancel reply",
    "post comment",
    "submit comment",
];

fn form_phrase_at(text: &str, p: usize) -> bool {
    FORM_SENTENCES
        .iter()
        .chain(FORM_LABELS_SHORT)
        .any(|s| eq_ci_at(text, p, s))
}

pub(super) fn comment_form(text: &str, i: usize, floor: usize) -> Option<Residue> {
    if !matches!(
        text.as_bytes()[i].to_ascii_lowercase(),
        b'y' | b'r' | b's' | b't' | b'n' | b'l' | b'c' | b'p'
    ) {
        return None;
    }
    for s in FORM_SENTENCES {
        if eq_ci_at(text, i, s) {
            let from = i + s.len();
            let limit = (from + 200).min(text.len());
            let mut end = from;
            if let Some(k) = text.as_bytes()[from..limit]
                .iter()
                .position(|b| matches!(b, b'.' | b'*'))
            {
                end = from + k + 1;
                while eq_at(text, end, "*") {
                    end += 1;
                }
            }
            return Some(Residue::new(i..end, ResidueKind::CommentForm));
        }
    }
    if !text.as_bytes()[i].is_ascii_uppercase() || !clause_start(text, i, floor) {
        return None;
    }
    let label = FORM_LABELS_SHORT.iter().find(|l| eq_ci_at(text, i, l))?;
    let q = i + label.len();
    if !ends_word(text, q) {
        return None;
    }
    // "Leave a Reply to NAME Cancel reply" (the reply form under a comment).
    if label.starts_with("leave")
        && token_at(text, q).is_some_and(|(a, _)| eq_ci_at(text, a, "to "))
    {
        let limit = (q + 80).min(text.len());
        let window = &text.as_bytes()[q..limit];
        if let Some(k) = window
            .windows(12)
            .position(|w| w.eq_ignore_ascii_case(b"cancel reply"))
        {
            return Some(Residue::new(i..q + k + 12, ResidueKind::CommentForm));
        }
    }
    let next = skip_ws(text, q);
    let ok = clause_end(text, q)
        || eq_at(text, next, "*")
        || eq_at(text, next, ":")
        || form_phrase_at(text, next);
    ok.then(|| Residue::new(i..q, ResidueKind::CommentForm))
}
