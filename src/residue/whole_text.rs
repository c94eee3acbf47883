//! Whole-text labels: a line that is nothing but a widget's label.
//!
//! `— Advertisement —`, `[ Share ]`, `Related:`, `Leave a Reply`, `Comments are closed.`,
//! `Member-only story`, `Premium`, `Hot recommendations`: once the decoration (`DECOR`) around
//! it is stripped, the whole text equals a label of `WHOLE_TEXT`, or is a comment-form field
//! label with its asterisk (`Name *`, `Email (required)`), and the whole text is one span. In an article's block, a
//! button's label alone (`Like`, `Collect`) and a page's counter with its bracketed count
//! (`Comments (12)`, `Read (3,456)`) are too; the importer, reading a page line by line, keeps
//! `Comments (27)` as the heading of the thread below it. Longer paragraphs are whole
//! residue when they are all of one family that only ever stands alone — a republisher's
//! promotion, repost notice or platform disclaimer, and in an article's block an action bar,
//! forum chrome, a call to action, navigation labels or links, a breadcrumb, a link prompt, a
//! post meta line or a forum post's header, a tag list, a reprint notice; those are tried by the
//! paragraph's first word, in the files of their families. An end marker with the stamp after it
//! (`(End) [Editor in charge: X]`) is one stamp. A run of bracketed fields (`[Source: X]
//! [Author: Y]`) is a publisher's stamp, and so is a paragraph of staff credits (`(Reporter:
//! Zhang Wei)`, `Proofreader: Zhao Lei Editor: Chen Jing`); their facts are kept.
//!
//! It never matches part of a line: "Advertisement revenue fell by a third.", "Related party
//! transactions were disclosed." or "The story of a member of the team who left in 2019." hold
//! a label's words but are more than it, and are left to the anchored detectors; so are "Like
//! many cities, …" and "Comments (12) were received …". A bare "Name" or "Website" is never a
//! form label, a lone "Report" (a section's heading) never a button, and no label longer than
//! 40 bytes is tried.

use super::action_bar::{action_bar, opens_action_bar};
use super::breadcrumb::breadcrumb;
use super::call_to_action::call_to_action;
use super::comment_section::comment_section;
use super::end_marker::{end_and_stamp, end_marker_alone};
use super::field_run::field_run;
use super::forum::{forum_chrome, post_header};
use super::navigation::{navigation, paging_links};
use super::post_meta::post_meta;
use super::prompt::link_prompt;
use super::publisher::staff_credits;
use super::reprint::reprint_notice;
use super::share::share_bar;
use super::tags::tag_list;
use super::{Residue, ResidueKind};

/// Characters that decorate a standalone label ("— Advertisement —", "[ Share ]", "Related:").
const DECOR: &[char] = &[
    '-', '–', '—', '*', '·', '•', '|', '[', ']', '(', ')', '{', '}', '<', '>', '=', '_', '~', ':',
    '：', '»', '«', '【', '】', '/',
];

const WHOLE_TEXT: &[(&str, ResidueKind)] = &[
    ("advertisement", ResidueKind::AdMarker),
    ("advertisements", ResidueKind::AdMarker),
    ("advertising", ResidueKind::AdMarker),
    ("ad", ResidueKind::AdMarker),
    ("ads", ResidueKind::AdMarker),
    ("sponsored", ResidueKind::AdMarker),
    ("sponsored content", ResidueKind::AdMarker),
    ("sponsored post", ResidueKind::AdMarker),
    ("sponsored article", ResidueKind::AdMarker),
    ("paid content", ResidueKind::AdMarker),
    ("paid post", ResidueKind::AdMarker),
    ("promoted content", ResidueKind::AdMarker),
    ("story continues below advertisement", ResidueKind::AdMarker),
    (
        "article continues below advertisement",
        ResidueKind::AdMarker,
    ),
    ("continue reading the main story", ResidueKind::AdMarker),
    ("scroll to continue with content", ResidueKind::AdMarker),
    ("advertisement - scroll to continue", ResidueKind::AdMarker),
    ("广告", ResidueKind::AdMarker),
    ("share", ResidueKind::ShareWidget),
    ("share this", ResidueKind::ShareWidget),
    ("share this article", ResidueKind::ShareWidget),
    ("share this story", ResidueKind::ShareWidget),
    ("share this post", ResidueKind::ShareWidget),
    ("share this page", ResidueKind::ShareWidget),
    ("分享到", ResidueKind::ShareWidget),
    ("leave a reply", ResidueKind::CommentForm),
    ("leave a comment", ResidueKind::CommentForm),
    ("post comment", ResidueKind::CommentForm),
    ("submit comment", ResidueKind::CommentForm),
    ("cancel reply", ResidueKind::CommentForm),
    ("comments are closed.", ResidueKind::CommentForm),
    ("comments are closed", ResidueKind::CommentForm),
    ("related", ResidueKind::RelatedReading),
    ("related reading", ResidueKind::RelatedReading),
    ("related articles", ResidueKind::RelatedReading),
    ("related stories", ResidueKind::RelatedReading),
    ("related posts", ResidueKind::RelatedReading),
    ("related news", ResidueKind::RelatedReading),
    ("related content", ResidueKind::RelatedReading),
    ("recommended reading", ResidueKind::RelatedReading),
    ("recommended articles", ResidueKind::RelatedReading),
    ("recommended for you", ResidueKind::RelatedReading),
    ("hot recommendations", ResidueKind::RelatedReading),
    ("hot recommendation", ResidueKind::RelatedReading),
    ("related recommendations", ResidueKind::RelatedReading),
    ("read more", ResidueKind::RelatedReading),
    ("read also", ResidueKind::RelatedReading),
    ("also read", ResidueKind::RelatedReading),
    ("you may also like", ResidueKind::RelatedReading),
    ("you might also like", ResidueKind::RelatedReading),
    ("member-only story", ResidueKind::Paywall),
    ("members-only story", ResidueKind::Paywall),
    ("member only story", ResidueKind::Paywall),
    ("members only story", ResidueKind::Paywall),
    ("member-only article", ResidueKind::Paywall),
    ("member-only content", ResidueKind::Paywall),
    ("members-only content", ResidueKind::Paywall),
    ("members only", ResidueKind::Paywall),
    ("premium", ResidueKind::Paywall),
    ("premium content", ResidueKind::Paywall),
    ("premium article", ResidueKind::Paywall),
    ("premium story", ResidueKind::Paywall),
    ("subscriber exclusive", ResidueKind::Paywall),
    ("subscriber-only", ResidueKind::Paywall),
    ("subscriber only", ResidueKind::Paywall),
    ("subscribers only", ResidueKind::Paywall),
    ("subscriber-only content", ResidueKind::Paywall),
    ("subscriber content", ResidueKind::Paywall),
    ("exclusive for subscribers", ResidueKind::Paywall),
    ("exclusive to subscribers", ResidueKind::Paywall),
    ("for subscribers", ResidueKind::Paywall),
    ("vip exclusive", ResidueKind::Paywall),
    ("会员专享", ResidueKind::Paywall),
    ("reaction score", ResidueKind::Counter),
    ("trophy points", ResidueKind::Counter),
    ("likes received", ResidueKind::Counter),
    ("solutions accepted", ResidueKind::Counter),
];

/// Calls to follow the site, alone in an article's block. The importer, which reads a page line
/// by line, files such a line under its own page-chrome kinds.
const BLOCK_LABELS: &[&str] = &[
    "click to follow",
    "click to follow us",
    "click here to follow",
    "click here to follow us",
    "tap to follow",
    "tap to follow us",
    "follow us",
];

/// A button's label alone in an article's block (点赞, 收藏): a paragraph of the one word is never
/// prose. `Report` is not one of them: it may head a section.
const BLOCK_BUTTONS: &[&str] = &["like", "collect"];

/// Comment-form field labels; only as the whole text and with their asterisk, because "Name" or
/// "Website" alone could be anything.
const FORM_LABELS: &[&str] = &[
    "Name *",
    "Name*",
    "Email *",
    "Email*",
    "E-mail *",
    "Comment *",
    "Comment*",
    "Website *",
    "Name (required)",
    "Email (required)",
];

/// The whole text as one span of residue, if it is one; `block`: the text is an article's block,
/// and the whole-paragraph families are tried too.
pub(super) fn whole_text(text: &str, block: bool) -> Option<Residue> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return None;
    }
    let start = text.len() - text.trim_start().len();
    let range = start..start + trimmed.len();
    if FORM_LABELS.contains(&trimmed) {
        return Some(Residue::new(range, ResidueKind::CommentForm));
    }
    if block
        && trimmed.starts_with(['[', '【'])
        && let Some(facts) = field_run(trimmed)
    {
        let stamp = Residue::new(range, ResidueKind::PublisherStamp);
        return Some(facts.iter().fold(stamp, |r, (k, v)| r.with(k, v)));
    }
    if block && let Some(credits) = staff_credits(trimmed) {
        let stamp = Residue::new(range, ResidueKind::PublisherStamp);
        return Some(credits.iter().fold(stamp, |r, (k, v)| r.with(k, v)));
    }
    if block
        && trimmed.starts_with(['(', '（', '[', '【', '-', '—'])
        && let Some(r) = end_and_stamp(trimmed, start)
    {
        return Some(r);
    }
    if trimmed.starts_with(['(', '（', '[', '【', '-', '—']) && end_marker_alone(trimmed) {
        return Some(Residue::new(range, ResidueKind::EndMarker));
    }
    if let Some(kind) = block.then(|| whole_paragraph(trimmed)).flatten() {
        return Some(Residue::new(range, kind));
    }
    if promotion(trimmed) {
        return Some(Residue::new(range, ResidueKind::Promotion));
    }
    let core = trimmed.trim_matches(|c: char| c.is_whitespace() || DECOR.contains(&c));
    if core.len() > 40 || core.is_empty() {
        return None;
    }
    if shop_link(core) {
        return Some(Residue::new(range, ResidueKind::ShopLink));
    }
    if forum_stat(core) {
        return Some(Residue::new(range, ResidueKind::Counter));
    }
    if block && BLOCK_LABELS.iter().any(|l| core.eq_ignore_ascii_case(l)) {
        return Some(Residue::new(range, ResidueKind::CallToAction));
    }
    if block && BLOCK_BUTTONS.iter().any(|l| core.eq_ignore_ascii_case(l)) {
        return Some(Residue::new(range, ResidueKind::ShareWidget));
    }
    if block && counted_label(trimmed) {
        return Some(Residue::new(range, ResidueKind::Counter));
    }
    WHOLE_TEXT
        .iter()
        .find(|(label, _)| core.eq_ignore_ascii_case(label))
        .map(|&(_, kind)| Residue::new(range, kind))
}

/// The families that are residue only as a whole paragraph, tried by the paragraph's first
/// word so that a paragraph of prose costs one comparison: action bars, forum chrome, calls to
/// action, navigation labels and links, breadcrumbs, link prompts, post meta lines, tag
/// lists and reprint notices.
fn whole_paragraph(trimmed: &str) -> Option<ResidueKind> {
    // No family is longer; each checks its own limit too.
    if trimmed.len() > 300 {
        return None;
    }
    if trimmed.starts_with("标签") {
        return tag_list(trimmed).then_some(ResidueKind::TagList);
    }
    if trimmed.starts_with("分享") {
        return share_bar(trimmed).then_some(ResidueKind::ShareWidget);
    }
    if trimmed.starts_with(['首', '主']) {
        return breadcrumb(trimmed).then_some(ResidueKind::Navigation);
    }
    // Navigation may open with its arrow ("« Previous Post") or a pager's numbers ("1 2 3 Next
    // page"), a bar with a count ("12 Comments |") or a floor number ("#5 Floor |").
    let lead = trimmed.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c == ' ' || c == '…' || "«‹←<(),.[【#".contains(c)
    });
    let n = lead
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic() || *b == b'-')
        .count();
    let mut buf = [0u8; 12];
    let first = buf.get_mut(..n)?;
    first.copy_from_slice(&lead.as_bytes()[..n]);
    first.make_ascii_lowercase();
    let found = match &*first {
        b"tags" | b"tag" | b"tagged" | b"filed" => {
            tag_list(trimmed).then_some(ResidueKind::TagList)
        }
        b"click" | b"tap" => forum_chrome(trimmed)
            .then_some(ResidueKind::ForumChrome)
            .or_else(|| call_to_action(trimmed).then_some(ResidueKind::CallToAction))
            .or_else(|| link_prompt(trimmed)),
        b"sign" | b"please" => call_to_action(trimmed)
            .then_some(ResidueKind::CallToAction)
            .or_else(|| link_prompt(trimmed))
            .or_else(|| reprint_notice(trimmed).then_some(ResidueKind::Promotion))
            .or_else(|| comment_section(trimmed).then_some(ResidueKind::CommentForm)),
        b"reprint" | b"reprinted" | b"reprinting" | b"reprints" | b"reproduction" | b"when"
        | b"for" | b"if" | b"this" | b"original" | b"no" | b"unauthorized" => {
            reprint_notice(trimmed).then_some(ResidueKind::Promotion)
        }
        b"posted" | b"published" => post_meta(trimmed).then_some(ResidueKind::PostMeta),
        b"post" => post_header(trimmed).then_some(ResidueKind::ForumChrome),
        b"log" | b"login" => link_prompt(trimmed)
            .or_else(|| comment_section(trimmed).then_some(ResidueKind::CommentForm)),
        b"register" | b"return" | b"go" | b"view" | b"read" | b"see" => link_prompt(trimmed),
        b"hot" | b"newest" | b"featured" | b"all" | b"netizen" | b"netizens" | b"user"
        | b"reader" | b"readers" | b"comment" | b"comments" => {
            comment_section(trimmed).then_some(ResidueKind::CommentForm)
        }
        b"open" | b"use" => link_prompt(trimmed)
            .or_else(|| call_to_action(trimmed).then_some(ResidueKind::CallToAction)),
        b"joined" | b"messages" | b"posts" | b"reaction" | b"likes" | b"trophy" | b"points"
        | b"solutions" => forum_chrome(trimmed).then_some(ResidueKind::ForumChrome),
        b"location" => forum_chrome(trimmed)
            .then_some(ResidueKind::ForumChrome)
            .or_else(|| breadcrumb(trimmed).then_some(ResidueKind::Navigation)),
        b"download" | b"install" | b"get" | b"try" | b"subscribe" | b"sign-up" | b"signup"
        | b"join" | b"follow" | b"like" | b"find" | b"connect" => {
            call_to_action(trimmed).then_some(ResidueKind::CallToAction)
        }
        b"previous" | b"prev" | b"next" | b"last" => {
            (navigation(trimmed) || paging_links(trimmed)).then_some(ResidueKind::Navigation)
        }
        b"home" | b"homepage" | b"you" | b"your" | b"current" | b"front" | b"index" => {
            (navigation(trimmed) || breadcrumb(trimmed))
                .then_some(ResidueKind::Navigation)
                .or_else(|| link_prompt(trimmed))
        }
        b"back" => navigation(trimmed)
            .then_some(ResidueKind::Navigation)
            .or_else(|| link_prompt(trimmed)),
        b"related" | b"most" | b"editor" | b"editors" | b"top" | b"more" | b"latest"
        | b"popular" | b"trending" | b"recommended" => navigation(trimmed)
            .then_some(ResidueKind::Navigation)
            .or_else(|| comment_section(trimmed).then_some(ResidueKind::CommentForm)),
        _ => None,
    };
    // A bar may open with any of its buttons, or with a share label before networks.
    let found = found
        .or_else(|| (first == b"share" && share_bar(trimmed)).then_some(ResidueKind::ShareWidget));
    found.or_else(|| {
        (opens_action_bar(first) && action_bar(trimmed)).then_some(ResidueKind::ShareWidget)
    })
}

/// A forum member's statistic under a post: `Messages: 2,746`, `Reaction score: 1,032`,
/// `Joined: Mar 3, 2019` — the label, a colon and a number or date, nothing else.
fn forum_stat(core: &str) -> bool {
    const LABELS: &[&str] = &[
        "messages",
        "posts",
        "reaction score",
        "trophy points",
        "likes received",
        "points",
        "solutions",
        "joined",
    ];
    let Some((label, value)) = core.split_once(':') else {
        return false;
    };
    let value = value.trim();
    LABELS.iter().any(|l| label.trim().eq_ignore_ascii_case(l))
        && !value.is_empty()
        && value.bytes().any(|c| c.is_ascii_digit())
        && value
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || b" ,./-".contains(&c))
        && value.split_whitespace().count() <= 3
}

/// A page's counter with its bracketed count, alone in an article's block: `Comments (12)`,
/// `Read (3,456)`, `Views (1.2k)`. The importer, which reads a page line by line, keeps
/// `Comments (27)` as the heading of the comment thread below it.
fn counted_label(trimmed: &str) -> bool {
    // Not `Comment (0)`: one button of a bar, not a page's counter.
    const COUNTED: &[&str] = &["comments", "read", "reads", "views", "clicks"];
    let Some((label, count)) = trimmed.split_once(['(', '（']) else {
        return false;
    };
    let Some(count) = count.strip_suffix(')').or_else(|| count.strip_suffix('）')) else {
        return false;
    };
    let count = count.trim().trim_end_matches(['k', 'K', 'w', 'W', '万']);
    COUNTED
        .iter()
        .any(|l| label.trim_end().eq_ignore_ascii_case(l))
        && count.starts_with(|c: char| c.is_ascii_digit())
        && count
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
}

/// `Huawei Mall`, `Xiaomi Mall`, `JD Official Store`: one or two capitalised names and the word
/// a shop's link ends with, nothing else. A mall named in a sentence is more than this.
fn shop_link(core: &str) -> bool {
    let words: Vec<&str> = core.split_whitespace().collect();
    let (names, tail) = match words.as_slice() {
        [names @ .., "Mall"] => (names, 1),
        [names @ .., "Official" | "Flagship", "Store"] => (names, 2),
        _ => return false,
    };
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && w.chars().all(|c| c.is_ascii_alphanumeric())
    };
    tail > 0 && (1..=2).contains(&names.len()) && names.iter().all(capitalised)
}

/// The boilerplate Chinese republishers add around an article, as machine translation renders
/// it: the editor's promotion (小编推荐, "Xiaobian recommends", with a WeChat ID, 微信号,
/// "micro-signal"), the QR code to follow an account (扫描二维码关注), the invitation to add the
/// editor on WeChat (加小编微信), the reprint notice (本文转载自网络，如有侵权请联系删除) and
/// the repost notice (本文来自微信公众号…经授权发布), the reprint disclaimer (转载目的在于传递更多信息，
/// 并不代表本网赞同其观点), the prompt to long-press the QR code (长按识别二维码) or to scan the
/// code and follow (扫码关注我们), and the claim that the copyright is the original author's
/// with the request to report infringement (版权归原作者所有，如有侵权请联系删除).
/// Only a short paragraph that is all of it: a sentence
/// of the article that mentions an editor or a QR code holds more than these words.
fn promotion(text: &str) -> bool {
    if text.len() > 240 || text.contains('\n') {
        return false;
    }
    // Every kind below needs one of these words; one scan turns nearly every paragraph away
    // before the phrase checks.
    static GATE: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([
                "xiaobian",
                "micro",
                "qr code",
                "scan the code",
                "scan code",
                "copyright",
                "wechat",
                "represent",
                "reproduced",
                "reprinted",
                "reposted from",
                "from the network",
                "from the internet",
                "this article",
                "uploaded",
                "information storage",
            ])
            .expect("promotion gate compiles")
    });
    if !GATE.is_match(text) {
        return false;
    }
    let mut buf = [0u8; 240];
    let lower = &mut buf[..text.len()];
    lower.copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).unwrap_or("");
    let has = |w: &str| lower.contains(w);
    let any = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    let editor_promo = (has("xiaobian") || has("micro-signal") || has("micro signal"))
        && any(&[
            "recommend",
            "micro-signal",
            "micro signal",
            "wechat",
            "public account",
            "public number",
            "official account",
        ]);
    let qr_follow = any(&["scan the qr code", "scan qr code", "long press the qr code"])
        && any(&[
            "follow",
            "wechat",
            "official account",
            "public account",
            "public number",
            "subscribe",
        ]);
    // 扫码关注我们: "Scan the code to follow us on WeChat", the prompt and nothing after it.
    let code_follow = ["scan the code to ", "scan code to ", "scan the qr code to "]
        .iter()
        .find_map(|o| lower.strip_prefix(o))
        .is_some_and(|rest| {
            ["follow", "pay attention", "subscribe", "add"]
                .iter()
                .any(|v| rest.starts_with(v))
                && rest.split_whitespace().count() <= 8
                && !rest.contains([',', '，', ';'])
        })
        && !reported(lower);
    // 版权归原作者所有，如有侵权请联系删除: "The copyright of this article belongs to the original
    // author. If there is any infringement, please contact us to delete it." The claim, about
    // the article, with the request to report infringement.
    let copyright_claim = any(&[
        "copyright of this article belongs to",
        "copyright of the article belongs to",
        "copyright belongs to the original author",
        "copyright belongs to the author",
        "copyright of this article is owned by",
    ]) && has("infringement")
        && any(&["contact us", "contact the", "delete", "removed"])
        && !reported(lower);
    // The site's own account, not one a story is about: "our WeChat ID", "the reader group".
    let invitation = any(&["wechat id", "wechat account", "wechat group", "wechat:"])
        && any(&["add ", "follow", "join", "scan", "search"])
        && any(&[
            "our wechat",
            "our official",
            "reader group",
            "readers' group",
            "fan group",
        ]);
    // 添加小编微信（备注公司和职位）: "add our editor on WeChat (ID: x), please note your company".
    let editor_add = any(&[
        "add our editor",
        "add the editor",
        "add editor",
        "add xiaobian",
        "add the xiaobian",
        "add our assistant",
    ]) && any(&["wechat", "micro-signal", "micro signal"])
        && any(&[
            "id:",
            "id：",
            "wechat id",
            "wechat:",
            "micro-signal:",
            "please note",
        ]);
    // 本文仅代表作者观点，不代表本站立场: "do not represent the position of this website".
    let disclaimer = any(&[
        "does not represent",
        "do not represent",
        "not represent the",
    ]) && any(&[
        "this website",
        "this site",
        "this platform",
        "this station",
        "this newspaper",
    ]);
    // 转载目的在于传递更多信息，并不代表本网赞同其观点和对其真实性负责: "this article is
    // reprinted from other media to convey more information and does not mean that this website
    // agrees with its views". The label opens it; a sentence that tells of one is reported.
    let reprint_disclaimer = ["disclaimer", "statement", "this article"]
        .iter()
        .any(|o| lower.starts_with(o))
        && any(&["reprinted from", "reproduced from", "reposted from"])
        && any(&["does not mean", "doesn't mean", "not imply"])
        && any(&["this website", "this site", "this platform", "this station"])
        && !reported(lower);
    // 长按识别二维码: "Long press to identify the QR code", a short line and nothing else.
    let qr_prompt = ["long press", "press and hold"]
        .iter()
        .any(|o| lower.starts_with(o))
        && has("qr code")
        && lower.split_whitespace().count() <= 12
        && !reported(lower);
    let reprint = any(&[
        "reproduced from",
        "reprinted from",
        "is from the network",
        "comes from the network",
        "from the internet",
    ]) && any(&[
        "infringement",
        "infringe",
        "contact us",
        "delete",
        "removed",
    ]);
    editor_promo
        || qr_follow
        || code_follow
        || copyright_claim
        || qr_prompt
        || reprint_disclaimer
        || invitation
        || editor_add
        || disclaimer
        || reprint
        || repost(lower)
        || platform_notice(lower)
}

/// Whether `lower` holds a word of reported speech: the sentence is the article's, telling of
/// a notice.
fn reported(lower: &str) -> bool {
    const REPORTED: &[&str] = &["said", "says", "told", "according", "ruled", "found"];
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| REPORTED.contains(&w))
}

/// 特别声明：以上内容(包括在内的视频、图片或音频)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务:
/// "Special statement: The above content (including pictures or videos if any) is uploaded and
/// released by users of the self-media platform "NetEase", which only provides information
/// storage services." The notice opens with its label or with the content it is about, says
/// users uploaded it, and names the platform or its storage service. "The platform said the
/// content had been uploaded by users and removed within hours." opens with neither, and a
/// notice quoted by someone ("…, the court said") is the article's.
fn platform_notice(lower: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "special statement",
        "special note",
        "statement:",
        "statement：",
        "disclaimer",
        "the above content",
        "the above article",
        "the above information",
        "this content",
        "this article",
    ];
    const UPLOADED: &[&str] = &[
        "uploaded and released by",
        "uploaded and published by",
        "uploaded and posted by",
        "uploaded by users",
        "uploaded by the user",
        "uploaded by self-media",
        "released by users",
        "published by users",
    ];
    const PLATFORMS: &[&str] = &[
        "self-media",
        "we-media",
        "information storage",
        "storage space",
        "platform",
    ];
    let any = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    OPENINGS.iter().any(|o| lower.starts_with(o))
        && any(UPLOADED)
        && any(PLATFORMS)
        && !reported(lower)
}

/// 本文来自微信公众号“X”（ID：x），作者：Y，36氪经授权发布: "This article is from the WeChat
/// public account "X" (ID: x), author: Y, published by 36Kr with authorization." The notice opens
/// with the article's origin and holds the republisher's marks: an account with its ID or its
/// author, or the authorization to republish. "This article is from a speech he gave in 2019"
/// has neither; "The article was from the hospital's public account" is not the notice's opening.
fn repost(lower: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "this article is from",
        "this article comes from",
        "this article was originally published",
        "this article was first published",
        "this article is reproduced from",
        "this article is reprinted from",
        "this article is republished from",
        "this article is reposted from",
    ];
    const ACCOUNTS: &[&str] = &["public account", "official account", "public number"];
    // " id:", not "id:": "said:" ends with it.
    const ACCOUNT_MARKS: &[&str] = &["(id:", "（id：", "(id：", " id:", "author:", "author："];
    const AUTHORIZATION: &[&str] = &[
        "with authorization",
        "with authorisation",
        "with permission",
        "authorized to publish",
        "authorised to publish",
        "authorized to reprint",
        "reprinted with permission",
        "republished with permission",
    ];
    let any = |ws: &[&str]| ws.iter().any(|w| lower.contains(w));
    let body = lower
        .strip_prefix("statement:")
        .or_else(|| lower.strip_prefix("note:"))
        .unwrap_or(lower)
        .trim_start();
    OPENINGS.iter().any(|o| body.starts_with(o))
        && ((any(ACCOUNTS) && any(ACCOUNT_MARKS)) || any(AUTHORIZATION))
}
