//! Share widgets: the row of buttons a page prints to share the article.
//!
//! `Share this: Facebook Twitter LinkedIn`, `Share on Facebook Share on Twitter`,
//! `Click to share on Twitter (Opens in new window)`, `Like this:`. The label starts the span;
//! the network names and widget words after it extend it, also when a scrape glued the buttons'
//! names into one word: `Share this:TwitterFacebookLinkedIn`.
//!
//! It never takes prose that shares something: "We share this view.", "Users share on Facebook
//! more than on Twitter.", "Share on the market rose 3% last year.", "Click to share your
//! thoughts with us.", "It works like this: first you wait.", "Twitter, Facebook and LinkedIn all
//! suspended the account." — a label must be written as a widget writes it and be followed by
//! its colon, the end of the clause, or a network. Nor does it take part of a bar: a widget
//! whose networks run on between pipes past a name it does not know is left whole, since a cut
//! that leaves `Zone | Douban` is worse than none, and a bar of networks between pipes is taken
//! only as a line of its own, never inside a line of prose.
//!
//! As a paragraph of its own ([`share_bar`]), the label may be Chinese and the names too:
//! `分享到：微信 | 微博 | QQ空间 | 豆瓣`, `Share to: 微信 朋友圈`.

use super::text::{
    clause_end, colon_after, ends_word, eq_at, eq_ci_at, has_alnum, line_end, skip_ws, token_at,
};
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

/// Networks by their Chinese names, left untranslated in a share bar.
const CHINESE_NETWORKS: &[&str] = &[
    "微信",
    "微博",
    "朋友圈",
    "豆瓣",
    "qq空间",
    "新浪微博",
    "腾讯微博",
    "人人网",
    "qq好友",
    "微信好友",
];

/// Networks of two or three words, as machine translation names them: QQ空间 is `QQ Zone` or
/// `QQ Space`, 朋友圈 `WeChat Moments` or `Circle of Friends`.
const MULTI_WORD_NETWORKS: &[&str] = &[
    "qq zone",
    "qq space",
    "qzone space",
    "wechat moments",
    "wechat friends",
    "wechat friend circle",
    "circle of friends",
    "friends circle",
    "sina weibo",
    "tencent weibo",
    "baidu tieba",
];

/// Where the network named at `s` ends: a name of several words, or one token.
fn network_end(text: &str, s: usize) -> Option<usize> {
    MULTI_WORD_NETWORKS
        .iter()
        .find(|n| eq_ci_at(text, s, n) && ends_word(text, s + n.len()))
        .map(|n| s + n.len())
        .or_else(|| {
            let (a, b) = token_at(text, s)?;
            (a == s && (is_network(&text[a..b]) || glued_networks(core_of(&text[a..b]))))
                .then_some(b)
        })
}

/// Networks as their brands write them, for buttons whose labels a scrape glued together.
const BRANDS: &[&str] = &[
    "Facebook",
    "Twitter",
    "LinkedIn",
    "WhatsApp",
    "Reddit",
    "Telegram",
    "Pinterest",
    "Tumblr",
    "Pocket",
    "WeChat",
    "Weibo",
    "Email",
    "Print",
    "Messenger",
    "Flipboard",
    "Mastodon",
    "Threads",
    "Bluesky",
    "Qzone",
];

/// `TwitterFacebookLinkedIn`: two brands or more, each as its brand writes it, glued into one
/// token and nothing else. "Twitterfacebook" or "FacebookPage" is no such run.
fn glued_networks(token: &str) -> bool {
    let mut rest = token;
    let mut names = 0;
    while !rest.is_empty() {
        let Some(b) = BRANDS.iter().find(|b| rest.starts_with(**b)) else {
            return false;
        };
        rest = &rest[b.len()..];
        names += 1;
    }
    names >= 2
}

/// Widget words that may follow a share label ("Share this: Facebook Twitter Print").
const WIDGET_WORDS: &[&str] = &["share", "tweet", "pin", "like", "loading", "more"];

fn core_of(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

fn is_network(token: &str) -> bool {
    let core = core_of(token);
    NETWORKS
        .iter()
        .chain(CHINESE_NETWORKS)
        .any(|n| core.eq_ignore_ascii_case(n))
}

/// Whether `item` is a network's name and nothing else: `WeChat`, `QQ Zone`, `微博`.
pub(super) fn is_network_name(item: &str) -> bool {
    network_end(item, 0) == Some(item.len())
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
        } else if let Some(n) = network_end(text, s) {
            end = n;
            pos = n;
        } else if WIDGET_WORDS.iter().any(|w| core.eq_ignore_ascii_case(w)) {
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
            && let Some((a, _)) = token_at(text, e)
            && let Some(b) = network_end(text, a)
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
    widget_at(text, i).filter(|r| !stops_inside_bar(text, r.range.clone()) && !inline_bar(text, r))
}

/// Whether a widget that runs over pipes stands inside a line of prose: a bar is a line of its
/// own, and "… grew fast. Share to: WeChat | Weibo Analysts agreed." is left whole.
fn inline_bar(text: &str, r: &Residue) -> bool {
    let line_start = text[..r.range.start]
        .rfind(['\n', '\r'])
        .map_or(0, |k| k + 1);
    text[r.range.clone()].contains(PIPES)
        && (has_alnum(&text[line_start..r.range.start])
            || has_alnum(&text[r.range.end..line_end(text, r.range.end)]))
}

/// Whether a widget over `range` stopped at a name it does not know while the bar runs on
/// between pipes ("Share: WeChat | QQ Zone | Douban" read as far as "QQ").
fn stops_inside_bar(text: &str, range: std::ops::Range<usize>) -> bool {
    let rest = text[range.end..line_end(text, range.end)].trim_start();
    has_alnum(rest)
        && (rest.starts_with(PIPES) || (text[range].contains(PIPES) && rest.contains(PIPES)))
}

const PIPES: &[char] = &['|', '｜', '丨'];

fn widget_at(text: &str, i: usize) -> Option<Residue> {
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
            && token_at(text, e).is_some_and(|(a, _)| network_end(text, a).is_some())
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

/// Share labels that open a bar written out as a paragraph, longest first.
const BAR_LABELS: &[&str] = &[
    "分享到",
    "分享至",
    "分享",
    "share to",
    "share on",
    "share via",
    "share with",
    "share",
];

/// Whether `text` (trimmed) is a share bar and nothing else: a share label, maybe its colon,
/// and at least two network names between blanks, pipes, commas or slashes.
/// "Users can share the video to WeChat, Weibo and QQ Zone with one tap." is prose: its label
/// is not first, and "and", "with" are no networks.
pub(super) fn share_bar(text: &str) -> bool {
    if text.len() > 200 || text.contains('\n') {
        return false;
    }
    let Some(label) = BAR_LABELS.iter().find(|l| eq_ci_at(text, 0, l)) else {
        return false;
    };
    // A Chinese label is a word by its characters; an English one must end its word.
    if label.is_ascii() && !ends_word(text, label.len()) {
        return false;
    }
    let mut pos = colon_after(text, label.len()).unwrap_or(label.len());
    let mut names = 0;
    loop {
        pos = skip_ws(text, pos);
        while let Some(c) = text[pos..]
            .chars()
            .next()
            .filter(|c| PIPES.contains(c) || matches!(c, ',' | '，' | '、' | '/' | '·' | '•'))
        {
            pos = skip_ws(text, pos + c.len_utf8());
        }
        if pos >= text.len() {
            break;
        }
        let Some(end) = network_end(text, pos) else {
            return false;
        };
        names += 1;
        pos = end;
    }
    names >= 2
}
