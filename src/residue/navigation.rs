//! Navigation labels: the run of links a page prints around an article, flattened into one
//! paragraph.
//!
//! `Previous Article Next Article Related Stories Most Viewed Editor's Picks`, `« Previous
//! Post | Next Post »`, `Next article`. The paragraph must be nothing but labels of the site's
//! navigation (and the arrows or pipes between them): at least two, one of them a label no
//! sentence is made of (`previous article`, `most viewed`); or one previous/next label alone.
//!
//! It never takes prose that uses the words: "The next article in the series looks at Huawei.",
//! "Most viewed videos were about the flood.", "Previous", "Trending now" (one label that is
//! not a previous/next link).

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
    let (mut labels, mut strong, mut paging) = (0, 0, 0);
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || BETWEEN.contains(&c));
        if rest.is_empty() {
            break;
        }
        let Some((label, is_strong, len)) = LABELS
            .iter()
            .find_map(|&(l, strong)| label_len(rest, l).map(|len| (l, strong, len)))
        else {
            return false;
        };
        labels += 1;
        strong += usize::from(is_strong);
        paging +=
            usize::from(is_strong && (label.starts_with("prev") || label.starts_with("next")));
        rest = &rest[len..];
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
