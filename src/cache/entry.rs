//! One cache entry on disk: an article as the build uses it — loaded, its export threads
//! attached, normalized — with its edit log, in a file that says what it is and proves it is
//! whole.
//!
//! The layout is a fixed header and a payload:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | [`MAGIC`]: the file is a folio article entry of this format |
//! | 16 | the entry's key (see [`super::ArticleCache`]): a file renamed or copied to another key is refused |
//! | 4 | CRC-32 of the payload: a file cut short or damaged on disk is refused |
//! | 8 | the payload's length |
//! | … | the payload, [postcard](https://docs.rs/postcard) of [`Record`] |
//!
//! The payload is made of types of this module's own, mirroring the model's: the model's
//! `Serialize` impls are shaped for JSON (flattened, internally tagged, fields skipped when
//! empty), which a compact binary format cannot read back, and the cache format should not
//! change whenever the JSON of `folio import` does.
//!
//! Anything that does not decode to a valid article — wrong magic or key, a bad checksum, a
//! payload postcard rejects or leaves bytes of, a slug or rule id folio would not accept — is
//! no entry at all: the article is loaded from its file again. Nothing here panics on bad
//! bytes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::model::{
    Alias, Annotation, AnnotationTarget, Article, Block, BlockKind, Comment, CommentId, Date,
    DateTime, Markup, Reference, Removed, Slug, Source, Thread, Timestamp,
};
use crate::normalize::{Edit, EditLog, Field, RuleId};

/// The first bytes of every entry; the last digit is the format's version, raised whenever
/// [`Record`] changes shape.
pub(super) const MAGIC: &[u8; 8] = b"folioAC1";

const HEADER: usize = 8 + 16 + 4 + 8;

/// An article as the build uses it, taken from the cache or about to be put in it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub article: Article,
    /// Its edit log, without the before/after texts only `--diff` reads.
    pub edits: EditLog,
    /// The key of its source text and attached comments, as the output's keys use it.
    pub source_key: crate::incremental::Key,
    /// The key of the export threads attached to it before it was normalized (0: none).
    pub exports: crate::incremental::Key,
}

/// The parts of an [`Entry`], borrowed from the build that made them.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    pub article: &'a Article,
    pub edits: &'a EditLog,
    pub source_key: crate::incremental::Key,
    pub exports: crate::incremental::Key,
}

impl EntryRef<'_> {
    pub(super) fn to_entry(self) -> Entry {
        Entry {
            article: self.article.clone(),
            edits: self.edits.clone(),
            source_key: self.source_key,
            exports: self.exports,
        }
    }
}

impl Entry {
    pub fn as_ref(&self) -> EntryRef<'_> {
        EntryRef {
            article: &self.article,
            edits: &self.edits,
            source_key: self.source_key,
            exports: self.exports,
        }
    }
}

/// `entry` as the bytes of its file under `key`; `None` for an article the format cannot hold
/// (a path that is not UTF-8), which is then simply not cached.
pub(super) fn encode(key: u128, entry: EntryRef<'_>) -> Option<Vec<u8>> {
    let record = Record::new(entry)?;
    let payload = postcard::to_allocvec(&record).ok()?;
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Some(bytes)
}

/// The entry in `bytes`, if they are a whole, undamaged entry of this format under `key`.
pub(super) fn decode(key: u128, bytes: &[u8]) -> Option<Entry> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let (magic, rest) = header.split_at(8);
    let (stored_key, rest) = rest.split_at(16);
    let (crc, len) = rest.split_at(4);
    if magic != MAGIC
        || u128::from_le_bytes(stored_key.try_into().ok()?) != key
        || u64::from_le_bytes(len.try_into().ok()?) != payload.len() as u64
        || u32::from_le_bytes(crc.try_into().ok()?) != crc32fast::hash(payload)
    {
        return None;
    }
    let (record, left): (Record, &[u8]) = postcard::take_from_bytes(payload).ok()?;
    if !left.is_empty() {
        return None;
    }
    record.into_entry()
}

/// The payload of an entry.
#[derive(Serialize, Deserialize)]
struct Record {
    article: ArticleRecord,
    edits: Vec<EditRecord>,
    source_key: u64,
    exports: u64,
}

#[derive(Serialize, Deserialize)]
struct ArticleRecord {
    slug: String,
    path: String,
    title: String,
    title_line: u32,
    subtitle: Option<String>,
    authors: Vec<String>,
    date: Option<DateRecord>,
    date_time: Option<DateTimeRecord>,
    date_unknown: bool,
    updated: Option<TimestampRecord>,
    description: Option<String>,
    draft: bool,
    /// Path, line, column.
    aliases: Vec<(String, u32, u32)>,
    /// `extra:` as JSON text: postcard cannot hold a self-describing JSON value.
    extra: String,
    site: Option<String>,
    url: Option<String>,
    language: String,
    translated_from: Option<String>,
    tags: Vec<String>,
    blocks: Vec<BlockRecord>,
    /// Number, text, line.
    references: Vec<(u32, String, u32)>,
    comments: Vec<CommentRecord>,
    roots: Vec<u64>,
    annotations: Vec<AnnotationRecord>,
    meta: BTreeMap<String, String>,
    /// Line, text, reason.
    removed: Vec<(u32, String, String)>,
}

/// Year, month, day.
type DateRecord = (u16, u8, u8);

/// Date, hour, minute, second, offset in minutes.
type DateTimeRecord = (DateRecord, u8, u8, u8, Option<i16>);

#[derive(Serialize, Deserialize)]
enum TimestampRecord {
    Day(DateRecord),
    Time(DateTimeRecord),
}

#[derive(Serialize, Deserialize)]
struct BlockRecord {
    kind: BlockKindRecord,
    text: String,
    line: u32,
    markdown: bool,
}

#[derive(Serialize, Deserialize)]
enum BlockKindRecord {
    Paragraph,
    Heading(u8),
    ListItem {
        ordered: bool,
        number: Option<u64>,
        depth: u8,
    },
    Quote,
    Caption(Option<String>),
    Html,
    Rule,
    Code(Option<String>),
}

#[derive(Serialize, Deserialize)]
struct CommentRecord {
    id: String,
    number: Option<u32>,
    author: String,
    staff: bool,
    date_time: Option<DateTimeRecord>,
    date_text: Option<String>,
    body: String,
    replies: Vec<u64>,
    parent: Option<u64>,
    line: u32,
}

#[derive(Serialize, Deserialize)]
struct AnnotationRecord {
    paragraph: Option<u32>,
    comment: Option<String>,
    note: String,
    author: Option<String>,
    line: u32,
}

#[derive(Serialize, Deserialize)]
struct EditRecord {
    rule: String,
    field: FieldRecord,
    span: (u64, u64),
    original: String,
    replacement: String,
    output_span: (u64, u64),
    line: u32,
    col: u32,
}

#[derive(Serialize, Deserialize)]
enum FieldRecord {
    Title,
    Subtitle,
    Block(u64),
    DroppedBlock(u64),
    Reference(u64),
    Comment(u64),
}

fn date_record(d: Date) -> DateRecord {
    (d.year, d.month, d.day)
}

fn date_time_record(t: DateTime) -> DateTimeRecord {
    (
        date_record(t.date),
        t.hour,
        t.minute,
        t.second,
        t.offset_minutes,
    )
}

fn date((year, month, day): DateRecord) -> Date {
    Date { year, month, day }
}

fn date_time((d, hour, minute, second, offset_minutes): DateTimeRecord) -> DateTime {
    DateTime {
        date: date(d),
        hour,
        minute,
        second,
        offset_minutes,
    }
}

fn index(n: u64) -> Option<usize> {
    usize::try_from(n).ok()
}

impl Record {
    fn new(entry: EntryRef<'_>) -> Option<Record> {
        let a = entry.article;
        let article = ArticleRecord {
            slug: a.slug.as_str().to_string(),
            path: a.path.to_str()?.to_string(),
            title: a.title.clone(),
            title_line: a.title_line,
            subtitle: a.subtitle.clone(),
            authors: a.authors.clone(),
            date: a.date.map(date_record),
            date_time: a.date_time.map(date_time_record),
            date_unknown: a.date_unknown,
            updated: a.updated.map(|t| match t {
                Timestamp::Day(d) => TimestampRecord::Day(date_record(d)),
                Timestamp::Time(t) => TimestampRecord::Time(date_time_record(t)),
            }),
            description: a.description.clone(),
            draft: a.draft,
            aliases: a
                .aliases
                .iter()
                .map(|x| (x.path.clone(), x.line, x.col))
                .collect(),
            extra: serde_json::to_string(&a.extra).ok()?,
            site: a.source.site.clone(),
            url: a.source.url.clone(),
            language: a.language.clone(),
            translated_from: a.translated_from.clone(),
            tags: a.tags.clone(),
            blocks: a
                .blocks
                .iter()
                .map(|b| BlockRecord {
                    kind: match &b.kind {
                        BlockKind::Paragraph => BlockKindRecord::Paragraph,
                        BlockKind::Heading { level } => BlockKindRecord::Heading(*level),
                        BlockKind::ListItem {
                            ordered,
                            number,
                            depth,
                        } => BlockKindRecord::ListItem {
                            ordered: *ordered,
                            number: *number,
                            depth: *depth,
                        },
                        BlockKind::Quote => BlockKindRecord::Quote,
                        BlockKind::Caption { src } => BlockKindRecord::Caption(src.clone()),
                        BlockKind::Html => BlockKindRecord::Html,
                        BlockKind::Rule => BlockKindRecord::Rule,
                        BlockKind::Code { lang } => BlockKindRecord::Code(lang.clone()),
                    },
                    text: b.text.clone(),
                    line: b.line,
                    markdown: b.markup == Markup::Markdown,
                })
                .collect(),
            references: a
                .references
                .iter()
                .map(|r| (r.number, r.text.clone(), r.line))
                .collect(),
            comments: a
                .comments
                .comments
                .iter()
                .map(|c| CommentRecord {
                    id: c.id.0.clone(),
                    number: c.number,
                    author: c.author.clone(),
                    staff: c.staff,
                    date_time: c.date_time.map(date_time_record),
                    date_text: c.date_text.clone(),
                    body: c.body.clone(),
                    replies: c.replies.iter().map(|&r| r as u64).collect(),
                    parent: c.parent.map(|p| p as u64),
                    line: c.line,
                })
                .collect(),
            roots: a.comments.roots.iter().map(|&r| r as u64).collect(),
            annotations: a
                .annotations
                .iter()
                .map(|n| AnnotationRecord {
                    paragraph: match &n.target {
                        AnnotationTarget::Paragraph(p) => Some(*p),
                        AnnotationTarget::Comment(_) => None,
                    },
                    comment: match &n.target {
                        AnnotationTarget::Comment(id) => Some(id.0.clone()),
                        AnnotationTarget::Paragraph(_) => None,
                    },
                    note: n.note.clone(),
                    author: n.author.clone(),
                    line: n.line,
                })
                .collect(),
            meta: a.meta.clone(),
            removed: a
                .removed
                .iter()
                .map(|r| (r.line, r.text.clone(), r.reason.clone()))
                .collect(),
        };
        let edits = entry
            .edits
            .edits
            .iter()
            .map(|e| EditRecord {
                rule: e.rule.to_string(),
                field: match e.field {
                    Field::Title => FieldRecord::Title,
                    Field::Subtitle => FieldRecord::Subtitle,
                    Field::Block(i) => FieldRecord::Block(i as u64),
                    Field::DroppedBlock(i) => FieldRecord::DroppedBlock(i as u64),
                    Field::Reference(i) => FieldRecord::Reference(i as u64),
                    Field::Comment(i) => FieldRecord::Comment(i as u64),
                },
                span: (e.span.start as u64, e.span.end as u64),
                original: e.original.clone(),
                replacement: e.replacement.clone(),
                output_span: (e.output_span.start as u64, e.output_span.end as u64),
                line: e.line,
                col: e.col,
            })
            .collect();
        Some(Record {
            article,
            edits,
            source_key: entry.source_key,
            exports: entry.exports,
        })
    }

    /// The entry, if every value is one folio could have made: a valid slug, comment indices
    /// inside the thread, known rule ids, `extra:` that reads back.
    fn into_entry(self) -> Option<Entry> {
        let a = self.article;
        let count = a.comments.len();
        let in_thread = |i: u64| index(i).filter(|&i| i < count);
        let mut comments = Vec::with_capacity(count);
        for c in a.comments {
            comments.push(Comment {
                id: CommentId(c.id),
                number: c.number,
                author: c.author,
                staff: c.staff,
                date_time: c.date_time.map(date_time),
                date_text: c.date_text,
                body: c.body,
                replies: c
                    .replies
                    .into_iter()
                    .map(in_thread)
                    .collect::<Option<Vec<_>>>()?,
                parent: match c.parent {
                    Some(p) => Some(in_thread(p)?),
                    None => None,
                },
                line: c.line,
            });
        }
        let roots = a
            .roots
            .into_iter()
            .map(in_thread)
            .collect::<Option<Vec<_>>>()?;
        let annotations = a
            .annotations
            .into_iter()
            .map(|n| {
                let target = match (n.paragraph, n.comment) {
                    (Some(p), None) => AnnotationTarget::Paragraph(p),
                    (None, Some(id)) => AnnotationTarget::Comment(CommentId(id)),
                    _ => return None,
                };
                Some(Annotation {
                    target,
                    note: n.note,
                    author: n.author,
                    line: n.line,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let article = Article {
            slug: Slug::parse(&a.slug).ok()?,
            path: PathBuf::from(a.path),
            title: a.title,
            title_line: a.title_line,
            subtitle: a.subtitle,
            authors: a.authors,
            date: a.date.map(date),
            date_time: a.date_time.map(date_time),
            date_unknown: a.date_unknown,
            updated: a.updated.map(|t| match t {
                TimestampRecord::Day(d) => Timestamp::Day(date(d)),
                TimestampRecord::Time(t) => Timestamp::Time(date_time(t)),
            }),
            description: a.description,
            draft: a.draft,
            aliases: a
                .aliases
                .into_iter()
                .map(|(path, line, col)| Alias { path, line, col })
                .collect(),
            extra: serde_json::from_str(&a.extra).ok()?,
            source: Source {
                site: a.site,
                url: a.url,
            },
            language: a.language,
            translated_from: a.translated_from,
            tags: a.tags,
            blocks: a
                .blocks
                .into_iter()
                .map(|b| Block {
                    kind: match b.kind {
                        BlockKindRecord::Paragraph => BlockKind::Paragraph,
                        BlockKindRecord::Heading(level) => BlockKind::Heading { level },
                        BlockKindRecord::ListItem {
                            ordered,
                            number,
                            depth,
                        } => BlockKind::ListItem {
                            ordered,
                            number,
                            depth,
                        },
                        BlockKindRecord::Quote => BlockKind::Quote,
                        BlockKindRecord::Caption(src) => BlockKind::Caption { src },
                        BlockKindRecord::Html => BlockKind::Html,
                        BlockKindRecord::Rule => BlockKind::Rule,
                        BlockKindRecord::Code(lang) => BlockKind::Code { lang },
                    },
                    text: b.text,
                    line: b.line,
                    markup: if b.markdown {
                        Markup::Markdown
                    } else {
                        Markup::Plain
                    },
                })
                .collect(),
            references: a
                .references
                .into_iter()
                .map(|(number, text, line)| Reference { number, text, line })
                .collect(),
            comments: Thread { comments, roots },
            annotations,
            meta: a.meta,
            removed: a
                .removed
                .into_iter()
                .map(|(line, text, reason)| Removed { line, text, reason })
                .collect(),
        };
        let mut edits = EditLog::default();
        edits.edits = self
            .edits
            .into_iter()
            .map(|e| {
                Some(Edit {
                    rule: RuleId::parse(&e.rule)?.id(),
                    field: match e.field {
                        FieldRecord::Title => Field::Title,
                        FieldRecord::Subtitle => Field::Subtitle,
                        FieldRecord::Block(i) => Field::Block(index(i)?),
                        FieldRecord::DroppedBlock(i) => Field::DroppedBlock(index(i)?),
                        FieldRecord::Reference(i) => Field::Reference(index(i)?),
                        FieldRecord::Comment(i) => Field::Comment(index(i)?),
                    },
                    span: index(e.span.0)?..index(e.span.1)?,
                    original: e.original,
                    replacement: e.replacement,
                    output_span: index(e.output_span.0)?..index(e.output_span.1)?,
                    line: e.line,
                    col: e.col,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Entry {
            article,
            edits,
            source_key: self.source_key,
            exports: self.exports,
        })
    }
}
