mod build;
mod epub;
mod import;
mod invalid;
mod normalize;
mod support;
mod theme;
mod validators;
