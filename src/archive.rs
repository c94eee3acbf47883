//! A whole archive imported at once (`folio import DIR --out DIR2`): the folder walked for
//! scrapes and saved pages, each imported on rayon's threads through the loader's own path
//! ([`crate::load::import_file`]) and written as the Markdown `--out` writes for one file
//! ([`crate::curate::to_markdown`]) at `DIR2/<its folder under DIR>/<slug>.md`, and a tally of
//! what was found. Results keep the sorted walk's order, so the files written, the messages and
//! the tally are the same whatever the number of threads.
//!
//! Nothing is written until every target is known: two inputs that would write one file, or a
//! file that exists (without `force`), stop the import before the first write. Nothing here
//! prints; the command line shows the tally.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::load::Imported;

/// What a walk found under a folder.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Walk {
    /// Scrapes and pages, sorted, each with its folder relative to the walked folder.
    pub files: Vec<(PathBuf, PathBuf)>,
    /// Hidden files and folders (their names start with `.`), not read.
    pub hidden: Vec<PathBuf>,
    /// Files that are neither `.txt`, `.html` nor `.htm`, not read.
    pub other: Vec<PathBuf>,
}

/// Whether `path` is imported by a walk: a `.txt` scrape or an `.html`/`.htm` page.
pub fn is_importable(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        || crate::import::html::is_html_path(path)
}

/// Walks `dir` recursively, sorted, without following into `skip` (the output folder when it
/// lies inside). Symbolic links are followed; one that leads back to a folder already walked
/// is an error naming it.
pub fn walk(dir: &Path, skip: Option<&Path>) -> Result<Walk> {
    let mut found = Walk::default();
    let skip = skip.map(crate::fs::resolve);
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let real = current.canonicalize().map_err(|e| Error::io(&current, e))?;
        if !seen.insert(real.clone()) {
            return Err(Error::Message(format!(
                "{}: symbolic link leads back to a folder already read (a loop); each folder is read once",
                current.display()
            )));
        }
        if skip.as_ref().is_some_and(|s| *s == real) && current != dir {
            continue;
        }
        let entries = std::fs::read_dir(&current).map_err(|e| Error::io(&current, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&current, e))?;
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                found.hidden.push(path);
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if is_importable(&path) {
                let rel = path
                    .parent()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .unwrap_or(Path::new(""))
                    .to_path_buf();
                found.files.push((path, rel));
            } else {
                found.other.push(path);
            }
        }
    }
    found.files.sort();
    found.hidden.sort();
    found.other.sort();
    Ok(found)
}

/// Every file an import would write: (input, target). Two inputs with one target are an
/// error each, and so is a target that exists without `force`; nothing is written then.
pub fn check_targets(targets: &[(PathBuf, PathBuf)], force: bool) -> Result<()> {
    let mut errors = Vec::new();
    let mut by_target: HashMap<&Path, &Path> = HashMap::new();
    for (input, target) in targets {
        if let Some(first) = by_target.insert(target, input) {
            errors.push(Error::Message(format!(
                "{}: would be written from both {} and {}; give one of them another `slug:` in its front matter",
                target.display(),
                first.display(),
                input.display()
            )));
        }
    }
    if !force {
        for (_, target) in targets {
            if target.exists() {
                errors.push(Error::Message(format!(
                    "{}: already exists; pass --force to replace it",
                    target.display()
                )));
            }
        }
    }
    Error::from_list(errors)
}

/// Writes each `(target, markdown)`, creating folders as needed.
pub fn write_all(files: &[(PathBuf, String)]) -> Result<()> {
    let mut errors = Vec::new();
    for (target, markdown) in files {
        let written = target
            .parent()
            .map_or(Ok(()), crate::fs::create_dir_all)
            .and_then(|()| crate::fs::write_atomic(target, markdown.as_bytes()));
        if let Err(e) = written {
            errors.push(e);
        }
    }
    Error::from_list(errors)
}

/// What an archive held, counted over the files that imported.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Tally {
    pub articles: usize,
    /// Titles by where they came from.
    pub titles: BTreeMap<String, usize>,
    pub dated: usize,
    pub comments: usize,
    pub lines_dropped: usize,
    pub warnings: usize,
    pub failed: usize,
}

impl Tally {
    pub fn add(&mut self, imported: &Imported) {
        let a = &imported.loaded.article;
        self.articles += 1;
        *self
            .titles
            .entry(imported.title_source.clone())
            .or_insert(0) += 1;
        self.dated += usize::from(a.date.is_some());
        self.comments += a.comments.len();
        self.lines_dropped += a.removed.len();
        self.warnings += imported.scrape.warnings.len();
    }

    /// The rows of the summary table, in a fixed order: titles by their count, most first.
    pub fn rows(&self) -> Vec<(String, usize)> {
        let mut rows = vec![("articles".to_string(), self.articles)];
        let mut titles: Vec<(&String, &usize)> = self.titles.iter().collect();
        titles.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
        rows.extend(
            titles
                .into_iter()
                .map(|(source, n)| (format!("  titles from {source}"), *n)),
        );
        rows.extend([
            ("dates found".to_string(), self.dated),
            ("comments".to_string(), self.comments),
            ("lines dropped".to_string(), self.lines_dropped),
            ("warnings".to_string(), self.warnings),
            ("failed".to_string(), self.failed),
        ]);
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_is_sorted_and_sets_hidden_and_other_files_apart() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b/z.txt",
            "b/a.HTML",
            "a.htm",
            ".hidden.txt",
            "notes.md",
            ".git/x.txt",
        ] {
            let p = root.join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let w = walk(root, None).unwrap();
        let rel = |p: &PathBuf| {
            p.strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let files: Vec<(String, String)> = w
            .files
            .iter()
            .map(|(p, d)| (rel(p), d.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(
            files,
            [
                ("a.htm".to_string(), String::new()),
                ("b/a.HTML".to_string(), "b".to_string()),
                ("b/z.txt".to_string(), "b".to_string())
            ]
        );
        let hidden: Vec<String> = w.hidden.iter().map(rel).collect();
        assert_eq!(hidden, [".git", ".hidden.txt"]);
        let other: Vec<String> = w.other.iter().map(rel).collect();
        assert_eq!(other, ["notes.md"]);
    }

    #[test]
    fn colliding_and_existing_targets_are_refused_together() {
        let dir = tempfile::tempdir().unwrap();
        let exists = dir.path().join("old.md");
        std::fs::write(&exists, "x").unwrap();
        let t = |i: &str, o: &Path| (PathBuf::from(i), o.to_path_buf());
        let same = dir.path().join("same.md");
        let targets = [t("a.txt", &same), t("b.html", &same), t("c.txt", &exists)];
        let e = check_targets(&targets, false).unwrap_err().to_string();
        assert!(
            e.contains("would be written from both a.txt and b.html"),
            "{e}"
        );
        assert!(e.contains("old.md: already exists; pass --force"), "{e}");
        let e = check_targets(&targets, true).unwrap_err().to_string();
        assert!(!e.contains("already exists"), "{e}");
        assert!(check_targets(&targets[1..], true).is_ok());
    }
}
