//! Image credits: the caption line that names who took or owns a picture.
//!
//! `Picture source: visual China`, `Photo credit: AFP`, `(Picture source: visual China)` after a
//! caption, or a label alone on its line with the credit on the next (`Photo credit:\nReuters`).
//! The credit is kept as `image_credit`; it ends at a closing bracket, a full stop or the end of
//! its line, and is at most eight words.
//!
//! It never takes prose about pictures or credits: "Photo credits are hard to find." (no colon),
//! "The image source code was leaked.", "Picture the source: a dusty archive …".

use super::text::{
    clause_start, colon_after, ends_word, eq_ci_at, line_end, skip_blanks, word_count,
};
use super::{Residue, ResidueKind};

pub(super) const CREDIT_LABELS: &[&str] = &[
    "picture source",
    "image source",
    "photo source",
    "photo credits",
    "photo credit",
    "image credits",
    "image credit",
    "picture credit",
    "photo courtesy",
    "image courtesy",
    "图片来源",
];

pub(super) fn image_credit(text: &str, i: usize, floor: usize) -> Option<Residue> {
    let b = *text.as_bytes().get(i)?;
    if !matches!(b.to_ascii_lowercase(), b'p' | b'i') && b < 0x80 {
        return None;
    }
    if b.is_ascii_lowercase() && !clause_start(text, i, floor) {
        return None;
    }
    let label = CREDIT_LABELS
        .iter()
        .find(|l| eq_ci_at(text, i, l) && ends_word(text, i + l.len()))?;
    let mut p = skip_blanks(text, colon_after(text, i + label.len())?);
    if p < text.len() && line_end(text, p) == p {
        // A label alone on its line (`Photo credit:<br>Reuters`): the credit is the next line.
        p += if text[p..].starts_with("\r\n") { 2 } else { 1 };
        p = skip_blanks(text, p);
    }
    let rest = &text[p..line_end(text, p)];
    let mut q = rest.len();
    let mut include_dot = false;
    for (k, c) in rest.char_indices() {
        if matches!(c, ')' | ']' | '】' | '）' | '|' | ';' | '；' | '。') {
            q = k;
            break;
        }
        if c == '.' && rest[k + 1..].chars().next().is_none_or(char::is_whitespace) {
            q = k;
            include_dot = true;
            break;
        }
    }
    let credit = rest[..q].trim_end();
    if word_count(credit) > 8 {
        return None;
    }
    let mut end = p + credit.len();
    if include_dot && credit.len() == q {
        end += 1;
    }
    Some(Residue::new(i..end, ResidueKind::ImageCredit).with("image_credit", credit))
}
