//! A built index read back and queried the way `static/search.js` queries it: which files a
//! query loads, in what order, and which articles it shows. `cargo bench --bench build` reports
//! the bytes a query fetches with it, and the tests compare it with what the browser shows.
//!
//! The query rules (the same in `search.js`): the query is split at whitespace into words, each
//! word into terms as the text was ([`super::fold`]; a CJK run of two or more characters asks
//! for its bigrams, a lone CJK character for itself). Every term must match (AND). The last
//! term, when it is a word and the query does not end in a space, is a prefix (`hua` finds
//! `huawei`), unless the shards that prefix spans hold more than the manifest's
//! `prefix_bytes`; then it is a whole word. Results rank by how many query words are all in
//! the title, then by the words' weights (each word weighs as its lightest term; a prefix as
//! the sum over the terms it matched), then by article number (newest first).
//!
//! Never writes anything, and reads only the files of one output's index.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};

use super::fold::{Kind, terms};
use super::{DIR, MANIFEST, Manifest, VLQ_DIGITS};

/// A query as `search.js` parses it.
#[derive(Debug, PartialEq, Eq)]
pub struct Query {
    /// The distinct terms, each with whether it is the prefix term.
    pub terms: Vec<(String, bool)>,
    /// Each query word's terms, as indexes into `terms`.
    pub words: Vec<Vec<usize>>,
}

impl Query {
    pub fn parse(query: &str) -> Query {
        let open = !query.is_empty() && !query.ends_with(char::is_whitespace);
        let mut q = Query {
            terms: Vec::new(),
            words: Vec::new(),
        };
        let words: Vec<&str> = query.split_whitespace().collect();
        for (w, word) in words.iter().enumerate() {
            let found = terms(word);
            let in_bigrams: BTreeSet<char> = found
                .iter()
                .filter(|(_, k)| *k == Kind::Bigram)
                .flat_map(|(t, _)| t.chars())
                .collect();
            let kept: Vec<(String, Kind)> = found
                .into_iter()
                .filter(|(t, k)| *k != Kind::Char || !t.chars().all(|c| in_bigrams.contains(&c)))
                .collect();
            let last_word = w + 1 == words.len();
            let mut group = Vec::new();
            for (i, (term, kind)) in kept.iter().enumerate() {
                let prefix = open && last_word && i + 1 == kept.len() && *kind == Kind::Word;
                let key = (term.clone(), prefix);
                let at = match q.terms.iter().position(|t| *t == key) {
                    Some(at) => at,
                    None => {
                        q.terms.push(key);
                        q.terms.len() - 1
                    }
                };
                if !group.contains(&at) {
                    group.push(at);
                }
            }
            if !group.is_empty() && !q.words.contains(&group) {
                q.words.push(group);
            }
        }
        q
    }
}

/// What a query did.
#[derive(Debug)]
pub struct Outcome {
    /// How many articles match.
    pub total: usize,
    /// The first page of results: (article number, slug).
    pub shown: Vec<(u32, String)>,
    /// The files loaded, in order, with their sizes (the manifest first).
    pub files: Vec<(String, u64)>,
}

impl Outcome {
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, b)| b).sum()
    }
}

/// An output's index.
pub struct Index {
    dir: PathBuf,
    pub manifest: Manifest,
    manifest_bytes: u64,
    /// The first article number of each text chunk.
    chunk_starts: Vec<u32>,
}

impl Index {
    /// The index of the site in `public`.
    pub fn open(public: &Path) -> io::Result<Index> {
        let dir = public.join(DIR);
        let bytes = std::fs::read(dir.join(MANIFEST))?;
        let json = unwrap_call(&bytes, "folioSearch.manifest(")?;
        let manifest: Manifest = serde_json::from_slice(json).map_err(io::Error::other)?;
        let mut chunk_starts = Vec::new();
        let mut start = 0u32;
        for count in decode_vlq(&manifest.chunks)? {
            chunk_starts.push(start);
            start += count as u32;
        }
        Ok(Index {
            dir,
            manifest,
            manifest_bytes: bytes.len() as u64,
            chunk_starts,
        })
    }

    /// How many files the index has and their total size, the manifest included.
    pub fn size(&self) -> io::Result<(usize, u64)> {
        let mut files = 1;
        let mut bytes = self.manifest_bytes;
        for sub in ["terms", "docs"] {
            for entry in std::fs::read_dir(self.dir.join(sub))? {
                files += 1;
                bytes += entry?.metadata()?.len();
            }
        }
        Ok((files, bytes))
    }

    /// The shard a term is in: the last whose first term is not after it.
    fn shard_of(&self, term: &str) -> usize {
        let key: Vec<u16> = term.encode_utf16().collect();
        self.manifest
            .terms
            .partition_point(|(first, _)| first.encode_utf16().cmp(key.iter().copied()).is_le())
            .saturating_sub(1)
    }

    /// Runs `query` as `search.js` does on a fresh page.
    pub fn search(&self, query: &str) -> io::Result<Outcome> {
        let q = Query::parse(query);
        let mut loaded = Loaded {
            index: self,
            shards: BTreeMap::new(),
            chunks: BTreeMap::new(),
            files: vec![(format!("{DIR}/{MANIFEST}"), self.manifest_bytes)],
        };
        let mut outcome = Outcome {
            total: 0,
            shown: Vec::new(),
            files: Vec::new(),
        };
        if q.words.is_empty() || self.manifest.terms.is_empty() {
            outcome.files = loaded.files;
            return Ok(outcome);
        }
        // Article → (weight, in title) for each term.
        let mut matches: Vec<BTreeMap<u32, (u32, bool)>> = Vec::new();
        for (term, prefix) in &q.terms {
            let first = self.shard_of(term);
            let mut last = first;
            // A prefix within budget matches every term it starts; otherwise the term itself.
            let mut expand = false;
            if *prefix {
                while self
                    .manifest
                    .terms
                    .get(last + 1)
                    .is_some_and(|(t, _)| t.starts_with(term.as_str()))
                {
                    last += 1;
                }
                let bytes: usize = self.manifest.terms[first..=last].iter().map(|s| s.1).sum();
                expand = bytes <= self.manifest.prefix_bytes;
                if !expand {
                    last = first;
                }
            }
            let mut found: BTreeMap<u32, (u32, bool)> = BTreeMap::new();
            for shard in first..=last {
                for (t, postings) in loaded.shard(shard)? {
                    let hit = if expand {
                        t.starts_with(term.as_str())
                    } else {
                        t == term
                    };
                    if hit {
                        for (id, weight, title) in decode_postings(postings)? {
                            let e = found.entry(id).or_default();
                            e.0 += weight;
                            e.1 |= title;
                        }
                    }
                }
            }
            matches.push(found);
        }
        let mut ranked: Vec<(usize, u32, u32)> = Vec::new();
        'docs: for &id in matches[0].keys() {
            for m in &matches[1..] {
                if !m.contains_key(&id) {
                    continue 'docs;
                }
            }
            let (mut titles, mut weight) = (0, 0);
            for word in &q.words {
                titles += usize::from(word.iter().all(|&t| matches[t][&id].1));
                weight += word.iter().map(|&t| matches[t][&id].0).min().unwrap_or(0);
            }
            ranked.push((titles, weight, id));
        }
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        outcome.total = ranked.len();
        for &(_, _, id) in ranked.iter().take(self.manifest.page) {
            let chunk = self.chunk_starts.partition_point(|&s| s <= id) - 1;
            let docs = loaded.chunk(chunk)?;
            let entry = &docs[(id - self.chunk_starts[chunk]) as usize];
            let slug = entry[0].as_str().unwrap_or_default().to_string();
            outcome.shown.push((id, slug));
        }
        outcome.files = loaded.files;
        Ok(outcome)
    }
}

/// The files one query has loaded so far.
struct Loaded<'a> {
    index: &'a Index,
    shards: BTreeMap<usize, Vec<(String, String)>>,
    chunks: BTreeMap<usize, Vec<serde_json::Value>>,
    files: Vec<(String, u64)>,
}

impl Loaded<'_> {
    fn read(&mut self, rel: String, head: &str) -> io::Result<Vec<u8>> {
        let bytes = std::fs::read(self.index.dir.join(&rel))?;
        let json = unwrap_call(&bytes, head)?.to_vec();
        self.files
            .push((format!("{DIR}/{rel}"), bytes.len() as u64));
        Ok(json)
    }

    fn shard(&mut self, n: usize) -> io::Result<&[(String, String)]> {
        if !self.shards.contains_key(&n) {
            let json = self.read(format!("terms/{n}.js"), &format!("folioSearch.terms({n},"))?;
            let flat: Vec<String> = serde_json::from_slice(&json).map_err(io::Error::other)?;
            let pairs = flat
                .chunks(2)
                .map(|p| (p[0].clone(), p.get(1).cloned().unwrap_or_default()))
                .collect();
            self.shards.insert(n, pairs);
        }
        Ok(&self.shards[&n])
    }

    fn chunk(&mut self, n: usize) -> io::Result<&[serde_json::Value]> {
        if !self.chunks.contains_key(&n) {
            let json = self.read(format!("docs/{n}.js"), &format!("folioSearch.docs({n},"))?;
            let docs: Vec<serde_json::Value> =
                serde_json::from_slice(&json).map_err(io::Error::other)?;
            self.chunks.insert(n, docs);
        }
        Ok(&self.chunks[&n])
    }
}

/// The JSON argument of a file `<head><json>);\n`.
fn unwrap_call<'a>(bytes: &'a [u8], head: &str) -> io::Result<&'a [u8]> {
    bytes
        .strip_prefix(head.as_bytes())
        .and_then(|b| b.strip_suffix(b");\n"))
        .ok_or_else(|| io::Error::other(format!("not a `{head}…);` script")))
}

/// VLQ digits back to numbers.
pub fn decode_vlq(digits: &str) -> io::Result<Vec<u64>> {
    let mut out = Vec::new();
    let (mut value, mut shift) = (0u64, 0u32);
    for b in digits.bytes() {
        let digit = VLQ_DIGITS
            .iter()
            .position(|&d| d == b)
            .ok_or_else(|| io::Error::other(format!("not a VLQ digit: {:?}", b as char)))?
            as u64;
        value |= (digit & 0x1F) << shift;
        if digit & 0x20 == 0 {
            out.push(value);
            value = 0;
            shift = 0;
        } else {
            shift += 5;
        }
    }
    Ok(out)
}

/// A term's postings: (article number, weight, in title).
pub fn decode_postings(digits: &str) -> io::Result<Vec<(u32, u32, bool)>> {
    let numbers = decode_vlq(digits)?;
    let mut out = Vec::with_capacity(numbers.len() / 2);
    let mut id = 0u32;
    for pair in numbers.chunks(2) {
        id += (pair[0] >> 1) as u32;
        out.push((
            id,
            pair.get(1).copied().unwrap_or(0) as u32,
            pair[0] & 1 == 1,
        ));
    }
    Ok(out)
}
