//! Front matter's comment thread and annotations, turned into the model's: comment ids,
//! numbers and dates checked, every comment and note located on its front matter line, and
//! each annotation's target checked against the article's paragraphs and comments. Nothing
//! here parses YAML (that is [`super::front_matter`]'s) or reads a scrape's own comment section.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::model::{Annotation, AnnotationTarget, Comment, CommentId, Thread};

use super::front_matter::{FrontMatter, RawAnnotation, RawComment};

/// Builds the flat thread from nested front matter without recursion. Comment ids default to
/// their path (`2`, `2-1`); lines are found by scanning the `comments` list for each
/// `author` in order.
pub(super) fn build_thread(
    path: &Path,
    fm: &FrontMatter<'_>,
    roots: Vec<RawComment>,
) -> Result<Thread> {
    // Only inside the `comments` list: the article's own `author` and the annotations' are
    // not comments.
    let author_lines: Vec<u32> = fm
        .entry_lines("comments", &["author"])
        .into_iter()
        .map(|l| l as u32)
        .collect();
    let yaml_line = fm.yaml_line;
    let mut thread = Thread::default();
    let mut seen: HashMap<String, u32> = HashMap::new();
    // (comment, parent index, id path)
    let mut stack: Vec<(RawComment, Option<usize>, String)> = roots
        .into_iter()
        .enumerate()
        .rev()
        .map(|(i, c)| (c, None, (i + 1).to_string()))
        .collect();
    let mut visited = 0usize;
    while let Some((raw, parent, path_id)) = stack.pop() {
        let line = raw
            .line
            .or_else(|| author_lines.get(visited).copied())
            .unwrap_or(yaml_line as u32);
        visited += 1;
        // Checked as the front matter was read (see `CommentDate`), where its place is known.
        let date_time = raw.date.map(|d| d.0);
        let id = raw.id.clone().unwrap_or_else(|| path_id.clone());
        // `.` too: the importer names a repeated top-level number `3.2`, and `folio import
        // --out` writes that id into front matter.
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(Error::at(
                Location::new(path, line as usize, 1),
                format!("comment id `{id}` may only contain letters, digits, `-`, `_` and `.`"),
            ));
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            return Err(Error::at(
                Location::new(path, line as usize, 1),
                format!("comment id `{id}` is already used by the comment on line {first}"),
            ));
        }
        let number = if parent.is_none() {
            raw.number.or_else(|| path_id.parse().ok())
        } else {
            None
        };
        let index = thread.push(
            Comment {
                id: CommentId(id),
                number,
                author: raw.author,
                staff: raw.staff,
                date_time,
                date_text: raw.date_text.filter(|t| !t.trim().is_empty()),
                body: raw.body.trim_end().to_string(),
                replies: Vec::new(),
                parent: None,
                line,
            },
            parent,
        );
        for (i, reply) in raw.replies.into_iter().enumerate().rev() {
            stack.push((reply, Some(index), format!("{path_id}-{}", i + 1)));
        }
    }
    Ok(thread)
}

/// The front matter's annotations, each located on its `paragraph:` or `comment:` line in
/// order, and checked to target exactly one paragraph or comment the article has.
pub(super) fn build_annotations(
    path: &Path,
    fm: &FrontMatter<'_>,
    raw: Vec<RawAnnotation>,
    blocks: &[crate::model::Block],
    comments: &Thread,
) -> Result<Vec<Annotation>> {
    let note_lines = fm.entry_lines("annotations", &["paragraph", "comment"]);
    let paragraphs = blocks
        .iter()
        .filter(|b| matches!(b.kind, crate::model::BlockKind::Paragraph))
        .count() as u32;
    // Looked up once per note: a thread of 100,000 comments with as many notes must not be
    // searched through for each of them.
    let comment_ids: std::collections::HashSet<&str> =
        comments.comments.iter().map(|c| c.id.0.as_str()).collect();
    let mut out = Vec::with_capacity(raw.len());
    for (i, a) in raw.into_iter().enumerate() {
        let line = note_lines.get(i).copied().unwrap_or(fm.yaml_line);
        let here = Location::new(path, line, 1);
        let target = match (a.paragraph, a.comment) {
            (Some(n), None) => {
                if n == 0 || n > paragraphs {
                    return Err(Error::at(
                        here,
                        format!(
                            "annotation targets paragraph {n}, but the article has {paragraphs} paragraphs"
                        ),
                    ));
                }
                AnnotationTarget::Paragraph(n)
            }
            (None, Some(id)) => {
                if !comment_ids.contains(id.as_str()) {
                    return Err(Error::at(here, format!("annotation targets comment `{id}`, which does not exist"))
                        .with_hint("comment ids are their thread positions: `3` for the third comment, `3-1` for its first reply"));
                }
                AnnotationTarget::Comment(CommentId(id))
            }
            _ => {
                return Err(Error::at(
                    here,
                    "an annotation needs exactly one target: `paragraph: N` or `comment: ID`",
                ));
            }
        };
        out.push(Annotation {
            target,
            note: a.note,
            author: a.author,
            line: line as u32,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_article;

    #[test]
    fn ids_the_importer_makes_load_back_from_front_matter() {
        // A page that restarts its numbering gives `1.2`; a very deep reply `…_3`.
        let text = "---\ntitle: T\ncomments:\n  - {id: '1', author: a}\n  - {id: '1.2', author: b, replies: [{id: '1.2-1_3', author: c}]}\n---\nx\n";
        let a = load_article(Path::new("a.md"), text, "en").unwrap();
        let ids: Vec<&str> = a
            .comments
            .comments
            .iter()
            .map(|c| c.id.0.as_str())
            .collect();
        assert_eq!(ids, ["1", "1.2", "1.2-1_3"]);
        let bad = "---\ntitle: T\ncomments:\n  - {id: 'a b', author: a}\n---\nx\n";
        let e = load_article(Path::new("a.md"), bad, "en").unwrap_err();
        assert!(
            e.to_string().contains("may only contain letters, digits"),
            "{e}"
        );
    }

    /// A front matter thread `levels` deep, in block style.
    fn nested_thread(levels: usize) -> String {
        let mut text = String::from("---\ntitle: Deep\ncomments:\n");
        for level in 0..levels {
            let indent = "    ".repeat(level);
            text.push_str(&format!("{indent}  - author: a{level}\n"));
            if level + 1 < levels {
                text.push_str(&format!("{indent}    replies:\n"));
            }
        }
        text.push_str("---\nBody.\n");
        text
    }

    #[test]
    fn front_matter_threads_load_to_the_documented_depth_and_no_deeper() {
        // On a test thread's 2 MiB stack, like a rayon worker's: the deepest thread front
        // matter can hold deserialises without overflowing it.
        let deepest = crate::yaml::MAX_THREAD_DEPTH_IN_FRONT_MATTER;
        let a = load_article(Path::new("a.md"), &nested_thread(deepest), "en").unwrap();
        assert_eq!(a.comments.walk().last().unwrap().depth, deepest - 1);
        let e = load_article(Path::new("a.md"), &nested_thread(deepest + 1), "en")
            .unwrap_err()
            .to_string();
        assert!(e.contains("nested more than 128 levels deep"), "{e}");
    }
}
