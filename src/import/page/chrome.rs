//! The lines of a page's chrome that a copy of the whole page brings along, recognised by
//! their whole shape: menus and skip links (`Skip to content`, `Sign in | Register`, `Menu`),
//! share bars (`Facebook  Twitter  Email`), reading times (`3 Min Read`), counters (`941
//! comments`, `75 with 51 posters participating`, a number alone), newsletter and cookie
//! boxes, prompts to log in to comment, and photo credits with the caption they close.
//!
//! Each shape is a whole line made only of labels, or a short line with a label no sentence
//! has ("delivered to your inbox", "we use cookies"): a sentence that only uses the words
//! ("She shared the menu on Facebook.") is never chrome.

/// Labels of menus, account links and page furniture, lower case.
const NAVIGATION: &[&str] = &[
    "skip to main content",
    "skip to content",
    "skip to site index",
    "skip to navigation",
    "skip navigation",
    "jump to navigation",
    "jump to content",
    "accessibility links",
    "accessibility help",
    "accessibility",
    "main menu",
    "open menu",
    "close menu",
    "toggle navigation",
    "site navigation",
    "navigation",
    "navigate",
    "menu",
    "sections",
    "all sections",
    "search",
    "search the site",
    "search form",
    "go",
    "sign in / sign up",
    "sign in",
    "sign up",
    "sign out",
    "log in",
    "login",
    "log out",
    "logout",
    "register",
    "create an account",
    "create account",
    "my account",
    "account",
    "profile",
    "subscribe now",
    "subscribe",
    "subscriptions",
    "home",
    "homepage",
    "close",
    "back to top",
    "top",
    "next",
    "previous",
    "next story",
    "previous story",
    "next article",
    "previous article",
    "more",
    "learn more",
    "permalink",
    "go to permalink",
    "supported by",
    "read more",
    "text size",
    "font size",
    "print this article",
    "print this page",
    "show more",
    "load more",
    "see more",
    "view all",
    "see all",
    "view more",
    "follow",
    "follow us",
    "followed",
    "following",
    "open in app",
    "get the app",
    "download the app",
    "contact us",
    "contact",
    "about us",
    "about",
    "terms of use",
    "terms of service",
    "terms & conditions",
    "terms and conditions",
    "terms",
    "privacy policy",
    "privacy notice",
    "privacy",
    "cookie policy",
    "cookies",
    "cookie settings",
    "advertise",
    "advertise with us",
    "careers",
    "jobs",
    "rss",
    "rss feeds",
    "site map",
    "sitemap",
    "newsletters",
    "newsletter",
    "help",
    "faq",
    "settings",
    "topics",
    "latest",
    "trending",
    "video",
    "videos",
    "podcasts",
    "today's paper",
    "español",
    "english",
    "中文",
    "首页",
    "登录",
    "注册",
    "搜索",
    "返回顶部",
    "更多",
];

/// The controls a video player prints (video.js and its kin), lower case; a line of these
/// alone, or opening with one of `PLAYER_READOUTS` (`Current Time 0:00`).
const PLAYER: &[&str] = &[
    "play video",
    "play",
    "pause",
    "mute",
    "unmute",
    "replay",
    "fullscreen",
    "non-fullscreen",
    "exit fullscreen",
    "playback rate",
    "chapters",
    "descriptions",
    "descriptions off, selected",
    "subtitles",
    "subtitles off, selected",
    "captions",
    "captions off, selected",
    "captions settings, opens captions settings dialog",
    "audio track",
    "default, selected",
    "this is a modal window.",
    "beginning of dialog window. escape will cancel and close the window.",
    "end of dialog window.",
    "foreground",
    "background",
    "window",
    "font size",
    "text edge style",
    "font family",
    "defaults done",
    "reset",
    "done",
    "close modal dialog",
    "loaded",
    "live",
    "seek to live, currently playing live",
    "picture-in-picture",
    "now playing",
    "up next",
    "autoplay",
];

/// Readouts of a video player, lower case: the line opens with one and holds only it and a
/// time or a percentage.
const PLAYER_READOUTS: &[&str] = &[
    "current time",
    "duration time",
    "duration",
    "remaining time",
    "loaded:",
    "progress:",
    "stream type",
    "time elapsed",
];

/// Share-bar labels, lower case.
const SHARE: &[&str] = &[
    "share on facebook",
    "share on twitter",
    "share on linkedin",
    "share on reddit",
    "share on whatsapp",
    "share on pinterest",
    "share via email",
    "share by email",
    "share this story",
    "share this article",
    "share this",
    "share permalink",
    "share via",
    "share this on whatsapp",
    "show more sharing options",
    "more sharing options",
    "sharing options",
    "sharing is caring!",
    "sharing is caring",
    "share",
    "shares",
    "tweet",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "flipboard",
    "telegram",
    "messenger",
    "tumblr",
    "instagram",
    "youtube",
    "google+",
    "email",
    "e-mail",
    "mail",
    "print",
    "copy link",
    "copy url",
    "link copied",
    "save",
    "comment",
    "comments",
    "微博",
    "微信",
    "分享",
    "分享到",
];

/// Counted things: `941 comments`, `1.2k shares`, `12 claps`.
const COUNTED: &[&str] = &[
    "comment",
    "comments",
    "reader comments",
    "response",
    "responses",
    "reply",
    "replies",
    "share",
    "shares",
    "view",
    "views",
    "read",
    "reads",
    "like",
    "likes",
    "clap",
    "claps",
    "vote",
    "votes",
    "reaction",
    "reactions",
    "photos",
    "fotografií",
];

/// Phrases only a newsletter box has, lower case.
const NEWSLETTER: &[&str] = &[
    "newsletter",
    "delivered to your inbox",
    "straight to your inbox",
    "in your inbox",
    "enter your email",
    "your email address",
    "email address",
    "sign up for our",
    "subscribe to our",
    "get our latest",
];

/// Headings that open a page's comment section, lower case.
const COMMENT_HEADERS: &[&str] = &[
    "comments",
    "top rated comments",
    "top comments",
    "reader comments",
    "most popular comments",
    "all comments",
    "newest comments",
    "user comments",
    "comments are closed",
    "comments are closed.",
    "leave a reply",
    "leave a comment",
    "discussion",
    "conversation",
    "responses",
];

/// Prompts to join the discussion, lower case.
const COMMENT_PROMPTS: &[&str] = &[
    "to comment",
    "to join the discussion",
    "join the conversation",
    "join the discussion",
    "view comments",
    "show comments",
    "read comments",
    "post a comment",
    "add a comment",
];

/// Openings of promotions that point elsewhere, lower case.
const PROMOTIONS: &[&str] = &[
    "click here",
    "tap here",
    "download our app",
    "download the app",
];

/// Why a line is page chrome, or `None` when it may be article text.
pub(super) fn chrome(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    let words = t.split_whitespace().count();
    if only_labels(&lower, NAVIGATION)
        || (words <= 8
            && ["log in ", "login ", "sign in ", "sign up ", "register "]
                .iter()
                .any(|p| lower.starts_with(p))
            && !ends_in_sentence(t))
    {
        return Some("navigation");
    }
    if only_labels(&lower, SHARE) {
        return Some("share bar");
    }
    if only_labels(&lower, PLAYER)
        || PLAYER_READOUTS.iter().any(|r| {
            lower.strip_prefix(r).is_some_and(|rest| {
                let rest = rest.trim();
                rest.len() < 20 && (rest == "live" || !rest.chars().any(char::is_alphabetic))
            })
        })
    {
        return Some("media player");
    }
    if breadcrumbs(t) || (words <= 15 && lower.starts_with("you are here")) {
        return Some("breadcrumbs");
    }
    if previous_next(t) {
        return Some("navigation");
    }
    if TAXONOMY.iter().any(|l| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.starts_with([':', '：']) || rest.starts_with(" :"))
    }) && words <= 25
    {
        return Some("tags");
    }
    // `Share All sharing options for: <headline>` (a share menu that names the page).
    if lower.starts_with("share all sharing options") {
        return Some("share bar");
    }
    if gallery_position(&lower) {
        return Some("gallery");
    }
    if words <= 15 && FURNITURE.iter().any(|p| lower.contains(p)) {
        return Some("page furniture");
    }
    if only_labels(&lower, COMMENT_HEADERS) {
        return Some("comment section");
    }
    if reading_time(&lower) {
        return Some("reading time");
    }
    if counter(&lower) {
        return Some("counter");
    }
    if words <= 30 && !ends_in_sentence(t) || words <= 20 {
        if NEWSLETTER.iter().any(|p| lower.contains(p)) && !lower.contains(" said") {
            return Some("newsletter box");
        }
        if COMMENT_PROMPTS.iter().any(|p| lower.contains(p)) {
            return Some("comment prompt");
        }
        if PROMOTIONS.iter().any(|p| lower.starts_with(p)) {
            return Some("promotion");
        }
    }
    if words <= 12
        && lower.contains("accept")
        && ["cookie", "privacy", "terms", "continue"]
            .iter()
            .any(|p| lower.contains(p))
    {
        return Some("cookie notice");
    }
    if words <= 150
        && lower.contains("cookie")
        && [
            "we use",
            "uses cookies",
            "accept",
            "consent",
            "agree",
            "this site",
            "our site",
        ]
        .iter()
        .any(|p| lower.contains(p))
    {
        return Some("cookie notice");
    }
    None
}

fn ends_in_sentence(t: &str) -> bool {
    t.ends_with(['.', '!', '?', '。', '！', '？'])
}

/// The whole text is labels from `labels`, one after another, with separators (spaces, `|`,
/// `·`, `•`, `/`, `,`, `>`) or nothing between them ("Skip to contentSkip to site index").
fn only_labels(lower: &str, labels: &[&str]) -> bool {
    if lower.len() > 200 {
        return false;
    }
    let sep = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '|' | '·' | '•' | '/' | ',' | '>' | '»' | '›' | '-' | '–' | '—' | '(' | ')'
            )
    };
    let boundary = |after: &str| {
        after.is_empty() || after.starts_with(sep) || labels.iter().any(|m| after.starts_with(m))
    };
    let mut rest = lower.trim_start_matches(sep);
    let mut found = 0;
    while !rest.is_empty() {
        let Some(label) = labels
            .iter()
            .filter(|l| rest.starts_with(**l) && (!l.is_ascii() || boundary(&rest[l.len()..])))
            .max_by_key(|l| l.len())
        else {
            return false;
        };
        rest = rest[label.len()..].trim_start_matches(sep);
        found += 1;
    }
    found > 0
}

/// Phrases of a page's own notices, lower case: a short line holding one is about the page,
/// never the article.
const FURNITURE: &[&str] = &[
    "open in a new window",
    "opens in a new window",
    "open in a new tab",
    "opens in a new tab",
    "something went wrong",
    "javascript is disabled",
    "enable javascript",
    "your browser does not support",
    "get short url",
    "the free encyclopedia",
];

/// `Image 1 of 5`, `Photo 3 of 12`, `1 of 8`: a slideshow's position.
fn gallery_position(lower: &str) -> bool {
    let t = ["image", "photo", "picture", "slide", "foto"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .unwrap_or(lower)
        .trim_start();
    let mut parts = t.split_whitespace();
    let number = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    number(parts.next())
        && parts.next() == Some("of")
        && number(parts.next())
        && parts.next().is_none()
}

/// Labels of a page's taxonomy, lower case: `Categories: News`, `Tags: a, b`.
const TAXONOMY: &[&str] = &[
    "categories",
    "category",
    "tags",
    "tag",
    "tagged",
    "topics",
    "filed under",
    "filed to",
    "posted in",
    "more on",
    "related topics",
    "标签",
    "关键词",
];

/// `« Previous | Next »`, `« Evolve: User Guide :: Contents :: Evolve: Concepts »`, `← Older
/// posts`: a short line opening or closing with an arrow.
fn previous_next(t: &str) -> bool {
    t.split_whitespace().count() <= 15
        && (t.starts_with(['«', '‹', '←']) || t.ends_with(['»', '›', '→']))
}

/// `Home > News > 2015 > Title`, `首页 > 科技频道 > 正文`: three or more short parts joined by
/// `>`, `›` or `»`.
fn breadcrumbs(t: &str) -> bool {
    for sep in [" > ", " › ", " » ", ">", "›", "»"] {
        let parts: Vec<&str> = t.split(sep).collect();
        if parts.len() >= 3
            && parts
                .iter()
                .all(|p| !p.trim().is_empty() && p.split_whitespace().count() <= 12)
        {
            return true;
        }
    }
    false
}

/// `3 min read`, `8 min`, `3 Min Read`, `Reading time: 4 minutes`, `5 minute read`.
fn reading_time(lower: &str) -> bool {
    let labelled = ["reading time", "lesezeit", "read time"]
        .iter()
        .find_map(|l| lower.strip_prefix(l));
    let t = labelled.map_or(lower, |r| r.trim_start_matches([':', ' ']));
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = t[digits..]
        .trim_start()
        .trim_start_matches('-')
        .trim_start();
    let Some(tail) = ["minutes", "minute", "mins", "min.", "min"]
        .iter()
        .find_map(|u| rest.strip_prefix(u))
    else {
        return false;
    };
    let tail = tail.trim();
    if labelled.is_some() {
        tail.is_empty()
    } else {
        matches!(
            tail,
            "read" | "reading" | "to read" | "read time" | "reading time"
        )
    }
}

/// A number alone, or a number and what it counts: `941 comments`, `1.2k shares`, `Comments
/// (3)`, `75 with 51 posters participating`.
fn counter(lower: &str) -> bool {
    let t = lower.trim_start_matches(['•', '·', ' ']);
    // `[ 167 comments ]`.
    let t = match t.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        Some(inner) => inner.trim(),
        None => t,
    };
    // `New, 15 comments`: a badge before the count.
    let t = t.strip_prefix("new,").map_or(t, str::trim_start);
    if t.len() > 60 {
        return false;
    }
    let number_len = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.'))
        .count();
    if number_len > 0 && t.as_bytes()[0].is_ascii_digit() {
        let rest = t[number_len..].trim_start_matches(['k', 'm']).trim();
        if rest.is_empty() {
            return true;
        }
        if COUNTED.contains(&rest) {
            return true;
        }
        if let Some(posters) = rest.strip_prefix("with ")
            && posters.ends_with("posters participating")
        {
            return true;
        }
        return false;
    }
    // `Comments (3)`, `comments 12`.
    if let Some(open) = t.find(['(', ' ']) {
        let (word, count) = t.split_at(open);
        let count = count.trim().trim_start_matches('(').trim_end_matches(')');
        return COUNTED.contains(&word)
            && !count.is_empty()
            && count.bytes().all(|b| b.is_ascii_digit() || b == b',');
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines_by_shape_and_prose_that_uses_the_words() {
        let rows: &[(&str, Option<&str>)] = &[
            ("Skip to content", Some("navigation")),
            ("Skip to contentSkip to site index", Some("navigation")),
            ("Jump to navigation Skip navigation", Some("navigation")),
            ("Sign in | Register", Some("navigation")),
            ("SECTIONS", Some("navigation")),
            ("Subscribe", Some("navigation")),
            ("Log In   Log Out", Some("navigation")),
            ("Facebook  Twitter", Some("share bar")),
            ("Share on Facebook", Some("share bar")),
            ("Tweet · Email · Print", Some("share bar")),
            ("3 Min Read", Some("reading time")),
            ("8 min read", Some("reading time")),
            ("Reading time: 4 minutes", Some("reading time")),
            ("941 comments", Some("counter")),
            ("75 with 51 posters participating", Some("counter")),
            ("Comments (3)", Some("counter")),
            ("0", Some("counter")),
            ("1.2k shares", Some("counter")),
            ("New, 15 comments", Some("counter")),
            ("[ 167 comments ]", Some("counter")),
            ("Top Rated Comments", Some("comment section")),
            ("Leave a Reply", Some("comment section")),
            ("Tag: digitimes.com", Some("tags")),
            (
                "Get our newsletter delivered to your inbox every morning",
                Some("newsletter box"),
            ),
            ("Enter your email address", Some("newsletter box")),
            (
                "You must login or create an account to comment.",
                Some("comment prompt"),
            ),
            (
                "We use cookies to improve your experience. By using this site you accept them.",
                Some("cookie notice"),
            ),
            // Prose that uses the words.
            ("She shared the menu on Facebook.", None),
            ("Home prices rose 3% in May.", None),
            ("Homeland", None),
            ("Search and rescue teams arrived at dawn.", None),
            ("3 minutes later the power came back.", None),
            (
                "941 comments were deleted by the moderators overnight.",
                None,
            ),
            ("The cookie jar was empty.", None),
            (
                "The company said it would email every customer whose address was in the leaked newsletter list, a spokesman said on Monday evening after the breach.",
                None,
            ),
            ("2020", Some("counter")),
            ("Image 1 of 5", Some("gallery")),
            ("3 of 12", Some("gallery")),
            ("Show more sharing options", Some("share bar")),
            ("Sharing is caring!", Some("share bar")),
            (
                "Share All sharing options for: The law that fuels the smog",
                Some("share bar"),
            ),
            (
                "These are external links and will open in a new window",
                Some("page furniture"),
            ),
            (
                "Something went wrong with the connection!",
                Some("page furniture"),
            ),
            ("you are here: HomeNewsMarkets", Some("breadcrumbs")),
            ("Text size", Some("navigation")),
            ("1 of 8 passengers survived.", None),
            ("Image 1 of 5 was blurred, the court heard.", None),
            (
                "Something went wrong at the plant in 2019, the inspectors wrote in a report that ran to 40 pages and named six managers.",
                None,
            ),
            ("More than 300 people attended.", None),
        ];
        for &(line, expected) in rows {
            assert_eq!(chrome(line), expected, "{line:?}");
        }
    }
}
