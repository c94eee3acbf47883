//! Machine-translation quality: what a normalized article still shows that no rule fixes on
//! its own — Chinese, Japanese or Korean characters left in a translated article, full-width
//! punctuation (`，` `。` `（`) the translation carried over, and a paragraph that appears twice
//! (an aggregator's doubled standfirst, a scrape pasted twice), sentences still glued at their
//! full stop where the `fused-sentence` rule declined to split them (`update.WeChat`: it might
//! be a name), and, across a book, one name spelled two ways (`TikTok` and `Tik Tok`).
//! `folio check` reports them (`mt-cjk`, `mt-fullwidth`, `mt-duplicate`, `mt-fused`,
//! `mt-spelling`); a reader's eye would catch them, a validator never does.
//!
//! It only reads: it never edits an article (the normalizer's rules do that, each recorded),
//! and it never looks at code blocks, raw HTML or comments (readers write in any script).
//! Characters are only flagged in articles that declare `translated_from:` and whose
//! `language:` is not itself written in those scripts; duplicates in every article.

use std::collections::HashMap;

use crate::model::{Article, BlockKind};

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlawKind {
    /// Han, kana or hangul in a translated article's text.
    Cjk,
    /// Full-width or ideographic punctuation in a translated article's text.
    FullWidth,
    /// A paragraph (eight words or more) with the same text as an earlier one.
    Duplicate,
    /// Two sentences glued at their mark that the normalizer left (`update.WeChat`).
    Fused,
}

/// One flaw, at the source line of its block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flaw {
    pub kind: FlawKind,
    pub line: u32,
    /// The characters found (a run of them), or the paragraph's opening words.
    pub found: String,
    /// For a duplicate: the line of the first copy.
    pub first_line: Option<u32>,
}

/// The flaws of `article`, in block order.
pub fn flaws(article: &Article) -> Vec<Flaw> {
    let mut out = Vec::new();
    let scripts = article.translated_from.is_some() && !writes_cjk(&article.language);
    let mut seen: HashMap<String, u32> = HashMap::new();
    for block in &article.blocks {
        if matches!(
            block.kind,
            BlockKind::Code { .. } | BlockKind::Html | BlockKind::Rule
        ) {
            continue;
        }
        if scripts {
            for (kind, run) in runs(&block.text) {
                out.push(Flaw {
                    kind,
                    line: block.line,
                    found: run,
                    first_line: None,
                });
            }
        }
        for spot in fused_spots(&block.text) {
            out.push(Flaw {
                kind: FlawKind::Fused,
                line: block.line,
                found: spot.to_string(),
                first_line: None,
            });
        }
        if block.kind == BlockKind::Paragraph {
            let key = block.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if key.split(' ').count() < 8 {
                continue;
            }
            match seen.get(&key) {
                Some(&first) => out.push(Flaw {
                    kind: FlawKind::Duplicate,
                    line: block.line,
                    found: key.split(' ').take(8).collect::<Vec<_>>().join(" "),
                    first_line: Some(first),
                }),
                None => {
                    seen.insert(key, block.line);
                }
            }
        }
    }
    out
}

/// `update.WeChat`, `TSMC.Huawei`, `rose.iPhone`: a word of two letters or more, `.` `!` or `?`,
/// and a word that starts with a letter and has a capital in its first two, glued, standing
/// as a token of its own (no `/`, `@`, `:` or further dot in it: hosts, paths, `a.B.c`).
/// Decimals, `e.g.`, `U.S.`, `Node.js` and lower-case file names never match.
fn fused_spots(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for i in memchr::memchr3_iter(b'.', b'!', b'?', b) {
        let left = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let start = i - left;
        let token_start =
            start == 0 || b" (\"'".contains(&b[start - 1]) || text[..start].ends_with(['“', '‘']);
        let right = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        let end = i + 1 + right;
        let shaped = right >= 2
            && b[i + 1..i + 3].iter().any(u8::is_ascii_uppercase)
            && b[i + 2..end].iter().any(u8::is_ascii_lowercase);
        let token_end = b.get(end).is_none_or(|c| b" ,;)\"'".contains(c))
            || (matches!(b.get(end), Some(b'.' | b'!' | b'?'))
                && b.get(end + 1).is_none_or(u8::is_ascii_whitespace));
        if left >= 2 && token_start && shaped && token_end {
            out.push(&text[start..end]);
        }
    }
    out
}

/// A name spelled more than one way across a book: the spellings, most used first, each with
/// how often it appears and where it first does (article index, block line, the spelling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpellingVariants {
    pub spellings: Vec<(String, usize, usize, u32)>,
}

/// Names written two ways in the book (`TikTok`, `Tiktok` and `Tik Tok`; `Kai-Fu` and `Kaifu`):
/// capitalised words and pairs of capitalised words that are the same letters but for case,
/// spaces and hyphens. Words in capitals alone (`HUAWEI`) are a house style, not a spelling,
/// and a sentence's first word does not count (its capital says nothing). Paragraphs, headings,
/// quotes and list items only.
pub fn spelling_variants(articles: &[Article]) -> Vec<SpellingVariants> {
    // key → spelling → (count, first article, first line)
    let mut seen: HashMap<String, HashMap<String, (usize, usize, u32)>> = HashMap::new();
    for (ai, article) in articles.iter().enumerate() {
        for block in &article.blocks {
            if matches!(
                block.kind,
                BlockKind::Code { .. } | BlockKind::Html | BlockKind::Rule
            ) {
                continue;
            }
            let words = name_words(&block.text);
            let mut note = |spelling: String| {
                let key: String = spelling
                    .chars()
                    .filter(char::is_ascii_alphabetic)
                    .map(|c| c.to_ascii_lowercase())
                    .collect();
                if key.len() < 4 {
                    return;
                }
                let entry = seen
                    .entry(key)
                    .or_default()
                    .entry(spelling)
                    .or_insert((0, ai, block.line));
                entry.0 += 1;
            };
            for (k, w) in words.iter().enumerate() {
                let Some(w) = w else { continue };
                note(w.to_string());
                if let Some(Some(next)) = words.get(k + 1) {
                    note(format!("{w} {next}"));
                }
            }
        }
    }
    let mut out: Vec<SpellingVariants> = seen
        .into_values()
        .filter(|spellings| spellings.len() > 1)
        .map(|spellings| {
            let mut spellings: Vec<(String, usize, usize, u32)> = spellings
                .into_iter()
                .map(|(s, (n, a, l))| (s, n, a, l))
                .collect();
            spellings.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
            SpellingVariants { spellings }
        })
        .collect();
    out.sort_by(|x, y| x.spellings[0].0.cmp(&y.spellings[0].0));
    out
}

/// The words of `text` in order, each `Some` if it may be part of a name — letters (with inner
/// hyphens), a capital among them, not all capitals, not a sentence's first word — and `None`
/// otherwise, so that a pair is only ever two neighbours.
fn name_words(text: &str) -> Vec<Option<&str>> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let name = !sentence_start
            && word.len() >= 2
            && word.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-')
            && !word.starts_with('-')
            && !word.ends_with('-')
            && word.bytes().any(|c| c.is_ascii_uppercase())
            && word.bytes().any(|c| c.is_ascii_lowercase())
            && word == raw.trim_end_matches([',', ';', ':']);
        out.push(name.then_some(word));
        sentence_start = raw.ends_with(['.', '!', '?', ':']) || raw.ends_with(".\"");
    }
    out
}

/// Whether a BCP 47 language tag names a language written in CJK scripts.
fn writes_cjk(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    ["zh", "ja", "ko", "yue", "wuu", "cmn"]
        .iter()
        .any(|l| primary.eq_ignore_ascii_case(l))
}

/// Han ideographs (with extensions and compatibility forms), kana and hangul.
fn is_cjk_letter(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x31f0..=0x31ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff
        | 0xac00..=0xd7af | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

/// Ideographic and full-width punctuation: `，` `。` `、` `；` `：` `！` `？` `（` `）` `【` `】`
/// `《` `》` `「` `」`…, and full-width ASCII forms. Curly quotes are English typography, not
/// flagged.
fn is_fullwidth_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301f
        | 0xff01..=0xff0f | 0xff1a..=0xff20 | 0xff3b..=0xff40 | 0xff5b..=0xff65)
}

/// The runs of CJK letters and of full-width punctuation in `text`, each with its kind.
fn runs(text: &str) -> Vec<(FlawKind, String)> {
    let kind_of = |c: char| {
        if is_cjk_letter(c) {
            Some(FlawKind::Cjk)
        } else if is_fullwidth_punctuation(c) {
            Some(FlawKind::FullWidth)
        } else {
            None
        }
    };
    let mut out: Vec<(FlawKind, String)> = Vec::new();
    let mut current: Option<(FlawKind, String)> = None;
    for c in text.chars() {
        match (kind_of(c), &mut current) {
            (Some(k), Some((ck, run))) if *ck == k => run.push(c),
            (Some(k), _) => {
                out.extend(current.take());
                current = Some((k, c.to_string()));
            }
            (None, _) => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Markup};

    /// The normalizer tests' article, with this language, source language and paragraphs.
    fn article(language: &str, from: Option<&str>, paragraphs: &[(&str, u32)]) -> Article {
        let mut a = crate::normalize::tests::article("", false);
        a.language = language.into();
        a.translated_from = from.map(str::to_string);
        a.blocks = paragraphs
            .iter()
            .map(|&(text, line)| Block {
                kind: BlockKind::Paragraph,
                text: text.to_string(),
                line,
                markup: Markup::Plain,
            })
            .collect();
        a
    }

    #[test]
    fn cjk_and_fullwidth_runs_in_a_translated_article_are_flaws() {
        let a = article(
            "en",
            Some("zh"),
            &[
                ("Huawei（华为） said on Monday，it would appeal.", 7),
                ("He said “no” and left — twice.", 9),
            ],
        );
        let got: Vec<_> = flaws(&a)
            .into_iter()
            .map(|f| (f.kind, f.line, f.found))
            .collect();
        assert_eq!(
            got,
            [
                (FlawKind::FullWidth, 7, "（".to_string()),
                (FlawKind::Cjk, 7, "华为".to_string()),
                (FlawKind::FullWidth, 7, "）".to_string()),
                (FlawKind::FullWidth, 7, "，".to_string()),
            ]
        );
    }

    #[test]
    fn scripts_are_not_flaws_in_articles_written_in_them_or_not_translated() {
        let text = [("华为周一表示，将提出上诉。", 3)];
        assert!(flaws(&article("zh-Hans", Some("en"), &text)).is_empty());
        assert!(flaws(&article("en", None, &text)).is_empty());
        assert!(!flaws(&article("en", Some("zh"), &text)).is_empty());
    }

    #[test]
    fn sentences_glued_where_the_rule_declined_are_flaws() {
        assert_eq!(
            fused_spots("Users complained about the update.WeChat later rolled it back."),
            ["update.WeChat"]
        );
        assert_eq!(
            fused_spots("made by TSMC.Huawei designs; he said.iPhone sales rose"),
            ["TSMC.Huawei", "said.iPhone"]
        );
        for clean in [
            "It rose 3.5% in the U.S. and e.g. in Node.js, see www.Baidu.com and a.B.c today.",
            "Read report.pdf or news.Sina.com.cn/x or mail@Example.com or x.Y or the end. Next",
        ] {
            assert!(fused_spots(clean).is_empty(), "{clean}");
        }
    }

    #[test]
    fn a_name_spelled_two_ways_across_articles_is_found() {
        let a = article(
            "en",
            None,
            &[
                (
                    "Users of TikTok say TikTok is fun, and Kai-Fu Lee agrees.",
                    3,
                ),
                ("They met Kaifu Lee at the Tik Tok office.", 5),
            ],
        );
        let b = article("en", None, &[("The Huawei phone and HUAWEI brand.", 2)]);
        let found = spelling_variants(&[a, b]);
        let names: Vec<Vec<(&str, usize)>> = found
            .iter()
            .map(|v| v.spellings.iter().map(|s| (s.0.as_str(), s.1)).collect())
            .collect();
        assert_eq!(
            names,
            [
                vec![("Kai-Fu", 1), ("Kaifu", 1)],
                vec![("Kai-Fu Lee", 1), ("Kaifu Lee", 1)],
                vec![("TikTok", 2), ("Tik Tok", 1)],
            ]
        );
    }

    #[test]
    fn a_paragraph_of_eight_words_or_more_repeated_is_a_duplicate() {
        let long = "The operator said the new route would open in the spring.";
        let a = article(
            "en",
            None,
            &[(long, 3), ("Short line.", 5), ("Short line.", 7), (long, 9)],
        );
        let got = flaws(&a);
        assert_eq!(got.len(), 1);
        assert_eq!(
            (got[0].kind, got[0].line, got[0].first_line),
            (FlawKind::Duplicate, 9, Some(3))
        );
    }
}
