//! Comment exports attached at build time (`comments_from:` in book.yaml): every thread of each
//! export is matched to an article by URL — the article's `source.url`, or its own address
//! under `base_url` — and its comments are added to the article's: a thread for an article
//! without comments becomes its thread; one for an article that has comments is appended
//! after them, its top-level comments after the article's own. Several threads matching one
//! article (two exports, or a page Disqus knew under two addresses) are appended in the order
//! of the exports and of the threads in them.
//!
//! Threads with comments that match no article are returned, for the build to warn about and
//! `check` to list. Nothing here reads content files or writes anything; matching is by
//! [`crate::import::export::url_key`] only, never by title.

use std::collections::HashMap;

use crate::config::Config;
use crate::error::{Location, Result};
use crate::import::export::{ExportThread, Include, append_thread, read_export, url_key};
use crate::progress::Progress;

use super::Loaded;

/// A thread of an export that matched no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The thread's `<item>` or `<thread>` in the export.
    pub location: Location,
    pub title: String,
    pub url: Option<String>,
    pub comments: usize,
}

impl Unmatched {
    /// "exports/disqus.xml:57:3: the thread “Gone” (https://…) matches no article; its 3
    /// comments are not shown".
    pub fn message(&self) -> String {
        format!(
            "the thread “{}”{} matches no article; its {} comment{} {} not shown",
            self.title,
            self.url
                .as_deref()
                .map(|u| format!(" ({})", crate::error::printable(u)))
                .unwrap_or_default(),
            self.comments,
            if self.comments == 1 { "" } else { "s" },
            if self.comments == 1 { "is" } else { "are" },
        )
    }

    pub const HINT: &'static str = "a thread is attached to the article whose `source.url` (or address under `base_url`) is the thread's link, ignoring http/https, `www.`, a trailing slash, the query and the fragment";
}

/// Attaches the threads of every export in `config.comments_from` to `articles` (already
/// ordered), folding the comments into each changed article's source key so an incremental
/// build renders it again. An article that came normalized from the article cache keeps what
/// it has if the same threads were attached to it then, and is loaded again from its file
/// otherwise (comments are attached before normalizing). Returns the threads that matched
/// nothing.
pub fn attach_exports(
    config: &Config,
    articles: &mut [Loaded],
    progress: &Progress,
) -> Result<Vec<Unmatched>> {
    attach_exports_reloading(config, articles, progress, |article| {
        crate::load::reload(config, article)
    })
}

/// [`attach_exports`], with the articles that come normalized but need other threads loaded
/// again by `reload` (the article cache checks that the file still has the bytes it had).
pub fn attach_exports_reloading(
    config: &Config,
    articles: &mut [Loaded],
    progress: &Progress,
    reload: impl Fn(&crate::model::Article) -> Result<Loaded>,
) -> Result<Vec<Unmatched>> {
    if config.comments_from.is_empty() && articles.iter().all(|l| l.exports == 0) {
        return Ok(Vec::new());
    }
    // URL key → the first article (in book order) with that address.
    let mut by_url: HashMap<String, usize> = HashMap::new();
    for (i, l) in articles.iter().enumerate() {
        let a = &l.article;
        let own = config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}/", a.slug));
        for url in [a.source.url.clone(), own].into_iter().flatten() {
            if let Some(key) = url_key(&url) {
                by_url.entry(key).or_insert(i);
            }
        }
    }
    // Each article's threads, in the order of the exports and of the threads in them.
    let mut matched: Vec<Vec<(ExportThread, usize)>> =
        articles.iter().map(|_| Vec::new()).collect();
    let mut unmatched = Vec::new();
    for (n, file) in config.comments_from.iter().enumerate() {
        let export = read_export(&file.path, &file.shown, Include::default())?;
        for thread in export.threads {
            if thread.comments.is_empty() {
                continue;
            }
            let target = thread
                .url_keys()
                .iter()
                .find_map(|k| by_url.get(k).copied());
            match target {
                Some(i) => matched[i].push((thread, n)),
                None => unmatched.push(Unmatched {
                    location: Location::new(&file.shown, thread.line as usize, thread.col as usize),
                    title: thread.title,
                    url: thread.url.or(thread.identifier),
                    comments: thread.comments.len(),
                }),
            }
        }
    }
    for (loaded, threads) in articles.iter_mut().zip(matched) {
        let key = exports_key(&threads);
        if loaded.edits.is_some() {
            // Normalized already, from the article cache: with the same threads attached, it
            // is complete; with others, it is loaded again from its file to attach them.
            if loaded.exports == key {
                continue;
            }
            *loaded = reload(&loaded.article)?;
        }
        if threads.is_empty() {
            continue;
        }
        for (thread, n) in &threads {
            let added = append_thread(&mut loaded.article.comments, &thread.comments);
            progress.note(|| {
                format!(
                    "attached {added} comment{} from {} to {}",
                    if added == 1 { "" } else { "s" },
                    config.comments_from[*n].shown.display(),
                    loaded.article.path.display()
                )
            });
        }
        loaded.exports = key;
        loaded.source_key = thread_key(loaded.source_key, &loaded.article.comments);
        loaded.article.comments.comments.shrink_to_fit();
    }
    Ok(unmatched)
}

/// What identifies the export threads attached to one article: each thread as read.
fn exports_key(threads: &[(ExportThread, usize)]) -> crate::incremental::Key {
    if threads.is_empty() {
        return 0;
    }
    let mut h = crate::incremental::KeyHasher::new();
    for (thread, _) in threads {
        h.str(&format!("{:?}", thread.comments));
    }
    h.finish()
}

/// `key` combined with everything a page shows of `thread`.
fn thread_key(
    key: crate::incremental::Key,
    thread: &crate::model::Thread,
) -> crate::incremental::Key {
    let mut h = crate::incremental::KeyHasher::new();
    h.key(key).str("comments from exports");
    for v in thread.walk() {
        let c = v.comment;
        h.str(&c.id.0)
            .str(&v.depth.to_string())
            .str(&c.author)
            .str(if c.staff { "staff" } else { "" })
            .str(&c.date_time.map(|d| d.to_string()).unwrap_or_default())
            .str(&c.body)
            .str(&c.number.map(|n| n.to_string()).unwrap_or_default());
    }
    h.finish()
}
