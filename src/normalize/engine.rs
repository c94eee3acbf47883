//! The engine: [`Normalizer`] compiles rules, glossary and lexicon once per build, then cleans
//! an article field by field — it runs the rules in force, drops proposals that touch protected
//! spans, resolves overlaps by rule priority, repeats until the text is stable, and logs every
//! edit with its place in the source.
//!
//! This module never decides what a rule proposes (each rule has its own module), never splits
//! raw text into parts (raw mode is in `raw`), and does no I/O beyond loading the glossary file
//! named in the configuration.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use super::edit_log::{FieldChange, drop_article_block};
use super::lexicon::Lexicon;
use super::proposal::Proposal;
use super::rules::parse_rule;
use super::site_residue::{stable_residue, whole_residue, with_line_breaks};
use super::spans::{compose, inert, shift_spans};
use super::typography::Quotes;
use super::{
    ArticleNormalize, Edit, EditLog, Evidence, Field, Glossary, GlossaryMatcher, GlossarySource,
    NormalizeConfig, RuleId, RuleSet, Target, TypographyOptions, acronym, apostrophe, fused,
    generation, html_entity, mojibake, protect, spacing, stray_markup, title, typography,
    unicode_escape,
};
use crate::error::Result;
use crate::model::{Article, BlockKind, Markup};
use crate::residue::Residue;

/// The normalizer of one build: rules, glossary automaton and lexicon, compiled once.
pub struct Normalizer {
    pub(super) enabled: bool,
    pub(super) rules: RuleSet,
    pub(super) comment_rules: RuleSet,
    glossary: Glossary,
    pub(super) matcher: GlossaryMatcher,
    lexicon: Lexicon,
    language: String,
    typography: TypographyOptions,
    quotes: Quotes,
}

/// What one field's cleaning produced.
pub(super) struct Cleaned {
    pub(super) text: String,
    pub(super) edits: Vec<(RuleId, Range<usize>, String, Range<usize>)>,
    /// Residue left in place because it holds a protected span (a URL in a script): no other
    /// rule may change it either, or the residue would read differently on the next pass.
    pub(super) held: Vec<Range<usize>>,
    /// The protected spans of the text this pass read, when it needed them (it had
    /// proposals): the next pass protects them again without finding them a second time.
    pub(super) protected: Option<protect::Protected>,
}

/// Per-article state: evidence and the glossary in force.
pub(super) struct ArticleCx<'a> {
    pub(super) doc: Evidence,
    pub(super) matcher: &'a GlossaryMatcher,
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
        self.normalize_article_keeping(article, overrides, article_glossary, &BTreeSet::new())
    }

    /// [`Normalizer::normalize_article`], keeping the blocks that hold a line of `kept_lines`
    /// (lines the front matter's `import: keep` kept) from the residue rules: they are never
    /// dropped as residue or spelled-out tags, and `site-residue` and `stray-markup` cut nothing
    /// out of them. Every other rule still repairs them.
    pub fn normalize_article_keeping(
        &self,
        article: &mut Article,
        overrides: Option<&ArticleNormalize>,
        article_glossary: Option<&Glossary>,
        kept_lines: &BTreeSet<u32>,
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
        let title_rules = self.for_target(rules, Target::Title);
        // A copy is the title again either as scraped or once both are cleaned, so that a
        // second run (which reads both cleaned) drops no copy the first run kept. The title is
        // cleaned for this once; a block cleaned to compare is kept with its cleaning, which
        // the body loop below then uses rather than cleaning it twice.
        let mut clean_title = None;
        // The cleaning of each kept block done above the body loop, by its index in `kept`.
        let mut precleaned: Vec<Option<Cleaned>> = Vec::new();
        for (index, block) in std::mem::take(&mut article.blocks).into_iter().enumerate() {
            let mut cleaned = None;
            if at_top
                && rules.contains(RuleId::DuplicateTitle)
                && matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
                && (title::same_title(&block.text, &article.title) || {
                    let t = clean_title.get_or_insert_with(|| {
                        self.clean(&article.title, false, title_rules, None, &cx)
                            .text
                    });
                    let r = self.block_rules(rules, &block, kept_lines);
                    let md = block.markup == Markup::Markdown;
                    let c = cleaned.insert(self.clean(&block.text, md, r, None, &cx));
                    title::same_title(&c.text, t)
                })
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
            let prose = matches!(block.kind, BlockKind::Paragraph | BlockKind::Caption { .. })
                && !holds_kept_line(&block, kept_lines);
            if let Some(spans) = (prose && rules.contains(RuleId::SiteResidue))
                .then(|| whole_residue(&block.text))
                .flatten()
            {
                drop_residue_block(&mut log, article, index, block, &spans);
                continue;
            }
            if prose
                && block.markup == Markup::Plain
                && block.kind != BlockKind::Html
                && rules.contains(RuleId::StrayMarkup)
                && stray_markup::covers_all(&block.text)
            {
                drop_article_block(
                    &mut log,
                    &mut article.removed,
                    RuleId::StrayMarkup,
                    index,
                    block,
                    "stray-markup: spelled-out HTML tags only".to_string(),
                );
                continue;
            }
            // A block that is all residue once its residue and what surrounded it are cleaned
            // (`©` on one line, `© ,n ,n` on the next) goes now: a second run reads it cleaned.
            if prose && rules.contains(RuleId::SiteResidue) {
                let c = cleaned.take().unwrap_or_else(|| {
                    let r = self.block_rules(rules, &block, kept_lines);
                    let md = block.markup == Markup::Markdown;
                    self.clean(&block.text, md, r, None, &cx)
                });
                let removed_residue = c.edits.iter().any(|e| e.0 == RuleId::SiteResidue);
                if let Some(spans) = removed_residue.then(|| whole_residue(&c.text)).flatten() {
                    drop_residue_block(&mut log, article, index, block, &spans);
                    continue;
                }
                cleaned = Some(c);
            }
            at_top = false;
            precleaned.push(cleaned);
            kept.push(block);
        }
        article.blocks = kept;

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
            if matches!(block.kind, BlockKind::Code { .. }) {
                continue;
            }
            if let Some(c) = precleaned.get_mut(i).and_then(Option::take) {
                record_into(&mut block.text, c, Field::Block(i), block.line, 1, &mut log);
                continue;
            }
            let md = block.markup == Markup::Markdown;
            let r = self.block_rules(rules, block, kept_lines);
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

    /// Whether the book's language is English (rules with English word lists check).
    fn english(&self) -> bool {
        self.language
            .split(['-', '_'])
            .next()
            .is_some_and(|p| p.eq_ignore_ascii_case("en"))
    }

    /// The rules in force for one (non-code) block of the body.
    fn block_rules(
        &self,
        rules: RuleSet,
        block: &crate::model::Block,
        kept_lines: &BTreeSet<u32>,
    ) -> RuleSet {
        let target = match block.kind {
            BlockKind::Caption { .. } => Target::Caption,
            _ => Target::Body,
        };
        let mut r = self.for_target(rules, target);
        if holds_kept_line(block, kept_lines) {
            r.set(RuleId::SiteResidue, false);
            r.set(RuleId::StrayMarkup, false);
        }
        // A Markdown file's HTML block is markup its writer meant.
        if block.kind == BlockKind::Html {
            r.set(RuleId::StrayMarkup, false);
        }
        r
    }

    pub(super) fn for_target(&self, rules: RuleSet, target: Target) -> RuleSet {
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
    pub(super) fn clean_into(
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
        record_into(text, cleaned, field, line, col, log);
    }

    /// Runs the rules until they find nothing more to do (one edit can create the context for
    /// another: a repaired `Ã©` makes `é .` a spacing problem), composing the passes so every edit
    /// still refers to the original text. At most four passes.
    pub(super) fn clean(
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
        let mut original_protected = cur
            .protected
            .take()
            .unwrap_or_else(|| protect::find(text, markdown));
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
                RuleId::StrayMarkup => stray_markup::propose(text, markdown, &mut props),
                RuleId::FusedSentence => fused::propose_sentences(text, &self.lexicon, &mut props),
                // Its word lists are English.
                RuleId::FusedWords if self.english() => {
                    fused::propose_words(text, &self.lexicon, &mut props)
                }
                RuleId::FusedWords => {}
                RuleId::Spacing => spacing::propose(text, markdown, &self.language, &mut props),
                // Its context words are English.
                RuleId::NetworkGeneration if self.english() => {
                    generation::propose(text, &mut props)
                }
                RuleId::NetworkGeneration => {}
                // Its word list is English.
                RuleId::AcronymCase if self.english() => acronym::propose(text, &mut props),
                RuleId::AcronymCase => {}
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
                protected: None,
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
            // Only a first pass's spans are of the original text; a later pass also carried
            // spans in, which its caller already has.
            protected: carried.is_empty().then_some(protected),
        }
    }
}

/// Drops a block that is all site residue: the metadata the residue carried (a stamp's
/// author) goes to the article, the block to its record of removed text with the reasons.
fn drop_residue_block(
    log: &mut EditLog,
    article: &mut Article,
    index: usize,
    block: crate::model::Block,
    spans: &[crate::residue::Residue],
) {
    for (key, value) in spans.iter().flat_map(|r| r.meta.iter()) {
        article
            .meta
            .entry(key.to_string())
            .or_insert_with(|| value.clone());
    }
    let reasons: Vec<&str> = spans.iter().map(|r| r.reason).collect();
    let reason = format!("site-residue: {}", reasons.join(", "));
    drop_article_block(
        log,
        &mut article.removed,
        RuleId::SiteResidue,
        index,
        block,
        reason,
    );
}

/// Whether `block` holds one of `lines`: a scrape's block runs from its line over one line per
/// line break it keeps.
fn holds_kept_line(block: &crate::model::Block, lines: &BTreeSet<u32>) -> bool {
    if lines.is_empty() {
        return false;
    }
    let last = block
        .line
        .saturating_add(block.text.matches('\n').count() as u32);
    lines.range(block.line..=last).next().is_some()
}

/// Replaces `text` with `cleaned`'s text and appends its edits, each with its line and column
/// counted from `line`:`col` where the field starts, and the field's before and after.
pub(super) fn record_into(
    text: &mut String,
    cleaned: Cleaned,
    field: Field,
    line: u32,
    col: u32,
    log: &mut EditLog,
) {
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
