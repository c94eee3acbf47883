//! Publisher stamps: the source and editor lines a news site prints under an article.
//!
//! `Source: Houchang 108 editor in charge: Dai Lili_ NN4994`, `Source: Xinhua`,
//! `Responsible editor: Zhang San`, `来源：新华社 责任编辑：张三`. The facts are kept: `source`,
//! `editor`, and the staff code after the underscore (`editor_code`).
//!
//! A label needs its colon and must open a clause (a capitalised `Source:` followed closely by an
//! editor label may stand anywhere); a source on its own needs a short value that ends its line.
//! The other staff credited after the editor on its line (校对, 记者, 审核: `Editor: Chen Jing
//! Proofreader: Zhao Lei`) belong to the stamp, and a paragraph of nothing but staff credits is
//! one too, also opening with a staff label or in brackets (`(Reporter: Zhang Wei)`); the
//! reporter's name is kept as `author`. A stamp never ends inside a line of credits: an
//! editor's name stops before the next label, and an editor after other credits is left with
//! them.
//!
//! It never takes prose that mentions a source or an editor: "the source of the leak was a senior
//! editor in charge of the desk", "Source: a senior official who asked not to be named told
//! reporters …", "The data source: National Bureau of Statistics", "The reporter, Zhang Wei,
//! said the road was closed.", an interview's "Reporter: Why did you leave?".

use super::text::{
    at_word_start, clause_start, colon_after, ends_word, eq_at, eq_ci_at, has_alnum,
    has_sentence_break, line_end, skip_blanks, word_count,
};
use super::{Residue, ResidueKind};

pub(super) const SOURCE_LABELS: &[&str] = &["source", "来源"];
pub(super) const EDITOR_LABELS: &[&str] = &[
    "editor in charge",
    "responsible editor",
    "chief editor",
    "executive editor",
    "editor",
    "责任编辑",
    "编辑",
];

pub(super) fn publisher_stamp(text: &str, i: usize, floor: usize) -> Option<Residue> {
    let b = *text.as_bytes().get(i)?;
    if !matches!(b.to_ascii_lowercase(), b's' | b'e' | b'r' | b'c') && b < 0x80 {
        return None;
    }
    for label in SOURCE_LABELS {
        if eq_ci_at(text, i, label)
            && ends_word(text, i + label.len())
            && let Some(colon_end) = colon_after(text, i + label.len())
        {
            // Lower case "source:" only where a label can stand.
            let capital = b == b'S' || b >= 0x80;
            return source_stamp(text, i, colon_end, floor, capital);
        }
    }
    if !clause_start(text, i, floor) {
        return None;
    }
    let colon_end = editor_label_at(text, i)?;
    if credits_before(text, i, floor) {
        return None;
    }
    let tail = editor_tail(text, colon_end);
    if tail.name.is_empty() {
        return None;
    }
    let range = i..tail.end;
    Some(tail.facts(Residue::new(range, ResidueKind::PublisherStamp)))
}

/// An editor label (`editor in charge:`) at `i`: the position after its colon.
fn editor_label_at(text: &str, i: usize) -> Option<usize> {
    EDITOR_LABELS.iter().find_map(|label| {
        (eq_ci_at(text, i, label) && ends_word(text, i + label.len()))
            .then(|| colon_after(text, i + label.len()))
            .flatten()
    })
}

fn source_stamp(
    text: &str,
    i: usize,
    colon_end: usize,
    floor: usize,
    capital: bool,
) -> Option<Residue> {
    let at_clause = clause_start(text, i, floor);
    if !capital && !at_clause {
        return None;
    }
    // An editor label close behind the source makes it a stamp wherever it stands.
    let limit = (colon_end + 200).min(text.len());
    let mut p = colon_end;
    while p < limit {
        if text.is_char_boundary(p)
            && (at_word_start(text, p) || text.as_bytes()[p] >= 0x80)
            && let Some(after) = editor_label_at(text, p)
        {
            let source = text[colon_end..p].trim();
            let first_line = line_end(text, colon_end);
            if word_count(source) > 8
                || has_sentence_break(source)
                || (first_line < p && has_alnum(&text[first_line..p]))
            {
                return None;
            }
            let tail = editor_tail(text, after);
            let range = i..tail.end.max(after);
            let stamp = Residue::new(range, ResidueKind::PublisherStamp).with("source", source);
            return Some(tail.facts(stamp));
        }
        p += 1;
    }
    // Otherwise only a short value that ends its line, after a clause boundary.
    if !at_clause {
        return None;
    }
    let rest = text[colon_end..line_end(text, colon_end)].trim_end();
    let value = rest.trim();
    if !has_alnum(value) || word_count(value) > 8 || has_sentence_break(value) {
        return None;
    }
    Some(
        Residue::new(i..colon_end + rest.len(), ResidueKind::PublisherStamp)
            .with("source", value.trim_end_matches(['.', '。'])),
    )
}

/// What follows an editor label: the editor's name, the staff code, the end of the stamp, and
/// the other staff credited after the editor on the same line.
struct EditorTail<'a> {
    name: &'a str,
    code: &'a str,
    end: usize,
    more: Vec<Credit<'a>>,
}

/// One staff credit: the fact its label keeps (`editor`, `author`, or none) and the name.
type Credit<'a> = (Option<&'static str>, &'a str);

impl EditorTail<'_> {
    /// The stamp with the facts of its credits: the editor, the staff code, the reporter.
    fn facts(self, stamp: Residue) -> Residue {
        let stamp = stamp
            .with("editor", self.name)
            .with("editor_code", self.code);
        self.more
            .into_iter()
            .fold(stamp, |r, (key, name)| match key {
                Some("author") => r.with("author", name),
                _ => r,
            })
    }
}

/// The editor's name after an editor label, and the staff code some sites append after an
/// underscore (`Dai Lili_ NN4994`); when the rest of the line is more staff credits (`Chen Jing
/// Proofreader: Zhao Lei`), the stamp takes the whole line. A name never runs into the next
/// label: the stamp ends before it, so no credit is cut in two.
fn editor_tail(text: &str, j: usize) -> EditorTail<'_> {
    let p = skip_blanks(text, j);
    if let Some((end, mut credits)) = credit_run(text, p, Some("editor"))
        && credits.len() > 1
    {
        let (_, name) = credits.remove(0);
        return EditorTail {
            name,
            code: "",
            end,
            more: credits,
        };
    }
    let rest = &text[p..line_end(text, p)];
    let mut q = rest.len();
    let mut label_next = false;
    for (k, c) in rest.char_indices() {
        let stop = matches!(
            c,
            '_' | '|' | '(' | ')' | '[' | ']' | '【' | '】' | ',' | ';' | '，' | '；' | '。'
        ) || (c == '.' && rest[k + 1..].starts_with(char::is_whitespace));
        if stop || c == ':' || c == '：' {
            q = k;
            label_next = !stop;
            break;
        }
    }
    let mut raw = rest[..q].trim_end();
    if label_next {
        // Another label's colon: the name ends before that label.
        raw = split_label(raw).map_or("", |(name, _, _)| name);
    }
    let name = if word_count(raw) <= 4 {
        raw
    } else {
        // A long run: keep the capitalised words that open it (the name), leave the rest.
        let mut end = 0;
        for (n, w) in raw.split_whitespace().enumerate() {
            let capital = w
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_ascii());
            if n >= 4 || !capital {
                break;
            }
            let offset = w.as_ptr() as usize - raw.as_ptr() as usize;
            end = offset + w.len();
        }
        &raw[..end]
    };
    let mut end = if name.is_empty() { j } else { p + name.len() };
    let mut code = "";
    let r = skip_blanks(text, end);
    if !name.is_empty() && eq_at(text, r, "_") {
        let s = skip_blanks(text, r + 1);
        let n = text.as_bytes()[s..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if n > 0 && n <= 16 {
            code = &text[s..s + n];
            end = s + n;
        } else {
            end = r + 1;
        }
    }
    EditorTail {
        name,
        code,
        end,
        more: Vec::new(),
    }
}

/// The other staff a Chinese site credits beside the editor (校对, 记者, 审核, 通讯员 …), as
/// machine translation renders them, with the fact each keeps; `true` when a paragraph of
/// credits may open with the label (a lone `Review:` may head a review).
const STAFF_LABELS: &[(&str, Option<&str>, bool)] = &[
    ("proofreader", None, true),
    ("proofreaders", None, true),
    ("proofreading", None, true),
    ("proofread", None, false),
    ("reporter", Some("author"), true),
    ("reporters", Some("author"), true),
    ("correspondent", Some("author"), true),
    ("correspondents", Some("author"), true),
    ("reviewer", None, true),
    ("review", None, false),
    ("photographer", None, true),
    ("photography", None, false),
    ("intern", None, true),
    ("typesetting", None, false),
    ("校对", None, true),
    ("记者", Some("author"), true),
    ("通讯员", Some("author"), true),
    ("实习生", None, true),
    ("审核", None, true),
    ("审校", None, true),
    ("责编", Some("editor"), true),
    ("摄影", None, true),
];

/// The label that ends `seg` (the text before a colon), longest first: a staff or editor label,
/// or else one capitalised word (`Typesetter`). Returns the text before the label, the label's
/// fact, and where the label starts.
fn split_label(seg: &str) -> Option<(&str, Option<&'static str>, usize)> {
    let seg = seg.trim_end();
    let lower_ends = |label: &str| {
        let k = seg.len().checked_sub(label.len())?;
        let word_start = || {
            label.as_bytes()[0] >= 0x80
                || seg[..k]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        };
        (seg.is_char_boundary(k) && seg[k..].eq_ignore_ascii_case(label) && word_start())
            .then_some(k)
    };
    let editors = EDITOR_LABELS.iter().map(|l| (*l, Some("editor")));
    let staff = STAFF_LABELS.iter().map(|&(l, key, _)| (l, key));
    let known = editors
        .chain(staff)
        .filter_map(|(l, key)| lower_ends(l).map(|k| (k, key)))
        .min_by_key(|&(k, _)| k);
    let (k, key) = known.or_else(|| {
        let k = seg
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace() || SEPARATORS.contains(&c))
            .map_or(0, |(w, c)| w + c.len_utf8());
        let word = &seg[k..];
        (word.len() <= 16
            && word.starts_with(|c: char| c.is_ascii_uppercase())
            && word.bytes().all(|b| b.is_ascii_alphabetic()))
        .then_some((k, None))
    })?;
    Some((seg[..k].trim_end_matches(SEPARATORS), key, k))
}

/// What may stand between one credit and the next label.
const SEPARATORS: &[char] = &[
    ' ', '\t', '\u{3000}', '|', '｜', '丨', ',', '，', ';', '；', '/',
];

/// A run of staff credits from `p` to the end of its line, the first under `key`: `Chen Jing
/// Proofreader: Zhao Lei Reporter: Zhang Wei` after `Editor:`. Every value is a name (or names
/// between commas) and every label a staff label or one capitalised word; a closing bracket may
/// end the line (the stamp's brackets are tidied with it). Returns the end of the run and each
/// credit's fact key and name; `None` when anything else is on the line.
fn credit_run<'a>(
    text: &'a str,
    p: usize,
    key: Option<&'static str>,
) -> Option<(usize, Vec<Credit<'a>>)> {
    let line = text[p..line_end(text, p)]
        .trim_end()
        .trim_end_matches([')', '）', ']', '】'])
        .trim_end();
    let mut credits = Vec::new();
    let mut key = key;
    let mut rest = line;
    loop {
        let Some(colon) = rest.find([':', '：']) else {
            let name = rest.trim();
            names(name).then(|| credits.push((key, name)))?;
            break;
        };
        let (name, next, _) = split_label(&rest[..colon])?;
        let name = name.trim();
        if !names(name) || credits.len() >= 8 {
            return None;
        }
        credits.push((key, name));
        key = next;
        rest = &rest[colon + rest[colon..].chars().next().map_or(1, char::len_utf8)..];
    }
    Some((p + line.len(), credits))
}

/// A credit's value: one or a few names between commas, each of at most four words, every
/// word a capitalised ASCII word or a CJK name (`Zhao Lei`, `Zhang Wei, Li Ming`, `张三`).
fn names(value: &str) -> bool {
    !value.is_empty()
        && word_count(value) <= 8
        && value.split([',', '，', '、']).all(|part| {
            let words = word_count(part);
            (1..=4).contains(&words) && part.split_whitespace().all(name_word)
        })
}

fn name_word(w: &str) -> bool {
    if w.is_ascii() {
        // `Zhao`, `Li-Ming`, `O'Neil`, or an initial: `J.`.
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w.bytes()
                .all(|b| b.is_ascii_alphabetic() || b"-'".contains(&b))
            || w.len() == 2 && w.starts_with(|c: char| c.is_ascii_uppercase()) && w.ends_with('.')
    } else {
        w.chars().count() <= 8
            && w.chars()
                .all(|c| c.is_alphabetic() && !c.is_ascii() || c == '·')
    }
}

/// A paragraph of staff credits that opens with a staff label, maybe in brackets: `(Reporter:
/// Zhang Wei)`, `Proofreader: Zhao Lei Editor: Chen Jing`, `记者：张伟`. A lone credit of one
/// ASCII word is left alone (`Reporter: Thanks` in an interview).
pub(super) fn staff_credits(trimmed: &str) -> Option<Vec<(&'static str, &str)>> {
    let inner = [('(', ')'), ('（', '）'), ('[', ']'), ('【', '】')]
        .iter()
        .find_map(|&(o, c)| trimmed.strip_prefix(o)?.strip_suffix(c))
        .unwrap_or(trimmed)
        .trim();
    if inner.len() > 200 || inner.contains('\n') {
        return None;
    }
    let credits = opening_credits(inner)?;
    if let [(_, name)] = credits.as_slice()
        && name.is_ascii()
        && word_count(name) < 2
    {
        return None;
    }
    Some(
        credits
            .into_iter()
            .filter_map(|(key, name)| key.map(|k| (k, name)))
            .collect(),
    )
}

/// The credits of `line` if it opens with a staff label and is nothing but credits.
fn opening_credits(line: &str) -> Option<Vec<Credit<'_>>> {
    let &(label, key, _) = STAFF_LABELS
        .iter()
        .find(|(l, _, opens)| *opens && eq_ci_at(line, 0, l) && ends_word(line, l.len()))?;
    let colon_end = colon_after(line, label.len())?;
    credit_run(line, skip_blanks(line, colon_end), key).map(|(_, credits)| credits)
}

/// Whether the line before the editor label at `i` is staff credits (`Reporter: Chen Jing |
/// Editor: Zhao Lei`, also after a sentence): credits this scan does not take from their
/// start are not cut after them either.
fn credits_before(text: &str, i: usize, floor: usize) -> bool {
    let line_start = text[..i].rfind(['\n', '\r']).map_or(0, |k| k + 1);
    let before = &text[line_start.max(floor)..i];
    // The clause the label is in: after the sentence before it.
    let clause = before
        .rfind(['.', '。', '!', '?', '！', '？'])
        .map_or(before, |k| &before[k + 1..]);
    let before = clause
        .trim_start()
        .trim_start_matches(['(', '（', '[', '【'])
        .trim_end_matches(SEPARATORS);
    // Any label may open them, a staff label or one capitalised word (`Typesetter:`).
    let Some(colon) = before.find([':', '：']) else {
        return false;
    };
    let colon_end = colon + before[colon..].chars().next().map_or(1, char::len_utf8);
    split_label(&before[..colon]).is_some_and(|(name, _, _)| name.is_empty())
        && credit_run(before, skip_blanks(before, colon_end), None).is_some()
}
