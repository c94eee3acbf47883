//! The article cache: each article as the build uses it — loaded, its export threads
//! attached, normalized, with its edit log — kept between builds, so an unchanged article is
//! neither read nor normalized again.
//!
//! **Where.** In folio's cache folder ([`crate::incremental::cache_dir`]) under `articles/`:
//!
//! ```text
//! articles/
//!   uses                        the binaries whose entries are kept, last used first
//!   exe/<hash of its path>      a binary's state by metadata → the hash of its bytes
//!   <binary>/                   everything one folio binary wrote
//!     books/<hash of the book>  the book's index: content file → state, source hash, entry
//!     <xx>/<entry key>.bin      one article (see `entry.rs`)
//! ```
//!
//! **Keys.** An entry's key is a 128-bit hash of the *context* — the entry format, folio's
//! version, the hash of the folio binary's bytes, the book's language, `normalize:` of
//! book.yaml and the glossary the normalizer uses — with the content file's path in the book
//! and a 128-bit hash of its bytes. Anything else that could change the article changes one of
//! these; the export threads attached to it are recorded in the entry and compared at every
//! build (see [`crate::load::attach_exports_reloading`]). A cache copied from another machine
//! or left by another folio is only ever looked up under keys it cannot have.
//!
//! **Change detection.** The book's index records, for each content file, its state by
//! metadata (size, modification and change times, inode: [`crate::incremental::file_state`])
//! and the hash of its bytes when it was last read. A file in the same state is not read: its
//! recorded hash gives the entry's key. A file in another state is read and hashed; if the
//! bytes are the same (a file saved unchanged, a fresh checkout), its entry is still found;
//! only a file with new bytes is loaded and normalized.
//!
//! **Never trusted blindly.** An entry is used only if its file says it is an entry of this
//! format under exactly that key and its checksum holds; anything else — cut short, damaged,
//! written by another version — is ignored, and the article built and stored again. The
//! cache is an optimisation: a folder that cannot be read or written costs time, never
//! correctness, and its errors are not reported.
//!
//! **Writes** go to a temporary file beside the target, renamed over it, so a reader sees a
//! whole file or none.
//!
//! **Pruning.** An entry the book's index pointed to and no longer does (the article changed,
//! moved or went, or book.yaml's normalizing did) is deleted when the new index is written.
//! Entries of the binaries no longer among the [`KEEP_BINARIES`] last used are deleted
//! whole. So the cache holds about one entry per article of the books built, for the folio
//! binaries in use.
//!
//! **`folio serve`** keeps the entries of the last build in memory too
//! ([`ArticleCache::keeping_in_memory`]): a rebuild takes an unchanged article from there.
//!
//! Nothing here decides what an article is: loading and normalizing are theirs; this module
//! only remembers their results.

mod entry;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

pub use entry::{Entry, EntryRef};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::incremental::{file_state, hash128};
use crate::load::Loaded;
use crate::model::Article;

/// How many folio binaries keep their entries: a developer switching between two builds of
/// folio (or a release and a test binary sharing the folder) does not lose either's.
pub const KEEP_BINARIES: usize = 2;

/// The index of a book's files, and the list of binaries in use, start with these bytes.
const INDEX_MAGIC: &[u8; 8] = b"folioAI1";

/// The article cache of a process: where it lives on disk and, for `folio serve`, the entries
/// of the last build in memory.
#[derive(Default)]
pub struct ArticleCache {
    /// `<cache>/articles`; `None` when there is no cache folder.
    root: Option<PathBuf>,
    /// Entries by key, kept between the builds of one process.
    memory: Option<Mutex<HashMap<u128, Arc<Entry>>>>,
}

impl ArticleCache {
    /// The cache in folio's cache folder.
    pub fn open() -> ArticleCache {
        ArticleCache {
            root: crate::incremental::cache_dir().map(|d| d.join("articles")),
            memory: None,
        }
    }

    /// A cache that remembers nothing: every article is read and normalized.
    pub fn none() -> ArticleCache {
        ArticleCache::default()
    }

    /// Keeps the entries of each build in memory for the next (`folio serve`).
    pub fn keeping_in_memory(mut self) -> ArticleCache {
        self.memory = Some(Mutex::default());
        self
    }

    /// Starts the cache's part in one build of the book `config` whose normalizer uses
    /// `glossary`.
    pub fn session(&self, config: &Config, glossary: &crate::normalize::Glossary) -> Session<'_> {
        let binary = self.root.as_deref().and_then(binary_hash);
        let dir = match (&self.root, binary) {
            (Some(root), Some(binary)) => {
                let dir = root.join(format!("{binary:032x}"));
                note_use(root, binary);
                Some(dir)
            }
            _ => None,
        };
        // Within one process the binary cannot change; on disk, its hash is part of the key.
        let context = hash_parts(&[
            entry::MAGIC,
            env!("CARGO_PKG_VERSION").as_bytes(),
            &binary.unwrap_or_default().to_le_bytes(),
            config.language.as_bytes(),
            format!("{:?}", config.normalize).as_bytes(),
            format!("{glossary:?}").as_bytes(),
        ]);
        let book = dir.as_ref().map(|dir| {
            let root = config
                .root
                .canonicalize()
                .unwrap_or_else(|_| config.root.clone());
            let content = config
                .content_dir
                .canonicalize()
                .unwrap_or_else(|_| config.content_dir.clone());
            let name = hash_parts(&[
                root.as_os_str().as_encoded_bytes(),
                content.as_os_str().as_encoded_bytes(),
            ]);
            dir.join("books").join(format!("{name:032x}.bin"))
        });
        let old = book.as_deref().map(read_index).unwrap_or_default();
        Session {
            cache: self,
            dir,
            context,
            book,
            old,
            rows: Mutex::default(),
            hits: AtomicUsize::new(0),
        }
    }
}

/// What the index records of one content file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Row {
    /// The file's state by metadata when it was read.
    state: [u64; 7],
    /// The hash of its bytes then.
    hash: u128,
    /// The key of its entry.
    entry: u128,
}

/// The cache's part in one build.
pub struct Session<'a> {
    cache: &'a ArticleCache,
    /// This binary's folder, when entries are kept on disk.
    dir: Option<PathBuf>,
    context: u128,
    /// The book's index file.
    book: Option<PathBuf>,
    /// The index as the last build left it: path in the book (`/`-separated) → row.
    old: HashMap<String, Row>,
    /// This build's rows.
    rows: Mutex<HashMap<String, Row>>,
    hits: AtomicUsize,
}

impl Session<'_> {
    /// The article of the content file `file` (shown as `shown`, relative to the book root):
    /// from the cache, normalized, when the file is unchanged; else read and loaded, for the
    /// build to normalize and [`store`](Session::store).
    pub fn load(&self, config: &Config, file: &Path, shown: &Path) -> Result<Loaded> {
        let rel = crate::fs::slash_path(shown);
        let Ok(meta) = std::fs::metadata(file) else {
            // Loading says what is wrong with it.
            return crate::load::load_one(config, file, shown);
        };
        let state = file_state(&meta);
        if let Some(row) = self.old.get(&rel).filter(|row| row.state == state)
            && let Some(entry) = self.entry(row.entry)
        {
            self.record(rel, *row);
            return Ok(self.hit(entry));
        }
        let bytes = std::fs::read(file).map_err(|e| Error::io(shown, e))?;
        let hash = hash128(&bytes);
        let row = Row {
            state,
            hash,
            entry: self.entry_key(&rel, hash),
        };
        self.record(rel, row);
        if let Some(entry) = self.entry(row.entry) {
            return Ok(self.hit(entry));
        }
        crate::load::load_bytes(config, file, shown, bytes)
    }

    /// `article` loaded again from its file, before normalizing (it came normalized from the
    /// cache, but other comment threads are to be attached). If the file's bytes are no longer
    /// those this build hashed, the article is not stored: its entry's key would not match
    /// what it holds.
    pub fn reload(&self, config: &Config, article: &Article) -> Result<Loaded> {
        let file = config.root.join(&article.path);
        let bytes = std::fs::read(&file).map_err(|e| Error::io(&article.path, e))?;
        let rel = crate::fs::slash_path(&article.path);
        let mut rows = self.rows.lock().unwrap_or_else(|e| e.into_inner());
        if rows
            .get(&rel)
            .is_some_and(|row| row.hash != hash128(&bytes))
        {
            rows.remove(&rel);
        }
        drop(rows);
        crate::load::load_bytes(config, &file, &article.path, bytes)
    }

    /// How many articles came from the cache.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Keeps `entry`, the article loaded from `article.path` this build and normalized, for
    /// the next build. Nothing happens when the file was not read in this build.
    pub fn store(&self, entry: EntryRef<'_>) {
        let rel = crate::fs::slash_path(&entry.article.path);
        let Some(row) = self
            .rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&rel)
            .copied()
        else {
            return;
        };
        if let Some(path) = self.entry_path(row.entry)
            && let Some(bytes) = entry::encode(row.entry, entry)
        {
            write_replacing(&path, &bytes);
        }
        if let Some(memory) = &self.cache.memory {
            memory
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(row.entry, Arc::new(entry.to_entry()));
        }
    }

    /// Ends the build's use of the cache: writes the book's index (when it changed), deletes
    /// the entries it no longer points to, and keeps in memory only this build's entries.
    pub fn finish(self) {
        let rows = std::mem::take(&mut *self.rows.lock().unwrap_or_else(|e| e.into_inner()));
        if let Some(memory) = &self.cache.memory {
            let used: std::collections::HashSet<u128> = rows.values().map(|r| r.entry).collect();
            memory
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|key, _| used.contains(key));
        }
        let Some(book) = &self.book else { return };
        if rows == self.old {
            return;
        }
        let mut sorted: Vec<(&String, &Row)> = rows.iter().collect();
        sorted.sort_by_key(|(rel, _)| *rel);
        if let Ok(payload) = postcard::to_allocvec(&sorted) {
            write_replacing(book, &framed(&payload));
        }
        let used: std::collections::HashSet<u128> = rows.values().map(|r| r.entry).collect();
        for row in self.old.values() {
            if !used.contains(&row.entry)
                && let Some(path) = self.entry_path(row.entry)
            {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// Where a backend may keep what it derives from this build's articles for the output
    /// folder `output` (the search index's terms, see
    /// [`crate::backend::html::search`]): a file named `kind` under this binary's folder, so
    /// another folio never reads it. `None` when nothing is kept on disk.
    pub fn side_file(&self, kind: &str, output: &Path) -> Option<PathBuf> {
        // The folder it is in resolved (the output itself may not exist yet).
        let output = match (output.parent().map(Path::canonicalize), output.file_name()) {
            (Some(Ok(parent)), Some(name)) => parent.join(name),
            _ => output.to_path_buf(),
        };
        let name = hash_parts(&[output.as_os_str().as_encoded_bytes()]);
        Some(
            self.dir
                .as_ref()?
                .join(kind)
                .join(format!("{name:032x}.bin")),
        )
    }

    fn record(&self, rel: String, row: Row) {
        self.rows
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel, row);
    }

    fn hit(&self, entry: Entry) -> Loaded {
        self.hits.fetch_add(1, Ordering::Relaxed);
        Loaded {
            article: entry.article,
            settings: Default::default(),
            source_key: entry.source_key,
            edits: Some(entry.edits),
            exports: entry.exports,
        }
    }

    fn entry_key(&self, rel: &str, hash: u128) -> u128 {
        hash_parts(&[
            &self.context.to_le_bytes(),
            &hash.to_le_bytes(),
            rel.as_bytes(),
        ])
    }

    fn entry_path(&self, key: u128) -> Option<PathBuf> {
        let name = format!("{key:032x}");
        Some(
            self.dir
                .as_ref()?
                .join(&name[..2])
                .join(format!("{name}.bin")),
        )
    }

    /// The entry under `key`, from memory or disk, if there is a valid one.
    fn entry(&self, key: u128) -> Option<Entry> {
        if let Some(memory) = &self.cache.memory
            && let Some(entry) = memory.lock().unwrap_or_else(|e| e.into_inner()).get(&key)
        {
            return Some(Entry::clone(entry));
        }
        let bytes = std::fs::read(self.entry_path(key)?).ok()?;
        let entry = entry::decode(key, &bytes)?;
        if let Some(memory) = &self.cache.memory {
            memory
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(key, Arc::new(entry.clone()));
        }
        Some(entry)
    }
}

/// A 128-bit hash of `parts`, each length-prefixed so `("ab", "c")` and `("a", "bc")` differ.
fn hash_parts(parts: &[&[u8]]) -> u128 {
    let mut bytes = Vec::new();
    for part in parts {
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
        bytes.extend_from_slice(part);
    }
    hash128(&bytes)
}

/// `payload` behind [`INDEX_MAGIC`] and its checksum.
fn framed(payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(12 + payload.len());
    bytes.extend_from_slice(INDEX_MAGIC);
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// The payload of a file [`framed`] wrote, if it is whole.
fn unframed(bytes: &[u8]) -> Option<&[u8]> {
    let (magic, rest) = bytes.split_at_checked(8)?;
    let (crc, payload) = rest.split_at_checked(4)?;
    (magic == INDEX_MAGIC && u32::from_le_bytes(crc.try_into().ok()?) == crc32fast::hash(payload))
        .then_some(payload)
}

/// The payload of a side file (see [`Session::side_file`]) if it is there and whole.
pub fn read_side_file(path: &Path) -> Option<Vec<u8>> {
    let bytes = std::fs::read(path).ok()?;
    unframed(&bytes).map(<[u8]>::to_vec)
}

/// Replaces a side file with `payload`, framed and checksummed as the cache's index is.
/// Errors are dropped: the file only saves time.
pub fn write_side_file(path: &Path, payload: &[u8]) {
    write_replacing(path, &framed(payload));
}

/// A book's index; empty when there is none or it is damaged (every file is then read once).
fn read_index(path: &Path) -> HashMap<String, Row> {
    std::fs::read(path)
        .ok()
        .and_then(|bytes| {
            let payload = unframed(&bytes)?;
            let rows: Vec<(String, Row)> = postcard::from_bytes(payload).ok()?;
            Some(rows.into_iter().collect())
        })
        .unwrap_or_default()
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`. Errors are
/// dropped: the cache only costs time when it cannot be written.
fn write_replacing(path: &Path, bytes: &[u8]) {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The hash of the running folio binary's bytes, remembered under `root/exe/` by the
/// binary's state so it is computed once per binary. `None` when the binary cannot be read:
/// then nothing is kept on disk (its entries could not be told from another binary's).
fn binary_hash(root: &Path) -> Option<u128> {
    let exe = std::env::current_exe().ok()?;
    let state = file_state(&std::fs::metadata(&exe).ok()?);
    let memo = root.join("exe").join(format!(
        "{:032x}.bin",
        hash128(exe.to_string_lossy().as_bytes())
    ));
    if let Some((known, hash)) = std::fs::read(&memo)
        .ok()
        .and_then(|bytes| postcard::from_bytes::<([u64; 7], u128)>(unframed(&bytes)?).ok())
        && known == state
    {
        return Some(hash);
    }
    let hash = hash128(&std::fs::read(&exe).ok()?);
    if let Ok(payload) = postcard::to_allocvec(&(state, hash)) {
        write_replacing(&memo, &framed(&payload));
    }
    Some(hash)
}

/// Notes that `binary` is in use: it goes first in `root/uses`, and the folders of binaries
/// past the first [`KEEP_BINARIES`] are deleted. Nothing is written when it is first already.
fn note_use(root: &Path, binary: u128) {
    let list = root.join("uses");
    let mut uses: Vec<u128> = std::fs::read(&list)
        .ok()
        .and_then(|bytes| postcard::from_bytes(unframed(&bytes)?).ok())
        .unwrap_or_default();
    if uses.first() == Some(&binary) {
        return;
    }
    uses.retain(|b| *b != binary);
    uses.insert(0, binary);
    uses.truncate(KEEP_BINARIES);
    if let Ok(payload) = postcard::to_allocvec(&uses) {
        write_replacing(&list, &framed(&payload));
    }
    let keep: Vec<String> = uses.iter().map(|b| format!("{b:032x}")).collect();
    let Ok(entries) = std::fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_binary_folder = name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit());
        if is_binary_folder && !keep.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
