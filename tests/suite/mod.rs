mod build;
mod import;
mod invalid;
mod normalize;
mod support;
mod theme;
