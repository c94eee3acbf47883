//! How text becomes search terms: the one definition, which `static/search.js` repeats line
//! for line for the query and for highlighting (the browser test in `tests/suite/search.rs`
//! checks the two agree).
//!
//! **Folding**, one character at a time so that a position in the folded text always maps back
//! to one character of the original: compatibility decomposition (NFKD: full-width `Ａ` → `A`,
//! `ﬁ` → `fi`, `①` → `1`), lower case, the Latin combining diacritics dropped (`é` → `e`,
//! `Ø` stays `ø`), then composed again (NFC, so Hangul syllables and Japanese voiced kana
//! come back whole), and `ß` → `ss`, final `ς` → `σ`.
//!
//! **Tokens**: a run of letters and digits of any script but the CJK ones is a word (`5g`,
//! `müller` → `muller`), cut to [`MAX_TERM`] characters. Chinese, Japanese and Korean text has
//! no spaces between words, so each CJK character is a term and so is each pair of adjacent
//! ones (overlapping bigrams: `鸿蒙系统` → `鸿`, `鸿蒙`, `蒙`, `蒙系`, `系`, `系统`, `统`). A query of
//! two or more CJK characters then asks for all its bigrams, a one-character query for the
//! character: together they find every article today's substring search found (a few more:
//! the bigrams may sit apart).
//!
//! Never: stemming, stop words or language detection — a term is what the text has.

/// The longest word kept, in characters; longer runs (links, hashes) are cut to it, in the
/// query too, so they still match. Written into the manifest for `search.js`.
pub(crate) const MAX_TERM: usize = 64;

/// Compatibility decomposition, built from data compiled into icu_normalizer, which folio's
/// dependency tree already has (URL handling in ammonia); no second Unicode table is built.
const NFKD: icu_normalizer::DecomposingNormalizerBorrowed<'static> =
    icu_normalizer::DecomposingNormalizerBorrowed::new_nfkd();
const NFC: icu_normalizer::ComposingNormalizerBorrowed<'static> =
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc();

/// The combining diacritics folding drops (search.js: `MARKS`).
fn is_dropped_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Chinese, Japanese and Korean characters, indexed as characters and bigrams (search.js:
/// `CJK`): Hangul Jamo, CJK radicals, 々〆〇, kana, Bopomofo, Hangul compatibility Jamo,
/// Katakana extensions, CJK Extension A, Unified Ideographs, Hangul Jamo Extended-A, Hangul
/// syllables and Jamo Extended-B, compatibility ideographs, and the supplementary ideograph
/// planes.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3005..=0x3007
        | 0x3040..=0x30FF
        | 0x3100..=0x318F
        | 0x31A0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF)
}

/// A word character (search.js: `/[\p{Alphabetic}\p{N}]/u`), unless it is CJK.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Appends the folded form of `c` to `out` (nothing, one character or a few).
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let decomposed = NFKD
        .normalize_iter(std::iter::once(c))
        .flat_map(char::to_lowercase)
        .filter(|&l| !is_dropped_mark(l));
    for f in NFC.normalize_iter(decomposed) {
        match f {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            _ => out.push(f),
        }
    }
}

/// The folded form of a whole text.
#[cfg(test)]
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// What a term is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A word of letters and digits.
    Word,
    /// One CJK character.
    Char,
    /// Two adjacent CJK characters.
    Bigram,
}

/// Splits text into terms, folding as it goes; `emit` gets each term in text order (a CJK
/// character before the bigram it ends). The scratch buffers live in the tokenizer, so one
/// tokenizer serves many texts without allocating per term.
#[derive(Default)]
pub(crate) struct Tokenizer {
    folded: String,
    word: String,
    word_chars: usize,
    term: String,
}

impl Tokenizer {
    pub(crate) fn tokens(&mut self, text: &str, emit: &mut impl FnMut(&str, Kind)) {
        self.word.clear();
        self.word_chars = 0;
        let mut previous_cjk: Option<char> = None;
        for c in text.chars() {
            self.folded.clear();
            fold_char(c, &mut self.folded);
            // `folded` is borrowed while the word grows: take it out for the loop.
            let folded = std::mem::take(&mut self.folded);
            for f in folded.chars() {
                if is_cjk(f) {
                    self.end_word(emit);
                    self.term.clear();
                    self.term.push(f);
                    emit(&self.term, Kind::Char);
                    if let Some(p) = previous_cjk {
                        self.term.clear();
                        self.term.push(p);
                        self.term.push(f);
                        emit(&self.term, Kind::Bigram);
                    }
                    previous_cjk = Some(f);
                } else if is_word(f) {
                    previous_cjk = None;
                    if self.word_chars < MAX_TERM {
                        self.word.push(f);
                        self.word_chars += 1;
                    }
                } else {
                    previous_cjk = None;
                    self.end_word(emit);
                }
            }
            self.folded = folded;
        }
        self.end_word(emit);
    }

    fn end_word(&mut self, emit: &mut impl FnMut(&str, Kind)) {
        if !self.word.is_empty() {
            emit(&self.word, Kind::Word);
            self.word.clear();
            self.word_chars = 0;
        }
    }
}

/// Every term of `text`, in order (tests and the query parser).
pub(crate) fn terms(text: &str) -> Vec<(String, Kind)> {
    let mut out = Vec::new();
    Tokenizer::default().tokens(text, &mut |t, k| out.push((t.to_string(), k)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_width_and_latin_diacritics() {
        for (text, folded) in [
            ("Huawei", "huawei"),
            ("Müller Zoë José", "muller zoe jose"),
            ("Ørjan", "ørjan"),
            ("ＡＢＣ１２３", "abc123"),
            ("ﬁnance", "finance"),
            ("Straße", "strasse"),
            ("ΟΔΟΣ", "οδοσ"),
            ("İstanbul", "istanbul"),
            ("가나", "가나"),
            ("ガギ", "ガギ"),
            ("华为", "华为"),
            ("①", "1"),
        ] {
            assert_eq!(fold(text), folded, "{text}");
        }
    }

    #[test]
    fn words_and_cjk_bigrams() {
        let t = terms("Huawei's 5G网络, 鸿蒙系统!");
        let got: Vec<(&str, Kind)> = t.iter().map(|(s, k)| (s.as_str(), *k)).collect();
        use Kind::*;
        assert_eq!(
            got,
            [
                ("huawei", Word),
                ("s", Word),
                ("5g", Word),
                ("网", Char),
                ("络", Char),
                ("网络", Bigram),
                ("鸿", Char),
                ("蒙", Char),
                ("鸿蒙", Bigram),
                ("系", Char),
                ("蒙系", Bigram),
                ("统", Char),
                ("系统", Bigram),
            ]
        );
    }

    #[test]
    fn long_words_are_cut_and_a_lone_cjk_character_is_a_term() {
        let long = "x".repeat(200);
        let t = terms(&format!("{long} 的"));
        assert_eq!(t[0].0.chars().count(), MAX_TERM);
        assert_eq!(t[1], ("的".to_string(), Kind::Char));
        assert_eq!(t.len(), 2);
    }
}
