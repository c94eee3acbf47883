//! The `typography` rule: straight quotes become curly quotes of the book's language, straight
//! apostrophes become `’`, `--`/`---` become dashes and `...` an ellipsis. It is on by default
//! for output and switched separately from the cleanup rules; restored apostrophes follow it.
//!
//! It never changes a word, and leaves what only looks like typography: inch marks after digits,
//! `--flags`, `-->` arrows, Markdown rules and table lines, runs of four or more dots.

use super::{Proposal, RuleId};
use crate::config::normalize::TypographyOptions;

/// The quote characters of one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotes {
    open2: char,
    close2: char,
    open1: char,
    close1: char,
}

impl Quotes {
    /// Quotes by the primary subtag of a BCP 47 tag; English (and unknown languages) get “ ” ‘ ’.
    pub fn for_language(tag: &str) -> Quotes {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let (open2, close2, open1, close1) = match primary.as_str() {
            "de" | "cs" | "sk" | "sl" | "lt" | "is" => ('„', '“', '‚', '‘'),
            "fr" | "es" | "it" | "pt" | "ru" | "uk" | "ca" | "el" | "no" | "nb" => {
                ('«', '»', '“', '”')
            }
            "pl" | "hu" | "ro" | "nl" | "hr" => ('„', '”', '‚', '’'),
            "sv" | "fi" => ('”', '”', '’', '’'),
            _ => ('“', '”', '‘', '’'),
        };
        Quotes {
            open2,
            close2,
            open1,
            close1,
        }
    }

    /// The curly form of a straight quote at `pos`, or `None` when it must stay (an inch mark,
    /// a stray quote with space on both sides).
    fn curl(&self, prev: Option<char>, next: Option<char>, double: bool) -> Option<char> {
        let opens =
            |c: Option<char>| c.is_none_or(|c| c.is_whitespace() || "([{<—–-/“‘«„".contains(c));
        let spaced_after = next.is_none_or(char::is_whitespace);
        if double {
            if prev.is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            return match (opens(prev), spaced_after) {
                (true, true) => None,
                (true, false) => Some(self.open2),
                (false, _) => Some(self.close2),
            };
        }
        if prev.is_some_and(char::is_alphanumeric) {
            // 5'10": feet and inches, like the inch mark above, stay straight.
            if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit())
            {
                return None;
            }
            return Some('’');
        }
        if opens(prev) {
            if spaced_after {
                return None;
            }
            // '90s: an elided century is an apostrophe, not an opening quote.
            if next.is_some_and(|c| c.is_ascii_digit()) {
                return Some('’');
            }
            return Some(self.open1);
        }
        Some(self.close1)
    }

    /// Curls the straight quotes of `s`, which replaces `text[start..end]`, judging direction
    /// from the text around it. Used by rules that decode a quote out of an escape or entity.
    pub fn curl_isolated(&self, text: &str, start: usize, end: usize, s: &str) -> String {
        if !s.contains(['"', '\'']) {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len() + 4);
        let mut prev = text[..start].chars().next_back();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let next = chars.peek().copied().or_else(|| text[end..].chars().next());
            let curled = match c {
                '"' => self.curl(prev, next, true),
                '\'' => self.curl(prev, next, false),
                _ => None,
            };
            out.push(curled.unwrap_or(c));
            prev = Some(c);
        }
        out
    }
}

pub(crate) fn propose(
    text: &str,
    markdown: bool,
    opts: &TypographyOptions,
    quotes: &Quotes,
    out: &mut Vec<Proposal>,
) {
    let b = text.as_bytes();
    // Only quotes, hyphens and dots can change; jump from one to the next instead of looking
    // at every byte (each iterator still passes over the text once).
    let mut marks = memchr::memchr3_iter(b'"', b'\'', b'-', b).peekable();
    let mut dots = memchr::memchr_iter(b'.', b).peekable();
    let mut i = 0;
    loop {
        while marks.next_if(|&p| p < i).is_some() {}
        while dots.next_if(|&p| p < i).is_some() {}
        let Some(&next) = [marks.peek(), dots.peek()].into_iter().flatten().min() else {
            break;
        };
        i = next;
        let c = b[i];
        match c {
            b'"' | b'\'' if opts.quotes => {
                let prev = text[..i].chars().next_back();
                let next = text[i + 1..].chars().next();
                if let Some(q) = quotes.curl(prev, next, c == b'"') {
                    out.push(Proposal::new(RuleId::Typography, i..i + 1, q.to_string()));
                }
                i += 1;
            }
            b'-' if opts.dashes => {
                let n = b[i..].iter().take_while(|&&x| x == b'-').count();
                if let Some(dash) = dash_for(text, i, n, markdown) {
                    out.push(Proposal::new(
                        RuleId::Typography,
                        i..i + n,
                        dash.to_string(),
                    ));
                }
                i += n;
            }
            b'.' if opts.ellipsis => {
                let n = b[i..].iter().take_while(|&&x| x == b'.').count();
                if n == 3 {
                    out.push(Proposal::new(RuleId::Typography, i..i + 3, "…".to_string()));
                }
                i += n;
            }
            _ => i += 1,
        }
    }
}

fn dash_for(text: &str, at: usize, n: usize, markdown: bool) -> Option<char> {
    if n != 2 && n != 3 {
        return None;
    }
    let prev = text[..at].chars().next_back();
    let next = text[at + n..].chars().next();
    // `--write`, `<!--`, `-->`: not dashes.
    if prev.is_none_or(char::is_whitespace) && next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    if prev == Some('<') || prev == Some('!') || next == Some('>') {
        return None;
    }
    if markdown {
        let line_start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |p| at + p);
        if text[line_start..line_end]
            .chars()
            .all(|c| " -|:*_=".contains(c))
        {
            return None;
        }
    }
    let digits =
        prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit());
    Some(if n == 2 && digits { '–' } else { '—' })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, lang: &str) -> String {
        let mut props = Vec::new();
        propose(
            text,
            true,
            &TypographyOptions::default(),
            &Quotes::for_language(lang),
            &mut props,
        );
        super::super::apply_simple(text, &props)
    }

    #[test]
    fn makes_typographic_characters() {
        let rows = [
            ("\"Hello,\" she said.", "en", "“Hello,” she said."),
            ("don't 'quote' me", "en", "don’t ‘quote’ me"),
            ("the '90s", "en", "the ’90s"),
            ("wait--what", "en", "wait—what"),
            ("pages 10--20", "en", "pages 10–20"),
            ("so --- there", "en", "so — there"),
            ("and then...", "en", "and then…"),
            ("\"Hallo\"", "de", "„Hallo“"),
            ("\"Bonjour\"", "fr", "«Bonjour»"),
            ("(\"x\")", "en", "(“x”)"),
            ("the 1980's and Q3's", "en", "the 1980’s and Q3’s"),
        ];
        for (input, lang, want) in rows {
            assert_eq!(run(input, lang), want, "{input}");
        }
    }

    #[test]
    fn leaves_look_alikes_alone() {
        let rows = [
            "a 27\" screen",
            "run --write now",
            "a --> b",
            "---",
            "| a | b |\n|---|---|",
            "wait....",
            "a \" b",
            "one-two",
            "“already” ‘curly’ — …",
            "pass --flag and --dry-run",
            "a 5'10\" player",
        ];
        for input in rows {
            assert_eq!(run(input, "en"), input, "{input}");
        }
    }
}
