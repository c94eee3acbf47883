//! The edit-log contract: which text of an article an edit is in ([`Field`]), one change with
//! its spans, text and source location ([`Edit`]), an article's edits and changed fields
//! ([`EditLog`]), and how a block dropped as a whole is logged.
//!
//! This module never decides what to change: it records what the engine applied. It does no
//! rendering either (the `--diff` view is [`super::render_diff`]).

use std::ops::Range;

use serde::Serialize;

use super::RuleId;
use crate::model::{Block, CommentIndex, Removed};

/// Which text of an article an edit is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Field {
    Title,
    Subtitle,
    /// Index into the article's blocks *after* normalization.
    Block(usize),
    /// A block the normalizer removed (a duplicate title). The index is its position in the
    /// blocks as loaded; its text is also recorded in `Article::removed`.
    DroppedBlock(usize),
    Reference(usize),
    Comment(CommentIndex),
}

/// One change, with enough context to review and to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub rule: &'static str,
    pub field: Field,
    /// Bytes in the field's original text.
    pub span: Range<usize>,
    pub original: String,
    pub replacement: String,
    /// Bytes in the field's clean text: what a review view marks.
    pub output_span: Range<usize>,
    /// Location in the source file (1-based; `col` counts characters).
    pub line: u32,
    pub col: u32,
}

/// The edits of one article (or one raw text), in field and position order.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EditLog {
    pub edits: Vec<Edit>,
    /// Before/after text of each changed field, for [`render_diff`](super::render_diff).
    #[serde(skip)]
    pub(crate) changes: Vec<FieldChange>,
}

#[derive(Debug, Clone)]
pub(crate) struct FieldChange {
    pub field: Field,
    pub line: u32,
    pub before: String,
    pub after: String,
}

impl EditLog {
    /// Drops the before/after text of every changed field that only `--diff` reads: a build
    /// keeps an edit log per article for the whole run, and those texts would double the
    /// memory of every machine-translated article.
    pub fn without_diff_texts(mut self) -> EditLog {
        self.changes = Vec::new();
        self.edits.shrink_to_fit();
        self
    }

    pub fn len(&self) -> usize {
        self.edits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Edit counts per rule id, in pipeline order, rules without edits left out.
    pub fn counts(&self) -> Vec<(&'static str, usize)> {
        RuleId::ALL
            .iter()
            .map(|r| {
                (
                    r.id(),
                    self.edits.iter().filter(|e| e.rule == r.id()).count(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// "114 edits (missing-apostrophe 60, glossary 38, spacing 16)".
    pub fn summary(&self) -> String {
        let n = self.edits.len();
        let noun = if n == 1 { "edit" } else { "edits" };
        if n == 0 {
            return "0 edits".to_string();
        }
        let parts: Vec<String> = self
            .counts()
            .iter()
            .map(|(id, k)| format!("{id} {k}"))
            .collect();
        format!("{n} {noun} ({})", parts.join(", "))
    }
}

/// Logs a block the normalizer removed as a whole.
pub(super) fn drop_block(log: &mut EditLog, rule: RuleId, index: usize, line: u32, text: &str) {
    log.edits.push(Edit {
        rule: rule.id(),
        field: Field::DroppedBlock(index),
        span: 0..text.len(),
        original: text.to_string(),
        replacement: String::new(),
        output_span: 0..0,
        line,
        col: 1,
    });
    log.changes.push(FieldChange {
        field: Field::DroppedBlock(index),
        line,
        before: text.to_string(),
        after: String::new(),
    });
}

/// [`drop_block`] for an article's block: the text also goes to the article's removed lines,
/// with the reason, so the page's record of what was dropped matches the edit log.
pub(super) fn drop_article_block(
    log: &mut EditLog,
    removed: &mut Vec<Removed>,
    rule: RuleId,
    index: usize,
    block: Block,
    reason: String,
) {
    drop_block(log, rule, index, block.line, &block.text);
    removed.push(Removed {
        line: block.line,
        text: block.text,
        reason,
    });
}
