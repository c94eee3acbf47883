//! `folio normalize`: runs the normalizer on raw article text from files or standard input and
//! prints the clean text, a diff with rule ids, or the edit log as JSON. Files are only changed
//! with `--write`, and then atomically (a temporary file in the same directory, renamed over the
//! original), keeping the file's layout so it stays importable.
//!
//! This module parses arguments and does the I/O; the cleaning itself is [`crate::normalize::Normalizer`].

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::normalize::{GlossarySource, NormalizeConfig, Normalizer, RuleId, render_diff};

/// Arguments of `folio normalize`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct NormalizeArgs {
    /// Raw article files (a title line, paragraphs separated by blank lines).
    pub files: Vec<PathBuf>,
    /// Read one raw article from standard input and write the clean text to standard output.
    #[arg(long)]
    pub stdin: bool,
    /// A glossary YAML file (`entries: [{term, variants}]`).
    #[arg(long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub rules: Vec<String>,
    /// Print a unified-style diff with the rule id of every change.
    #[arg(long, conflicts_with = "json")]
    pub diff: bool,
    /// Print the edit log as JSON.
    #[arg(long)]
    pub json: bool,
    /// Rewrite each FILE in place (atomically). Nothing is written without this flag.
    #[arg(long, conflicts_with = "stdin")]
    pub write: bool,
    /// Keep straight quotes, `--` and `...`; restored apostrophes are straight too.
    #[arg(long)]
    pub no_typography: bool,
    /// Language of the text (BCP 47), for quotes and spacing.
    #[arg(long, default_value = "en")]
    pub lang: String,
}

/// Runs the subcommand. Standard streams are parameters so tests can drive it.
pub fn run(args: &NormalizeArgs, stdin: &mut dyn Read, stdout: &mut dyn Write) -> Result<()> {
    run_with(args, stdin, stdout, &mut |_| {})
}

/// [`run`], telling `note` each input's edit counts (`--verbose`).
pub fn run_with(
    args: &NormalizeArgs,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    note: &mut dyn FnMut(String),
) -> Result<()> {
    let normalizer = build(args)?;
    if args.stdin != args.files.is_empty() {
        return Err(Error::Message(
            "folio normalize needs either FILE arguments or --stdin (not both)".to_string(),
        ));
    }
    let io_err = |e| Error::io("<stdout>", e);
    if args.stdin {
        let mut text = String::new();
        stdin
            .read_to_string(&mut text)
            .map_err(|e| Error::io("<stdin>", e))?;
        return emit(args, &normalizer, "<stdin>", &text, None, stdout, note).map_err(io_err);
    }
    let mut json = Vec::new();
    for path in &args.files {
        let text = crate::fs::read_text(path)?;
        let label = path.display().to_string();
        if path.extension().and_then(|e| e.to_str()) == Some("md") {
            markdown_file(args, &normalizer, path, &text, &mut json, stdout, note)?;
            continue;
        }
        // A scrape may carry front matter: it is kept byte for byte, and its `glossary:` and
        // `normalize:` apply as they do in a build.
        let fm = crate::load::split_front_matter(path, &text)?;
        let offset = text.len() - fm.body.len();
        let shift = fm.body_line as u32 - 1;
        let settings = crate::load::load_file(path, &text, &lang_of(args))?.settings;
        let article_normalizer;
        let normalizer = match article_config(&normalizer_config(args)?, &settings)? {
            Some(None) => {
                // `normalize: false`: the article stays verbatim.
                if !args.json && !args.diff && !args.write {
                    stdout.write_all(text.as_bytes()).map_err(io_err)?;
                }
                continue;
            }
            Some(Some(config)) => {
                article_normalizer = Normalizer::new(&config, Path::new("."), &lang_of(args))?;
                &article_normalizer
            }
            None => &normalizer,
        };
        let body = fm.body;
        let comments_from = first_comment_line(path, body);
        let (clean, mut log) = normalizer.normalize_raw_with_comments(body, comments_from);
        for e in &mut log.edits {
            e.line += shift;
        }
        for c in &mut log.changes {
            c.line += shift;
        }
        if args.write {
            let (edits, _) = normalizer.raw_file_edits(body, comments_from);
            if !edits.is_empty() {
                let mut out = String::with_capacity(text.len());
                out.push_str(&text[..offset]);
                let mut at = 0;
                for (range, replacement) in &edits {
                    if range.start < at {
                        continue;
                    }
                    out.push_str(&body[at..range.start]);
                    out.push_str(replacement);
                    at = range.end;
                }
                out.push_str(&body[at..]);
                crate::fs::write_atomic(path, out.as_bytes())?;
            }
        }
        let full = format!("{}{clean}", &text[..offset]);
        note(format!("{label}: {}", log.summary()));
        report(args, &label, &log, &full, &mut json, stdout).map_err(io_err)?;
    }
    if args.json && !args.stdin {
        let value = serde_json::Value::Array(json);
        let s = serde_json::to_string_pretty(&value)
            .map_err(|e| Error::Message(format!("cannot write JSON: {e}")))?;
        writeln!(stdout, "{s}").map_err(io_err)?;
    }
    Ok(())
}

/// Where the reader comments of a scrape file start, as the importer sees them. A file the
/// importer cannot read is treated as an article without comments.
fn first_comment_line(path: &Path, text: &str) -> Option<u32> {
    let scrape = crate::import::parse_scrape(path, text, 1).ok()?;
    // The section's heading and controls (`Comments (4)`) belong to it: the importer reads the
    // thread by them, so they are never dropped as the article's residue.
    let first = scrape.comments.comments.iter().map(|c| c.line).min()?;
    Some(scrape.comments_from.map_or(first, |from| from.min(first)))
}

/// The normalizer the flags ask for: default configuration, `--rules` as the only rules,
/// `--no-typography`, `--glossary` relative to the working directory.
fn build(args: &NormalizeArgs) -> Result<Normalizer> {
    Normalizer::new(&normalizer_config(args)?, Path::new("."), &lang_of(args))
}

/// The language the text is in: `--lang`, else the book's.
fn lang_of(args: &NormalizeArgs) -> String {
    if args.lang != "en" {
        return args.lang.clone();
    }
    Path::new(crate::config::CONFIG_FILE)
        .is_file()
        .then(|| crate::config::Config::load(Path::new(".")).ok())
        .flatten()
        .map_or_else(|| args.lang.clone(), |c| c.language)
}

/// A content file's own settings over `base`: `Some(None)` when the article is to stay
/// verbatim, `Some(config)` when it changes anything, `None` when `base` applies as is.
fn article_config(
    base: &NormalizeConfig,
    settings: &crate::load::ArticleSettings,
) -> Result<Option<Option<NormalizeConfig>>> {
    use crate::normalize::ArticleNormalize;
    if settings.normalize.is_none() && settings.glossary.is_none() {
        return Ok(None);
    }
    let mut config = base.clone();
    match &settings.normalize {
        Some(ArticleNormalize::Switch(false)) => return Ok(Some(None)),
        Some(ArticleNormalize::Options(o)) => {
            for (id, on) in &o.rules {
                config.rules.insert(id.clone(), *on);
            }
            if let Some(c) = &o.comments {
                config.comments = c.clone();
            }
        }
        _ => {}
    }
    if let Some(extra) = &settings.glossary {
        let book = match &config.glossary {
            Some(GlossarySource::Inline(g)) => g.clone(),
            Some(GlossarySource::Path(p)) => crate::normalize::Glossary::load(p)?,
            None => crate::normalize::Glossary::default(),
        };
        config.glossary = Some(GlossarySource::Inline(book.merged(extra)));
    }
    Ok(Some(Some(config)))
}

/// A Markdown content file goes through the same path as in a build: load, normalize the
/// article, and (for the clean text and `--write`) write it back as curated Markdown.
fn markdown_file(
    args: &NormalizeArgs,
    normalizer: &Normalizer,
    path: &Path,
    text: &str,
    json: &mut Vec<serde_json::Value>,
    stdout: &mut dyn Write,
    note: &mut dyn FnMut(String),
) -> Result<()> {
    let io_err = |e| Error::io("<stdout>", e);
    let label = path.display().to_string();
    let loaded = crate::load::load_file(path, text, &lang_of(args))?;
    let mut article = loaded.article;
    let log = normalizer.normalize_article_keeping(
        &mut article,
        loaded.settings.normalize.as_ref(),
        loaded.settings.glossary.as_ref(),
        &loaded.settings.kept_lines,
    );
    let clean = crate::curate::to_markdown(&article, &loaded.settings)?;
    if args.write && !log.is_empty() {
        crate::fs::write_atomic(path, clean.as_bytes())?;
    }
    note(format!("{label}: {}", log.summary()));
    report(args, &label, &log, &clean, json, stdout).map_err(io_err)
}

/// Prints one file's result as the flags ask: a diff, a JSON entry (collected), the summary
/// of what `--write` changed, or the clean text.
fn report(
    args: &NormalizeArgs,
    label: &str,
    log: &crate::normalize::EditLog,
    clean: &str,
    json: &mut Vec<serde_json::Value>,
    stdout: &mut dyn Write,
) -> std::io::Result<()> {
    if args.diff {
        stdout.write_all(render_diff(label, log).as_bytes())
    } else if args.json {
        json.push(serde_json::json!({ "file": label, "edits": log.edits }));
        Ok(())
    } else if args.write {
        writeln!(stdout, "{label}: {}", log.summary())
    } else {
        stdout.write_all(clean.as_bytes())
    }
}

/// The configuration the flags ask for, over the book's when run inside one.
fn normalizer_config(args: &NormalizeArgs) -> Result<NormalizeConfig> {
    // Inside a book, its `normalize:` settings (rules, glossary) apply, as they do in a build.
    let book = Path::new(crate::config::CONFIG_FILE)
        .is_file()
        .then(|| crate::config::Config::load(Path::new(".")))
        .transpose()?;
    let mut config = book.map_or_else(NormalizeConfig::default, |b| b.normalize);
    if !args.rules.is_empty() {
        let wanted =
            crate::normalize::RuleSet::parse_ids(args.rules.iter().map(String::as_str), "--rules")?;
        for r in RuleId::ALL {
            config.rules.insert(r.id().to_string(), wanted.contains(r));
        }
    }
    if args.no_typography {
        config
            .rules
            .insert(RuleId::Typography.id().to_string(), false);
    }
    if let Some(g) = &args.glossary {
        config.glossary = Some(GlossarySource::Path(g.clone()));
    }
    Ok(config)
}

/// Normalizes one raw text and prints it the way the flags ask (stdin mode).
fn emit(
    args: &NormalizeArgs,
    normalizer: &Normalizer,
    label: &str,
    text: &str,
    comments_from: Option<u32>,
    stdout: &mut dyn Write,
    note: &mut dyn FnMut(String),
) -> std::io::Result<()> {
    let (clean, log) = normalizer.normalize_raw_with_comments(text, comments_from);
    note(format!("{label}: {}", log.summary()));
    if args.diff {
        stdout.write_all(render_diff(label, &log).as_bytes())
    } else if args.json {
        let value = serde_json::json!({ "file": label, "edits": log.edits });
        let s = serde_json::to_string_pretty(&value).map_err(std::io::Error::other)?;
        writeln!(stdout, "{s}")
    } else {
        stdout.write_all(clean.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stdin_run(input: &str, extra: &[&str]) -> String {
        let mut argv = vec!["normalize", "--stdin"];
        argv.extend_from_slice(extra);
        let args = parse(&argv);
        let mut out = Vec::new();
        run(&args, &mut input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn parse(argv: &[&str]) -> NormalizeArgs {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Cli {
            #[command(flatten)]
            args: NormalizeArgs,
        }
        Cli::try_parse_from(argv).unwrap().args
    }

    #[test]
    fn stdin_prints_clean_text_only() {
        let rows = [
            (
                "Huaweis share of the worlds largest market cant grow.\n",
                &[][..],
                "Huawei’s share of the world’s largest market can’t grow.\n",
            ),
            (
                "Huaweis share of the worlds largest market cant grow.\n",
                &["--no-typography"][..],
                "Huawei's share of the world's largest market can't grow.\n",
            ),
            (
                "The bytes of memory in its own Windows build.\n",
                &[][..],
                "The bytes of memory in its own Windows build.\n",
            ),
            (
                "Title\n\n Title\n\n\n\nFirst  para\nline two\n\n\nSecond\n",
                &[][..],
                "Title\n\nFirst para\nline two\n\nSecond\n",
            ),
            ("", &[][..], ""),
            (
                "T\n\nwe dont\n",
                &["--rules", "spacing"][..],
                "T\n\nwe dont\n",
            ),
        ];
        for (input, flags, want) in rows {
            assert_eq!(stdin_run(input, flags), want, "{input:?} {flags:?}");
        }
    }

    #[test]
    fn diff_and_json_name_the_rules() {
        let diff = stdin_run("T\n\nwe dont go\n", &["--diff"]);
        assert!(
            diff.contains("@@ line 3 @@ missing-apostrophe\n-we dont go\n+we don’t go"),
            "{diff}"
        );
        let json = stdin_run("T\n\nwe dont go\n", &["--json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["edits"][0]["rule"], "missing-apostrophe");
        assert_eq!(v["edits"][0]["line"], 3);
        assert_eq!(v["edits"][0]["col"], 4);
    }

    #[test]
    fn unknown_rules_are_reported_with_a_suggestion() {
        let args = parse(&["normalize", "--stdin", "--rules", "spacng"]);
        let err = run(&args, &mut "".as_bytes(), &mut Vec::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean `spacing`?"), "{err}");
    }

    #[test]
    fn write_rewrites_in_place_and_keeps_layout() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        let original = "Title\n\n Title\n\nChinas growth and China  grew .\n\n  1. Avatar reader 25/05/2021 @ 5:07 pm\n\n    Im sure we  dont grow &amp; shrink\n";
        std::fs::write(&path, original).unwrap();
        let args = parse(&["normalize", "--no-typography", path.to_str().unwrap()]);
        let mut out = Vec::new();
        run(&args, &mut "".as_bytes(), &mut out).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            original,
            "no --write, no change"
        );

        let args = parse(&[
            "normalize",
            "--write",
            "--no-typography",
            path.to_str().unwrap(),
        ]);
        run(&args, &mut "".as_bytes(), &mut Vec::new()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "Title\n\n\nChina's growth and China grew.\n\n  1. Avatar reader 25/05/2021 @ 5:07 pm\n\n    Im sure we  dont grow & shrink\n"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left behind");
    }
}
