//! For `folio import --explain`: which parts of a saved page did not become the article, and
//! why. The page is walked from `<body>`; an element none of whose text reached the article is
//! reported whole (its children are not listed), an element whose text all did is the blocks
//! the report lists already, and an element holding both is walked into. Only elements with
//! text a reader would see are reported: scripts and styles say nothing to a reader.
//!
//! The reasons are what folio knows: the comment thread (read as comments), a front matter
//! `drop`, hidden elements, forms and embeds, and for the rest "left out by the extractor",
//! with what the element looks like (navigation, a page footer, share links…) as a hint.
//! Nothing here changes the import.

use std::collections::HashSet;

use scraper::{ElementRef, Node, Selector};

use super::blocks::{SKIPPED, is_hidden};
use super::dom::{Dom, NodeId, text_of};

/// A part of the page that is not in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The line the element starts on in the saved file.
    pub line: u32,
    /// The element as a CSS-like name: `nav#menu.top`.
    pub element: String,
    /// Its visible text, white space collapsed.
    pub text: String,
    pub reason: String,
}

/// `div#main.story.wide`, at most three classes.
pub(super) fn label(e: ElementRef<'_>) -> String {
    let v = e.value();
    let mut s = v.name().to_string();
    if let Some(id) = v.attr("id").map(str::trim).filter(|i| !i.is_empty()) {
        s.push('#');
        s.push_str(id);
    }
    for class in v.classes().take(3) {
        s.push('.');
        s.push_str(class);
    }
    s
}

/// What an element left out looks like, from its name, role, id and classes.
fn looks_like(e: ElementRef<'_>) -> Option<&'static str> {
    let v = e.value();
    let by_name = match v.name() {
        "nav" => Some("navigation"),
        "header" => Some("page header"),
        "footer" => Some("page footer"),
        "aside" => Some("aside"),
        _ => None,
    };
    if by_name.is_some() {
        return by_name;
    }
    let by_role = match v.attr("role") {
        Some("navigation") | Some("menu") | Some("menubar") => Some("navigation"),
        Some("banner") => Some("page header"),
        Some("contentinfo") => Some("page footer"),
        Some("complementary") => Some("aside"),
        _ => None,
    };
    if by_role.is_some() {
        return by_role;
    }
    let words: String = [v.attr("id").unwrap_or(""), v.attr("class").unwrap_or("")]
        .join(" ")
        .to_ascii_lowercase();
    let has = |w: &str| words.contains(w);
    if has("share") || has("social") {
        Some("share links")
    } else if has("related") || has("recommend") || has("more-stories") {
        Some("related links")
    } else if has("newsletter") || has("subscribe") || has("signup") {
        Some("sign-up box")
    } else if has("comment") {
        Some("comment section")
    } else if has("menu") || has("nav") || has("breadcrumb") {
        Some("navigation")
    } else if has("footer") || has("copyright") {
        Some("page footer")
    } else if has("header") || has("masthead") || has("topbar") {
        Some("page header")
    } else if has("sidebar") || has("widget") {
        Some("sidebar")
    } else if has("byline") || has("author") || has("dateline") {
        Some("byline (read as metadata)")
    } else {
        None
    }
}

/// The parts of the page's body left out of the article. `kept` holds the keys (see
/// `super::line_key`) of every text the article holds; `known` are elements already
/// explained (the thread, front matter drops), reported by the caller.
pub(super) fn left_out(
    dom: &Dom,
    kept: &HashSet<String>,
    known: &HashSet<NodeId>,
    headline: &str,
) -> Vec<LeftOut> {
    let Ok(body) = Selector::parse("body") else {
        return Vec::new();
    };
    let Some(root) = dom.html.select(&body).next() else {
        return Vec::new();
    };
    // Each element's visible text nodes: (in the article, not) counts, bottom-up without
    // recursion.
    let mut order = Vec::new();
    let mut stack = vec![*root];
    while let Some(n) = stack.pop() {
        order.push(n);
        if let Node::Element(e) = n.value()
            && matches!(e.name(), "script" | "style" | "template" | "noscript")
        {
            continue;
        }
        stack.extend(n.children());
    }
    let mut counts: std::collections::HashMap<NodeId, (usize, usize)> =
        std::collections::HashMap::new();
    for n in order.iter().rev() {
        let own = match n.value() {
            Node::Text(t) if !t.trim_matches(super::dom::is_space).is_empty() => {
                if kept.contains(&super::line_key(t)) {
                    (1, 0)
                } else {
                    (0, 1)
                }
            }
            _ => (0, 0),
        };
        let entry = counts.entry(n.id()).or_insert((0, 0));
        entry.0 += own.0;
        entry.1 += own.1;
        let (a, b) = *entry;
        if let Some(p) = n.parent() {
            let up = counts.entry(p.id()).or_insert((0, 0));
            up.0 += a;
            up.1 += b;
        }
    }
    let mut out = Vec::new();
    let mut stack: Vec<ElementRef<'_>> = root.children().filter_map(ElementRef::wrap).collect();
    stack.reverse();
    while let Some(e) = stack.pop() {
        if known.contains(&e.id()) {
            continue;
        }
        let (inside, outside) = counts.get(&e.id()).copied().unwrap_or((0, 0));
        if outside == 0 {
            continue;
        }
        let name = e.value().name();
        let reason = if is_hidden(e) {
            Some("hidden from readers".to_string())
        } else if SKIPPED.contains(&name) {
            Some(format!("<{name}> is never article text"))
        } else if inside == 0
            && text_of(e)
                .split_whitespace()
                .eq(headline.split_whitespace())
        {
            Some("the page's headline, which is the title".to_string())
        } else if inside == 0 {
            Some(match looks_like(e) {
                Some(what) => format!("left out by the extractor ({what})"),
                None => "left out by the extractor".to_string(),
            })
        } else {
            None
        };
        match reason {
            Some(reason) => {
                let text = text_of(e);
                if !text.is_empty() {
                    out.push(LeftOut {
                        line: dom.line(e.id()),
                        element: label(e),
                        text,
                        reason,
                    });
                }
            }
            None => {
                let children: Vec<ElementRef<'_>> =
                    e.children().filter_map(ElementRef::wrap).collect();
                stack.extend(children.into_iter().rev());
            }
        }
    }
    out
}
