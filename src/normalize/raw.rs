//! Raw-text mode (`--stdin`, `folio normalize` on scrape files): a title line and paragraphs
//! separated by blank lines are cleaned with the engine's rules, copies of the title and
//! paragraphs that are all site residue are dropped, and the edits can be given as byte ranges
//! of the file itself for rewriting it in place.
//!
//! This module never reads or writes files (the `command` module does) and never cleans a field
//! itself: each part goes through the engine like an article's field.

use std::ops::Range;

use super::document::RawDocument;
use super::edit_log::drop_block;
use super::engine::{ArticleCx, record_into};
use super::site_residue::{covers_all, stable_residue};
use super::{EditLog, Evidence, Field, Normalizer, RuleId, Target, stray_markup, title};

impl Normalizer {
    /// Raw-article mode (`--stdin`): a title line, paragraphs separated by blank lines. Every
    /// rule applies. The clean text is the title, then the paragraphs, separated by exactly one
    /// blank line, with a final newline; nothing else is added.
    pub fn normalize_raw(&self, text: &str) -> (String, EditLog) {
        self.normalize_raw_with_comments(text, None)
    }

    /// Raw mode for a scrape file whose reader comments start at line `comments_from` (as the
    /// importer found them): paragraphs from there on get only the comment rules, so readers'
    /// words are not changed.
    pub fn normalize_raw_with_comments(
        &self,
        text: &str,
        comments_from: Option<u32>,
    ) -> (String, EditLog) {
        let raw = RawDocument::parse(text);
        let mut log = EditLog::default();
        let Some(title) = &raw.title else {
            return (String::new(), log);
        };
        if !self.enabled {
            let mut out = text[title.range.clone()].to_string();
            for p in &raw.paragraphs {
                out.push_str("\n\n");
                out.push_str(&text[p.range.clone()]);
            }
            out.push('\n');
            return (out, log);
        }
        let cx = ArticleCx {
            doc: Evidence::from_texts([text], self.matcher.terms()),
            matcher: &self.matcher,
        };
        let mut title_text = text[title.range.clone()].to_string();
        let title_rules = self.for_target(self.rules, Target::Title);
        self.clean_into(
            &mut title_text,
            Field::Title,
            title.line,
            title.col,
            false,
            title_rules,
            None,
            &cx,
            &mut log,
        );
        let mut out = title_text;
        let title_len = out.len();
        // The clean text is about as long as the input: grow once, not by doubling copies.
        out.reserve(text.len());
        let body_rules = self.for_target(self.rules, Target::Body);
        let mut comment_rules = self.for_target(self.comment_rules, Target::Comment);
        for r in RuleId::ALL {
            if !self.rules.contains(r) {
                comment_rules.set(r, false);
            }
        }
        let mut kept = 0;
        for (i, p) in raw.paragraphs.iter().enumerate() {
            let original = &text[p.range.clone()];
            // Readers' comments get only the comment rules and are never dropped as residue.
            let in_comments = comments_from.is_some_and(|c| p.line >= c);
            // Copies of the title are dropped until the first paragraph that is kept.
            // A fenced code block is the writer's code: kept whole, whatever it looks like.
            let code = p.code;
            // Found once: to drop a paragraph that is all residue, else for the residue rule.
            let residue = (!in_comments && !code && self.rules.contains(RuleId::SiteResidue))
                .then(|| stable_residue(original));
            // A copy as scraped, or once both are cleaned (as a second run reads them); the
            // cleaning done to compare is kept for the paragraph.
            let mut cleaned = None;
            if !in_comments
                && !code
                && kept == 0
                && self.rules.contains(RuleId::DuplicateTitle)
                && (title::same_title(original, &text[title.range.clone()]) || {
                    let c = cleaned.insert(self.clean(
                        original,
                        false,
                        body_rules,
                        residue.clone(),
                        &cx,
                    ));
                    title::same_title(&c.text, &out[..title_len])
                })
            {
                drop_block(&mut log, RuleId::DuplicateTitle, i, p.line, original);
                continue;
            }
            if residue.as_ref().is_some_and(|r| covers_all(original, r)) {
                drop_block(&mut log, RuleId::SiteResidue, i, p.line, original);
                continue;
            }
            if !in_comments
                && !code
                && self.rules.contains(RuleId::StrayMarkup)
                && stray_markup::covers_all(original)
            {
                drop_block(&mut log, RuleId::StrayMarkup, i, p.line, original);
                continue;
            }
            let c = match cleaned {
                Some(c) => c,
                None => self.clean(
                    original,
                    false,
                    if in_comments {
                        comment_rules
                    } else {
                        body_rules
                    },
                    residue,
                    &cx,
                ),
            };
            // All residue once its residue and what surrounded it are cleaned: a second run
            // reads it cleaned, and drops it.
            if !in_comments
                && c.edits.iter().any(|e| e.0 == RuleId::SiteResidue)
                && covers_all(&c.text, &stable_residue(&c.text))
            {
                drop_block(&mut log, RuleId::SiteResidue, i, p.line, original);
                continue;
            }
            let mut para = original.to_string();
            record_into(&mut para, c, Field::Block(kept), p.line, 1, &mut log);
            kept += 1;
            out.push_str("\n\n");
            out.push_str(&para);
        }
        out.push('\n');
        (out, log)
    }

    /// The edits of raw mode as byte ranges of `text` itself, for rewriting a file in place
    /// without changing its layout: in-paragraph edits keep every other byte, a dropped
    /// paragraph loses its lines.
    pub fn raw_file_edits(
        &self,
        text: &str,
        comments_from: Option<u32>,
    ) -> (Vec<(Range<usize>, String)>, EditLog) {
        let raw = RawDocument::parse(text);
        let (_, log) = self.normalize_raw_with_comments(text, comments_from);
        let mut out = Vec::with_capacity(log.edits.len());
        let mut block_ranges = Vec::new();
        for (i, p) in raw.paragraphs.iter().enumerate() {
            let dropped = log.edits.iter().any(|e| e.field == Field::DroppedBlock(i));
            if dropped {
                let end = text[p.range.end..]
                    .find('\n')
                    .map_or(text.len(), |k| p.range.end + k + 1);
                out.push((p.line_start..end, String::new()));
            } else {
                block_ranges.push(p.range.start);
            }
        }
        for e in &log.edits {
            let base = match e.field {
                Field::Title => raw.title.as_ref().map(|t| t.range.start),
                Field::Block(i) => block_ranges.get(i).copied(),
                _ => None,
            };
            if let Some(base) = base {
                out.push((
                    base + e.span.start..base + e.span.end,
                    e.replacement.clone(),
                ));
            }
        }
        out.sort_by_key(|(r, _)| (r.start, r.end));
        (out, log)
    }
}
