//! Site residue: the web-page chrome a scraper drags along with an article — ad scripts, publisher
//! stamps, image credits, share widgets and action bars, comment forms, related-reading teasers,
//! ad markers, tracking-link debris, HTML comments, aggregator headers, copyright lines, forum
//! counters and member lines, calls to get the app or newsletter or to follow the site,
//! navigation labels, previous/next links and breadcrumbs, link prompts, blog post meta lines
//! and tag lists — whether it stands on its own line or is fused to a paragraph.
//!
//! This module only *finds* residue in one line or paragraph of text and says what it is, why it
//! is residue and which facts in it are worth keeping (source, editor, image credit). It never
//! edits text, never decides what to do with a span (the importer removes it, the normalizer may
//! report it) and never looks beyond the text it is given.
//!
//! Precision comes first: prose that merely uses the same words ("the source of the leak", "we
//! share this view", "an advertisement campaign", "read more books") must stay. Every rule
//! therefore needs a shape that prose does not have — a colon after a label, a label standing
//! alone, JavaScript punctuation, a tracking parameter — not just a keyword.
//!
//! Every detector is anchored at a label or marker that starts where it fires ([`triggers`]), so
//! one automaton pass finds the few positions worth a look and the scan dispatches only there: a
//! paragraph without residue costs that pass and no allocation beyond the candidate list.
//!
//! The detectors live one family to a file, on the helpers of `text`: `ad_script`, `publisher`
//! (source and editor stamps), `image_credit`, `share`, `comment_form`, `related`, `ad_marker`,
//! `markup` (tracking links and HTML comments), `aggregator`, `copyright` and `whole_text`. The
//! families that are residue only as a whole paragraph — `action_bar`, `forum`,
//! `call_to_action`, `navigation`, `breadcrumb`, `prompt` (link prompts), `post_meta`, `tags`,
//! `end_marker` — are tried from `whole_text` by the paragraph's first word, not by the trigger
//! scan, and only for an article's block ([`find_block_residue`]). This file holds the API, the
//! scan that dispatches to them and the tidying of what they found.

mod action_bar;
mod ad_marker;
mod ad_script;
mod aggregator;
mod breadcrumb;
mod call_to_action;
mod comment_form;
mod comment_section;
mod copyright;
mod end_marker;
mod field_run;
mod forum;
mod image_credit;
mod markup;
mod navigation;
mod post_meta;
mod prompt;
mod publisher;
mod related;
mod reprint;
mod share;
mod tags;
mod text;
mod whole_text;

use std::ops::Range;

use ad_marker::{AD_CAPITALS, AD_CLOSING_LABELS, AD_DASHES, AD_PHRASES, ad_marker};
use ad_script::{STRONG_JS, WEAK_JS, ad_script};
use aggregator::aggregator_header;
use comment_form::{FORM_LABELS_SHORT, FORM_SENTENCES, comment_form};
use copyright::{COPYRIGHT_LABELS, copyright};
use end_marker::closing_end_marker;
use image_credit::{CREDIT_LABELS, image_credit};
use markup::{TRACKING_KEYS, html_comment, tracking_link};
use publisher::{EDITOR_LABELS, SOURCE_LABELS, publisher_stamp};
use related::{TEASER_LABELS, related_reading};
use share::{SHARE_LABELS, share_widget};
use text::{at_word_start, has_alnum, is_ascii_word_byte};
use whole_text::whole_text;

/// What kind of chrome a [`Residue`] span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResidueKind {
    /// JavaScript debris of an ad slot or tracker (`(function(){…`, `googletag`, `adsbygoogle`).
    AdScript,
    /// The publisher's stamp: `Source: X editor in charge: Y_ CODE`, or a paragraph of bracketed
    /// fields: `[Source: X] [Author: Y] [Font: Large Medium Small]`.
    PublisherStamp,
    /// `Picture source: …`, `Photo credit: …`.
    ImageCredit,
    /// "Share this:", "Share on Facebook", "Click to share", and a bar of action labels between
    /// pipes: `Share | Print | Email`, `Like (0) | Comment (0) | Report this post`.
    ShareWidget,
    /// "Leave a Reply", "Your email address will not be published", "Post Comment".
    CommentForm,
    /// "Related reading:", "Read more:", "Recommended reading".
    RelatedReading,
    /// "Advertisement", "— Ad —", "Sponsored content".
    AdMarker,
    /// A URL carrying `utm_*` parameters, or a `?ref=` tail.
    TrackingLink,
    /// `<!-- … -->`.
    HtmlComment,
    /// The header an aggregator puts above reposted articles: `via X | time: … | views: 1234`, and
    /// a post's statistics line: `Reads: 12,345 | Comments: 56 | Published: 2024-06-18 09:32`.
    AggregatorHeader,
    /// A page's copyright line: `© 2020 Example Media. All rights reserved.`
    Copyright,
    /// A forum's counter label alone on its line: `Reaction score`, `Messages: 2,746`; in an
    /// article's block, a page's counter with its bracketed count: `Comments (12)`, `Read
    /// (3,456)`.
    Counter,
    /// A forum post's member line and quote widget: `Joined: Mar 2, 2015 Messages: 1,204
    /// Location: Shanghai`, `Click to expand... Reaction score: 12`.
    ForumChrome,
    /// A paragraph that asks the reader to get the site's app or newsletter: `Download the app
    /// now to get breaking news alerts`, `Subscribe to our newsletter and never miss a story`.
    CallToAction,
    /// A run of the site's navigation labels: `Previous Article Next Article Most Viewed`.
    Navigation,
    /// The article's tags as a paragraph of bare words: `Tags: economy trade tariffs`.
    TagList,
    /// A blog post's meta line: `Posted by admin on March 14, 2024 | 3 Comments`.
    PostMeta,
    /// A shop's link label alone on its line: `Huawei Mall`.
    ShopLink,
    /// A paywall's badge alone on its line: `Member-only story`, `Premium`, `Subscriber
    /// exclusive`.
    Paywall,
    /// A republisher's promotion or notice: `Every Xiaobian (micro-signal: x) recommends:`,
    /// `Scan the QR code to follow our official account`, `This article is reproduced from the
    /// network, if there is infringement please contact us to delete.`, `Please indicate the source
    /// for reprinting: X`.
    Promotion,
    /// The wire's mark that the article is over, alone on its line: `(End)`, `-END-`, `（完）`.
    EndMarker,
}

impl ResidueKind {
    /// The human reason recorded when the span is removed.
    pub fn reason(self) -> &'static str {
        match self {
            ResidueKind::AdScript => "ad script fragment",
            ResidueKind::PublisherStamp => "publisher stamp",
            ResidueKind::ImageCredit => "image credit",
            ResidueKind::ShareWidget => "share widget",
            ResidueKind::CommentForm => "comment form",
            ResidueKind::RelatedReading => "related-reading teaser",
            ResidueKind::AdMarker => "ad marker",
            ResidueKind::TrackingLink => "tracking link",
            ResidueKind::HtmlComment => "HTML comment",
            ResidueKind::AggregatorHeader => "aggregator header",
            ResidueKind::Copyright => "copyright notice",
            ResidueKind::Counter => "counter",
            ResidueKind::ForumChrome => "forum post chrome",
            ResidueKind::CallToAction => "call to action",
            ResidueKind::Navigation => "navigation labels",
            ResidueKind::TagList => "tag list",
            ResidueKind::PostMeta => "post meta line",
            ResidueKind::ShopLink => "shop link",
            ResidueKind::Paywall => "paywall badge",
            ResidueKind::Promotion => "republisher's promotion or notice",
            ResidueKind::EndMarker => "end marker",
        }
    }
}

/// One span of residue inside a line or paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Residue {
    /// Byte range in the text given to [`find_residue`]; always on character boundaries.
    pub range: Range<usize>,
    pub kind: ResidueKind,
    /// Why this is residue, for the record of removed text.
    pub reason: &'static str,
    /// Facts worth keeping when the span is dropped: `source`, `editor`, `editor_code`,
    /// `image_credit`, `via`, `published`, `author`.
    pub meta: Vec<(&'static str, String)>,
}

impl Residue {
    fn new(range: Range<usize>, kind: ResidueKind) -> Residue {
        Residue {
            range,
            kind,
            reason: kind.reason(),
            meta: Vec::new(),
        }
    }

    /// Records a fact unless it is empty.
    fn with(mut self, key: &'static str, value: &str) -> Residue {
        let value = value.trim();
        if !value.is_empty() {
            self.meta.push((key, value.to_string()));
        }
        self
    }
}

/// All residue spans in one paragraph/line of text (byte ranges, non-overlapping, sorted). A span
/// may cover the whole text (standalone residue line) or a fused tail/head.
///
/// Text left between or around spans that holds no letter or digit (separators, dashes, a
/// closing bracket) is given to the neighbouring span, so a line that is all residue is covered
/// from its first to its last byte and the caller can tell "all residue" from "some prose left".
pub fn find_residue(text: &str) -> Vec<Residue> {
    find_with(text, Unit::Line, trigger_starts)
}

/// [`find_residue`] for a block of an article (a paragraph, as the normalizer sees it): also the
/// families that are residue only as a block of their own — action bars, forum member lines,
/// calls to get the app or newsletter, navigation runs, previous/next links, breadcrumbs, link
/// prompts, blog post meta lines, tag lists, reprint notices, runs of bracketed fields,
/// comment-section headers, forum post headers, end markers with the stamp after them. The
/// importer, which reads a page line by line, uses [`find_residue`] and files such lines under
/// its own page-chrome kinds (`share bar`, `navigation`, `newsletter box`, `tags`) where it knows
/// the page around them.
pub fn find_block_residue(text: &str) -> Vec<Residue> {
    find_with(text, Unit::Block, trigger_starts)
}

/// What the text given to [`find_with`] is: any line or paragraph, or an article's block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Line,
    Block,
}

/// [`find_residue`] or [`find_block_residue`], trying the positions `candidates` gives for the
/// text.
fn find_with<C: IntoIterator<Item = usize>>(
    text: &str,
    unit: Unit,
    candidates: impl FnOnce(&str) -> C,
) -> Vec<Residue> {
    let mut found: Vec<Residue> = Vec::new();
    match whole_text(text, unit == Unit::Block) {
        Some(r) => found.push(r),
        None => scan(text, &mut found, candidates(text)),
    }
    tidy(text, &mut found);
    found
}

/// Runs the detectors at `candidates` (ascending byte positions) as a left-to-right scan would:
/// after a span the scan resumes at its end, and it never looks inside an ASCII word, because
/// word labels open only at a word's first letter. Passing every position gives the plain
/// byte-by-byte scan; [`trigger_starts`] gives the same result faster.
fn scan(text: &str, found: &mut Vec<Residue>, candidates: impl IntoIterator<Item = usize>) {
    let bytes = text.as_bytes();
    let mut i = text.len() - text.trim_start().len();
    if let Some(r) = aggregator_header(text, i) {
        i = r.range.end;
        found.push(r);
    }
    for c in candidates {
        let inside_word = c > i && is_ascii_word_byte(bytes[c]) && is_ascii_word_byte(bytes[c - 1]);
        if c < i || inside_word {
            continue;
        }
        let floor = found.last().map_or(0, |r| r.range.end);
        if let Some(r) = detect_at(text, c, floor)
            && r.range.start >= floor
            && r.range.start < r.range.end
            && r.range.end > c
        {
            i = r.range.end;
            found.push(r);
        }
    }
}

/// What must start at a position for [`detect_at`] to find anything there: each detector's
/// labels and markers (ASCII case is ignored, which only adds candidates). A detector that gains
/// a label must list it here; `candidates_miss_nothing` in the tests compares with a full scan.
fn triggers() -> Vec<String> {
    let lists: &[&[&str]] = &[
        STRONG_JS,
        WEAK_JS,
        &["<!--"],
        SOURCE_LABELS,
        EDITOR_LABELS,
        CREDIT_LABELS,
        SHARE_LABELS,
        FORM_SENTENCES,
        FORM_LABELS_SHORT,
        TEASER_LABELS,
        AD_DASHES,
        AD_CAPITALS,
        AD_PHRASES,
        AD_CLOSING_LABELS,
        COPYRIGHT_LABELS,
        end_marker::MARKERS,
    ];
    let mut all: Vec<String> = lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|s| s.to_string())
        .collect();
    // Tracking keys start one byte after their `?` or `&`.
    for key in TRACKING_KEYS {
        all.push(format!("?{key}"));
        all.push(format!("&{key}"));
    }
    all
}

/// The positions where some trigger starts, ascending and without repeats.
fn trigger_starts(text: &str) -> Vec<usize> {
    static AUTOMATON: std::sync::LazyLock<aho_corasick::AhoCorasick> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(triggers())
                .expect("residue triggers compile")
        });
    // A leftmost match starts at the first position where any trigger starts, so searching
    // again from the byte after it lists every start in order, including "source" inside
    // "picture source", which starts a detector of its own.
    let mut starts = Vec::new();
    let mut from = 0;
    while let Some(m) = AUTOMATON.find(aho_corasick::Input::new(text).range(from..)) {
        starts.push(m.start());
        from = m.start() + 1;
    }
    starts
}

// ---------------------------------------------------------------------------------------------
// Dispatch.

fn detect_at(text: &str, i: usize, floor: usize) -> Option<Residue> {
    let b = *text.as_bytes().get(i)?;
    if b >= 0x80 {
        if !text.is_char_boundary(i) {
            return None;
        }
        return ad_marker(text, i, floor)
            .or_else(|| publisher_stamp(text, i, floor))
            .or_else(|| image_credit(text, i, floor))
            .or_else(|| copyright(text, i))
            .or_else(|| closing_end_marker(text, i));
    }
    match b {
        b'<' => html_comment(text, i).or_else(|| ad_script(text, i, floor)),
        b'(' => ad_script(text, i, floor).or_else(|| closing_end_marker(text, i)),
        b'!' | b'.' => ad_script(text, i, floor),
        b'[' => closing_end_marker(text, i),
        b'?' | b'&' => tracking_link(text, i, floor),
        b'-' => ad_marker(text, i, floor).or_else(|| closing_end_marker(text, i)),
        _ if b.is_ascii_alphabetic() => {
            if !at_word_start(text, i) {
                return None;
            }
            ad_script(text, i, floor)
                .or_else(|| publisher_stamp(text, i, floor))
                .or_else(|| image_credit(text, i, floor))
                .or_else(|| share_widget(text, i))
                .or_else(|| comment_form(text, i, floor))
                .or_else(|| related_reading(text, i, floor))
                .or_else(|| ad_marker(text, i, floor))
                .or_else(|| copyright(text, i))
        }
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Tidying: brackets, punctuation-only gaps, neighbours of one kind.

/// Punctuation that belongs to prose next to a span, never to the span.
const OPENING: &[char] = &['"', '“', '‘', '\'', '(', '「', '『', '《'];
const CLOSING: &[char] = &[
    '.', '!', '?', '。', '！', '？', '…', '"', '”', '’', '\'', ')', '」', '』', '》',
];

fn tidy(text: &str, found: &mut Vec<Residue>) {
    // A span wrapped in brackets takes its brackets: "(Picture source: visual China)".
    for n in 0..found.len() {
        let floor = if n == 0 { 0 } else { found[n - 1].range.end };
        let ceiling = found.get(n + 1).map_or(text.len(), |r| r.range.start);
        let r = &found[n].range;
        let before = text[floor..r.start].trim_end();
        let after = &text[r.end..ceiling];
        let after_trimmed = after.trim_start();
        if let (Some(open), Some(close)) =
            (before.chars().next_back(), after_trimmed.chars().next())
            && matches!(
                (open, close),
                ('(', ')') | ('[', ']') | ('（', '）') | ('【', '】')
            )
        {
            let start = floor + before.len() - open.len_utf8();
            let end = r.end + (after.len() - after_trimmed.len()) + close.len_utf8();
            found[n].range = start..end;
        }
    }
    // Gaps without a letter or digit belong to the residue around them — except, when prose is
    // left, the quote or full stop that opens or closes that prose.
    let (Some(first), Some(last)) = (found.first(), found.last()) else {
        return;
    };
    let lead = &text[..first.range.start];
    let trail = &text[last.range.end..];
    let inner_prose = found
        .windows(2)
        .any(|w| has_alnum(&text[w[0].range.end..w[1].range.start]));
    let all_residue = !has_alnum(lead) && !has_alnum(trail) && !inner_prose;
    if all_residue || (!has_alnum(lead) && !lead.contains(OPENING)) {
        found[0].range.start = 0;
    }
    for n in 1..found.len() {
        let (a, b) = (found[n - 1].range.end, found[n].range.start);
        if !has_alnum(&text[a..b]) {
            found[n - 1].range.end = b;
        }
    }
    if all_residue || (!has_alnum(trail) && !trail.contains(CLOSING)) {
        let n = found.len() - 1;
        found[n].range.end = text.len();
    }
    // Touching spans of one kind are one widget ("Leave a Reply" + "Cancel reply").
    let mut merged: Vec<Residue> = Vec::with_capacity(found.len());
    for r in found.drain(..) {
        match merged.last_mut() {
            Some(last) if last.kind == r.kind && last.range.end == r.range.start => {
                last.range.end = r.range.end;
                last.meta.extend(r.meta);
            }
            _ => merged.push(r),
        }
    }
    *found = merged;
}

#[cfg(test)]
mod tests;
