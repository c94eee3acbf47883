//! Field runs: the line of bracketed fields a Chinese portal prints above or under an article
//! (【来源：网易科技】【作者：李明】【字号：大 中 小】), as machine translation renders it.
//!
//! `[Source: NetEase Technology] [Author: Li Ming] [Font: Large Medium Small]`, `【Editor: Wang
//! Fang】【Time: 2024-06-18 09:32】`. The paragraph must be nothing but the fields: at least two
//! bracketed groups, between blanks or pipes, each a label with its colon and a value of the
//! label's shape — a name of a few words (source, author, editor, reporter), a time with its
//! digits, a count, or the font-size switch's sizes. The facts are kept: `source`, `author`,
//! `editor`, `published`.
//!
//! It never takes prose or notes in brackets: "[Source: NetEase Technology] The company said
//! revenue rose." (more than the fields), "[Author's note: this story was updated on Monday.]"
//! (no field's label), "[Editor: The figures below are from 2019. They were revised.] [Time:
//! 2024]" (a sentence is no name), "[Font: Times New Roman] [Size: 12]" (no sizes, and no such
//! label), "[1] [2] [3]" (footnote marks).

use super::action_bar::SIZES;

#[derive(Clone, Copy, PartialEq)]
enum Value {
    /// A name, kept under its key.
    Name(&'static str),
    /// A time or date, kept as `published`.
    When,
    /// A count: views, reads, clicks.
    Count,
    /// The font-size switch.
    Sizes,
}

const LABELS: &[(&str, Value)] = &[
    ("source", Value::Name("source")),
    ("from", Value::Name("source")),
    ("author", Value::Name("author")),
    ("authors", Value::Name("author")),
    ("reporter", Value::Name("author")),
    ("correspondent", Value::Name("author")),
    ("editor", Value::Name("editor")),
    ("responsible editor", Value::Name("editor")),
    ("editor in charge", Value::Name("editor")),
    ("来源", Value::Name("source")),
    ("作者", Value::Name("author")),
    ("编辑", Value::Name("editor")),
    ("责任编辑", Value::Name("editor")),
    ("time", Value::When),
    ("date", Value::When),
    ("published", Value::When),
    ("release time", Value::When),
    ("publish time", Value::When),
    ("update time", Value::When),
    ("updated", Value::When),
    ("时间", Value::When),
    ("发布时间", Value::When),
    ("views", Value::Count),
    ("reads", Value::Count),
    ("clicks", Value::Count),
    ("浏览", Value::Count),
    ("阅读", Value::Count),
    ("font", Value::Sizes),
    ("font size", Value::Sizes),
    ("text size", Value::Sizes),
    ("字号", Value::Sizes),
];

/// At most this many words in a name.
const NAME_WORDS: usize = 5;

/// The facts of `text` (trimmed) if it is a run of bracketed fields and nothing else.
pub(super) fn field_run(text: &str) -> Option<Vec<(&'static str, String)>> {
    if text.len() > 300 || text.contains('\n') {
        return None;
    }
    let mut rest = text;
    let mut facts = Vec::new();
    let mut groups = 0;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || "|｜丨".contains(c));
        if rest.is_empty() {
            break;
        }
        let (close, open_len) = if rest.starts_with('[') {
            (']', 1)
        } else if rest.starts_with('【') {
            ('】', '【'.len_utf8())
        } else {
            return None;
        };
        let end = rest.find(close)?;
        let group = &rest[open_len..end];
        if let Some(fact) = field(group.trim())? {
            facts.push(fact);
        }
        groups += 1;
        rest = &rest[end + close.len_utf8()..];
    }
    (groups >= 2).then_some(facts)
}

/// One group's field: `None` when it is no field; the fact it holds, if it keeps one.
fn field(group: &str) -> Option<Option<(&'static str, String)>> {
    let (label, value) = group.split_once([':', '：'])?;
    let label = label.trim();
    let &(_, shape) = LABELS.iter().find(|(l, _)| label.eq_ignore_ascii_case(l))?;
    let value = value.trim();
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.is_empty() {
        return None;
    }
    match shape {
        Value::Name(key) => {
            let name_like = value
                .chars()
                .all(|c| c.is_alphanumeric() || " .-'’&·,，".contains(c));
            let sentence = value.contains(". ") || value.ends_with('.');
            (words.len() <= NAME_WORDS && name_like && !sentence)
                .then(|| Some((key, value.to_string())))
        }
        Value::When => {
            let ok = words.len() <= 4
                && value.chars().any(|c| c.is_ascii_digit())
                && value
                    .chars()
                    .all(|c| c.is_alphanumeric() || " -/:.,年月日".contains(c));
            ok.then(|| Some(("published", value.to_string())))
        }
        Value::Count => (words.len() == 1
            && words[0].starts_with(|c: char| c.is_ascii_digit())
            && words[0]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.'))
        .then_some(None),
        Value::Sizes => {
            // 大 中 小 as it stays untranslated.
            let size = |w: &&str| {
                SIZES.iter().any(|z| w.eq_ignore_ascii_case(z)) || matches!(*w, "大" | "中" | "小")
            };
            (words.len() >= 2 && words.iter().all(size)).then_some(None)
        }
    }
}
