//! The content normalizer: turns machine-translated, scraped prose into clean English and records
//! every change. It runs once per article, after loading and before any backend.
//!
//! A pipeline of rules, each with a stable kebab-case id ([`RuleId`]), proposes edits as byte
//! spans of one field (title, a block, a reference, a comment body). The engine drops proposals
//! that touch a protected span (code, URLs, e-mail addresses, paths, raw HTML — see [`protect`]),
//! applies the rest without overlap (earlier rules in [`RuleId::ALL`] win), and logs each edit
//! with its rule, original text, replacement, spans in the original and the clean text, and its
//! line and column in the source file.
//!
//! This stage must not: change code blocks or protected spans, change readers' words in comments
//! unless configured, decide anything about rendering or themes, or do I/O beyond reading a
//! glossary file named in the configuration.

mod apostrophe;
pub mod config;
mod diff;
pub mod glossary;
mod html_entity;
pub mod lexicon;
mod mojibake;
pub mod protect;
mod spacing;
mod title;
pub mod typography;
mod unicode_escape;
mod words;

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

pub use config::{
    ArticleNormalize, ArticleOptions, GlossarySource, NormalizeConfig, TypographyOptions,
};
pub use diff::render_diff;
pub use glossary::{Glossary, GlossaryEntry, GlossaryMatcher};

use crate::error::{Error, Result};
use crate::model::{Article, Block, BlockKind, CommentIndex, Markup, Removed};
use crate::residue::Residue;
use lexicon::Lexicon;
use typography::Quotes;

/// A normalizer rule. The order of [`RuleId::ALL`] is the priority order: when two proposals
/// overlap, the earlier rule's wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    SiteResidue,
    DuplicateTitle,
    UnicodeEscape,
    Mojibake,
    HtmlEntity,
    Glossary,
    MissingApostrophe,
    Spacing,
    Typography,
}

/// The kinds of text a rule may apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Title,
    Body,
    Caption,
    Comment,
}

impl RuleId {
    pub const ALL: [RuleId; 9] = [
        RuleId::SiteResidue,
        RuleId::DuplicateTitle,
        RuleId::UnicodeEscape,
        RuleId::Mojibake,
        RuleId::HtmlEntity,
        RuleId::Glossary,
        RuleId::MissingApostrophe,
        RuleId::Spacing,
        RuleId::Typography,
    ];

    /// The stable id used in `book.yaml`, `--rules`, reports and edits.json.
    pub fn id(self) -> &'static str {
        match self {
            RuleId::SiteResidue => "site-residue",
            RuleId::DuplicateTitle => "duplicate-title",
            RuleId::UnicodeEscape => "unicode-escape",
            RuleId::Mojibake => "mojibake",
            RuleId::HtmlEntity => "html-entity",
            RuleId::Glossary => "glossary",
            RuleId::MissingApostrophe => "missing-apostrophe",
            RuleId::Spacing => "spacing",
            RuleId::Typography => "typography",
        }
    }

    /// One line for `--help`, the README and review tooltips.
    pub fn description(self) -> &'static str {
        match self {
            RuleId::SiteResidue => {
                "removes web-page chrome (ad scripts, publisher stamps, share widgets) from the body"
            }
            RuleId::DuplicateTitle => "drops copies of the title at the top of the body",
            RuleId::UnicodeEscape => "decodes escapes spelled out as text (u2014, \\u2019, U+2014)",
            RuleId::Mojibake => "repairs UTF-8 that was decoded as Windows-1252 (â€™ → ’)",
            RuleId::HtmlEntity => {
                "decodes HTML character references left in prose (&amp;, &#8217;)"
            }
            RuleId::Glossary => "replaces listed name variants with the canonical term",
            RuleId::MissingApostrophe => {
                "restores dropped apostrophes in contractions and possessives"
            }
            RuleId::Spacing => "fixes runs of spaces and spaces around , . ; : ! ?",
            RuleId::Typography => "curly quotes and apostrophes, dashes, ellipsis",
        }
    }

    /// The kinds of text the rule applies to when enabled. Comments get a rule only when it is
    /// listed in `normalize.comments`.
    pub fn targets(self) -> &'static [Target] {
        use Target::*;
        match self {
            RuleId::DuplicateTitle | RuleId::SiteResidue => &[Body],
            RuleId::UnicodeEscape | RuleId::Mojibake | RuleId::HtmlEntity => {
                &[Title, Body, Caption, Comment]
            }
            RuleId::Glossary | RuleId::MissingApostrophe | RuleId::Spacing | RuleId::Typography => {
                &[Title, Body, Caption, Comment]
            }
        }
    }

    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.into_iter().find(|r| r.id() == id)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A set of rules, as a bit mask (cheap to copy per field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RuleSet(u16);

impl RuleSet {
    pub fn all() -> RuleSet {
        RuleSet(RuleId::ALL.iter().fold(0, |m, r| m | r.bit()))
    }

    pub fn contains(self, r: RuleId) -> bool {
        self.0 & r.bit() != 0
    }

    pub fn set(&mut self, r: RuleId, on: bool) {
        if on {
            self.0 |= r.bit();
        } else {
            self.0 &= !r.bit();
        }
    }

    /// Parses rule ids, reporting an unknown one with the closest valid id.
    pub fn parse_ids<'a>(ids: impl IntoIterator<Item = &'a str>, what: &str) -> Result<RuleSet> {
        let mut set = RuleSet::default();
        for id in ids {
            set.set(parse_rule(id, what)?, true);
        }
        Ok(set)
    }
}

fn parse_rule(id: &str, what: &str) -> Result<RuleId> {
    RuleId::parse(id.trim()).ok_or_else(|| {
        let valid: Vec<&str> = RuleId::ALL.iter().map(|r| r.id()).collect();
        let hint = match crate::error::closest(id, valid.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("valid rules: {}", valid.join(", ")),
        };
        Error::Message(format!("unknown normalizer rule `{id}` in {what}; {hint}"))
    })
}

/// One proposed edit, before the engine resolves overlaps and protected spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Proposal {
    pub rule: RuleId,
    pub range: Range<usize>,
    pub replacement: String,
}

impl Proposal {
    pub(crate) fn new(rule: RuleId, range: Range<usize>, replacement: String) -> Proposal {
        Proposal {
            rule,
            range,
            replacement,
        }
    }
}

/// Applies proposals that do not overlap, first come first served. The engine does more (rule
/// priority, protected spans, spans in the output); rules use this to repair nested damage and
/// tests to show results.
pub(crate) fn apply_simple(text: &str, props: &[Proposal]) -> String {
    let mut sorted: Vec<&Proposal> = props.iter().collect();
    sorted.sort_by_key(|p| (p.range.start, p.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in sorted {
        if p.range.start < at || p.range.end > text.len() {
            continue;
        }
        out.push_str(&text[at..p.range.start]);
        out.push_str(&p.replacement);
        at = p.range.end;
    }
    out.push_str(&text[at..]);
    out
}

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
    /// Before/after text of each changed field, for [`render_diff`].
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

/// Names seen in a document: capitalised words, plus glossary terms. The apostrophe rule takes
/// "Huawei" in the text as evidence that "Huaweis share" is a possessive.
#[derive(Debug, Default)]
pub struct Evidence {
    names: HashSet<Box<str>>,
}

impl Evidence {
    pub fn from_texts<'a>(
        texts: impl IntoIterator<Item = &'a str>,
        terms: impl Iterator<Item = &'a str>,
    ) -> Evidence {
        let mut names: HashSet<Box<str>> = HashSet::new();
        let mut add = |w: &str| {
            if !names.contains(w) {
                names.insert(w.into());
            }
        };
        for text in texts {
            let mut rest = text;
            // On bytes: ASCII letters are single bytes, and no byte of another character is one.
            while let Some(start) = rest.bytes().position(|b| b.is_ascii_uppercase()) {
                let tail = &rest[start..];
                let len = tail
                    .bytes()
                    .position(|b| !b.is_ascii_alphabetic())
                    .unwrap_or(tail.len());
                // A word before an apostrophe is not counted: the normalizer writes such forms
                // itself, and evidence must not change when the text is normalized again.
                let apostrophe_after = tail[len..].starts_with(['\'', '’']);
                if len >= 2 && !apostrophe_after {
                    add(&tail[..len]);
                }
                rest = &tail[len.max(1)..];
            }
        }
        for t in terms {
            for w in t.split(|c: char| !c.is_ascii_alphabetic()) {
                if !w.is_empty() {
                    add(w);
                }
            }
        }
        Evidence { names }
    }

    pub fn has_name(&self, w: &str) -> bool {
        self.names.contains(w)
    }
}

/// The normalizer of one build: rules, glossary automaton and lexicon, compiled once.
pub struct Normalizer {
    enabled: bool,
    rules: RuleSet,
    comment_rules: RuleSet,
    glossary: Glossary,
    matcher: GlossaryMatcher,
    lexicon: Lexicon,
    language: String,
    typography: TypographyOptions,
    quotes: Quotes,
}

/// What one field's cleaning produced.
struct Cleaned {
    text: String,
    edits: Vec<(RuleId, Range<usize>, String, Range<usize>)>,
    /// Residue left in place because it holds a protected span (a URL in a script): no other
    /// rule may change it either, or the residue would read differently on the next pass.
    held: Vec<Range<usize>>,
}

/// Per-article state: evidence and the glossary in force.
struct ArticleCx<'a> {
    doc: Evidence,
    matcher: &'a GlossaryMatcher,
}

impl Normalizer {
    /// Validates rule ids, loads the glossary (a path is relative to `book_root`) and builds the
    /// lexicon. `language` is the book's BCP 47 tag (quote style, French spacing).
    pub fn new(config: &NormalizeConfig, book_root: &Path, language: &str) -> Result<Normalizer> {
        let mut rules = RuleSet::all();
        for (id, on) in &config.rules {
            rules.set(parse_rule(id, "normalize.rules")?, *on);
        }
        let comment_rules = RuleSet::parse_ids(
            config.comments.iter().map(String::as_str),
            "normalize.comments",
        )?;
        let glossary = match &config.glossary {
            None => Glossary::default(),
            Some(GlossarySource::Inline(g)) => g.clone(),
            // Named as book.yaml names it when the book is the current folder.
            Some(GlossarySource::Path(p)) if book_root == Path::new(".") => Glossary::load(p)?,
            Some(GlossarySource::Path(p)) => Glossary::load(&book_root.join(p))?,
        };
        let matcher = GlossaryMatcher::new(&glossary)?;
        Ok(Normalizer {
            enabled: config.enabled,
            rules,
            comment_rules,
            glossary,
            matcher,
            lexicon: Lexicon::english(),
            language: language.to_string(),
            typography: config.typography,
            quotes: Quotes::for_language(language),
        })
    }

    /// The book's glossary (an article's own entries are merged in per article).
    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    /// The rules in force for body text.
    pub fn rules(&self) -> RuleSet {
        self.rules
    }

    /// Cleans title, subtitle, every block (never code blocks; Markdown blocks keep code spans,
    /// link destinations and raw HTML protected), references, and comment bodies (encoding
    /// repairs only by default). Mutates the article in place and returns the edit log.
    pub fn normalize_article(
        &self,
        article: &mut Article,
        overrides: Option<&ArticleNormalize>,
        article_glossary: Option<&Glossary>,
    ) -> EditLog {
        let mut log = EditLog::default();
        let (mut rules, mut comment_rules) = (self.rules, self.comment_rules);
        match overrides {
            Some(ArticleNormalize::Switch(false)) => return log,
            Some(ArticleNormalize::Options(o)) => {
                for (id, on) in &o.rules {
                    if let Some(r) = RuleId::parse(id) {
                        rules.set(r, *on);
                        if !on {
                            comment_rules.set(r, false);
                        }
                    }
                }
                if let Some(c) = &o.comments {
                    comment_rules = RuleSet::parse_ids(
                        c.iter()
                            .map(String::as_str)
                            .filter(|s| RuleId::parse(s).is_some()),
                        "comments",
                    )
                    .unwrap_or_default();
                }
            }
            _ => {}
        }
        if !self.enabled {
            return log;
        }
        let local;
        let matcher = match article_glossary {
            Some(g) if !g.entries.is_empty() => {
                match GlossaryMatcher::new(&self.glossary.merged(g)) {
                    Ok(m) => {
                        local = m;
                        &local
                    }
                    Err(_) => &self.matcher,
                }
            }
            _ => &self.matcher,
        };
        let texts = std::iter::once(article.title.as_str())
            .chain(article.subtitle.as_deref())
            .chain(
                article
                    .blocks
                    .iter()
                    .filter(|b| !matches!(b.kind, BlockKind::Code { .. }))
                    .map(|b| b.text.as_str()),
            )
            .chain(article.references.iter().map(|r| r.text.as_str()));
        let cx = ArticleCx {
            doc: Evidence::from_texts(texts, matcher.terms()),
            matcher,
        };

        // Whole blocks go first, in one pass so that what is dropped does not depend on what
        // was dropped before: copies of the title at the top of the body (however many, and
        // with residue between them), then blocks that are all residue. The log names each by
        // its position as loaded.
        let mut kept = Vec::with_capacity(article.blocks.len());
        let mut at_top = true;
        for (index, block) in std::mem::take(&mut article.blocks).into_iter().enumerate() {
            if at_top
                && rules.contains(RuleId::DuplicateTitle)
                && matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
                && title::same_title(&block.text, &article.title)
            {
                drop_article_block(
                    &mut log,
                    &mut article.removed,
                    RuleId::DuplicateTitle,
                    index,
                    block,
                    "duplicate-title: a second copy of the title".to_string(),
                );
                continue;
            }
            let prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::Caption { .. });
            if let Some(spans) = (prose && rules.contains(RuleId::SiteResidue))
                .then(|| whole_residue(&block.text))
                .flatten()
            {
                for (key, value) in spans.iter().flat_map(|r| r.meta.iter()) {
                    article
                        .meta
                        .entry(key.to_string())
                        .or_insert_with(|| value.clone());
                }
                let reasons: Vec<&str> = spans.iter().map(|r| r.reason).collect();
                let reason = format!("site-residue: {}", reasons.join(", "));
                drop_article_block(
                    &mut log,
                    &mut article.removed,
                    RuleId::SiteResidue,
                    index,
                    block,
                    reason,
                );
                continue;
            }
            at_top = false;
            kept.push(block);
        }
        article.blocks = kept;

        let title_rules = self.for_target(rules, Target::Title);
        let line = article.title_line;
        self.clean_into(
            &mut article.title,
            Field::Title,
            line,
            1,
            false,
            title_rules,
            None,
            &cx,
            &mut log,
        );
        if let Some(sub) = &mut article.subtitle {
            self.clean_into(
                sub,
                Field::Subtitle,
                line,
                1,
                false,
                title_rules,
                None,
                &cx,
                &mut log,
            );
        }
        for (i, block) in article.blocks.iter_mut().enumerate() {
            let target = match block.kind {
                BlockKind::Code { .. } => continue,
                BlockKind::Caption { .. } => Target::Caption,
                _ => Target::Body,
            };
            let md = block.markup == Markup::Markdown;
            let r = self.for_target(rules, target);
            self.clean_into(
                &mut block.text,
                Field::Block(i),
                block.line,
                1,
                md,
                r,
                None,
                &cx,
                &mut log,
            );
        }
        let body_rules = self.for_target(rules, Target::Body);
        for (i, reference) in article.references.iter_mut().enumerate() {
            let line = reference.line;
            self.clean_into(
                &mut reference.text,
                Field::Reference(i),
                line,
                1,
                false,
                body_rules,
                None,
                &cx,
                &mut log,
            );
        }
        let mut c_rules = self.for_target(comment_rules, Target::Comment);
        for r in RuleId::ALL {
            if !rules.contains(r) {
                c_rules.set(r, false);
            }
        }
        for (i, comment) in article.comments.comments.iter_mut().enumerate() {
            // Comment bodies start on the line after the comment's header.
            let line = comment.line.saturating_add(1);
            self.clean_into(
                &mut comment.body,
                Field::Comment(i),
                line,
                1,
                false,
                c_rules,
                None,
                &cx,
                &mut log,
            );
        }
        log
    }

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
            if !in_comments
                && kept == 0
                && self.rules.contains(RuleId::DuplicateTitle)
                && title::same_title(original, &text[title.range.clone()])
            {
                drop_block(&mut log, RuleId::DuplicateTitle, i, p.line, original);
                continue;
            }
            // Found once: to drop a paragraph that is all residue, else for the residue rule.
            let residue = (!in_comments && self.rules.contains(RuleId::SiteResidue))
                .then(|| stable_residue(original));
            if residue.as_ref().is_some_and(|r| covers_all(original, r)) {
                drop_block(&mut log, RuleId::SiteResidue, i, p.line, original);
                continue;
            }
            let mut para = original.to_string();
            self.clean_into(
                &mut para,
                Field::Block(kept),
                p.line,
                1,
                false,
                if in_comments {
                    comment_rules
                } else {
                    body_rules
                },
                residue,
                &cx,
                &mut log,
            );
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

    fn for_target(&self, rules: RuleSet, target: Target) -> RuleSet {
        let mut set = RuleSet::default();
        for r in RuleId::ALL {
            if rules.contains(r) && r.targets().contains(&target) {
                set.set(r, true);
            }
        }
        set
    }

    /// Cleans one field in place and appends its edits to the log. `residue` is the site residue
    /// of the text when the caller has already looked for it (`None`: found here if the rule is
    /// on).
    #[allow(clippy::too_many_arguments)]
    fn clean_into(
        &self,
        text: &mut String,
        field: Field,
        line: u32,
        col: u32,
        markdown: bool,
        rules: RuleSet,
        residue: Option<Vec<Residue>>,
        cx: &ArticleCx<'_>,
        log: &mut EditLog,
    ) {
        let cleaned = self.clean(text, markdown, rules, residue, cx);
        if cleaned.edits.is_empty() {
            return;
        }
        // Edits come in position order, so lines and columns are counted on from the last edit
        // rather than from the field's (or the line's) start each time.
        let mut line_no = line;
        let mut scanned = 0;
        // Characters between the current line's start and `scanned`.
        let mut chars: u32 = 0;
        for (rule, span, replacement, output_span) in cleaned.edits {
            let between = &text.as_bytes()[scanned..span.start];
            if let Some(last) = memchr::memrchr(b'\n', between) {
                let n = memchr::memchr_iter(b'\n', between).count();
                line_no = line_no.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
                chars = 0;
                scanned += last + 1;
            }
            chars += text[scanned..span.start].chars().count() as u32;
            scanned = span.start;
            let base_col = if line_no == line { col } else { 1 };
            log.edits.push(Edit {
                rule: rule.id(),
                field,
                original: text[span.clone()].to_string(),
                span,
                replacement,
                output_span,
                line: line_no,
                col: base_col + chars,
            });
        }
        log.changes.push(FieldChange {
            field,
            line,
            before: std::mem::take(text),
            after: cleaned.text.clone(),
        });
        *text = cleaned.text;
    }

    /// Runs the rules until they find nothing more to do (one edit can create the context for
    /// another: a repaired `Ã©` makes `é .` a spacing problem), composing the passes so every edit
    /// still refers to the original text. At most four passes.
    fn clean(
        &self,
        text: &str,
        markdown: bool,
        rules: RuleSet,
        residue: Option<Vec<Residue>>,
        cx: &ArticleCx<'_>,
    ) -> Cleaned {
        let mut cur = self.clean_once(text, markdown, rules, residue, cx, &[]);
        if cur.edits.iter().all(|e| inert(&text[e.1.clone()], &e.2)) {
            return cur;
        }
        // Residue is judged on the text as scraped; later passes only follow up on edits.
        let mut rules = rules;
        rules.set(RuleId::SiteResidue, false);
        // What was protected in the original stays protected in later passes, even where an
        // edit next to it changed how the protected token looks (`/a/b&quot;u2014https://…`).
        let mut original_protected = protect::find(text, markdown);
        original_protected.extend(&cur.held);
        for _ in 0..3 {
            if cur.edits.is_empty() {
                break;
            }
            let carried = shift_spans(original_protected.spans(), &cur.edits);
            let next = self.clean_once(&cur.text, markdown, rules, None, cx, &carried);
            if next.edits.is_empty() {
                break;
            }
            cur = compose(text, &cur, next);
        }
        cur
    }

    /// Runs the active rules over one text once and applies the winning proposals. `residue`,
    /// if known, is the site residue of `text`.
    fn clean_once(
        &self,
        text: &str,
        markdown: bool,
        rules: RuleSet,
        residue: Option<Vec<Residue>>,
        cx: &ArticleCx<'_>,
        carried: &[Range<usize>],
    ) -> Cleaned {
        let mut residue = residue;
        let mut props: Vec<Proposal> = Vec::new();
        let typographic = rules.contains(RuleId::Typography) && self.typography.quotes;
        let quotes = typographic.then_some(&self.quotes);
        let apostrophe = if typographic { '’' } else { '\'' };
        for r in RuleId::ALL {
            if !rules.contains(r) {
                continue;
            }
            match r {
                RuleId::DuplicateTitle => {}
                RuleId::SiteResidue => {
                    let found = residue.take().unwrap_or_else(|| stable_residue(text));
                    let mut ranges: Vec<Range<usize>> =
                        found.into_iter().map(|r| r.range).collect();
                    with_line_breaks(text, &mut ranges);
                    for range in ranges {
                        props.push(Proposal::new(RuleId::SiteResidue, range, String::new()));
                    }
                }
                RuleId::UnicodeEscape => {
                    unicode_escape::propose(text, markdown, quotes, &mut props)
                }
                RuleId::Mojibake => mojibake::propose(text, &mut props),
                RuleId::HtmlEntity => html_entity::propose(text, markdown, quotes, &mut props),
                RuleId::Glossary => cx.matcher.propose(text, apostrophe, &mut props),
                RuleId::MissingApostrophe => {
                    apostrophe::propose(text, &self.lexicon, &cx.doc, apostrophe, &mut props)
                }
                RuleId::Spacing => spacing::propose(text, markdown, &self.language, &mut props),
                RuleId::Typography => {
                    typography::propose(text, markdown, &self.typography, &self.quotes, &mut props)
                }
            }
        }
        if props.is_empty() {
            return Cleaned {
                text: text.to_string(),
                edits: Vec::new(),
                held: Vec::new(),
            };
        }
        let mut protected = protect::find(text, markdown);
        protected.extend(carried);
        // Accept in priority order (rules were run in that order), without overlap.
        let mut accepted: Vec<Proposal> = Vec::with_capacity(props.len());
        let mut taken: Vec<Range<usize>> = Vec::with_capacity(props.len());
        let mut held = Vec::new();
        for p in props {
            let valid = p.range.start <= p.range.end
                && p.range.end <= text.len()
                && text.is_char_boundary(p.range.start)
                && text.is_char_boundary(p.range.end);
            if !valid || text[p.range.clone()] == p.replacement {
                continue;
            }
            let protects = protected.overlaps(&p.range);
            if protects && p.rule != RuleId::SiteResidue {
                continue;
            }
            let k = taken.partition_point(|t| {
                t.end < p.range.start || (t.end == p.range.start && t.start < t.end)
            });
            let clash = taken[k..]
                .iter()
                .take_while(|t| t.start <= p.range.end)
                .any(|t| {
                    let empty_p = p.range.start == p.range.end;
                    let empty_t = t.start == t.end;
                    if empty_p && empty_t {
                        t.start == p.range.start
                    } else if empty_p {
                        t.start < p.range.start && p.range.start < t.end
                    } else if empty_t {
                        p.range.start < t.start && t.start < p.range.end
                    } else {
                        t.start < p.range.end && p.range.start < t.end
                    }
                });
            if clash {
                continue;
            }
            let pos = taken.partition_point(|t| (t.start, t.end) < (p.range.start, p.range.end));
            taken.insert(pos, p.range.clone());
            if protects {
                // Residue that cannot go keeps its claim: later rules must not touch it.
                held.push(p.range);
            } else {
                accepted.push(p);
            }
        }
        accepted.sort_by_key(|p| (p.range.start, p.range.end));
        let mut out = String::with_capacity(text.len() + 16);
        let mut edits = Vec::with_capacity(accepted.len());
        let mut at = 0;
        for p in accepted {
            out.push_str(&text[at..p.range.start]);
            let o_start = out.len();
            out.push_str(&p.replacement);
            edits.push((p.rule, p.range.clone(), p.replacement, o_start..out.len()));
            at = p.range.end;
        }
        out.push_str(&text[at..]);
        Cleaned {
            text: out,
            edits,
            held,
        }
    }
}

/// Residue that is whole lines of a multi-line text — one span, or touching spans of different
/// kinds ("(function(){…}Source: X editor in charge: Y") — is widened to take one line break
/// with it, so removing it leaves no empty line: an empty line would split the paragraph, or
/// start or end it with a break, and the next pass would change it again. `ranges` are sorted
/// and disjoint.
fn with_line_breaks(text: &str, ranges: &mut [Range<usize>]) {
    let bytes = text.as_bytes();
    // Blank as a raw text's blank lines are blank (`trim`): a vertical tab or an ideographic
    // space left alone on a line would make it a paragraph break on the next pass.
    let blank = |c: char| c != '\n' && c.is_whitespace();
    let mut first = 0;
    while first < ranges.len() {
        // The run of spans that touch (only blanks between them).
        let mut last = first;
        while last + 1 < ranges.len()
            && text
                .get(ranges[last].end..ranges[last + 1].start)
                .is_some_and(|gap| gap.chars().all(blank))
        {
            last += 1;
        }
        let mut start = ranges[first].start.min(text.len());
        while let Some(c) = text
            .get(..start)
            .and_then(|t| t.chars().next_back())
            .filter(|&c| blank(c))
        {
            start -= c.len_utf8();
        }
        let mut end = ranges[last].end.clamp(start, text.len());
        while let Some(c) = text
            .get(end..)
            .and_then(|t| t.chars().next())
            .filter(|&c| blank(c))
        {
            end += c.len_utf8();
        }
        let line_start = start == 0 || bytes[start - 1] == b'\n';
        let line_end = end == bytes.len() || bytes[end] == b'\n';
        if line_start && line_end {
            if end < bytes.len() {
                ranges[first].start = start;
                ranges[last].end = end + 1;
            } else if start > 0 {
                ranges[first].start = start - 1;
                ranges[last].end = end;
            }
        }
        first = last + 1;
    }
}

/// The site residue of `text` as removing it leaves it: what [`crate::residue::find_residue`]
/// finds, plus what it finds in the text that is left once that is cut out, until nothing new
/// turns up (at most four rounds). A stamp can read as one only once the script glued to it is
/// gone; without this, the next pass over the clean text would remove it and normalizing would
/// not be idempotent. Spans are in `text`, sorted and disjoint; a span found in what was left
/// covers the residue cut out inside it.
fn stable_residue(text: &str) -> Vec<Residue> {
    let mut found = crate::residue::find_residue(text);
    for _ in 0..4 {
        if found.is_empty() {
            break;
        }
        // What is left, and for each of its bytes the byte of `text` it came from.
        let mut left = String::with_capacity(text.len());
        let mut origin: Vec<usize> = Vec::with_capacity(text.len());
        let mut at = 0;
        for range in found
            .iter()
            .map(|r| r.range.clone())
            .chain(std::iter::once(text.len()..text.len()))
        {
            let piece = text.get(at..range.start.max(at)).unwrap_or("");
            left.push_str(piece);
            origin.extend(at..at + piece.len());
            at = at.max(range.end);
        }
        let more = crate::residue::find_residue(&left);
        if more.is_empty() {
            break;
        }
        for mut r in more {
            if r.range.start >= r.range.end {
                continue;
            }
            r.range = origin[r.range.start]..origin[r.range.end - 1] + 1;
            found.push(r);
        }
        found.sort_by_key(|r| r.range.start);
        let mut merged: Vec<Residue> = Vec::with_capacity(found.len());
        for r in found {
            match merged.last_mut() {
                Some(last) if r.range.start < last.range.end => {
                    last.range.end = last.range.end.max(r.range.end);
                    last.meta.extend(r.meta);
                }
                _ => merged.push(r),
            }
        }
        found = merged;
    }
    found
}

/// The residue spans of `text`, if together they cover all of it.
fn whole_residue(text: &str) -> Option<Vec<Residue>> {
    let found = stable_residue(text);
    covers_all(text, &found).then_some(found)
}

/// Whether `found`, the residue of `text`, covers all of it: spans of different kinds can
/// together leave nothing ("(function(){…}Source: X editor in charge: Y").
fn covers_all(text: &str, found: &[Residue]) -> bool {
    let trimmed_start = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len();
    let (Some(first), Some(last)) = (found.first(), found.last()) else {
        return false;
    };
    first.range.start <= trimmed_start
        && last.range.end >= trimmed_end
        && found
            .windows(2)
            .all(|w| text[w[0].range.end..w[1].range.start].trim().is_empty())
}

/// Logs a block the normalizer removed as a whole.
fn drop_block(log: &mut EditLog, rule: RuleId, index: usize, line: u32, text: &str) {
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
fn drop_article_block(
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

/// Whether an edit cannot change what any rule decides elsewhere: one word replaced by one word
/// with letters or digits at both ends (`Huaweis` → `Huawei’s`, `tiktok` → `TikTok`). Rules only
/// look at whether neighbours are letters and at neighbouring words, so such an edit needs no
/// second pass; anything else (spacing, punctuation, several words) gets one.
fn inert(original: &str, replacement: &str) -> bool {
    let word = |s: &str| {
        s.chars().next().is_some_and(char::is_alphanumeric)
            && s.chars().next_back().is_some_and(char::is_alphanumeric)
            && !s.contains(char::is_whitespace)
    };
    word(original) && word(replacement)
}

/// Moves spans of the original text (which no edit overlaps) to their place in the output.
fn shift_spans(
    spans: &[Range<usize>],
    edits: &[(RuleId, Range<usize>, String, Range<usize>)],
) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    let mut delta: isize = 0;
    for s in spans {
        while k < edits.len() && edits[k].1.end <= s.start {
            delta += edits[k].3.len() as isize - edits[k].1.len() as isize;
            k += 1;
        }
        let start = (s.start as isize + delta).max(0) as usize;
        out.push(start..start + s.len());
    }
    out
}

/// Edits (`true` = first pass, index) whose spans in the first pass's output overlap.
type Cluster = (Range<usize>, Vec<(bool, usize)>);

/// Combines two passes into edits from `original` to `second.text`. Edits of the second pass
/// that overlap an edit of the first become one edit (named after the first pass's rule, the
/// cause); the others are shifted back to original positions.
fn compose(original: &str, first: &Cleaned, second: Cleaned) -> Cleaned {
    // (span in the first pass's output, is_first, index)
    let mut items: Vec<(Range<usize>, bool, usize)> = first
        .edits
        .iter()
        .enumerate()
        .map(|(i, e)| (e.3.clone(), true, i))
        .chain(
            second
                .edits
                .iter()
                .enumerate()
                .map(|(i, e)| (e.1.clone(), false, i)),
        )
        .collect();
    items.sort_by_key(|(r, is_first, _)| (r.start, r.end, !*is_first));
    let touches = |a: &Range<usize>, b: &Range<usize>| {
        if a.start == a.end || b.start == b.end {
            (a.start < b.end && b.start < a.end)
                || (a.start == b.start && a.end == b.end)
                || (a.start == a.end && b.start < a.start && a.start < b.end)
                || (b.start == b.end && a.start < b.start && b.start < a.end)
        } else {
            a.start < b.end && b.start < a.end
        }
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    for (r, is_first, i) in items {
        match clusters.last_mut() {
            Some((c, members)) if touches(c, &r) => {
                c.start = c.start.min(r.start);
                c.end = c.end.max(r.end);
                members.push((is_first, i));
            }
            _ => clusters.push((r, vec![(is_first, i)])),
        }
    }
    // Every edit of both passes belongs to exactly one cluster, so a cluster's position in the
    // original (or the final output) is its position in the first output shifted by the size
    // changes of all earlier clusters.
    let mut edits = Vec::with_capacity(clusters.len());
    let (mut shift_back, mut shift_fwd): (isize, isize) = (0, 0);
    for (c, members) in clusters {
        let (mut d_back, mut d_fwd): (isize, isize) = (0, 0);
        for &(is_first, i) in &members {
            if is_first {
                let e = &first.edits[i];
                d_back += e.1.len() as isize - e.3.len() as isize;
            } else {
                let e = &second.edits[i];
                d_fwd += e.3.len() as isize - e.1.len() as isize;
            }
        }
        let rule = members
            .iter()
            .find(|(is_first, _)| *is_first)
            .map(|&(_, i)| first.edits[i].0)
            .unwrap_or_else(|| second.edits[members[0].1].0);
        let len = c.len() as isize;
        let o_start = c.start as isize + shift_back;
        let f_start = c.start as isize + shift_fwd;
        let orig = o_start.max(0) as usize..(o_start + len + d_back).max(0) as usize;
        let out = f_start.max(0) as usize..(f_start + len + d_fwd).max(0) as usize;
        shift_back += d_back;
        shift_fwd += d_fwd;
        let (Some(before), Some(after)) =
            (original.get(orig.clone()), second.text.get(out.clone()))
        else {
            continue;
        };
        if before != after {
            edits.push((rule, orig, after.to_string(), out));
        }
    }
    Cleaned {
        text: second.text,
        edits,
        held: first.held.clone(),
    }
}

/// A raw article text split into its title line and paragraphs.
struct RawDocument {
    title: Option<RawPart>,
    paragraphs: Vec<RawPart>,
}

struct RawPart {
    /// Bytes of the part in the text (the title without surrounding spaces; a paragraph from its
    /// first line's first byte to its last line's end, without the newline).
    range: Range<usize>,
    /// Start of the part's first line.
    line_start: usize,
    line: u32,
    col: u32,
}

impl RawDocument {
    fn parse(text: &str) -> RawDocument {
        let mut title = None;
        let mut paragraphs = Vec::new();
        let mut current: Option<RawPart> = None;
        let mut offset = 0;
        for (n, raw_line) in text.split_inclusive('\n').enumerate() {
            let line = raw_line.trim_end_matches(['\n', '\r']);
            let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
            let blank = line.trim().is_empty();
            if title.is_none() {
                if !blank {
                    let lead = line.len()
                        - line
                            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                            .len();
                    let col = u32::try_from(line[..lead].chars().count() + 1).unwrap_or(1);
                    // Measured from `lead`: a BOM followed by spaces only is not blank (a BOM is
                    // not whitespace) but trims to less than its lead, an empty title.
                    let end = lead + line[lead..].trim_end().len();
                    title = Some(RawPart {
                        range: offset + lead..offset + end,
                        line_start: offset,
                        line: line_no,
                        col,
                    });
                }
            } else if blank {
                paragraphs.extend(current.take());
            } else {
                let end = offset + line.len();
                match &mut current {
                    Some(p) => p.range.end = end,
                    None => {
                        current = Some(RawPart {
                            range: offset..end,
                            line_start: offset,
                            line: line_no,
                            col: 1,
                        })
                    }
                }
            }
            offset += raw_line.len();
        }
        paragraphs.extend(current);
        RawDocument { title, paragraphs }
    }
}

#[cfg(test)]
mod tests;
