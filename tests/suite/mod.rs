mod build;
mod import;
mod invalid;
mod normalize;
mod site;
mod support;
mod theme;
