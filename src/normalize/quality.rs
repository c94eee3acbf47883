//! Machine-translation quality: what a normalized article still shows that no rule fixes on
//! its own — Chinese, Japanese or Korean characters left in a translated article, full-width
//! punctuation (`，` `。` `（`) the translation carried over, and a paragraph that appears twice
//! (an aggregator's doubled standfirst, a scrape pasted twice). `folio check` reports them
//! (`mt-cjk`, `mt-fullwidth`, `mt-duplicate`); a reader's eye would catch them, a validator
//! never does.
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
