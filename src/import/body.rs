//! The article body of a scrape: paragraphs, a duplicated title, image captions, numbered
//! lists and the trailing reference list, with site residue cut out line by line.

use super::{Line, Scrape};
use crate::model::{Block, BlockKind, Markup, Reference, Removed};

/// A caption is a standalone line of at most this many words.
const CAPTION_MAX_WORDS: usize = 10;
const CAPTION_MAX_CHARS: usize = 90;

/// A paragraph after residue removal: its lines (trimmed) and the file line of the first.
struct Para {
    lines: Vec<String>,
    line: u32,
}

pub(super) fn parse_body(lines: &[Line<'_>], scrape: &mut Scrape) {
    let mut paras: Vec<Para> = Vec::new();
    let mut current: Option<Para> = None;
    let mut first = true;
    for line in lines {
        if line.is_blank() {
            if let Some(p) = current.take() {
                paras.push(p);
            }
            continue;
        }
        let text = line.text.trim();
        // A second copy of the title right below it (blank lines and spaces aside).
        if first && current.is_none() && paras.is_empty() && text == scrape.title {
            scrape.removed.push(Removed {
                line: line.number,
                text: text.to_string(),
                reason: "duplicate title".into(),
            });
            continue;
        }
        first = false;
        let prose = strip_residue(text, line.number, scrape);
        if prose.is_empty() {
            // The whole line was residue: it also ends the paragraph it was part of.
            if let Some(p) = current.take() {
                paras.push(p);
            }
            continue;
        }
        match current.as_mut() {
            Some(p) => p.lines.push(prose),
            None => {
                current = Some(Para {
                    lines: vec![prose],
                    line: line.number,
                })
            }
        }
    }
    if let Some(p) = current.take() {
        paras.push(p);
    }

    // The trailing run of numbered one-line paragraphs with rising numbers is the reference
    // list; it needs at least two entries to be told apart from an ordinary closing sentence.
    let mut ref_start = paras.len();
    let mut next_max = u32::MAX;
    while ref_start > 0 {
        let p = &paras[ref_start - 1];
        match (p.lines.len(), numbered(&p.lines[0])) {
            (1, Some((n, _))) if n < next_max => {
                next_max = n;
                ref_start -= 1;
            }
            _ => break,
        }
    }
    if paras.len() - ref_start < 2 {
        ref_start = paras.len();
    }

    for (i, p) in paras.iter().enumerate() {
        let text = p.lines.join("\n");
        if i >= ref_start {
            if let Some((number, rest)) = numbered(&text) {
                scrape.references.push(Reference {
                    number,
                    text: rest.to_string(),
                    line: p.line,
                });
            }
            continue;
        }
        let kind = if let (1, Some((n, rest))) = (p.lines.len(), numbered(&text)) {
            scrape.blocks.push(Block {
                kind: BlockKind::ListItem {
                    ordered: true,
                    number: Some(u64::from(n)),
                    depth: 0,
                },
                text: rest.to_string(),
                line: p.line,
                markup: Markup::Plain,
            });
            continue;
        } else if p.lines.len() == 1 && is_caption(&text) {
            BlockKind::Caption { src: None }
        } else {
            BlockKind::Paragraph
        };
        scrape.blocks.push(Block {
            kind,
            text,
            line: p.line,
            markup: Markup::Plain,
        });
    }
}

/// Cuts residue out of one line, recording what went and keeping its facts as metadata.
/// Returns the prose that is left (trimmed; empty when the line was all residue).
fn strip_residue(text: &str, number: u32, scrape: &mut Scrape) -> String {
    let residue = crate::residue::find_residue(text);
    if residue.is_empty() {
        return text.to_string();
    }
    let mut prose = String::new();
    let mut at = 0;
    for r in &residue {
        let (start, end) = (r.range.start.min(text.len()), r.range.end.min(text.len()));
        if start < at || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        prose.push_str(&text[at..start]);
        scrape.removed.push(Removed {
            line: number,
            text: text[start..end].trim().to_string(),
            reason: r.reason.to_string(),
        });
        for (k, v) in &r.meta {
            scrape
                .metadata
                .entry((*k).to_string())
                .or_insert_with(|| v.clone());
        }
        at = end;
    }
    prose.push_str(&text[at..]);
    prose.trim().to_string()
}

/// `"6. Time: Top 100…"` → `(6, "Time: Top 100…")`.
fn numbered(text: &str) -> Option<(u32, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 4 {
        return None;
    }
    let rest = text[digits..].strip_prefix('.')?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return None;
    }
    Some((text[..digits].parse().ok()?, rest))
}

/// An image caption standing alone: short, no sentence-closing punctuation, starts with a
/// letter. "Ren Zhengfei" is one; "But honeymoons dont last." is not.
pub(super) fn is_caption(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    let last = t.chars().last();
    (1..=CAPTION_MAX_WORDS).contains(&words)
        && t.chars().count() <= CAPTION_MAX_CHARS
        && t.chars().next().is_some_and(char::is_alphabetic)
        && !matches!(
            last,
            Some(
                '.' | '!'
                    | '?'
                    | ':'
                    | ';'
                    | ','
                    | '…'
                    | '"'
                    | '”'
                    | '\''
                    | '’'
                    | ')'
                    | '。'
                    | '！'
                    | '？'
            )
        )
}
