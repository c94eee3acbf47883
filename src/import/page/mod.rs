//! Full-page text copies: what a browser gives for "select all, copy" of a rendered news page
//! (`document.body.innerText`) — the article, and around it the page's menus, breadcrumbs,
//! byline and dateline, share bars, reading times, newsletter and cookie boxes, related
//! lists, comment counters and footer.
//!
//! Lines are classified the way jusText classifies a page's blocks, on what a line of text
//! still shows: a *good* line is long, mostly lower-case words (or CJK text) and ends or is
//! cut by sentence punctuation; a *chrome* line has a whole shape no sentence has
//! ([`chrome`]); every other line is *short*. The article is the densest run of good lines —
//! the run with the highest score where a good line counts its length and every other line
//! costs a little, so a menu between two articles' worth of text ends the run and a heading
//! or a one-line paragraph between two paragraphs does not. The headline is the short,
//! title-like line just above that run (a line whose words the text's opening uses too
//! ([`echo`]), one repeated elsewhere on the page, or one followed by a byline or a date, is
//! more likely); bylines, dates ([`dateline`]), reading times and
//! counters between the headline and the text become metadata or are dropped. Everything
//! outside the headline and the article is dropped with its reason: `page header` above the
//! headline, `page footer` below the article, or the chrome's own reason where its shape
//! says more.
//!
//! Inside the article a line becomes a paragraph, a heading (a short line without closing
//! punctuation that opens the text after it), a list item (`•` or a number; a numbered line
//! opening with a speaker, `2. Reporter: …`, stays a paragraph) or a caption — only with
//! evidence of a picture: a credit (`Photo: Reuters`, `| Foto: AFP`, `Image copyright …`) or
//! a caption marker (`Media caption`).
//!
//! It is used only where the text shows a page around the article: the headline is not the
//! first line, or some line is chrome, or the text names its byline or date. A scrape with
//! none of these — the two bundled layouts, a file whose first line is its title — is read
//! by the line-by-line rules of [`super::body`] as before, byte for byte. It never reads
//! markup, never looks at the file's name, and never drops a line without recording it.

mod byline;
mod caption;
mod chrome;
mod dateline;
mod echo;

use super::body::list_marker;
use super::{Line, Sink};
use crate::model::{Block, BlockKind, Markup};
use crate::residue::ResidueKind;

/// A page copy read: the headline, the article's blocks, and what was dropped and kept.
pub(super) struct Page {
    pub title: String,
    pub title_line: u32,
    pub blocks: Vec<Block>,
    pub sink: Sink,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    None,
    Bullet,
    Number(u32),
}

/// One non-blank line with its residue cut out.
#[derive(Debug)]
struct Unit {
    no: u32,
    /// The line's prose (residue removed), marker included.
    text: String,
    marker: Marker,
    /// Where the text after the marker starts.
    body_at: usize,
    /// Length in words (a CJK character counts half a word).
    weight: f32,
    good: bool,
    chrome: Option<&'static str>,
    /// Follows a line that was all share widget, comment form or related-reading teaser.
    after_widget: bool,
}

impl Unit {
    fn body(&self) -> &str {
        &self.text[self.body_at..]
    }
}

/// A good line has at least this many words.
const GOOD_WEIGHT: f32 = 10.0;

/// A line between the headline and the text that is not article text: dropped with its
/// reason (`byline`, `dateline`), its facts kept.
#[derive(Debug, Clone, PartialEq)]
struct Meta {
    reason: &'static str,
    facts: Vec<(&'static str, String)>,
}

/// Reads `lines` as a page copy, or `None` when the text shows no page around an article
/// (the caller then reads it line by line).
pub(super) fn read(lines: &[Line<'_>]) -> Option<Page> {
    let mut sink = Sink::default();
    let units = units(lines, &mut sink);
    if !units.iter().any(|u| u.good) {
        return None;
    }
    let (start, end) = densest_run(&units)?;
    let title = choose_title(&units, start, end)?;
    let start = start.max(title + 1);

    // What each line is: metadata around the headline, article text, or dropped.
    let mut meta: Vec<Option<Meta>> = vec![None; units.len()];
    let window = title.saturating_sub(3)..(start + 4).min(end + 1);
    for k in window {
        if k == title {
            continue;
        }
        // Inside the text only short lines can be a dateline or byline.
        if k >= start && units[k].good {
            continue;
        }
        meta[k] = meta_line(&units, k);
    }
    bare_byline(&units, title, start, &mut meta);

    let evidence =
        title != 0 || units.iter().any(|u| u.chrome.is_some()) || meta.iter().any(Option::is_some);
    if !evidence {
        return None;
    }

    let title_text = units[title].body().to_string();
    let mut kept: Vec<usize> = Vec::new();
    let mut seen_date = false;
    for (k, u) in units.iter().enumerate() {
        if k == title {
            continue;
        }
        if let Some(Meta { reason, facts }) = &meta[k] {
            sink.remove(u.no, &u.text, reason);
            for (key, value) in facts {
                // The first date near the headline is the article's.
                if *key == "published" {
                    if seen_date {
                        continue;
                    }
                    seen_date = true;
                }
                sink.keep_fact(key, value);
            }
            continue;
        }
        if u.body() == title_text {
            sink.remove(u.no, &u.text, "duplicate title");
            continue;
        }
        let inside = k > title && k <= end;
        match (u.chrome, inside) {
            (Some(reason), _) => sink.remove(u.no, &u.text, reason),
            (None, true) if u.body().is_empty() => sink.remove(u.no, &u.text, "list marker"),
            (None, true) => kept.push(k),
            (None, false) if k < title => sink.remove(u.no, &u.text, "page header"),
            (None, false) => sink.remove(u.no, &u.text, "page footer"),
        }
    }
    let blocks = blocks(&units, &kept, &mut sink);
    // An aggregator header keeps its time as written (`2019/6/25 18:40:42`): as ISO, like the
    // dateline's.
    for key in ["published", "updated"] {
        if let Some(value) = sink.metadata.get_mut(key)
            && let Some(found) = dateline::find_date(value)
            && found.span() == (0..value.len())
        {
            *value = found.iso();
        }
    }
    Some(Page {
        title: title_text,
        title_line: units[title].no,
        blocks,
        sink,
    })
}

/// The non-blank lines with their residue cut out (recorded in `sink`), measured.
fn units(lines: &[Line<'_>], sink: &mut Sink) -> Vec<Unit> {
    let mut out = Vec::new();
    let mut after_widget = false;
    for line in lines {
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            continue;
        }
        let prose = sink.strip_residue(line.no, trimmed);
        if prose.is_empty() {
            after_widget |= crate::residue::find_residue(trimmed).iter().any(|r| {
                matches!(
                    r.kind,
                    ResidueKind::ShareWidget
                        | ResidueKind::CommentForm
                        | ResidueKind::RelatedReading
                )
            });
            continue;
        }
        let text = prose.into_owned();
        let (marker, body_at) = marker(&text);
        let body = &text[body_at..];
        let weight = weight(body);
        let chrome = chrome::chrome(body)
            .or_else(|| (marker == Marker::Bullet && body.is_empty()).then_some("list marker"));
        let good = chrome.is_none() && is_good(body, weight);
        out.push(Unit {
            no: line.no,
            text,
            marker,
            body_at,
            weight,
            good,
            chrome,
            after_widget,
        });
        after_widget = false;
    }
    out
}

/// A list marker at the start: `•`, `◦`, `▪`, `·` or a number (`1.`).
fn marker(text: &str) -> (Marker, usize) {
    for bullet in ['•', '◦', '▪', '·', '●'] {
        if let Some(rest) = text.strip_prefix(bullet) {
            let body = rest.trim_start();
            return (Marker::Bullet, text.len() - body.len());
        }
    }
    // A list typed as text: `* item`, `- item`.
    for bullet in ["* ", "- "] {
        if let Some(rest) = text.strip_prefix(bullet) {
            let body = rest.trim_start();
            if !body.is_empty() {
                return (Marker::Bullet, text.len() - body.len());
            }
        }
    }
    match list_marker(text) {
        Some((n, at)) => (Marker::Number(n), at),
        None => (Marker::None, 0),
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Words, a CJK character counting half a word.
fn weight(text: &str) -> f32 {
    let mut words = 0.0;
    for w in text.split_whitespace() {
        let cjk = w.chars().filter(|&c| is_cjk(c)).count();
        if cjk > 0 {
            words += cjk as f32 / 2.0;
        } else if w.chars().any(char::is_alphanumeric) {
            words += 1.0;
        }
    }
    words
}

const SENTENCE_END: &[char] = &[
    '.', '!', '?', '。', '！', '？', '…', '"', '”', '’', '\'', ')', '）', '」', ':', ';',
];

/// A line of running text: long enough, mostly lower-case words where the script has case,
/// and punctuated like sentences.
fn is_good(text: &str, weight: f32) -> bool {
    if weight < GOOD_WEIGHT {
        return false;
    }
    let (mut cased, mut lower) = (0, 0);
    for w in text.split_whitespace() {
        if let Some(c) = w.chars().find(|c| c.is_alphabetic())
            && (c.is_lowercase() || c.is_uppercase())
        {
            cased += 1;
            if c.is_lowercase() {
                lower += 1;
            }
        }
    }
    let prose_case = cased < 4 || lower * 10 >= cased * 4;
    let punctuation = text
        .chars()
        .filter(|c| {
            matches!(
                c,
                '.' | ',' | ';' | '!' | '?' | '。' | '，' | '、' | '；' | '！' | '？'
            )
        })
        .count();
    prose_case && (text.ends_with(SENTENCE_END) || punctuation >= 2 || weight >= 25.0)
}

/// The run of units with the highest score (good lines count their weight, others cost a
/// little), as inclusive indices.
fn densest_run(units: &[Unit]) -> Option<(usize, usize)> {
    let score = |u: &Unit| -> f32 {
        if u.good {
            u.weight
        } else if u.chrome.is_some() {
            -4.0
        } else if u.marker == Marker::Bullet {
            -2.0
        } else {
            -1.0
        }
    };
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0;
    let mut from = 0;
    for (k, u) in units.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            from = k;
        }
        sum += score(u);
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, from, k));
        }
    }
    let (_, s, e) = best?;
    let (s, e) = trim_islands(units, s, e);
    let mut e = end_of_article(units, s, e);
    // A list that the text ends with goes on to its last item, however short the items.
    while e + 1 < units.len()
        && units[e + 1].chrome.is_none()
        && !units[e + 1].body().is_empty()
        && match (units[e].marker, units[e + 1].marker) {
            (Marker::Bullet, Marker::Bullet) => true,
            (Marker::Number(a), Marker::Number(b)) => b == a + 1,
            _ => false,
        }
    {
        e += 1;
    }
    Some((s, e))
}

/// Chrome that closes an article: what follows it is the page's, not the article's.
const CLOSING_CHROME: &[&str] = &[
    "share bar",
    "tags",
    "newsletter box",
    "comment prompt",
    "counter",
    "promotion",
];

/// Ends the run before the first closing chrome (a share bar, tags, a newsletter box, a line
/// after a related-reading label…) that comes once most of the run's text (three quarters) is
/// behind: teasers and feeds below an article read like prose too.
fn end_of_article(units: &[Unit], s: usize, e: usize) -> usize {
    let total: f32 = units[s..=e]
        .iter()
        .filter(|u| u.good)
        .map(|u| u.weight)
        .sum();
    let mut seen = if units[s].good { units[s].weight } else { 0.0 };
    let mut last_good = s;
    let mut good_before_last = s;
    for (k, u) in units.iter().enumerate().take(e + 1).skip(s + 1) {
        let closing = u.after_widget || u.chrome.is_some_and(|c| CLOSING_CHROME.contains(&c));
        if closing && seen >= total * 0.75 {
            return last_good;
        }
        // The readers' comments, however long, follow the article: their heading ends it
        // once it has some text of its own.
        if u.chrome == Some("comment section") && seen >= 100.0 {
            return last_good;
        }
        // A feed of teasers (a headline, its summary, its time) follows the article: two
        // lines that are only a time, close together, below the text — unless the article
        // goes on after them (a related-reading box inside the text).
        if seen >= 60.0
            && only_time(u)
            && units[k + 1..=e].iter().take(8).any(only_time)
            && !resumes_after_box(&units[k..=e], seen)
        {
            // The first teaser's summary is the good line just above its time.
            return good_before_last;
        }
        if u.good {
            seen += u.weight;
            good_before_last = last_good;
            last_good = k;
        }
    }
    e
}

/// Whether the text goes on after a box of teasers that opens `rest`: the good lines after
/// its last time weigh as much as half the text above it (and 80 words).
fn resumes_after_box(rest: &[Unit], seen: f32) -> bool {
    let Some(last_time) = rest.iter().rposition(only_time) else {
        return false;
    };
    let tail: f32 = rest[last_time + 1..]
        .iter()
        .filter(|u| u.good)
        .map(|u| u.weight)
        .sum();
    tail >= 80.0 && tail >= seen * 0.5
}

/// A line that is only a time: `Nov 18`, `5H ago`, `updated 16M ago`, `November 20, 2019, 9:57 am`.
fn only_time(u: &Unit) -> bool {
    if u.good || u.weight > 6.0 {
        return false;
    }
    let t = u.body().trim_start_matches(['-', '–', '—', ' ']);
    let t = strip_date_words(t);
    if t.is_empty() {
        return false;
    }
    if crate::model::RelativeTime::parse(t).is_some() {
        return true;
    }
    // `5H ago`, `16M ago`: a count and a unit letter.
    if let Some(n) = t
        .strip_suffix(" ago")
        .or_else(|| t.strip_suffix(" AGO"))
        .and_then(|n| n.strip_suffix(['H', 'M', 'D', 'h', 'm', 'd']))
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return true;
    }
    dateline::find_date(t).is_some_and(|found| {
        let rest = format!("{}{}", &t[..found.span().start], &t[found.span().end..]);
        !has_words(strip_date_words(&rest))
    })
}

/// Consecutive lines that are not good which part a run into islands.
const ISLAND_GAP: usize = 5;

/// Drops small islands of good lines at either end of the run — a newsletter blurb above the
/// headline, a teaser's summary below the article — cut off from the rest by a stretch of
/// short lines. An island is small beside less than a quarter of the rest's weight, or 40
/// words.
fn trim_islands(units: &[Unit], mut s: usize, mut e: usize) -> (usize, usize) {
    // The good lines of the run, as islands (first, last, weight).
    let mut islands: Vec<(usize, usize, f32)> = Vec::new();
    let mut gap = 0;
    for (k, u) in units.iter().enumerate().take(e + 1).skip(s) {
        if !u.good {
            gap += 1;
            continue;
        }
        match islands.last_mut() {
            Some(last) if gap < ISLAND_GAP => {
                last.1 = k;
                last.2 += u.weight;
            }
            _ => islands.push((k, k, u.weight)),
        }
        gap = 0;
    }
    let small = |island: &(usize, usize, f32), rest: f32| island.2 < 80.0 && island.2 * 4.0 < rest;
    let total: f32 = islands.iter().map(|i| i.2).sum();
    let (mut lo, mut hi) = (0, islands.len());
    let mut kept = total;
    while hi - lo > 1 {
        if small(&islands[lo], kept - islands[lo].2) {
            kept -= islands[lo].2;
            lo += 1;
        } else if small(&islands[hi - 1], kept - islands[hi - 1].2) {
            kept -= islands[hi - 1].2;
            hi -= 1;
        } else {
            break;
        }
    }
    if let (Some(first), Some(last)) = (islands.get(lo), islands.get(hi.wrapping_sub(1))) {
        s = first.0;
        e = last.1;
    }
    (s, e)
}

/// The headline: the best title-like line above the article, the one the article's opening
/// echoes most (or its first line when that is a short question or exclamation, or a line a
/// few lines into it with its byline or date under it, past a notice the text opened with).
fn choose_title(units: &[Unit], start: usize, end: usize) -> Option<usize> {
    title_scores(units, start, end)
        .into_iter()
        .fold(None, |best: Option<(f32, usize)>, (score, k)| match best {
            Some((b, _)) if b >= score => best,
            _ => Some((score, k)),
        })
        .map(|(_, k)| k)
}

/// Each headline candidate with its score, nearest first.
fn title_scores(units: &[Unit], start: usize, end: usize) -> Vec<(f32, usize)> {
    let from = start.saturating_sub(TITLE_REACH);
    let mut scores = Vec::new();
    // The text's opening, whose words a headline above it names.
    let opening_after = |k: usize| {
        echo::opening(
            units[k..=end]
                .iter()
                .filter(|u| u.good)
                .map(|u| (u.text.as_str(), u.weight)),
            OPENING_WORDS,
        )
    };
    let opening = opening_after(start);
    // Where the run opens with a line or two that are not the article's (a disclaimer, a
    // notice, the page's footer), a headline with its byline or date under it may stand a
    // few lines inside: what it skips must be little of the text.
    let total: f32 = units[start..=end]
        .iter()
        .filter(|u| u.good)
        .map(|u| u.weight)
        .sum();
    let mut skipped = 0.0;
    let mut inside = Vec::new();
    for k in start..=end.min(start + INSIDE_REACH) {
        let u = &units[k];
        if k > start
            && !u.good
            && title_like(u)
            && u.weight >= 4.0
            && byline::bare(u.body()).is_none()
            && header_below(units, k) >= 2.0
            && skipped <= (total * 0.2).min(INSIDE_SKIP)
        {
            inside.push((k, opening_after(k + 1)));
        }
        if u.good {
            skipped += u.weight;
        }
    }
    // Other headline-like lines or running text passed on the way up from the text: each
    // makes a line further up less likely to be this text's headline.
    let mut distance = 0.0;
    let above = (from..=start.min(end)).rev().map(|k| (k, None));
    let inside = inside.into_iter().map(|(k, o)| (k, Some(o)));
    for (k, own_opening) in inside.chain(above) {
        let u = &units[k];
        let passed = distance;
        if k < start
            && !is_meta_like(u)
            && ((title_like(u) && byline::bare(u.body()).is_none()) || u.good)
        {
            // A headline-like line with no byline or date under it (a box's heading, a
            // caption) stands between less than running text or another article's header.
            distance += if !u.good && header_below(units, k) <= 0.0 {
                0.6
            } else {
                1.0
            };
        }
        let distance = passed;
        if !title_like(u)
            || (k == start && (u.weight > 20.0 || u.text.ends_with(['.', ';', ':', ','])))
        {
            continue;
        }
        let opening = own_opening.as_ref().unwrap_or(&opening);
        // Headlines run 5 to 16 words; a longer line is more likely a standfirst.
        let mut score =
            2.0 + u.weight.min(10.0) * 0.4 - (u.weight - 16.0).max(0.0) * 0.3 - distance * 0.6;
        // Repeated higher up (a breadcrumb, the page's own title bar): teasers repeat lower
        // down, in the page's footer.
        if u.weight >= 4.0 && repeated(&units[..k], u.body(), 5, k) {
            score += 3.0;
        }
        // The text tells what its headline names.
        let echoed = echo::echo(u.body(), opening);
        score += ECHO_WEIGHT * echoed;
        if echoed == 0.0 && echo::stems(u.body()).len() >= 2 {
            score -= 1.0;
        }
        score += header_below(units, k);
        if u.text.ends_with('.') {
            score -= 2.0;
        }
        if k >= start {
            // Running text is rarely the headline: the first lines of the text must win on
            // their shape alone.
            score -= 1.5;
        }
        // A headline is often followed by its standfirst (a longer line, or a sentence); a
        // standfirst follows its headline.
        let dek = |d: &Unit| {
            d.chrome.is_none()
                && d.marker == Marker::None
                && (5.0..=40.0).contains(&d.weight)
                && !is_meta_like(d)
        };
        // Neighbours, past chrome (`New, 15 comments`, a share bar) between the two.
        let inline_chrome = |j: &usize| {
            !matches!(
                units[*j].chrome,
                Some("counter" | "share bar" | "reading time")
            )
        };
        let below = (k + 1..units.len()).find(inline_chrome);
        let above = (0..k).rev().find(inline_chrome);
        if !u.text.ends_with('.')
            && below.is_some_and(|j| {
                let d = &units[j];
                j < start && dek(d) && (d.weight >= u.weight || d.text.ends_with('.'))
            })
        {
            score += 1.5;
        }
        if above.is_some_and(|j| {
            let h = &units[j];
            j + 3 >= k
                && title_like(h)
                && h.weight >= 4.0
                && !h.text.ends_with('.')
                && dek(u)
                && u.weight >= h.weight
        }) {
            score -= 1.0;
        }
        // `Tested by: … RRP: … More info: …`: labelled fields, not a headline.
        if u.body().matches(": ").count() >= 2 {
            score -= 2.0;
        }
        if byline::bare(u.body()).is_some() && !has_function_word(u.body()) {
            score -= 2.5;
        }
        // `BabywearingColoradoFamily & LifeTipsTravel`: menu labels copied without their
        // separators.
        if u.body().split_whitespace().any(fused_labels) {
            score -= 2.0;
        }
        if !u.text.chars().any(char::is_uppercase) && u.text.chars().any(char::is_lowercase) {
            score -= 2.0;
        }
        scores.push((score, k));
    }
    scores
}

/// How far above the text a headline is looked for, in lines.
const TITLE_REACH: usize = 30;

/// How many lines into the text a headline is looked for, and how many words of text it may
/// leave above it.
const INSIDE_REACH: usize = 6;
const INSIDE_SKIP: f32 = 80.0;

/// How many words of the text's opening a headline's words are looked for in.
const OPENING_WORDS: f32 = 150.0;

/// What a headline's words all found in the text's opening add to its score.
const ECHO_WEIGHT: f32 = 4.0;

/// How strongly the lines just below line `k` say it heads an article: a byline or a
/// dateline within the next few lines (a standfirst, a section label or a share bar may come
/// between) is the mark of an article's header; the nearer, the stronger.
fn header_below(units: &[Unit], k: usize) -> f32 {
    let mut standfirst = false;
    for (step, u) in units.iter().skip(k + 1).take(4).enumerate() {
        // Running text ends the header, but for one standfirst right under the headline (a
        // label such as `Editorial` may come between).
        if u.good && !is_meta_like(u) {
            if standfirst || step > 1 || u.weight > 40.0 {
                return 0.0;
            }
            standfirst = true;
        }
        let dated_or_signed = u.weight <= 25.0
            && (dateline::find_date(u.body()).is_some()
                || byline::labelled(u.body()).is_some()
                || relative_time_at(u.body()).is_some());
        if dated_or_signed {
            return 2.5 - 0.5 * step as f32;
        }
        // Another headline-like line in between belongs to a header of its own.
        if step > 0 && title_like(u) && u.weight > 12.0 {
            return 0.0;
        }
    }
    if units.get(k + 1).is_some_and(|u| is_meta_like(u) && !u.good) {
        return 1.0;
    }
    0.0
}

/// A headline's shape: 2 to 30 words of prose, no list marker, not chrome, not a date or a
/// byline.
fn title_like(u: &Unit) -> bool {
    let t = u.body();
    u.marker == Marker::None
        && u.chrome.is_none()
        && (2.0..=30.0).contains(&u.weight)
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && (t
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count()
            >= 2
            || t.chars().filter(|&c| is_cjk(c)).count() >= 4)
        && dateline::find_date(t).is_none()
        && (!t.contains('/') || dateline::find_date(&t.replace('/', " / ")).is_none())
        && byline::labelled(t).is_none()
        && caption::caption(t).is_none()
        && !has_clock_time(t)
        && relative_time_at(t).is_none()
        // A table's row, copied with its cells' tabs.
        && !t.contains('\t')
        && !t.ends_with([':', ','])
}

/// A word no name has (`the`, `of`, `and`…), in any case: `HIKING THE BOULDER FLAT IRONS` is
/// a headline in capitals, not a byline.
fn has_function_word(t: &str) -> bool {
    t.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "the"
                | "of"
                | "and"
                | "in"
                | "on"
                | "for"
                | "to"
                | "a"
                | "an"
                | "with"
                | "at"
                | "from"
                | "is"
                | "are"
                | "how"
                | "why"
                | "what"
        )
    })
}

/// A word with two or more lower-to-upper case changes inside it (`ColoradoFamily` has one,
/// `BabywearingColoradoFamily` two): labels run together, never a word of a headline
/// (`iPhone`, `McDonald`, `YouTube` have one).
fn fused_labels(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars
        .windows(2)
        .filter(|p| p[0].is_lowercase() && p[1].is_uppercase())
        .count()
        >= 2
}

/// `8:00`, `3:00 AM`: a line with a clock time is a dateline, never a headline.
fn has_clock_time(t: &str) -> bool {
    let b = t.as_bytes();
    (1..b.len().saturating_sub(2)).any(|i| {
        b[i] == b':'
            && b[i - 1].is_ascii_digit()
            && b[i + 1].is_ascii_digit()
            && b[i + 2].is_ascii_digit()
    })
}

/// A line that sits between a headline and its text: a date, a byline, chrome.
fn is_meta_like(u: &Unit) -> bool {
    u.chrome.is_some()
        || caption::caption(&u.text).is_some()
        || (u.weight <= 12.0
            && (dateline::find_date(u.body()).is_some() || byline::labelled(u.body()).is_some()))
}

/// `t`, the text of line `k`, stands in `units` too, at least `apart` lines from `k` (a label
/// repeated in one box is no headline), alone or closing another line (`DealBook|Yahoo's
/// Sale…`).
fn repeated(units: &[Unit], t: &str, apart: usize, k: usize) -> bool {
    units.iter().enumerate().any(|(j, u)| {
        j.abs_diff(k) >= apart
            && (u.body() == t || (u.body().len() > t.len() && u.body().ends_with(t)))
    })
}

/// A line near the headline read as metadata: a dateline, a byline, or both.
fn meta_line(units: &[Unit], k: usize) -> Option<Meta> {
    let u = &units[k];
    let t = u.text.as_str();
    if u.weight > 25.0 {
        return None;
    }
    let mut facts = Vec::new();
    let mut rest = t.to_string();
    let mut what = None;
    if let Some(found) = dateline::find_date(t) {
        let label = t[..found.span().start].to_lowercase();
        let key =
            if label.contains("updated") || label.contains("modified") || label.contains("更新") {
                "updated"
            } else {
                "published"
            };
        facts.push(("published", found.iso()));
        if key == "updated" {
            facts.push(("updated", found.iso()));
        }
        rest.replace_range(found.span(), " ");
        what = Some("dateline");
    }
    let rest_trim = strip_date_words(&rest);
    if let Some((names, range)) = byline::labelled(rest_trim) {
        facts.push(("author", names));
        let left = format!("{}{}", &rest_trim[..range.start], &rest_trim[range.end..]);
        if has_words(strip_date_words(&left)) && chrome::chrome(&left).is_none() {
            return None;
        }
        return Some(Meta {
            reason: "byline",
            facts,
        });
    }
    if what.is_none()
        && let Some(at) = relative_time_at(rest_trim)
    {
        // `Alex Perry  1 day ago`: no date to keep (nothing says when the page was copied).
        rest = rest_trim[..at].to_string();
        what = Some("dateline");
    }
    let rest_trim = strip_date_words(&rest);
    if what.is_some() {
        if !has_words(rest_trim) || chrome::chrome(rest_trim).is_some() {
            return Some(Meta {
                reason: "dateline",
                facts,
            });
        }
        // `Dan Goodin - Apr 16, 2015`: a name beside the date.
        if let Some(names) = byline::bare(rest_trim) {
            facts.push(("author", names));
            return Some(Meta {
                reason: "byline",
                facts,
            });
        }
    }
    None
}

/// Where a relative time (`1 day ago`, `3 hours ago`) that closes the line starts.
fn relative_time_at(s: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = s
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    (1..=words.len().min(4)).rev().find_map(|n| {
        let at = words[words.len() - n].0;
        crate::model::RelativeTime::parse(&s[at..]).map(|_| at)
    })
}

/// Words that introduce or join a date (`Published`, `Updated:`, `on`, `|`), removed from
/// what is left of a dateline.
fn strip_date_words(s: &str) -> &str {
    let mut t = s.trim_matches(|c: char| c.is_whitespace() || "|·•-–—:,()".contains(c));
    loop {
        let lower = t.to_lowercase();
        let before = t.len();
        for w in [
            "published on",
            "published",
            "updated on",
            "updated",
            "last updated",
            "posted on",
            "posted",
            "modified",
            "first published",
            "on",
            "at",
            "date",
            "time",
            "发布时间",
            "发布于",
            "更新时间",
            "时间",
            "日期",
        ] {
            if lower.starts_with(w) && lower.len() == t.len() {
                t = &t[w.len()..];
                break;
            }
            if lower.ends_with(w) && lower.len() == t.len() && t.len() > w.len() {
                let cut = t.len() - w.len();
                if t[..cut].ends_with(|c: char| c.is_whitespace() || "|·•-–—:,(".contains(c))
                {
                    t = &t[..cut];
                    break;
                }
            }
        }
        t = t.trim_matches(|c: char| c.is_whitespace() || "|·•-–—:,()".contains(c));
        if t.len() == before {
            return t;
        }
    }
}

fn has_words(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphanumeric()).count() >= 2
}

/// A name alone on its line between the headline and the text, next to a date, a reading
/// time or a `Follow` button, is the byline.
fn bare_byline(units: &[Unit], title: usize, start: usize, meta: &mut [Option<Meta>]) {
    let has_date = |m: &Option<Meta>| m.as_ref().is_some_and(|m| m.reason == "dateline");
    if meta
        .iter()
        .any(|m| m.as_ref().is_some_and(|m| m.reason == "byline"))
    {
        return;
    }
    for k in title + 1..(start + 2).min(units.len()) {
        if meta[k].is_some() || units[k].good {
            continue;
        }
        let Some(names) = byline::bare(units[k].body()) else {
            continue;
        };
        let beside = |j: usize| {
            units.get(j).is_some_and(|u| {
                has_date(&meta[j]) || matches!(u.chrome, Some("reading time" | "navigation"))
            })
        };
        if beside(k + 1) || (k > 0 && beside(k - 1)) {
            meta[k] = Some(Meta {
                reason: "byline",
                facts: vec![("author", names)],
            });
            return;
        }
    }
}

/// The kept lines as blocks: list items, captions, headings and paragraphs.
fn blocks(units: &[Unit], kept: &[usize], sink: &mut Sink) -> Vec<Block> {
    let mut out = Vec::with_capacity(kept.len());
    let block = |kind, text: &str, line| Block {
        kind,
        text: text.to_string(),
        line,
        markup: Markup::Plain,
    };
    for (n, &k) in kept.iter().enumerate() {
        let u = &units[k];
        let next_good = kept.get(n + 1).is_some_and(|&j| units[j].good);
        match u.marker {
            Marker::Bullet => out.push(block(
                BlockKind::ListItem {
                    ordered: false,
                    number: None,
                    depth: 0,
                },
                u.body(),
                u.no,
            )),
            Marker::Number(number) if !speaker_label(u.body()) => out.push(block(
                BlockKind::ListItem {
                    ordered: true,
                    number: Some(u64::from(number)),
                    depth: 0,
                },
                u.body(),
                u.no,
            )),
            // An interview's numbered question stays a paragraph, number and all.
            Marker::Number(_) => out.push(block(BlockKind::Paragraph, &u.text, u.no)),
            Marker::None => {
                if let Some(c) = caption::caption(&u.text) {
                    for (range, reason) in &c.dropped {
                        sink.remove(u.no, &u.text[range.clone()], reason);
                    }
                    if let Some(credit) = &c.credit {
                        sink.keep_fact("image_credit", credit);
                    }
                    if !c.caption.is_empty() {
                        out.push(block(BlockKind::Caption { src: None }, &c.caption, u.no));
                    }
                    continue;
                }
                let kind = if !u.good && next_good && heading_like(&u.text) {
                    BlockKind::Heading { level: 2 }
                } else {
                    BlockKind::Paragraph
                };
                out.push(block(kind, &u.text, u.no));
            }
        }
    }
    out
}

/// `Reporter: …`, `Q: …`, `Zhang Yiming: …` — a speaker opens the line.
fn speaker_label(text: &str) -> bool {
    let Some(colon) = text.find([':', '：']) else {
        return false;
    };
    let head = &text[..colon];
    let words = head.split_whitespace().count();
    (1..=3).contains(&words) && head.chars().count() <= 30 && !head.contains(['.', ','])
}

/// A heading: a short line without closing punctuation.
fn heading_like(text: &str) -> bool {
    weight(text) <= 15.0 && !text.ends_with(['.', ',', ';', ':', '。', '，'])
}

#[cfg(test)]
mod tests;
