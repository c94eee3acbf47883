//! The command line: argument definitions (clap derive) and one function per subcommand. Each
//! returns a [`Result`]; `main` prints errors and chooses the exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::build::{BuildOptions, build};
use crate::error::{Error, Result, printable};
use crate::progress::Progress;
use crate::term::{ColorWhen, Styles, Ui};

/// folio turns a folder of scraped news articles — raw `.txt` scrapes or Markdown files, with
/// their reader comments — into a readable static website and an ebook.
///
/// A book is a folder with a `book.yaml` (title, language, outputs…) and a `content/` folder
/// of articles. Start one with `folio init`, add articles (or `folio import` raw scrapes), then
/// run `folio build` and open `public/index.html`.
#[derive(Debug, Parser)]
#[command(name = "folio", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Print nothing but errors: no summary, no progress bar, no warning that does not fail
    /// the command. A command's result on stdout (JSON, clean text) is still printed.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print how long each stage took and what it did: which files were loaded (as what)
    /// or skipped, the normalizer's edits per article, the lines an import removed.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Colour messages: `auto` when stderr is a terminal (and NO_COLOR is not set,
    /// CLICOLOR_FORCE forces it), `always`, or `never`.
    #[arg(
        long,
        value_enum,
        value_name = "WHEN",
        default_value = "auto",
        global = true
    )]
    pub color: ColorWhen,
}

impl Cli {
    /// Parses `args` (the program name first), printing usage errors and `--help` the way
    /// `--color` asks: clap reports before the flag is parsed, so it is read from the raw
    /// arguments first. Exits with 2 on a usage error, 0 after `--help`/`--version`.
    pub fn parse_from_args<I, T>(args: I) -> Cli
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches};
        let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
        let choice = match color_flag(&args) {
            Some(ColorWhen::Always) => clap::ColorChoice::Always,
            Some(ColorWhen::Never) => clap::ColorChoice::Never,
            _ => clap::ColorChoice::Auto,
        };
        let mut command = Cli::command().color(choice);
        let parsed = command
            .try_get_matches_from_mut(args)
            .and_then(|mut m| Cli::from_arg_matches_mut(&mut m));
        parsed.unwrap_or_else(|e| e.format(&mut command).exit())
    }

    /// What this run prints and how: from the flags, the environment and the terminal.
    pub fn ui(&self) -> Ui {
        Ui::detect(self.quiet, self.verbose, self.color)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the book: read book.yaml and content/, write the site into public/.
    ///
    /// The output folder is replaced only when the whole build succeeds, so a failed build
    /// leaves the previous site as it was.
    Build {
        /// The book folder (where book.yaml is).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Write the output here instead of the book's `output_dir` (default `public/`).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Also render the review view: every word the normalizer changed is marked and shows
        /// the original on hover or focus; each article gets an `edits.json`.
        #[arg(long)]
        review: bool,
        /// Render every file again. By default a build reuses the files of the previous output
        /// whose inputs did not change (the bytes are the same either way).
        #[arg(long)]
        clean: bool,
    },
    /// Check the book without replacing the output: everything a build does, plus internal
    /// links and anchors, undated articles and unused or re-capitalising glossary entries.
    ///
    /// Exits 0 when there is no error (warnings are allowed unless --strict), 1 otherwise.
    Check {
        /// The book folder (where book.yaml is).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// `human` (numbered, with source lines) or `json` (an array of findings on stdout:
        /// severity, code, message, path, line, col, hint).
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
    },
    /// Clean machine-translated text: restore apostrophes, decode stray escapes and mojibake,
    /// apply the glossary, fix spacing and typography, drop site residue.
    ///
    /// Prints the clean text (default), a diff with the rule id of every change (--diff), or
    /// the edit log as JSON (--json). Files are only rewritten with --write.
    Normalize(crate::normalize::command::NormalizeArgs),
    /// Parse raw scraped articles and show what folio understood, or save them as Markdown.
    ///
    /// Without options, prints a short outline of each file. With --json, prints the parsed
    /// structure (title, metadata, blocks, references, removed lines, comment tree) as JSON.
    /// With --out DIR, writes DIR/<slug>.md: front matter plus Markdown body, ready to edit
    /// and build. Existing files are never overwritten unless you pass --force.
    Import {
        /// Raw scrape files (.txt) to import.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the parsed article as JSON (one object per file; an array for several files).
        #[arg(long, conflicts_with = "out")]
        json: bool,
        /// Write a curated Markdown file per article into this folder (e.g. content/).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// With --out: replace files that already exist.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Work with themes.
    Theme {
        #[command(subcommand)]
        command: ThemeCommand,
    },
    /// Serve the site on this machine while you edit: build, watch, rebuild, reload.
    ///
    /// Builds into the output folder, serves it on http://127.0.0.1:PORT/ (under the path of
    /// base_url), and rebuilds when content/, themes/ or book.yaml change; open pages reload
    /// by themselves. A failed rebuild is shown in the terminal and over the page, and the last
    /// good site stays served. Stop with Ctrl-C.
    Serve {
        /// The book folder (where book.yaml is).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Build into this folder instead of the book's `output_dir`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// The port on 127.0.0.1; 0 picks a free one.
        #[arg(long, default_value_t = crate::serve::DEFAULT_PORT)]
        port: u16,
        /// Open the site in the default browser once it is built.
        #[arg(long)]
        open: bool,
    },
    /// Create a new book in DIR (default: the current folder), ready to build.
    ///
    /// Writes book.yaml and content/ with one example article. Refuses to overwrite an
    /// existing book.yaml or example article.
    Init {
        /// Where to create the book.
        #[arg(value_name = "DIR", default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ThemeCommand {
    /// Copy the built-in theme into themes/NAME/ so you can change it.
    ///
    /// Writes every template and static file of the built-in theme. Files you leave unchanged
    /// can be deleted again: folio falls back to the built-in copy of any file a theme lacks.
    /// Refuses to overwrite existing files unless you pass --force.
    Eject {
        /// The theme folder to create (book.yaml's `theme`).
        #[arg(value_name = "NAME", default_value = "default")]
        name: String,
        /// The book folder (where book.yaml is).
        #[arg(long, value_name = "DIR", default_value = ".")]
        root: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// The last `--color WHEN` / `--color=WHEN` before a `--`, if its value is one clap accepts.
fn color_flag(args: &[std::ffi::OsString]) -> Option<ColorWhen> {
    use clap::ValueEnum;
    let mut found = None;
    let mut iter = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        let value = match arg {
            Some("--") => break,
            Some("--color") => iter.next().flatten(),
            Some(a) => a.strip_prefix("--color="),
            None => None,
        };
        if let Some(when) = value.and_then(|v| ColorWhen::from_str(v, false).ok()) {
            found = Some(when);
        }
    }
    found
}

/// Runs the parsed command. Output that is the command's result goes to `stdout`; progress,
/// notes and summaries go to `stderr`, as much of them as `ui` says.
pub fn run(cli: Cli, ui: &Ui, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<()> {
    match cli.command {
        Command::Build {
            root,
            out,
            review,
            clean,
        } => {
            let progress = Progress::new(ui.progress_bar, ui.verbose());
            let built = build(
                &root,
                &BuildOptions {
                    out,
                    review,
                    clean,
                    progress: progress.clone(),
                },
            );
            print_progress(&progress, ui, stderr);
            let summary = built?;
            if ui.verbose() {
                let _ = writeln!(
                    stderr,
                    "note: {} file(s) reused unchanged from the previous output",
                    summary.reused
                );
            }
            if !ui.quiet() {
                let _ = writeln!(stderr, "{}", summary.normalize_line());
                let _ = writeln!(stderr, "{}", ui.styles.strong(&summary));
            }
            Ok(())
        }
        Command::Check {
            root,
            strict,
            format,
        } => check(&root, strict, format, ui, stdout, stderr),
        Command::Normalize(args) => {
            let mut note = |n: String| {
                if ui.verbose() {
                    let _ = writeln!(stderr, "{} {n}", ui.styles.hint("note:"));
                }
            };
            crate::normalize::command::run_with(
                &args,
                &mut std::io::stdin().lock(),
                stdout,
                &mut note,
            )
        }
        Command::Import {
            files,
            json,
            out,
            force,
        } => import(&files, json, out.as_deref(), force, ui, stdout, stderr),
        Command::Init { dir } => init(&dir, ui, stderr),
        Command::Theme {
            command: ThemeCommand::Eject { name, root, force },
        } => eject(&root, &name, force, ui, stdout),
        Command::Serve {
            root,
            out,
            port,
            open,
        } => crate::serve::serve(
            &crate::serve::ServeOptions {
                root,
                out,
                port,
                open,
                quiet: ui.quiet(),
            },
            report,
        ),
    }
}

/// With `--verbose`: the notes the stages kept, then how long each stage took. Always clears
/// the progress bar.
fn print_progress(progress: &Progress, ui: &Ui, stderr: &mut dyn Write) {
    let report = progress.finish();
    if !ui.verbose() {
        return;
    }
    for note in &report.notes {
        let _ = writeln!(stderr, "{} {note}", ui.styles.hint("note:"));
    }
    for stage in &report.stages {
        let unit = match (stage.name, stage.items) {
            (_, 0) => String::new(),
            ("load", n) => format!("  {n} file{}", if n == 1 { "" } else { "s" }),
            (_, n) => format!("  {n} article{}", if n == 1 { "" } else { "s" }),
        };
        let _ = writeln!(
            stderr,
            "{} {:<10}{:>9.1} ms{unit}",
            ui.styles.hint("time:"),
            stage.name,
            stage.elapsed.as_secs_f64() * 1000.0
        );
    }
}

fn import(
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
            let text = crate::fs::read_text(file)?;
            if let Some(dir) = out {
                let loaded = crate::load::load_file(file, &text, "en")?;
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
                let text = text.replace("\r\n", "\n");
                let fm = crate::load::split_front_matter(file, &text)?;
                let scrape = crate::import::parse_scrape(file, fm.body, fm.body_line as u32)?;
                if ui.verbose() {
                    note_removed(file, &scrape.removed, &ui.styles, stderr);
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

const INIT_BOOK: &str = r#"# folio book configuration. Every key is documented in folio's README.
title: My News Archive
description: Articles and their reader comments, kept for reading.
authors: []
language: en
# base_url: https://example.org/archive/
outputs: [html]
"#;

const INIT_ARTICLE: &str = r#"---
title: Welcome to your archive
date: 2024-01-15
authors: [The Editors]
source:
  site: example.org
  url: https://example.org/welcome
tags: [meta]
comments:
  - author: First Reader
    date: 2024-01-15T09:30:00
    body: |-
      This is a reader comment.

      Comments keep their paragraphs
      and their line breaks.
    replies:
      - author: The Editors
        staff: true
        date: 2024-01-15T10:05:00
        body: And this is a staff reply, nested under it.
---
This article is written in **Markdown**. Put raw scrapes (`.txt`) or Markdown files into
`content/`, then run `folio build` and open `public/index.html`.

Import a raw scrape with `folio import scrape.txt --out content/` to get a Markdown file like
this one, with its comments in the front matter.
"#;

fn init(dir: &Path, ui: &Ui, stderr: &mut dyn Write) -> Result<()> {
    let book = dir.join(crate::config::CONFIG_FILE);
    let article = dir.join("content").join("welcome.md");
    for path in [&book, &article] {
        if path.exists() {
            return Err(Error::Message(format!(
                "{}: already exists; folio init never overwrites files",
                path.display()
            )));
        }
    }
    crate::fs::create_dir_all(&dir.join("content"))?;
    crate::fs::write_atomic(&book, INIT_BOOK.as_bytes())?;
    crate::fs::write_atomic(&article, INIT_ARTICLE.as_bytes())?;
    if ui.quiet() {
        return Ok(());
    }
    let _ = writeln!(
        stderr,
        "Created a book in {}. Next: `folio build --root {}` and open {}",
        dir.display(),
        dir.display(),
        dir.join("public").join("index.html").display()
    );
    Ok(())
}

fn check(
    root: &Path,
    strict: bool,
    format: CheckFormat,
    ui: &Ui,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<()> {
    use crate::check::Severity;
    let progress = Progress::new(
        ui.progress_bar && format == CheckFormat::Human,
        ui.verbose(),
    );
    let findings = crate::check::check_with(root, &progress);
    print_progress(&progress, ui, stderr);
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    match format {
        CheckFormat::Json => {
            let json = serde_json::to_string_pretty(&findings)
                .map_err(|e| Error::Message(format!("cannot encode the findings: {e}")))?;
            let _ = writeln!(stdout, "{json}");
        }
        CheckFormat::Human => {
            for (i, f) in findings.iter().enumerate() {
                let fails = f.severity == Severity::Error || strict;
                if ui.quiet() && !fails {
                    continue;
                }
                let kind = match f.severity {
                    Severity::Error => Kind::Error,
                    Severity::Warning => Kind::Warning,
                };
                let label = kind.paint(
                    &ui.styles,
                    format!("{}[{}/{}]", kind.word(), i + 1, findings.len()),
                );
                let text = format!("{}{}", f.place(), f.message);
                let _ = writeln!(stderr, "{label} {}: {}", f.code, printable(&text));
                if let (Some(path), Some(line), Some(col)) = (&f.path, f.line, f.col) {
                    source_excerpt(path, line, col, kind, &ui.styles, stderr);
                }
                if let Some(hint) = &f.hint {
                    let _ = writeln!(stderr, "  {} {}", ui.styles.hint("hint:"), printable(hint));
                }
            }
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            if !ui.quiet() {
                let _ = writeln!(
                    stderr,
                    "{}",
                    ui.styles.strong(format!(
                        "{}, {}{}",
                        plural(errors, "error"),
                        plural(warnings, "warning"),
                        if strict && warnings > 0 {
                            " (--strict: warnings count as errors)"
                        } else {
                            ""
                        }
                    ))
                );
            }
        }
    }
    if errors > 0 || (strict && warnings > 0) {
        Err(Error::Reported)
    } else {
        Ok(())
    }
}

/// Whether a diagnostic fails the command or only warns; it decides the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Error,
    Warning,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
        }
    }

    fn paint(self, styles: &Styles, text: impl std::fmt::Display) -> String {
        match self {
            Kind::Error => styles.error(text),
            Kind::Warning => styles.warning(text),
        }
    }
}

/// Prints `path`'s line `line` with a caret under column `col`, when the file can be read and the
/// line holds something.
fn source_excerpt(
    path: &Path,
    line: usize,
    col: usize,
    kind: Kind,
    styles: &Styles,
    stderr: &mut dyn Write,
) {
    let Some(text) = crate::fs::read_text(path).ok().and_then(|t| {
        crate::error::source_lines(&t)
            .nth(line.saturating_sub(1))
            .filter(|l| !l.is_empty())
            .map(str::to_string)
    }) else {
        // Nothing to point at: no file, or an empty line (an empty file, a missing field).
        return;
    };
    let text = crate::error::printable(&text);
    // Generated pages have very long lines: show the part around the column.
    let chars: Vec<char> = text.chars().collect();
    let start = col.saturating_sub(1).saturating_sub(60);
    let shown: String = chars.iter().skip(start).take(120).collect();
    let gutter = line.to_string();
    let _ = writeln!(stderr, "  {} {shown}", styles.gutter(format!("{gutter} |")));
    let pad: String = shown
        .chars()
        .take(col.saturating_sub(1) - start)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(
        stderr,
        "  {} {pad}{}",
        styles.gutter(format!("{} |", " ".repeat(gutter.len()))),
        kind.paint(styles, "^")
    );
}

fn eject(root: &Path, name: &str, force: bool, ui: &Ui, stdout: &mut dyn Write) -> Result<()> {
    let ejected = crate::theme::eject::eject(root, name, force)?;
    if ui.quiet() {
        return Ok(());
    }
    for file in &ejected.files {
        let _ = writeln!(stdout, "wrote {}", file.display());
    }
    let _ = writeln!(
        stdout,
        "\nThe theme is in {}. Use it with this line in book.yaml:\n\ntheme: {name}\n{}",
        ejected.theme_dir.display(),
        if name == "default" {
            "\n(`default` is already the default, so book.yaml needs no change.)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Prints an error the way a person can act on it: `path:line:col: message`, the source line
/// with a caret when the file can be read, and the hint. Plain text: `folio serve` also shows
/// it in the page.
pub fn report(error: &Error, stderr: &mut dyn Write) {
    report_with(error, &Styles::PLAIN, stderr);
}

/// [`report`], painted with `styles`. Several errors are numbered and counted.
pub fn report_with(error: &Error, styles: &Styles, stderr: &mut dyn Write) {
    let errors: Vec<&Error> = match error {
        Error::Many(v) => v.iter().collect(),
        Error::Reported => return,
        e => vec![e],
    };
    let numbered = errors.len() > 1;
    for (i, e) in errors.iter().enumerate() {
        let prefix = if numbered {
            format!("error[{}/{}]", i + 1, errors.len())
        } else {
            "error".to_string()
        };
        let _ = writeln!(
            stderr,
            "{}: {}",
            styles.error(prefix),
            crate::error::printable(&e.to_string())
        );
        if let Error::At { location, hint, .. } = e {
            source_excerpt(
                &location.path,
                location.line,
                location.col,
                Kind::Error,
                styles,
                stderr,
            );
            if let Some(h) = hint {
                let _ = writeln!(
                    stderr,
                    "  {} {}",
                    styles.hint("hint:"),
                    crate::error::printable(h)
                );
            }
        }
    }
    if numbered {
        let _ = writeln!(
            stderr,
            "{}",
            styles.strong(format!("{} problems found", errors.len()))
        );
    }
}
