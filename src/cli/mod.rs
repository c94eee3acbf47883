//! The command line: argument definitions (clap derive) here, and one file per subcommand
//! beside this one. Each returns a [`Result`]; `main` prints errors (through [`report`]) and
//! chooses the exit code.
//!
//! This layer parses arguments and prints; it never holds logic a library user would need
//! (that lives in `build`, `check`, `load`, `normalize`, …), so every command stays callable
//! without a terminal.

mod build;
mod check;
mod explain;
mod import;
mod init;
pub mod normalize;
mod report;
mod theme;

pub use report::{report, report_with};

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::build::BuildOptions;
use crate::error::Result;
use crate::progress::Progress;
use crate::term::{ColorWhen, Ui};

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
        /// Also build the articles marked `draft: true`, which are left out by default.
        #[arg(long)]
        drafts: bool,
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
        /// Also check the articles marked `draft: true` as `build --drafts` builds them; by
        /// default each is loaded, then left out with a note.
        #[arg(long)]
        drafts: bool,
    },
    /// Clean machine-translated text: restore apostrophes, decode stray escapes and mojibake,
    /// apply the glossary, fix spacing and typography, drop site residue.
    ///
    /// Prints the clean text (default), a diff with the rule id of every change (--diff), or
    /// the edit log as JSON (--json). Files are only rewritten with --write.
    Normalize(normalize::NormalizeArgs),
    /// Parse raw scraped articles, saved web pages or comment exports and show what folio
    /// understood, or save them as Markdown.
    ///
    /// A .txt file is a raw scrape, an .html or .htm file a saved page; an .xml or .wxr file is
    /// a WordPress export (WXR) or a Disqus export; a folder is walked (recursively, hidden
    /// files skipped) for scrapes and pages. Without options, prints a short outline of each
    /// scrape and a summary table of each export (articles or threads, comments kept, spam,
    /// trash, unapproved, deleted and pingbacks dropped, threads that match no article of the
    /// book). With --json, prints the parsed structure as JSON: an export or a folder gives an
    /// array. With --explain, prints what every line of a scrape (or every part of a page)
    /// became and why. With --out DIR, writes DIR/<slug>.md for each scrape, page and
    /// WordPress post (a folder's files at DIR/<their folder>/<slug>.md, with a summary
    /// table); a Disqus export's comments are written into the front matter of the Markdown
    /// articles in DIR their threads match (with --force). Existing files are never changed
    /// unless you pass --force.
    Import {
        /// Raw scrape files (.txt), saved web pages (.html, .htm), folders of them, WordPress
        /// exports (.xml, .wxr) or Disqus exports (.xml).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the parsed articles as JSON (an object for one scrape; an array for several
        /// files, a folder or an export).
        #[arg(long, conflicts_with = "out")]
        json: bool,
        /// Print what each line of a scrape became (title, paragraph, caption, list item,
        /// reference, comment, metadata, dropped) and why; for a saved page, its metadata with
        /// where each field came from, then each block kept and each part left out, by line.
        #[arg(long, conflicts_with_all = ["out", "json"])]
        explain: bool,
        /// Write a curated Markdown file per article into this folder (e.g. content/).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// With --out: replace files that already exist, and let a Disqus export's comments be
        /// written into existing articles.
        #[arg(long, requires = "out")]
        force: bool,
        /// WordPress exports: also import pages, drafts (pending, scheduled and private posts
        /// too) or attachments, which are not articles by default. Comma-separated.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "WHAT")]
        include: Vec<IncludeWhat>,
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
        /// Also build the articles marked `draft: true`, to preview them.
        #[arg(long)]
        drafts: bool,
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

/// What `folio import --include` adds to a WordPress export's published posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IncludeWhat {
    Pages,
    Drafts,
    Attachments,
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
    // Ctrl-C, SIGTERM and SIGHUP remove staging and scratch folders before the process ends.
    crate::output::install_interrupt_cleanup();
    // What a command prints as its result goes to stdout, coloured only when that is a
    // terminal (by the same rules as stderr's messages).
    let stdout_styles = {
        use std::io::IsTerminal;
        Ui::resolve(
            false,
            false,
            cli.color,
            |name| std::env::var(name).ok(),
            std::io::stdout().is_terminal(),
        )
        .styles
    };
    match cli.command {
        Command::Build {
            root,
            out,
            review,
            clean,
            drafts,
        } => build::build(
            &root,
            BuildOptions {
                out,
                review,
                clean,
                drafts,
                progress: Progress::new(ui.progress_bar, ui.verbose()),
            },
            ui,
            stderr,
        ),
        Command::Check {
            root,
            strict,
            format,
            drafts,
        } => check::check(&root, strict, format, drafts, ui, stdout, stderr),
        Command::Normalize(args) => {
            let mut note = |n: String| {
                if ui.verbose() {
                    let _ = writeln!(stderr, "{} {n}", ui.styles.hint("note:"));
                }
            };
            normalize::run_with(&args, &mut std::io::stdin().lock(), stdout, &mut note)
        }
        Command::Import {
            files,
            json,
            explain,
            out,
            force,
            include,
        } => import::import(
            &import::ImportArgs {
                files: &files,
                json,
                out: out.as_deref(),
                force,
                explain,
                stdout_styles,
                include: crate::import::export::Include {
                    pages: include.contains(&IncludeWhat::Pages),
                    drafts: include.contains(&IncludeWhat::Drafts),
                    attachments: include.contains(&IncludeWhat::Attachments),
                },
            },
            ui,
            stdout,
            stderr,
        ),
        Command::Init { dir } => init::init(&dir, ui, stderr),
        Command::Theme {
            command: ThemeCommand::Eject { name, root, force },
        } => theme::eject(&root, &name, force, ui, stdout),
        Command::Serve {
            root,
            out,
            port,
            open,
            drafts,
        } => crate::serve::serve(
            &crate::serve::ServeOptions {
                root,
                out,
                port,
                open,
                drafts,
                quiet: ui.quiet(),
            },
            report,
        ),
    }
}

/// With `--verbose`: the notes the stages kept, then how long each stage took. Always clears
/// the progress bar.
pub(super) fn print_progress(progress: &Progress, ui: &Ui, stderr: &mut dyn Write) {
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
