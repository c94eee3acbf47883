//! `folio import`: raw scrapes, saved HTML pages and comment exports → a summary, their JSON,
//! or Markdown files with front matter.
//!
//! A `.txt` file is a raw scrape, an `.html` or `.htm` file a saved page; an `.xml` or `.wxr`
//! file is a WordPress or Disqus export, which holds many articles or threads. This file never decides how either is read (that is
//! [`crate::import`]); it never replaces or changes an existing file without `--force`.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, printable};
use crate::import::export::{Export, ExportKind, Include, is_export_path, read_export, url_key};
use crate::term::{Styles, Ui};

/// What `folio import` was asked to do.
pub(super) struct ImportArgs<'a> {
    pub files: &'a [PathBuf],
    pub json: bool,
    pub out: Option<&'a Path>,
    pub force: bool,
    pub include: Include,
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
    } = *args;
    let mut values = Vec::new();
    // An export always prints an array: it holds articles or threads, however many.
    let mut array = files.len() > 1;
    // An export read whole prints its array even when it holds nothing.
    let mut exports_read = false;
    let mut errors = Vec::new();
    let mut book: Option<Articles> = None;
    for file in files {
        let result = (|| -> Result<()> {
            if is_export_path(file) {
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
                return Ok(());
            }
            let html = crate::import::html::is_html_path(file);
            let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
            let text = if html {
                String::new()
            } else {
                crate::fs::decode_text(file, bytes.clone())?
            };
            if let Some(dir) = out {
                let loaded = if html {
                    crate::load::load_html_file(file, &bytes, "en")?
                } else {
                    crate::load::load_file(file, &text, "en")?
                };
                let article = &loaded.article;
                let md = crate::curate::to_markdown(article, &loaded.settings)?;
                crate::fs::create_dir_all(dir)?;
                let target = dir.join(format!("{}.md", article.slug));
                if target.exists() && !force {
                    return Err(already_exists(&target));
                }
                crate::fs::write_atomic(&target, md.as_bytes())?;
                if ui.verbose() {
                    note_removed(file, &article.removed, &ui.styles, stderr);
                }
                if !ui.quiet() {
                    let _ = writeln!(stderr, "{} → {}", file.display(), target.display());
                }
            } else {
                let scrape = if html {
                    crate::import::html::import_page(file, &bytes)?
                } else {
                    let text = text.replace("\r\n", "\n");
                    let fm = crate::load::split_front_matter(file, &text)?;
                    crate::import::parse_scrape(file, fm.body, fm.body_line as u32)?
                };
                if ui.verbose() {
                    note_removed(file, &scrape.removed, &ui.styles, stderr);
                }
                if !ui.quiet() {
                    for w in &scrape.warnings {
                        let _ = writeln!(
                            stderr,
                            "{} {}: {}",
                            ui.styles.hint("warning:"),
                            file.display(),
                            printable(w)
                        );
                    }
                }
                if json {
                    values.push(scrape.to_json()?);
                } else {
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
            Ok(())
        })();
        if let Err(e) = result {
            errors.extend(e.into_list());
        }
    }
    if json && (!values.is_empty() || exports_read) {
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
    Error::from_list(errors)
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
