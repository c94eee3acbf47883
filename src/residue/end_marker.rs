//! End markers: the wire's mark that the article is over — `(End)`, `(完)`, `[End]`, `-END-` —
//! with the publisher's stamp after it, as one paragraph.
//!
//! `(End) [Editor in charge: Chen Jing]`, `（完）责任编辑：王芳`, `[End] Source: Xinhua Editor: Li
//! Ming`. The marker must open the paragraph and everything after it must be publisher stamps;
//! the stamp's facts are kept. A cut that took the stamp and left `(End)` behind is worse than
//! none.
//!
//! The marker alone on its line (`(End)`, `-END-`) is residue too: it says nothing of the
//! article. So is the marker that closes the article's last paragraph, after its last
//! sentence's full stop (`… the city government said. (End)`), alone or with the stamp after
//! it on the line.
//!
//! It never takes prose that ends or mentions an end: "The war did not end until 1953.", "(End
//! of quote) the minister went on.", "The end [of the season] came early.", "(End) The talks
//! resumed on Monday." (no stamp after the marker), nor a marker inside a longer paragraph.

use super::text::{line_end, line_start};
use super::{Residue, ResidueKind, find_residue};

/// The markers, compared without ASCII case.
pub(super) const MARKERS: &[&str] = &[
    "(end)",
    "（end）",
    "[end]",
    "【end】",
    "(完)",
    "（完）",
    "[完]",
    "【完】",
    "-end-",
    "- end -",
    "—end—",
    "— end —",
];

/// Whether `text` (trimmed) is an end marker and nothing else.
pub(super) fn end_marker_alone(text: &str) -> bool {
    MARKERS.iter().any(|m| text.eq_ignore_ascii_case(m))
}

/// The whole of `text` (trimmed, at `start` in its line) as one publisher stamp, if it is an
/// end marker and stamps.
pub(super) fn end_and_stamp(text: &str, start: usize) -> Option<Residue> {
    if text.len() > 200 || text.contains('\n') {
        return None;
    }
    let marker = MARKERS.iter().find(|m| {
        text.get(..m.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(m))
    })?;
    let rest = &text[marker.len()..];
    if rest.trim().is_empty() {
        return None;
    }
    let spans = find_residue(rest);
    let covers = spans
        .first()
        .is_some_and(|r| !super::has_alnum(&rest[..r.range.start]))
        && spans
            .last()
            .is_some_and(|r| !super::has_alnum(&rest[r.range.end..]))
        && spans
            .windows(2)
            .all(|w| !super::has_alnum(&rest[w[0].range.end..w[1].range.start]))
        && spans.iter().all(|r| r.kind == ResidueKind::PublisherStamp);
    if !covers {
        return None;
    }
    let mut whole = Residue::new(start..start + text.len(), ResidueKind::PublisherStamp);
    whole.meta = spans.into_iter().flat_map(|r| r.meta).collect();
    Some(whole)
}

/// A marker at `i` that closes its line's sentence: after the sentence's closing punctuation
/// (`said. (End)`, `说。（完）`), with nothing after it on the line or only publisher stamps
/// (`said. (End) [Editor in charge: X]`). "(End) The talks resumed" and "the (end) of it" stay.
pub(super) fn closing_end_marker(text: &str, i: usize) -> Option<Residue> {
    let marker = MARKERS.iter().find(|m| {
        text.get(i..i + m.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(m))
    })?;
    let line_start = line_start(text, i);
    let line_end = line_end(text, i);
    // Alone on its line it is the whole-text rule's (which leaves a line the importer reads
    // to the importer's own kinds).
    let before = text[line_start..i].trim_end_matches([' ', '\t', '\u{3000}']);
    let closes = before.ends_with([
        '.', '!', '?', '"', '”', '’', ')', '。', '！', '？', '）', '」',
    ]);
    if !closes {
        return None;
    }
    let rest = &text[i + marker.len()..line_end];
    if rest.trim().is_empty() {
        return Some(Residue::new(i..line_end, ResidueKind::EndMarker));
    }
    end_and_stamp(&text[i..line_end], i)
}
