mod build;
mod import;
mod invalid;
mod normalize;
mod serve;
mod site;
mod support;
mod theme;
