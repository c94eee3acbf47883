//! Corrections to one import, written in the article's front matter rather than in the scraped
//! text: `import: {drop: [...], keep: [...]}`. Each entry matches a line's whole text (a plain
//! string, or `{text: …}`), the start of its text (`{prefix: …}`), a line number of the file
//! (`{line: N}`) or, in a saved page, elements by CSS selector (`{selector: …}`).
//!
//! For a `.txt` scrape the corrections are a separate pass over the importer's result
//! ([`apply_to_scrape`]): a kept line the importer dropped is put back at its place as the kind
//! of line it would have been (joining the paragraph or list item next to it, else a caption,
//! list item or paragraph by the importer's own rules), and the facts its residue gave the
//! metadata are withdrawn; a dropped line leaves its block (a paragraph it was inside splits
//! there, as around residue) and is recorded in `removed` with the reason
//! [`DROPPED_BY_FRONT_MATTER`]. Keeps are applied first, then drops, so a line both kept and
//! dropped ends dropped. Saved pages are corrected in [`super::html`], with the same keys.
//!
//! Every entry must match something: one that matches nothing is an error at the entry, so a
//! correction never silently stops working. Nothing here reads files or front matter (the
//! loader hands the entries over with their places), and the comment thread is never changed:
//! the corrections are about the article text.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;

use super::Scrape;
use super::body::{is_caption, list_marker};
use crate::error::{Error, Location, Result};
use crate::model::{Block, BlockKind, Markup, Removed};

/// The reason recorded in `removed` for what a `drop` entry removed.
pub const DROPPED_BY_FRONT_MATTER: &str = "dropped by front matter";

/// What one entry matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A line (a block or element, in a saved page) whose whole text, trimmed and with runs of
    /// white space as one space, is this.
    Text(String),
    /// A line whose text starts with this.
    Prefix(String),
    /// The line with this number in the file (front matter lines count).
    Line(u32),
    /// Elements of a saved page, by CSS selector.
    Selector(String),
}

impl Pattern {
    /// How the entry is written, for messages: `"Share this"`, `{line: 12}`.
    pub fn describe(&self) -> String {
        match self {
            Pattern::Text(t) => format!("{t:?}"),
            Pattern::Prefix(p) => format!("{{prefix: {p:?}}}"),
            Pattern::Line(n) => format!("{{line: {n}}}"),
            Pattern::Selector(s) => format!("{{selector: {s:?}}}"),
        }
    }

    /// Whether `text` (one line or one block's text) is matched by a text or prefix entry.
    pub fn matches_text(&self, text: &str) -> bool {
        match self {
            Pattern::Text(t) => collapse(text) == collapse(t),
            Pattern::Prefix(p) => collapse(text).starts_with(&collapse(p)),
            Pattern::Line(_) | Pattern::Selector(_) => false,
        }
    }
}

/// `text` trimmed, each run of white space one space: a line copied from an editor or a page
/// matches however its spaces were kept.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One entry is a string (a line's whole text) or a mapping with exactly one of `text`,
/// `prefix`, `line`, `selector`. Read by hand so a wrong entry is reported at the entry with
/// what was expected, not as "did not match any variant".
impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        const FIELDS: &[&str] = &["text", "prefix", "line", "selector"];
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = Pattern;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a line's text, or one of {text: …}, {prefix: …}, {line: N}, {selector: …}",
                )
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<Pattern, E> {
                if text.trim().is_empty() {
                    return Err(E::custom(format!(
                        "a correction's text {}",
                        crate::yaml::BLANK
                    )));
                }
                Ok(Pattern::Text(text.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Pattern, A::Error> {
                use serde::de::Error as _;
                let mut found: Option<Pattern> = None;
                while let Some(key) = map.next_key::<String>()? {
                    let pattern = match key.as_str() {
                        "text" | "prefix" | "selector" => {
                            let value: String = map.next_value()?;
                            if value.trim().is_empty() {
                                return Err(A::Error::custom(format!(
                                    "`{key}` {}",
                                    crate::yaml::BLANK
                                )));
                            }
                            match key.as_str() {
                                "text" => Pattern::Text(value),
                                "prefix" => Pattern::Prefix(value),
                                _ => Pattern::Selector(value),
                            }
                        }
                        "line" => {
                            let n: u32 = map.next_value()?;
                            if n == 0 {
                                return Err(A::Error::custom(
                                    "lines are numbered from 1, as editors number them",
                                ));
                            }
                            Pattern::Line(n)
                        }
                        other => return Err(A::Error::unknown_field(other, FIELDS)),
                    };
                    if found.is_some() {
                        return Err(A::Error::custom(
                            "an entry has one of `text`, `prefix`, `line` or `selector`; write two entries to match two ways",
                        ));
                    }
                    found = Some(pattern);
                }
                found.ok_or_else(|| {
                    A::Error::custom(
                        "an empty entry; write {text: …}, {prefix: …}, {line: N} or {selector: …}",
                    )
                })
            }
        }
        d.deserialize_any(Entry)
    }
}

/// `import:` as written in front matter.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrections {
    #[serde(default)]
    pub drop: Vec<Pattern>,
    #[serde(default)]
    pub keep: Vec<Pattern>,
}

/// Whether an entry takes text out or puts it back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Drop,
    Keep,
}

impl Action {
    pub fn key(self) -> &'static str {
        match self {
            Action::Drop => "drop",
            Action::Keep => "keep",
        }
    }
}

/// One entry with where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub action: Action,
    pub pattern: Pattern,
    pub at: Location,
}

/// Every correction of one file, keeps first, each in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    pub entries: Vec<Entry>,
}

impl Corrections {
    /// The entries of `raw`, located in the front matter `yaml` (file line `yaml_line`).
    pub fn locate(path: &Path, yaml: &str, yaml_line: usize, raw: RawCorrections) -> Corrections {
        let mut entries = Vec::new();
        for (action, list) in [(Action::Keep, raw.keep), (Action::Drop, raw.drop)] {
            let key = format!("import.{}", action.key());
            let places = crate::yaml::item_locations(path, yaml, yaml_line, &key, list.len());
            entries.extend(list.into_iter().zip(places).map(|(pattern, at)| Entry {
                action,
                pattern,
                at,
            }));
        }
        Corrections { entries }
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// What the corrections did, for `folio import --explain`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Lines put back (or confirmed) by a `keep` entry.
    pub kept: BTreeSet<u32>,
}

/// The error for an entry that matches nothing.
pub fn no_match(entry: &Entry, what: &str) -> Error {
    Error::at(
        entry.at.clone(),
        format!(
            "`import.{}` entry {} matches no {what}",
            entry.action.key(),
            entry.pattern.describe()
        ),
    )
    .with_hint(match entry.pattern {
        Pattern::Selector(_) => {
            "a selector picks elements as a browser's CSS does; `folio import FILE --explain` names the page's parts with their classes"
        }
        _ => {
            "an entry matches a line's whole text, {prefix: …} its start, {line: N} its number; `folio import FILE --explain` shows every line"
        }
    })
}

/// One line of the scrape's text.
struct SourceLine<'a> {
    no: u32,
    text: &'a str,
}

/// Applies `corrections` to a `.txt` scrape. `body` is the text after the front matter (line
/// ends `\n`), starting on file line `body_line`. `title_is_body` says the front matter names
/// the title, so the scrape's title line is body text (or a dropped duplicate) already.
pub fn apply_to_scrape(
    body: &str,
    body_line: u32,
    scrape: &mut Scrape,
    corrections: &Corrections,
    title_is_body: bool,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    if corrections.is_empty() {
        return Ok(outcome);
    }
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let lines: Vec<SourceLine<'_>> = body
        .split('\n')
        .enumerate()
        .map(|(i, text)| SourceLine {
            no: body_line + i as u32,
            text: text.trim_end_matches('\r'),
        })
        .collect();
    let last_line = lines.last().map_or(body_line, |l| l.no);
    let comment_start = scrape
        .comments
        .comments
        .iter()
        .map(|c| c.line)
        .min()
        .unwrap_or(u32::MAX);
    let raw_of = |no: u32| -> &str {
        no.checked_sub(body_line)
            .and_then(|i| lines.get(i as usize))
            .map_or("", |l| l.text.trim())
    };

    // Every entry's lines, before anything changes.
    let mut keeps: BTreeSet<u32> = BTreeSet::new();
    let mut drops: BTreeSet<u32> = BTreeSet::new();
    for entry in &corrections.entries {
        let matched: Vec<u32> = match &entry.pattern {
            Pattern::Selector(_) => {
                return Err(Error::at(
                    entry.at.clone(),
                    "a `selector` picks elements of a saved page (.html); this is a .txt scrape",
                )
                .with_hint("match the line by its text, {prefix: …} or {line: N}"));
            }
            Pattern::Line(n) => {
                if *n < body_line || *n > last_line {
                    return Err(Error::at(
                        entry.at.clone(),
                        format!(
                            "line {n} is not a line of the scrape's text, which is lines {body_line}–{last_line}"
                        ),
                    ));
                }
                if raw_of(*n).is_empty() {
                    return Err(Error::at(
                        entry.at.clone(),
                        format!(
                            "line {n} is blank: there is nothing to {}",
                            entry.action.key()
                        ),
                    ));
                }
                vec![*n]
            }
            p => lines
                .iter()
                .filter(|l| !l.text.trim().is_empty() && p.matches_text(l.text))
                .map(|l| l.no)
                .collect(),
        };
        let article: Vec<u32> = matched
            .iter()
            .copied()
            .filter(|&n| n < comment_start)
            .collect();
        if article.is_empty() {
            if let Some(&n) = matched.first() {
                return Err(Error::at(
                    entry.at.clone(),
                    format!(
                        "`import.{}` entry {} matches only the comment section (line {n}); corrections change the article text, not the comments",
                        entry.action.key(),
                        entry.pattern.describe()
                    ),
                ));
            }
            return Err(no_match(entry, "line of the scrape"));
        }
        if entry.action == Action::Drop && !title_is_body && article.contains(&scrape.title_line) {
            return Err(Error::at(
                entry.at.clone(),
                format!(
                    "line {} is the article's title line; a `drop` cannot take the title away",
                    scrape.title_line
                ),
            )
            .with_hint("set `title:` in the front matter: the line then becomes body text, which `drop` can remove"));
        }
        match entry.action {
            Action::Keep => keeps.extend(article),
            Action::Drop => drops.extend(article),
        }
    }
    outcome.kept = keeps.clone();

    let mut edit = Edit::new(scrape);
    for &no in &keeps {
        edit.keep(no, raw_of(no), title_is_body);
    }
    for &no in &drops {
        edit.drop(no);
    }
    edit.finish();
    Ok(outcome)
}

/// The scrape's article lines while corrections are applied.
struct Edit<'s> {
    scrape: &'s mut Scrape,
    /// Lines of each block and reference: (line, text); a list item's first line has no marker.
    blocks: Vec<Vec<(u32, String)>>,
    references: Vec<Vec<(u32, String)>>,
    /// Lines put back that belong to no block yet, with the list number their text opens with.
    restored: BTreeMap<u32, (String, Option<u32>)>,
    touched: BTreeSet<usize>,
    /// The text of lines whose residue was put back, for withdrawing its facts.
    unresidued: Vec<String>,
}

impl<'s> Edit<'s> {
    fn new(scrape: &'s mut Scrape) -> Edit<'s> {
        let lines_of = |line: u32, text: &str| -> Vec<(u32, String)> {
            text.split('\n')
                .enumerate()
                .map(|(i, t)| (line + i as u32, t.to_string()))
                .collect()
        };
        let blocks = scrape
            .blocks
            .iter()
            .map(|b| lines_of(b.line, &b.text))
            .collect();
        let references = scrape
            .references
            .iter()
            .map(|r| lines_of(r.line, &r.text))
            .collect();
        Edit {
            scrape,
            blocks,
            references,
            restored: BTreeMap::new(),
            touched: BTreeSet::new(),
            unresidued: Vec::new(),
        }
    }

    fn find(groups: &[Vec<(u32, String)>], no: u32) -> Option<(usize, usize)> {
        groups.iter().enumerate().find_map(|(g, lines)| {
            lines
                .iter()
                .position(|(n, _)| *n == no)
                .map(|offset| (g, offset))
        })
    }

    /// Takes the importer's removed entries of line `no` out of the record.
    fn unremove(&mut self, no: u32) -> bool {
        let before = self.scrape.removed.len();
        self.scrape.removed.retain(|r| r.line != no);
        before != self.scrape.removed.len()
    }

    fn keep(&mut self, no: u32, raw: &str, title_is_body: bool) {
        if !title_is_body && no == self.scrape.title_line {
            // Residue fused to the title line is title text after all.
            if self.unremove(no) {
                self.scrape.title = raw.to_string();
                self.unresidued.push(raw.to_string());
            }
            return;
        }
        let had_residue = self.scrape.removed.iter().any(|r| r.line == no);
        if let Some((b, k)) = Self::find(&self.blocks, no) {
            if had_residue {
                self.unremove(no);
                let item = matches!(self.scrape.blocks[b].kind, BlockKind::ListItem { .. });
                let text = match list_marker(raw) {
                    Some((_, at)) if item && k == 0 => raw[at..].to_string(),
                    _ => raw.to_string(),
                };
                self.blocks[b][k].1 = text;
                self.touched.insert(b);
                self.unresidued.push(raw.to_string());
            }
            return;
        }
        if let Some((r, k)) = Self::find(&self.references, no) {
            if had_residue {
                self.unremove(no);
                let text = match list_marker(raw) {
                    Some((_, at)) if k == 0 => raw[at..].to_string(),
                    _ => raw.to_string(),
                };
                self.references[r][k].1 = text;
                self.unresidued.push(raw.to_string());
            }
            return;
        }
        if !had_residue {
            return;
        }
        self.unremove(no);
        self.unresidued.push(raw.to_string());
        // Next to a reference it continues that reference.
        if let Some((r, k)) = Self::find(&self.references, no.wrapping_sub(1))
            && k + 1 == self.references[r].len()
        {
            self.references[r].push((no, raw.to_string()));
            return;
        }
        if let Some((r, 0)) = Self::find(&self.references, no + 1) {
            self.references[r].insert(0, (no, raw.to_string()));
            self.scrape.references[r].line = no;
            return;
        }
        let marker = list_marker(raw);
        let text = marker.map_or(raw, |(_, at)| &raw[at..]).to_string();
        self.restored.insert(no, (text, marker.map(|(n, _)| n)));
        for neighbour in [no.wrapping_sub(1), no + 1] {
            if let Some((b, _)) = Self::find(&self.blocks, neighbour) {
                self.touched.insert(b);
            }
        }
    }

    fn drop(&mut self, no: u32) {
        if let Some((b, k)) = Self::find(&self.blocks, no) {
            let (_, text) = self.blocks[b].remove(k);
            self.record(no, &text);
            self.touched.insert(b);
        } else if let Some((r, k)) = Self::find(&self.references, no) {
            let (_, text) = self.references[r].remove(k);
            self.record(no, &text);
        } else if let Some((text, _)) = self.restored.remove(&no) {
            self.record(no, &text);
        }
        // Anything else on the line the importer dropped already.
    }

    fn record(&mut self, line: u32, text: &str) {
        self.scrape.removed.push(Removed {
            line,
            text: text.trim().to_string(),
            reason: DROPPED_BY_FRONT_MATTER.to_string(),
        });
    }

    /// Rebuilds the blocks that changed, by the importer's rules, and puts everything back.
    fn finish(mut self) {
        // Which lines hold text once the corrections are done: a line with a neighbour is part
        // of a paragraph, never a lone caption.
        let mut occupied: BTreeSet<u32> = self.restored.keys().copied().collect();
        for lines in &self.blocks {
            occupied.extend(lines.iter().map(|(n, _)| *n));
        }
        for lines in &self.references {
            occupied.extend(lines.iter().map(|(n, _)| *n));
        }

        // The lines to regroup: those of touched blocks and those put back, each with the list
        // number it opens with (a list item's first line) or none.
        let mut pool: BTreeMap<u32, (String, Option<u32>)> = std::mem::take(&mut self.restored);
        let mut untouched = Vec::new();
        let old_blocks = std::mem::take(&mut self.scrape.blocks);
        for (b, (block, lines)) in old_blocks.into_iter().zip(&self.blocks).enumerate() {
            if !self.touched.contains(&b) {
                untouched.push(block);
                continue;
            }
            let number = match block.kind {
                BlockKind::ListItem { number, .. } => {
                    Some(number.and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
                }
                _ => None,
            };
            for (k, (no, text)) in lines.iter().enumerate() {
                let opens = if k == 0 { number } else { None };
                pool.insert(*no, (text.clone(), opens));
            }
        }

        let mut rebuilt = Vec::new();
        let mut run: Vec<(u32, String, Option<u32>)> = Vec::new();
        let flush = |run: &mut Vec<(u32, String, Option<u32>)>, out: &mut Vec<Block>| {
            let mut segment: Vec<(u32, String, Option<u32>)> = Vec::new();
            let mut segments = Vec::new();
            for line in run.drain(..) {
                if line.2.is_some() && !segment.is_empty() {
                    segments.push(std::mem::take(&mut segment));
                }
                segment.push(line);
            }
            if !segment.is_empty() {
                segments.push(segment);
            }
            for seg in segments {
                let line = seg[0].0;
                let text = seg
                    .iter()
                    .map(|(_, t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                let lone = seg.len() == 1
                    && !occupied.contains(&line.wrapping_sub(1))
                    && !occupied.contains(&(line + 1));
                let kind = match seg[0].2 {
                    Some(number) => BlockKind::ListItem {
                        ordered: true,
                        number: Some(u64::from(number)),
                        depth: 0,
                    },
                    None if lone && is_caption(&text) => BlockKind::Caption { src: None },
                    None => BlockKind::Paragraph,
                };
                out.push(Block {
                    kind,
                    text,
                    line,
                    markup: Markup::Plain,
                });
            }
        };
        for (no, (text, number)) in pool {
            if run.last().is_some_and(|(last, _, _)| *last + 1 != no) {
                flush(&mut run, &mut rebuilt);
            }
            run.push((no, text, number));
        }
        flush(&mut run, &mut rebuilt);

        let mut blocks = untouched;
        blocks.extend(rebuilt);
        blocks.sort_by_key(|b| b.line);
        self.scrape.blocks = blocks;

        let old_refs = std::mem::take(&mut self.scrape.references);
        for (mut reference, lines) in old_refs.into_iter().zip(&self.references) {
            if let Some((first, _)) = lines.first() {
                reference.line = *first;
                reference.text = lines
                    .iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                self.scrape.references.push(reference);
            }
        }
        self.scrape.removed.sort_by_key(|r| r.line);
        self.withdraw_facts();
    }

    /// The facts that residue on kept lines gave the metadata are withdrawn, unless a line
    /// still dropped gives them too.
    fn withdraw_facts(&mut self) {
        if self.unresidued.is_empty() {
            return;
        }
        let facts_of = |text: &str| -> Vec<(&'static str, String)> {
            crate::residue::find_residue(text)
                .into_iter()
                .flat_map(|r| r.meta)
                .collect()
        };
        let mut still: HashMap<&'static str, Vec<String>> = HashMap::new();
        for r in &self.scrape.removed {
            for (k, v) in facts_of(&r.text) {
                still.entry(k).or_default().push(v);
            }
        }
        for text in std::mem::take(&mut self.unresidued) {
            for (key, value) in facts_of(&text) {
                if still.get(key).is_some_and(|v| v.contains(&value)) {
                    continue;
                }
                let Some(old) = self.scrape.metadata.get(key) else {
                    continue;
                };
                let left: Vec<&str> = old.split("; ").filter(|v| *v != value).collect();
                if left.is_empty() {
                    self.scrape.metadata.remove(key);
                } else {
                    let joined = left.join("; ");
                    self.scrape.metadata.insert(key.to_string(), joined);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: Action, pattern: Pattern) -> Entry {
        Entry {
            action,
            pattern,
            at: Location::new("a.txt", 3, 7),
        }
    }

    fn corrected(text: &str, entries: Vec<Entry>) -> Result<Scrape> {
        let path = Path::new("a.txt");
        let mut scrape = super::super::parse_scrape(path, text, 1)?;
        apply_to_scrape(text, 1, &mut scrape, &Corrections { entries }, false)?;
        Ok(scrape)
    }

    fn blocks(s: &Scrape) -> Vec<(u32, &'static str, &str)> {
        s.blocks
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    BlockKind::Paragraph => "p",
                    BlockKind::Caption { .. } => "caption",
                    BlockKind::ListItem { .. } => "item",
                    _ => "other",
                };
                (b.line, kind, b.text.as_str())
            })
            .collect()
    }

    const PAGE: &str = "A harbour reopens\n\nThe harbour office opened again on Monday.\nIt had been shut for a year.\nShare this: Facebook Twitter\nThe tide tables are back.\n\nSubscribe to our newsletter today\n\nHarbour office\n";

    #[test]
    fn a_dropped_line_splits_its_paragraph_and_is_recorded() {
        let s = corrected(
            PAGE,
            vec![
                entry(Action::Drop, Pattern::Line(4)),
                entry(Action::Drop, Pattern::Prefix("Subscribe to".into())),
            ],
        )
        .unwrap();
        assert_eq!(
            blocks(&s),
            [
                (3, "p", "The harbour office opened again on Monday."),
                (6, "p", "The tide tables are back."),
                (10, "caption", "Harbour office"),
            ]
        );
        let dropped: Vec<(u32, &str)> = s
            .removed
            .iter()
            .filter(|r| r.reason == DROPPED_BY_FRONT_MATTER)
            .map(|r| (r.line, r.text.as_str()))
            .collect();
        assert_eq!(
            dropped,
            [
                (4, "It had been shut for a year."),
                (8, "Subscribe to our newsletter today")
            ]
        );
    }

    #[test]
    fn a_kept_residue_line_rejoins_its_paragraph() {
        let s = corrected(
            PAGE,
            vec![entry(
                Action::Keep,
                Pattern::Text("Share this:  Facebook Twitter".into()),
            )],
        )
        .unwrap();
        assert_eq!(
            blocks(&s)[0],
            (
                3,
                "p",
                "The harbour office opened again on Monday.\nIt had been shut for a year.\nShare this: Facebook Twitter\nThe tide tables are back."
            )
        );
        assert!(s.removed.iter().all(|r| r.line != 5), "{:?}", s.removed);
    }

    #[test]
    fn a_kept_lone_line_becomes_the_kind_it_would_be() {
        let text = "Title line\n\nFirst paragraph, long enough.\n\nRelated: more harbour news\n\n2. A second point\n";
        let plain = corrected(text, vec![]).unwrap();
        assert!(
            plain.removed.iter().any(|r| r.line == 5),
            "{:?}",
            plain.removed
        );
        let s = corrected(text, vec![entry(Action::Keep, Pattern::Line(5))]).unwrap();
        let got = blocks(&s);
        assert_eq!(got[1], (5, "caption", "Related: more harbour news"));
    }

    #[test]
    fn entries_that_match_nothing_or_the_wrong_thing_are_errors_at_the_entry() {
        let cases = [
            (
                entry(Action::Drop, Pattern::Text("Not in the file".into())),
                "a.txt:3:7: `import.drop` entry \"Not in the file\" matches no line of the scrape",
            ),
            (
                entry(Action::Keep, Pattern::Line(40)),
                "a.txt:3:7: line 40 is not a line of the scrape's text, which is lines 1–11",
            ),
            (
                entry(Action::Drop, Pattern::Line(2)),
                "a.txt:3:7: line 2 is blank: there is nothing to drop",
            ),
            (
                entry(Action::Drop, Pattern::Line(1)),
                "a.txt:3:7: line 1 is the article's title line; a `drop` cannot take the title away",
            ),
            (
                entry(Action::Drop, Pattern::Selector("div".into())),
                "a.txt:3:7: a `selector` picks elements of a saved page (.html); this is a .txt scrape",
            ),
        ];
        for (e, want) in cases {
            let got = corrected(PAGE, vec![e]).unwrap_err().to_string();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn entries_are_read_from_strings_or_one_key_mappings() {
        let read = |yaml: &str| {
            crate::yaml::from_str::<RawCorrections>(Path::new("a.md"), yaml, 1)
                .map_err(|e| e.to_string())
        };
        let raw = read(
            "drop: [Share this, {prefix: 'Editor:'}, {line: 4}]\nkeep:\n  - selector: div.x\n",
        )
        .unwrap();
        assert_eq!(
            raw.drop,
            [
                Pattern::Text("Share this".into()),
                Pattern::Prefix("Editor:".into()),
                Pattern::Line(4)
            ]
        );
        assert_eq!(raw.keep, [Pattern::Selector("div.x".into())]);
        assert!(
            read("drop: [{line: 0}]")
                .unwrap_err()
                .contains("numbered from 1")
        );
        assert!(
            read("drop: [{text: a, line: 3}]")
                .unwrap_err()
                .contains("write two entries")
        );
        assert!(
            read("drop: [{lines: 3}]")
                .unwrap_err()
                .contains("unknown field `lines`")
        );
        assert!(read("drop: [12]").unwrap_err().contains("{line: N}"));
    }
}
