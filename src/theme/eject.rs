//! `folio theme eject`: copies the built-in theme into a book's `themes/<name>/`, so it can be
//! changed file by file. It never overwrites a file without `--force`, and checks every file
//! before writing any, so a refused eject leaves the folder exactly as it was.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What an eject wrote, relative to the book root, in the order written.
#[derive(Debug)]
pub struct Ejected {
    pub theme_dir: PathBuf,
    pub files: Vec<PathBuf>,
}

/// Writes the built-in theme into `<root>/themes/<name>/`.
pub fn eject(root: &Path, name: &str, force: bool) -> Result<Ejected> {
    check_name(name)?;
    let book = root.join(crate::config::CONFIG_FILE);
    if !book.is_file() {
        return Err(Error::Message(format!(
            "{}: no {} here; run `folio theme eject` inside a book, or pass --root",
            root.display(),
            crate::config::CONFIG_FILE
        )));
    }
    let theme_dir = Path::new("themes").join(name);
    let files = super::builtin_files();
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(rel, _)| theme_dir.join(rel))
            .filter(|rel| root.join(rel).exists())
            .map(|rel| format!("  {}", rel.display()))
            .collect();
        if !existing.is_empty() {
            return Err(Error::Message(format!(
                "{} of the theme's files already exist; nothing was written:\n{}\npass --force to overwrite them",
                existing.len(),
                existing.join("\n")
            )));
        }
    }
    // Every file is checked before any is written: a theme folder (or one inside it) that is a
    // symbolic link out of the book must not receive files.
    for (rel, _) in &files {
        let rel = theme_dir.join(rel);
        if let Some(real) = crate::fs::outside_book(root, &root.join(&rel)) {
            return Err(Error::Message(format!(
                "{}: leads outside the book folder (to {}) through a symbolic link; nothing was written, since folio only writes inside the book",
                rel.display(),
                real.display()
            )));
        }
    }
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let rel = theme_dir.join(rel);
        let path = root.join(&rel);
        if let Some(parent) = path.parent() {
            crate::fs::create_dir_all(parent)?;
        }
        crate::fs::write_atomic(&path, &bytes)?;
        written.push(rel);
    }
    Ok(Ejected {
        theme_dir,
        files: written,
    })
}

/// A theme name is one folder name: letters, digits, `-`, `_` and `.`, not starting with `.`,
/// so it can never point outside `themes/`.
fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(Error::Message(format!(
            "`{name}` is not a usable theme name; use letters, digits, `-`, `_` and `.` (for example `my-theme`)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_stay_inside_themes() {
        for good in ["default", "my-theme", "v2.1", "新主题"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        for bad in ["", "..", "../x", "a/b", "a\\b", ".hidden", "a b"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }
}
