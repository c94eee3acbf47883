//! The page parsed by html5ever into scraper's tree, with the source line of every element
//! (blocks and comments keep the line they started on, as they do for `.txt` scrapes).
//!
//! Parsing is the HTML5 algorithm browsers use, so truncated and malformed pages build the same
//! tree a browser shows. Nothing here walks the tree recursively: 100,000 nested `<div>`s are
//! an ordinary page to every function of this module.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use std::cell::Cell;

use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, QualName};
use scraper::node::Node;
use scraper::{ElementRef, Html, HtmlTreeSink};

pub(super) use ego_tree::NodeId;

/// Elements nested deeper than this are flattened into their ancestor at this depth (their
/// text is kept). The HTML5 tree builder looks through the whole stack of open elements for
/// many start tags, so its time grows with the square of the nesting: 100,000 nested
/// `<div>`s took 40 s to parse, and no real page comes near 1,000.
pub(super) const MAX_DEPTH: usize = 1024;

/// A parsed page and the line each element started on.
pub(super) struct Dom {
    pub html: Html,
    lines: HashMap<NodeId, u32>,
    /// Start tags dropped because they nested past [`MAX_DEPTH`].
    pub flattened: usize,
}

impl Dom {
    pub(super) fn parse(text: &str) -> Dom {
        let sink = LineSink {
            inner: HtmlTreeSink::new(Html::new_document()),
            line: RefCell::new(1),
            lines: RefCell::new(HashMap::new()),
        };
        let builder = TreeBuilder::new(sink, TreeBuilderOpts::default());
        let flatten = Flatten {
            inner: builder,
            depth: Cell::new(0),
            dropped: RefCell::new(HashMap::new()),
            flattened: Cell::new(0),
        };
        let tokenizer = Tokenizer::new(flatten, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(text));
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
        tokenizer.end();
        let flatten = tokenizer.sink;
        let mut dom = flatten.inner.sink.finish();
        dom.flattened = flatten.flattened.get();
        dom
    }

    /// The 1-based source line where `node` (or, for text, its nearest element) started.
    pub(super) fn line(&self, node: NodeId) -> u32 {
        let mut at = self.html.tree.get(node);
        while let Some(n) = at {
            if let Some(&line) = self.lines.get(&n.id()) {
                return line;
            }
            at = n.parent();
        }
        1
    }

    /// The deepest element nesting of the page, counted without recursion.
    pub(super) fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self.html.tree.root(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            stack.extend(node.children().map(|c| (c, depth + 1)));
        }
        deepest
    }
}

/// The text below `root` with white space collapsed to single spaces, without recursion and
/// without the text of `script`, `style`, `template` and `noscript`.
pub(super) fn text_of(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => push_collapsed(&mut out, t),
            Node::Element(e)
                if matches!(e.name(), "script" | "style" | "template" | "noscript") => {}
            other => {
                // Blocks are separate words: `<p>a</p><p>b</p>` reads "a b".
                if let Node::Element(e) = other
                    && (e.name() == "br" || crate::entity::is_block_element(e.name()))
                    && !out.is_empty()
                    && !out.ends_with(' ')
                {
                    out.push(' ');
                }
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    let trimmed = out.trim();
    if trimmed.len() == out.len() {
        out
    } else {
        trimmed.to_string()
    }
}

/// Appends `text` with every run of white space as one space.
pub(super) fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split(is_space).enumerate() {
        if i > 0 && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// HTML's white space, plus the no-break space pages use as padding.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

/// Passes tokens to the tree builder, except start tags (and their end tags) nested past
/// [`MAX_DEPTH`]: a linear count on the token stream, before the tree builder's scans.
struct Flatten<S> {
    inner: S,
    depth: Cell<usize>,
    dropped: RefCell<HashMap<html5ever::LocalName, usize>>,
    flattened: Cell<usize>,
}

impl<S: TokenSink> TokenSink for Flatten<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<S::Handle> {
        if let Token::TagToken(tag) = &token
            && !crate::entity::is_void_element(&tag.name)
        {
            match tag.kind {
                TagKind::StartTag if tag.self_closing => {}
                TagKind::StartTag if self.depth.get() >= MAX_DEPTH => {
                    *self
                        .dropped
                        .borrow_mut()
                        .entry(tag.name.clone())
                        .or_insert(0) += 1;
                    self.flattened.set(self.flattened.get() + 1);
                    return TokenSinkResult::Continue;
                }
                TagKind::StartTag => self.depth.set(self.depth.get() + 1),
                TagKind::EndTag => {
                    let mut dropped = self.dropped.borrow_mut();
                    if let Some(n) = dropped.get_mut(&tag.name)
                        && *n > 0
                    {
                        *n -= 1;
                        return TokenSinkResult::Continue;
                    }
                    self.depth.set(self.depth.get().saturating_sub(1));
                }
            }
        }
        self.inner.process_token(token, line)
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// scraper's sink, recording the line the tokenizer was on when each element was created.
struct LineSink {
    inner: HtmlTreeSink,
    line: RefCell<u32>,
    lines: RefCell<HashMap<NodeId, u32>>,
}

impl TreeSink for LineSink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Dom {
        Dom {
            html: self.inner.finish(),
            lines: self.lines.into_inner(),
            flattened: 0,
        }
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.inner.create_element(name, attrs, flags);
        self.lines.borrow_mut().insert(id, *self.line.borrow());
        id
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inner.append(parent, child)
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }
    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent)
    }
    fn set_current_line(&self, line_number: u64) {
        *self.line.borrow_mut() = u32::try_from(line_number).unwrap_or(u32::MAX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_know_their_line() {
        let dom = Dom::parse("<html>\n<body>\n<p id=a>x</p>\n\n<div>\n<p id=b>y</p></div>");
        let sel = scraper::Selector::parse("p").unwrap();
        let lines: Vec<u32> = dom.html.select(&sel).map(|p| dom.line(p.id())).collect();
        assert_eq!(lines, [3, 6]);
    }

    #[test]
    fn deep_nesting_is_flattened_past_the_limit_and_keeps_its_text() {
        let page = format!(
            "{}<p>deep</p>{}<p>after</p>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let dom = Dom::parse(&page);
        assert!(dom.depth() <= MAX_DEPTH + 4, "{}", dom.depth());
        assert!(dom.flattened > 98_000);
        assert_eq!(text_of(dom.html.root_element()), "deep after");
    }
}
