//! How much a line is echoed by the text below it: the share of its content words (not
//! `the`, `of`, `and`…) that the opening of the article uses too. A headline names what the
//! article's first paragraphs tell — its names, numbers and nouns come back there — while a
//! menu label, a site's name or another story's teaser share little or nothing with it.
//! Words are compared by their first five letters (`hunter`/`hunted`, `plague`/`plagues`);
//! CJK text by pairs of characters. It never looks beyond the words of the lines it is given.

use std::collections::HashSet;

/// Words that say nothing of a story's subject, in the languages the pages come in most.
const FUNCTION_WORDS: &[&str] = &[
    "the", "and", "for", "with", "from", "that", "this", "are", "was", "were", "has", "have",
    "had", "its", "his", "her", "their", "they", "them", "you", "your", "our", "will", "would",
    "can", "could", "not", "but", "all", "any", "into", "about", "after", "before", "over", "what",
    "why", "how", "who", "when", "where", "which", "more", "most", "than", "new", "says", "said",
    "just", "out", "off", "one", "now", "get", "may", "been", "being", "also", "les", "des", "une",
    "dans", "pour", "par", "sur", "est", "que", "qui", "avec", "del", "los", "las", "por", "con",
    "una", "para", "como", "der", "die", "das", "und", "mit", "den", "von", "ist", "ein", "eine",
    "nach", "auf", "dos", "das", "uma", "com", "não",
];

/// The content words of `text`, each cut to its first five letters; CJK runs as pairs.
pub(super) fn stems(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in text.split(|c: char| !c.is_alphanumeric()) {
        if token.is_empty() {
            continue;
        }
        let cjk: Vec<char> = token.chars().filter(|&c| super::is_cjk(c)).collect();
        if !cjk.is_empty() {
            out.extend(cjk.windows(2).map(|p| p.iter().collect::<String>()));
            continue;
        }
        let lower = token.to_lowercase();
        let letters = lower.chars().count();
        let digits = lower.chars().all(|c| c.is_ascii_digit());
        if (digits && letters < 2) || (!digits && letters < 3) {
            continue;
        }
        if FUNCTION_WORDS.contains(&lower.as_str()) {
            continue;
        }
        out.push(lower.chars().take(5).collect());
    }
    out
}

/// The stems of the text's opening: `lines` in order, until `words` words are read.
pub(super) fn opening<'a>(
    lines: impl Iterator<Item = (&'a str, f32)>,
    words: f32,
) -> HashSet<String> {
    let mut set = HashSet::new();
    let mut read = 0.0;
    for (text, weight) in lines {
        set.extend(stems(text));
        read += weight;
        if read >= words {
            break;
        }
    }
    set
}

/// The share of `line`'s content words found in `opening`, scaled down for a line of one or
/// two content words (a label echoes by chance): 0 for a line with none.
pub(super) fn echo(line: &str, opening: &HashSet<String>) -> f32 {
    let words = stems(line);
    if words.is_empty() {
        return 0.0;
    }
    let found = words.iter().filter(|w| opening.contains(*w)).count();
    let share = found as f32 / words.len() as f32;
    share * (words.len().min(3) as f32 / 3.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> HashSet<String> {
        opening(std::iter::once((text, 100.0)), 100.0)
    }

    #[test]
    fn stems_skip_function_words_and_cut_long_words() {
        assert_eq!(
            stems("The hunter ate a wild rabbit in 2019"),
            ["hunte", "ate", "wild", "rabbi", "2019"]
        );
        assert_eq!(stems("港口城市"), ["港口", "口城", "城市"]);
    }

    #[test]
    fn a_headline_is_echoed_and_a_menu_label_is_not() {
        let text = set(
            "A hunter in Inner Mongolia caught bubonic plague after he hunted and ate a wild \
             rabbit, the state news agency said.",
        );
        // (line, echo at least, echo at most)
        let rows = [
            (
                "Chinese hunter catches bubonic plague after eating wild rabbit",
                0.6,
                1.0,
            ),
            ("The Times of Trenton", 0.0, 0.0),
            ("Privacy Policy", 0.0, 0.0),
            // One word echoed by chance counts a third.
            ("Plague", 0.3, 0.34),
            ("", 0.0, 0.0),
        ];
        for (line, lo, hi) in rows {
            let e = echo(line, &text);
            assert!((lo..=hi).contains(&e), "{line:?}: {e}");
        }
    }
}
