//! Photo captions in a page copy, which need evidence of a picture: a credit (`Photo:
//! Reuters`, `| Foto: AFP`, `(AP Photo/Evan Vucci)`, `Jane Doe/Getty Images`, `Image
//! copyright Getty Images`) or a caption marker (`Media caption …`, `Image caption …`). A
//! short line without either is a heading or a paragraph, never a caption.
//!
//! The credit and the marker are split off (recorded as dropped, the credit kept as
//! `image_credit`); what is left is the caption. It never takes prose that mentions a photo:
//! the credit must be at most six words, capitalised, and close the line.

use std::ops::Range;

/// What a caption line holds: the caption's text, the credit, and the spans dropped with
/// their reasons.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Caption {
    pub caption: String,
    pub credit: Option<String>,
    pub dropped: Vec<(Range<usize>, &'static str)>,
}

/// Markers that open a caption, lower case.
const MARKERS: &[&str] = &[
    "media caption",
    "image caption",
    "photo caption",
    "caption:",
];

/// Labels that open a credit, lower case, with their colon.
const CREDIT_LABELS: &[&str] = &[
    "photo:",
    "photos:",
    "photograph:",
    "photography:",
    "picture:",
    "pictures:",
    "image:",
    "images:",
    "credit:",
    "credits:",
    "foto:",
    "fotos:",
    "bild:",
    "illustration:",
    "image copyright",
    "image source,",
    "copyright:",
    "photo by",
    "photograph by",
    "photo courtesy of",
    "图：",
    "图片：",
    "摄影：",
    "图/",
];

/// Agencies and libraries whose name closing a line is a credit.
const AGENCIES: &[&str] = &[
    "getty images",
    "shutterstock",
    "istock",
    "istockphoto",
    "alamy",
    "reuters",
    "afp",
    "epa",
    "ap photo",
    "associated press",
    "xinhua",
    "visual china",
];

const SEPARATORS: &str = "|/–—-(";

pub(super) fn caption(text: &str) -> Option<Caption> {
    let t = text.trim_end();
    let lower = t.to_lowercase();
    if lower.len() != t.len() || super::weight(t) > 60.0 {
        return None;
    }
    let mut dropped = Vec::new();
    let mut from = 0;
    if let Some(m) = MARKERS.iter().find(|m| lower.starts_with(**m)) {
        from = m.len();
        dropped.push((0..from, "caption label"));
    }
    let mut caption_end = t.len();
    let mut credit = None;
    if let Some((at, label)) = credit_label(&lower, from) {
        let value_start = at + label.len();
        let close = t[value_start..].find(')').map(|k| value_start + k);
        let value = t[value_start..close.unwrap_or(t.len())].trim();
        if close.is_some_and(|c| t[c + 1..].trim().is_empty()) || close.is_none() {
            if credit_value(value) {
                // The separator before the label goes with the credit.
                let before = t[from..at].trim_end();
                let sep_start = before
                    .strip_suffix(|c: char| SEPARATORS.contains(c))
                    .map_or(at, |b| from + b.len());
                caption_end = sep_start.min(at);
                credit = Some(value.trim_end_matches(['.', ')']).to_string());
            } else {
                return None;
            }
        }
    } else if let Some(at) = agency_tail(t, &lower, from) {
        caption_end = at;
        credit = Some(
            t[at..]
                .trim_matches(|c: char| c.is_whitespace() || "()|/–—-".contains(c))
                .to_string(),
        );
    }
    if credit.is_none() && dropped.is_empty() {
        return None;
    }
    if caption_end < t.len() {
        dropped.push((caption_end..t.len(), "image credit"));
    }
    let caption = t[from..caption_end]
        .trim()
        .trim_end_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(c))
        .trim()
        .to_string();
    Some(Caption {
        caption,
        credit,
        dropped,
    })
}

/// The first credit label at a word start at or after `from`.
fn credit_label(lower: &str, from: usize) -> Option<(usize, &'static str)> {
    CREDIT_LABELS
        .iter()
        .filter_map(|l| {
            let mut search = from;
            while let Some(k) = lower[search..].find(l) {
                let at = search + k;
                let word_start = at == 0
                    || lower[..at]
                        .chars()
                        .next_back()
                        .is_some_and(|c| !c.is_alphanumeric());
                if word_start {
                    return Some((at, *l));
                }
                search = at + l.len();
            }
            None
        })
        .min_by_key(|(at, _)| *at)
}

/// A credit: one to six words, the first capitalised (or a CJK name).
fn credit_value(v: &str) -> bool {
    let words = v.split_whitespace().count();
    (1..=6).contains(&words)
        && v.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || !c.is_ascii())
        && !v.ends_with(['?', '!'])
}

/// Where a credit naming an agency closes the line: `… (AP Photo/Evan Vucci)`, `… Jane
/// Doe/Getty Images`, `… | Reuters`.
fn agency_tail(t: &str, lower: &str, from: usize) -> Option<usize> {
    // A closing parenthesis holding an agency.
    if t.ends_with(')')
        && let Some(open) = t.rfind('(')
        && open >= from
    {
        let inside = &lower[open..];
        if AGENCIES.iter().any(|a| inside.contains(a)) && inside.split_whitespace().count() <= 6 {
            return Some(open);
        }
    }
    // A picture library closing the line, even without a separator: "… should be Getty Images".
    for library in ["getty images", "shutterstock", "istockphoto", "alamy"] {
        if lower.ends_with(library) {
            let at = t.len() - library.len();
            let before = t[..at].trim_end();
            // "AFP/Getty Images", "Jane Doe/Getty Images": the credit starts at the last space.
            let start = if before.ends_with('/') {
                segment_start(t, from, before.len())
                    .unwrap_or_else(|| before.rfind(' ').map_or(from, |k| k + 1))
            } else {
                at
            };
            if start > from {
                return Some(start);
            }
        }
    }
    // The last segment after a separator.
    let cut = t[from..].rfind(['|', '/']).map(|k| from + k)?;
    // `Jane Doe/Getty Images`: the photographer before the slash belongs to the credit.
    let seg_start = if t[cut..].starts_with('/') {
        segment_start(t, from, cut).unwrap_or(from)
    } else {
        cut
    };
    let tail = &lower[cut..];
    let named = AGENCIES.iter().any(|a| {
        tail.trim_matches(|c: char| !c.is_alphanumeric())
            .ends_with(a)
    }) || photographer_slash_agency(&t[seg_start..]);
    let words = t[seg_start..].split_whitespace().count();
    (named && words <= 6 && seg_start > from).then_some(seg_start)
}

/// Where the last segment of `t[from..to]` starts: after ` - `, `|`, `. ` or `, `.
fn segment_start(t: &str, from: usize, to: usize) -> Option<usize> {
    [" - ", " – ", " — ", "|", ". ", ", "]
        .iter()
        .filter_map(|sep| t[from..to].rfind(sep).map(|k| from + k + sep.len()))
        .max()
}

/// `Heinrich Aikawa/Instituto Lula`: capitalised words, a slash, capitalised words — how
/// agencies credit a photographer — after ` - ` or a full stop.
fn photographer_slash_agency(segment: &str) -> bool {
    let seg = segment
        .trim()
        .trim_start_matches(['-', '–', '—', '|'])
        .trim();
    let Some((who, agency)) = seg.split_once('/') else {
        return false;
    };
    let capitalised = |s: &str| {
        let words: Vec<&str> = s.split_whitespace().collect();
        !words.is_empty()
            && words.len() <= 4
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            })
    };
    capitalised(who) && capitalised(agency)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_need_a_credit_or_a_marker() {
        // (line, caption, credit, dropped texts)
        type Row = (
            &'static str,
            Option<(&'static str, Option<&'static str>, &'static [&'static str])>,
        );
        let rows: &[Row] = &[
            (
                "Tomáš Souček after the win at Villa Park. | Foto: Reuters",
                Some((
                    "Tomáš Souček after the win at Villa Park.",
                    Some("Reuters"),
                    &["| Foto: Reuters"],
                )),
            ),
            (
                "The harbour at dawn (Photo: Jane Doe)",
                Some((
                    "The harbour at dawn",
                    Some("Jane Doe"),
                    &["(Photo: Jane Doe)"],
                )),
            ),
            (
                "Media caption Mr Obama spoke to the BBC",
                Some(("Mr Obama spoke to the BBC", None, &["Media caption"])),
            ),
            (
                "Image copyright Getty Images",
                Some(("", Some("Getty Images"), &["Image copyright Getty Images"])),
            ),
            (
                "Protesters outside the court on Monday. (AP Photo/Evan Vucci)",
                Some((
                    "Protesters outside the court on Monday.",
                    Some("AP Photo/Evan Vucci"),
                    &["(AP Photo/Evan Vucci)"],
                )),
            ),
            (
                "The new terminal. Jane Doe/Getty Images",
                Some((
                    "The new terminal.",
                    Some("Jane Doe/Getty Images"),
                    &["Jane Doe/Getty Images"],
                )),
            ),
            (
                "(Bild: Hersteller)",
                Some(("", Some("Hersteller"), &["(Bild: Hersteller)"])),
            ),
            // Prose about photos, and short lines without evidence.
            (
                "He took a photo: it showed the whole street under water.",
                None,
            ),
            ("Ren Zhengfei", None),
            ("Why CPU monitoring is important?", None),
            (
                "Reuters reported the deal on Monday, citing three people.",
                None,
            ),
        ];
        for &(line, expected) in rows {
            let got = caption(line);
            match (got, expected) {
                (None, None) => {}
                (Some(c), Some((text, credit, dropped))) => {
                    assert_eq!(c.caption, text, "{line:?}");
                    assert_eq!(c.credit.as_deref(), credit, "{line:?}");
                    let d: Vec<&str> = c.dropped.iter().map(|(r, _)| &line[r.clone()]).collect();
                    assert_eq!(d, dropped, "{line:?}");
                }
                (got, _) => panic!("{line:?}: got {got:?}, expected {expected:?}"),
            }
        }
    }
}
