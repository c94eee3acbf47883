//! Copyright notices: the footer line a page ends with, `© 2020 Condé Nast. All rights
//! reserved.`, `Copyright© 2014 Harbour Telecom All rights reserved.`, `Copyright 2021 Example Media`,
//! `Citylab.com © 2019 The Atlantic Monthly Group`, `All Rights Reserved © 2020`.
//!
//! The notice is the whole line: the sign or the word opens it (after at most a site's name
//! of three words), and the line is at most 60 words. `Copyright` counts only before `©`,
//! `(c)` or a year; `All rights reserved` only with a `©` or a year on its line and no
//! lower-case word after it. It never
//! takes prose about copyright: "Copyright law was reformed in 2019.", "She holds the
//! copyright © on it" (the sign is not near the start).

use super::text::{ends_word, eq_ci_at, line_end, line_start, skip_ws};
use super::{Residue, ResidueKind};

pub(super) const COPYRIGHT_LABELS: &[&str] = &["©", "copyright", "all rights reserved"];

/// At most this many words before the notice's sign or word (a site's name).
const MAX_LEAD_WORDS: usize = 3;

pub(super) fn copyright(text: &str, i: usize) -> Option<Residue> {
    // The line the sign or the word is on: a block may hold several.
    let line_start = line_start(text, i);
    let lead = &text[line_start..i];
    // A site's name may lead ("Citylab.com ©"), a sentence may not.
    if lead.split_whitespace().count() > MAX_LEAD_WORDS
        || lead.contains(['!', '?', ',', ';', ':'])
        || lead.contains(". ")
        || text.split_whitespace().count() > 60
    {
        return None;
    }
    let line_end = line_end(text, i);
    let line = &text[line_start..line_end];
    let year = has_year(line);
    let ok = if text[i..].starts_with('©') {
        // A sign glued to the letters before it (`Ã©`, mis-decoded `é`) is no notice's.
        !lead.ends_with(char::is_alphanumeric)
    } else if eq_ci_at(text, i, "copyright") && ends_word(text, i + "copyright".len()) {
        let p = skip_ws(text, i + "copyright".len());
        text[p..].starts_with('©')
            || eq_ci_at(text, p, "(c)")
            || text[p..].bytes().take(4).filter(u8::is_ascii_digit).count() == 4
    } else if eq_ci_at(text, i, "all rights reserved") {
        // A notice ends there or goes on with its sign, year or name; "All rights reserved to
        // the state shall be exercised…" goes on as a sentence.
        let rest = &text[i + "all rights reserved".len()..line_end];
        let prose_after = rest
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(|c: char| c.is_ascii_lowercase()));
        (year || line.contains('©')) && !prose_after
    } else {
        false
    };
    ok.then(|| {
        Residue::new(
            line_start + (line.len() - line.trim_start().len())..line_end,
            ResidueKind::Copyright,
        )
    })
}

fn has_year(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).any(|i| {
        b[i..i + 4].iter().all(u8::is_ascii_digit)
            && matches!(&b[i..i + 2], b"19" | b"20")
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
    })
}
