//! folio turns a folder of scraped news articles — raw scrapes or Markdown, many of them
//! machine-translated, all with reader comment threads — into a static HTML archive and an EPUB.
//!
//! # Layers
//!
//! The modules below are declared in layer order, and that order is the rule: a module uses
//! only modules declared above it (`tests/suite/layers.rs` reads this file and fails on any
//! `crate::` path that points down the list; `rustfmt.toml` keeps the order as written). Shared
//! constants and types live in the leaves at the top; values travel down the pipeline in
//! context structs and are never read back up.
//!
//! - **Leaves**, which know nothing of folio's other modules: errors, terminal styling, JSON
//!   and YAML readers, HTML character references, file helpers, media types, progress,
//!   incremental keys and the output marker.
//! - **The book**: `model` (articles, comments, edits' targets), then `config` (`book.yaml`,
//!   every configuration struct).
//! - **Reading**: `markdown` (pulldown-cmark in one place), `residue` (site junk in scrapes),
//!   `import` (raw scrapes, saved pages and comment exports → the model), `normalize`
//!   (machine-translation repairs with an edit log), `load` (walk `content/`, front matter,
//!   order), `cache` (loaded, normalized articles kept between builds), `curate` (write an article back), `archive` (a folder of scrapes imported at
//!   once).
//! - **Writing**: `theme` (templates and views), `backend` (HTML site, EPUB).
//! - **Commands**: `output` (the output folder's lock, staging and atomic swap), `build`,
//!   `check`, `serve`, and the `cli` on top.

// What is not part of the library's interface says so: `pub(crate)` for helpers shared inside
// a module tree, so `pub` marks what tests, benches and the fuzz targets may use.
#![warn(unreachable_pub)]
// Leaves.
pub mod error;
pub mod term;
pub mod json;
pub mod yaml;
pub mod entity;
pub mod fs;
pub mod media;
pub mod progress;
pub mod incremental;
// The book.
pub mod model;
pub mod config;
// Reading.
pub mod markdown;
pub mod residue;
pub mod import;
pub mod normalize;
pub mod load;
pub mod cache;
pub mod curate;
pub mod archive;
// Writing.
pub mod theme;
pub mod backend;
// Commands.
pub mod output;
pub mod build;
pub mod check;
pub mod serve;
pub mod cli;

pub use error::{Error, Location, Result};
