//! File helpers that put the path into every error, decode text strictly (UTF-8, or UTF-16 with
//! a byte-order mark) and write atomically.
//! Nothing else in folio calls `std::fs` for user files directly, so every I/O failure a user
//! sees names the file it concerns.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Reads a text file: UTF-8, or UTF-16 when it starts with a byte-order mark (Windows tools
/// save "Unicode" text that way, and the mark makes the encoding certain). A UTF-8 byte-order
/// mark is dropped; any other encoding, and binary data, is rejected with the place of the
/// first bad byte.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes)
}

/// The decoding half of [`read_text`], for bytes that did not come from a file of their own.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let mut text = if let Some(little_endian) = utf16_byte_order(&bytes) {
        decode_utf16(path, &bytes[2..], little_endian)?
    } else {
        decode_utf8(path, bytes)?
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    if let Some(nul) = text.find('\0') {
        return Err(Error::at(
            crate::error::Location::at_offset(path, &text, nul),
            "the file contains a NUL byte: it looks like a binary file, not text",
        ));
    }
    Ok(text)
}

/// `Some(true)` for a UTF-16 little-endian byte-order mark, `Some(false)` for big-endian.
fn utf16_byte_order(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    }
}

/// UTF-16 code units (after the byte-order mark) → text. An unpaired surrogate or a dangling
/// odd byte is an error at the character where decoding stopped.
fn decode_utf16(path: &Path, bytes: &[u8], little_endian: bool) -> Result<String> {
    let units = bytes.chunks_exact(2).map(|pair| {
        if little_endian {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut units_read = 0usize;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                units_read += c.len_utf16();
            }
            Err(e) => {
                return Err(Error::at(
                    crate::error::Location::at_offset(path, &text, text.len()),
                    format!(
                        "not valid UTF-16 text (unpaired surrogate 0x{:04X} at byte offset {}); save the file as UTF-8",
                        e.unpaired_surrogate(),
                        2 + 2 * units_read
                    ),
                ));
            }
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(Error::at(
            crate::error::Location::at_offset(path, &text, text.len()),
            "not valid UTF-16 text (an odd number of bytes: the file is cut short); save the file as UTF-8",
        ));
    }
    Ok(text)
}

fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // Not text in any encoding: a NUL among the first bytes (git's test for binary
            // files) means an image or an archive saved under a text file's name.
            if let Some(nul) = memchr::memchr(0, &bytes[..bytes.len().min(8000)]) {
                return Err(Error::at(
                    crate::error::Location::new(path, 1, 1),
                    format!(
                        "this is a binary file, not text (a NUL byte at byte offset {nul}); articles are UTF-8 text files"
                    ),
                ));
            }
            // The valid prefix is text: count lines and characters in it.
            let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
            let at = crate::error::Location::at_offset(path, prefix, offset);
            Err(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset,
                byte: bytes[offset],
                line: at.line,
                col: at.col,
            })
        }
    }
}

/// Where `path` really is when that is outside `root`: a symbolic link (of the path itself or
/// of a folder on the way) that leads out of the book. A path that does not exist yet is
/// judged by its nearest existing ancestor, so an output folder about to be created is
/// checked too. `None` when the path stays inside, or when `root` cannot be resolved.
pub fn outside_book(root: &Path, path: &Path) -> Option<std::path::PathBuf> {
    let root = root.canonicalize().ok()?;
    let mut existing = path;
    loop {
        if let Ok(real) = existing.canonicalize() {
            return (!real.starts_with(&root)).then_some(real);
        }
        existing = existing.parent()?;
    }
}

/// Where `path` really is: absolute, every symbolic link of the part that exists resolved, and
/// `.` and `..` of the part that does not yet exist resolved by name (where no link can be).
/// Two spellings of one place — `../BOOK/content/gen`, `content/./gen`, a link to `content` —
/// resolve to the same path, so containment checks compare places, not spellings.
pub fn resolve(path: &Path) -> std::path::PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut real = std::path::PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => real.push(part),
            Component::CurDir => {}
            // `real` has no links in it, so its parent by name is its parent on disk.
            Component::ParentDir => {
                real.pop();
            }
            Component::Normal(name) => {
                real.push(name);
                if let Ok(resolved) = real.canonicalize() {
                    real = resolved;
                }
            }
        }
    }
    real
}

/// Every file under `dir` (recursively; hidden files and folders skipped), sorted so nothing
/// depends on directory order. Symbolic links are followed only when they lead somewhere
/// inside `root`, the book folder; a link out of the book, or back to a folder already read
/// (a loop), is an error naming the link, relative to the book.
pub fn files_under(root: &Path, dir: &Path) -> Result<Vec<std::path::PathBuf>> {
    let book = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let real = current.canonicalize().map_err(|e| Error::io(&current, e))?;
        // The folder itself, or one on the way to it, may be the link that leaves the book.
        if !real.starts_with(&book) {
            return Err(Error::Message(format!(
                "{}: symbolic link leads outside the book folder (to {}); folio only reads inside the book. Copy the files in instead of linking to them",
                shown(&current),
                real.display()
            )));
        }
        if !seen.insert(real) {
            return Err(Error::Message(format!(
                "{}: symbolic link leads back to a folder already read (a loop); folio reads each folder once",
                shown(&current)
            )));
        }
        let entries = std::fs::read_dir(&current).map_err(|e| Error::io(&current, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&current, e))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
            let (is_dir, is_file) = if file_type.is_symlink() {
                let target = path.canonicalize().map_err(|e| Error::io(&path, e))?;
                if !target.starts_with(&book) {
                    return Err(Error::Message(format!(
                        "{}: symbolic link leads outside the book folder (to {}); folio only reads inside the book. Copy the file in instead of linking to it",
                        shown(&path),
                        target.display()
                    )));
                }
                (target.is_dir(), target.is_file())
            } else {
                (file_type.is_dir(), file_type.is_file())
            };
            if is_dir {
                stack.push(path);
            } else if is_file {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Writes `contents` to `path` through a temporary file in the same directory and a rename, so
/// readers never see a half-written file and a crash never leaves one behind.
///
/// A file that exists keeps what the user gave it: its permissions and (where the writer may
/// set it) its owner and group, and when `path` is a symbolic link the file it points to is
/// replaced, so the link stays a link and the real file gets the new text.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    refuse_if_interrupted(path)?;
    let target = match path.symlink_metadata() {
        Ok(meta) if meta.file_type().is_symlink() => path.canonicalize().map_err(|e| {
            Error::io(
                path,
                std::io::Error::new(e.kind(), format!("a symbolic link to nowhere: {e}")),
            )
        })?,
        _ => path.to_path_buf(),
    };
    let existing = std::fs::metadata(&target).ok();
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.folio-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        if let Some(meta) = &existing {
            keep_owner_and_mode(&f, meta)?;
        }
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Gives a new file the mode of the file it replaces and, where allowed, its owner and group
/// (a non-root writer cannot give a file away; its own group is kept then).
#[cfg(unix)]
fn keep_owner_and_mode(file: &std::fs::File, was: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let _ = std::os::unix::fs::fchown(file, Some(was.uid()), Some(was.gid()));
    file.set_permissions(std::fs::Permissions::from_mode(was.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &std::fs::File, was: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(was.permissions())
}

/// `a/b/c`: a relative path with `/` between its parts on every system, as output markers and
/// site links write it.
pub fn slash_path(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Set once the process is being interrupted (Ctrl-C, SIGTERM, SIGHUP): from then on every
/// write through this module fails, so the render threads stop adding files to a staging
/// folder while it is being removed. Process-wide because a signal is.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Makes every later write through this module fail (see [`INTERRUPTED`]).
pub fn interrupt() {
    INTERRUPTED.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// Whether [`interrupt`] was called.
pub fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::SeqCst)
}

fn refuse_if_interrupted(path: &Path) -> Result<()> {
    if interrupted() {
        return Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::Interrupted, "folio is being stopped"),
        ));
    }
    Ok(())
}

/// Creates `dir` and its parents.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    refuse_if_interrupted(dir)?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Writes a file whose directory is known to exist (output pages); no atomic dance needed
/// because the whole output tree is swapped in at once.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    refuse_if_interrupted(path)?;
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
}

/// Creates (or truncates) a file to stream into, such as a zip or a search index.
pub fn create_file(path: &Path) -> Result<std::fs::File> {
    refuse_if_interrupted(path)?;
    std::fs::File::create(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_rejects_what_is_not_utf8_text() {
        let p = Path::new("a.txt");
        assert_eq!(decode_text(p, b"\xEF\xBB\xBFhi".to_vec()).unwrap(), "hi");
        let e = decode_text(p, b"ok \xFF".to_vec()).unwrap_err().to_string();
        assert_eq!(
            e,
            "a.txt:1:4: not valid UTF-8 text (invalid byte 0xFF at byte offset 3); save the file as UTF-8"
        );
        assert!(
            decode_text(p, b"a\nb\0c".to_vec())
                .unwrap_err()
                .to_string()
                .starts_with("a.txt:2:2: the file contains a NUL byte")
        );
        assert_eq!(
            decode_text(p, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())
                .unwrap_err()
                .to_string(),
            "a.txt:1:1: this is a binary file, not text (a NUL byte at byte offset 8); articles are UTF-8 text files"
        );
    }

    #[cfg(unix)]
    #[test]
    fn paths_are_judged_by_where_their_links_lead() {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("book");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(book.join("content")).unwrap();
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, book.join("linked")).unwrap();
        std::os::unix::fs::symlink(book.join("content"), book.join("inner")).unwrap();
        assert_eq!(outside_book(&book, &book.join("content")), None);
        assert_eq!(outside_book(&book, &book.join("inner/new/file")), None);
        assert_eq!(outside_book(&book, &book.join("not-yet/site")), None);
        let real = elsewhere.canonicalize().unwrap();
        assert_eq!(
            outside_book(&book, &book.join("linked")),
            Some(real.clone())
        );
        assert_eq!(
            outside_book(&book, &book.join("linked/new/site")),
            Some(real)
        );
        assert!(outside_book(&book, &book.join("../elsewhere")).is_some());
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let p = Path::new("a.txt");
        let encode = |text: &str, little: bool| -> Vec<u8> {
            let mut bytes = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            for unit in text.encode_utf16() {
                bytes.extend(if little {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            bytes
        };
        let text = "Title\r\n\r\n华为 😀 body\n";
        assert_eq!(decode_text(p, encode(text, true)).unwrap(), text);
        assert_eq!(decode_text(p, encode(text, false)).unwrap(), text);
        // An unpaired surrogate after an astral character: the offset counts code units.
        let mut bad = encode("😀\nx", true);
        bad.extend([0x00, 0xD8, b'y', 0x00]);
        assert_eq!(
            decode_text(p, bad).unwrap_err().to_string(),
            "a.txt:2:2: not valid UTF-16 text (unpaired surrogate 0xD800 at byte offset 10); save the file as UTF-8"
        );
        let mut odd = encode("ab", true);
        odd.push(b'c');
        assert!(
            decode_text(p, odd)
                .unwrap_err()
                .to_string()
                .starts_with("a.txt:1:3: not valid UTF-16 text (an odd number of bytes")
        );
        // UTF-16 that decodes to a NUL is binary data all the same.
        assert!(
            decode_text(p, encode("a\0b", true))
                .unwrap_err()
                .to_string()
                .contains("NUL byte")
        );
    }
}
