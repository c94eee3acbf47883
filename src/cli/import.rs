//! `folio import`: raw scrapes and saved HTML pages → a summary, their JSON, or Markdown files
//! with front matter.
//!
//! This file never decides how a scrape is read (that is [`crate::import`]); it never replaces
//! an existing file without `--force`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, printable};
use crate::term::{Styles, Ui};

pub(super) fn import(
    files: &[PathBuf],
    json: bool,
    out: Option<&Path>,
    force: bool,
    ui: &Ui,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<()> {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let result = (|| -> Result<()> {
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
                    return Err(Error::Message(format!(
                        "{}: already exists; pass --force to replace it",
                        target.display()
                    )));
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
    if json && !values.is_empty() {
        let value = if values.len() == 1 && files.len() == 1 {
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
