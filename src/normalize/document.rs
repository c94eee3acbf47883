//! The raw article format's parser: [`RawDocument`] splits a text into its title line and its
//! blank-line-separated paragraphs, with byte ranges, lines and columns in the text. A fenced
//! code block (```` ``` ```` or `~~~`, to its closing fence or the end of the text) is never
//! split at its blank lines, so it comes out as it went in. Indented lines are not code in a raw
//! article: translations indent prose.
//!
//! This module never changes text and knows nothing of rules; it only finds the parts.

use std::ops::Range;

/// A raw article text split into its title line and paragraphs.
pub(super) struct RawDocument {
    pub(super) title: Option<RawPart>,
    pub(super) paragraphs: Vec<RawPart>,
}

pub(super) struct RawPart {
    /// Bytes of the part in the text (the title without surrounding spaces; a paragraph from its
    /// first line's first byte to its last line's end, without the newline).
    pub(super) range: Range<usize>,
    /// Start of the part's first line.
    pub(super) line_start: usize,
    pub(super) line: u32,
    pub(super) col: u32,
    /// Whether the part holds a fenced code block: it is never dropped as residue or as a copy
    /// of the title.
    pub(super) code: bool,
}

/// The fence a line opens or closes: its character and length (at most three spaces before it).
fn fence(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = *trimmed.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let run = trimmed.bytes().take_while(|&x| x == c).count();
    (run >= 3).then_some((c, run))
}

impl RawDocument {
    pub(super) fn parse(text: &str) -> RawDocument {
        let mut title = None;
        let mut paragraphs = Vec::new();
        let mut current: Option<RawPart> = None;
        let mut offset = 0;
        // The fence of the code block the current line is in.
        let mut open_fence: Option<(u8, usize)> = None;
        for (n, raw_line) in text.split_inclusive('\n').enumerate() {
            let line = raw_line.trim_end_matches(['\n', '\r']);
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let in_code = open_fence.is_some();
            let this_fence = fence(line);
            match (open_fence, this_fence) {
                (None, Some(f)) if title.is_some() => open_fence = Some(f),
                (Some((c, n)), Some((f, run)))
                    if c == f
                        && run >= n
                        && line
                            .trim_start()
                            .trim_start_matches(c as char)
                            .trim()
                            .is_empty() =>
                {
                    open_fence = None;
                }
                _ => {}
            }
            let blank = line.trim().is_empty() && !in_code;
            if title.is_none() {
                if !blank {
                    let lead = line.len()
                        - line
                            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                            .len();
                    let col = u32::try_from(line[..lead].chars().count() + 1).unwrap_or(1);
                    // Measured from `lead`: a BOM followed by spaces only is not blank (a BOM is
                    // not whitespace) but trims to less than its lead, an empty title.
                    let end = lead + line[lead..].trim_end().len();
                    title = Some(RawPart {
                        range: offset + lead..offset + end,
                        line_start: offset,
                        line: line_no,
                        col,
                        code: false,
                    });
                }
            } else if blank {
                paragraphs.extend(current.take());
            } else {
                let end = offset + line.len();
                let code = this_fence.is_some() && !in_code;
                match &mut current {
                    Some(p) => {
                        p.range.end = end;
                        p.code |= code;
                    }
                    None => {
                        current = Some(RawPart {
                            range: offset..end,
                            line_start: offset,
                            line: line_no,
                            col: 1,
                            code,
                        })
                    }
                }
            }
            offset += raw_line.len();
        }
        paragraphs.extend(current);
        RawDocument { title, paragraphs }
    }
}
