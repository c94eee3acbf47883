mod build;
mod import;
mod invalid;
mod support;
mod theme;
