//! folio turns a folder of scraped news articles — raw scrapes or Markdown, many of them
//! machine-translated, all with reader comment threads — into a static HTML archive and an EPUB.
//!
//! The pipeline, one module per stage, each using only the stages to its left:
//! `config` → `model` → `load`/`import` → `normalize` → `markdown` → `theme` → `backend`,
//! driven by `build` and the `cli`.

pub mod backend;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod curate;
pub mod error;
pub mod fs;
pub mod import;
pub mod incremental;
pub mod json;
pub mod load;
pub mod markdown;
pub mod model;
pub mod normalize;
pub mod progress;
pub mod residue;
pub mod serve;
pub mod term;
pub mod theme;
pub mod yaml;

pub use error::{Error, Location, Result};
