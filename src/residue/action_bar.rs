//! Action bars: the row of buttons a page prints under an article or a forum post, written out
//! as labels between pipes.
//!
//! `Share | Print | Email | Facebook | Twitter | WeChat`, `Share | Print | Email | Bookmark`,
//! `Like (0) | Comment (0) | Share (0) | Favorite | Report this post`, `Reply | Quote | Report
//! post`, `Font size: A A A | Print | Email`, `Reply | Quote | Report | #5 Floor`. The
//! paragraph must be the bar and nothing else: one line of at least two items between pipes,
//! each a button's label (an action or a network, or the font-size switch with its sizes), maybe
//! with its count, or the post's floor number (`#5 Floor`, `5th floor`, `Floor 5`, `5#`, `5楼`),
//! at least one of them an action. A bar of one button is a like or a favourite with its count
//! in brackets (`Like (0)`, `Favorite (12)`): no sentence is that.
//!
//! It never takes prose or tables that use the words: "Users can share, print or email the
//! report." (no pipes), "Print | Online | Total" (a word that is no button), "| Share | 12.3 |
//! 4.5 |" (a table row opens and closes with a pipe), "Likes | Comments\n---|---" (more than a
//! line), "Font size | Line height | Margin" (a size switch needs its sizes, and no other
//! item is a button), "Floor 5 | Floor 6 | Floor 7" (a building's directory: no action), "The
//! floor of the exchange was quiet on Monday." (no pipes), "Comments (0)" (a page's counter,
//! not a button), "Like 3" (no brackets).

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
pub(super) const SIZES: &[&str] = &[
    "a", "a+", "a-", "a−", "aa", "t", "t+", "t-", "+", "-", "large", "larger", "big", "bigger",
    "medium", "middle", "normal", "default", "small", "smaller",
];

const PIPES: &[char] = &['|', '｜', '丨'];

/// Whether a bar may open with `word` (ASCII lower case): whether it is the first word of a
/// label of `ACTIONS` or `NETWORKS`, or of a floor number. Every paragraph comes here, so this is one `match`, not a
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
            | b"floor"
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
    items >= 2 && action || items == 1 && lone_button(text)
}

/// The one button a bar may be: a like or a favourite with its count in brackets.
fn lone_button(item: &str) -> bool {
    const LONE: &[&str] = &[
        "like",
        "likes",
        "dislike",
        "favorite",
        "favourite",
        "favorites",
        "favourites",
        "collect",
        "bookmark",
    ];
    match item.split_whitespace().collect::<Vec<_>>().as_slice() {
        [label, count] => {
            count.starts_with('(')
                && is_count(count)
                && LONE.iter().any(|l| label.eq_ignore_ascii_case(l))
        }
        _ => false,
    }
}

/// One item of a bar: `Some(true)` for an action's label, `Some(false)` for a network's, with a
/// count before or after it ("Like (0)", "12 Comments", "Share 3"), "this article" or a network
/// after it ("Share on WeChat").
fn button(item: &str) -> Option<bool> {
    if size_switch(item) {
        return Some(true);
    }
    if floor_number(item) {
        return Some(false);
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

/// A forum post's floor number (楼, the post's place in the thread): `#5 Floor`, `5 Floor`,
/// `Floor 5`, `5th floor`, `#5`, `5#`, `5楼`, `#5楼`, `第5楼`.
fn floor_number(item: &str) -> bool {
    let number = |w: &str| !w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b.is_ascii_digit());
    let ordinal = |w: &str| {
        let lower = w.to_ascii_lowercase();
        ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| lower.strip_suffix(s).is_some_and(number))
    };
    // The number with its mark: `#5`, `5#`, `5楼`, `第5楼`.
    let marked = |w: &str| {
        let bare = w.strip_prefix('第').unwrap_or(w);
        let (bare, storey) = bare.strip_suffix('楼').map_or((bare, false), |b| (b, true));
        bare.strip_prefix('#')
            .or_else(|| bare.strip_suffix('#'))
            .is_some_and(number)
            || (storey && number(bare))
    };
    let is_floor = |w: &str| w.eq_ignore_ascii_case("floor");
    match item.split_whitespace().collect::<Vec<_>>().as_slice() {
        [one] => marked(one),
        [n, f] => is_floor(f) && (marked(n) || number(n) || ordinal(n)) || is_floor(n) && number(f),
        _ => false,
    }
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
