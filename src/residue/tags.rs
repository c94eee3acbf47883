//! Tag lists: the article's tags as a paragraph of their own.
//!
//! `Tags: economy trade tariffs China US Beijing`, `Tagged with: Huawei, 5G, Ren Zhengfei`,
//! `Filed under: Business | Technology`, `标签：华为 5G`. The label, its colon, and then bare
//! words — names and topics, separated by spaces, commas or pipes — and nothing else.
//!
//! It never takes a sentence: "Tags on the luggage showed the bags had been checked in." (no
//! colon), "Tags: the luggage ones were found in a bin." (the words of a sentence), "Tags:
//! Huawei. The company said more." (a sentence break), or a list that ends as a sentence ends.

use super::text::{colon_after, has_sentence_break};

const TAG_LABELS: &[&str] = &[
    "tags",
    "tag",
    "tagged with",
    "tagged as",
    "tagged",
    "filed under",
    "标签",
];

/// Words that make a sentence and are no tag.
const SENTENCE_WORDS: &[&str] = &[
    "the", "a", "an", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
    "he", "she", "they", "we", "you", "i", "said", "says", "will", "would", "can", "could",
    "should", "that", "which", "who", "this", "these", "those", "there", "not", "but", "because",
    "if", "when", "where", "after", "before",
];

/// Whether `text` (trimmed) is a tag list.
pub(super) fn tag_list(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') {
        return false;
    }
    let Some(after) = TAG_LABELS.iter().find_map(|l| {
        text.get(..l.len())
            .filter(|head| head.eq_ignore_ascii_case(l))
            .and_then(|_| colon_after(text, l.len()))
    }) else {
        return false;
    };
    let value = text[after..].trim();
    let words =
        value.split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | ';' | '|' | '、'));
    let mut n = 0;
    for word in words.filter(|w| !w.is_empty()) {
        let bare = word.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '-' | '_' | '\'' | '’' | '&' | '#' | '.' | '+' | '·')
        });
        if !bare || SENTENCE_WORDS.contains(&word) {
            return false;
        }
        n += 1;
    }
    (1..=25).contains(&n) && !value.ends_with(['.', '!', '?', '。']) && !has_sentence_break(value)
}
