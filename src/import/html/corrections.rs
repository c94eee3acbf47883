//! Front matter corrections (`import: {drop, keep}`, see [`crate::import::corrections`]) on a
//! saved page. A `drop` by CSS selector takes the elements out of the page before the article
//! is extracted (like the comment thread), so nothing inside them reaches the body; every
//! other entry is a pass over the imported blocks: a `keep` (by selector, by the text of an
//! element, or by the line an element starts on) walks the element into blocks and puts those
//! the article lacks at their place by line; a `drop` by text, prefix or line removes the
//! blocks it matches. Keeps run before drops, so a block both kept and dropped ends dropped.
//!
//! Each entry must match: an element of the page for a selector or a keep, a block of the
//! article (or, when it was left out already, an element of the page) for a drop. Nothing
//! here decides what the article is; it only applies what the user wrote.

use std::collections::HashSet;

use scraper::{ElementRef, Selector};

use super::blocks::{self, Base, SKIPPED, is_hidden};
use super::dom::{Dom, NodeId, text_of};
use crate::error::{Error, Result};
use crate::import::corrections::{
    Action, Corrections, DROPPED_BY_FRONT_MATTER, Entry, Outcome, Pattern, no_match,
};
use crate::model::{Block, Removed};

fn selector(entry: &Entry, css: &str) -> Result<Selector> {
    Selector::parse(css).map_err(|e| {
        Error::at(
            entry.at.clone(),
            format!("`{css}` is not a CSS selector: {e}"),
        )
    })
}

/// The elements a selector picks, without those inside another one picked.
fn outermost(dom: &Dom, css: &Selector) -> Vec<NodeId> {
    let picked: Vec<NodeId> = dom.html.select(css).map(|e| e.id()).collect();
    let set: HashSet<NodeId> = picked.iter().copied().collect();
    picked
        .into_iter()
        .filter(|id| {
            let mut up = dom.html.tree.get(*id).and_then(|n| n.parent());
            while let Some(n) = up {
                if set.contains(&n.id()) {
                    return false;
                }
                up = n.parent();
            }
            true
        })
        .collect()
}

/// The elements `drop: {selector: …}` entries take out of the page, outermost first in page
/// order, each recorded in `removed`. A selector that picks nothing is an error.
pub(super) fn selected_drops(
    dom: &Dom,
    corrections: &Corrections,
    removed: &mut Vec<Removed>,
) -> Result<Vec<NodeId>> {
    let mut out: Vec<NodeId> = Vec::new();
    for entry in &corrections.entries {
        let Pattern::Selector(css) = &entry.pattern else {
            continue;
        };
        if entry.action != Action::Drop {
            continue;
        }
        let picked = outermost(dom, &selector(entry, css)?);
        if picked.is_empty() {
            return Err(no_match(entry, "element of the page"));
        }
        for id in picked {
            if out.contains(&id) {
                continue;
            }
            if let Some(e) = dom.html.tree.get(id).and_then(ElementRef::wrap) {
                removed.push(Removed {
                    line: dom.line(id),
                    text: text_of(e),
                    reason: DROPPED_BY_FRONT_MATTER.to_string(),
                });
            }
            out.push(id);
        }
    }
    Ok(out)
}

/// The page's elements under `<body>`, in page order, without the excluded subtrees.
fn body_elements<'a>(dom: &'a Dom, exclude: &HashSet<NodeId>) -> Vec<ElementRef<'a>> {
    let Ok(body) = Selector::parse("body") else {
        return Vec::new();
    };
    let Some(root) = dom.html.select(&body).next() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(e) = stack.pop() {
        if exclude.contains(&e.id()) {
            continue;
        }
        out.push(e);
        let children: Vec<ElementRef<'a>> = e.children().filter_map(ElementRef::wrap).collect();
        stack.extend(children.into_iter().rev());
    }
    out
}

/// The elements a keep entry (or a drop of text the article lacks) names: by selector, the
/// outermost picked; by text or prefix, the innermost element whose text matches; by line, the
/// outermost element starting on that line.
fn named_elements(dom: &Dom, entry: &Entry, exclude: &HashSet<NodeId>) -> Result<Vec<NodeId>> {
    Ok(match &entry.pattern {
        Pattern::Selector(css) => outermost(dom, &selector(entry, css)?)
            .into_iter()
            .filter(|id| !exclude.contains(id))
            .collect(),
        Pattern::Line(n) => {
            let all = body_elements(dom, exclude);
            all.iter()
                .filter(|e| {
                    dom.line(e.id()) == *n
                        && e.parent()
                            .and_then(ElementRef::wrap)
                            .is_none_or(|p| dom.line(p.id()) != *n || p.value().name() == "body")
                })
                .map(|e| e.id())
                .collect()
        }
        p => {
            let all = body_elements(dom, exclude);
            let hits: HashSet<NodeId> = all
                .iter()
                .filter(|e| p.matches_text(&text_of(**e)))
                .map(|e| e.id())
                .collect();
            // Innermost: no descendant matches too.
            all.iter()
                .filter(|e| hits.contains(&e.id()))
                .filter(|e| !e.descendants().skip(1).any(|d| hits.contains(&d.id())))
                .map(|e| e.id())
                .collect()
        }
    })
}

/// Applies the keeps, then the drops by text, prefix or line, to the article's `blocks`.
pub(super) fn apply_to_blocks(
    dom: &Dom,
    corrections: &Corrections,
    exclude: &HashSet<NodeId>,
    base: &Base,
    blocks: &mut Vec<Block>,
    removed: &mut Vec<Removed>,
) -> Result<(Outcome, Vec<NodeId>)> {
    let mut outcome = Outcome::default();
    let mut kept_elements = Vec::new();
    let plain = |b: &Block| crate::markdown::plain_text(&b.text, b.markup);
    for entry in corrections
        .entries
        .iter()
        .filter(|e| e.action == Action::Keep)
    {
        let elements = named_elements(dom, entry, exclude)?;
        if elements.is_empty() {
            return Err(no_match(entry, "element of the page"));
        }
        for id in elements {
            let Some(e) = dom.html.tree.get(id).and_then(ElementRef::wrap) else {
                continue;
            };
            let name = e.value().name();
            if SKIPPED.contains(&name) || is_hidden(e) {
                return Err(Error::at(
                    entry.at.clone(),
                    format!(
                        "the element kept (<{name}> on line {}) is {}, which folio never shows as article text",
                        dom.line(id),
                        if is_hidden(e) {
                            "hidden"
                        } else {
                            "a script, form, embed or the like"
                        }
                    ),
                ));
            }
            outcome.kept.insert(dom.line(id));
            kept_elements.push(id);
            let mut found = blocks::blocks(dom, e, exclude, base, removed);
            let have: HashSet<String> = blocks.iter().map(plain).collect();
            found.retain(|b| !have.contains(&plain(b)));
            for b in found {
                outcome.kept.insert(b.line);
                let at = blocks.partition_point(|x| x.line <= b.line);
                blocks.insert(at, b);
            }
        }
    }
    for entry in corrections
        .entries
        .iter()
        .filter(|e| e.action == Action::Drop)
    {
        let hit = |b: &Block| match &entry.pattern {
            Pattern::Line(n) => b.line == *n,
            Pattern::Selector(_) => false,
            p => p.matches_text(&plain(b)),
        };
        if matches!(entry.pattern, Pattern::Selector(_)) {
            continue;
        }
        let before = blocks.len();
        for b in blocks.iter().filter(|b| hit(b)) {
            removed.push(Removed {
                line: b.line,
                text: plain(b),
                reason: DROPPED_BY_FRONT_MATTER.to_string(),
            });
        }
        blocks.retain(|b| !hit(b));
        // Text the article lacks already is no mistake; text the page lacks is.
        if blocks.len() == before && named_elements(dom, entry, exclude)?.is_empty() {
            return Err(no_match(
                entry,
                "block of the article or element of the page",
            ));
        }
    }
    removed.sort_by_key(|r| r.line);
    Ok((outcome, kept_elements))
}
