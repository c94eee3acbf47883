//! Calls to action: a paragraph in which the site asks the reader to get its app or its
//! newsletter.
//!
//! `Download the app now to get breaking news alerts on your phone!`, `Get the Harbour News app
//! for iOS and Android`, `Subscribe to our newsletter and never miss a story from China Daily`,
//! `Sign up for our daily briefing`. The paragraph is one sentence that opens with the verb, names
//! the app or the newsletter within a few words, and speaks as the site does (`our`, `now`, `free`,
//! `never miss`, `breaking news`, `alerts`, `inbox`…).
//!
//! It never takes prose about apps or newsletters: "The app was downloaded 10 million times in
//! its first week." (no imperative), "Subscribers to the streaming service rose." (another word),
//! "Download the app and compare it with the old one." (not the site speaking), "Subscribe to
//! the newsletter now, the senator told supporters." (reported), or more than one sentence.

use super::text::has_sentence_break;

/// The verbs a call opens with, and the nouns it must name within `REACH` words after them.
const APP_VERBS: &[&str] = &["download", "install", "get", "try"];
const APP_NOUNS: &[&str] = &["app", "apps", "application"];
const LETTER_VERBS: &[&str] = &["subscribe", "sign up", "sign-up", "signup", "join", "get"];
const LETTER_NOUNS: &[&str] = &[
    "newsletter",
    "newsletters",
    "mailing list",
    "daily briefing",
];
const REACH: usize = 6;

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
    let names = |verbs: &[&str], nouns: &[&str]| {
        verbs.iter().any(|v| {
            lower.strip_prefix(v).is_some_and(|rest| {
                rest.starts_with(' ')
                    && nouns.iter().any(|n| {
                        phrase_at(rest, n)
                            .is_some_and(|k| rest[..k].split_whitespace().count() < REACH)
                    })
            })
        })
    };
    (names(APP_VERBS, APP_NOUNS) || names(LETTER_VERBS, LETTER_NOUNS))
        && SITE_VOICE.iter().any(|w| phrase_at(lower, w).is_some())
        && !lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| REPORTED.contains(&w))
}

/// Where `phrase` first stands in `text` as whole words.
fn phrase_at(text: &str, phrase: &str) -> Option<usize> {
    let alnum = |c: char| c.is_alphanumeric();
    text.match_indices(phrase)
        .map(|(k, _)| k)
        .find(|&k| !text[..k].ends_with(alnum) && !text[k + phrase.len()..].starts_with(alnum))
}
