//! Post meta lines: the line a blog prints under a post's title, with who posted it, when, and
//! how many comments it has.
//!
//! `Posted by admin on March 14, 2024 | 3 Comments`, `Posted on 2024-03-14 by editor · No
//! Comments`, `Published by Li Wei on 14 March 2024 at 10:32 am in Technology | Leave a
//! comment`. The paragraph must be nothing but the line: `Posted` (or `Published`) first, then
//! fields — `by` a name of at most three words, `on` a date, `at` a time, `in` a section of
//! capitalised words, a bare date, a comment or view count, `Filed under` a section, `Tags:` or
//! `Category:` and a few words — between blanks, pipes or dots; with a name or a date, and a
//! count or a filing (`Posted by admin on March 12, 2024 | Filed under Business | 3 Comments`,
//! `Posted on 2024-03-12 by Li Wei | Category: Tech | Tags: 5G, Huawei`).
//!
//! It never takes prose that tells of a post: "He posted a comment on Weibo on March 14, 2024,
//! saying the deal was off." (not `Posted` first), "Posted by a fan on March 14, 2024, the video
//! had 3 million views by Friday." (a field is a sentence), "Posted on Weibo by the ministry,
//! the notice drew 3 comments." (`on` without a date), "Posted by admin on March 14, 2024" (no
//! count or filing: the byline may be the article's own), "Posted by admin on March 12, 2024 |
//! Filed under the wrong name" (a section is capitalised), "Posted on March 12, 2024, Tags: the
//! ones on the luggage were torn." (more than a few words).

/// What opens the line.
const OPENERS: &[&str] = &["posted", "published"];

/// Between fields.
const SEPARATORS: &[char] = &['|', '｜', '丨', '·', '•'];

/// What a count counts.
const COUNTED: &[&str] = &[
    "comment",
    "comments",
    "reply",
    "replies",
    "response",
    "responses",
    "view",
    "views",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that open a field; a name or a section ends before them.
const FIELD_WORDS: &[&str] = &["by", "on", "at", "in"];

/// At most this many words in a name or a section.
const NAME_WORDS: usize = 3;

/// Whether `text` (trimmed) is a post meta line.
pub(super) fn post_meta(text: &str) -> bool {
    if text.len() > 200 || text.contains('\n') {
        return false;
    }
    // Separators stand as tokens of their own.
    let spaced: String = text
        .chars()
        .flat_map(|c| {
            let sep = SEPARATORS.contains(&c);
            [sep.then_some(' '), Some(c), sep.then_some(' ')]
        })
        .flatten()
        .collect();
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let Some(first) = tokens.first() else {
        return false;
    };
    if !OPENERS.iter().any(|o| first.eq_ignore_ascii_case(o)) {
        return false;
    }
    let (mut who_or_when, mut count, mut filed) = (false, false, false);
    let mut i = 1;
    while i < tokens.len() {
        let t = tokens[i];
        let word = t.to_ascii_lowercase();
        if t.chars().all(|c| SEPARATORS.contains(&c)) {
            i += 1;
        } else if word == "by" {
            let n = run(&tokens[i + 1..], name_word);
            if !(1..=NAME_WORDS).contains(&n) {
                return false;
            }
            who_or_when = true;
            i += 1 + n;
        } else if word == "on" || word == "at" {
            let n = run(&tokens[i + 1..], date_word);
            if n == 0 || !tokens[i + 1..i + 1 + n].iter().any(|t| has_digit(t)) {
                return false;
            }
            who_or_when = true;
            i += 1 + n;
        } else if word == "in" {
            let n = run(&tokens[i + 1..], section_word);
            if !(1..=NAME_WORDS).contains(&n) {
                return false;
            }
            i += 1 + n;
        } else if word == "filed"
            && tokens.get(i + 1).is_some_and(|t| {
                t.trim_end_matches([':', '：'])
                    .eq_ignore_ascii_case("under")
            })
        {
            let colon = tokens.get(i + 2).is_some_and(|t| matches!(*t, ":" | "："));
            let from = i + 2 + usize::from(colon);
            let n = run(&tokens[from.min(tokens.len())..], section_word);
            if !(1..=NAME_WORDS).contains(&n) {
                return false;
            }
            filed = true;
            i = from + n;
        } else if let Some(from) = filing_label(&tokens[i..]) {
            let n = run(&tokens[i + from..], tag_word);
            if !(1..=TAG_WORDS).contains(&n) {
                return false;
            }
            filed = true;
            i += from + n;
        } else if let Some(n) = count_at(&tokens[i..]) {
            count = true;
            i += n;
        } else {
            // A bare date, as a field of its own.
            let n = run(&tokens[i..], date_word);
            if n == 0 || !tokens[i..i + n].iter().any(|t| has_digit(t)) {
                return false;
            }
            who_or_when = true;
            i += n;
        }
    }
    who_or_when && (count || filed)
}

/// At most this many words after `Tags:` or `Category:`.
const TAG_WORDS: usize = 5;

/// `Tags:`, `Category :`, `Categories:` at the start of `tokens`: how many tokens the label
/// takes with its colon.
fn filing_label(tokens: &[&str]) -> Option<usize> {
    let label = tokens.first()?.to_ascii_lowercase();
    let named = |w: &str| matches!(w, "tags" | "tag" | "category" | "categories");
    if let Some(w) = label.strip_suffix(':').or_else(|| label.strip_suffix('：')) {
        return named(w).then_some(1);
    }
    (named(&label) && tokens.get(1).is_some_and(|t| matches!(*t, ":" | "："))).then_some(2)
}

/// A tag or category: `5G,`, `Huawei`, `trade-war`.
fn tag_word(t: &str) -> bool {
    let t = t.trim_end_matches([',', ';', '，']);
    !t.is_empty() && name_word(t)
}

/// How many of `tokens` in a row are words of a field (`is_word`), up to the next field's
/// word, separator or count.
fn run(tokens: &[&str], is_word: fn(&str) -> bool) -> usize {
    tokens
        .iter()
        .take_while(|t| {
            !FIELD_WORDS.iter().any(|w| t.eq_ignore_ascii_case(w))
                && !t.chars().all(|c| SEPARATORS.contains(&c))
                && is_word(t)
        })
        .count()
        .min(
            // A count ends the field: "2024 3 Comments".
            (0..tokens.len())
                .find(|&k| count_at(&tokens[k..]).is_some())
                .unwrap_or(tokens.len()),
        )
}

fn has_digit(t: &str) -> bool {
    t.bytes().any(|b| b.is_ascii_digit())
}

/// A poster's name: `admin`, `Li Wei`, `editor_01`.
fn name_word(t: &str) -> bool {
    t.chars()
        .all(|c| c.is_alphanumeric() || "._-'’".contains(c))
}

/// A section's name: `Technology`, `News,`.
fn section_word(t: &str) -> bool {
    let t = t.trim_end_matches(',');
    t.chars().next().is_some_and(char::is_uppercase)
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&')
}

/// A word of a date or a time: `March`, `14,`, `2024`, `2024-03-14`, `10:32`, `am`, `14th`.
fn date_word(t: &str) -> bool {
    let w = t.trim_end_matches(',').to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    MONTHS.contains(&w)
        || matches!(w, "am" | "pm" | "a.m" | "p.m")
        || (w.starts_with(|c: char| c.is_ascii_digit())
            && w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .bytes()
                .all(|b| b.is_ascii_digit() || b"-/.:".contains(&b))
            && w.len() <= 19)
}

/// A comment or view count at the start of `tokens`: how many tokens it takes. `3 Comments`,
/// `No Comments`, `Comments (3)`, `Comments: 3`, `Leave a comment`.
fn count_at(tokens: &[&str]) -> Option<usize> {
    let lower = |k: usize| tokens.get(k).map(|t| t.to_ascii_lowercase());
    let (a, b) = (lower(0)?, lower(1).unwrap_or_default());
    let counted = |w: &str| COUNTED.contains(&w.trim_end_matches([',', '.']));
    let is_number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.bytes().all(|c| c.is_ascii_digit() || c == b',')
    };
    if (is_number(&a) || a == "no" || a == "one") && counted(&b) {
        return Some(2);
    }
    let label = a.trim_end_matches([':', '：']);
    if counted(label) {
        let value = b.trim_start_matches([':', '：', '(']).trim_end_matches(')');
        if is_number(value) {
            return Some(2);
        }
        if matches!(b.as_str(), ":" | "：") && lower(2).as_deref().is_some_and(is_number) {
            return Some(3);
        }
    }
    let leave = a == "leave" && b == "a";
    lower(2)
        .filter(|c| leave && matches!(c.trim_end_matches('.'), "comment" | "reply"))
        .map(|_| 3)
}
