//! Breadcrumbs: the trail of sections a page prints above an article.
//!
//! `Home > Technology > Internet > Article`, `Home » News » World`, `Home / Tech / Mobile`,
//! `Your location: Home > News > Text` (您的位置：首页 > 新闻 > 正文). The paragraph must be
//! nothing but the trail: its items between `>`, `»`, `›`, `→` or a `/` with blanks around it,
//! each a section's name of a few words; three items at least, the first the home page — or
//! two after a label that says where the reader is (`Location:` alone only before the home
//! page: a caption's place has it too).
//!
//! It never takes prose that holds the signs: "Home prices in Shenzhen > 60,000 yuan per
//! square metre remain out of reach." (the first item is not the home page), "Home > away in
//! the table: the side won 12 of 15." (an item is a sentence), "Location: Shanghai > Beijing >
//! Wuhan, the route the train took.", "km/h", "Home/Away" (a slash without blanks).

/// What may open the trail: where the reader is (`Your location:`).
const LOCATION_LABELS: &[&str] = &[
    "you are here",
    "your location",
    "your current location",
    "current location",
    "your position",
    "your current position",
    "current position",
];

/// A bare label, as a caption's place has it: the trail after it must start at the home page.
const BARE_LABEL: &str = "location";

/// The home page's names, the trail's first item.
const HOME: &[&str] = &[
    "home",
    "homepage",
    "home page",
    "front page",
    "index",
    "首页",
    "主页",
];

/// Separators between items; a `/` counts only with blanks on both sides.
const SEPARATORS: &[char] = &['>', '»', '›', '→', '＞', '〉', '/'];

/// At most this many words in one item.
const ITEM_WORDS: usize = 5;

/// Whether `text` (trimmed) is a breadcrumb trail.
pub(super) fn breadcrumb(text: &str) -> bool {
    if text.len() > 300 || text.contains('\n') {
        return false;
    }
    let (labelled, trail) = strip_location_label(text);
    let mut items = Vec::new();
    let mut from = 0;
    for (k, c) in trail.char_indices() {
        if !SEPARATORS.contains(&c) {
            continue;
        }
        if c == '/' {
            let blank_before = trail[..k].ends_with(char::is_whitespace);
            let blank_after = trail[k + 1..].starts_with(char::is_whitespace);
            if !(blank_before && blank_after) {
                continue;
            }
        }
        items.push(&trail[from..k]);
        from = k + c.len_utf8();
    }
    items.push(&trail[from..]);
    // A doubled sign (`>>`) leaves an empty item between its halves.
    let mut items: Vec<&str> = items.into_iter().map(str::trim).collect();
    items.retain(|i| !i.is_empty());
    let Some(first) = items.first() else {
        return false;
    };
    let home = HOME.iter().any(|h| first.eq_ignore_ascii_case(h));
    let enough = match labelled {
        Label::Strong => items.len() >= 2,
        Label::Bare => items.len() >= 2 && home,
        Label::None => items.len() >= 3 && home,
    };
    enough && items.iter().all(|i| section(i))
}

/// What stands before the trail.
enum Label {
    /// `Your location:`: only a trail follows.
    Strong,
    /// `Location:`: a caption's place could follow.
    Bare,
    None,
}

/// `text` without its location label (`Your location:`), and which label it had.
fn strip_location_label(text: &str) -> (Label, &str) {
    let labels = LOCATION_LABELS.iter().map(|l| (*l, true));
    for (label, strong) in labels.chain([(BARE_LABEL, false)]) {
        let Some(head) = text.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = text[label.len()..].trim_start();
        if let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：')) {
            let kind = if strong { Label::Strong } else { Label::Bare };
            return (kind, after.trim_start());
        }
    }
    (Label::None, text)
}

/// A section's name: a few words, no sentence punctuation, no quote.
fn section(item: &str) -> bool {
    let words = item.split_whitespace().count();
    (1..=ITEM_WORDS).contains(&words)
        && item.chars().next().is_some_and(char::is_alphanumeric)
        && !item.contains([
            ',', ';', ':', '!', '?', '"', '“', '”', '，', '。', '；', '：', '(', ')',
        ])
        && !item.ends_with('.')
        && !item.contains(". ")
}
