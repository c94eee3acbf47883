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
//! thread count. The manifest's `version` is a hash of each other file's hash in turn, which
//! `search.js` appends to the URLs it loads over HTTP, so a cache never mixes two builds'
//! shards.
//!
//! **Between builds** ([`SearchCache`]): each article's terms with their weights and the size
//! of its text-chunk entry are kept in folio's cache folder, by a key of everything they are
//! made from ([`doc_key`]), with the hash of each text chunk written. An unchanged article is
//! not tokenized again; a text chunk whose articles are those of the previous output's chunk
//! of the same number is kept as it is, unread (its hash comes from the cache); the term
//! shards are assembled again from every article's terms, and only shards whose bytes changed
//! reach the output. The cached terms are what tokenizing would give, so the index is byte for
//! byte a clean build's; a cache file of another build key, cut short or damaged is ignored
//! whole.
//!
//! Never: HTML in the index (text only; `search.js` builds results with DOM nodes), or a file
//! of the previous output read back (a kept chunk is taken by the incremental rules, which
//! check it is still what folio wrote).

mod fold;
pub mod read;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, Result};
use crate::incremental::Key;
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

/// Writes the index into `out/search/`, taking from the search cache (see [`SearchCache`])
/// the terms of every article it has and writing back what this build found.
pub(super) fn write_search_index(
    ctx: &crate::backend::RenderContext<'_>,
    out: &Path,
) -> Result<()> {
    let (articles, sources, incremental, cache) =
        (ctx.articles, ctx.sources, ctx.incremental, ctx.search_cache);
    let dir = out.join(DIR);
    let mut files = Files {
        out,
        incremental,
        version: Fnv::default(),
    };
    let build = incremental.build_key();
    let old = cache
        .and_then(|path| SearchCache::read(path, build))
        .unwrap_or_default();
    let mut vocabulary = Vocabulary::new(old.vocabulary);
    let mut known: HashMap<Key, CachedDoc> = old.docs.into_iter().collect();
    let old_chunks: HashMap<Key, u64> = old.chunks.into_iter().collect();

    let order = recency_order(articles);
    let mut docs: Vec<(Key, CachedDoc)> = Vec::with_capacity(order.len());
    let mut chunks = Chunks::default();
    let mut fresh = 0usize;
    for batch in order.chunks(BATCH) {
        use rayon::prelude::*;
        // Only the articles the cache does not have are tokenized.
        let made: Vec<(Key, Option<Doc>)> = batch
            .par_iter()
            .map_init(fold::Tokenizer::default, |tokenizer, &i| {
                let key = doc_key(
                    build,
                    sources.get(i).copied().unwrap_or_default(),
                    &articles[i],
                );
                let doc = (!known.contains_key(&key)).then(|| Doc::new(&articles[i], tokenizer));
                (key, doc)
            })
            .collect();
        for (&i, (key, doc)) in batch.iter().zip(made) {
            let mut intern = |doc: Doc| {
                fresh += 1;
                let terms = doc
                    .terms
                    .into_iter()
                    .map(|(term, weight)| (vocabulary.id(term), weight))
                    .collect();
                let entry_len = doc.json.len();
                (CachedDoc { terms, entry_len }, Some(doc.json))
            };
            let (cached, entry) = match doc {
                Some(doc) => intern(doc),
                None => match known.remove(&key) {
                    Some(cached) => (cached, None),
                    // The same article twice (two keys are never alike otherwise).
                    None => intern(Doc::new(&articles[i], &mut fold::Tokenizer::default())),
                },
            };
            chunks.add(
                Member {
                    article: i,
                    key,
                    entry_len: cached.entry_len,
                    entry,
                },
                &mut files,
                &ChunkSource {
                    articles,
                    old: &old_chunks,
                },
            )?;
            docs.push((key, cached));
        }
    }
    chunks.flush(
        &mut files,
        &ChunkSource {
            articles,
            old: &old_chunks,
        },
    )?;

    // Postings in article number order, from each article's terms.
    let mut postings: Vec<Postings> = Vec::new();
    postings.resize_with(vocabulary.terms.len(), Postings::default);
    for (id, (_, doc)) in docs.iter().enumerate() {
        for &(term, weight) in &doc.terms {
            postings[term as usize].push(id as u32, weight);
        }
    }
    let mut terms: Vec<(&str, &str)> = vocabulary
        .terms
        .iter()
        .zip(&postings)
        .filter(|(_, p)| !p.vlq.is_empty())
        .map(|(t, p)| (t.as_str(), p.vlq.as_str()))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let total: usize = terms.iter().map(|(t, p)| shard_entry_len(t, p)).sum();
    let target = SHARD_BYTES.max(total / MAX_SHARDS);
    let mut shards: Vec<(String, usize)> = Vec::new();
    let mut shard = Vec::new();
    let mut first: Option<&str> = None;
    for &(term, vlq) in &terms {
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
        json(&mut shard, term);
        shard.push(b',');
        json(&mut shard, vlq);
    }
    if let Some(start) = first {
        shards.push((start.to_string(), files.terms(shards.len(), &mut shard)?));
    }
    drop(terms);
    ctx.progress.note(|| {
        format!(
            "search index: {} of {} articles taken from the search cache, {} of {} text chunks kept",
            articles.len() - fresh,
            articles.len(),
            chunks.kept,
            chunks.written
        )
    });

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
    incremental.write(out, &format!("{DIR}/{MANIFEST}"), &bytes)?;

    // The cache is written back when an article was tokenized or left, or a chunk changed.
    if let Some(path) = cache
        && (fresh > 0
            || !known.is_empty()
            || chunks.hashes.len() != old_chunks.len()
            || chunks
                .hashes
                .iter()
                .any(|(k, h)| old_chunks.get(k) != Some(h)))
    {
        SearchCache::compact(build, vocabulary.terms, docs, chunks.hashes).write(path);
    }
    Ok(())
}

/// The key of an article's part of the index (its terms and its text-chunk entry): the
/// build-wide key (book.yaml, glossary, folio), the article's source and where it is.
fn doc_key(build: Key, source: Key, article: &Article) -> Key {
    crate::incremental::KeyHasher::new()
        .key(build)
        .key(source)
        .str(article.slug.as_str())
        .str(&article.path.to_string_lossy())
        .finish()
}

/// What the index keeps between builds of one output, in the article cache's folder (see
/// [`crate::cache::Session::side_file`]): each article's terms with their weights (terms as
/// numbers into a vocabulary) and the size of its text-chunk entry, by [`doc_key`], and the
/// hash of each text chunk by its key. An unchanged article is not tokenized again, and a
/// text chunk of unchanged articles is kept from the previous output without being read;
/// the term shards are rebuilt from the cached terms and written only where their bytes
/// changed. The build-wide key is checked first; a damaged file is ignored.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct SearchCache {
    build: Key,
    vocabulary: Vec<String>,
    docs: Vec<(Key, CachedDoc)>,
    chunks: Vec<(Key, u64)>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct CachedDoc {
    terms: Vec<(u32, u32)>,
    entry_len: usize,
}

impl SearchCache {
    fn read(path: &Path, build: Key) -> Option<SearchCache> {
        let payload = crate::cache::read_side_file(path)?;
        let cache: SearchCache = postcard::from_bytes(&payload).ok()?;
        let terms = cache.vocabulary.len();
        let sound = cache.build == build
            && cache
                .docs
                .iter()
                .all(|(_, d)| d.terms.iter().all(|&(t, _)| (t as usize) < terms));
        sound.then_some(cache)
    }

    /// This build's documents, with a vocabulary of only the terms they use.
    fn compact(
        build: Key,
        terms: Vec<String>,
        mut docs: Vec<(Key, CachedDoc)>,
        chunks: Vec<(Key, u64)>,
    ) -> SearchCache {
        let mut renumbered: Vec<Option<u32>> = vec![None; terms.len()];
        let mut vocabulary = Vec::new();
        let mut terms: Vec<Option<String>> = terms.into_iter().map(Some).collect();
        for (_, doc) in &mut docs {
            for (term, _) in &mut doc.terms {
                let t = *term as usize;
                *term = *renumbered[t].get_or_insert_with(|| {
                    vocabulary.push(terms[t].take().unwrap_or_default());
                    (vocabulary.len() - 1) as u32
                });
            }
        }
        SearchCache {
            build,
            vocabulary,
            docs,
            chunks,
        }
    }

    fn write(&self, path: &Path) {
        if let Ok(payload) = postcard::to_allocvec(self) {
            crate::cache::write_side_file(path, &payload);
        }
    }
}

/// Terms by number, as the cache stores them.
struct Vocabulary {
    terms: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn new(terms: Vec<String>) -> Vocabulary {
        let ids = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Vocabulary { terms, ids }
    }

    fn id(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        id
    }
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

        let json = Doc::entry(article, &text);
        Doc { terms, json }
    }

    /// The article's entry in a text chunk (see the module doc), from its `text` as
    /// [`article_text`] gives it.
    fn entry(article: &Article, text: &str) -> Vec<u8> {
        let walk = article.comments.walk();
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
            cut(text, SNIPPET_CHARS).0,
            comments,
        );
        serde_json::to_vec(&entry).unwrap_or_default()
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

/// One article in a text chunk: its number's place in the book, its [`doc_key`], the size of
/// its entry and the entry itself when this build made it.
struct Member {
    article: usize,
    key: Key,
    entry_len: usize,
    entry: Option<Vec<u8>>,
}

/// What a chunk's entries are made from when the chunk is written: the articles, and the
/// hash of each chunk the previous build wrote, by chunk key.
struct ChunkSource<'a> {
    articles: &'a [Article],
    old: &'a HashMap<Key, u64>,
}

/// The text chunks as they fill: consecutive articles until the next would pass
/// [`CHUNK_BYTES`] (its size is known from the cache without making its entry).
#[derive(Default)]
struct Chunks {
    members: Vec<Member>,
    /// The bytes the members' entries and the commas between them take.
    len: usize,
    counts: String,
    written: usize,
    /// Each chunk's key and the hash of its bytes, for the cache.
    hashes: Vec<(Key, u64)>,
    /// How many chunks were kept from the previous output unread.
    kept: usize,
}

impl Chunks {
    fn add(&mut self, member: Member, files: &mut Files<'_>, from: &ChunkSource<'_>) -> Result<()> {
        if !self.members.is_empty() && self.len + member.entry_len + 1 > CHUNK_BYTES {
            self.flush(files, from)?;
        }
        if !self.members.is_empty() {
            self.len += 1;
        }
        self.len += member.entry_len;
        self.members.push(member);
        Ok(())
    }

    /// Writes the chunk — or, when its articles are those of the previous output's chunk of
    /// the same number, keeps that file without reading it.
    fn flush(&mut self, files: &mut Files<'_>, from: &ChunkSource<'_>) -> Result<()> {
        if self.members.is_empty() {
            return Ok(());
        }
        let n = self.written;
        let rel = format!("docs/{n}.js");
        let mut key = crate::incremental::KeyHasher::new();
        key.str(&rel);
        for member in &self.members {
            key.key(member.key);
        }
        let key = key.finish();
        let path = format!("{DIR}/{rel}");
        let kept = files.incremental.unchanged(&path, key)
            && from.old.get(&key).is_some_and(|&hash| {
                files.incremental.reuse_file(&path, files.out) && {
                    files.version.write(&hash.to_le_bytes());
                    true
                }
            });
        let hash = if kept {
            self.kept += 1;
            from.old[&key]
        } else {
            use rayon::prelude::*;
            // The entries this build did not make (the article came from the cache).
            let made: Vec<Vec<u8>> = self
                .members
                .par_iter_mut()
                .map(|m| {
                    m.entry.take().unwrap_or_else(|| {
                        Doc::entry(
                            &from.articles[m.article],
                            &article_text(&from.articles[m.article]),
                        )
                    })
                })
                .collect();
            let mut body = Vec::with_capacity(self.len);
            for (k, entry) in made.iter().enumerate() {
                if k > 0 {
                    body.push(b',');
                }
                body.extend_from_slice(entry);
            }
            files
                .write(&rel, &format!("folioSearch.docs({n},["), &body)?
                .1
        };
        self.hashes.push((key, hash));
        vlq(&mut self.counts, self.members.len() as u64);
        self.written += 1;
        self.members.clear();
        self.len = 0;
        Ok(())
    }
}

/// Writes the index's files and hashes them for the manifest's version.
struct Files<'a> {
    /// The output folder; the files go under [`DIR`] in it.
    out: &'a Path,
    incremental: &'a crate::incremental::Incremental,
    /// A hash of each file's [`Fnv`] hash in turn: a text chunk kept from the previous output
    /// is not read, its hash is the cache's.
    version: Fnv,
}

impl Files<'_> {
    /// Writes `terms/<n>.js` from a shard's entries; returns its size.
    fn terms(&mut self, n: usize, entries: &mut Vec<u8>) -> Result<usize> {
        let (size, _) = self.write(
            &format!("terms/{n}.js"),
            &format!("folioSearch.terms({n},["),
            entries,
        )?;
        entries.clear();
        Ok(size)
    }

    /// Writes `head` + `body` + `]);\n` to `rel`; returns its size and hash.
    fn write(&mut self, rel: &str, head: &str, body: &[u8]) -> Result<(usize, u64)> {
        let tail = b"]);\n";
        let mut bytes = Vec::with_capacity(head.len() + body.len() + tail.len());
        let mut hash = Fnv::default();
        for part in [head.as_bytes(), body, tail] {
            bytes.extend_from_slice(part);
            hash.write(part);
        }
        self.version.write(&hash.0.to_le_bytes());
        self.incremental
            .write(self.out, &format!("{DIR}/{rel}"), &bytes)?;
        Ok((bytes.len(), hash.0))
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
