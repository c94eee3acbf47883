//! Span arithmetic between the engine's passes: whether an edit can affect any other rule
//! ([`inert`]), moving protected spans of the original to their place after a pass
//! ([`shift_spans`]), and composing two passes into edits of the original text ([`compose`]).
//!
//! This module never runs a rule or decides which proposal wins; it only maps spans.

use std::ops::Range;

use super::RuleId;
use super::engine::Cleaned;

/// Whether an edit cannot change what any rule decides elsewhere: one word replaced by one word
/// with letters or digits at both ends (`Huaweis` → `Huawei’s`, `tiktok` → `TikTok`). Rules only
/// look at whether neighbours are letters and at neighbouring words, so such an edit needs no
/// second pass; anything else (spacing, punctuation, several words) gets one.
pub(super) fn inert(original: &str, replacement: &str) -> bool {
    let word = |s: &str| {
        s.chars().next().is_some_and(char::is_alphanumeric)
            && s.chars().next_back().is_some_and(char::is_alphanumeric)
            && !s.contains(char::is_whitespace)
    };
    word(original) && word(replacement)
}

/// Moves spans of the original text (which no edit overlaps) to their place in the output.
pub(super) fn shift_spans(
    spans: &[Range<usize>],
    edits: &[(RuleId, Range<usize>, String, Range<usize>)],
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    let mut delta: isize = 0;
    for s in spans {
        while k < edits.len() && edits[k].1.end <= s.start {
            delta += edits[k].3.len() as isize - edits[k].1.len() as isize;
            k += 1;
        }
        let start = (s.start as isize + delta).max(0) as usize;
        out.push(start..start + s.len());
    }
    out
}

/// Edits (`true` = first pass, index) whose spans in the first pass's output overlap.
type Cluster = (Range<usize>, Vec<(bool, usize)>);

/// Combines two passes into edits from `original` to `second.text`. Edits of the second pass
/// that overlap an edit of the first become one edit (named after the first pass's rule, the
/// cause); the others are shifted back to original positions.
pub(super) fn compose(original: &str, first: &Cleaned, second: Cleaned) -> Cleaned {
    // (span in the first pass's output, is_first, index)
    let mut items: Vec<(Range<usize>, bool, usize)> = first
        .edits
        .iter()
        .enumerate()
        .map(|(i, e)| (e.3.clone(), true, i))
        .chain(
            second
                .edits
                .iter()
                .enumerate()
                .map(|(i, e)| (e.1.clone(), false, i)),
        )
        .collect();
    items.sort_by_key(|(r, is_first, _)| (r.start, r.end, !*is_first));
    let touches = |a: &Range<usize>, b: &Range<usize>| {
        if a.start == a.end || b.start == b.end {
            (a.start < b.end && b.start < a.end)
                || (a.start == b.start && a.end == b.end)
                || (a.start == a.end && b.start < a.start && a.start < b.end)
                || (b.start == b.end && a.start < b.start && b.start < a.end)
        } else {
            a.start < b.end && b.start < a.end
        }
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    for (r, is_first, i) in items {
        match clusters.last_mut() {
            Some((c, members)) if touches(c, &r) => {
                c.start = c.start.min(r.start);
                c.end = c.end.max(r.end);
                members.push((is_first, i));
            }
            _ => clusters.push((r, vec![(is_first, i)])),
        }
    }
    // Every edit of both passes belongs to exactly one cluster, so a cluster's position in the
    // original (or the final output) is its position in the first output shifted by the size
    // changes of all earlier clusters.
    let mut edits = Vec::with_capacity(clusters.len());
    let (mut shift_back, mut shift_fwd): (isize, isize) = (0, 0);
    for (c, members) in clusters {
        let (mut d_back, mut d_fwd): (isize, isize) = (0, 0);
        for &(is_first, i) in &members {
            if is_first {
                let e = &first.edits[i];
                d_back += e.1.len() as isize - e.3.len() as isize;
            } else {
                let e = &second.edits[i];
                d_fwd += e.3.len() as isize - e.1.len() as isize;
            }
        }
        let rule = members
            .iter()
            .find(|(is_first, _)| *is_first)
            .map(|&(_, i)| first.edits[i].0)
            .unwrap_or_else(|| second.edits[members[0].1].0);
        let len = c.len() as isize;
        let o_start = c.start as isize + shift_back;
        let f_start = c.start as isize + shift_fwd;
        let orig = o_start.max(0) as usize..(o_start + len + d_back).max(0) as usize;
        let out = f_start.max(0) as usize..(f_start + len + d_fwd).max(0) as usize;
        shift_back += d_back;
        shift_fwd += d_fwd;
        let (Some(before), Some(after)) =
            (original.get(orig.clone()), second.text.get(out.clone()))
        else {
            continue;
        };
        if before != after {
            edits.push((rule, orig, after.to_string(), out));
        }
    }
    Cleaned {
        text: second.text,
        edits,
        held: first.held.clone(),
        protected: None,
    }
}
