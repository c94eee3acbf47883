//! Updating an output in place: the files an incremental build renders wait in a scratch
//! folder beside the output until every file is rendered; then [`InPlace::commit`] moves the
//! changed ones in by rename, deletes the files the build no longer writes, and writes the
//! marker last.
//!
//! While the commit runs, the output is a mix of old and new files — each of them whole — and
//! a journal beside the output (`.<name>.folio-pending`) says so and lists the files the
//! update adds. A build that finds the journal (the commit was killed) does not trust the
//! output: it renders everything into a staging folder and swaps it in, taking the files the
//! journal lists as folio's. A build that fails before the commit leaves the output as it was.
//!
//! Nothing is written through a link: a file whose folder on the way is a link or a file is
//! never kept; where folio's own folder was replaced by one, the commit removes it first (it
//! never follows it), and where a folder or file of the user's is in the way, the build stops
//! with an error before anything is moved.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// The journal of an update of `output` in place: beside the output, named after it.
pub fn journal_path(output: &Path) -> PathBuf {
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.folio-pending"))
}

/// The files an interrupted update of `output` was adding, from its journal; `None` when
/// no update was interrupted.
pub fn pending(output: &Path) -> Option<BTreeSet<String>> {
    let text = std::fs::read_to_string(journal_path(output)).ok()?;
    Some(text.lines().map(str::to_string).collect())
}

/// One update of an output in place.
pub(super) struct InPlace {
    pub(super) output: PathBuf,
    /// Where rendered files wait for the commit.
    scratch: PathBuf,
    counter: AtomicUsize,
    /// Scratch file → output-relative path, for the commit.
    queued: Mutex<Vec<(PathBuf, String)>>,
    /// Output-relative paths of links or files standing where folio's folders go.
    obstacles: Mutex<BTreeSet<String>>,
    /// Folders (output-relative) known to be real folders, not links.
    real: Mutex<HashSet<String>>,
}

impl InPlace {
    pub(super) fn new(output: &Path, scratch: &Path) -> InPlace {
        InPlace {
            output: output.to_path_buf(),
            scratch: scratch.to_path_buf(),
            counter: AtomicUsize::new(0),
            queued: Mutex::default(),
            obstacles: Mutex::default(),
            real: Mutex::default(),
        }
    }

    /// Whether every folder on the way to `rel` in the output is a real folder (no link, no
    /// file): only then is a file there the output's own.
    pub(super) fn reachable(&self, rel: &str) -> bool {
        for prefix in folders_of(rel) {
            if self.is_real(prefix) {
                continue;
            }
            match std::fs::symlink_metadata(self.output.join(prefix)) {
                Ok(meta) if meta.is_dir() => self.note_real(prefix),
                _ => return false,
            }
        }
        true
    }

    fn is_real(&self, prefix: &str) -> bool {
        self.real
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(prefix)
    }

    fn note_real(&self, prefix: &str) {
        self.real
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(prefix.to_string());
    }

    /// A scratch file for `rel`, after checking that `rel` can be put in the output: a link or
    /// file of folio's where one of its folders goes is noted for removal; anything of the
    /// user's in the way is an error. `previous` lists what the previous build wrote.
    pub(super) fn scratch_for(
        &self,
        rel: &str,
        previous: &BTreeMap<String, String>,
    ) -> Result<PathBuf> {
        let mut blocked = false;
        for prefix in folders_of(rel) {
            if self.is_real(prefix) {
                continue;
            }
            let path = self.output.join(prefix);
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if meta.is_dir() => self.note_real(prefix),
                Ok(_) if folio_folder(previous, prefix) => {
                    self.obstacles
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(prefix.to_string());
                    blocked = true;
                    break;
                }
                Ok(_) => return Err(user_file(&path)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        let target = self.output.join(rel);
        if !blocked && !previous.contains_key(rel) && target.symlink_metadata().is_ok() {
            return Err(user_file(&target));
        }
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        Ok(self.scratch.join(n.to_string()))
    }

    /// `rel`, rendered into `scratch`, goes into the output at the commit.
    pub(super) fn queue(&self, scratch: PathBuf, rel: &str) {
        self.queued
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((scratch, rel.to_string()));
    }

    /// Whether the commit has anything to do besides the marker.
    pub(super) fn changes(
        &self,
        previous: &BTreeMap<String, String>,
        now: &BTreeMap<String, String>,
    ) -> bool {
        !self
            .queued
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_empty()
            || previous.keys().any(|rel| !now.contains_key(rel))
    }

    /// Puts the update in place: journal, links and files of folio's in the way removed, the
    /// rendered files renamed in, the files the build no longer writes deleted (with the
    /// folders that empties), the marker renamed in, the journal removed. `previous` is what
    /// the previous build wrote, `now` what this one did.
    pub(super) fn commit(
        &self,
        marker: &[u8],
        previous: &BTreeMap<String, String>,
        now: &BTreeMap<String, String>,
    ) -> Result<()> {
        let queued = std::mem::take(&mut *self.queued.lock().unwrap_or_else(|e| e.into_inner()));
        let added: Vec<&str> = queued
            .iter()
            .map(|(_, rel)| rel.as_str())
            .filter(|rel| !previous.contains_key(*rel))
            .collect();
        let journal = journal_path(&self.output);
        let mut list = added.join("\n");
        list.push('\n');
        std::fs::write(&journal, list).map_err(|e| Error::io(&journal, e))?;

        let obstacles =
            std::mem::take(&mut *self.obstacles.lock().unwrap_or_else(|e| e.into_inner()));
        for prefix in obstacles {
            let path = self.output.join(&prefix);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
        }
        for (scratch, rel) in &queued {
            let target = self.output.join(rel);
            if let Some(parent) = target.parent() {
                make_folders(parent).map_err(|e| Error::io(parent, e))?;
            }
            writable(&target, || std::fs::rename(scratch, &target))
                .map_err(|e| Error::io(&target, e))?;
        }
        let mut emptied = BTreeSet::new();
        // What was known of the folders before the moves is looked at again.
        self.real.lock().unwrap_or_else(|e| e.into_inner()).clear();
        for rel in previous.keys().filter(|rel| !now.contains_key(*rel)) {
            // Never through a link: a file behind one is not the output's.
            if !self.reachable(rel) {
                continue;
            }
            let path = self.output.join(rel);
            match writable(&path, || std::fs::remove_file(&path)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(path, e)),
            }
            emptied.extend(folders_of(rel).map(str::to_string));
        }
        // Deepest first; a folder still holding anything (the user's files) stays.
        for folder in emptied.iter().rev() {
            let _ = std::fs::remove_dir(self.output.join(folder));
        }
        let scratch = self.scratch.join("marker");
        let target = self.output.join(super::OUTPUT_MARKER);
        std::fs::write(&scratch, marker).map_err(|e| Error::io(&target, e))?;
        writable(&target, || std::fs::rename(&scratch, &target))
            .map_err(|e| Error::io(&target, e))?;
        std::fs::remove_file(&journal).map_err(|e| Error::io(&journal, e))
    }
}

/// Runs `change` on `path`; refused for want of permission, runs it again once the folder
/// holding `path` is made writable for its owner (a `chmod 555` output is folio's to update,
/// as a staging build would replace it).
fn writable(path: &Path, change: impl Fn() -> std::io::Result<()>) -> std::io::Result<()> {
    match change() {
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            #[cfg(unix)]
            if let Some(parent) = path.parent()
                && let Ok(meta) = parent.symlink_metadata()
                && meta.is_dir()
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = meta.permissions().mode() | 0o700;
                std::fs::set_permissions(parent, std::fs::Permissions::from_mode(mode))?;
                return change();
            }
            Err(e)
        }
        other => other,
    }
}

/// Makes the folder `dir` and those on its way, through a read-only folder of the output
/// too (see [`writable`]).
fn make_folders(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_folders(parent)?;
    }
    match writable(dir, || std::fs::create_dir(dir)) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        other => other,
    }
}

/// The folders on the way to `rel`, outermost first: `a`, `a/b` for `a/b/c.html`.
fn folders_of(rel: &str) -> impl DoubleEndedIterator<Item = &str> {
    rel.match_indices('/').map(move |(at, _)| &rel[..at])
}

/// Whether the previous build wrote files under `prefix`: then it is folio's folder.
fn folio_folder(previous: &BTreeMap<String, String>, prefix: &str) -> bool {
    let inside = format!("{prefix}/");
    previous
        .range(inside.clone()..)
        .next()
        .is_some_and(|(w, _)| w.starts_with(&inside))
}

/// The error for a file of the user's where the build now writes one.
pub fn user_file(path: &Path) -> Error {
    Error::Message(format!(
        "{}: this file was put in the output folder by hand, and the build now writes a file of the same name; move yours away (folio keeps the files you add to the output, but will not overwrite one)",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_on_the_way() {
        assert_eq!(folders_of("a/b/c.html").collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(folders_of("index.html").count(), 0);
        let previous: BTreeMap<String, String> =
            [("a/index.html".to_string(), String::new())].into();
        assert!(folio_folder(&previous, "a"));
        assert!(!folio_folder(&previous, "b"));
        assert!(!folio_folder(&previous, "a/index.html"));
    }
}
