//! Share widgets: the row of buttons a page prints to share the article.
//!
//! `Share this: Facebook Twitter LinkedIn`, `Share on Facebook Share on Twitter`,
//! `Click to share on Twitter (Opens in new window)`, `Like this:`. The label starts the span;
//! the network names and widget words after it extend it.
//!
//! It never takes prose that shares something: "We share this view.", "Users share on Facebook
//! more than on Twitter.", "Share on the market rose 3% last year.", "Click to share your
//! thoughts with us.", "It works like this: first you wait." — a label must be written as a
//! widget writes it and be followed by its colon, the end of the clause, or a network.

use super::text::{clause_end, colon_after, ends_word, eq_at, eq_ci_at, skip_ws, token_at};
use super::{Residue, ResidueKind};

pub(super) const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "reddit",
    "telegram",
    "pinterest",
    "tumblr",
    "pocket",
    "wechat",
    "weibo",
    "email",
    "e-mail",
    "print",
    "messenger",
    "flipboard",
    "mastodon",
    "threads",
    "bluesky",
    "qzone",
    "qq",
    "douban",
];

/// Widget words that may follow a share label ("Share this: Facebook Twitter Print").
const WIDGET_WORDS: &[&str] = &["share", "tweet", "pin", "like", "loading", "more"];

fn core_of(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_network(token: &str) -> bool {
    let core = core_of(token);
    NETWORKS.iter().any(|n| core.eq_ignore_ascii_case(n))
}

/// Extends a share widget over the network names and widget words that follow it.
fn widget_tail(text: &str, j: usize) -> usize {
    let mut end = j;
    let mut pos = j;
    while let Some((s, e)) = token_at(text, pos) {
        let token = &text[s..e];
        let core = core_of(token);
        if eq_ci_at(text, s, "(opens in new window)") {
            end = s + "(opens in new window)".len();
            pos = end;
        } else if core.is_empty() {
            pos = e; // a separator: keep it only if more widget follows
        } else if is_network(token) || WIDGET_WORDS.iter().any(|w| core.eq_ignore_ascii_case(w)) {
            end = e;
            pos = e;
        } else if core.eq_ignore_ascii_case("click")
            && token_at(text, e).is_some_and(|(a, _)| eq_ci_at(text, a, "to share"))
        {
            end = skip_ws(text, e) + "to share".len();
            pos = end;
        } else if ["on", "via", "to", "with"]
            .iter()
            .any(|w| core.eq_ignore_ascii_case(w))
            && let Some((a, b)) = token_at(text, e)
            && is_network(&text[a..b])
        {
            end = b;
            pos = b;
        } else {
            break;
        }
    }
    end
}

/// What a share widget starts with (`Click` is followed by `to share`).
pub(super) const SHARE_LABELS: &[&str] = &["Share", "Click to share", "Like this:"];

pub(super) fn share_widget(text: &str, i: usize) -> Option<Residue> {
    if !matches!(text.as_bytes()[i], b'S' | b'C' | b'L') {
        return None;
    }
    let span = |end: usize| Residue::new(i..end, ResidueKind::ShareWidget);
    if eq_at(text, i, "Share") && ends_word(text, i + 5) {
        let p = i + 5;
        if let Some(q) = colon_after(text, p) {
            let tail = widget_tail(text, q);
            return (clause_end(text, q) || tail > q).then(|| span(tail.max(q)));
        }
        let (s, e) = token_at(text, p)?;
        if eq_ci_at(text, s, "this") && ends_word(text, s + 4) {
            let mut q = s + 4;
            if let Some((s2, _)) = token_at(text, q) {
                if let Some(w) = ["article", "story", "post", "page"]
                    .iter()
                    .find(|w| eq_ci_at(text, s2, w) && ends_word(text, s2 + w.len()))
                {
                    q = s2 + w.len();
                }
            }
            let after = colon_after(text, q).unwrap_or(q);
            let tail = widget_tail(text, after);
            let boundary = clause_end(text, after) || tail > after || after > q;
            return boundary.then(|| span(tail.max(after)));
        }
        let word = core_of(&text[s..e]);
        if ["on", "via", "to", "with"]
            .iter()
            .any(|w| word.eq_ignore_ascii_case(w))
            && token_at(text, e).is_some_and(|(a, b)| is_network(&text[a..b]))
        {
            return Some(span(widget_tail(text, p)));
        }
        return None;
    }
    if eq_at(text, i, "Click") && eq_ci_at(text, i, "click to share") && ends_word(text, i + 14) {
        let q = i + 14;
        let tail = widget_tail(text, q);
        let after_colon = colon_after(text, q);
        let ok = clause_end(text, q) || tail > q || after_colon.is_some();
        return ok.then(|| span(tail.max(after_colon.unwrap_or(q))));
    }
    if eq_at(text, i, "Like this:") {
        let q = i + 10;
        let tail = widget_tail(text, q);
        return (clause_end(text, q) || tail > q).then(|| span(tail.max(q)));
    }
    None
}
