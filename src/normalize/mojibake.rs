//! The `mojibake` rule: UTF-8 text that was decoded as Windows-1252 or Latin-1 somewhere on its
//! way into the scrape (`â€™` for `’`, `â€œ` for `“`, `Ã©` for `é`) is re-encoded to bytes and
//! decoded as UTF-8 again. Doubly mangled text is repaired in the same edit.
//!
//! Only complete, valid UTF-8 sequences are repaired, so real accented text ("café", "Größe",
//! "à la") never matches: its characters do not form lead/continuation byte patterns.

use super::{Proposal, RuleId};

/// Windows-1252 bytes 0x80–0x9F as Unicode; the five undefined bytes map to themselves, as
/// decoders that fall back to Latin-1 leave them.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// Punctuation that follows letters in real text. Mojibake of common characters always has at
/// least one other continuation character (`€`, `©`, `™`, `œ`…).
const TYPOGRAPHIC: &[char] = &['‘', '’', '“', '”', '–', '—', '…', '•'];

/// The byte a character stood for when UTF-8 was misread as Windows-1252 / Latin-1.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 {
        return None;
    }
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x == c)
        .map(|p| 0x80 + p as u8)
}

pub(crate) fn propose(text: &str, out: &mut Vec<Proposal>) {
    if text.is_ascii() {
        return;
    }
    let mut chars = text.char_indices().peekable();
    let mut run: Option<(usize, usize, String)> = None;
    while let Some((pos, c)) = chars.next() {
        if c.is_ascii() {
            if run.is_some() {
                flush(text, run.take(), out);
            }
            continue;
        }
        let decoded = lead_len(c).and_then(|need| {
            let mut bytes = [0u8; 4];
            bytes[0] = byte_of(c)?;
            let mut end = pos + c.len_utf8();
            let mut rest = text[end..].chars();
            let mut all_typographic = true;
            for slot in bytes.iter_mut().skip(1).take(need) {
                let n = rest.next()?;
                let b = byte_of(n).filter(|b| (0x80..=0xBF).contains(b))?;
                *slot = b;
                end += n.len_utf8();
                all_typographic &= TYPOGRAPHIC.contains(&n);
            }
            // "café——", "Ã—": a letter followed by real dashes and quotes is text, not mojibake.
            if all_typographic {
                return None;
            }
            let s = std::str::from_utf8(&bytes[..=need]).ok()?;
            Some((end, s.to_string()))
        });
        match decoded {
            Some((end, s)) => {
                while chars.peek().is_some_and(|&(p, _)| p < end) {
                    chars.next();
                }
                match &mut run {
                    Some((_, run_end, acc)) if *run_end == pos => {
                        acc.push_str(&s);
                        *run_end = end;
                    }
                    _ => {
                        flush(text, run.take(), out);
                        run = Some((pos, end, s));
                    }
                }
            }
            None => flush(text, run.take(), out),
        }
    }
    flush(text, run, out);
}

/// How many continuation bytes a lead character announces.
fn lead_len(c: char) -> Option<usize> {
    match byte_of(c)? {
        0xC2..=0xDF => Some(1),
        0xE0..=0xEF => Some(2),
        0xF0..=0xF4 => Some(3),
        _ => None,
    }
}

fn flush(text: &str, run: Option<(usize, usize, String)>, out: &mut Vec<Proposal>) {
    let Some((start, end, mut fixed)) = run else {
        return;
    };
    // Text mangled twice decodes to more mojibake: repair until it stops changing.
    for _ in 0..3 {
        let mut again = Vec::new();
        propose(&fixed, &mut again);
        if again.is_empty() {
            break;
        }
        fixed = super::apply_simple(&fixed, &again);
    }
    if fixed != text[start..end] {
        out.push(Proposal::new(RuleId::Mojibake, start..end, fixed));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> String {
        let mut props = Vec::new();
        propose(text, &mut props);
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn repairs_misdecoded_utf8() {
        let rows = [
            ("Huaweiâ€™s share", "Huawei\u{2019}s share"),
            ("â€œquotedâ€\u{9d}", "\u{201c}quoted\u{201d}"),
            ("cafÃ© au lait", "caf\u{e9} au lait"),
            ("Â© 2020", "\u{a9} 2020"),
            ("a â€” b", "a \u{2014} b"),
            ("ä¸\u{AD}å›½", "\u{4e2d}\u{56fd}"),
            ("cafÃƒÂ©", "caf\u{e9}"),
        ];
        for (input, want) in rows {
            assert_eq!(run(input), want, "{input}");
        }
    }

    #[test]
    fn leaves_real_accents_alone() {
        let rows = [
            "café, Größe, à la carte, naïve, José Luis Suarez",
            "Ærø and Øresund",
            "£5 or €5, ½ price, ©",
            "中国 and 抖音",
            "“quoted” — ‘single’…",
            "Ã alone",
            "café——and Ã— sign",
        ];
        for input in rows {
            assert_eq!(run(input), input, "{input}");
        }
    }
}
