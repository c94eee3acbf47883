//! The page parsed by html5ever into scraper's tree, with the source line of every element
//! (blocks and comments keep the line they started on, as they do for `.txt` scrapes).
//!
//! Parsing is the HTML5 algorithm browsers use, so truncated and malformed pages build the same
//! tree a browser shows. Nothing here walks the tree recursively: 100,000 nested `<div>`s are
//! an ordinary page to every function of this module.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::node::Node;
use scraper::{ElementRef, Html, HtmlTreeSink};

pub use ego_tree::NodeId;

/// A parsed page and the line each element started on.
pub struct Dom {
    pub html: Html,
    lines: HashMap<NodeId, u32>,
}

impl Dom {
    pub fn parse(text: &str) -> Dom {
        let sink = LineSink {
            inner: HtmlTreeSink::new(Html::new_document()),
            line: RefCell::new(1),
            lines: RefCell::new(HashMap::new()),
        };
        html5ever::driver::parse_document(sink, Default::default()).one(text)
    }

    /// The 1-based source line where `node` (or, for text, its nearest element) started.
    pub fn line(&self, node: NodeId) -> u32 {
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
    pub fn depth(&self) -> usize {
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
pub fn text_of(root: ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => push_collapsed(&mut out, t),
            Node::Element(e)
                if matches!(e.name(), "script" | "style" | "template" | "noscript") => {}
            _ => {
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev());
            }
        }
        if matches!(node.value(), Node::Element(e) if e.name() == "br") {
            out.push(' ');
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
pub fn push_collapsed(out: &mut String, text: &str) {
    for (i, word) in text.split(is_space).enumerate() {
        if i > 0 && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// HTML's white space, plus the no-break space pages use as padding.
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
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
    fn deep_nesting_is_walked_without_recursion() {
        let page = format!("{}<p>deep</p>", "<div>".repeat(100_000));
        let dom = Dom::parse(&page);
        assert!(dom.depth() > 100_000);
        assert_eq!(text_of(dom.html.root_element()), "deep");
    }
}
