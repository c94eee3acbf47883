//! The site-residue rule's spans as the engine uses them: residue found again in what removing
//! it leaves until it is stable, widened to take its line break, and whether it covers a whole
//! block (which is then dropped).
//!
//! This module never decides what counts as residue (that is [`crate::residue`]) and never
//! edits text or logs anything itself.

use std::ops::Range;

use crate::residue::Residue;

/// Residue that is whole lines of a multi-line text — one span, or touching spans of different
/// kinds ("(function(){…}Source: X editor in charge: Y") — is widened to take one line break
/// with it, so removing it leaves no empty line: an empty line would split the paragraph, or
/// start or end it with a break, and the next pass would change it again. `ranges` are sorted
/// and disjoint.
pub(super) fn with_line_breaks(text: &str, ranges: &mut [Range<usize>]) {
    let bytes = text.as_bytes();
    // Blank as a raw text's blank lines are blank (`trim`): a vertical tab or an ideographic
    // space left alone on a line would make it a paragraph break on the next pass.
    let blank = |c: char| c != '\n' && c.is_whitespace();
    let mut first = 0;
    while first < ranges.len() {
        // The run of spans that touch (only blanks between them).
        let mut last = first;
        while last + 1 < ranges.len()
            && text
                .get(ranges[last].end..ranges[last + 1].start)
                .is_some_and(|gap| gap.chars().all(blank))
        {
            last += 1;
        }
        let mut start = ranges[first].start.min(text.len());
        while let Some(c) = text
            .get(..start)
            .and_then(|t| t.chars().next_back())
            .filter(|&c| blank(c))
        {
            start -= c.len_utf8();
        }
        let mut end = ranges[last].end.clamp(start, text.len());
        while let Some(c) = text
            .get(end..)
            .and_then(|t| t.chars().next())
            .filter(|&c| blank(c))
        {
            end += c.len_utf8();
        }
        let line_start = start == 0 || bytes[start - 1] == b'\n';
        let line_end = end == bytes.len() || bytes[end] == b'\n';
        if line_start && line_end {
            if end < bytes.len() {
                ranges[first].start = start;
                ranges[last].end = end + 1;
            } else if start > 0 {
                // The line break before the text's last line, with the carriage return of a
                // `\r\n` (left alone it would end the text, and the next pass trims it).
                let cr = usize::from(start >= 2 && bytes[start - 2] == b'\r');
                ranges[first].start = start - 1 - cr;
                ranges[last].end = end;
            }
        }
        first = last + 1;
    }
}

/// The site residue of `text` as removing it leaves it: what
/// [`crate::residue::find_block_residue`] finds (a block of an article, so the families that are
/// residue only as a whole paragraph count too), plus what it finds in the text that is left once
/// that is cut out, until nothing new turns up (at most four rounds). A stamp can read as one
/// only once the script glued to it is gone; without this, the next pass over the clean text
/// would remove it and normalizing would not be idempotent. Spans are in `text`, sorted and
/// disjoint; a span found in what was left covers the residue cut out inside it.
pub(super) fn stable_residue(text: &str) -> Vec<Residue> {
    let mut found = crate::residue::find_block_residue(text);
    for _ in 0..4 {
        if found.is_empty() {
            break;
        }
        // What is left, and for each of its bytes the byte of `text` it came from.
        let mut left = String::with_capacity(text.len());
        let mut origin: Vec<usize> = Vec::with_capacity(text.len());
        let mut at = 0;
        for range in found
            .iter()
            .map(|r| r.range.clone())
            .chain(std::iter::once(text.len()..text.len()))
        {
            let piece = text.get(at..range.start.max(at)).unwrap_or("");
            left.push_str(piece);
            origin.extend(at..at + piece.len());
            at = at.max(range.end);
        }
        let more = crate::residue::find_block_residue(&left);
        if more.is_empty() {
            break;
        }
        for mut r in more {
            if r.range.start >= r.range.end {
                continue;
            }
            r.range = origin[r.range.start]..origin[r.range.end - 1] + 1;
            found.push(r);
        }
        found.sort_by_key(|r| r.range.start);
        let mut merged: Vec<Residue> = Vec::with_capacity(found.len());
        for r in found {
            match merged.last_mut() {
                Some(last) if r.range.start < last.range.end => {
                    last.range.end = last.range.end.max(r.range.end);
                    last.meta.extend(r.meta);
                }
                _ => merged.push(r),
            }
        }
        found = merged;
    }
    found
}

/// The residue spans of `text`, if together they cover all of it.
pub(super) fn whole_residue(text: &str) -> Option<Vec<Residue>> {
    let found = stable_residue(text);
    covers_all(text, &found).then_some(found)
}

/// Whether `found`, the residue of `text`, covers all of it: spans of different kinds can
/// together leave nothing ("(function(){…}Source: X editor in charge: Y").
pub(super) fn covers_all(text: &str, found: &[Residue]) -> bool {
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len();
    let (Some(first), Some(last)) = (found.first(), found.last()) else {
        return false;
    };
    first.range.start <= trimmed_start
        && last.range.end >= trimmed_end
        && found
            .windows(2)
            .all(|w| text[w[0].range.end..w[1].range.start].trim().is_empty())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::normalize::{Field, NormalizeConfig, Normalizer};

    /// A paragraph of each family that is residue only as a whole paragraph, with the reason
    /// the normalizer records when it drops it.
    const WHOLE_PARAGRAPHS: &[(&str, &str)] = &[
        ("Share | Print | Email | Bookmark", "share widget"),
        (
            "Joined: Mar 2, 2015 Messages: 1,204 Reaction score: 312 Location: Shanghai",
            "forum post chrome",
        ),
        (
            "Subscribe to our newsletter and never miss a story from China Daily",
            "call to action",
        ),
        (
            "Previous Article Next Article Related Stories Most Viewed Editor's Picks",
            "navigation labels",
        ),
        (
            "Tags: economy trade tariffs China US Beijing Washington semiconductors",
            "tag list",
        ),
        (
            "Advertisement - Scroll to continue reading the rest of this article",
            "ad marker",
        ),
        (
            "via TechNewsHub | 2024-06-18 14:32 | Views: 2,846",
            "aggregator header",
        ),
        (
            "Posted by admin on March 14, 2024 | 3 Comments",
            "post meta line",
        ),
        (
            "Home > Technology > Internet > Article",
            "navigation labels",
        ),
        ("[Click to view the original article]", "navigation labels"),
        ("Sign in to post a comment", "comment form"),
        ("Font size: A A A | Print | Email", "share widget"),
        (
            "Follow us on Twitter @TechNewsAsia for breaking updates",
            "call to action",
        ),
        (
            "This article is from the WeChat public account \"Smart Car Reference\" (ID: zhichecankao), author: Chen Xi, published by 36Kr with authorization.",
            "republisher's promotion or notice",
        ),
    ];

    #[test]
    fn whole_paragraph_residue_is_dropped_and_logged_and_prose_with_its_words_stays() {
        let normalizer =
            Normalizer::new(&NormalizeConfig::default(), Path::new("."), "en").unwrap();
        for (residue, reason) in WHOLE_PARAGRAPHS {
            let text = format!("Title\n\nBody text.\n\n{residue}\n\nMore text.\n");
            let (clean, log) = normalizer.normalize_raw(&text);
            assert_eq!(clean, "Title\n\nBody text.\n\nMore text.\n", "{residue:?}");
            assert_eq!(normalizer.normalize_raw(&clean).0, clean, "{residue:?}");
            let edit = log
                .edits
                .iter()
                .find(|e| e.rule == "site-residue")
                .unwrap_or_else(|| panic!("no site-residue edit for {residue:?}"));
            assert!(matches!(edit.field, Field::DroppedBlock(1)), "{residue:?}");
            assert!(edit.original.contains(residue), "{residue:?}");

            let mut article = crate::normalize::tests::article(residue, false);
            normalizer.normalize_article(&mut article, None, None);
            assert!(article.blocks.is_empty(), "{residue:?}");
            assert_eq!(article.removed[0].reason, format!("site-residue: {reason}"));
        }
        // Prose with the same words, as a paragraph of its own, is not touched by this rule.
        let prose = [
            "Users can share, print or email the report from the ministry's website, officials said.",
            "Tags on the luggage showed the bags had been checked in at Chengdu airport.",
            "The app was downloaded 10 million times in its first week, according to Sensor Tower.",
            "The next article in the series looks at Huawei.",
            "Share prices fell 3 | 4 percent.",
            "Advertisers spent more on short-video platforms than on search engines for the first time.",
            "The forum introduced a reaction score system last year, but users complained it was easy to game.",
            "He posted a comment on Weibo on March 14, 2024, saying the deal was off.",
            "Home prices in Shenzhen > 60,000 yuan per square metre remain out of reach.",
            "\"Return to growth\" was the theme of the meeting.",
            "Readers can follow the trial on the court's website.",
            "This article is from a speech he gave at Tsinghua University in 2019.",
        ];
        for p in prose {
            let text = format!("Title\n\n{p}\n");
            let (_, log) = normalizer.normalize_raw(&text);
            assert!(
                log.edits.iter().all(|e| e.rule != "site-residue"),
                "{p:?}: {:?}",
                log.edits
            );
        }
    }
}
