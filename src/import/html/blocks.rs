//! The article's element → folio blocks: headings, paragraphs, list items (with their depth
//! and number), block quotes, figures (image address, caption and credit; the alt text when
//! there is no caption), simple tables (kept as a small HTML table), preformatted text and
//! rules. Inline links and emphasis are kept as Markdown, so block text is
//! [`Markup::Markdown`] and page text that looks like Markdown is escaped.
//!
//! The walk is an explicit stack of enter/leave steps, never recursion. Scripts, styles,
//! forms, embeds and hidden elements yield nothing, and neither do the subtrees the caller
//! excludes (the comment thread). A figure without an image is no figure: its caption is a
//! paragraph, so no placeholder is ever shown.

use std::collections::HashSet;

use scraper::node::Node;
use scraper::{ElementRef, Selector};

use super::dom::{Dom, NodeId, is_space, text_of};
use crate::model::{Block, BlockKind, Markup, Removed};

/// Elements whose content is never article text.
pub(super) const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "form", "button", "input", "select",
    "textarea", "iframe", "object", "embed", "canvas", "video", "audio", "map", "head", "title",
    "meta", "link", "dialog",
];

/// Whether the element is hidden from readers (`hidden`, `aria-hidden`, `display:none`).
pub(super) fn is_hidden(e: ElementRef<'_>) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// The base for relative links and image addresses: the page's canonical URL, if any.
#[derive(Debug, Clone, Default)]
pub(super) struct Base {
    /// `https://example.com`, no trailing slash.
    origin: Option<String>,
    /// `https://example.com/news/`, up to the last slash.
    dir: Option<String>,
}

impl Base {
    pub(super) fn new(url: Option<&str>) -> Base {
        let Some(url) = url else {
            return Base::default();
        };
        let Some(scheme_end) = url.find("://") else {
            return Base::default();
        };
        let after = scheme_end + 3;
        let host_end = url[after..].find('/').map_or(url.len(), |i| after + i);
        let path = url[host_end..].split(['?', '#']).next().unwrap_or("");
        let dir = match path.rfind('/') {
            Some(i) => format!("{}{}", &url[..host_end], &path[..=i]),
            None => format!("{}/", &url[..host_end]),
        };
        Base {
            origin: Some(url[..host_end].to_string()),
            dir: Some(dir),
        }
    }

    /// An absolute http(s) address for `href`, or `None` (fragments, scripts, `data:`, and
    /// relative addresses with no base to resolve them against).
    pub(super) fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Some(href.to_string());
        }
        if lower.starts_with("mailto:") {
            return Some(href.to_string());
        }
        if let Some(rest) = href.strip_prefix("//") {
            return (!rest.is_empty()).then(|| format!("https://{rest}"));
        }
        if href.is_empty() || href.starts_with('#') || lower.contains(':') {
            return None;
        }
        if href.starts_with('/') {
            return self.origin.as_ref().map(|o| format!("{o}{href}"));
        }
        self.dir.as_ref().map(|d| format!("{d}{href}"))
    }
}

/// Blocks of `root`, leaving out the subtrees in `exclude`. Dropped figure alt texts go to
/// `removed`.
pub(super) fn blocks(
    dom: &Dom,
    root: ElementRef<'_>,
    exclude: &HashSet<NodeId>,
    base: &Base,
    removed: &mut Vec<Removed>,
) -> Vec<Block> {
    let mut w = Writer {
        dom,
        base,
        out: Vec::new(),
        leaf: None,
        lists: Vec::new(),
        quote: 0,
        open: Vec::new(),
        generation: 0,
        removed,
    };
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave(ElementRef<'a>),
    }
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(e) => w.leave(e),
            Step::Enter(node) => match node.value() {
                Node::Text(t) => w.text(t),
                Node::Element(_) => {
                    let Some(e) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let name = e.value().name();
                    if exclude.contains(&node.id()) || SKIPPED.contains(&name) || is_hidden(e) {
                        continue;
                    }
                    if w.enter(e) {
                        stack.push(Step::Leave(e));
                        let children: Vec<_> = node.children().collect();
                        stack.extend(children.into_iter().rev().map(Step::Enter));
                    }
                }
                _ => {}
            },
        }
    }
    w.flush();
    w.out
}

/// An inline element whose Markdown closes when it ends.
#[derive(Debug)]
struct Open {
    generation: u64,
    /// Text length when it opened; an element that added nothing leaves no markers.
    start: usize,
    opener_len: usize,
    closer: String,
    id: NodeId,
}

struct Leaf {
    kind: BlockKind,
    text: String,
    line: u32,
}

struct Writer<'a, 'r> {
    dom: &'a Dom,
    base: &'a Base,
    out: Vec<Block>,
    leaf: Option<Leaf>,
    /// Open lists: ordered, next number.
    lists: Vec<(bool, u64)>,
    quote: usize,
    open: Vec<Open>,
    generation: u64,
    removed: &'r mut Vec<Removed>,
}

impl Writer<'_, '_> {
    /// Returns whether the children are to be walked.
    fn enter(&mut self, e: ElementRef<'_>) -> bool {
        let name = e.value().name();
        let line = self.dom.line(e.id());
        match name {
            "br" => {
                if let Some(leaf) = &mut self.leaf {
                    trim_end_spaces(&mut leaf.text);
                    if !leaf.text.is_empty() && !leaf.text.ends_with('\n') {
                        leaf.text.push_str("\\\n");
                    }
                }
                return false;
            }
            "hr" => {
                self.flush();
                self.push(BlockKind::Rule, String::new(), line);
                return false;
            }
            "img" => {
                self.image(e, line);
                return false;
            }
            "pre" => {
                self.flush();
                let text: String = e.text().collect();
                let text = text.trim_matches('\n').to_string();
                if !text.trim().is_empty() {
                    self.push(BlockKind::Code { lang: None }, text, line);
                }
                return false;
            }
            "figure" => {
                if self.figure(e, line) {
                    return false;
                }
                self.flush();
                return true;
            }
            "table" => {
                self.flush();
                if let Some(html) = simple_table(e) {
                    self.push(BlockKind::Html, html, line);
                    return false;
                }
                return true;
            }
            "ul" | "ol" | "menu" | "dir" => {
                self.flush();
                let start = e.value().attr("start").and_then(|s| s.trim().parse().ok());
                self.lists.push((name == "ol", start.unwrap_or(1)));
                return true;
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1).min(usize::from(u8::MAX)) as u8;
                let (ordered, number) = match self.lists.last_mut() {
                    Some((true, next)) => {
                        let n = e
                            .value()
                            .attr("value")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(*next);
                        *next = n + 1;
                        (true, Some(n))
                    }
                    _ => (false, None),
                };
                self.start(
                    BlockKind::ListItem {
                        ordered,
                        number,
                        depth,
                    },
                    line,
                );
                return true;
            }
            "blockquote" => {
                self.flush();
                self.quote += 1;
                return true;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name.as_bytes()[1] - b'0';
                self.start(BlockKind::Heading { level }, line);
                return true;
            }
            "p" | "dt" | "dd" | "figcaption" | "caption" | "summary" | "address" => {
                self.flush();
                self.start(self.paragraph_kind(), line);
                return true;
            }
            _ => {}
        }
        if crate::entity::is_block_element(name) {
            // A block inside a list item continues the item (a `<p>` in an `<li>`).
            if !matches!(
                self.leaf,
                Some(Leaf {
                    kind: BlockKind::ListItem { .. },
                    ..
                })
            ) {
                self.flush();
            }
            return true;
        }
        // Inline formatting that Markdown can say.
        let (opener, closer) = match name {
            "a" => match e.value().attr("href").and_then(|h| self.base.resolve(h)) {
                Some(url) => ("[".to_string(), format!("]({})", link_target(&url))),
                None => return true,
            },
            "em" | "i" | "cite" => ("*".to_string(), "*".to_string()),
            "strong" | "b" => ("**".to_string(), "**".to_string()),
            "code" | "kbd" | "samp" => ("`".to_string(), "`".to_string()),
            "sup" | "sub" => return true,
            _ => return true,
        };
        // Markdown cannot nest a link in a link, or code in anything.
        if opener == "[" && self.open.iter().any(|o| o.closer.starts_with("](")) {
            return true;
        }
        self.ensure_leaf(line);
        let leaf = self.leaf.as_mut().expect("ensured");
        let start = leaf.text.len();
        leaf.text.push_str(&opener);
        self.open.push(Open {
            generation: self.generation,
            start,
            opener_len: opener.len(),
            closer,
            id: e.id(),
        });
        true
    }

    fn leave(&mut self, e: ElementRef<'_>) {
        let name = e.value().name();
        match name {
            "ul" | "ol" | "menu" | "dir" => {
                self.flush();
                self.lists.pop();
            }
            "blockquote" => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            _ if self.open.last().is_some_and(|o| o.id == e.id()) => {
                let open = self.open.pop().expect("checked");
                if open.generation == self.generation {
                    self.close(open);
                }
            }
            // A `<div>` inside a list item continues the item.
            _ if crate::entity::is_block_element(name)
                && (name != "div"
                    || !matches!(
                        self.leaf,
                        Some(Leaf {
                            kind: BlockKind::ListItem { .. },
                            ..
                        })
                    )) =>
            {
                self.flush();
            }
            _ => {}
        }
    }

    /// Closes an inline element: its markers go when it holds no text, and white space at its
    /// end moves outside (Markdown's emphasis may not end with a space).
    fn close(&mut self, open: Open) {
        let Some(leaf) = self.leaf.as_mut() else {
            return;
        };
        let inner = &leaf.text[(open.start + open.opener_len).min(leaf.text.len())..];
        let had_space = !inner.is_empty();
        if inner.trim().is_empty() || open.start > leaf.text.len() {
            leaf.text.truncate(open.start.min(leaf.text.len()));
            if had_space && !leaf.text.is_empty() && !leaf.text.ends_with(' ') {
                leaf.text.push(' ');
            }
            return;
        }
        let spaced = leaf.text.ends_with(' ');
        trim_end_spaces(&mut leaf.text);
        leaf.text.push_str(&open.closer);
        if spaced {
            leaf.text.push(' ');
        }
        // An opener followed by a space: move the space before it.
        let after = open.start + open.opener_len;
        if leaf.text[after..].starts_with(' ') {
            leaf.text.remove(after);
            leaf.text.insert(open.start, ' ');
        }
    }

    fn text(&mut self, text: &str) {
        if text.chars().all(is_space) {
            if let Some(leaf) = &mut self.leaf
                && !leaf.text.is_empty()
                && !leaf.text.ends_with([' ', '\n'])
            {
                leaf.text.push(' ');
            }
            return;
        }
        let line = self.leaf.as_ref().map_or(1, |l| l.line);
        self.ensure_leaf(line);
        let leaf = self.leaf.as_mut().expect("ensured");
        let mut first = true;
        for word in text.split(is_space) {
            if !first && !leaf.text.is_empty() && !leaf.text.ends_with([' ', '\n']) {
                leaf.text.push(' ');
            }
            first = false;
            escape_into(word, &mut leaf.text);
        }
    }

    fn paragraph_kind(&self) -> BlockKind {
        if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    fn ensure_leaf(&mut self, line: u32) {
        if self.leaf.is_none() {
            self.start(self.paragraph_kind(), line);
        }
    }

    fn start(&mut self, kind: BlockKind, line: u32) {
        self.leaf = Some(Leaf {
            kind,
            text: String::new(),
            line,
        });
    }

    /// Ends the current block: open inline elements close, and an empty block is dropped.
    fn flush(&mut self) {
        let open: Vec<Open> = self
            .open
            .iter()
            .filter(|o| o.generation == self.generation)
            .map(|o| Open {
                generation: o.generation,
                start: o.start,
                opener_len: o.opener_len,
                closer: o.closer.clone(),
                id: o.id,
            })
            .collect();
        for o in open.into_iter().rev() {
            self.close(o);
        }
        self.generation += 1;
        if let Some(leaf) = self.leaf.take() {
            let mut text = leaf.text;
            while text.ends_with("\\\n") {
                text.truncate(text.len() - 2);
            }
            let text = text.trim_matches([' ', '\n']).to_string();
            if !text.is_empty() && !text.chars().all(|c| c == '*' || c == '`') {
                let text = escape_line_start(&text);
                self.push(leaf.kind, text, leaf.line);
            }
        }
    }

    fn push(&mut self, kind: BlockKind, text: String, line: u32) {
        let markup = match kind {
            BlockKind::Code { .. } | BlockKind::Html | BlockKind::Rule => Markup::Plain,
            _ => Markup::Markdown,
        };
        self.out.push(Block {
            kind,
            text,
            line,
            markup,
        });
    }

    /// A `<figure>` with an image: one caption block (image address, caption and credit).
    /// Returns false when it holds no image, so its content is walked as ordinary blocks.
    fn figure(&mut self, e: ElementRef<'_>, line: u32) -> bool {
        let Ok(img) = Selector::parse("img") else {
            return false;
        };
        let Some((src, alt)) = e
            .select(&img)
            .find_map(|i| self.image_source(i).map(|s| (s, alt_of(i))))
        else {
            return false;
        };
        let alt = self.described(alt, line);
        let caption = Selector::parse("figcaption")
            .ok()
            .and_then(|s| e.select(&s).next())
            .map(text_of)
            .unwrap_or_default();
        // A credit printed beside the caption rather than inside it.
        let credit = Selector::parse("[class*=credit], [class*=copyright], [class*=source]")
            .ok()
            .and_then(|s| {
                e.select(&s)
                    .map(text_of)
                    .find(|c| !c.is_empty() && !caption.contains(c.as_str()))
            });
        let mut text = caption.clone();
        if let Some(c) = credit {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(&c);
        }
        if text.is_empty() {
            text = alt.clone();
        } else if !alt.is_empty() && alt != caption {
            self.removed.push(Removed {
                line,
                text: alt,
                reason: "image alt text (the figure's caption is kept)".into(),
            });
        }
        self.flush();
        let mut escaped = String::new();
        escape_into(&text, &mut escaped);
        self.push(BlockKind::Caption { src: Some(src) }, escaped, line);
        true
    }

    /// An image outside a figure: a caption block with its alt text, when it has an address.
    fn image(&mut self, e: ElementRef<'_>, line: u32) {
        let Some(src) = self.image_source(e) else {
            return;
        };
        // Icons, spacers and tracking pixels say how small they are.
        let tiny = ["width", "height"].iter().any(|a| {
            e.value()
                .attr(a)
                .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
                .is_some_and(|n| n < 50)
        });
        if tiny {
            return;
        }
        let inline = self
            .leaf
            .as_ref()
            .is_some_and(|l| !l.text.trim().is_empty());
        if inline {
            return;
        }
        self.flush();
        let mut text = String::new();
        let alt = self.described(alt_of(e), line);
        escape_into(&alt, &mut text);
        self.push(BlockKind::Caption { src: Some(src) }, text, line);
    }

    /// The alt text when it describes the image; a file name (`bandb2.jpg`,
    /// `0225-lupita-nyongo-getty-01`) or a CMS's filler ("Image for post") is recorded as
    /// removed and gives no caption: the image is still kept, by its address.
    fn described(&mut self, alt: String, line: u32) -> String {
        if alt.is_empty() || describes(&alt) {
            return alt;
        }
        self.removed.push(Removed {
            line,
            text: alt,
            reason: "image alt text that names a file or is a placeholder, not a description"
                .into(),
        });
        String::new()
    }

    /// The image's address: `src`, else the lazy-loading attributes pages use, else the
    /// first `srcset` candidate; never a `data:` placeholder.
    fn image_source(&self, e: ElementRef<'_>) -> Option<String> {
        let v = e.value();
        let srcset_first = |s: &str| {
            s.split(',')
                .next()
                .and_then(|c| c.split_whitespace().next())
                .map(str::to_string)
        };
        ["data-src", "data-original", "data-lazy-src", "src"]
            .iter()
            .filter_map(|a| v.attr(a).map(str::to_string))
            .chain(
                ["srcset", "data-srcset"]
                    .iter()
                    .filter_map(|a| v.attr(a).and_then(srcset_first)),
            )
            .find_map(|s| self.base.resolve(&s).filter(|u| u.starts_with("http")))
    }
}

/// Whether alt text says what an image shows: not a file name, a slug or a CMS's filler.
fn describes(alt: &str) -> bool {
    const FILLERS: &[&str] = &[
        "image",
        "img",
        "photo",
        "picture",
        "thumbnail",
        "placeholder",
        "image for post",
        "featured image",
        "no alt text",
        "untitled",
    ];
    const EXTENSIONS: &[&str] = &[
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp", ".tif", ".tiff",
    ];
    let lower = alt.trim().to_lowercase();
    if FILLERS.contains(&lower.as_str()) || EXTENSIONS.iter().any(|e| lower.ends_with(e)) {
        return false;
    }
    // One token joined by `-` or `_` with a digit in it, or by `_` alone: a slug, not words.
    let slug = !lower.contains(' ')
        && ((lower.contains(['-', '_']) && lower.chars().any(|c| c.is_ascii_digit()))
            || lower.matches('_').count() >= 2);
    !slug
}

fn alt_of(e: ElementRef<'_>) -> String {
    let mut out = String::new();
    super::dom::push_collapsed(&mut out, e.value().attr("alt").unwrap_or("").trim());
    out
}

fn trim_end_spaces(s: &mut String) {
    while s.ends_with(' ') {
        s.pop();
    }
}

/// A link target Markdown reads back whole: in angle brackets when it has spaces or brackets.
fn link_target(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!(
            "<{}>",
            url.replace(' ', "%20")
                .replace('<', "%3C")
                .replace('>', "%3E")
        )
    } else {
        url.to_string()
    }
}

/// Appends page text with the characters Markdown would read as markup escaped.
pub(super) fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '!' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// A block that starts like a Markdown heading, list item, or thematic break is escaped.
fn escape_line_start(text: &str) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if matches!(text.chars().next(), Some('#' | '-' | '+' | '=')) {
        return format!("\\{text}");
    }
    if digits > 0 && matches!(text[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_string()
}

/// A table of text only (no table inside, at most 200 rows and 20 columns, short cells) as a
/// clean HTML table of escaped text; `None` for a layout table, whose content is then walked as
/// ordinary blocks.
fn simple_table(table: ElementRef<'_>) -> Option<String> {
    let nested = Selector::parse("table table, table p, table ul, table ol, table div").ok()?;
    if table.select(&nested).next().is_some() {
        return None;
    }
    let rows = Selector::parse("tr").ok()?;
    let cells = Selector::parse("th, td").ok()?;
    let mut html = String::from("<table>");
    if let Some(c) = Selector::parse("caption")
        .ok()
        .and_then(|s| table.select(&s).next())
    {
        html.push_str("<caption>");
        crate::markdown::escape_into(&text_of(c), &mut html);
        html.push_str("</caption>");
    }
    let mut n_rows = 0;
    for row in table.select(&rows) {
        n_rows += 1;
        if n_rows > 200 {
            return None;
        }
        html.push_str("<tr>");
        let mut n_cells = 0;
        for cell in row.select(&cells) {
            n_cells += 1;
            let text = text_of(cell);
            if n_cells > 20 || text.chars().count() > 300 {
                return None;
            }
            let tag = cell.value().name();
            html.push_str(&format!("<{tag}>"));
            crate::markdown::escape_into(&text, &mut html);
            html.push_str(&format!("</{tag}>"));
        }
        html.push_str("</tr>");
    }
    html.push_str("</table>");
    (n_rows > 0).then_some(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> Vec<(String, String)> {
        let dom = Dom::parse(html);
        let body = Selector::parse("body").unwrap();
        let root = dom.html.select(&body).next().unwrap();
        let mut removed = Vec::new();
        blocks(
            &dom,
            root,
            &HashSet::new(),
            &Base::new(Some("https://news.example/a/b.html")),
            &mut removed,
        )
        .into_iter()
        .map(|b| {
            let kind = match b.kind {
                BlockKind::Paragraph => "p".to_string(),
                BlockKind::Heading { level } => format!("h{level}"),
                BlockKind::ListItem {
                    ordered,
                    number,
                    depth,
                } => {
                    format!(
                        "li {} {} {depth}",
                        if ordered { "ol" } else { "ul" },
                        number.unwrap_or(0)
                    )
                }
                BlockKind::Quote => "quote".into(),
                BlockKind::Caption { src } => format!("figure {}", src.unwrap_or_default()),
                BlockKind::Html => "html".into(),
                BlockKind::Rule => "hr".into(),
                BlockKind::Code { .. } => "code".into(),
            };
            (kind, b.text)
        })
        .collect()
    }

    #[test]
    fn structure_is_kept() {
        let got = convert(
            "<body><h2>Section</h2><p>One <a href='/x'>link</a> and <em>stress </em>here.<br>Next line.</p>\
             <ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol start=3><li>three</li><li>four</li></ol>\
             <blockquote><p>Quoted.</p></blockquote><hr><pre>let x = 1;</pre>\
             <p>1. Not a list * really</p><script>var x;</script><p hidden>secret</p></body>",
        );
        let expected: Vec<(String, String)> = [
            ("h2", "Section"),
            (
                "p",
                "One [link](https://news.example/x) and *stress* here.\\\nNext line.",
            ),
            ("li ul 0 0", "a"),
            ("li ul 0 1", "b"),
            ("li ul 0 0", "c"),
            ("li ol 3 0", "three"),
            ("li ol 4 0", "four"),
            ("quote", "Quoted."),
            ("hr", ""),
            ("code", "let x = 1;"),
            ("p", "1\\. Not a list \\* really"),
        ]
        .iter()
        .map(|(k, t)| (k.to_string(), t.to_string()))
        .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn figures_keep_image_caption_and_credit_and_never_show_a_placeholder() {
        let got = convert(
            "<body><figure><img src='pic.jpg' alt='A man'><figcaption>Ren Zhengfei in Shenzhen.</figcaption>\
             <span class='credit'>Photo: Reuters</span></figure>\
             <figure><figcaption>Only a caption</figcaption></figure>\
             <figure><img data-src='//cdn.example/p.png' src='data:image/gif;base64,R0l'></figure></body>",
        );
        assert_eq!(
            got,
            [
                (
                    "figure https://news.example/a/pic.jpg".to_string(),
                    "Ren Zhengfei in Shenzhen. Photo: Reuters".to_string()
                ),
                ("p".to_string(), "Only a caption".to_string()),
                (
                    "figure https://cdn.example/p.png".to_string(),
                    String::new()
                ),
            ]
        );
    }

    #[test]
    fn alt_text_that_names_a_file_is_no_caption() {
        let got = convert(
            "<body><p>Text.</p><img src='a.jpg' alt='bandb2.jpg'><img src='b.jpg' alt='0225-lupita-nyongo-getty-01'>\
             <img src='c.jpg' alt='update_graphic_red_bar'><img src='d.jpg' alt='Image for post'>\
             <img src='e.jpg' alt='A well-known 3-D printer'><img src='f.jpg' alt='Covid-19 ward'></body>",
        );
        let captions: Vec<&str> = got.iter().skip(1).map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            captions,
            ["", "", "", "", "A well-known 3-D printer", "Covid-19 ward"]
        );
    }

    #[test]
    fn simple_tables_stay_tables_and_layout_tables_are_walked() {
        let got = convert(
            "<body><table><tr><th>Year</th><th>Sales</th></tr><tr><td>2019</td><td>1 &lt; 2</td></tr></table>\
             <table><tr><td><p>Layout paragraph.</p></td></tr></table></body>",
        );
        assert_eq!(got[0].0, "html");
        assert_eq!(
            got[0].1,
            "<table><tr><th>Year</th><th>Sales</th></tr><tr><td>2019</td><td>1 &lt; 2</td></tr></table>"
        );
        assert_eq!(got[1], ("p".to_string(), "Layout paragraph.".to_string()));
    }
}
