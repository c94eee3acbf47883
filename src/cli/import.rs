//! `folio import`: raw scrapes, saved HTML pages and comment exports → a summary, their JSON,
//! an explanation of every line (`--explain`), or Markdown files with front matter.
//!
//! A `.txt` file is a raw scrape, an `.html` or `.htm` file a saved page; an `.xml` or `.wxr`
//! file is a WordPress or Disqus export, which holds many articles or threads; a folder is
//! walked for scrapes and pages ([`crate::archive`]), imported in parallel and summed up in a
//! table. This file never decides how a file is read (that is [`crate::import`] through
//! [`crate::load::import_file`]); it never replaces or changes an existing file without
//! `--force`, and never writes a scrape's Markdown before every target is known to be free.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::archive::Tally;
use crate::error::{Error, Result, printable};
use crate::import::export::{Export, ExportKind, Include, is_export_path, read_export, url_key};
use crate::load::Imported;
use crate::progress::Progress;
use crate::term::{Styles, Ui};

/// What `folio import` was asked to do.
pub(super) struct ImportArgs<'a> {
    pub files: &'a [PathBuf],
    pub json: bool,
    pub out: Option<&'a Path>,
    pub force: bool,
    pub include: Include,
    pub explain: bool,
    /// How `--explain` output is painted (it goes to stdout, which may be a pipe when stderr
    /// is not).
    pub stdout_styles: Styles,
}

/// One file to import, in the order given (a folder's files in walk order).
enum Item {
    Export(PathBuf),
    /// A scrape or page; `dir` is its folder under a folder named on the command line, `None`
    /// when it was named itself.
    Article {
        path: PathBuf,
        dir: Option<PathBuf>,
    },
}

pub(super) fn import(
    args: &ImportArgs<'_>,
    ui: &Ui,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<()> {
    let ImportArgs {
        files,
        json,
        out,
        force,
        include,
        explain,
        stdout_styles,
    } = *args;
    let mut errors = Vec::new();
    let mut items = Vec::new();
    let mut walked = false;
    let mut tally = Tally::default();
    let mut skipped = (0, 0);
    for file in files {
        if file.is_dir() {
            walked = true;
            let walk = crate::archive::walk(file, out)?;
            if !ui.quiet() {
                for hidden in &walk.hidden {
                    let _ = writeln!(
                        stderr,
                        "{} skipped {}: hidden",
                        ui.styles.hint("note:"),
                        hidden.display()
                    );
                }
            }
            if ui.verbose() {
                for other in &walk.other {
                    let _ = writeln!(
                        stderr,
                        "{} skipped {}: not .txt, .html or .htm",
                        ui.styles.hint("note:"),
                        other.display()
                    );
                }
            }
            skipped.0 += walk.hidden.len();
            skipped.1 += walk.other.len();
            items.extend(walk.files.into_iter().map(|(path, dir)| Item::Article {
                path,
                dir: Some(dir),
            }));
        } else if is_export_path(file) {
            items.push(Item::Export(file.clone()));
        } else {
            items.push(Item::Article {
                path: file.clone(),
                dir: None,
            });
        }
    }

    // Every scrape and page is read first, in parallel; the results keep the items' order.
    let articles: Vec<(&Path, Option<&Path>)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Article { path, dir } => Some((path.as_path(), dir.as_deref())),
            Item::Export(_) => None,
        })
        .collect();
    let progress = Progress::new(ui.progress_bar, ui.verbose());
    progress.stage("import", articles.len());
    let results: Vec<Result<Imported>> = {
        use rayon::prelude::*;
        articles
            .par_iter()
            .map(|(path, _)| {
                let imported = std::fs::read(path)
                    .map_err(|e| Error::io(path, e))
                    .and_then(|bytes| crate::load::import_file(path, bytes, "en", explain));
                progress.inc();
                imported
            })
            .collect()
    };
    super::print_progress(&progress, ui, stderr);

    let mut values = Vec::new();
    // An export always prints an array: it holds articles or threads, however many.
    let mut array = files.len() > 1 || walked;
    // An export read whole prints its array even when it holds nothing.
    let mut exports_read = false;
    let mut writes = Vec::new();
    let mut targets = Vec::new();
    let mut results = results.into_iter();
    for item in &items {
        let Item::Article { path: file, dir } = item else {
            continue;
        };
        let imported = match results.next().expect("one result per article") {
            Ok(i) => i,
            Err(e) => {
                tally.failed += 1;
                errors.extend(e.into_list());
                continue;
            }
        };
        if ui.verbose() {
            note_removed(file, &imported.scrape.removed, &ui.styles, stderr);
        }
        if !ui.quiet() {
            for w in &imported.scrape.warnings {
                let _ = writeln!(
                    stderr,
                    "{} {}: {}",
                    ui.styles.warning("warning:"),
                    file.display(),
                    printable(w)
                );
            }
        }
        if let Some(out) = out {
            match crate::curate::to_markdown(&imported.loaded.article, &imported.loaded.settings) {
                Ok(md) => {
                    let name = format!("{}.md", imported.loaded.article.slug);
                    let target = match dir {
                        Some(d) => out.join(d).join(name),
                        None => out.join(name),
                    };
                    targets.push((file.clone(), target.clone()));
                    writes.push((target, md));
                    tally.add(&imported);
                }
                Err(e) => {
                    tally.failed += 1;
                    errors.extend(e.into_list());
                }
            }
            continue;
        }
        tally.add(&imported);
        if explain {
            super::explain::print(file, &imported, &stdout_styles, stdout);
        } else if json {
            values.push(imported.scrape.to_json()?);
        } else {
            let scrape = &imported.scrape;
            let _ = writeln!(
                stdout,
                "{}: \"{}\" — {} blocks, {} references, {} comments, {} removed lines",
                file.display(),
                printable(&scrape.title),
                scrape.blocks.len(),
                scrape.references.len(),
                scrape.comments.len(),
                scrape.removed.len()
            );
        }
    }
    if out.is_some() && !targets.is_empty() {
        // Every target is known before the first write: a clash or a file in the way stops
        // the whole import.
        if let Err(e) = crate::archive::check_targets(&targets, force) {
            errors.extend(e.into_list());
            return Error::from_list(errors);
        }
        if let Err(e) = crate::archive::write_all(&writes) {
            errors.extend(e.into_list());
        }
        if !ui.quiet() {
            for ((file, target), _) in targets.iter().zip(&writes) {
                if items
                    .iter()
                    .any(|i| matches!(i, Item::Article { path, dir: None } if path == file))
                    || ui.verbose()
                {
                    let _ = writeln!(stderr, "{} → {}", file.display(), target.display());
                }
            }
        }
    }

    let mut book: Option<Articles> = None;
    for item in &items {
        let Item::Export(file) = item else {
            continue;
        };
        let result = (|| -> Result<()> {
            array = true;
            let export = read_export(file, file, include)?;
            if json {
                values.extend(export.threads.iter().map(|t| t.to_json()));
                exports_read = true;
                return Ok(());
            }
            if export.kind == ExportKind::Disqus && book.is_none() {
                book = Some(Articles::find(out)?);
            }
            let matches = match export.kind {
                ExportKind::Disqus => book.as_ref().map(|b| b.matches(&export)),
                ExportKind::Wxr => None,
            };
            match out {
                None => print_report(&export, matches.as_ref(), stdout),
                Some(dir) => {
                    match export.kind {
                        ExportKind::Wxr => write_posts(&export, dir, force, ui, stderr)?,
                        ExportKind::Disqus => {
                            let m = matches.as_ref().expect("Disqus threads are matched");
                            write_threads(&export, m, force, ui, stderr, &mut errors);
                        }
                    }
                    if !ui.quiet() {
                        print_report(&export, matches.as_ref(), stderr);
                    }
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.extend(e.into_list());
        }
    }
    if json && (!values.is_empty() || exports_read || walked) {
        let value = if values.len() == 1 && !array {
            values.remove(0)
        } else {
            serde_json::Value::Array(values)
        };
        // Comment threads nest as deep as they go: no recursion in printing or dropping.
        let text = crate::json::to_string_pretty(&value);
        crate::json::drop_deep(value);
        let _ = writeln!(stdout, "{text}");
    }
    if walked && !explain && !ui.quiet() {
        print_tally(files, out, &tally, skipped, &ui.styles, stderr);
    }
    Error::from_list(errors)
}

/// The summary of a folder's import: what was found, where titles came from, what failed (the
/// failures themselves are reported after it, as errors).
fn print_tally(
    inputs: &[PathBuf],
    out: Option<&Path>,
    tally: &Tally,
    (hidden, other): (usize, usize),
    styles: &Styles,
    stderr: &mut dyn Write,
) {
    let total = tally.articles + tally.failed;
    let from: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    let to = out.map_or(String::new(), |o| format!(" → {}", o.display()));
    let _ = writeln!(
        stderr,
        "{}",
        styles.strong(format!(
            "Imported {} of {total} file{} from {}{to}",
            tally.articles,
            if total == 1 { "" } else { "s" },
            from.join(", ")
        ))
    );
    let mut rows = tally.rows();
    rows.push(("hidden files skipped".to_string(), hidden));
    rows.push(("other files skipped".to_string(), other));
    let width = rows
        .iter()
        .map(|(w, _)| w.chars().count())
        .max()
        .unwrap_or(0);
    for (what, n) in rows {
        let pad = width - what.chars().count();
        let _ = writeln!(stderr, "  {what}{} {n:>7}", " ".repeat(pad));
    }
}

fn already_exists(target: &Path) -> Error {
    Error::Message(format!(
        "{}: already exists; pass --force to replace it",
        target.display()
    ))
}

/// The summary table of one export: what was kept and dropped, and the threads that match no
/// article of the book (when there is a book to match against).
fn print_report(export: &Export, matches: Option<&Matches>, out: &mut dyn Write) {
    let mut rows = export.report.rows(export.kind);
    if let Some(m) = matches {
        rows.push((
            "threads with comments that match no article".to_string(),
            m.unmatched.len(),
        ));
    }
    let width = rows
        .iter()
        .map(|(w, _)| w.chars().count())
        .max()
        .unwrap_or(0);
    let _ = writeln!(out, "{}: {}", export.path.display(), export.kind.name());
    for (what, n) in rows {
        let pad = width - what.chars().count();
        let _ = writeln!(out, "  {what}{} {n:>7}", " ".repeat(pad));
    }
    if let Some(m) = matches {
        for &i in &m.unmatched {
            let t = &export.threads[i];
            let _ = writeln!(
                out,
                "    {}:{}:{}: “{}” {} ({} comment{})",
                export.path.display(),
                t.line,
                t.col,
                printable(&t.title),
                printable(
                    t.url
                        .as_deref()
                        .or(t.identifier.as_deref())
                        .unwrap_or("(no link)")
                ),
                t.comments.len(),
                if t.comments.len() == 1 { "" } else { "s" }
            );
        }
        if m.none {
            let _ = writeln!(
                out,
                "  (no book here to match threads against: run this in a book folder, or pass --out content/)"
            );
        }
    }
}

/// `--out` for a WordPress export: each post as `DIR/<slug>.md`, slugs made unique within the
/// export, never replacing a file without `force`.
fn write_posts(
    export: &Export,
    dir: &Path,
    force: bool,
    ui: &Ui,
    stderr: &mut dyn Write,
) -> Result<()> {
    let mut errors = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    crate::fs::create_dir_all(dir)?;
    for thread in &export.threads {
        let Some(mut article) = thread.to_article(&export.path, "en") else {
            continue;
        };
        let mut slug = article.slug.to_string();
        let mut n = 2;
        while !used.insert(slug.clone()) {
            slug = format!("{}-{n}", article.slug);
            n += 1;
        }
        if let Ok(s) = crate::model::Slug::parse(&slug) {
            article.slug = s;
        }
        let result = (|| -> Result<()> {
            let md = crate::curate::to_markdown(&article, &Default::default())?;
            let target = dir.join(format!("{slug}.md"));
            if target.exists() && !force {
                return Err(already_exists(&target));
            }
            crate::fs::write_atomic(&target, md.as_bytes())?;
            if !ui.quiet() {
                let _ = writeln!(
                    stderr,
                    "{}:{} → {} ({} comment{})",
                    export.path.display(),
                    thread.line,
                    target.display(),
                    article.comments.len(),
                    if article.comments.len() == 1 { "" } else { "s" }
                );
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.extend(e.into_list());
        }
    }
    Error::from_list(errors)
}

/// `--out` for a Disqus export: each thread's comments written into the front matter of the
/// Markdown article it matches (only with `force`, since that changes the file); an article
/// that already holds any of the thread's comments is left as it is.
fn write_threads(
    export: &Export,
    m: &Matches,
    force: bool,
    ui: &Ui,
    stderr: &mut dyn Write,
    errors: &mut Vec<Error>,
) {
    for (&article, threads) in &m.by_article {
        let (path, ids) = &m.articles[article];
        let result = (|| -> Result<()> {
            if path.extension().and_then(|e| e.to_str()) != Some("md") {
                return Err(Error::Message(format!(
                    "{}: a raw scrape has no front matter comments; attach {} at build time instead (`comments_from:` in book.yaml)",
                    path.display(),
                    export.path.display()
                )));
            }
            let mut thread = crate::model::Thread::default();
            for &t in threads {
                crate::import::export::append_thread(&mut thread, &export.threads[t].comments);
            }
            if thread.comments.iter().any(|c| ids.contains(&c.id.0)) {
                if !ui.quiet() {
                    let _ = writeln!(
                        stderr,
                        "{}: already has comments from {}; left as it is",
                        path.display(),
                        export.path.display()
                    );
                }
                return Ok(());
            }
            if !force {
                return Err(Error::Message(format!(
                    "{}: already exists; pass --force to write the export's {} comment{} into it",
                    path.display(),
                    thread.len(),
                    if thread.len() == 1 { "" } else { "s" }
                )));
            }
            let text = crate::fs::read_text(path)?;
            let md = crate::curate::add_comments(path, &text, &thread)?;
            crate::fs::write_atomic(path, md.as_bytes())?;
            if !ui.quiet() {
                let _ = writeln!(
                    stderr,
                    "{} → {} ({} comment{} added)",
                    export.path.display(),
                    path.display(),
                    thread.len(),
                    if thread.len() == 1 { "" } else { "s" }
                );
            }
            Ok(())
        })();
        if let Err(e) = result {
            errors.extend(e.into_list());
        }
    }
}

/// The articles threads are matched against: those in `--out DIR`, else those of the book in
/// the current folder, else none.
struct Articles {
    /// (file, ids of its comments), in load order.
    articles: Vec<(PathBuf, HashSet<String>)>,
    by_url: HashMap<String, usize>,
    /// No book was found.
    none: bool,
}

/// Which threads of an export go to which article.
struct Matches<'a> {
    articles: &'a [(PathBuf, HashSet<String>)],
    /// Article → its threads (with comments), in export order.
    by_article: std::collections::BTreeMap<usize, Vec<usize>>,
    /// Threads with comments that match nothing.
    unmatched: Vec<usize>,
    none: bool,
}

impl Articles {
    fn find(out: Option<&Path>) -> Result<Articles> {
        let mut found = Articles {
            articles: Vec::new(),
            by_url: HashMap::new(),
            none: false,
        };
        let (files, base_url) = match out {
            Some(dir) if dir.is_dir() => (crate::fs::files_under(dir, dir)?, None),
            Some(_) => (Vec::new(), None),
            None if !Path::new(crate::config::CONFIG_FILE).is_file() => {
                found.none = true;
                return Ok(found);
            }
            None => {
                let config = crate::config::Config::load(Path::new("."))?;
                (
                    crate::load::content_files(&config.root, &config.content_dir)?,
                    config.base_url,
                )
            }
        };
        let mut errors = Vec::new();
        for file in files {
            if !matches!(
                file.extension().and_then(|e| e.to_str()),
                Some("md") | Some("txt")
            ) {
                continue;
            }
            let loaded = crate::fs::read_text(&file)
                .and_then(|text| crate::load::load_article(&file, &text, "en"));
            let article = match loaded {
                Ok(a) => a,
                Err(e) => {
                    errors.extend(e.into_list());
                    continue;
                }
            };
            let index = found.articles.len();
            let own = base_url.as_ref().map(|b| format!("{b}{}/", article.slug));
            for url in [article.source.url.clone(), own].into_iter().flatten() {
                if let Some(key) = url_key(&url) {
                    found.by_url.entry(key).or_insert(index);
                }
            }
            let ids = article
                .comments
                .comments
                .iter()
                .map(|c| c.id.0.clone())
                .collect();
            found.articles.push((file, ids));
        }
        Error::from_list(errors)?;
        Ok(found)
    }

    fn matches(&self, export: &Export) -> Matches<'_> {
        let mut by_article: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        let mut unmatched = Vec::new();
        for (i, t) in export.threads.iter().enumerate() {
            if t.comments.is_empty() {
                continue;
            }
            match t.url_keys().iter().find_map(|k| self.by_url.get(k)) {
                Some(&a) => by_article.entry(a).or_default().push(i),
                None if !self.none => unmatched.push(i),
                None => {}
            }
        }
        Matches {
            articles: &self.articles,
            by_article,
            unmatched,
            none: self.none,
        }
    }
}

/// `--verbose` for imports: every line the importer dropped, where and why.
fn note_removed(
    file: &Path,
    removed: &[crate::model::Removed],
    styles: &Styles,
    stderr: &mut dyn Write,
) {
    for r in removed {
        let _ = writeln!(
            stderr,
            "{} {}:{}: removed ({}): {}",
            styles.hint("note:"),
            file.display(),
            r.line,
            r.reason,
            r.text
        );
    }
}
