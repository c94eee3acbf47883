//! The chrome an extractor keeps inside the article it found: a slideshow's repeated captions
//! and its controls ("Image 1 of 8", "Close"), the breadcrumb and the "Updated … · Posted …"
//! line above the text, the "Follow her on Twitter" or newsletter line below it.
//!
//! Readability-style extractors choose the container that holds the most prose and keep
//! everything inside it; sites put this furniture inside that same container. Each rule here
//! needs a shape prose does not have — a block that repeats an earlier one word for word, a
//! block made only of date words, a lone link above the first paragraph, a line of the
//! slideshow's vocabulary — and the edge rules look only above the first and below the last
//! paragraph of real prose. Every block dropped goes to the import's record of removed lines
//! with its reason.
//!
//! It never rewrites a block it keeps, never looks at markup (only the blocks' text and kind)
//! and never drops headings, quotes, code, tables or list items other than a breadcrumb's.

use std::collections::HashSet;

use crate::model::{Block, BlockKind, Removed};

/// A paragraph of real prose: the edge rules stop at the first and the last one.
const PROSE_WORDS: usize = 12;

/// Drops the furniture described above from `blocks`, recording each in `removed`.
pub(super) fn trim(blocks: &mut Vec<Block>, removed: &mut Vec<Removed>) {
    let texts: Vec<String> = blocks
        .iter()
        .map(|b| crate::markdown::plain_text(&b.text, b.markup))
        .collect();
    let first_prose = texts
        .iter()
        .zip(blocks.iter())
        .position(|(t, b)| is_prose(b, t));
    let last_prose = texts
        .iter()
        .zip(blocks.iter())
        .rposition(|(t, b)| is_prose(b, t));

    // The captions seen so far: a slideshow prints each slide's caption again as a paragraph.
    let mut captions: HashSet<String> = HashSet::new();
    let mut verdicts: Vec<Option<&'static str>> = Vec::with_capacity(blocks.len());
    for (i, (block, text)) in blocks.iter().zip(&texts).enumerate() {
        let above = first_prose.is_none_or(|f| i < f);
        let below = last_prose.is_some_and(|l| i > l);
        let key = words(text).join(" ").to_lowercase();
        let verdict = if is_slideshow_control(text) {
            Some("slideshow control")
        } else if repeats_caption(block, &key, &mut captions) {
            Some("repeats an image caption above it (a slideshow's copy)")
        } else if (above || below) && is_dateline(text) {
            Some("date line (the page's dates are read from its metadata)")
        } else if above && is_breadcrumb(block, text) {
            Some("navigation link above the article")
        } else if below && is_sign_off(block, text) {
            Some("newsletter or subscription line below the article")
        } else if below && is_link_list(blocks, i) {
            Some("list of links below the article (related or further reading)")
        } else if (above || below)
            && let Some(reason) = whole_residue(text)
        {
            Some(reason)
        } else {
            None
        };
        verdicts.push(verdict);
    }
    let mut verdicts = verdicts.into_iter();
    blocks.retain(|b| match verdicts.next().flatten() {
        Some(reason) => {
            removed.push(Removed {
                line: b.line,
                text: b.text.clone(),
                reason: reason.to_string(),
            });
            false
        }
        None => true,
    });
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_prose(block: &Block, text: &str) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::Quote)
        && words(text).len() >= PROSE_WORDS
        && !is_sign_off(block, text)
        && !is_dateline(text)
}

/// A paragraph of three words or more that says word for word what an image's caption above
/// it said. Prose may repeat itself ("I would prefer not to."), and one credit may caption
/// many images, so only this shape counts: a caption printed again as text. Captions
/// themselves are never dropped: each holds its image.
fn repeats_caption(block: &Block, key: &str, captions: &mut HashSet<String>) -> bool {
    if key.split(' ').count() < 3 {
        return false;
    }
    match block.kind {
        BlockKind::Caption { .. } => {
            captions.insert(key.to_string());
            false
        }
        BlockKind::Paragraph => captions.contains(key),
        _ => false,
    }
}

/// "Image 1 of 8", "3 / 12", "Caption", "Close", "Hide caption": the words of a slideshow's
/// buttons and counters, standing alone.
fn is_slideshow_control(text: &str) -> bool {
    const CONTROLS: &[&str] = &[
        "caption",
        "close",
        "hide caption",
        "toggle caption",
        "show caption",
        "enlarge this image",
        "expand",
        "previous",
        "next",
        "prev",
        "previous image",
        "next image",
        "back to gallery",
        "view gallery",
        "open gallery",
        "launch gallery",
        "view slideshow",
        "start slideshow",
        "fullscreen",
        "full screen",
    ];
    let t = text.trim().trim_end_matches(['.', ':']).to_lowercase();
    if CONTROLS.contains(&t.as_str()) {
        return true;
    }
    // A counter: an optional "image"/"photo"/"slide", a number, "of" or "/", a number.
    let w: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let w = match w.first() {
        Some(&("image" | "photo" | "slide" | "picture" | "photos" | "images")) => &w[1..],
        _ => &w[..],
    };
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    match w {
        [a, "of", b] => number(a) && number(b),
        [a, "of"] => number(a),
        [a, b] => number(a) && number(b) && t.contains('/'),
        _ => false,
    }
}

/// A block made only of date and time words, with the labels sites put before them:
/// "Updated 5:27 am CST, Wednesday, November 20, 2019", "Posted Nov 18, 8:19 PM".
fn is_dateline(text: &str) -> bool {
    const LABELS: &[&str] = &[
        "updated",
        "posted",
        "published",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "utc",
        "gmt",
        "et",
        "est",
        "edt",
        "ct",
        "cst",
        "cdt",
        "mt",
        "mst",
        "mdt",
        "pt",
        "pst",
        "pdt",
        "bst",
        "cet",
        "cest",
        "ist",
        "jst",
        "hkt",
        "sgt",
        "aest",
        "aedt",
    ];
    const MONTHS: &[&str] = &[
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ];
    const DAYS: &[&str] = &[
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ];
    let words = words(text);
    if words.is_empty() || words.len() > 16 {
        return false;
    }
    let mut dated = false;
    let all = words.iter().all(|w| {
        let lower = w.to_lowercase();
        let month = MONTHS.contains(&lower.as_str());
        let day = DAYS.contains(&lower.as_str());
        // A year, a day of the month, a clock time's parts: digits with an ordinal suffix.
        let number = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        let number = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
        dated |= month || (number && lower.len() == 4);
        month || day || number || LABELS.contains(&lower.as_str())
    });
    all && dated
}

/// Above the first paragraph: a list item or paragraph that is one short link and nothing
/// else (a section name in the breadcrumb trail).
fn is_breadcrumb(block: &Block, text: &str) -> bool {
    matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::ListItem { .. }
    ) && words(text).len() <= 4
        && is_one_link(&block.text)
}

/// Below the last paragraph: a short block that asks the reader to subscribe — a newsletter,
/// an app, the latest updates — through a link. An author's note ("she is on Twitter at …")
/// stays: it belongs to the article.
fn is_sign_off(block: &Block, text: &str) -> bool {
    const CUES: &[&str] = &[
        "newsletter",
        "subscribe",
        "sign up",
        "get the latest",
        "download our app",
        "download the app",
    ];
    if !matches!(block.kind, BlockKind::Paragraph) || words(text).len() > 40 {
        return false;
    }
    let lower = text.to_lowercase();
    block.text.contains("](") && CUES.iter().any(|c| lower.contains(c))
}

/// A list item that is one link, in a run of at least three such items: the "related
/// articles" or "more from" list a site puts after the text.
fn is_link_list(blocks: &[Block], i: usize) -> bool {
    let link_item =
        |b: &Block| matches!(b.kind, BlockKind::ListItem { .. }) && is_one_link(&b.text);
    if !link_item(&blocks[i]) {
        return false;
    }
    let start = blocks[..i]
        .iter()
        .rposition(|b| !link_item(b))
        .map_or(0, |p| p + 1);
    let end = blocks[i..]
        .iter()
        .position(|b| !link_item(b))
        .map_or(blocks.len(), |p| i + p);
    end - start >= 3
}

/// Site residue as the scrape importer knows it (share bars, comment forms, "Read more:",
/// ad markers) when it is the whole block.
fn whole_residue(text: &str) -> Option<&'static str> {
    let found = crate::residue::find_residue(text);
    let mut rest = String::new();
    let mut at = 0;
    for r in &found {
        rest.push_str(text.get(at..r.range.start)?);
        at = r.range.end;
    }
    rest.push_str(text.get(at..)?);
    let covered = !found.is_empty() && !rest.chars().any(char::is_alphanumeric);
    covered.then(|| found[0].reason)
}

/// The Markdown text is a single link, perhaps emphasised: `[Sport](https://…)`.
fn is_one_link(markdown: &str) -> bool {
    let t = markdown.trim().trim_matches(['*', '_']);
    t.starts_with('[') && t.ends_with(')') && t.matches("](").count() == 1 && !t[1..].contains('[')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Markup;

    fn block(kind: BlockKind, text: &str) -> Block {
        Block {
            kind,
            text: text.to_string(),
            line: 1,
            markup: Markup::Markdown,
        }
    }

    fn para(text: &str) -> Block {
        block(BlockKind::Paragraph, text)
    }

    const PROSE: &str =
        "The minister said on Wednesday that the talks would resume next month in the capital.";

    fn kept(blocks: Vec<Block>) -> (Vec<String>, Vec<String>) {
        let mut blocks = blocks;
        let mut removed = Vec::new();
        trim(&mut blocks, &mut removed);
        (
            blocks.into_iter().map(|b| b.text).collect(),
            removed.into_iter().map(|r| r.reason).collect(),
        )
    }

    #[test]
    fn slideshow_captions_and_controls_go_and_the_article_stays() {
        let caption = "The minister, left, shakes hands with his counterpart on Wednesday.";
        let (kept, removed) = kept(vec![
            block(BlockKind::Caption { src: None }, caption),
            para(caption),
            para("Photo: A. Reporter"),
            para("Photo: A. Reporter"),
            para("Image 1 of / 8"),
            para("Caption"),
            para("Close"),
            para("3 / 12"),
            para(caption),
            para(PROSE),
        ]);
        assert_eq!(
            kept,
            vec![caption, "Photo: A. Reporter", "Photo: A. Reporter", PROSE]
        );
        assert_eq!(removed.len(), 6, "{removed:?}");
    }

    #[test]
    fn edges_lose_breadcrumbs_datelines_and_sign_offs() {
        let (kept, removed) = kept(vec![
            block(
                BlockKind::ListItem {
                    ordered: false,
                    number: None,
                    depth: 0,
                },
                "[Entertainment](https://example.com/entertainment)",
            ),
            para("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM"),
            para(PROSE),
            para(PROSE.replace("talks", "meetings").as_str()),
            para("*The author may be reached at* [*tips@example.com*](mailto:tips@example.com)*.*"),
            para(
                "*Get the latest updates right in your inbox.* [*Subscribe to our newsletters*](https://example.com/)*.*",
            ),
        ]);
        assert_eq!(kept.len(), 3, "{kept:?} {removed:?}");
        assert_eq!(
            removed,
            vec![
                "navigation link above the article",
                "date line (the page's dates are read from its metadata)",
                "newsletter or subscription line below the article",
            ]
        );
    }

    #[test]
    fn a_related_list_and_a_share_bar_below_the_text_go() {
        let item = |t: &str| {
            block(
                BlockKind::ListItem {
                    ordered: false,
                    number: None,
                    depth: 0,
                },
                &format!("[{t}](https://example.com/{})", t.len()),
            )
        };
        let (kept, removed) = kept(vec![
            para(PROSE),
            item("Markets fall"),
            item("Rates rise again"),
            para(PROSE),
            para("Share this:"),
            item("Markets fall"),
            item("Rates rise again"),
            item("A third story"),
        ]);
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert_eq!(removed.len(), 4, "{removed:?}");
        assert!(removed[0].starts_with("share"), "{removed:?}");
    }

    #[test]
    fn prose_that_looks_like_furniture_stays() {
        let blocks = vec![
            // A short first paragraph that links, a date sentence in the middle, a repeated
            // two-word paragraph, and a closing line about a newsletter without a link.
            para("[Read the report](https://example.com/report) first."),
            para(PROSE),
            para("On May 4, 2020."),
            para("Next steps"),
            para("Next steps"),
            para("I would prefer not to."),
            para("I would prefer not to."),
            para(PROSE.replace("talks", "meetings").as_str()),
            para("The newsletter she founded in 2019 now has 40,000 readers."),
            para("Updated figures will follow in the spring, the ministry said."),
        ];
        let n = blocks.len();
        let (kept, removed) = kept(blocks);
        assert_eq!(kept.len(), n, "{removed:?}");
    }

    #[test]
    fn datelines_need_a_month_or_a_year() {
        assert!(is_dateline(
            "Updated 5:27 am CST, Wednesday, November 20, 2019"
        ));
        assert!(is_dateline("Posted on 2019"));
        assert!(!is_dateline("Updated at 5 pm"));
        assert!(!is_dateline("Updated policies for May"));
        assert!(!is_dateline("Marching on"));
    }
}
