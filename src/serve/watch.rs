//! Watching the book for changes by polling: every few hundred milliseconds, the modification
//! time and size of every file under the watched paths are compared with the last look.
//!
//! Why polling and not OS notifications (`notify`): a book is a few hundred to a few thousand
//! small files, which one pass of `stat` covers in a millisecond or two; polling behaves the
//! same on every platform, on network and container-mounted folders where inotify stays
//! silent, and needs no dependency. Editors save in bursts (temporary file, rename, backup), so
//! a change is acted on only once two looks in a row agree — that is the debounce.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// How often the book is looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long the files must stay unchanged before a rebuild starts.
const SETTLE: Duration = Duration::from_millis(150);

type Snapshot = BTreeMap<PathBuf, (Option<SystemTime>, u64)>;

/// The state of the watched files at one moment.
pub(super) struct Baseline {
    paths: Vec<PathBuf>,
    files: Snapshot,
}

/// Looks at the files before a build, so that an edit made while it runs is seen afterwards.
pub(super) fn baseline(paths: Vec<PathBuf>) -> Baseline {
    let files = snapshot(&paths);
    Baseline { paths, files }
}

/// Calls `changed` after every settled change of the files since `start`. Never returns.
/// `paths` is asked again after each change, since book.yaml may move the content folder.
pub(super) fn watch(start: Baseline, paths: &dyn Fn() -> Vec<PathBuf>, changed: &mut dyn FnMut()) {
    let Baseline {
        paths: mut watched,
        files: mut last,
    } = start;
    loop {
        std::thread::sleep(POLL);
        let mut now = snapshot(&watched);
        if now == last {
            continue;
        }
        loop {
            std::thread::sleep(SETTLE);
            let again = snapshot(&watched);
            if again == now {
                break;
            }
            now = again;
        }
        // Compare later looks with what this build starts from, not with the files after it:
        // an edit saved during the build then triggers the next one.
        changed();
        let new_paths = paths();
        if new_paths == watched {
            last = now;
        } else {
            watched = new_paths;
            last = snapshot(&watched);
        }
    }
}

/// Every file under `paths` (files or folders), skipping hidden files and editor backups
/// (`.x.swp`, `x~`), which change while a person types but are never part of the book. Each
/// folder is read once, so a symbolic link looping back to a parent cannot make a look
/// endless (the build reports such a loop).
fn snapshot(paths: &[PathBuf]) -> Snapshot {
    let mut out = Snapshot::new();
    let mut folders = std::collections::HashSet::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !path.canonicalize().is_ok_and(|real| folders.insert(real)) {
                continue;
            }
            if let Ok(entries) = std::fs::read_dir(&path) {
                for entry in entries.flatten() {
                    let name = entry.file_name();
                    let name = name.to_string_lossy();
                    if !name.starts_with('.') && !name.ends_with('~') {
                        stack.push(entry.path());
                    }
                }
            }
        } else {
            out.insert(path, (meta.modified().ok(), meta.len()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshots_see_edits_new_files_and_deletions_but_not_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "one").unwrap();
        let paths = [dir.path().to_path_buf()];
        let first = snapshot(&paths);
        assert_eq!(first.len(), 1);
        std::fs::write(dir.path().join(".a.md.swp"), "x").unwrap();
        std::fs::write(dir.path().join("a.md~"), "x").unwrap();
        assert_eq!(
            snapshot(&paths),
            first,
            "hidden files and backups are ignored"
        );
        std::fs::write(&file, "three").unwrap();
        assert_ne!(snapshot(&paths), first, "a size change is seen");
        std::fs::write(dir.path().join("b.md"), "b").unwrap();
        assert_eq!(snapshot(&paths).len(), 2);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(snapshot(&paths).len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn links_looping_back_to_a_parent_are_read_once() {
        // Two links to the parent would make a naive walk branch in two at every level.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/a.md"), "a").unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("sub/up1")).unwrap();
        std::os::unix::fs::symlink("..", dir.path().join("sub/up2")).unwrap();
        let found = snapshot(&[dir.path().to_path_buf()]);
        assert_eq!(found.len(), 1, "{found:?}");
    }
}
