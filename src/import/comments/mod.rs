//! The reader comments printed below a scraped article, one file per layout family:
//! `telecoms` reads telecoms.com's numbered, indented thread (layout A).
//!
//! This module never reads the article body, and never drops a line without recording it in
//! the importer's removed lines with a reason.

mod telecoms;

pub(super) use telecoms::{parse, parse_header};
