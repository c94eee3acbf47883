//! Calls to action: a paragraph in which the site asks the reader to get its app or its
//! newsletter, or to follow it on a network.
//!
//! `Download the app now to get breaking news alerts on your phone!`, `Get the Harbour News app
//! for iOS and Android`, `Subscribe to our newsletter and never miss a story from China Daily`,
//! `Sign up for our daily briefing`, `Click here to subscribe to our newsletter`, `Follow us on
//! Twitter @TechNewsAsia for breaking updates`. The paragraph is one sentence that opens with
//! the verb (after `Click here to` or `Please`), names the app, the newsletter or the network
//! within a few words, and speaks as the site does (`our`, `now`, `free`, `never miss`,
//! `breaking news`, `alerts`, `inbox`…, or its `@handle`). A Chinese portal's prompt to get or
//! open its app for more (下载网易新闻客户端阅读更多精彩内容) counts too: `Download the NetEase
//! News app to read more exciting content`, `Open the Tencent News app to view more comments` —
//! the app, then what more it offers (`more exciting content`, `more comments`, `more news`).
//!
//! It never takes prose about apps, newsletters or following: "The app was downloaded 10
//! million times in its first week." (no imperative), "Subscribers to the streaming service
//! rose." (another word), "Download the app and compare it with the old one." (not the site
//! speaking), "Subscribe to the newsletter now, the senator told supporters." (reported),
//! "Readers can follow the trial on the court's website.", "Follow us on Twitter, the
//! protesters chanted." (not the site speaking), "Open the app and you will see more ads than
//! before." (no more of the site's content), "Download the app to see more details about your
//! account." (not content the site offers), or more than one sentence.

use super::text::{has_sentence_break, word_count};

/// The verbs a call opens with, and the nouns it must name within `REACH` words after them.
const APP_VERBS: &[&str] = &["download", "install", "get", "try"];
const APP_NOUNS: &[&str] = &["app", "apps", "application", "client"];

/// A prompt for more in the app: its verb, what comes after the app (`to read more …`), and
/// what the more is.
const MORE_VERBS: &[&str] = &["download", "open", "install", "get", "use"];
const MORE_LEADS: &[&str] = &[
    "to read more",
    "to view more",
    "to see more",
    "to watch more",
    "to get more",
    "to check more",
    "to enjoy more",
    "to read",
    "to view",
    "for more",
    "and read more",
    "and view more",
    "and see more",
    "and get more",
];
/// A lead that is the whole prompt, with nothing after it.
const BARE_LEADS: &[&str] = &[
    "to read more",
    "to view more",
    "to see more",
    "to watch more",
    "for more",
];
const MORE_WHAT: &[&str] = &[
    "exciting",
    "wonderful",
    "highlights",
    "comments",
    "news",
    "content",
    "contents",
    "videos",
    "stories",
    "reports",
    "articles",
    "information",
];
const LETTER_VERBS: &[&str] = &["subscribe", "sign up", "sign-up", "signup", "join", "get"];
const LETTER_NOUNS: &[&str] = &[
    "newsletter",
    "newsletters",
    "mailing list",
    "daily briefing",
];
const FOLLOW_VERBS: &[&str] = &["follow us", "like us", "find us", "connect with us"];
const FOLLOW_NOUNS: &[&str] = &[
    "twitter",
    "x",
    "facebook",
    "instagram",
    "linkedin",
    "youtube",
    "tiktok",
    "telegram",
    "threads",
    "bluesky",
    "weibo",
    "wechat",
    "douyin",
    "social media",
];
const REACH: usize = 6;

/// What may stand before the verb: `Click here to subscribe`, `Please download`.
const LEADS: &[&str] = &[
    "click here to ",
    "tap here to ",
    "click to ",
    "tap to ",
    "please ",
];

/// Words by which the site speaks to its reader.
const SITE_VOICE: &[&str] = &[
    "our",
    "now",
    "today",
    "free",
    "never miss",
    "don't miss",
    "do not miss",
    "breaking news",
    "alerts",
    "latest news",
    "latest stories",
    "top stories",
    "inbox",
    "delivered",
    "on your phone",
    "app store",
    "google play",
    "ios",
    "android",
    "stay informed",
    "stay up to date",
    "stay updated",
    "updates",
    "breaking",
];

/// Words of reported speech: the sentence is the article's, quoting a call.
const REPORTED: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "urged",
    "urges",
    "asked",
    "asks",
    "advised",
    "advises",
    "warned",
    "according",
];

/// Whether `text` (trimmed) is a call to get the site's app or newsletter.
pub(super) fn call_to_action(text: &str) -> bool {
    if text.len() > 200 || text.contains('\n') || has_sentence_break(text) {
        return false;
    }
    let mut buf = [0u8; 200];
    let lower = &mut buf[..text.len()];
    lower.copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return false;
    };
    let body = LEADS
        .iter()
        .find_map(|l| lower.strip_prefix(l))
        .unwrap_or(lower);
    let names = |verbs: &[&str], nouns: &[&str]| {
        verbs.iter().any(|v| {
            body.strip_prefix(v).is_some_and(|rest| {
                rest.starts_with(' ')
                    && nouns.iter().any(|n| {
                        phrase_at(rest, n)
                            .is_some_and(|k| rest[..k].split_whitespace().count() < REACH)
                    })
            })
        })
    };
    // The site's handle speaks for it: "@TechNewsAsia".
    let handle = || {
        lower
            .split_whitespace()
            .any(|w| w.len() > 1 && w.starts_with('@'))
    };
    let follow = names(FOLLOW_VERBS, FOLLOW_NOUNS);
    let call = (names(APP_VERBS, APP_NOUNS) || names(LETTER_VERBS, LETTER_NOUNS) || follow)
        && (SITE_VOICE.iter().any(|w| phrase_at(lower, w).is_some()) || (follow && handle()));
    (call || more_in_app(body))
        && !lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| REPORTED.contains(&w))
}

/// `download the netease news app to read more exciting content`: the verb, the app within a
/// few words, then a lead (`to read more`) and what the more is, in at most a few words and to
/// the end of the sentence.
fn more_in_app(body: &str) -> bool {
    let body = body.trim_end_matches(['.', '!', '。', '！', ' ']);
    MORE_VERBS.iter().any(|v| {
        let Some(rest) = body.strip_prefix(v).filter(|r| r.starts_with(' ')) else {
            return false;
        };
        APP_NOUNS.iter().any(|n| {
            let Some(k) = phrase_at(rest, n).filter(|&k| word_count(&rest[..k]) < REACH) else {
                return false;
            };
            let after = rest[k + n.len()..]
                .trim_start()
                .trim_start_matches([',', '，', ' ']);
            // The bare prompt: `Download the app to read more`.
            if BARE_LEADS.contains(&after) {
                return true;
            }
            MORE_LEADS.iter().any(|l| {
                after.strip_prefix(l).is_some_and(|what| {
                    let words = word_count(what);
                    (1..=REACH).contains(&words)
                        && what
                            .split_whitespace()
                            .last()
                            .is_some_and(|w| MORE_WHAT.contains(&w))
                })
            })
        })
    })
}

/// Where `phrase` first stands in `text` as whole words.
fn phrase_at(text: &str, phrase: &str) -> Option<usize> {
    let alnum = |c: char| c.is_alphanumeric();
    text.match_indices(phrase)
        .map(|(k, _)| k)
        .find(|&k| !text[..k].ends_with(alnum) && !text[k + phrase.len()..].starts_with(alnum))
}
