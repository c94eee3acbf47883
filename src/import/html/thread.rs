//! Reader comment threads in saved pages. WordPress first (`ol.commentlist` / `.comment-list`
//! of `li.comment`, replies in `ul.children`, `.comment-author .fn`, `time[datetime]` or the
//! permalink's "September 13, 2018 at 5:23 pm", `bypostauthor` for the post's author, and the
//! page's `comment-NNN` ids kept), then any thread recognised by structure: repeated elements
//! named `comment` that each carry an author and a body, nested in one another for replies.
//!
//! A thread the page loaded with JavaScript is not in the saved file; [`find`] says so
//! (Disqus, Facebook, Livefyre, Viafoura, Coral, … or an empty `#comments` placeholder) so
//! the import report can. Bodies become folio's plain text: paragraphs separated by one blank
//! line, hard breaks as `\n`. Nothing here recurses, and nothing decides what the article is.

use std::collections::{HashMap, HashSet};

use scraper::node::Node;
use scraper::{ElementRef, Selector};

use super::dom::{Dom, NodeId, is_space, text_of};
use crate::model::{Comment, CommentId, Date, DateTime, Thread};

/// What was found: the thread, the subtrees it came from (to keep out of the body), and a
/// note when the page's thread was never in the file.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub thread: Thread,
    pub containers: Vec<NodeId>,
    /// `WordPress comment list`, `repeated comment blocks`.
    pub source: Option<&'static str>,
    pub not_saved: Option<String>,
}

/// Classes and ids of comment parts that are not the comment itself.
const PART_WORDS: &[&str] = &[
    "body",
    "content",
    "text",
    "meta",
    "author",
    "avatar",
    "reply",
    "respond",
    "form",
    "count",
    "date",
    "time",
    "header",
    "footer",
    "actions",
    "link",
    "title",
    "number",
    "vcard",
    "list",
    "section",
    "area",
    "wrap",
    "navigation",
    "nav",
    "policy",
    "closed",
    "template",
];

pub(super) fn find(dom: &Dom) -> Found {
    let mut found = Found::default();
    if let Some(list) = select_all(dom, ".commentlist, .comment-list, #commentlist")
        .into_iter()
        .find(|l| matches!(l.value().name(), "ol" | "ul" | "div"))
    {
        found.thread = read_items(dom, list, is_wordpress_item);
        found.containers.push(list.id());
        found.source = Some("WordPress comment list");
    } else if let Some((container, items)) = repeated_blocks(dom) {
        let set: HashSet<NodeId> = items.iter().copied().collect();
        found.thread = read_items(dom, container, |e| set.contains(&e.id()));
        // Only the comments leave the page: their container may hold the article too.
        found.containers.extend(items.iter().copied().filter(|id| {
            dom.html
                .tree
                .get(*id)
                .is_some_and(|n| !n.ancestors().any(|a| set.contains(&a.id())))
        }));
        found.source = Some("repeated comment blocks");
    }
    if found.thread.is_empty() {
        found.source = None;
        found.containers.clear();
        found.not_saved = script_thread(dom);
    }
    // The comment form and the section around the list are page furniture, not article text.
    for e in select_all(
        dom,
        "#respond, .comment-respond, #comments, .comments-area, #disqus_thread, .fb-comments",
    ) {
        found.containers.push(e.id());
    }
    found
}

fn select_all<'a>(dom: &'a Dom, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(sel) => dom.html.select(&sel).collect(),
        Err(_) => Vec::new(),
    }
}

fn classes(e: ElementRef<'_>) -> impl Iterator<Item = &str> {
    e.value()
        .attr("class")
        .unwrap_or("")
        .split_ascii_whitespace()
}

fn is_wordpress_item(e: ElementRef<'_>) -> bool {
    matches!(e.value().name(), "li" | "article" | "div")
        && (classes(e).any(|c| c == "comment" || c == "pingback" || c == "trackback")
            || e.value()
                .attr("id")
                .is_some_and(|i| i.starts_with("comment-") || i.starts_with("li-comment-")))
        && !classes(e).any(|c| c == "comment-body")
}

/// An element whose class or id names one comment: `comment`, `comment-item`, `c-comment`,
/// `comment-1234`, `comment_1234`, but none of a comment's parts (`comment-body`) or the
/// section (`comments`, `comment-list`).
fn names_a_comment(e: ElementRef<'_>) -> bool {
    let one = |s: &str| -> bool {
        let s = s.to_ascii_lowercase();
        let s = s.trim_start_matches("js-").trim_start_matches("c-");
        let Some(rest) = s.strip_prefix("comment") else {
            return false;
        };
        let rest = rest.trim_start_matches(['-', '_']);
        rest.is_empty()
            || rest.chars().all(|c| c.is_ascii_digit())
            || matches!(
                rest,
                "item" | "entry" | "thread-item" | "node" | "container"
            ) && !PART_WORDS.contains(&rest)
    };
    classes(e).any(one) || e.value().attr("id").is_some_and(one)
}

/// An element whose class or id names a discussion: `comments`, `comment-list`, `comments-area`,
/// `discussion`, `responses`, `replies`, `reader-comments`.
fn names_a_discussion(e: ElementRef<'_>) -> bool {
    let one = |s: &str| {
        let s = s.to_ascii_lowercase();
        [
            "comments",
            "comment-list",
            "commentlist",
            "comment-section",
            "comments-area",
        ]
        .iter()
        .any(|w| s.contains(w))
            || ["discussion", "responses", "replies"]
                .iter()
                .any(|w| s.contains(w))
    };
    classes(e).any(one) || e.value().attr("id").is_some_and(one)
}

/// Repeated comment blocks: at least two elements that name a comment and hold an author and
/// some text, all inside one container. The container is their nearest common ancestor.
fn repeated_blocks(dom: &Dom) -> Option<(ElementRef<'_>, Vec<NodeId>)> {
    let author = Selector::parse(
        "[class*=author], [class*=user], [class*=name], .fn, cite, [itemprop=author]",
    )
    .ok()?;
    let items: Vec<ElementRef<'_>> = dom
        .html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| matches!(e.value().name(), "li" | "article" | "div" | "section"))
        .filter(|e| names_a_comment(*e))
        .filter(|e| e.select(&author).next().is_some() && text_of(*e).chars().count() > 20)
        .collect();
    if items.len() < 2 {
        return None;
    }
    // Comments are a part of the page, never most of it.
    let page_chars = text_of(dom.html.root_element()).chars().count();
    let item_chars: usize = items
        .iter()
        .filter(|e| {
            !e.ancestors()
                .any(|a| items.iter().any(|i| i.id() == a.id()))
        })
        .map(|e| text_of(*e).chars().count())
        .sum();
    if item_chars * 2 > page_chars {
        return None;
    }
    // The nearest common ancestor of the top-level items.
    let ids: HashSet<NodeId> = items.iter().map(|e| e.id()).collect();
    let tops: Vec<&ElementRef<'_>> = items
        .iter()
        .filter(|e| !e.ancestors().any(|a| ids.contains(&a.id())))
        .collect();
    let first_chain: Vec<NodeId> = tops[0].ancestors().map(|a| a.id()).collect();
    let common = first_chain
        .into_iter()
        .find(|anc| tops.iter().all(|t| t.ancestors().any(|a| a.id() == *anc)))?;
    let container = dom.html.tree.get(common).and_then(ElementRef::wrap)?;
    // Blocks merely named like a comment (a "Comment" section's teasers) are not a thread:
    // the container, or a section around it, must say it holds the discussion.
    if !std::iter::once(container)
        .chain(container.ancestors().filter_map(ElementRef::wrap))
        .any(names_a_discussion)
    {
        return None;
    }
    Some((container, items.iter().map(|e| e.id()).collect()))
}

/// Reads the items below `list`, nesting each under the nearest item it is inside.
fn read_items(dom: &Dom, list: ElementRef<'_>, is_item: impl Fn(ElementRef<'_>) -> bool) -> Thread {
    let items: Vec<ElementRef<'_>> = list
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| is_item(*e))
        .collect();
    let item_ids: HashSet<NodeId> = items.iter().map(|e| e.id()).collect();
    let mut thread = Thread::default();
    let mut index: HashMap<NodeId, usize> = HashMap::new();
    for item in &items {
        let parent = item
            .ancestors()
            .take_while(|a| a.id() != list.id())
            .find(|a| item_ids.contains(&a.id()))
            .and_then(|a| index.get(&a.id()).copied());
        let Some(comment) = read_comment(dom, *item, &item_ids) else {
            continue;
        };
        let at = thread.push(comment, parent);
        index.insert(item.id(), at);
    }
    assign_ids(&mut thread);
    thread
}

/// The page's own `comment-NNN` numbers when every comment has a different one; otherwise
/// folio's thread positions (`3`, `3-1`).
fn assign_ids(thread: &mut Thread) {
    let numbers: Vec<Option<String>> = thread
        .comments
        .iter()
        .map(|c| Some(c.id.0.clone()).filter(|s| !s.is_empty()))
        .collect();
    let unique: HashSet<&String> = numbers.iter().flatten().collect();
    if numbers.iter().all(Option::is_some) && unique.len() == numbers.len() {
        return;
    }
    let order: Vec<(usize, usize)> = thread.walk().iter().map(|v| (v.index, v.depth)).collect();
    let mut path: Vec<u32> = Vec::new();
    for (index, depth) in order {
        path.truncate(depth + 1);
        if path.len() == depth + 1 {
            path[depth] += 1;
        } else {
            path.push(1);
        }
        thread.comments[index].id = CommentId(
            path.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("-"),
        );
    }
    let mut n = 0;
    for &r in &thread.roots.clone() {
        n += 1;
        thread.comments[r].number = Some(n);
    }
}

fn read_comment(dom: &Dom, item: ElementRef<'_>, items: &HashSet<NodeId>) -> Option<Comment> {
    // The parts of this comment only: not those of its replies.
    let own = |e: &ElementRef<'_>| {
        !e.ancestors()
            .take_while(|a| a.id() != item.id())
            .any(|a| items.contains(&a.id()))
    };
    let find = |css: &str| -> Option<ElementRef<'_>> {
        let sel = Selector::parse(css).ok()?;
        item.select(&sel).find(own)
    };
    let author = find(".comment-author .fn, .comment-author cite, .fn, [itemprop=author] [itemprop=name], [class*=author] [class*=name], [class*=author], [class*=username], [class*=user-name], cite, strong")
        .map(text_of)
        .map(|a| a.trim_end_matches(" says:").trim_end_matches(" says").trim_end_matches(':').trim().to_string())
        // Themes that print "NAME · DATE" in one element: the name alone.
        .map(|a| {
            [" · ", " • ", " | "]
                .iter()
                .find_map(|sep| {
                    let (name, rest) = a.split_once(sep)?;
                    parse_written_date(rest).map(|_| name.trim().to_string())
                })
                .unwrap_or(a)
        })
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "Anonymous".to_string());
    let date_time = find("time[datetime]")
        .and_then(|t| t.value().attr("datetime"))
        .and_then(super::meta::parse_date)
        .or_else(|| {
            find(".comment-metadata a, .comment-meta a, .commentmetadata a, [class*=date], [class*=time], time")
                .map(text_of)
                .and_then(|t| parse_written_date(&t))
        });
    let body_root = find(".comment-content, .comment-text, .comment-body-text, [itemprop=text], [class*=comment-content], [class*=comment-text], [class*=message], [class*=content]")
        .or_else(|| find(".comment-body"))
        .unwrap_or(item);
    let body = body_text(body_root, items, item.id());
    // A theme's furniture the selectors missed — the author's name or the date repeated as the
    // body's first paragraph — is not the reader's text.
    let body = {
        let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
        while paragraphs.len() > 1
            && (paragraphs[0].trim() == author || parse_written_date(paragraphs[0]).is_some())
        {
            paragraphs.remove(0);
        }
        paragraphs.join("\n\n")
    };
    if body.is_empty() && author == "Anonymous" {
        return None;
    }
    let wp_id = item
        .value()
        .attr("id")
        .map(|i| {
            i.trim_start_matches("li-")
                .trim_start_matches("comment-")
                .to_string()
        })
        .filter(|i| {
            !i.is_empty()
                && i.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    Some(Comment {
        id: CommentId(wp_id.unwrap_or_default()),
        number: None,
        author,
        staff: classes(item).any(|c| c == "bypostauthor" || c == "byauthor" || c == "is-author"),
        date_time,
        date_text: None,
        body,
        replies: Vec::new(),
        parent: None,
        line: dom.line(item.id()),
    })
}

/// Element names whose content is never comment text in a comment body.
fn is_furniture(e: ElementRef<'_>) -> bool {
    let name = e.value().name();
    if matches!(
        name,
        "script" | "style" | "form" | "button" | "noscript" | "svg" | "img" | "template"
    ) {
        return true;
    }
    classes(e).any(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("reply")
            || c.contains("comment-meta")
            || c.contains("comment-author")
            || c == "vcard"
            || c.contains("avatar")
            || c.contains("comment-awaiting")
            || c == "children"
    })
}

/// A comment body as plain text: paragraphs separated by one blank line, `<br>` as `\n`,
/// replies and the comment's own furniture (author, time, reply link) left out.
fn body_text(root: ElementRef<'_>, items: &HashSet<NodeId>, item: NodeId) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut stack = vec![(*root, false)];
    let end_paragraph = |cur: &mut String, paragraphs: &mut Vec<String>| {
        let t = cur
            .trim_matches(|c: char| c == ' ' || c == '\n')
            .to_string();
        if !t.is_empty() {
            paragraphs.push(t);
        }
        cur.clear();
    };
    while let Some((node, leaving)) = stack.pop() {
        if leaving {
            end_paragraph(&mut cur, &mut paragraphs);
            continue;
        }
        match node.value() {
            Node::Text(t) => {
                for (i, word) in t.split(is_space).enumerate() {
                    if i > 0 && !cur.is_empty() && !cur.ends_with([' ', '\n']) {
                        cur.push(' ');
                    }
                    cur.push_str(word);
                }
            }
            Node::Element(e) => {
                let Some(el) = ElementRef::wrap(node) else {
                    continue;
                };
                if (node.id() != item && items.contains(&node.id()))
                    || (node.id() != root.id() && is_furniture(el))
                {
                    continue;
                }
                match e.name() {
                    "br" => {
                        while cur.ends_with(' ') {
                            cur.pop();
                        }
                        cur.push('\n');
                    }
                    "p" | "div" | "blockquote" | "li" | "pre" | "ul" | "ol" | "h1" | "h2"
                    | "h3" | "h4" | "h5" | "h6" => {
                        end_paragraph(&mut cur, &mut paragraphs);
                        stack.push((node, true));
                        let children: Vec<_> = node.children().map(|c| (c, false)).collect();
                        stack.extend(children.into_iter().rev());
                    }
                    _ => {
                        let children: Vec<_> = node.children().map(|c| (c, false)).collect();
                        stack.extend(children.into_iter().rev());
                    }
                }
            }
            _ => {}
        }
    }
    end_paragraph(&mut cur, &mut paragraphs);
    paragraphs
        .into_iter()
        .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// "September 13, 2018 at 5:23 pm", "13 September 2018 at 17:23", "2018-09-13 17:23".
pub(super) fn parse_written_date(text: &str) -> Option<DateTime> {
    if let Some(d) = super::meta::parse_date(text) {
        return Some(d);
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text
        .to_lowercase()
        .replace([',', '@'], " ")
        .replace(" at ", " ");
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (mut year, mut month, mut day) = (None, None, None);
    let (mut hour, mut minute, mut pm) = (0u8, 0u8, None);
    for w in &words {
        if let Some(m) = MONTHS.iter().position(|m| w.starts_with(m)) {
            month = Some(m as u8 + 1);
        } else if let Some((h, m)) = w.split_once(':') {
            hour = h.parse().ok()?;
            minute = m
                .trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .ok()?;
            if m.ends_with("pm") {
                pm = Some(true);
            } else if m.ends_with("am") {
                pm = Some(false);
            }
        } else if *w == "pm" || *w == "p.m." {
            pm = Some(true);
        } else if *w == "am" || *w == "a.m." {
            pm = Some(false);
        } else if let Ok(n) = w
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<u16>()
        {
            if n > 31 {
                year = Some(n);
            } else {
                day = Some(n as u8);
            }
        }
    }
    match pm {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let date = Date::new(year?, month?, day?)?;
    DateTime::new(date, hour, minute, 0)
}

/// The note for a page whose thread a script was to load: the embed it names, or an empty
/// comment placeholder.
fn script_thread(dom: &Dom) -> Option<String> {
    const EMBEDS: &[(&str, &str)] = &[
        ("disqus", "Disqus"),
        ("facebook.com/plugins/comments", "Facebook comments"),
        ("fb-comments", "Facebook comments"),
        ("livefyre", "Livefyre"),
        ("viafoura", "Viafoura"),
        ("coral", "Coral"),
        ("intensedebate", "IntenseDebate"),
        ("commento", "Commento"),
        ("utteranc.es", "utterances"),
        ("giscus", "giscus"),
        ("hyvor", "Hyvor Talk"),
        ("spot.im", "OpenWeb"),
        ("openweb", "OpenWeb"),
        ("changyan", "Changyan (畅言)"),
    ];
    for e in select_all(
        dom,
        "script[src], iframe[src], div[id], div[class], section[id]",
    ) {
        let v = e.value();
        let hay = format!(
            "{} {} {}",
            v.attr("src").unwrap_or(""),
            v.attr("id").unwrap_or(""),
            v.attr("class").unwrap_or("")
        )
        .to_ascii_lowercase();
        for (needle, name) in EMBEDS {
            if hay.contains(needle)
                && (v.name() == "script" || v.name() == "iframe" || text_of(e).is_empty())
            {
                return Some(format!(
                    "the page loads its comments with {name}: they are not in the saved file"
                ));
            }
        }
    }
    for script in select_all(dom, "script:not([src])") {
        let code: String = script.text().collect();
        let code = code.to_ascii_lowercase();
        for (needle, name) in EMBEDS {
            if code.contains(&format!("{needle}.com")) || code.contains(&format!("{needle}_")) {
                return Some(format!(
                    "the page loads its comments with {name}: they are not in the saved file"
                ));
            }
        }
    }
    for e in select_all(dom, "#comments, .comments, #comment-section") {
        if text_of(e).chars().count() < 40 {
            return Some(
                "the page's comment section is an empty placeholder (filled by a script when the page ran): no comments were saved".to_string(),
            );
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates_are_read() {
        let d = parse_written_date("September 13, 2018 at 5:23 pm").unwrap();
        assert_eq!(d.to_string(), "2018-09-13T17:23:00");
        let d = parse_written_date("13 September 2018 at 12:05 am").unwrap();
        assert_eq!(d.to_string(), "2018-09-13T00:05:00");
        assert_eq!(parse_written_date("yesterday"), None);
    }

    fn authors_and_bodies(html: &str) -> Vec<(String, String)> {
        let dom = Dom::parse(html);
        let found = find(&dom);
        found
            .thread
            .walk()
            .iter()
            .map(|v| (v.comment.author.clone(), v.comment.body.clone()))
            .collect()
    }

    /// Shapes seen on real pages: a theme printing "NAME · DATE" in the author element and the
    /// name again above the text (a Drupal site); teasers of a newspaper's "Comment" section,
    /// named like comments but outside any discussion (a rejected false positive).
    #[test]
    fn structural_threads_need_a_discussion_and_lose_repeated_furniture() {
        let thread = r#"<html><body><article><p>The story itself runs longer than its comments do, as an article page's main text always does: this paragraph is that text, long enough to be most of the page.</p></article>
            <section class="comments"><div class="comment"><span class="author">Rarst · March 10, 2017 at 1:26 am</span>
              <div class="content"><p>Rarst</p><p>One nuance of the number.</p></div></div>
            <div class="comment"><span class="author">Lars</span>
              <div class="content"><p>March 11, 2017 at 2:00 pm</p><p>Could I block it?</p></div></div></section></body></html>"#;
        assert_eq!(
            authors_and_bodies(thread),
            [
                ("Rarst".to_string(), "One nuance of the number.".to_string()),
                ("Lars".to_string(), "Could I block it?".to_string()),
            ]
        );
        let teasers = r#"<html><body><article><p>The story itself runs longer than the teasers below it do, as an article page's main text always does: this paragraph is that text, long enough to be most of the page.</p></article>
            <div class="related"><div class="card comment"><span class="author">Telegraph View</span>
              <p>Comment: The Budget is a chance to take on the opposition.</p></div>
            <div class="card comment"><span class="author">Philip Johnston</span>
              <p>Comment: Britain's entitlement culture has won, and we are all paying.</p></div></div></body></html>"#;
        assert_eq!(authors_and_bodies(teasers), []);
    }
}
