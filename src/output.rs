//! The output folder's protocol: how a build replaces `public/` so that, whatever happens — an
//! error, Ctrl-C, `kill -9`, a full disk, a second build of the same book — there is always a
//! complete output (the previous one or the new one), nothing the user put there is lost, and
//! no debris outlives the next build.
//!
//! 1. **One build of an output at a time.** [`OutputLock::acquire`] takes an exclusive `flock`
//!    on the output's parent folder; a second build waits its turn.
//! 2. **Debris is found and removed.** Staging folders are named `.<name>.folio-staging-<pid>-<n>`
//!    (and, on the fallback path, `.<name>.folio-old-<pid>-<n>`) beside the output. Under the
//!    lock no other build can be using one, so every such folder is a leftover of a killed
//!    build and is removed first.
//! 3. **All or nothing.** The new output is rendered into a staging folder, which then trades
//!    places with the output in one atomic `renameat2(RENAME_EXCHANGE)` on Linux: at every
//!    instant the output path holds a whole output. Where the exchange is not available
//!    (another system, a file system without it) two renames are used, and a build killed
//!    between them leaves the previous output in `.<name>.folio-old-…` for the next build to
//!    find (documented in the README's guarantees). An incremental build over a previous
//!    output made the same way updates it in place instead ([`OutputLock::update`]; its
//!    atomicity is per file, with a journal that makes an interrupted update redone whole).
//! 4. **Interrupts clean up.** Ctrl-C, SIGTERM, SIGHUP and SIGQUIT remove the staging and scratch
//!    folders of the running command before it ends (see [`install_interrupt_cleanup`]); the
//!    swap itself is never cut in half.
//! 5. **The user's files stay.** Files in the output that folio did not write (the previous
//!    marker lists every file a build wrote) — `CNAME`, `.nojekyll`, `.well-known/` — are
//!    carried into each new output; one that collides with a file folio now writes is an error.
//!
//! This module never renders anything and never decides what an output contains: it is given
//! a function that fills a folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::incremental::OUTPUT_MARKER;

/// Folders to remove if the process is interrupted. Held while the swap runs, so an interrupt
/// waits for the swap to finish rather than cutting it in half.
static SCRATCH: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn scratch_list() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    SCRATCH.lock().unwrap_or_else(|e| e.into_inner())
}

/// Removes every registered scratch folder when SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives, then ends
/// the process as that signal would have. Idempotent; call it once from the command line.
/// The work happens on an ordinary thread (signal-hook's iterator), not in a signal handler.
pub fn install_interrupt_cleanup() {
    #[cfg(unix)]
    {
        static INSTALLED: std::sync::Once = std::sync::Once::new();
        INSTALLED.call_once(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
            let signals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT];
            let Ok(mut signals) = signal_hook::iterator::Signals::new(signals) else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Writes fail from here on, so the render threads stop adding files; a
                    // write already under way may still land, so removal is retried.
                    crate::fs::interrupt();
                    let list = scratch_list();
                    for path in list.iter() {
                        remove_until_gone(path);
                    }
                    // Die of the signal, with the list still held: no swap can start now.
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        });
    }
}

/// Removes `path`, again while writes that were already under way when the process was
/// interrupted keep landing in it (bounded: about two seconds at most).
fn remove_until_gone(path: &Path) {
    for _ in 0..200 {
        if remove_tree(path).is_ok() && path.symlink_metadata().is_err() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// A folder that exists for one command and is removed when dropped — or, through
/// [`install_interrupt_cleanup`], when the command is interrupted.
#[derive(Debug)]
pub struct Scratch {
    path: PathBuf,
}

impl Scratch {
    /// Creates `path` (which must not exist) and registers it for removal, both under the
    /// interrupt list's lock: a signal arriving in between would otherwise find the folder
    /// made but not yet listed, and leave it behind.
    fn create(path: PathBuf) -> std::io::Result<Scratch> {
        let mut list = scratch_list();
        std::fs::create_dir(&path)?;
        list.push(path.clone());
        Ok(Scratch { path })
    }

    /// A new folder `<prefix>-<pid>-<n>` in the system's temporary folder. Folders of that
    /// prefix left by processes that no longer run (killed with `kill -9`) are removed first.
    pub fn in_temp(prefix: &str) -> Result<Scratch> {
        let base = std::env::temp_dir();
        sweep_dead(&base, prefix);
        let pid = std::process::id();
        for n in 0..1000u32 {
            match Scratch::create(base.join(format!("{prefix}-{pid}-{n}"))) {
                Ok(s) => return Ok(s),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(base.join(prefix), e)),
            }
        }
        Err(Error::Message(format!(
            "cannot create a scratch folder in {}",
            base.display()
        )))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = remove_tree(&self.path);
        scratch_list().retain(|p| p != &self.path);
    }
}

/// Removes `<prefix>-<pid>-*` folders in `dir` whose process has ended.
fn sweep_dead(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !process_runs(pid) {
            let _ = remove_tree(&entry.path());
        }
    }
}

#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; kill only reports whether the process exists.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

/// The right to replace one output folder, held for the whole build.
pub struct OutputLock {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    /// The open parent folder holding the `flock`; dropping it releases the lock.
    _lock: Option<std::fs::File>,
}

impl OutputLock {
    /// Waits for any other folio build of `output` to finish, then removes the debris of
    /// builds that were killed. Refuses an output folder folio did not make.
    pub fn acquire(output: &Path) -> Result<OutputLock> {
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| {
                Error::Message(format!("{}: not a usable output folder", output.display()))
            })?;
        crate::fs::create_dir_all(&parent)?;
        let lock = lock_folder(&parent)?;
        if output.symlink_metadata().is_ok() {
            refuse_foreign_output(output)?;
        }
        let this = OutputLock {
            output: output.to_path_buf(),
            parent,
            name,
            _lock: lock,
        };
        this.sweep();
        Ok(this)
    }

    fn debris_prefixes(&self) -> [String; 2] {
        [
            format!(".{}.folio-staging-", self.name),
            format!(".{}.folio-old-", self.name),
        ]
    }

    /// Removes the staging and old-output folders of killed builds of this output.
    fn sweep(&self) {
        let Ok(entries) = std::fs::read_dir(&self.parent) else {
            return;
        };
        let prefixes = self.debris_prefixes();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if prefixes.iter().any(|p| name.starts_with(p.as_str())) {
                let _ = remove_tree(&entry.path());
            }
        }
    }

    fn fresh(&self, kind: &str) -> Result<Scratch> {
        let pid = std::process::id();
        for n in 0..1000u32 {
            let path = self
                .parent
                .join(format!(".{}.folio-{kind}-{pid}-{n}", self.name));
            match Scratch::create(path.clone()) {
                Ok(s) => return Ok(s),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        Err(Error::Message(format!(
            "{}: cannot create a staging folder",
            self.output.display()
        )))
    }

    /// Runs `fill` on the output folder itself, as an update in place by `incremental` (see
    /// [`crate::incremental`]): what it renders waits in a scratch folder beside the output
    /// (named, swept and removed on interrupt like a staging folder) until everything is
    /// rendered; then the changed files are renamed into the output, the files it no longer
    /// writes deleted and the marker written last, with a journal beside the output while
    /// that runs. On error before then the output is untouched. The commit runs with the
    /// interrupt list held: Ctrl-C waits for it to finish.
    pub fn update(
        &self,
        incremental: &crate::incremental::Incremental,
        fill: impl FnOnce(&Path) -> Result<()>,
    ) -> Result<Vec<String>> {
        let scratch = self.fresh("staging")?;
        incremental.update_in_place(scratch.path());
        fill(&self.output)?;
        let marker = incremental
            .marker(&self.output)
            .map_err(|e| Error::io(self.output.join(OUTPUT_MARKER), e))?;
        let list = scratch_list();
        let committed = incremental.commit(&marker);
        drop(list);
        committed?;
        Ok(Vec::new())
    }

    /// Runs `fill` on a fresh staging folder, writes the marker it returns, carries the user's
    /// own files over from the previous output, and puts the result in place of the output in
    /// one step. On error the output is untouched. Returns warnings (a previous output that
    /// could not be removed) for the command to print.
    pub fn replace(&self, fill: impl FnOnce(&Path) -> Result<Vec<u8>>) -> Result<Vec<String>> {
        let staging = self.fresh("staging")?;
        let filled = fill(staging.path())
            .and_then(|marker| crate::fs::write(&staging.path().join(OUTPUT_MARKER), &marker))
            .and_then(|()| carry_user_files(&self.output, staging.path()));
        if let Err(e) = filled {
            return Err(staged_path_as_output(e, staging.path(), &self.output));
        }
        let mut warnings = Vec::new();
        // The swap runs with the interrupt list held: a signal waits for it to finish.
        let list = scratch_list();
        if self.output.symlink_metadata().is_err() {
            std::fs::rename(staging.path(), &self.output)
                .map_err(|e| Error::io(&self.output, e))?;
            let _ = std::fs::remove_file(crate::incremental::journal_path(&self.output));
            drop(list);
            return Ok(warnings);
        }
        let old = match exchange(staging.path(), &self.output) {
            // The staging path now holds the previous output; dropping `staging` removes it.
            Ok(()) => None,
            Err(_) => {
                // Two renames: the previous output goes to an `old` folder the next build
                // finds if this one is killed between them.
                drop(list);
                let old = self.fresh("old")?;
                std::fs::remove_dir(old.path()).map_err(|e| Error::io(old.path(), e))?;
                let list = scratch_list();
                std::fs::rename(&self.output, old.path())
                    .map_err(|e| Error::io(&self.output, e))?;
                if let Err(e) = std::fs::rename(staging.path(), &self.output) {
                    let _ = std::fs::rename(old.path(), &self.output);
                    drop(list);
                    return Err(Error::io(&self.output, e));
                }
                drop(list);
                Some(old)
            }
        };
        // An update in place that was interrupted is done with: this output is whole.
        let _ = std::fs::remove_file(crate::incremental::journal_path(&self.output));
        let previous = old.as_ref().map_or(staging.path(), Scratch::path);
        if let Err(e) = remove_tree(previous) {
            warnings.push(format!(
                "the new output is in place, but the previous one could not be removed from {}: {e}; the next build tries again",
                previous.display()
            ));
        }
        Ok(warnings)
    }
}

/// Takes an exclusive lock on `dir`, waiting for whoever holds it.
#[cfg(unix)]
fn lock_folder(dir: &Path) -> Result<Option<std::fs::File>> {
    use std::os::fd::AsRawFd;
    let file = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
    loop {
        // SAFETY: flock takes a descriptor this function owns, open for the call's duration.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(Some(file));
        }
        let e = std::io::Error::last_os_error();
        match e.kind() {
            std::io::ErrorKind::Interrupted => continue,
            // A file system without locks (some network mounts): go on unlocked.
            _ if e.raw_os_error() == Some(libc::ENOLCK) => return Ok(None),
            _ => return Err(Error::io(dir, e)),
        }
    }
}

#[cfg(not(unix))]
fn lock_folder(_dir: &Path) -> Result<Option<std::fs::File>> {
    Ok(None)
}

/// Swaps two existing paths atomically.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both strings are NUL-terminated and live across the call; AT_FDCWD resolves
    // relative paths as rename does.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Removes a folder tree, first making read-only folders in it writable (they are folio's or
/// its staging's: a `chmod 555` output must not strand the previous output beside the new).
pub fn remove_tree(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            make_writable(path);
            std::fs::remove_dir_all(path)
        }
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = path.symlink_metadata() else {
        return;
    };
    if !meta.is_dir() {
        return;
    }
    let mode = meta.permissions().mode();
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode | 0o700));
    if let Ok(entries) = std::fs::read_dir(path) {
        for entry in entries.flatten() {
            make_writable(&entry.path());
        }
    }
}

#[cfg(not(unix))]
fn make_writable(_path: &Path) {}

/// Carries into `staging` every file and link of the previous `output` that folio did not
/// write (the previous marker lists what it wrote). An output whose marker has no such list
/// (older folio) is all folio's. A user's file where folio now writes one is an error.
fn carry_user_files(output: &Path, staging: &Path) -> Result<()> {
    let Some(written) = crate::incremental::written_files(output) else {
        return Ok(());
    };
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(output.join(&rel)) else {
            continue;
        };
        for entry in entries.flatten() {
            let rel = rel.join(entry.file_name());
            let key = crate::fs::slash_path(&rel);
            if key == OUTPUT_MARKER || written.contains(&key) {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // A path folio wrote files under is folio's folder, whatever it is now: a link or
            // file put in its place is not carried (the new output has the real folder).
            let inside = format!("{key}/");
            let folios = written
                .range(inside.clone()..)
                .next()
                .is_some_and(|w| w.starts_with(&inside));
            if folios && !kind.is_dir() {
                continue;
            }
            if kind.is_dir() {
                // A folder folio never wrote into is the user's, kept even when empty; in one
                // of folio's folders only the user's files are carried.
                if !folios {
                    crate::fs::create_dir_all(&staging.join(&rel))?;
                }
                stack.push(rel);
                continue;
            }
            let to = staging.join(&rel);
            if to.symlink_metadata().is_ok() {
                return Err(crate::incremental::user_file(&output.join(&rel)));
            }
            if let Some(parent) = to.parent() {
                crate::fs::create_dir_all(parent)?;
            }
            copy_entry(&entry.path(), &to, kind.is_symlink())
                .map_err(|e| Error::io(output.join(&rel), e))?;
        }
    }
    Ok(())
}

/// A link is carried as a link (never followed); a file as a hard link, or a copy.
fn copy_entry(from: &Path, to: &Path, is_link: bool) -> std::io::Result<()> {
    if is_link {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(std::fs::read_link(from)?, to);
    }
    std::fs::hard_link(from, to).or_else(|_| std::fs::copy(from, to).map(|_| ()))
}

/// A file that could not be written is named where it would have been in the output folder,
/// not in the staging folder the user never sees.
fn staged_path_as_output(error: Error, staging: &Path, output: &Path) -> Error {
    match error {
        Error::Io { path, source } => match path.strip_prefix(staging) {
            Ok(rel) => Error::io(output.join(rel), source),
            Err(_) => Error::Io { path, source },
        },
        Error::Many(errors) => Error::Many(
            errors
                .into_iter()
                .map(|e| staged_path_as_output(e, staging, output))
                .collect(),
        ),
        other => other,
    }
}

/// An existing output folder is replaced only if folio made it (it holds the marker) or it is
/// empty: user files are never deleted.
fn refuse_foreign_output(output: &Path) -> Result<()> {
    let meta = output
        .symlink_metadata()
        .map_err(|e| Error::io(output, e))?;
    if !meta.is_dir() {
        return Err(Error::Message(format!(
            "{}: the output path exists and is not a folder; folio will not replace it",
            output.display()
        )));
    }
    if output.join(OUTPUT_MARKER).is_file() {
        return Ok(());
    }
    let mut entries = std::fs::read_dir(output).map_err(|e| Error::io(output, e))?;
    if entries.next().is_none() {
        return Ok(());
    }
    Err(Error::Message(format!(
        "{}: this folder has files folio did not make (no {OUTPUT_MARKER} marker); folio replaces its output folder on every build, so it will not touch this one. Move the files away or choose another output folder",
        output.display()
    )))
}
