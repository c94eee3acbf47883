//! Backends turn the loaded, normalized book into files. Each backend writes only inside the
//! staging folder it is given; [`crate::build`] swaps that folder in when every backend has
//! succeeded, so a failed build never leaves half an output behind.

pub mod epub;
pub mod volumes;
pub mod html;

use std::path::Path;

use crate::config::Config;
use crate::error::Result;
use crate::model::Article;
use crate::theme::Theme;

/// What every backend reads. Shared immutably: backends never mutate the book.
pub struct RenderContext<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    /// The normalizer's edit log of each article (same index).
    pub edits: &'a [crate::normalize::EditLog],
    /// The hash of each article's source text (same index), for incremental builds.
    pub sources: &'a [crate::incremental::Key],
    pub theme: &'a Theme,
    /// What of the previous output may be reused, and the keys of what this build writes.
    pub incremental: &'a crate::incremental::Incremental,
    /// Backends call `inc()` once per article written.
    pub progress: &'a crate::progress::Progress,
    /// The time of this build, in seconds since 1970-01-01 UTC, when `SOURCE_DATE_EPOCH` gives
    /// one. Read once by [`crate::build`] and passed down: no backend reads the environment or
    /// the clock.
    pub source_date_epoch: Option<i64>,
    /// Where the search index keeps each article's terms between builds of this output, when
    /// the article cache is on disk (see [`html::search`]).
    pub search_cache: Option<&'a Path>,
}

/// An output format.
pub trait Backend {
    /// The name used in `outputs:` in book.yaml.
    fn name(&self) -> &'static str;
    /// Writes this backend's files into `out`, which exists and is empty of its files.
    fn write(&self, ctx: &RenderContext<'_>, out: &Path) -> Result<()>;
}
