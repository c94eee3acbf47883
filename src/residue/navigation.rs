//! Navigation labels: the run of links a page prints around an article, flattened into one
//! paragraph.
//!
//! `Previous Article Next Article Related Stories Most Viewed Editor's Picks`, `« Previous
//! Post | Next Post »`, `Next article`. The paragraph must be nothing but labels of the site's
//! navigation (and the arrows or pipes between them): at least two, one of them a label no
//! sentence is made of (`previous article`, `most viewed`); or one previous/next label alone.
//! A pager's page numbers may stand among them (`1 2 3 Next page`, `« Prev 1 2 … 9 Next »`):
//! at least two, counting up, and a previous/next label with them.
//!
//! The previous and next links may carry their headlines (`paging_links`): `Previous article:
//! Xiaomi opens first store in Jakarta Next article: BYD cuts prices again`, `Previous: … |
//! Next: …` — both labels with their colons, each headline short, one line, no full stop.
//!
//! It never takes prose that uses the words: "The next article in the series looks at Huawei.",
//! "Most viewed videos were about the flood.", "Previous", "Trending now" (one label that is
//! not a previous/next link), "Next article: the one about Huawei" (one label with a value),
//! "Previous: 3.2 percent. Next: 3.5 percent." (sentences, not headlines), "1 2 3" (numbers
//! and no label), "3 2 1 Next" (not a pager's count).

/// Labels, longest first where one begins another; `true` for a label prose does not use
/// on its own.
const LABELS: &[(&str, bool)] = &[
    ("previous article", true),
    ("previous post", true),
    ("previous story", true),
    ("previous page", true),
    ("next article", true),
    ("next post", true),
    ("next story", true),
    ("next page", true),
    ("prev article", true),
    ("prev post", true),
    ("related stories", true),
    ("related articles", true),
    ("related news", true),
    ("related posts", true),
    ("most viewed", true),
    ("most read", true),
    ("most popular", true),
    ("most shared", true),
    ("most commented", true),
    ("editor's picks", true),
    ("editors' picks", true),
    ("editors picks", true),
    ("editor's pick", true),
    ("top stories", true),
    ("more stories", true),
    ("more news", true),
    ("latest news", true),
    ("latest stories", true),
    ("popular posts", true),
    ("you may also like", true),
    ("back to top", true),
    ("trending now", false),
    ("trending", false),
    ("recommended", false),
    ("previous", false),
    ("prev", false),
    ("next", false),
    ("home", false),
];

/// What may stand between labels.
const BETWEEN: &[char] = &[
    '|', '｜', '/', '·', '•', '»', '«', '›', '‹', '>', '<', '←', '→', '-', '–', '—', ':',
];

/// Whether `text` (trimmed) is a run of navigation labels.
pub(super) fn navigation(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') {
        return false;
    }
    let (mut labels, mut strong, mut paging, mut turns) = (0, 0, 0, 0);
    // The pager's page numbers: how many, and the last, which the next must follow.
    let (mut pages, mut last_page) = (0, 0u32);
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || BETWEEN.contains(&c));
        if rest.is_empty() {
            break;
        }
        if let Some(gap) = rest.strip_prefix("...").or_else(|| rest.strip_prefix('…')) {
            rest = gap;
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && !rest[digits..].starts_with(|c: char| !c.is_whitespace()) {
            let page: u32 = rest[..digits].parse().unwrap_or(0);
            if page <= last_page {
                return false;
            }
            (pages, last_page) = (pages + 1, page);
            rest = &rest[digits..];
            continue;
        }
        let Some((label, is_strong, len)) = LABELS
            .iter()
            .find_map(|&(l, strong)| label_len(rest, l).map(|len| (l, strong, len)))
        else {
            return false;
        };
        labels += 1;
        strong += usize::from(is_strong);
        let turn = label.starts_with("prev") || label.starts_with("next");
        paging += usize::from(is_strong && turn);
        turns += usize::from(turn);
        rest = &rest[len..];
    }
    if pages > 0 {
        return pages >= 2 && turns > 0 && labels == turns;
    }
    (labels >= 2 && strong > 0) || (labels == 1 && paging == 1)
}

/// The length of `label` at the start of `text` as whole words, ASCII case and the
/// apostrophe's shape (`'` or `’`) aside.
fn label_len(text: &str, label: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for want in label.chars() {
        let (_, got) = chars.next()?;
        let same = got.eq_ignore_ascii_case(&want) || (want == '\'' && got == '’');
        if !same {
            return None;
        }
    }
    let len = chars.next().map_or(text.len(), |(k, _)| k);
    (!text[len..].starts_with(|c: char| c.is_alphanumeric() || c == '\'' || c == '’'))
        .then_some(len)
}

/// The labels of a previous or a next link that may carry its headline after a colon; longest
/// first where one begins another. `true` for a previous link.
const PAGING: &[(&str, bool)] = &[
    ("previous article", true),
    ("previous post", true),
    ("previous story", true),
    ("previous page", true),
    ("previous", true),
    ("prev article", true),
    ("prev post", true),
    ("prev", true),
    ("last article", true),
    ("next article", false),
    ("next post", false),
    ("next story", false),
    ("next page", false),
    ("next", false),
];

/// At most this many words in a headline after a paging label.
const HEADLINE_WORDS: usize = 16;

/// A paging label with its colon at the start of `text`: (previous?, position after the colon).
fn paging_label(text: &str) -> Option<(bool, usize)> {
    PAGING.iter().find_map(|&(label, previous)| {
        let len = label_len(text, label)?;
        let rest = &text[len..];
        let after = rest.trim_start();
        let colon = [":", "："].into_iter().find(|c| after.starts_with(c))?;
        Some((previous, text.len() - after.len() + colon.len()))
    })
}

/// Whether `text` (trimmed) is a previous link and a next link with their headlines, in
/// either order: `Previous article: X Next article: Y`.
pub(super) fn paging_links(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') {
        return false;
    }
    let Some((first_is_previous, first_end)) = paging_label(text) else {
        return false;
    };
    // The other label, at a word's start after the first headline.
    let second = text[first_end..].char_indices().find_map(|(k, _)| {
        let at = first_end + k;
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_alphanumeric() && c != '\'' && c != '’');
        starts_word
            .then(|| paging_label(&text[at..]))
            .flatten()
            .filter(|&(previous, _)| previous != first_is_previous)
            .map(|(_, len)| (at, at + len))
    });
    let Some((second_start, second_end)) = second else {
        return false;
    };
    headline(&text[first_end..second_start]) && headline(&text[second_end..])
}

/// A linked headline: a few words, no sentence, no full stop at its end (a pipe or an arrow
/// may close it).
fn headline(value: &str) -> bool {
    let value = value.trim_matches(|c: char| c.is_whitespace() || BETWEEN.contains(&c));
    let words = value.split_whitespace().count();
    (1..=HEADLINE_WORDS).contains(&words)
        && !value.ends_with(['.', '。', ','])
        && !super::text::has_sentence_break(value)
}
