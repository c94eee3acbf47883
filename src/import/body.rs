//! The article body of a scrape: paragraphs separated by blank lines (lines inside one are hard
//! breaks), standalone image captions, numbered lists, the trailing reference list, and the site
//! residue fused into or standing between them.
//!
//! Decisions are made on the shape of a paragraph, never on its words: a caption is a short
//! one-line paragraph without closing punctuation; references are a numbered run that ends the
//! body and reads like citations.

use std::borrow::Cow;
use std::ops::Range;

use super::{Line, Sink};
use crate::model::{Block, BlockKind, Markup, Reference};

/// A one-line paragraph of at most this many words, without closing punctuation, is a caption.
const CAPTION_MAX_WORDS: usize = 10;
/// …and at most this many characters (scripts without spaces have one "word" per sentence).
const CAPTION_MAX_CHARS: usize = 100;

/// Characters that close a sentence or a quotation; a line ending in one is prose, not a caption.
const CLOSING: &[char] = &[
    '.', '!', '?', ':', ';', '…', '"', '”', '\'', '’', ')', ',', '。', '！', '？', '：', '；',
    '，', '）', '」', '』',
];

/// A numbered list marker at the start of `text`: `1.`, `1)`, `1、` or `[1]`, followed by the
/// item's text. Returns the number and where the text starts. Years ("2020. …") are not markers.
pub(super) fn list_marker(text: &str) -> Option<(u32, usize)> {
    let bytes = text.as_bytes();
    let bracket = bytes.first() == Some(&b'[');
    let from = usize::from(bracket);
    let digits = bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = text[from..from + digits].parse().ok()?;
    let after = &text[from + digits..];
    let marker_len = if bracket {
        after.starts_with(']').then_some(1)?
    } else if after.starts_with('、') {
        '、'.len_utf8()
    } else if after.starts_with(['.', ')']) && after[1..].starts_with(char::is_whitespace) {
        1
    } else {
        return None;
    };
    let rest_at = from + digits + marker_len;
    let rest = &text[rest_at..];
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return None;
    }
    Some((number, rest_at + rest.len() - trimmed.len()))
}

/// Whether a one-line paragraph reads as an image caption rather than a sentence.
pub(super) fn is_caption(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=CAPTION_MAX_WORDS).contains(&words)
        && text.chars().count() <= CAPTION_MAX_CHARS
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(CLOSING)
        && list_marker(text).is_none()
}

/// A citation names its date or its address.
fn looks_like_citation(text: &str) -> bool {
    text.contains("http") || text.contains("www.") || has_year(text)
}

/// A four-digit number between 1800 and 2099 standing on its own.
fn has_year(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        let window = &b[i..i + 4];
        window.iter().all(u8::is_ascii_digit)
            && matches!(&window[..2], b"18" | b"19" | b"20")
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}

/// A run of kept lines that becomes one block, item or reference.
struct Segment {
    lines: Range<usize>,
    /// The list number and where the item text starts in the first line.
    item: Option<(u32, usize)>,
    /// The segment is a whole paragraph of one line (a caption candidate).
    lone_line: bool,
}

/// Turns the body lines into blocks and references; residue goes to `sink`.
pub(super) fn parse(lines: &[Line<'_>], sink: &mut Sink) -> (Vec<Block>, Vec<Reference>) {
    // Lines that carry prose, with paragraph boundaries. A line that is all residue ends a
    // paragraph the way a blank line does.
    let mut kept: Vec<(u32, Cow<'_, str>)> = Vec::new();
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in lines {
        let text = line.text.trim();
        let prose = if text.is_empty() {
            Cow::Borrowed("")
        } else {
            sink.strip_residue(line.no, text)
        };
        if prose.is_empty() {
            if kept.len() > start {
                paragraphs.push(start..kept.len());
            }
            start = kept.len();
        } else {
            kept.push((line.no, prose));
        }
    }
    if kept.len() > start {
        paragraphs.push(start..kept.len());
    }

    let mut segments: Vec<Segment> = Vec::new();
    for para in &paragraphs {
        let mut seg_start = para.start;
        let mut item = list_marker(&kept[para.start].1);
        for (k, (_, line)) in kept.iter().enumerate().take(para.end).skip(para.start + 1) {
            if let Some(next) = list_marker(line) {
                segments.push(Segment {
                    lines: seg_start..k,
                    item,
                    lone_line: false,
                });
                seg_start = k;
                item = Some(next);
            }
        }
        segments.push(Segment {
            lines: seg_start..para.end,
            item,
            lone_line: seg_start == para.start && para.len() == 1,
        });
    }

    // References: the numbered run that ends the body, numbers rising (gaps allowed), reading
    // like citations. A numbered run anywhere else is a list.
    let mut refs_from = segments.len();
    while refs_from > 0 {
        let Some((n, _)) = segments[refs_from - 1].item else {
            break;
        };
        if refs_from < segments.len() && segments[refs_from].item.is_some_and(|(next, _)| next <= n)
        {
            break;
        }
        refs_from -= 1;
    }
    let run = &segments[refs_from..];
    let citations = run
        .iter()
        .filter(|s| looks_like_citation(&segment_text(&kept, s)))
        .count();
    if run.is_empty() || citations * 2 < run.len() {
        refs_from = segments.len();
    }

    let mut blocks = Vec::with_capacity(refs_from);
    let mut references = Vec::new();
    for (k, seg) in segments.iter().enumerate() {
        let text = segment_text(&kept, seg);
        let line = kept[seg.lines.start].0;
        match seg.item {
            Some((number, _)) if k >= refs_from => {
                references.push(Reference { number, text, line })
            }
            Some((number, _)) => blocks.push(Block {
                kind: BlockKind::ListItem {
                    ordered: true,
                    number: Some(u64::from(number)),
                    depth: 0,
                },
                text,
                line,
                markup: Markup::Plain,
            }),
            None => {
                let kind = if seg.lone_line && is_caption(&text) {
                    BlockKind::Caption { src: None }
                } else {
                    BlockKind::Paragraph
                };
                blocks.push(Block {
                    kind,
                    text,
                    line,
                    markup: Markup::Plain,
                });
            }
        }
    }
    (blocks, references)
}

/// The segment's lines joined by hard breaks, without the list marker.
fn segment_text(kept: &[(u32, Cow<'_, str>)], seg: &Segment) -> String {
    let mut text = String::new();
    for (k, (_, line)) in kept[seg.lines.clone()].iter().enumerate() {
        if k == 0 {
            let from = seg.item.map_or(0, |(_, at)| at);
            text.push_str(&line[from..]);
        } else {
            text.push('\n');
            text.push_str(line);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_markers_open_items_but_years_and_decimals_do_not() {
        let rows: &[(&str, Option<(u32, &str)>)] = &[
            (
                "1. Huaweis global enclosure war",
                Some((1, "Huaweis global enclosure war")),
            ),
            ("8. Zhang Yimings visit", Some((8, "Zhang Yimings visit"))),
            ("12) twelve", Some((12, "twelve"))),
            ("[3] Sohu, 2005", Some((3, "Sohu, 2005"))),
            ("[3]Sohu", Some((3, "Sohu"))),
            ("2、华为", Some((2, "华为"))),
            ("1.   spaced", Some((1, "spaced"))),
            ("2020. It was a year", None),
            ("1.5 million users", None),
            ("3.", None),
            ("1. ", None),
            ("1)x", None),
            ("[12", None),
            ("[]", None),
            ("No number", None),
            ("", None),
        ];
        for (text, expected) in rows {
            let got = list_marker(text).map(|(n, at)| (n, &text[at..]));
            assert_eq!(got, *expected, "text: {text:?}");
        }
    }

    #[test]
    fn captions_are_short_lines_without_closing_punctuation() {
        let rows: &[(&str, bool)] = &[
            ("Ren Zhengfei", true),
            ("Zhang Yiming", true),
            ("Huawei overseas branch", true),
            ("Video capture of tiktok, President of France", true),
            ("任正非", true),
            ("But honeymoons dont last.", false),
            (
                "Under the iron curtain of technology, what will Huawei and byte jump do?",
                false,
            ),
            ("He said:", false),
            ("“A quote”", false),
            ("(Reuters)", false),
            ("One two three four five six seven eight nine ten", true),
            (
                "One two three four five six seven eight nine ten eleven",
                false,
            ),
            ("1. First item", false),
            ("2020", false),
            ("—", false),
            ("Huawei, Apple and Samsung,", false),
        ];
        for (text, expected) in rows {
            assert_eq!(is_caption(text), *expected, "text: {text:?}");
        }
    }

    #[test]
    fn years_are_found_only_as_whole_numbers() {
        let rows: &[(&str, bool)] = &[
            ("China business daily, April 20, 2000;", true),
            ("in 1999", true),
            ("1850s", true),
            ("20201", false),
            ("12000 patents", false),
            ("US $1.2 billion", false),
            ("", false),
            ("199", false),
        ];
        for (text, expected) in rows {
            assert_eq!(has_year(text), *expected, "text: {text:?}");
        }
    }
}
