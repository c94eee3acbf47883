//! File helpers that put the path into every error, decode text strictly and write atomically.
//! Nothing else in folio calls `std::fs` for user files directly, so every I/O failure a user
//! sees names the file it concerns.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Reads a UTF-8 text file. A leading byte-order mark is dropped (editors on Windows add one);
/// a UTF-16 file or any other encoding is rejected with the offset of the first bad byte.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, bytes)
}

/// The decoding half of [`read_text`], for bytes that did not come from a file of their own.
pub fn decode_text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Message(format!(
            "{}: the file is UTF-16 encoded; save it as UTF-8",
            path.display()
        )));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The valid prefix is text: count lines and characters in it.
            let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or("");
            let at = crate::error::Location::at_offset(path, prefix, offset);
            return Err(Error::NotUtf8 {
                path: path.to_path_buf(),
                offset,
                byte: bytes[offset],
                line: at.line,
                col: at.col,
            });
        }
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

/// Writes `contents` to `path` through a temporary file in the same directory and a rename, so
/// readers never see a half-written file and a crash never leaves one behind.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.folio-tmp"));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// Creates `dir` and its parents.
pub fn create_dir_all(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))
}

/// Writes a file whose directory is known to exist (output pages); no atomic dance needed
/// because the whole output tree is swapped in at once.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    std::fs::write(path, contents).map_err(|e| Error::io(path, e))
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
            decode_text(p, b"\xFF\xFEh\0".to_vec())
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
        assert!(
            decode_text(p, b"a\nb\0c".to_vec())
                .unwrap_err()
                .to_string()
                .starts_with("a.txt:2:2: the file contains a NUL byte")
        );
    }
}
