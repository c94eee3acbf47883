//! Incremental builds: which files of the previous output can be reused as they are.
//!
//! Every file a build renders from one article — its page, its EPUB chapter, its own EPUB — is
//! recorded with a *key*: a hash of everything that file is rendered from (the folio binary,
//! the configuration, the theme, the glossary, the article's source bytes and, for a page, its
//! neighbours' titles and its tags). The keys are written into the output's marker file
//! (`.folio-output`). The next build computes the keys again; a file whose key is unchanged is
//! kept, an EPUB chapter copied compressed from the previous EPUB, instead of being rendered.
//! Pages that list articles (the index, tag and archive pages with all their later pages, the
//! feed, the sitemap, the search index) are always rendered; one whose bytes the output
//! already has is left as it is.
//!
//! Where the files go: with a previous output made with the same build-wide key, the build
//! updates it in place ([`place`]: everything rendered into a scratch folder first, then the
//! changed files renamed in, the marker last, a journal beside the output while that runs);
//! otherwise (`--clean`, a first build, a changed configuration, theme or binary, an update
//! that was interrupted) everything is rendered into a staging folder that is swapped in
//! whole ([`crate::output`]). Either way a build that fails leaves the output untouched.
//!
//! Correctness before speed: a key covers every input, so a changed template, configuration
//! or binary changes every key and rebuilds everything, and an incremental build writes the
//! same bytes as a clean one (tested).

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

mod place;

pub use place::{journal_path, pending, user_file};

/// Marks an output folder as folio's, so it may be replaced by the next build. It holds the
/// keys of what the build rendered, for the next incremental build. It lives here, in a module
/// that depends on nothing of folio's, because loading, themes, backends and the build all read
/// or write it.
pub const OUTPUT_MARKER: &str = ".folio-output";

/// A 64-bit hash of a file's inputs. Keys are only ever compared with keys the same folio
/// binary wrote (the binary is part of every key), so the hash need not be stable across
/// Rust versions.
pub type Key = u64;

/// Accumulates the inputs of a key. Each part is length-prefixed so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Default)]
pub struct KeyHasher(DefaultHasher);

impl KeyHasher {
    pub fn new() -> KeyHasher {
        KeyHasher::default()
    }

    pub fn bytes(&mut self, part: &[u8]) -> &mut KeyHasher {
        self.0.write_usize(part.len());
        self.0.write(part);
        self
    }

    pub fn str(&mut self, part: &str) -> &mut KeyHasher {
        self.bytes(part.as_bytes())
    }

    pub fn key(&mut self, key: Key) -> &mut KeyHasher {
        self.0.write_u64(key);
        self
    }

    pub fn finish(&self) -> Key {
        self.0.finish()
    }
}

/// The key of one source text.
pub fn source_key(text: &str) -> Key {
    KeyHasher::new().str(text).finish()
}

/// What the marker file of an output folder holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    note: String,
    /// The build-wide key (binary, configuration, theme, glossary) in hex.
    build: String,
    /// Output-relative path (an EPUB chapter as `book.epub!OEBPS/chapter.xhtml`) → key in hex.
    files: BTreeMap<String, String>,
    /// Every file the build wrote (output-relative, `/`-separated) → a hash of its bytes in
    /// hex. A file of the output is reused only while it still has these bytes and is a
    /// regular file, so a page edited or replaced by a link is rendered again; a file not
    /// listed is the user's own and is kept (see [`crate::output`]). Absent in markers of
    /// older folio versions: everything there counts as folio's and nothing is reused.
    #[serde(default)]
    written: Option<BTreeMap<String, String>>,
}

/// What a build built, as its summary line says it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub articles: usize,
    pub comments: usize,
    pub outputs: Vec<String>,
    pub edits: usize,
    pub edited_articles: usize,
    pub drafts: usize,
}

/// Accumulates the state of a build's inputs by file metadata alone — path, size, modification
/// and change times, inode — never by reading them, so checking that nothing changed costs a
/// `stat` per file.
#[derive(Default)]
pub struct InputsKey(KeyHasher);

impl InputsKey {
    pub fn new() -> InputsKey {
        InputsKey::default()
    }

    /// Adds a text that decides the build (an option, an environment variable).
    pub fn text(&mut self, part: &str) -> &mut InputsKey {
        self.0.str(part);
        self
    }

    /// Adds `path` — a file, or a folder with everything under it, in name order — or its
    /// absence.
    pub fn path(&mut self, path: &Path) -> &mut InputsKey {
        self.0.str(&path.to_string_lossy());
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                    .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
                    .unwrap_or_default();
                entries.sort();
                self.0.str("dir").key(entries.len() as Key);
                for entry in entries {
                    self.path(&entry);
                }
            }
            Ok(meta) => {
                // A link is followed for its target's state too.
                let target = std::fs::metadata(path).ok();
                stat(&mut self.0, &meta, true);
                match target {
                    Some(t) => stat(&mut self.0, &t, true),
                    None => {
                        self.0.str("dangling");
                    }
                }
            }
            Err(_) => {
                self.0.str("absent");
            }
        }
        self
    }

    pub fn finish(&self) -> Key {
        self.0.finish()
    }
}

/// A file's size, modification time and identity, into `key`, and its change time with
/// `ctime` (which a `touch` restoring the modification time cannot hide).
fn stat(key: &mut KeyHasher, meta: &std::fs::Metadata, ctime: bool) {
    key.key(meta.len())
        .str(if meta.is_file() { "f" } else { "o" });
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        key.key(meta.mtime() as Key)
            .key(meta.mtime_nsec() as Key)
            .key(meta.ino())
            .key(meta.dev());
        if ctime {
            key.key(meta.ctime() as Key).key(meta.ctime_nsec() as Key);
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctime;
        let nanos = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as Key);
        key.key(nanos);
    }
}

/// The metadata key of the files `rel` under `dir`.
fn outputs_key<'a>(dir: &Path, rel: impl Iterator<Item = &'a String>) -> Key {
    let mut key = KeyHasher::new();
    for rel in rel {
        key.str(rel);
        match std::fs::symlink_metadata(dir.join(rel)) {
            Ok(meta) => stat(&mut key, &meta, true),
            Err(_) => {
                key.str("absent");
            }
        }
    }
    key.finish()
}

/// What a build that left its output up to date records, outside the output (whose bytes
/// depend on the book alone): the state of its inputs, of the files it wrote, and what it
/// built.
#[derive(Debug, Serialize, Deserialize)]
struct Fresh {
    output: String,
    inputs: String,
    outputs: String,
    built: Recorded,
}

/// folio's cache folder: `FOLIO_CACHE_DIR`, else `$XDG_CACHE_HOME/folio`, else
/// `~/.cache/folio`. It holds the up-to-date records (`fresh/`) and the article cache
/// (`articles/`, see [`crate::cache`]); never inside a book or its output. `None` when there is
/// no such folder.
pub fn cache_dir() -> Option<PathBuf> {
    std::env::var_os("FOLIO_CACHE_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("XDG_CACHE_HOME")
                .filter(|v| !v.is_empty())
                .map(|d| PathBuf::from(d).join("folio"))
        })
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".cache/folio"))
        })
}

/// Where the up-to-date record of `output` is kept: in [`cache_dir`] under `fresh/`, named by
/// a hash of the output's path.
fn fresh_path(output: &Path) -> Option<PathBuf> {
    let dir = cache_dir()?;
    let name = hex(KeyHasher::new().str(&absolute(output)).finish());
    Some(dir.join("fresh").join(format!("{name}.json")))
}

/// A file's identity and state by metadata alone — size, modification and change times,
/// inode, device — as numbers to compare with a recorded state: equal means unchanged, short
/// of a tool that sets the clock back.
pub fn file_state(meta: &std::fs::Metadata) -> [u64; 7] {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        [
            meta.len(),
            meta.mtime() as u64,
            meta.mtime_nsec() as u64,
            meta.ctime() as u64,
            meta.ctime_nsec() as u64,
            meta.ino(),
            meta.dev(),
        ]
    }
    #[cfg(not(unix))]
    {
        let nanos = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        [meta.len(), nanos, 0, 0, 0, 0, 0]
    }
}

/// A 128-bit hash of `bytes` (two 64-bit hashes of differently salted input), for keys that
/// name stored files: at that width two different inputs never meet in practice.
pub fn hash128(bytes: &[u8]) -> u128 {
    let half = |salt: &str| KeyHasher::new().str(salt).bytes(bytes).finish() as u128;
    (half("folio-a") << 64) | half("folio-b")
}

/// `output` as an absolute path with its folder's links resolved (`./public` is another
/// folder in every book), as the record names it.
fn absolute(output: &Path) -> String {
    let resolved = match (output.parent(), output.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            std::fs::canonicalize(parent).map(|p| p.join(name)).ok()
        }
        _ => None,
    };
    resolved
        .or_else(|| std::path::absolute(output).ok())
        .unwrap_or_else(|| output.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// The metadata key of the output folder `output` as its marker lists it: the marker and
/// every file the build wrote.
fn output_state(output: &Path) -> Option<Key> {
    let bytes = std::fs::read(output.join(OUTPUT_MARKER)).ok()?;
    let marker = serde_json::from_slice::<Marker>(&bytes).ok()?;
    state_of(output, &marker.written?)
}

/// [`output_state`] for a marker already read, listing `written`.
fn state_of(output: &Path, written: &BTreeMap<String, String>) -> Option<Key> {
    let mut key = KeyHasher::new();
    key.key(outputs_key(output, written.keys()));
    stat(
        &mut key,
        &std::fs::symlink_metadata(output.join(OUTPUT_MARKER)).ok()?,
        true,
    );
    Some(key.finish())
}

/// Records that the build with inputs `inputs` (see [`InputsKey`]) left `output` complete, so
/// that the next build with the same inputs and an untouched output has nothing to do. A
/// record that cannot be written only costs the next build its shortcut.
pub fn record_fresh(output: &Path, inputs: Key, built: Recorded) {
    let (Some(path), Some(state)) = (fresh_path(output), output_state(output)) else {
        return;
    };
    let fresh = Fresh {
        output: absolute(output),
        inputs: hex(inputs),
        outputs: hex(state),
        built,
    };
    let Ok(json) = serde_json::to_vec_pretty(&fresh) else {
        return;
    };
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    // Written whole, then renamed over the old record: a reader never sees half of one.
    let tmp = dir.join(format!(
        ".{}.{}",
        std::process::id(),
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    if std::fs::write(&tmp, json).is_err() || std::fs::rename(&tmp, &path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Forgets the record of `output` (a build is about to replace it).
pub fn forget_fresh(output: &Path) {
    if let Some(path) = fresh_path(output) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether `output`, whose marker lists `written`, is as the build that last recorded it left
/// it (see [`record_fresh`]), whatever its inputs: then its files are what that build wrote,
/// without reading them.
fn output_untouched(output: &Path, written: &BTreeMap<String, String>) -> bool {
    let Some(bytes) = fresh_path(output).and_then(|p| std::fs::read(p).ok()) else {
        return false;
    };
    let Ok(fresh) = serde_json::from_slice::<Fresh>(&bytes) else {
        return false;
    };
    fresh.output == absolute(output)
        && state_of(output, written).is_some_and(|state| fresh.outputs == hex(state))
}

/// What the build that wrote `output` built, when that build had the inputs `inputs` (see
/// [`InputsKey`]), the running binary is not newer than it, and the output — its marker and
/// every file it lists — is still as that build left it: then there is nothing to build.
/// `None` otherwise.
pub fn up_to_date(output: &Path, inputs: Key) -> Option<Recorded> {
    let bytes = std::fs::read(fresh_path(output)?).ok()?;
    let fresh = serde_json::from_slice::<Fresh>(&bytes).ok()?;
    if fresh.output != absolute(output)
        || fresh.inputs != hex(inputs)
        || binary_is_newer_than(&output.join(OUTPUT_MARKER))
        || place::pending(output).is_some()
    {
        return None;
    }
    (fresh.outputs == hex(output_state(output)?)).then_some(fresh.built)
}

const NOTE: &str = "This folder is generated by folio and replaced on every build.";

struct Previous {
    dir: PathBuf,
    files: BTreeMap<String, String>,
    written: BTreeMap<String, String>,
    /// The output is as the build that wrote it left it (its metadata matches that build's
    /// record, see [`record_fresh`]): its files are taken without reading them again.
    untouched: bool,
}

/// The reuse state of one build.
pub struct Incremental {
    build: Key,
    /// The previous output, its keys and the hashes of the files it wrote, when it was built
    /// with the same build-wide key.
    previous: Option<Previous>,
    recorded: Mutex<BTreeMap<String, String>>,
    reused: std::sync::atomic::AtomicUsize,
    /// Every file this build put in its output — rendered, or kept from the previous output
    /// — with the hash of its bytes: the marker lists them without reading them again.
    written: Mutex<BTreeMap<String, String>>,
    /// Set when the build updates the previous output in place (see [`place`]).
    in_place: std::sync::OnceLock<place::InPlace>,
}

impl Incremental {
    /// A build that reuses nothing (a clean build, or `folio check`'s scratch render) but
    /// records its keys for the next one.
    pub fn clean(build: Key) -> Incremental {
        Incremental {
            build,
            previous: None,
            recorded: Mutex::default(),
            reused: Default::default(),
            written: Mutex::default(),
            in_place: std::sync::OnceLock::new(),
        }
    }

    /// A build that may reuse files of the output folder `previous` (if folio made it with the
    /// same build-wide key; anything else — no marker, an older marker, another key, an
    /// update in place that was interrupted — means nothing is reused).
    ///
    /// An output older than the running folio binary is not reused either: the keys cover
    /// folio's version, but a binary rebuilt from changed sources keeps its version number.
    pub fn over(build: Key, previous: &Path) -> Incremental {
        let mut this = Incremental::clean(build);
        let marker_path = previous.join(OUTPUT_MARKER);
        let marker = std::fs::read(&marker_path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Marker>(&bytes).ok());
        if let Some(marker) = marker
            && marker.build == hex(build)
            && let Some(written) = marker.written
            && !binary_is_newer_than(&marker_path)
            && place::pending(previous).is_none()
        {
            this.previous = Some(Previous {
                dir: previous.to_path_buf(),
                files: marker.files,
                untouched: output_untouched(previous, &written),
                written,
            });
        }
        this
    }

    /// The build-wide key this build's files are made under.
    pub fn build_key(&self) -> Key {
        self.build
    }

    /// Whether this build can update the previous output in place: there is one, complete,
    /// made with the same build-wide key.
    pub fn can_update_in_place(&self) -> bool {
        self.previous.is_some()
    }

    /// Makes this an update of the previous output in place, its files rendered into
    /// `scratch` until [`Incremental::commit`]. Does nothing without a previous output.
    pub fn update_in_place(&self, scratch: &Path) {
        if let Some(previous) = &self.previous {
            let _ = self
                .in_place
                .set(place::InPlace::new(&previous.dir, scratch));
        }
    }

    /// Records that `rel` is made from `key`, and says whether the previous output has `rel`
    /// made from the same key.
    pub fn unchanged(&self, rel: &str, key: Key) -> bool {
        let key = hex(key);
        let same = self
            .previous
            .as_ref()
            .is_some_and(|p| p.files.get(rel) == Some(&key));
        self.recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), key);
        same
    }

    /// The previous output's copy of `rel`, if there is a previous output and the file is
    /// still exactly what that build wrote: a regular file (not a link, in no folder that is
    /// a link) with the same bytes. Anything else — edited, replaced, linked elsewhere — is
    /// rendered again.
    pub fn previous_file(&self, rel: &str) -> Option<PathBuf> {
        let previous = self.previous.as_ref()?;
        let wanted = previous.written.get(rel)?;
        let path = previous.dir.join(rel);
        let reachable = match self.in_place.get() {
            Some(place) => place.reachable(rel),
            None => folders_are_real(&previous.dir, rel),
        };
        if !reachable || !std::fs::symlink_metadata(&path).ok()?.file_type().is_file() {
            return None;
        }
        if previous.untouched {
            return Some(path);
        }
        let bytes = std::fs::read(&path).ok()?;
        (content_hash(&bytes) == *wanted).then_some(path)
    }

    /// Puts the previous output's `rel` into `out` (a hard link, or a copy where links are
    /// not possible; in an update in place, it stays where it is). False when there is no
    /// such file; the caller renders it then.
    pub fn reuse_file(&self, rel: &str, out: &Path) -> bool {
        let Some(from) = self.previous_file(rel) else {
            return false;
        };
        if crate::fs::interrupted() {
            return false;
        }
        if self.in_place.get().is_none() {
            let to = out.join(rel);
            if let Some(parent) = to.parent()
                && std::fs::create_dir_all(parent).is_err()
            {
                return false;
            }
            if std::fs::hard_link(&from, &to).is_err() && std::fs::copy(&from, &to).is_err() {
                return false;
            }
        }
        self.note_reused();
        if let Some(hash) = self.previous.as_ref().and_then(|p| p.written.get(rel)) {
            self.note_written(rel, hash.clone());
        }
        true
    }

    /// Takes back [`Incremental::reuse_file`] of `rel` in `out` (it is to be rendered
    /// again): the link to the previous output's file is removed, so rendering does not
    /// write through it.
    pub fn discard(&self, rel: &str, out: &Path) -> crate::error::Result<()> {
        if self.in_place.get().is_none() {
            let path = out.join(rel);
            std::fs::remove_file(&path).map_err(|e| crate::error::Error::io(&path, e))?;
        }
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(rel);
        Ok(())
    }

    /// Writes `bytes` as `rel` of the output `out`. In an update in place, a file the
    /// previous output already has with these bytes is left as it is, and any other waits
    /// in the scratch folder for the commit.
    pub fn write(&self, out: &Path, rel: &str, bytes: &[u8]) -> crate::error::Result<()> {
        let hash = content_hash(bytes);
        let Some(place) = self.in_place.get() else {
            let path = out.join(rel);
            if let Some(parent) = path.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            crate::fs::write(&path, bytes)?;
            self.note_written(rel, hash);
            return Ok(());
        };
        if !self.has_previous(rel, &hash) {
            let scratch = self.scratch_for(place, rel)?;
            crate::fs::write(&scratch, bytes).map_err(|e| in_output(e, &scratch, out, rel))?;
            place.queue(scratch, rel);
        }
        self.note_written(rel, hash);
        Ok(())
    }

    /// Where to write `rel` of the output `out` as a stream, to be followed by
    /// [`Incremental::written`] once complete: the file itself (its folder made), or in an
    /// update in place a scratch file.
    pub fn target(&self, out: &Path, rel: &str) -> crate::error::Result<PathBuf> {
        match self.in_place.get() {
            None => {
                let path = out.join(rel);
                if let Some(parent) = path.parent() {
                    crate::fs::create_dir_all(parent)?;
                }
                Ok(path)
            }
            Some(place) => self.scratch_for(place, rel),
        }
    }

    /// `rel` is complete in `path` (from [`Incremental::target`]).
    pub fn written(&self, out: &Path, rel: &str, path: &Path) -> crate::error::Result<()> {
        let bytes = std::fs::read(path)
            .map_err(|e| in_output(crate::error::Error::io(path, e), path, out, rel))?;
        let hash = content_hash(&bytes);
        drop(bytes);
        if let Some(place) = self.in_place.get() {
            if self.has_previous(rel, &hash) {
                let _ = std::fs::remove_file(path);
            } else {
                place.queue(path.to_path_buf(), rel);
            }
        }
        self.note_written(rel, hash);
        Ok(())
    }

    /// Whether the previous output has `rel` with the bytes hashed `hash`, untouched.
    fn has_previous(&self, rel: &str, hash: &str) -> bool {
        self.previous
            .as_ref()
            .is_some_and(|p| p.written.get(rel).is_some_and(|h| h == hash))
            && self.previous_file(rel).is_some()
    }

    fn scratch_for(&self, place: &place::InPlace, rel: &str) -> crate::error::Result<PathBuf> {
        let empty = BTreeMap::new();
        let previous = self.previous.as_ref().map_or(&empty, |p| &p.written);
        place.scratch_for(rel, previous)
    }

    fn note_written(&self, rel: &str, hash: String) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), hash);
    }

    /// Counts a file reused by other means (an EPUB chapter copied compressed).
    pub fn note_reused(&self) {
        self.reused
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    /// How many files were reused rather than rendered.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The marker file for the output this build wrote into `dir`: it says the folder is
    /// folio's, carries the keys the next build compares with, and lists every file written
    /// with a hash of its bytes. In a staging folder, a file written by other means than
    /// this build's is found and hashed too; in an update in place, the folder holds the
    /// user's files as well, and only what this build wrote is listed.
    pub fn marker(&self, dir: &Path) -> std::io::Result<Vec<u8>> {
        let files = std::mem::take(&mut *self.recorded.lock().unwrap_or_else(|e| e.into_inner()));
        let known = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let written = if self.in_place.get().is_some() {
            known
        } else {
            let mut written = BTreeMap::new();
            hash_files(dir, dir, &known, &mut written)?;
            written
        };
        let marker = Marker {
            note: NOTE.to_string(),
            build: hex(self.build),
            files,
            written: Some(written),
        };
        let mut json = serde_json::to_vec_pretty(&marker).unwrap_or_default();
        json.push(b'\n');
        Ok(json)
    }

    /// Ends an update in place: moves what changed into the output and writes `marker`
    /// there (see [`place`]). Nothing is done when nothing changed.
    pub fn commit(&self, marker: &[u8]) -> crate::error::Result<()> {
        let (Some(place), Some(previous)) = (self.in_place.get(), &self.previous) else {
            return Ok(());
        };
        let now = self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        let marker_path = place.output.join(OUTPUT_MARKER);
        if !place.changes(&previous.written, &now)
            && std::fs::read(&marker_path).is_ok_and(|old| old == marker)
        {
            return Ok(());
        }
        place.commit(marker, &previous.written, &now)
    }
}

/// Whether every folder on the way to `rel` in `dir` is a real folder, not a link or a file.
fn folders_are_real(dir: &Path, rel: &str) -> bool {
    rel.match_indices('/')
        .all(|(at, _)| std::fs::symlink_metadata(dir.join(&rel[..at])).is_ok_and(|m| m.is_dir()))
}

/// An error about a scratch file, named as the output file it stands for.
fn in_output(
    error: crate::error::Error,
    scratch: &Path,
    out: &Path,
    rel: &str,
) -> crate::error::Error {
    match error {
        crate::error::Error::Io { path, source } if path == scratch => {
            crate::error::Error::io(out.join(rel), source)
        }
        other => other,
    }
}

/// The files previous builds of `output` wrote, from its marker and, if an update in place
/// was interrupted, the files its journal lists; `None` when there is no marker or it is from
/// a folio that did not list them.
pub fn written_files(output: &Path) -> Option<std::collections::BTreeSet<String>> {
    let bytes = std::fs::read(output.join(OUTPUT_MARKER)).ok()?;
    let marker = serde_json::from_slice::<Marker>(&bytes).ok()?;
    let mut written: std::collections::BTreeSet<String> = marker.written?.into_keys().collect();
    written.extend(place::pending(output).unwrap_or_default());
    Some(written)
}

/// A hash of a file's bytes, in hex (the binary's own hasher, like every key here).
fn content_hash(bytes: &[u8]) -> String {
    hex(KeyHasher::new().bytes(bytes).finish())
}

/// Hashes every file under `dir` (the marker aside) into `out`, by `/`-separated path; a file
/// in `carried` (taken from the previous output, hash known) is not read.
fn hash_files(
    root: &Path,
    dir: &Path,
    carried: &BTreeMap<String, String>,
    out: &mut BTreeMap<String, String>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            hash_files(root, &path, carried, out)?;
            continue;
        }
        let rel = crate::fs::slash_path(path.strip_prefix(root).unwrap_or(&path));
        if rel == OUTPUT_MARKER {
            continue;
        }
        let hash = match carried.get(&rel) {
            Some(hash) => hash.clone(),
            None => content_hash(&std::fs::read(&path)?),
        };
        out.insert(rel, hash);
    }
    Ok(())
}

fn binary_is_newer_than(path: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (
        std::env::current_exe().ok().as_deref().and_then(modified),
        modified(path),
    ) {
        (Some(binary), Some(output)) => binary > output,
        // Unknown: do not trust the previous output.
        _ => true,
    }
}

fn hex(key: Key) -> String {
    format!("{key:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        let a = KeyHasher::new().str("ab").str("c").finish();
        let b = KeyHasher::new().str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, KeyHasher::new().str("ab").str("c").finish());
    }

    #[test]
    fn only_a_marker_with_the_same_build_key_is_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Incremental::clean(7);
        assert!(!first.unchanged("a/index.html", 1));
        first.unchanged("b/index.html", 2);
        std::fs::create_dir_all(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "page").unwrap();
        let marker = first.marker(dir.path()).unwrap();
        std::fs::write(dir.path().join(OUTPUT_MARKER), marker).unwrap();

        let second = Incremental::over(7, dir.path());
        assert!(second.unchanged("a/index.html", 1));
        assert!(!second.unchanged("b/index.html", 3), "its key changed");
        assert!(!second.unchanged("c/index.html", 4), "it is new");
        let out = tempfile::tempdir().unwrap();
        assert!(second.reuse_file("a/index.html", out.path()));
        assert!(
            !second.reuse_file("b/index.html", out.path()),
            "not on disk"
        );
        assert_eq!(
            std::fs::read_to_string(out.path().join("a/index.html")).unwrap(),
            "page"
        );
        assert_eq!(second.reused(), 1);

        let other_build = Incremental::over(8, dir.path());
        assert!(!other_build.unchanged("a/index.html", 1));
        std::fs::write(dir.path().join(OUTPUT_MARKER), "plain text").unwrap();
        assert!(!Incremental::over(7, dir.path()).unchanged("a/index.html", 1));
    }

    #[test]
    fn a_file_changed_or_replaced_by_a_link_after_the_build_is_not_reused() {
        let dir = tempfile::tempdir().unwrap();
        let first = Incremental::clean(7);
        for page in ["a", "b", "c"] {
            first.unchanged(&format!("{page}/index.html"), 1);
            std::fs::create_dir_all(dir.path().join(page)).unwrap();
            std::fs::write(dir.path().join(page).join("index.html"), "page").unwrap();
        }
        let marker = first.marker(dir.path()).unwrap();
        std::fs::write(dir.path().join(OUTPUT_MARKER), marker).unwrap();
        // Same size, other bytes; and a link to a file outside the output.
        std::fs::write(dir.path().join("b/index.html"), "PAGE").unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(outside.path(), "page").unwrap();
        std::fs::remove_file(dir.path().join("c/index.html")).unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("c/index.html")).unwrap();

        let second = Incremental::over(7, dir.path());
        let out = tempfile::tempdir().unwrap();
        assert!(second.previous_file("a/index.html").is_some());
        assert!(second.previous_file("b/index.html").is_none(), "edited");
        assert!(second.previous_file("c/index.html").is_none(), "a link");
        assert!(!second.reuse_file("c/index.html", out.path()));
        assert_eq!(
            written_files(dir.path())
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>(),
            ["a/index.html", "b/index.html", "c/index.html"]
        );
    }
}
