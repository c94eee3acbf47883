//! Comment-section headers: the line a portal prints over its comment box, with the box's
//! heading and count, its login prompt and its civility notice (热门评论(0) 登录后发表评论，请文明
//! 理性发言), as machine translation renders it.
//!
//! `Hot comments (0) Log in to post a comment, please be civilized and rational`, `Latest
//! comments [12] | Sign in to comment`, `Log in to post a comment, please speak rationally`,
//! `Netizen comments (3) Please comment in a civilized manner`. The paragraph must be nothing but
//! these pieces: a heading from a short list with maybe its count, then clauses each of which
//! is the comment box's login prompt (the forms of [`super::prompt`]), a civility notice in
//! one of its fixed forms, or the empty box's line (`No comments yet`); at least two pieces.
//!
//! It never takes prose that speaks of comments, logins or civility: "Log in to the portal to
//! file a complaint, the regulator said." (no login prompt's ending), "Hot comments on the post
//! called for calm and rational debate." (the heading runs on), "Please be civilized and
//! rational, the moderator told users." (more than the notice), "Comments (0)" (a heading
//! alone: a page's counter, which `whole_text` takes in an article's block), "Latest comments from the minister suggested a deal was close.".

use super::prompt::login;

/// The comment box's heading, longest first where one opens another.
const HEADINGS: &[&str] = &[
    "hot comments",
    "latest comments",
    "newest comments",
    "popular comments",
    "featured comments",
    "all comments",
    "netizen comments",
    "netizens' comments",
    "user comments",
    "reader comments",
    "readers' comments",
    "comment area",
    "comment section",
    "comments",
];

/// The civility notice, without its `please`.
const CIVILITY: &[&str] = &[
    "be civilized and rational",
    "be civil and rational",
    "be rational and civilized",
    "be civilized",
    "be civil",
    "be rational",
    "be polite",
    "comment rationally",
    "speak rationally",
    "comment civilly",
    "speak civilly",
    "comment in a civilized manner",
    "speak in a civilized manner",
    "comment in a civilized and rational manner",
    "speak in a civilized and rational manner",
    "civilized comments",
    "rational comments",
    "civilized and rational comments",
    "post civilized comments",
    "civilized speech",
    "rational speech",
    "be civilized when commenting",
    "be rational when commenting",
    "abide by laws and regulations",
    "abide by the law",
    "comply with laws and regulations",
    "comments are reviewed before publication",
    "comments will be displayed after review",
    "comments will be published after review",
];

/// The empty box.
const EMPTY: &[&str] = &[
    "no comments yet",
    "there are no comments yet",
    "be the first to comment",
];

/// Whether `text` (trimmed) is a comment box's heading, login prompt and notice, and nothing
/// else.
pub(super) fn comment_section(text: &str) -> bool {
    if text.len() > 200 || text.contains('\n') {
        return false;
    }
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    let mut pieces = 0;
    if let Some(h) = HEADINGS.iter().find(|h| {
        rest.strip_prefix(*h)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    }) {
        rest = count_after(&rest[h.len()..]);
        pieces += 1;
    }
    for clause in rest.split([',', '，', '.', '。', '|', '｜', '!', '！', ';', '；']) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let bare = clause.strip_prefix("please ").unwrap_or(clause);
        let bare = bare.strip_prefix("and ").unwrap_or(bare);
        let bare = bare.strip_prefix("please ").unwrap_or(bare);
        if !(login(bare) || CIVILITY.contains(&bare) || EMPTY.contains(&bare)) {
            return false;
        }
        pieces += 1;
    }
    pieces >= 2
}

/// After a heading, its count if it has one (`(0)`, `[12]`, `3`): the text after it.
fn count_after(rest: &str) -> &str {
    let r = rest.trim_start();
    let inner = |open: char, close: char| {
        let body = r.strip_prefix(open)?;
        let end = body.find(close)?;
        let n = &body[..end].trim();
        (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit() || b == b','))
            .then(|| &body[end + close.len_utf8()..])
    };
    if let Some(after) = inner('(', ')')
        .or_else(|| inner('（', '）'))
        .or_else(|| inner('[', ']'))
    {
        return after;
    }
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && !r[digits..].starts_with(|c: char| c.is_alphanumeric()) {
        return &r[digits..];
    }
    rest
}
