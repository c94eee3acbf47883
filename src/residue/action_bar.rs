//! Action bars: the row of buttons a page prints under an article or a forum post, written out
//! as labels between pipes.
//!
//! `Share | Print | Email | Facebook | Twitter | WeChat`, `Share | Print | Email | Bookmark`,
//! `Like (0) | Comment (0) | Share (0) | Favorite | Report this post`, `Reply | Quote | Report
//! post`, `Font size: A A A | Print | Email`. The paragraph must be the bar and nothing else:
//! one line of at least two items between pipes, each a button's label (an action or a
//! network, or the font-size switch with its sizes), maybe with its count, at least one of them
//! an action.
//!
//! It never takes prose or tables that use the words: "Users can share, print or email the
//! report." (no pipes), "Print | Online | Total" (a word that is no button), "| Share | 12.3 |
//! 4.5 |" (a table row opens and closes with a pipe), "Likes | Comments\n---|---" (more than a
//! line), "Font size | Line height | Margin" (a size switch needs its sizes, and no other
//! item is a button).

use super::share::{NETWORKS, is_network_name};

/// Labels of a button that does something to the article (a network alone is a link).
const ACTIONS: &[&str] = &[
    "share",
    "shares",
    "print",
    "email",
    "e-mail",
    "mail",
    "bookmark",
    "bookmarks",
    "save",
    "favorite",
    "favourite",
    "favorites",
    "favourites",
    "collect",
    "like",
    "likes",
    "dislike",
    "comment",
    "comments",
    "reply",
    "quote",
    "report",
    "tweet",
    "copy link",
];

/// What may follow an action's label: "Report this post", "Print this article", "Report post".
const THIS_OBJECTS: &[&str] = &["article", "story", "post", "page"];

/// The font-size switch's label, and the sizes it offers: `Font size: A A A`, `Text size: A+
/// A-`, `Font: Large Medium Small`.
const SIZE_LABELS: &[&str] = &["font size", "font-size", "text size", "font"];
const SIZES: &[&str] = &[
    "a", "a+", "a-", "a−", "aa", "t", "t+", "t-", "+", "-", "large", "larger", "big", "bigger",
    "medium", "middle", "normal", "default", "small", "smaller",
];

const PIPES: &[char] = &['|', '｜', '丨'];

/// Whether a bar may open with `word` (ASCII lower case): whether it is the first word of a
/// label of `ACTIONS` or `NETWORKS`. Every paragraph comes here, so this is one `match`, not a
/// walk over the lists; `every_label_opens_a_bar` keeps the two in step.
pub(super) fn opens_action_bar(word: &[u8]) -> bool {
    matches!(
        word,
        b"share"
            | b"shares"
            | b"print"
            | b"email"
            | b"e-mail"
            | b"mail"
            | b"bookmark"
            | b"bookmarks"
            | b"save"
            | b"favorite"
            | b"favourite"
            | b"favorites"
            | b"favourites"
            | b"collect"
            | b"like"
            | b"likes"
            | b"dislike"
            | b"comment"
            | b"comments"
            | b"reply"
            | b"quote"
            | b"report"
            | b"tweet"
            | b"copy"
            | b"facebook"
            | b"twitter"
            | b"x"
            | b"linkedin"
            | b"whatsapp"
            | b"reddit"
            | b"telegram"
            | b"pinterest"
            | b"tumblr"
            | b"pocket"
            | b"wechat"
            | b"weibo"
            | b"messenger"
            | b"flipboard"
            | b"mastodon"
            | b"threads"
            | b"bluesky"
            | b"qzone"
            | b"qq"
            | b"douban"
            | b"font"
            | b"font-size"
            | b"text"
    )
}

/// Whether `text` (trimmed) is an action bar.
pub(super) fn action_bar(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') || text.starts_with(PIPES) || text.ends_with(PIPES) {
        return false;
    }
    let mut items = 0;
    let mut action = false;
    for item in text.split(PIPES) {
        match button(item.trim()) {
            Some(is_action) => {
                items += 1;
                action |= is_action;
            }
            None => return false,
        }
    }
    items >= 2 && action
}

/// One item of a bar: `Some(true)` for an action's label, `Some(false)` for a network's, with a
/// count before or after it ("Like (0)", "12 Comments", "Share 3"), "this article" or a network
/// after it ("Share on WeChat").
fn button(item: &str) -> Option<bool> {
    if size_switch(item) {
        return Some(true);
    }
    let words: Vec<&str> = item.split_whitespace().collect();
    let words = match words.as_slice() {
        [rest @ .., last] if !rest.is_empty() && is_count(last) => rest,
        [first, rest @ ..] if !rest.is_empty() && is_count(first) => rest,
        all => all,
    };
    if words.len() > 1 && is_network_name(&words.join(" ")) {
        return Some(false);
    }
    let label = match words {
        [one] => *one,
        [verb, this, object]
            if this.eq_ignore_ascii_case("this")
                && THIS_OBJECTS.iter().any(|o| object.eq_ignore_ascii_case(o)) =>
        {
            *verb
        }
        [a, b] if a.eq_ignore_ascii_case("copy") && b.eq_ignore_ascii_case("link") => {
            return Some(true);
        }
        // "Report post", "Print article".
        [verb, object] if THIS_OBJECTS.iter().any(|o| object.eq_ignore_ascii_case(o)) => *verb,
        // "Share on WeChat", "Share to Weibo".
        [verb, to, network]
            if ["on", "to", "via", "with"]
                .iter()
                .any(|p| to.eq_ignore_ascii_case(p))
                && NETWORKS.iter().any(|n| network.eq_ignore_ascii_case(n)) =>
        {
            *verb
        }
        _ => return None,
    };
    if ACTIONS.iter().any(|a| label.eq_ignore_ascii_case(a)) {
        Some(true)
    } else if words.len() == 1 && NETWORKS.iter().any(|n| label.eq_ignore_ascii_case(n)) {
        Some(false)
    } else {
        None
    }
}

/// The font-size switch: its label, a colon, and at least two sizes.
fn size_switch(item: &str) -> bool {
    let Some(head) = SIZE_LABELS.iter().find_map(|l| {
        item.get(..l.len())
            .filter(|h| h.eq_ignore_ascii_case(l))
            .map(|_| &item[l.len()..])
    }) else {
        return false;
    };
    let Some(sizes) = head
        .trim_start()
        .strip_prefix(':')
        .or_else(|| head.trim_start().strip_prefix('：'))
    else {
        return false;
    };
    let sizes: Vec<&str> = sizes.split_whitespace().collect();
    sizes.len() >= 2
        && sizes
            .iter()
            .all(|s| SIZES.iter().any(|z| s.eq_ignore_ascii_case(z)))
}

/// A button's count: `0`, `(12)`, `1,204`, `(3.1k)`.
fn is_count(word: &str) -> bool {
    let inner = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .unwrap_or(word);
    let digits = inner.trim_end_matches(['k', 'K', 'w', 'W', '万']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_opens_a_bar() {
        for label in ACTIONS.iter().chain(NETWORKS) {
            let first = label.split(' ').next().unwrap_or(label);
            assert!(opens_action_bar(first.as_bytes()), "{label}");
        }
    }
}
