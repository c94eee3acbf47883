//! Markdown in one place: the pulldown-cmark options, splitting a Markdown body into model
//! [`Block`]s, and rendering a block's inline text to an HTML fragment.
//!
//! Blocks keep their inline Markdown *source* (not rendered HTML) so the normalizer can edit
//! prose while leaving code spans and links alone, and so positions map back to the file. This
//! module knows nothing about pages or disk.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::model::{Block, BlockKind, Markup};

fn options() -> Options {
    // No smart punctuation: typography is the normalizer's rule, switchable per book, and a
    // Markdown file must render like the scrape it was imported from.
    Options::ENABLE_STRIKETHROUGH
}

/// Splits a Markdown body into blocks. `first_line` is the file line of the body's first line.
pub fn parse_blocks(body: &str, first_line: u32) -> Vec<Block> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| -> u32 {
        let idx = line_starts.partition_point(|&s| s <= offset);
        first_line + idx.saturating_sub(1) as u32
    };

    let mut blocks = Vec::new();
    // Open containers: (kind of container, list ordered?, next number)
    let mut lists: Vec<(bool, Option<u64>)> = Vec::new();
    let mut in_quote = 0usize;
    // The leaf block being collected: kind and the byte range of its inline content.
    let mut leaf: Option<(BlockKind, Option<Range<usize>>, usize)> = None;
    let mut code: Option<(Option<String>, String, usize)> = None;
    let mut image_only: Option<(String, String)> = None;
    let mut leaf_events = 0usize;

    let mut events = Parser::new_ext(body, options())
        .into_offset_iter()
        .peekable();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Paragraph) => {
                let kind = if in_quote > 0 {
                    BlockKind::Quote
                } else if let Some(&(ordered, number)) = lists.last() {
                    if leaf_is_pending_item(&leaf) {
                        // Loose list: the item's first paragraph carries the item's text.
                        leaf.take().map_or(BlockKind::Paragraph, |(k, _, _)| k)
                    } else {
                        BlockKind::ListItem {
                            ordered,
                            number,
                            depth: (lists.len() - 1) as u8,
                        }
                    }
                } else {
                    BlockKind::Paragraph
                };
                leaf = Some((kind, None, range.start));
                leaf_events = 0;
                image_only = None;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let level = heading_level(level);
                leaf = Some((BlockKind::Heading { level }, None, range.start));
                leaf_events = 0;
            }
            Event::Start(Tag::List(start)) => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                lists.push((start.is_some(), start));
            }
            Event::End(TagEnd::List(_)) => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                let depth = lists.len().saturating_sub(1) as u8;
                let (ordered, number) = lists.last().copied().unwrap_or((false, None));
                leaf = Some((
                    BlockKind::ListItem {
                        ordered,
                        number,
                        depth,
                    },
                    None,
                    range.start,
                ));
                leaf_events = 0;
                if let Some(last) = lists.last_mut()
                    && let Some(n) = last.1.as_mut()
                {
                    *n += 1;
                }
            }
            Event::End(TagEnd::Item) => flush_item(&mut leaf, body, &line_of, &mut blocks),
            Event::Start(Tag::BlockQuote(_)) => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                in_quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => in_quote = in_quote.saturating_sub(1),
            Event::Start(Tag::CodeBlock(kind)) => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                let lang = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(l) if !l.is_empty() => {
                        Some(l.split_whitespace().next().unwrap_or("").to_string())
                    }
                    _ => None,
                };
                code = Some((lang, String::new(), range.start));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, mut text, start)) = code.take() {
                    if text.ends_with('\n') {
                        text.pop();
                    }
                    blocks.push(Block {
                        kind: BlockKind::Code { lang },
                        text,
                        line: line_of(start) + 1,
                        markup: Markup::Plain,
                    });
                }
            }
            Event::Html(html) if leaf.is_none() => {
                // An HTML block arrives as one event per line; merge consecutive ones.
                let start = range.start;
                let mut end = range.end;
                let mut text = html.to_string();
                while let Some((Event::Html(more), r)) = events.peek() {
                    text.push_str(more);
                    end = r.end;
                    events.next();
                }
                let _ = end;
                blocks.push(Block {
                    kind: BlockKind::Html,
                    text: text.trim_end().to_string(),
                    line: line_of(start),
                    markup: Markup::Plain,
                });
            }
            Event::Rule => {
                flush_item(&mut leaf, body, &line_of, &mut blocks);
                blocks.push(Block {
                    kind: BlockKind::Rule,
                    text: String::new(),
                    line: line_of(range.start),
                    markup: Markup::Plain,
                });
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, text, _)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if leaf.is_some() && leaf_events == 0 => {
                image_only = Some((dest_url.to_string(), title.to_string()));
                extend(&mut leaf, range);
                leaf_events += 1;
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Heading(_)) => {
                if let Some((kind, inner, start)) = leaf.take() {
                    let kind = match (&kind, image_only.take()) {
                        (BlockKind::Paragraph, Some((src, _))) if is_single_image(body, &inner) => {
                            BlockKind::Caption {
                                src: (!src.is_empty()).then_some(src),
                            }
                        }
                        _ => kind,
                    };
                    push_leaf(kind, inner, start, body, &line_of, &mut blocks);
                }
            }
            _ => {
                if leaf.is_some() {
                    extend(&mut leaf, range);
                    leaf_events += 1;
                }
            }
        }
    }
    flush_item(&mut leaf, body, &line_of, &mut blocks);
    blocks
}

fn leaf_is_pending_item(leaf: &Option<(BlockKind, Option<Range<usize>>, usize)>) -> bool {
    matches!(leaf, Some((BlockKind::ListItem { .. }, None, _)))
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn extend(leaf: &mut Option<(BlockKind, Option<Range<usize>>, usize)>, range: Range<usize>) {
    if let Some((_, inner, _)) = leaf {
        *inner = Some(match inner.take() {
            None => range,
            Some(r) => r.start.min(range.start)..r.end.max(range.end),
        });
    }
}

/// A list item whose text came straight in (tight list) is complete at its end or when a nested
/// list or block starts.
fn flush_item(
    leaf: &mut Option<(BlockKind, Option<Range<usize>>, usize)>,
    body: &str,
    line_of: &dyn Fn(usize) -> u32,
    blocks: &mut Vec<Block>,
) {
    if matches!(leaf, Some((BlockKind::ListItem { .. }, Some(_), _)))
        && let Some((kind, inner, start)) = leaf.take()
    {
        push_leaf(kind, inner, start, body, line_of, blocks);
    }
}

fn push_leaf(
    kind: BlockKind,
    inner: Option<Range<usize>>,
    start: usize,
    body: &str,
    line_of: &dyn Fn(usize) -> u32,
    blocks: &mut Vec<Block>,
) {
    let Some(inner) = inner else { return };
    let raw = &body[inner.clone()];
    let text = if matches!(kind, BlockKind::Quote) {
        strip_quote_markers(raw)
    } else if let BlockKind::Caption { .. } = kind {
        image_alt(raw)
    } else {
        raw.trim_end().to_string()
    };
    let _ = start;
    blocks.push(Block {
        kind,
        text,
        line: line_of(inner.start),
        markup: Markup::Markdown,
    });
}

fn is_single_image(body: &str, inner: &Option<Range<usize>>) -> bool {
    inner.as_ref().is_some_and(|r| {
        let t = body[r.clone()].trim();
        t.starts_with("![") && t.ends_with(')') && !t[1..].contains("![")
    })
}

/// `![A caption](img.jpg "t")` → `A caption`.
fn image_alt(raw: &str) -> String {
    let t = raw.trim();
    let inner = t.strip_prefix("![").unwrap_or(t);
    match inner.rfind("](") {
        Some(i) => inner[..i].to_string(),
        None => inner.to_string(),
    }
}

/// Continuation lines of a quoted paragraph keep their `>` markers in the source range.
fn strip_quote_markers(raw: &str) -> String {
    raw.trim_end()
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l
            } else {
                let t = l.trim_start();
                t.strip_prefix("> ")
                    .or_else(|| t.strip_prefix('>'))
                    .unwrap_or(l)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The deepest element nesting accepted in a raw HTML block. The HTML parser behind the
/// sanitizer walks its stack of open elements for most tags, so its time grows with the square
/// of the nesting: 100,000 nested `<div>`s would take hours. Real pages stay far below this.
pub const MAX_HTML_DEPTH: usize = 256;

/// How deep elements nest in a raw HTML fragment, counted the simple way: a start tag opens
/// (unless it is a void element or self-closing), an end tag closes. Comments, doctypes and
/// the raw text of `<script>`, `<style>` and `<textarea>` are skipped. One linear pass.
pub fn html_nesting_depth(html: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[i..]) {
        i += lt;
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = 1 + usize::from(closing);
        let name_len = rest[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !rest.as_bytes()[name_start].is_ascii_alphabetic() {
            // `<!doctype`, `<?xml`, or a `<` that opens no tag.
            i += 1;
            continue;
        }
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end_quoted(rest).unwrap_or(rest.len());
        i += end;
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if VOID.contains(&name.as_str()) || rest[..end].ends_with("/>") {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if matches!(name.as_str(), "script" | "style" | "textarea") {
            // Raw text up to the matching end tag, whatever its case.
            let close = name.as_bytes();
            let mut j = i;
            i = bytes.len();
            while let Some(lt) = memchr::memchr(b'<', &bytes[j..]) {
                j += lt;
                let tag = &bytes[j + 1..];
                if tag.first() == Some(&b'/')
                    && tag.len() > close.len()
                    && tag[1..=close.len()].eq_ignore_ascii_case(close)
                {
                    i = j;
                    break;
                }
                j += 1;
            }
        }
    }
    deepest
}

/// Just past the `>` ending the tag that opens `s`, skipping quoted attribute values.
fn tag_end_quoted(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Renders a block's text as an inline HTML fragment (no surrounding `<p>`). Plain text is
/// escaped with `\n` as `<br />`; Markdown is rendered with raw HTML escaped and unsafe link
/// targets dropped. The output is also well-formed XHTML.
pub fn render_inline(text: &str, markup: Markup) -> String {
    match markup {
        Markup::Plain => plain_to_html(text),
        Markup::Markdown => markdown_inline(text),
    }
}

/// Escapes plain text for HTML/XHTML; line breaks become `<br />`.
pub fn plain_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br />\n");
        }
        escape_into(line, &mut out);
    }
    out
}

/// Escapes `&`, `<`, `>` and `"` (the set pulldown-cmark escapes, so plain and Markdown text
/// render identically), dropping characters XML forbids (see [`forbidden_in_xml`]).
pub fn escape_into(text: &str, out: &mut String) {
    escape_with(text, out, None);
}

/// [`escape_into`], and `'` written as `apostrophe` when given: templates and XML files quote
/// attributes either way, so they escape it too (`&#39;` like tera, `&apos;` in XML).
pub fn escape_with(text: &str, out: &mut String, apostrophe: Option<&str>) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => match apostrophe {
                Some(escaped) => out.push_str(escaped),
                None => out.push(c),
            },
            c if forbidden_in_xml(c) => {}
            _ => out.push(c),
        }
    }
}

/// Control characters other than tab and line breaks, and the non-characters U+FFFE/U+FFFF:
/// XML 1.0 forbids them (one makes a whole EPUB chapter unreadable) and HTML calls them parse
/// errors. DEL (U+007F) is allowed by XML but is a control character to HTML and means nothing
/// in text. Scrapes carry stray ones, so every output drops them. (The C1 controls
/// U+0080–U+009F stay: they are what mojibake is made of, and the normalizer repairs them.)
pub fn forbidden_in_xml(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        || c == '\u{7F}'
        || c == '\u{FFFE}'
        || c == '\u{FFFF}'
}

/// `text` without the characters of [`forbidden_in_xml`].
pub fn xml_text(text: &str) -> String {
    text.replace(forbidden_in_xml, "")
}

pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    escape_into(text, &mut s);
    s
}

/// A block's text as plain words for search and feeds: Markdown markup is dropped (the text of
/// links, emphasis and code is kept, raw HTML is dropped), line breaks become spaces and runs of
/// whitespace collapse to one space.
pub fn plain_text(text: &str, markup: Markup) -> String {
    let mut raw = String::with_capacity(text.len());
    match markup {
        Markup::Plain => raw.push_str(text),
        Markup::Markdown => {
            for event in Parser::new_ext(text, options()) {
                match event {
                    Event::Text(t) | Event::Code(t) => raw.push_str(&t),
                    Event::SoftBreak | Event::HardBreak => raw.push(' '),
                    _ => {}
                }
            }
        }
    }
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn markdown_inline(text: &str) -> String {
    let parser = Parser::new_ext(text, options());
    let mut skip_link_end = Vec::new();
    let events = parser.filter_map(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = is_safe_url(&dest_url);
            skip_link_end.push(!safe);
            safe.then_some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }))
        }
        Event::End(TagEnd::Link) => {
            if skip_link_end.pop().unwrap_or(false) {
                None
            } else {
                Some(Event::End(TagEnd::Link))
            }
        }
        Event::Start(Tag::Image {
            dest_url, title, ..
        }) if !is_safe_url(&dest_url) => Some(Event::Start(Tag::Image {
            link_type: LinkType::Inline,
            dest_url: CowStr::Borrowed(""),
            title,
            id: CowStr::Borrowed(""),
        })),
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => None,
        e => Some(e),
    });
    let mut html = String::with_capacity(text.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    html.trim_end().to_string()
}

/// Only web, mail and relative links become links: `javascript:`, `data:`, `vbscript:` and
/// anything unknown are dropped, whatever their case or hidden whitespace.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &cleaned[..colon];
            // A colon after a `/`, `?` or `#` is part of a relative path, not a scheme.
            if scheme.contains(['/', '?', '#']) {
                return true;
            }
            matches!(scheme, "http" | "https" | "mailto")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_drop_controls_and_del_but_keep_what_mojibake_is_made_of() {
        assert_eq!(xml_text("a\u{7}b\u{7F}c\u{FFFE}d"), "abcd");
        assert_eq!(xml_text("tab\tnew\nline\r"), "tab\tnew\nline\r");
        assert_eq!(xml_text("â\u{80}\u{99}"), "â\u{80}\u{99}");
    }

    fn kinds(body: &str) -> Vec<(String, String, u32)> {
        parse_blocks(body, 10)
            .into_iter()
            .map(|b| {
                let k = serde_json::to_value(&b.kind).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_string();
                (k, b.text, b.line)
            })
            .collect()
    }

    #[test]
    fn plain_text_drops_markup_but_keeps_words() {
        let cases = [
            ("a *b* [c](http://x) `d`", Markup::Markdown, "a b c d"),
            ("x <b>y</b>\nz", Markup::Markdown, "x y z"),
            ("a *b*\n  c", Markup::Plain, "a *b* c"),
            ("华为 的 5G", Markup::Plain, "华为 的 5G"),
        ];
        for (input, markup, want) in cases {
            assert_eq!(plain_text(input, markup), want, "{input:?}");
        }
    }

    #[test]
    fn blocks_keep_inline_source_and_file_lines() {
        let body = "# Title *here*\n\nA para with `code`\nand a second line.\n\n> quoted\n> more\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n![A caption](pic.jpg)\n\n```rust\nlet x = 1;\n```\n\n<div>raw</div>\n\n---\n";
        let got = kinds(body);
        let expected = [
            ("heading", "Title *here*", 10),
            ("paragraph", "A para with `code`\nand a second line.", 12),
            ("quote", "quoted\nmore", 15),
            ("list_item", "one", 18),
            ("list_item", "two", 19),
            ("list_item", "nested", 20),
            ("list_item", "first", 22),
            ("list_item", "second", 23),
            ("caption", "A caption", 25),
            ("code", "let x = 1;", 28),
            ("html", "<div>raw</div>", 31),
            ("rule", "", 33),
        ];
        assert_eq!(got.len(), expected.len(), "{got:#?}");
        for (g, e) in got.iter().zip(expected) {
            assert_eq!((g.0.as_str(), g.1.as_str(), g.2), e);
        }
    }

    #[test]
    fn ordered_items_keep_their_numbers() {
        let blocks = parse_blocks("3. c\n4. d\n", 1);
        let numbers: Vec<_> = blocks
            .iter()
            .map(|b| match b.kind {
                BlockKind::ListItem { number, .. } => number,
                _ => None,
            })
            .collect();
        assert_eq!(numbers, vec![Some(3), Some(4)]);
    }

    #[test]
    fn inline_rendering_is_safe() {
        let cases = [
            ("a *b* `c`", Markup::Markdown, "a <em>b</em> <code>c</code>"),
            (
                "x <script>alert(1)</script>",
                Markup::Markdown,
                "x &lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("[t](javascript:alert(1))", Markup::Markdown, "t"),
            ("[t](JAVASCRIPT:x)", Markup::Markdown, "t"),
            ("[t](JAVASCRIPT:x)", Markup::Markdown, "t"),
            (
                "[t](https://e.com/a?b=1)",
                Markup::Markdown,
                "<a href=\"https://e.com/a?b=1\">t</a>",
            ),
            (
                "a <b> & c\nd",
                Markup::Plain,
                "a &lt;b&gt; &amp; c<br />\nd",
            ),
            ("*not* markdown", Markup::Plain, "*not* markdown"),
        ];
        for (text, markup, expected) in cases {
            assert_eq!(render_inline(text, markup), expected, "for {text:?}");
        }
    }

    #[test]
    fn html_nesting_is_counted_in_one_pass() {
        let rows: &[(&str, usize)] = &[
            ("<div><p>a</p><p>b</p></div>", 2),
            ("<div><br><img src=x><hr/><input></div>", 1),
            ("<span a=\"<div>\" b='>'>x</span>", 1),
            ("<!-- <div><div> --><div></div>", 1),
            ("<script><div><div><div></script><p>", 1),
            ("<STYLE>a > b { }</style><Div><DIV></div></div>", 2),
            ("a < b and 1 <2 <!doctype html>", 0),
            ("<div><div>unclosed", 2),
            ("</div></div><div>", 1),
        ];
        for (html, want) in rows {
            assert_eq!(html_nesting_depth(html), *want, "{html}");
        }
        let deep = format!("{}x{}", "<div>".repeat(100_000), "</div>".repeat(100_000));
        assert_eq!(html_nesting_depth(&deep), 100_000);
        // Linear however many raw-text elements there are.
        assert_eq!(html_nesting_depth(&"<script>x</SCRIPT>".repeat(100_000)), 1);
    }

    #[test]
    fn safe_urls() {
        for ok in ["https://x.org", "mailto:a@b.c", "../x/", "#c-1", "a/b:c"] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JAVASCRIPT:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(bad), "{bad}");
        }
    }
}
