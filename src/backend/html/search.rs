//! The search index, prebuilt at build time and split so that a query loads only what it needs:
//! the shards of the terms it asks for, then the text of the articles it shows. Search needs no
//! server: `static/search.js` matches in the browser.
//!
//! **Why not Pagefind**, which builds this kind of index and has a Rust library API: its
//! browser side `fetch()`es gzipped index files and a WebAssembly module, and browsers refuse
//! `fetch()` of local files, so a site opened from disk — which every other page of a folio
//! site supports — would have no search (Pagefind's own issue "Allow pagefind to run locally"
//! is open); its links are absolute from a base path, not relative; Chinese is segmented only
//! for pages marked `zh` and only with its `extended` build (an ICU dictionary segmenter), where
//! folio's archives are English pages quoting Chinese names and machine translations with
//! Chinese originals; and the crate brings an async runtime and its own HTML rewriter (its
//! lock file has 322 packages; folio's whole tree has 257). folio's index is about 1,100 lines
//! here and in `search.js`, and every byte of it is folio's to keep deterministic.
//!
//! **Files** (all under `search/`, beside the search page), each a script that hands its data to
//! a callback `search.js` registered, so it loads with a `<script>` element from disk and from
//! any server alike (JSONP-style; `fetch()` would fail on `file://`):
//!
//! * `manifest.js`: `folioSearch.manifest({…})` — the number of articles, the loader's limits,
//!   each term shard's first term and size, and the number of articles in each text chunk.
//! * `terms/<n>.js`: `folioSearch.terms(n, ["term", "postings", …])` — terms sorted by UTF-16
//!   code units (JavaScript's string order) and cut into shards of about [`SHARD_BYTES`], so a
//!   term's shard is found from the manifest alone, and so are all the shards of a prefix.
//!   Postings list the articles that have the term, by article number, as base-64 VLQ digits
//!   (5 bits each, low first, `0x20` = more to come; the source-map alphabet): for each article
//!   `(gap from the previous number << 1) | in-title`, then its weight — occurrences in the text
//!   (at most 20), in each comment (at most 5 each) and 3 for each comment by an author of that
//!   name, at most 255.
//! * `docs/<n>.js`: `folioSearch.docs(n, [[slug, title, date, date as the pages show it, text,
//!   [[comment anchor, author, text], …]], …])` — consecutive articles packed into chunks of
//!   about [`CHUNK_BYTES`], for the snippets and links of the results shown; the text and the
//!   comments kept for snippets are each cut at [`SNIPPET_CHARS`] characters (the terms index
//!   the whole article).
//!
//! Articles are numbered newest first (undated last, then in book order), so lower numbers
//! rank first among equals and the recent articles a query shows sit in few chunks.
//!
//! Every file is written in one thread in article and term order, while the articles' terms are
//! gathered on all cores a batch at a time and merged in order: the bytes do not depend on the
//! thread count. The manifest's `version` is a hash of every other file, which `search.js`
//! appends to the URLs it loads over HTTP, so a cache never mixes two builds' shards.
//!
//! Never: HTML in the index (text only; `search.js` builds results with DOM nodes), or a file
//! read back from a previous build (the index is written whole each time, into a fresh output).

mod fold;
pub mod read;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::markdown::plain_text;
use crate::model::{Article, BlockKind};

/// The folder of the index, relative to the output (the search page is its `index.html`).
pub const DIR: &str = "search";
/// The smallest size a term shard is cut at; larger indexes get larger shards (at most
/// [`MAX_SHARDS`] of them), so the manifest stays small.
pub const SHARD_BYTES: usize = 16 * 1024;
/// About how many term shards an index is cut into at most.
pub const MAX_SHARDS: usize = 1024;
/// The size of a chunk of article text; an article larger than this is a chunk alone.
pub const CHUNK_BYTES: usize = 32 * 1024;
/// How many characters of an article's text, and of its comments together, a chunk keeps for
/// snippets.
pub const SNIPPET_CHARS: usize = 20_000;
/// Results shown at a time; the next ones load with "Show more results".
pub const PAGE: usize = 10;
/// The most bytes of term shards the last word of a query may load as a prefix (`hua` →
/// `huawei`, `huaxia`…); a prefix with more (a single letter in a large archive) matches as a
/// whole word only.
pub const PREFIX_BYTES: usize = 512 * 1024;

/// Caps of a term's weight in one article (see the module doc).
const TEXT_CAP: u32 = 20;
const COMMENT_CAP: u32 = 5;
const AUTHOR_WEIGHT: u32 = 3;
const WEIGHT_CAP: u32 = 255;

/// How many articles are tokenized in parallel before their terms are merged.
const BATCH: usize = 256;

/// Writes the index into `out/search/`.
pub(super) fn write_search_index(
    articles: &[Article],
    incremental: &crate::incremental::Incremental,
    out: &Path,
) -> Result<()> {
    let dir = out.join(DIR);
    let mut files = Files {
        out,
        incremental,
        version: Fnv::default(),
    };

    let order = recency_order(articles);
    let mut postings: HashMap<String, Postings> = HashMap::new();
    let mut chunks = Chunks::default();
    for (batch_no, batch) in order.chunks(BATCH).enumerate() {
        use rayon::prelude::*;
        let docs: Vec<Doc> = batch
            .par_iter()
            .map_init(fold::Tokenizer::default, |tokenizer, &i| {
                Doc::new(&articles[i], tokenizer)
            })
            .collect();
        for (k, doc) in docs.into_iter().enumerate() {
            let id = (batch_no * BATCH + k) as u32;
            for (term, weight) in doc.terms {
                match postings.get_mut(term.as_str()) {
                    Some(p) => p.push(id, weight),
                    None => {
                        let mut p = Postings::default();
                        p.push(id, weight);
                        postings.insert(term, p);
                    }
                }
            }
            chunks.add(&doc.json, &mut files)?;
        }
    }
    chunks.flush(&mut files)?;

    let mut terms: Vec<(String, String)> = postings.into_iter().map(|(t, p)| (t, p.vlq)).collect();
    terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let total: usize = terms.iter().map(|(t, p)| shard_entry_len(t, p)).sum();
    let target = SHARD_BYTES.max(total / MAX_SHARDS);
    let mut shards: Vec<(String, usize)> = Vec::new();
    let mut shard = Vec::new();
    let mut first: Option<&str> = None;
    for (term, vlq) in &terms {
        if first.is_some() && shard.len() + shard_entry_len(term, vlq) > target {
            let start = first.take().unwrap_or_default();
            shards.push((start.to_string(), files.terms(shards.len(), &mut shard)?));
        }
        if first.is_none() {
            first = Some(term);
        }
        if !shard.is_empty() {
            shard.push(b',');
        }
        json(&mut shard, term.as_str());
        shard.push(b',');
        json(&mut shard, vlq.as_str());
    }
    if let Some(start) = first {
        shards.push((start.to_string(), files.terms(shards.len(), &mut shard)?));
    }

    let manifest = Manifest {
        version: format!("{:016x}", files.version.0),
        docs: articles.len(),
        page: PAGE,
        prefix_bytes: PREFIX_BYTES,
        max_term: fold::MAX_TERM,
        terms: shards,
        chunks: chunks.counts,
    };
    let mut bytes = b"folioSearch.manifest(".to_vec();
    serde_json::to_writer(&mut bytes, &manifest)
        .map_err(std::io::Error::from)
        .map_err(|e| Error::io(dir.join(MANIFEST), e))?;
    bytes.extend_from_slice(b");\n");
    incremental.write(out, &format!("{DIR}/{MANIFEST}"), &bytes)
}

/// The manifest's file name in [`DIR`].
pub const MANIFEST: &str = "manifest.js";

/// What `manifest.js` holds (see the module doc).
#[derive(serde::Serialize, serde::Deserialize, Debug)]
pub struct Manifest {
    /// A hash of every other file of the index, in hex.
    pub version: String,
    /// How many articles there are.
    pub docs: usize,
    pub page: usize,
    pub prefix_bytes: usize,
    pub max_term: usize,
    /// Each term shard's first term and its file's size in bytes.
    pub terms: Vec<(String, usize)>,
    /// How many articles each text chunk holds, in article number order, as VLQ digits.
    pub chunks: String,
}

/// The articles' indexes in number order: newest first, undated last, ties in book order.
fn recency_order(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| articles[b].date.cmp(&articles[a].date).then(a.cmp(&b)));
    order
}

/// What one article gives the index: its terms with their weights, and its entry for a chunk.
struct Doc {
    terms: Vec<(String, u32)>,
    json: Vec<u8>,
}

/// A term's counts in one article while it is tokenized.
#[derive(Default)]
struct Counts {
    title: bool,
    text: u32,
    comments: u32,
    /// The comment (1-based) the term was last counted in, its count there, and the comment
    /// whose author last matched.
    comment: usize,
    in_comment: u32,
    author: usize,
    authors: u32,
}

impl Counts {
    fn weight(&self) -> u32 {
        let comments = self.comments + self.in_comment.min(COMMENT_CAP);
        let weight =
            (self.text.min(TEXT_CAP) + comments + AUTHOR_WEIGHT * self.authors).min(WEIGHT_CAP);
        (weight << 1) | u32::from(self.title)
    }
}

/// Where a term was seen, for [`Counts`].
#[derive(Clone, Copy)]
enum Field {
    Title,
    Text,
    Comment(usize),
    Author(usize),
}

impl Doc {
    fn new(article: &Article, tokenizer: &mut fold::Tokenizer) -> Doc {
        let mut counts: HashMap<String, Counts> = HashMap::new();
        let mut count = |text: &str, field: Field| {
            tokenizer.tokens(text, &mut |term, _| {
                let c = match counts.get_mut(term) {
                    Some(c) => c,
                    None => counts.entry(term.to_string()).or_default(),
                };
                match field {
                    Field::Title => c.title = true,
                    Field::Text => c.text += 1,
                    Field::Comment(k) => {
                        if c.comment != k {
                            c.comments += c.in_comment.min(COMMENT_CAP);
                            c.in_comment = 0;
                            c.comment = k;
                        }
                        c.in_comment += 1;
                    }
                    Field::Author(k) => {
                        if c.author != k {
                            c.author = k;
                            c.authors += 1;
                        }
                    }
                }
            });
        };
        count(&article.title, Field::Title);
        let text = article_text(article);
        count(&text, Field::Text);
        let walk = article.comments.walk();
        for (k, visit) in walk.iter().enumerate() {
            count(&visit.comment.body, Field::Comment(k + 1));
            count(&visit.comment.author, Field::Author(k + 1));
        }
        let terms = counts
            .into_iter()
            .map(|(term, c)| {
                let w = c.weight();
                (term, w)
            })
            .collect();

        let mut comments = Vec::new();
        let mut budget = SNIPPET_CHARS;
        for visit in &walk {
            if budget == 0 {
                break;
            }
            let c = visit.comment;
            let body = c.body.split_whitespace().collect::<Vec<_>>().join(" ");
            let (body, used) = cut(&body, budget);
            budget -= used;
            comments.push((
                format!("comment-{}", c.id),
                c.author.as_str(),
                body.to_string(),
            ));
        }
        let entry = (
            article.slug.as_str(),
            article.title.as_str(),
            article.date.map(|d| d.to_string()),
            article.date.map(|d| d.human()),
            cut(&text, SNIPPET_CHARS).0,
            comments,
        );
        let json = serde_json::to_vec(&entry).unwrap_or_default();
        Doc { terms, json }
    }
}

/// `text` cut to at most `chars` characters, and how many it kept.
fn cut(text: &str, chars: usize) -> (&str, usize) {
    match text.char_indices().nth(chars) {
        Some((at, _)) => (&text[..at], chars),
        None => (text, text.chars().count()),
    }
}

/// The article's text as search shows it: every block's plain text, whitespace collapsed.
fn article_text(article: &Article) -> String {
    let mut body = String::new();
    for block in &article.blocks {
        let text = match block.kind {
            BlockKind::Html | BlockKind::Rule => continue,
            BlockKind::Code { .. } => block.text.split_whitespace().collect::<Vec<_>>().join(" "),
            _ => plain_text(&block.text, block.markup),
        };
        if text.is_empty() {
            continue;
        }
        if !body.is_empty() {
            body.push(' ');
        }
        body.push_str(&text);
    }
    body
}

/// One term's postings as they grow, already encoded.
#[derive(Default)]
struct Postings {
    last: u32,
    vlq: String,
}

impl Postings {
    /// Adds article `id` (larger than any before) with `weight` (`(weight << 1) | in-title`).
    fn push(&mut self, id: u32, weight: u32) {
        let gap = id - self.last;
        self.last = id;
        vlq(&mut self.vlq, (u64::from(gap) << 1) | u64::from(weight & 1));
        vlq(&mut self.vlq, u64::from(weight >> 1));
    }
}

/// The VLQ digits' alphabet (base 64, as in source maps).
pub(crate) const VLQ_DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Appends `value` as VLQ digits: 5 bits each, lowest first, `0x20` on every digit but the last.
pub(crate) fn vlq(out: &mut String, mut value: u64) {
    loop {
        let digit = (value & 0x1F) as usize;
        value >>= 5;
        if value == 0 {
            out.push(VLQ_DIGITS[digit] as char);
            return;
        }
        out.push(VLQ_DIGITS[digit | 0x20] as char);
    }
}

/// The bytes a term and its postings take in a shard: two JSON strings and two commas.
fn shard_entry_len(term: &str, vlq: &str) -> usize {
    // Terms are letters, digits and CJK characters: nothing JSON escapes.
    term.len() + vlq.len() + 6
}

fn json(out: &mut Vec<u8>, s: &str) {
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(out, s);
}

/// The text chunks as they fill.
#[derive(Default)]
struct Chunks {
    buf: Vec<u8>,
    docs: u64,
    counts: String,
    written: usize,
}

impl Chunks {
    fn add(&mut self, entry: &[u8], files: &mut Files<'_>) -> Result<()> {
        if self.docs > 0 && self.buf.len() + entry.len() + 1 > CHUNK_BYTES {
            self.flush(files)?;
        }
        if self.docs > 0 {
            self.buf.push(b',');
        }
        self.buf.extend_from_slice(entry);
        self.docs += 1;
        Ok(())
    }

    fn flush(&mut self, files: &mut Files<'_>) -> Result<()> {
        if self.docs == 0 {
            return Ok(());
        }
        files.write(
            &format!("docs/{}.js", self.written),
            &format!("folioSearch.docs({},[", self.written),
            &self.buf,
        )?;
        vlq(&mut self.counts, self.docs);
        self.written += 1;
        self.buf.clear();
        self.docs = 0;
        Ok(())
    }
}

/// Writes the index's files and hashes them for the manifest's version.
struct Files<'a> {
    /// The output folder; the files go under [`DIR`] in it.
    out: &'a Path,
    incremental: &'a crate::incremental::Incremental,
    version: Fnv,
}

impl Files<'_> {
    /// Writes `terms/<n>.js` from a shard's entries; returns its size.
    fn terms(&mut self, n: usize, entries: &mut Vec<u8>) -> Result<usize> {
        let size = self.write(
            &format!("terms/{n}.js"),
            &format!("folioSearch.terms({n},["),
            entries,
        )?;
        entries.clear();
        Ok(size)
    }

    /// Writes `head` + `body` + `]);\n` to `rel`; returns the size.
    fn write(&mut self, rel: &str, head: &str, body: &[u8]) -> Result<usize> {
        let tail = b"]);\n";
        let mut bytes = Vec::with_capacity(head.len() + body.len() + tail.len());
        for part in [head.as_bytes(), body, tail] {
            bytes.extend_from_slice(part);
            self.version.write(part);
        }
        self.incremental
            .write(self.out, &format!("{DIR}/{rel}"), &bytes)?;
        Ok(bytes.len())
    }
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, so the manifest's version is
/// the same from every build of folio (std's hasher may change between Rust releases).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
