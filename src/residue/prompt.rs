//! Link prompts: a link's label that sends the reader somewhere else on the site, written out as
//! a paragraph.
//!
//! `Sign in to post a comment`, `Log in or register to comment`, `You must log in or register to
//! reply here.` (the comment box's or forum's login prompt), `Return to Sohu to see more`, `Back
//! to homepage` (返回搜狐，查看更多), `[Click to view the original article]`, `Read the original
//! text` (阅读原文, 点击查看原文), and WeChat's pointer to its button: `Click "Read the original"
//! at the end of the article to view more reports` (点击文末"阅读原文"查看更多). The paragraph must
//! be the label and nothing else: the verb, what the label names, and an ending from a short
//! list (`post a comment`, `see more`, `original article`), each in the fixed form the link has;
//! brackets around it are the link's.
//!
//! It never takes prose that uses the words: "Users must sign in to post a comment under the
//! new rules." (not the label's opening), "Log in to comment sections and you will see the
//! abuse." (not the label's ending), "\"Return to growth\" was the theme of the meeting.",
//! "Return to Wuhan to see more of the damage, the governor told the team.", "View the original
//! text of the law on the NPC website.", "Readers can read the original report on the
//! ministry's website." (no button named in quotes, no place of the button).

use super::ResidueKind;

/// The login a comment box asks for, then `to` and what it lets the reader do.
const LOGIN_VERBS: &[&str] = &[
    "sign in",
    "log in",
    "login",
    "log on",
    "register",
    "sign up",
    "you must log in",
    "you must sign in",
    "you must be logged in",
    "you need to log in",
    "you need to sign in",
    "you need to be logged in",
];
/// A second way in: `Log in or register to comment`.
const LOGIN_ALTERNATIVES: &[&str] = &[
    "or register",
    "or sign up",
    "or create an account",
    "/register",
    "/ register",
];
const LOGIN_ENDINGS: &[&str] = &[
    "comment",
    "comments",
    "post a comment",
    "post comments",
    "post a reply",
    "post",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "write a comment",
    "make a comment",
    "reply",
    "reply here",
    "post here",
    "reply to this thread",
    "reply to this topic",
    "post a reply here",
    "view comments",
    "see comments",
    "view all comments",
    "see all comments",
    "join the conversation",
    "join the discussion",
    "participate in the discussion",
    "comment on this article",
    "like and comment",
];

/// `Return to Sohu to see more`: the verb, the site (a few words), and what it offers.
const RETURN_VERBS: &[&str] = &["return to", "back to", "go back to"];
const RETURN_ENDINGS: &[&str] = &[
    "to see more",
    "to view more",
    "to read more",
    "to check more",
    "see more",
    "view more",
    "for more",
    "to see more news",
    "to view more news",
    "to read more news",
    "see more news",
    "for more news",
];
/// The home page needs no ending: `Back to homepage`.
const HOME_PAGES: &[&str] = &[
    "homepage",
    "home page",
    "the homepage",
    "the home page",
    "home",
    "the front page",
];
/// At most this many words name the site.
const SITE_WORDS: usize = 3;

/// `Click to view the original article`: an optional click, a verb, and the original.
const CLICKS: &[&str] = &["click here to ", "click to ", "tap here to ", "tap to "];
const VIEW_VERBS: &[&str] = &["view", "read", "see", "open"];
const ORIGINALS: &[&str] = &[
    "original article",
    "original text",
    "original post",
    "original story",
    "original link",
    "original",
    "full text",
    "full article",
    "full story",
];

/// The kind of link prompt `text` (trimmed) is: a login prompt is a comment form's, the others
/// are navigation.
pub(super) fn link_prompt(text: &str) -> Option<ResidueKind> {
    if text.len() > 120 || text.contains('\n') {
        return None;
    }
    // The link's brackets: "[Click to view the original article]".
    let inner = [('[', ']'), ('【', '】'), ('(', ')'), ('（', '）')]
        .iter()
        .find_map(|&(o, c)| text.strip_prefix(o)?.strip_suffix(c))
        .unwrap_or(text);
    let lower = inner
        .trim()
        .trim_end_matches(['.', '!', '。', '>', '»', '›', ' '])
        .to_lowercase();
    let lower = lower.strip_prefix("please ").unwrap_or(&lower);
    if login(lower) {
        Some(ResidueKind::CommentForm)
    } else if back_to_site(lower)
        || view_original(lower)
        || original_button(lower)
        || view_more(lower)
    {
        Some(ResidueKind::Navigation)
    } else {
        None
    }
}

/// `Sign in to post a comment`, `Log in or register to comment`.
pub(super) fn login(lower: &str) -> bool {
    LOGIN_VERBS.iter().any(|v| {
        let Some(rest) = lower.strip_prefix(v) else {
            return false;
        };
        let rest = LOGIN_ALTERNATIVES
            .iter()
            .find_map(|a| rest.trim_start().strip_prefix(a))
            .unwrap_or(rest);
        rest.strip_prefix(" to ")
            .is_some_and(|end| LOGIN_ENDINGS.contains(&end.trim()))
    })
}

/// `Return to Sohu to see more`, `Back to homepage`.
fn back_to_site(lower: &str) -> bool {
    RETURN_VERBS.iter().any(|v| {
        let Some(rest) = lower.strip_prefix(v).and_then(|r| r.strip_prefix(' ')) else {
            return false;
        };
        if HOME_PAGES.contains(&rest.trim()) {
            return true;
        }
        RETURN_ENDINGS.iter().any(|e| {
            rest.strip_suffix(e).is_some_and(|site| {
                let site = site.trim_end().trim_end_matches([',', '，']).trim();
                let words = site.split_whitespace().count();
                (1..=SITE_WORDS).contains(&words)
                    && site
                        .chars()
                        .all(|c| c.is_alphanumeric() || " .-'".contains(c))
            })
        })
    })
}

/// `Click to view the original article`, `Read the original text`.
fn view_original(lower: &str) -> bool {
    let body = CLICKS
        .iter()
        .find_map(|c| lower.strip_prefix(c))
        .unwrap_or(lower);
    VIEW_VERBS.iter().any(|v| {
        body.strip_prefix(v)
            .and_then(|r| r.strip_prefix(' '))
            .is_some_and(|rest| {
                let rest = rest.strip_prefix("the ").unwrap_or(rest);
                ORIGINALS.contains(&rest.trim())
            })
    })
}

/// `Click to view more exciting content` (点击查看更多精彩内容): a click, a verb, `more`, maybe
/// what is more exciting, and what the more is.
fn view_more(lower: &str) -> bool {
    const ADJECTIVES: &[&str] = &["exciting ", "wonderful ", "related ", "latest "];
    const MORE: &[&str] = &[
        "",
        "content",
        "contents",
        "news",
        "videos",
        "pictures",
        "articles",
        "reports",
        "stories",
        "information",
    ];
    let Some(body) = CLICKS.iter().find_map(|c| lower.strip_prefix(c)) else {
        return false;
    };
    VIEW_VERBS.iter().any(|v| {
        body.strip_prefix(v)
            .and_then(|r| r.strip_prefix(" more"))
            .is_some_and(|rest| {
                let rest = rest.trim_start();
                let rest = ADJECTIVES
                    .iter()
                    .find_map(|a| rest.strip_prefix(a))
                    .unwrap_or(rest);
                MORE.contains(&rest.trim())
            })
    })
}

/// WeChat's button, as machine translation quotes it: `"Read the original"`, `"Read original
/// text"`, `"阅读原文"`.
const BUTTONS: &[&str] = &[
    "read the original text",
    "read the original article",
    "read the original",
    "read original text",
    "read original",
    "阅读原文",
];
/// Where the button is.
const BUTTON_PLACES: &[&str] = &[
    "at the end of the article",
    "at the end of the text",
    "at the end of this article",
    "at the bottom of the article",
    "at the bottom of this article",
    "at the bottom",
    "at the end",
    "in the lower left corner of the article",
    "in the lower left corner",
    "below",
];
/// What the button leads to, after `to` (or nothing).
const BUTTON_ENDINGS: &[&str] = &[
    "",
    "to view more reports",
    "to view more",
    "to see more",
    "to read more",
    "to learn more",
    "to view more content",
    "to view more information",
    "to view more news",
    "to see more reports",
    "to read more reports",
    "to view the original",
    "to view the original article",
    "to view the original text",
    "to read the original article",
    "to view the full text",
    "to read the full text",
    "to view details",
    "to view the details",
    "for more",
    "for more reports",
    "for more information",
    "for details",
];

/// `Click "Read the original" at the end of the article to view more reports`: a click, the
/// button's name in quotes, where it is (before or after the name), and what it leads to.
fn original_button(lower: &str) -> bool {
    let Some(rest) = ["click ", "tap "]
        .iter()
        .find_map(|c| lower.strip_prefix(c))
    else {
        return false;
    };
    let rest = rest.trim_start();
    // The place may come first: "Click at the end of the article "Read the original"".
    let (place_first, rest) = match BUTTON_PLACES.iter().find_map(|p| rest.strip_prefix(p)) {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let Some(rest) = rest.strip_prefix(['"', '“', '「', '『', '\'']) else {
        return false;
    };
    let Some(rest) = BUTTONS.iter().find_map(|b| rest.strip_prefix(b)) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix(['"', '”', '」', '』', '\'', '’']) else {
        return false;
    };
    let rest = rest.trim_start();
    let (placed, rest) = match BUTTON_PLACES.iter().find_map(|p| rest.strip_prefix(p)) {
        Some(r) => (true, r.trim_start()),
        None => (place_first, rest),
    };
    let rest = rest.trim_start_matches([',', '，']).trim();
    placed && BUTTON_ENDINGS.contains(&rest)
}
