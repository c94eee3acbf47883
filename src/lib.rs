//! folio turns a folder of scraped news articles — raw scrapes or Markdown, many of them
//! machine-translated, all with reader comment threads — into a static HTML archive and an EPUB.
//!
//! The pipeline, one module per stage, each using only the stages to its left:
//! `config` → `model` → `load`/`import` → `normalize` → `markdown` → `theme` → `backend`.

pub mod error;
pub mod model;
pub mod normalize;
pub mod yaml;

pub use error::{Error, Location, Result};
