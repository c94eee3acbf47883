//! Reprint notices: the line a Chinese site puts under its own article to ask who reprints it
//! to name the source (转载请注明出处, 本文为36氪原创，转载请注明出处), as machine translation
//! renders it.
//!
//! `Please indicate the source for reprinting: C114 Communication Network`, `This article is
//! an original article of 36Kr. Please indicate the source when reprinting.`, `Reprint please
//! indicate the source`, `Reprinting without permission is prohibited`, `Original article, please
//! contact the author for reprint authorization`. The paragraph must be nothing but the notice:
//! short sentences, each a claim that the article is the site's original (with the site's name
//! in a few words), a request to credit the source or ask for authorization when reprinting
//! (`please` first or after the reprinting it is about, a reprint word, and the credit, in a
//! few words, maybe with the site's name after a colon), or a ban on reprinting without permission; at least one of them a request or a ban.
//!
//! It never takes prose that asks for a source or tells of reprinting: "He asked reporters to
//! indicate the source of the leaked documents." (not the notice's opening), "Please indicate
//! the source of the figures, the judge told the court." (no reprint word, and reported),
//! "When reprinting the photos, please indicate the source, the agency said." (reported), "This
//! article is an original article of 36Kr, and it won a prize in 2019." (more than the claim),
//! "Reprinting without permission is prohibited by the copyright law passed in 2010 after years
//! of debate." (more than the ban).

/// The words a request or a ban must hold one of (as the start of a word).
const REPRINT_WORDS: &[&str] = &[
    "reprint",
    "reproduc",
    "repost",
    "republish",
    "transfer",
    "transship",
];

/// What a request asks for.
const CREDITS: &[&str] = &[
    "indicate the source",
    "indicate the original source",
    "indicate the origin",
    "indicate the author",
    "indicate the original author",
    "indicate the original link",
    "indicate the original address",
    "credit the source",
    "cite the source",
    "note the source",
    "mark the source",
    "state the source",
    "specify the source",
    "keep the source",
    "retain the source",
    "keep this statement",
    "give the source",
    "source must be indicated",
    "contact the author",
    "contact us",
    "contact this site",
    "contact the original author",
    "obtain authorization",
    "get authorization",
    "for authorization",
];

/// What makes a sentence a ban.
const WITHOUT: &[&str] = &[
    "without permission",
    "without authorization",
    "without authorisation",
    "without consent",
    "unauthorized",
    "unauthorised",
];
const BANNED: &[&str] = &[
    "prohibited",
    "forbidden",
    "not allowed",
    "not permitted",
    "no reprint",
    "do not",
    "shall not",
    "must not",
];

/// The claim of the site's own article, then its name (or nothing).
const ORIGINALS: &[&str] = &[
    "this article is an original article of",
    "this article is an original article by",
    "this article is an original article from",
    "this article is an original article",
    "this article is an original work of",
    "this article is an original work by",
    "this article is original to",
    "this article is original by",
    "this article is original from",
    "this article is original",
    "this article is exclusively original to",
    "this is an original article of",
    "this is an original article by",
    "this is an original article from",
    "this is an original article",
    "original article of",
    "original article by",
    "original article from",
    "original article",
    "original",
];

/// Words of reported speech: the sentence is the article's, quoting a notice.
const REPORTED: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "asked",
    "asks",
    "urged",
    "warned",
    "according",
];

/// At most this many words in a request or a ban, and in a site's name.
const REQUEST_WORDS: usize = 14;
const BAN_WORDS: usize = 8;
const NAME_WORDS: usize = 4;
const LEAD_WORDS: usize = 5;

/// Whether `text` (trimmed) is a reprint notice and nothing else.
pub(super) fn reprint_notice(text: &str) -> bool {
    if text.len() > 250 || text.contains('\n') {
        return false;
    }
    let lower = text.to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| REPORTED.contains(&w))
    {
        return false;
    }
    let mut asks = false;
    for sentence in sentences(&lower) {
        if request(sentence) || ban(sentence) {
            asks = true;
        } else if !original(sentence) {
            return false;
        }
    }
    asks
}

/// The sentences of `lower`, and the clauses of a sentence whose comma closes a claim
/// ("original article, please indicate the source"), without their closing stops.
fn sentences(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(['.', '。', '!', '！', ';', '；'])
        .flat_map(|s| {
            // A comma splits off a claim of originality only; a request keeps its commas
            // ("When reprinting, please indicate the source").
            match s.split_once([',', '，']) {
                Some((head, tail)) if original(head.trim()) => vec![head, tail],
                _ => vec![s],
            }
        })
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn has_reprint_word(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .any(|w| REPRINT_WORDS.iter().any(|r| w.starts_with(r)))
}

/// `please indicate the source for reprinting: c114 communication network`, `when reprinting,
/// please indicate the source`, `reprint please indicate the source`.
fn request(s: &str) -> bool {
    let (body, name) = match s.split_once([':', '：']) {
        Some((body, name)) => (body, Some(name)),
        None => (s, None),
    };
    let words = body.split_whitespace().count();
    // Before `please`, nothing or the reprinting it is about: "When reprinting, please".
    let Some((lead, _)) = body.split_once("please") else {
        return false;
    };
    let lead_words = lead.split_whitespace().count();
    (lead_words == 0 || (has_reprint_word(lead) && lead_words <= LEAD_WORDS))
        && has_reprint_word(body)
        && CREDITS.iter().any(|c| body.contains(c))
        && words <= REQUEST_WORDS
        && name.is_none_or(site_name)
}

/// `reprinting without permission is prohibited`, `no reproduction without authorization`.
fn ban(s: &str) -> bool {
    has_reprint_word(s)
        && WITHOUT.iter().any(|w| s.contains(w))
        && (BANNED.iter().any(|b| s.contains(b)) || s.starts_with("no "))
        && s.split_whitespace().count() <= BAN_WORDS
}

/// `this article is an original article of 36kr`, `original article`.
fn original(s: &str) -> bool {
    // A bare "original" names no site: "Original sin" is no claim.
    ORIGINALS.iter().any(|o| {
        s.strip_prefix(o).is_some_and(|rest| {
            rest.is_empty()
                || (*o != "original"
                    && rest.starts_with(' ')
                    && site_name(rest.trim_end_matches(',')))
        })
    })
}

/// A site's name: a few words of letters, digits and the marks names have.
fn site_name(name: &str) -> bool {
    let name = name.trim();
    let words = name.split_whitespace().count();
    (1..=NAME_WORDS).contains(&words)
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || " .-'’&".contains(c))
}
