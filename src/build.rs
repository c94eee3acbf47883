//! `folio build`: config → articles (unchanged ones from the article cache, [`crate::cache`])
//! → theme → every configured backend, rendered into a staging folder beside the output and
//! swapped in only when everything succeeded — or, over a previous output made the same way,
//! rendered aside and moved in file by file once everything succeeded (see
//! [`crate::incremental`]). A failed build leaves the previous output exactly as it was; a
//! folder folio did not make is never replaced.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::backend::epub::EpubBackend;
use crate::backend::html::HtmlBackend;
use crate::backend::{Backend, RenderContext};
use crate::config::{Config, Output};
use crate::error::{Error, Location, Result};
use crate::incremental::OUTPUT_MARKER;
use crate::model::Article;
use crate::normalize::{EditLog, Normalizer};
use crate::output::OutputLock;
use crate::progress::Progress;
use crate::theme::Theme;

/// `SOURCE_DATE_EPOCH` (seconds since 1970-01-01 UTC), the reproducible-builds convention for
/// "the time of this build", if set. Every output that needs a time (the feed's `updated`, the
/// EPUB's `dcterms:modified` and zip entries) reads it here and nowhere reads the clock. An
/// unusable value is an error rather than silently ignored, because tooling relies on it.
pub fn source_date_epoch() -> Result<Option<i64>> {
    let Some(raw) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = raw.to_string_lossy();
    text.trim().parse().map(Some).map_err(|_| {
        Error::Message(format!(
            "SOURCE_DATE_EPOCH is `{text}`; it must be a whole number of seconds since 1970-01-01 UTC"
        ))
    })
}

/// Options of one build, from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Write here instead of the configured `output_dir`.
    pub out: Option<PathBuf>,
    /// Render the review view whatever book.yaml says.
    pub review: bool,
    /// Render every file again instead of reusing what the previous output has unchanged.
    pub clean: bool,
    /// Build the articles marked `draft: true` too; without it they are left out.
    pub drafts: bool,
    /// Where the stages report their progress (hidden unless the command line shows it).
    pub progress: Progress,
}

/// What a build did, for the closing summary line.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub articles: usize,
    pub comments: usize,
    pub output_dir: PathBuf,
    pub outputs: Vec<&'static str>,
    pub seconds: f64,
    /// Normalizer edits, and how many articles they touched.
    pub edits: usize,
    pub edited_articles: usize,
    /// Files taken unchanged from the previous output instead of rendered.
    pub reused: usize,
    /// Articles marked `draft: true` that were left out (none with `--drafts`).
    pub drafts: usize,
    /// What went wrong after the new output was in place (an old output that could not be
    /// removed), for the command to print.
    pub warnings: Vec<String>,
    /// Nothing changed since the build that wrote the output: nothing was built.
    pub up_to_date: bool,
}

impl BuildSummary {
    /// "114 edits in 1 article; --diff to review".
    pub fn normalize_line(&self) -> String {
        format!(
            "{} edit{} in {} article{}; run `folio normalize FILE --diff` or `folio build --review` to review",
            self.edits,
            if self.edits == 1 { "" } else { "s" },
            self.edited_articles,
            if self.edited_articles == 1 { "" } else { "s" },
        )
    }
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} article{}, {} comment{} → {} ({}) in {:.2} s",
            if self.up_to_date {
                "Up to date:"
            } else {
                "Built"
            },
            self.articles,
            if self.articles == 1 { "" } else { "s" },
            self.comments,
            if self.comments == 1 { "" } else { "s" },
            self.output_dir
                .strip_prefix(".")
                .unwrap_or(&self.output_dir)
                .display(),
            self.outputs.join(", "),
            self.seconds
        )?;
        match self.drafts {
            0 => Ok(()),
            n => write!(
                f,
                "; {n} draft{} left out (--drafts builds {})",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            ),
        }
    }
}

/// A loaded book: validated config, ordered articles and, once normalized, each article's
/// edit log (same index as the article).
pub struct Book {
    pub config: Config,
    pub articles: Vec<Article>,
    pub settings: Vec<crate::load::ArticleSettings>,
    pub edits: Vec<EditLog>,
    /// The hash of each article's source text (same index).
    pub sources: Vec<crate::incremental::Key>,
    /// The book-wide glossary the normalizer used (articles merge their own into it).
    pub glossary: crate::normalize::Glossary,
    /// Where loading, normalizing and rendering report their progress.
    pub progress: Progress,
    /// Threads of the book's comment exports that matched no article.
    pub unmatched: Vec<crate::load::Unmatched>,
    /// The articles marked `draft: true` that were left out, in book order (none when drafts
    /// are built).
    pub drafts: Vec<Article>,
    /// Per article (same index): its edit log when it came normalized from the article cache,
    /// until [`Book::normalize`] takes it.
    pub normalized: Vec<Option<EditLog>>,
    /// Per article: the key of the export threads attached to it (see
    /// [`crate::load::attach_exports`]), which the article cache records.
    pub exports: Vec<crate::incremental::Key>,
    /// Where the search index keeps each article's terms between builds of this output (see
    /// [`crate::backend::html::search`]); `None` renders it from every article.
    pub search_cache: Option<PathBuf>,
}

impl Book {
    /// Loads `book.yaml` and every article under the content folder but drafts.
    pub fn load(root: &Path) -> Result<Book> {
        Book::load_with(root, Progress::hidden(), false)
    }

    /// [`Book::load`], with the stages of this book reporting to `progress`, and with the
    /// articles marked `draft: true` when `drafts` is set. Drafts are loaded and checked like
    /// every article either way (a broken draft is an error, its export thread is matched,
    /// `order:` may name it); left out, they are kept in [`Book::drafts`].
    pub fn load_with(root: &Path, progress: Progress, drafts: bool) -> Result<Book> {
        Book::load_from(Config::load(root)?, progress, drafts)
    }

    /// [`Book::load_with`] for a configuration already read.
    pub fn load_from(config: Config, progress: Progress, drafts: bool) -> Result<Book> {
        let mut loaded = crate::load::load_articles_with(&config, &progress)?;
        let unmatched = crate::load::attach_exports(&config, &mut loaded, &progress)?;
        Ok(Book::assemble(config, progress, drafts, loaded, unmatched))
    }

    /// [`Book::load_from`], taking every unchanged article from the article cache, already
    /// normalized (see [`crate::cache`]).
    pub fn load_cached(
        config: Config,
        progress: Progress,
        drafts: bool,
        cache: &crate::cache::Session<'_>,
    ) -> Result<Book> {
        let mut loaded = crate::load::load_articles_using(&config, &progress, |file, shown| {
            cache.load(&config, file, shown)
        })?;
        let unmatched =
            crate::load::attach_exports_reloading(&config, &mut loaded, &progress, |article| {
                cache.reload(&config, article)
            })?;
        Ok(Book::assemble(config, progress, drafts, loaded, unmatched))
    }

    fn assemble(
        config: Config,
        progress: Progress,
        drafts: bool,
        loaded: Vec<crate::load::Loaded>,
        unmatched: Vec<crate::load::Unmatched>,
    ) -> Book {
        let mut book = Book {
            config,
            articles: Vec::with_capacity(loaded.len()),
            settings: Vec::with_capacity(loaded.len()),
            sources: Vec::with_capacity(loaded.len()),
            edits: Vec::new(),
            glossary: Default::default(),
            progress,
            unmatched,
            drafts: Vec::new(),
            normalized: Vec::with_capacity(loaded.len()),
            exports: Vec::with_capacity(loaded.len()),
            search_cache: None,
        };
        for l in loaded {
            if l.article.draft && !drafts {
                book.progress
                    .note(|| format!("left out the draft {}", l.article.path.display()));
                book.drafts.push(l.article);
                continue;
            }
            book.articles.push(l.article);
            book.settings.push(l.settings);
            book.sources.push(l.source_key);
            book.normalized.push(l.edits);
            book.exports.push(l.exports);
        }
        book
    }

    /// Runs the normalizer over every article, once, and keeps each edit log.
    pub fn normalize(&mut self) -> Result<()> {
        let normalizer = Normalizer::new(
            &self.config.normalize,
            &self.config.root,
            &self.config.language,
        )?;
        self.normalize_with(&normalizer);
        Ok(())
    }

    /// [`Book::normalize`] with the book's normalizer already made. An article that came
    /// normalized from the article cache keeps its edit log; it is not normalized twice.
    pub fn normalize_with(&mut self, normalizer: &Normalizer) {
        let progress = &self.progress;
        progress.stage("normalize", self.articles.len());
        self.glossary = normalizer.glossary().clone();
        let mut normalized = std::mem::take(&mut self.normalized);
        normalized.resize_with(self.articles.len(), || None);
        use rayon::prelude::*;
        self.edits = self
            .articles
            .par_iter_mut()
            .zip(&self.settings)
            .zip(normalized)
            .map(|((article, s), done)| {
                if let Some(log) = done {
                    progress.inc();
                    return log;
                }
                let log = normalizer.normalize_article_keeping(
                    article,
                    s.normalize.as_ref(),
                    s.glossary.as_ref(),
                    &s.kept_lines,
                );
                progress.inc();
                article.shrink_to_fit();
                log.without_diff_texts()
            })
            .collect();
        for (article, log) in self.articles.iter().zip(&self.edits) {
            progress.note(|| format!("normalized {}: {}", article.path.display(), log.summary()));
        }
    }
}

impl Book {
    /// The part of every incremental-build key that is the same for the whole book: the folio
    /// version, book.yaml as written (not the resolved paths, so the key — which the output's
    /// marker carries — is the same wherever the book is built), the review switch, the
    /// glossary the normalizer used and the theme.
    pub fn build_key(&self, theme: &Theme) -> Result<crate::incremental::Key> {
        let book_yaml = crate::fs::read_text(&self.config.config_path())?;
        let mut key = crate::incremental::KeyHasher::new();
        key.str(env!("CARGO_PKG_VERSION"))
            .str(&book_yaml)
            .str(if self.config.review { "review" } else { "" })
            .str(&format!("{:?}", self.glossary))
            .key(theme.fingerprint);
        Ok(key.finish())
    }

    /// Runs every configured backend into `dir` and returns their names. `folio build` gives it
    /// a staging folder; `folio check` a scratch folder it inspects and deletes. `incremental`
    /// says what may be taken from the previous output and records what this render wrote.
    pub fn render(
        &self,
        theme: &Theme,
        dir: &Path,
        incremental: &crate::incremental::Incremental,
    ) -> Result<Vec<&'static str>> {
        let ctx = RenderContext {
            config: &self.config,
            articles: &self.articles,
            edits: &self.edits,
            sources: &self.sources,
            theme,
            incremental,
            progress: &self.progress,
            source_date_epoch: source_date_epoch()?,
            search_cache: self.search_cache.as_deref(),
        };
        let mut names = Vec::new();
        for output in &self.config.outputs {
            let backend: Box<dyn Backend> = match output {
                Output::Html => Box::new(HtmlBackend),
                Output::Epub => Box::new(EpubBackend),
            };
            // Per-article books render every chapter a second time.
            let rounds = match output {
                Output::Epub if self.config.epub.per_article => 2,
                _ => 1,
            };
            self.progress
                .stage(backend.name(), rounds * self.articles.len());
            backend.write(&ctx, dir)?;
            names.push(backend.name());
        }
        Ok(names)
    }
}

/// Builds the book at `root`.
///
/// When the output was written by a build with the same inputs — book.yaml, the content,
/// the theme folder, the glossary, comment exports and cover by file metadata (see
/// [`crate::incremental::InputsKey`]), the same binary and options — and every file of it is
/// still as that build left it, nothing is read, rendered or written: the summary says the
/// output is up to date. `--clean` always builds.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildSummary> {
    build_with(root, options, &crate::cache::ArticleCache::open())
}

/// [`build`], with unchanged articles taken from `cache` (`folio serve` keeps one in memory
/// across its rebuilds).
pub fn build_with(
    root: &Path,
    options: &BuildOptions,
    cache: &crate::cache::ArticleCache,
) -> Result<BuildSummary> {
    let started = Instant::now();
    let mut config = Config::load(root)?;
    if let Some(out) = &options.out {
        config.output_dir = resolve_out(&config, out)?;
    }
    let output_dir = config.output_dir.clone();
    // Held until the new output is in place: a second build of this output waits its turn.
    let lock = OutputLock::acquire(&output_dir)?;
    let inputs = inputs_key(&config, options)?;
    if !options.clean
        && let Some(built) = crate::incremental::up_to_date(&output_dir, inputs)
    {
        return Ok(BuildSummary {
            articles: built.articles,
            comments: built.comments,
            output_dir,
            outputs: built
                .outputs
                .iter()
                .filter_map(|name| backend_name(name))
                .collect(),
            seconds: started.elapsed().as_secs_f64(),
            edits: built.edits,
            edited_articles: built.edited_articles,
            reused: 0,
            drafts: built.drafts,
            warnings: Vec::new(),
            up_to_date: true,
        });
    }
    let normalizer = Normalizer::new(&config.normalize, &config.root, &config.language)?;
    let session = cache.session(&config, normalizer.glossary());
    let mut book = Book::load_cached(config, options.progress.clone(), options.drafts, &session)?;
    let from_cache: Vec<bool> = book.normalized.iter().map(Option::is_some).collect();
    book.progress.note(|| {
        format!(
            "article cache: {} of {} articles unchanged, taken normalized",
            from_cache.iter().filter(|c| **c).count(),
            from_cache.len()
        )
    });
    book.normalize_with(&normalizer);
    drop(normalizer);
    store_in_cache(&book, &from_cache, &session);
    book.search_cache = session.side_file("search", &output_dir);
    session.finish();
    book.config.review |= options.review;
    book.progress.stage("theme", 0);
    let theme = Theme::load(&book.config)?;
    let build_key = book.build_key(&theme)?;
    let incremental = if options.clean {
        crate::incremental::Incremental::clean(build_key)
    } else {
        crate::incremental::Incremental::over(build_key, &output_dir)
    };
    let mut outputs = Vec::new();
    let mut warnings: Vec<String> = book
        .unmatched
        .iter()
        .map(|u| format!("{}: {}", u.location, u.message()))
        .collect();
    let comments = book.articles.iter().map(|a| a.comments.len()).sum();
    let edits = book.edits.iter().map(EditLog::len).sum();
    let edited_articles = book.edits.iter().filter(|e| !e.is_empty()).count();
    crate::incremental::forget_fresh(&output_dir);
    // With a previous output made the same way, only what changed is written, in place;
    // anything else is built whole in a staging folder and swapped in (see
    // [`crate::output`]).
    if incremental.can_update_in_place() {
        warnings.extend(lock.update(&incremental, |out| {
            outputs = book.render(&theme, out, &incremental)?;
            Ok(())
        })?);
    } else {
        warnings.extend(lock.replace(|staging| {
            outputs = book.render(&theme, staging, &incremental)?;
            incremental
                .marker(staging)
                .map_err(|e| Error::io(staging.join(OUTPUT_MARKER), e))
        })?);
    }
    // Unmatched comment threads and an old output left behind are warned about on every
    // build, so such a build is never taken as up to date.
    if warnings.is_empty() {
        crate::incremental::record_fresh(
            &output_dir,
            inputs,
            crate::incremental::Recorded {
                articles: book.articles.len(),
                comments,
                outputs: outputs.iter().map(|o| o.to_string()).collect(),
                edits,
                edited_articles,
                drafts: book.drafts.len(),
            },
        );
    }

    Ok(BuildSummary {
        articles: book.articles.len(),
        comments,
        output_dir,
        outputs,
        seconds: started.elapsed().as_secs_f64(),
        edits,
        edited_articles,
        reused: incremental.reused(),
        drafts: book.drafts.len(),
        warnings,
        up_to_date: false,
    })
}

/// Puts every article of `book` that did not come from the article cache into it, normalized.
fn store_in_cache(book: &Book, from_cache: &[bool], session: &crate::cache::Session<'_>) {
    use rayon::prelude::*;
    (0..book.articles.len())
        .into_par_iter()
        .filter(|&i| !from_cache.get(i).copied().unwrap_or(true))
        .for_each(|i| {
            session.store(crate::cache::EntryRef {
                article: &book.articles[i],
                edits: &book.edits[i],
                source_key: book.sources[i],
                exports: book.exports[i],
            })
        });
}

/// `--out` made absolute and checked like `output_dir` (it must not hold the book).
fn resolve_out(config: &Config, out: &Path) -> Result<PathBuf> {
    let out = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(out)
    };
    crate::config::check_output_dir(
        // Both are resolved there, links and `..` included.
        &config.root,
        &config.content_dir,
        &out,
        Location::new("--out", 1, 1),
    )
    .map_err(|e| match e {
        // A command-line value has no line and column to point at.
        Error::At { message, hint, .. } => Error::Message(format!(
            "--out {}: {message}{}",
            out.display(),
            hint.map(|h| format!("; {h}")).unwrap_or_default()
        )),
        other => other,
    })?;
    Ok(out)
}

/// A backend's name as [`Backend::name`] gives it, from the name a marker recorded.
fn backend_name(name: &str) -> Option<&'static str> {
    [HtmlBackend.name(), EpubBackend.name()]
        .into_iter()
        .find(|n| *n == name)
}

/// The state of everything a build of `config` reads, by file metadata: the binary, the
/// options and `SOURCE_DATE_EPOCH`, book.yaml, the content folder, the `themes` folder, a
/// glossary file, comment exports and the EPUB cover.
fn inputs_key(config: &Config, options: &BuildOptions) -> Result<crate::incremental::Key> {
    let mut key = crate::incremental::InputsKey::new();
    key.text(env!("CARGO_PKG_VERSION"));
    if let Ok(exe) = std::env::current_exe() {
        key.path(&exe);
    }
    key.text(if options.review { "review" } else { "" })
        .text(if options.drafts { "drafts" } else { "" })
        .text(&config.output_dir.to_string_lossy())
        .text(&format!("{:?}", source_date_epoch()?))
        .path(&config.config_path())
        .path(&config.content_dir)
        .path(&config.root.join("themes"));
    if let Some(crate::config::normalize::GlossarySource::Path(glossary)) =
        &config.normalize.glossary
    {
        key.path(&config.root.join(glossary));
    }
    for export in &config.comments_from {
        key.path(&export.path);
    }
    if let Some(cover) = &config.epub.cover {
        key.path(cover);
    }
    Ok(key.finish())
}
