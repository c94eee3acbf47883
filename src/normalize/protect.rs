//! Finds the spans of a text that no rule may touch: Markdown code (fenced blocks and inline
//! spans), raw HTML tags and comments, Markdown link destinations, URLs, e-mail addresses and
//! file paths. A normalizer that edits a URL or a code sample breaks it, so the engine drops every
//! proposed edit that overlaps one of these spans.
//!
//! This module only finds spans; it never edits. It errs towards protecting too much.

use std::ops::Range;

/// Sorted, non-overlapping protected byte ranges of one text.
#[derive(Debug, Default, Clone)]
pub struct Protected {
    spans: Vec<Range<usize>>,
}

impl Protected {
    /// Whether `range` overlaps a protected span. An empty range (an insertion) counts as
    /// overlapping when it lies strictly inside a span.
    pub fn overlaps(&self, range: &Range<usize>) -> bool {
        let i = self.spans.partition_point(|s| s.end <= range.start);
        self.spans.get(i).is_some_and(|s| {
            if range.start == range.end {
                s.start < range.start && range.start < s.end
            } else {
                s.start < range.end
            }
        })
    }

    /// Adds spans (for example those carried over from an earlier pass).
    pub fn extend(&mut self, more: &[Range<usize>]) {
        if more.is_empty() {
            return;
        }
        self.spans.extend_from_slice(more);
        self.spans = merge(std::mem::take(&mut self.spans));
    }

    pub fn spans(&self) -> &[Range<usize>] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Computes the protected spans of `text`. `markdown` adds link destinations; the rest applies
/// to plain text too (a URL in a scrape is still a URL, and a fenced block in a raw article is
/// still code).
pub fn find(text: &str, markdown: bool) -> Protected {
    let mut spans = Vec::new();
    let b = text.as_bytes();
    fenced_blocks(text, &mut spans);
    if markdown {
        link_destinations(b, &mut spans);
    }
    code_spans(b, &mut spans);
    html(b, &mut spans);
    if !markdown && !spans.is_empty() {
        // Formatting tags that are residue in plain text are the `stray-markup` rule's to
        // remove, not markup to keep.
        let residue = super::stray_markup::plain_residue_tags(text);
        spans.retain(|s| !residue.contains(s));
    }
    tokens(text, &mut spans);
    Protected {
        spans: merge(spans),
    }
}

/// Sorts spans and merges overlapping or touching ones.
fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for s in spans {
        if s.start >= s.end {
            continue;
        }
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s),
        }
    }
    merged
}

/// ```` ``` ```` and `~~~` fences, to the closing fence or the end of the text.
fn fenced_blocks(text: &str, spans: &mut Vec<Range<usize>>) {
    let mut offset = 0;
    let mut open: Option<(usize, u8, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let fence = trimmed
            .as_bytes()
            .first()
            .copied()
            .filter(|c| *c == b'`' || *c == b'~');
        let run = fence.map_or(0, |c| trimmed.bytes().take_while(|&x| x == c).count());
        match (open, fence) {
            (None, Some(c)) if run >= 3 => open = Some((offset, c, run)),
            (Some((start, c, n)), Some(f))
                if f == c && run >= n && trimmed[run..].trim().is_empty() =>
            {
                spans.push(start..offset + line.len());
                open = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((start, _, _)) = open {
        spans.push(start..text.len());
    }
}

/// `` `code` `` with matching backtick runs. An unmatched run protects nothing.
fn code_spans(b: &[u8], spans: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'`', &b[i..]) {
        let start = i + p;
        let run = b[start..].iter().take_while(|&&c| c == b'`').count();
        let mut j = start + run;
        let mut closed = None;
        while let Some(q) = memchr::memchr(b'`', &b[j..]) {
            let s = j + q;
            let r = b[s..].iter().take_while(|&&c| c == b'`').count();
            if r == run {
                closed = Some(s + r);
                break;
            }
            j = s + r;
        }
        match closed {
            Some(end) => {
                spans.push(start..end);
                i = end;
            }
            None => i = start + run,
        }
    }
}

/// `](destination)` of inline links and images.
fn link_destinations(b: &[u8], spans: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while let Some(p) = memchr::memmem::find(&b[i..], b"](") {
        let start = i + p + 2;
        let mut depth = 1usize;
        let mut j = start;
        while j < b.len() && b[j] != b'\n' {
            match b[j] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        spans.push(start..j.min(b.len()));
        i = start;
    }
}

/// `<tag …>`, `</tag>`, `<!-- … -->` and autolinks `<https://…>`; also a spaced-out tag that
/// holds attributes (`< div class="x" >`), whose values are code. `<br / >`, `< p >` and `</ p>`
/// are not tags (the `stray-markup` rule removes them from plain text).
fn html(b: &[u8], spans: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            let end =
                memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| start + 4 + e + 3);
            spans.push(start..end);
            i = end;
            continue;
        }
        let looks_like_tag = match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => true,
            Some(b'/') | Some(b'!') | Some(b'?') => {
                rest.get(1).is_some_and(u8::is_ascii_alphabetic)
            }
            _ => false,
        };
        // `< div class="x" >`: spaced out, so not a tag, but its attribute values are still
        // code that typography must not curl.
        let spaced_with_attributes = rest.first() == Some(&b' ') && {
            let name = rest.iter().position(|&c| c != b' ');
            name.is_some_and(|n| rest[n].is_ascii_alphabetic() || rest[n] == b'/')
        };
        if looks_like_tag || spaced_with_attributes {
            let limit = (start + 1 + 2000).min(b.len());
            if let Some(e) = b[start + 1..limit]
                .iter()
                .position(|&c| c == b'>' || c == b'<')
            {
                let inside = &b[start + 1..start + 1 + e];
                // `<br / >` has a slash no tag ends in: spelled-out residue, not markup.
                let slash_then_space = inside
                    .iter()
                    .rposition(|&c| c != b' ')
                    .is_some_and(|l| inside[l] == b'/' && l + 1 < inside.len());
                let is_tag = if looks_like_tag {
                    !slash_then_space
                } else {
                    memchr::memmem::find(inside, b"=\"").is_some()
                        || memchr::memmem::find(inside, b"='").is_some()
                };
                if b[start + 1 + e] == b'>' && is_tag {
                    spans.push(start..start + e + 2);
                    i = start + e + 2;
                    continue;
                }
            }
        }
        i = start + 1;
    }
}

/// Whitespace-separated tokens that are URLs, e-mail addresses or paths. Only a token holding
/// one of `: / @ . \\` can be one, so the scan jumps from one such byte to the next and finds
/// the token around it; the rest of the text is never split into tokens.
fn tokens(text: &str, spans: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut marks = memchr::memchr3_iter(b':', b'/', b'@', b).peekable();
    let mut more_marks = memchr::memchr2_iter(b'.', b'\\', b).peekable();
    // The end of the last token looked at.
    let mut done = 0;
    loop {
        while marks.next_if(|&p| p < done).is_some() {}
        while more_marks.next_if(|&p| p < done).is_some() {}
        let Some(&mark) = [marks.peek(), more_marks.peek()]
            .into_iter()
            .flatten()
            .min()
        else {
            break;
        };
        let start = token_start(b, mark, done);
        // Separators start only at character boundaries, so a byte loop cannot split a char.
        let mut end = mark;
        while end < b.len() && separator_len(b, end) == 0 {
            end += 1;
        }
        done = end;
        // The end of a self-closing tag glued to a word (`<br />Violators`) opens no path.
        let start = if text[start..end].starts_with("/>") {
            start + 2
        } else {
            start
        };
        let token = &text[start..end];
        if token.len() < 4 {
            continue;
        }
        if let Some(r) = url(token)
            .or_else(|| email(token))
            .or_else(|| bare_domain(token))
            .or_else(|| path(token))
        {
            spans.push(start + r.start..start + r.end);
        }
    }
}

/// The start of the token holding byte `at`: just after the last separator before it, or
/// `floor` (a token boundary) if there is none in between.
fn token_start(b: &[u8], at: usize, floor: usize) -> usize {
    let mut q = at;
    // A separator ends at `q` if one of length k starts k bytes before it.
    while q > floor && !(1..=3).any(|k| q >= k && separator_len(b, q - k) == k) {
        q -= 1;
    }
    q
}

/// The length of the token separator starting at byte `i`, or 0. Tokens end at whitespace and
/// at characters no URL or path contains unescaped (`"`, dashes, curly double quotes,
/// guillemets, no-break space), so that a dash or quote glued to a URL by an edit does not
/// change what is protected. Matched on UTF-8 bytes: this runs for every byte of every field.
fn separator_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        c if c < 0x80 => usize::from(c.is_ascii_whitespace() || c == b'"'),
        // U+00A0 no-break space, U+00AB «, U+00BB »
        0xC2 if matches!(b.get(i + 1), Some(0xA0 | 0xAB | 0xBB)) => 2,
        // U+2013 –, U+2014 —, U+201C “, U+201D ”
        0xE2 if b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x93 | 0x94 | 0x9C | 0x9D)) =>
        {
            3
        }
        _ => 0,
    }
}

/// The first position of `needle` in `haystack`. Tokens are short, so a plain window scan is
/// cheaper than setting up a substring searcher for each one.
fn find_bytes(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
}

/// [`find_bytes`] ignoring ASCII case.
fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The byte just after the last character of `s` matching `pred` (0 when none does).
fn after_last(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn trim_trailing_punct(token: &str, from: usize) -> Range<usize> {
    let t = token.trim_end_matches([
        '.', ',', ';', ':', '!', '?', ')', ']', '"', '\'', '’', '”', '»', '>',
    ]);
    from..t.len().max(from)
}

fn url(token: &str) -> Option<Range<usize>> {
    let lower_start = find_bytes(token, "://").map(|p| {
        after_last(&token[..p], |c: char| {
            !c.is_ascii_alphanumeric() && c != '+' && c != '-' && c != '.'
        })
    });
    if let Some(s) = lower_start {
        if s < token.len() && find_bytes(&token[s..], "://").is_some_and(|p| p > 0) {
            return Some(trim_trailing_punct(token, s));
        }
    }
    if let Some(s) = find_bytes(token, "www.") {
        if s == 0 || !token.as_bytes()[s - 1].is_ascii_alphanumeric() {
            return Some(trim_trailing_punct(token, s));
        }
    }
    None
}

/// Bare domains with a common top-level domain, with or without a path: `sohu.com/page`.
fn bare_domain(token: &str) -> Option<Range<usize>> {
    const TLDS: &[&str] = &[
        ".com", ".org", ".net", ".cn", ".io", ".gov", ".edu", ".co.uk", ".de",
    ];
    // Every test below is blind to ASCII case, so the token is searched as written.
    for tld in TLDS {
        if let Some(p) = find_ignore_ascii_case(token, tld) {
            let after = token.as_bytes().get(p + tld.len()).copied();
            let ok_after = matches!(after, None | Some(b'/') | Some(b':'))
                || after.is_some_and(|c| !c.is_ascii_alphanumeric() && c != b'.' && c != b'-');
            if p > 0 && token.as_bytes()[p - 1].is_ascii_alphanumeric() && ok_after {
                let s = after_last(&token[..p], |c: char| {
                    !(c.is_ascii_alphanumeric() || c == '.' || c == '-')
                });
                return Some(trim_trailing_punct(token, s));
            }
        }
    }
    None
}

fn email(token: &str) -> Option<Range<usize>> {
    let at = token.find('@')?;
    let local_start = after_last(&token[..at], |c: char| {
        !(c.is_ascii_alphanumeric() || "._%+-".contains(c))
    });
    let domain = &token[at + 1..];
    let dom_len = domain
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(domain.len());
    let dom = domain[..dom_len].trim_end_matches('.');
    if local_start < at && dom.contains('.') && !dom.starts_with('.') {
        Some(local_start..at + 1 + dom.len())
    } else {
        None
    }
}

/// Quotes and brackets that may open a token before a path. Every quote the typography rule
/// can turn a straight one into is here, so a path is protected the same before and after.
const OPENING_PUNCT: &[char] = &['(', '[', '"', '\'', '“', '”', '‘', '’', '„', '‚', '«', '»'];

fn path(token: &str) -> Option<Range<usize>> {
    // A tag glued to the end (`x/a</p>`) is HTML, not part of the path.
    let token = &token[..token.find('<').unwrap_or(token.len())];
    let t = token.trim_start_matches(OPENING_PUNCT);
    let mut s = token.len() - t.len();
    // A character reference before the first slash (`x&#8221;/a`) is escaped prose glued to
    // the path: the path starts after it, so the reference can still be decoded.
    let first_slash = t.find('/').unwrap_or(t.len());
    let reference_end = t[..first_slash]
        .rfind(';')
        .filter(|&k| t[..k].contains('&'))
        .map_or(0, |k| k + 1);
    // The `;` that ends such a reference stays before the path when what precedes it is cut
    // off as a token of its own (`&&—;//x`, once typography made `---` a dash): the path is
    // protected the same either way.
    let reference_end = if reference_end == 0 && t.starts_with(";/") {
        1
    } else {
        reference_end
    };
    let t = &t[reference_end..];
    s += reference_end;
    let b = t.as_bytes();
    let unix =
        (t.starts_with('/') || t.starts_with("./") || t.starts_with("../") || t.starts_with("~/"))
            && t.len() > 2
            && t[1..].contains(|c: char| c.is_ascii_alphanumeric());
    let windows = b.len() > 3
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b[2] == b'\\' || b[2] == b'/');
    let unc = t.starts_with("\\\\") && t[2..].contains('\\');
    let segments =
        t.matches('/').count() >= 2 && !t.contains("//") && t.split('/').all(|p| !p.contains(' '));
    if unix || windows || unc || segments {
        Some(trim_trailing_punct(token, s))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn protected(text: &str, markdown: bool) -> Vec<&str> {
        find(text, markdown)
            .spans()
            .iter()
            .map(|r| &text[r.clone()])
            .collect()
    }

    #[test]
    fn a_path_is_protected_whatever_quotes_open_it() {
        // Found by the `normalize` fuzz target: in `''/'f` the path `/'f` was protected behind
        // straight quotes but not once typography had curled them to `‘’`, so the second pass
        // curled the quote inside it.
        for text in ["''/'f", "‘’/'f", "„‚/'f", "« ‘/'f"] {
            assert_eq!(protected(text, false), ["/'f"], "{text:?}");
        }
    }

    #[test]
    fn finds_what_must_not_be_edited() {
        let rows: &[(&str, bool, &[&str])] = &[
            (
                "see https://example.com/a?b=c.",
                false,
                &["https://example.com/a?b=c"],
            ),
            ("at www.sohu.com, today", false, &["www.sohu.com"]),
            ("mail me@example.org now", false, &["me@example.org"]),
            (
                "edit /etc/hosts or ./run.sh",
                false,
                &["/etc/hosts", "./run.sh"],
            ),
            ("open C:\\Users\\a now", false, &["C:\\Users\\a"]),
            ("run `cant dont` now", true, &["`cant dont`"]),
            (
                "a <span class=\"x\">b</span>",
                true,
                &["<span class=\"x\">", "</span>"],
            ),
            ("[dont](https://x.y/dont) here", true, &["https://x.y/dont"]),
            ("x <!-- cant --> y", false, &["<!-- cant -->"]),
            // A reference's `;` before the path, with or without the reference before it.
            ("&&---;//S_ ,d and x—;//S_ ,d", false, &["//S_", "//S_"]),
            (
                "see—https://a.com/x” and «www.b.org» or\u{a0}/etc/hosts.",
                false,
                &["https://a.com/x", "www.b.org", "/etc/hosts"],
            ),
            ("```\ncant\n```\nafter", true, &["```\ncant\n```\n"]),
            ("```\ncant\n\n```\nafter", false, &["```\ncant\n\n```\n"]),
            (
                "x&#8221;/a</p> and <br / > and < p class=\"k\" >",
                false,
                &["</p>", "< p class=\"k\" >"],
            ),
        ];
        for &(text, md, want) in rows {
            assert_eq!(protected(text, md), want, "{text}");
        }
    }

    #[test]
    fn leaves_prose_unprotected() {
        let rows = [
            "R & D and AT&T cost 3.5 times more.",
            "and/or the worlds largest market",
            "1 < 2 and 3 > 2",
            "Source: Houchang editor in charge",
            "a ` stray backtick",
            "a < p > and </ p> and <br / >",
        ];
        for text in rows {
            assert!(
                find(text, true).is_empty(),
                "{text}: {:?}",
                protected(text, true)
            );
        }
    }

    #[test]
    fn insertions_at_a_span_edge_are_allowed() {
        let p = find("x `code` y", true);
        assert!(!p.overlaps(&(2..2)));
        assert!(p.overlaps(&(3..3)));
        assert!(!p.overlaps(&(8..8)));
        assert!(p.overlaps(&(0..3)));
        assert!(!p.overlaps(&(0..2)));
    }
}
