//! Themes: the built-in `default` theme is embedded in the binary; a book's
//! `themes/<name>/templates/*` and `themes/<name>/static/*` override it one file at a time.
//! Templates receive the `*View` structs of [`views`], never the internal model, so the model
//! can change without breaking users' templates.

pub mod eject;
mod render;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::{Context, Tera};

use crate::config::Config;
use crate::error::{Error, Result};

/// Prefix under which the built-in templates are registered. A user template with the plain
/// name wins; tera falls back to this prefix when there is none, and a user template can still
/// extend the original as `builtin/<name>`.
const BUILTIN_PREFIX: &str = "builtin/";

/// The default theme's files, compiled in so a book without a `themes/` folder builds.
const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "head.html",
        include_str!("../themes/default/templates/head.html"),
    ),
    (
        "header.html",
        include_str!("../themes/default/templates/header.html"),
    ),
    (
        "footer.html",
        include_str!("../themes/default/templates/footer.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "article.html",
        include_str!("../themes/default/templates/article.html"),
    ),
    (
        "comment.html",
        include_str!("../themes/default/templates/comment.html"),
    ),
    (
        "article-list.html",
        include_str!("../themes/default/templates/article-list.html"),
    ),
    (
        "pager.html",
        include_str!("../themes/default/templates/pager.html"),
    ),
    (
        "archive.html",
        include_str!("../themes/default/templates/archive.html"),
    ),
    (
        "archive-period.html",
        include_str!("../themes/default/templates/archive-period.html"),
    ),
    (
        "tags.html",
        include_str!("../themes/default/templates/tags.html"),
    ),
    (
        "tag.html",
        include_str!("../themes/default/templates/tag.html"),
    ),
    (
        "search.html",
        include_str!("../themes/default/templates/search.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "redirect.html",
        include_str!("../themes/default/templates/redirect.html"),
    ),
];

const BUILTIN_STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../themes/default/static/style.css"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../themes/default/static/favicon.svg"),
    ),
];

/// The EPUB's templates (registered as `epub/<name>`) and its stylesheet, kept apart from the
/// site's because chapters are XHTML read by e-readers, not HTML read by browsers.
const BUILTIN_EPUB_TEMPLATES: &[(&str, &str)] = &[
    (
        "chapter.xhtml",
        include_str!("../themes/default/epub/chapter.xhtml"),
    ),
    (
        "comment.xhtml",
        include_str!("../themes/default/epub/comment.xhtml"),
    ),
    (
        "title.xhtml",
        include_str!("../themes/default/epub/title.xhtml"),
    ),
    (
        "cover.xhtml",
        include_str!("../themes/default/epub/cover.xhtml"),
    ),
    (
        "colophon.xhtml",
        include_str!("../themes/default/epub/colophon.xhtml"),
    ),
    (
        "cover.svg",
        include_str!("../themes/default/epub/cover.svg"),
    ),
];

const BUILTIN_EPUB_STYLE: &[u8] = include_bytes!("../themes/default/epub/style.css");

/// The EPUB stylesheet's name in a theme's `epub/` folder.
const EPUB_STYLE: &str = "style.css";

/// A loaded theme: compiled templates and the static files to copy into the output.
pub struct Theme {
    renderer: render::Renderer,
    /// The templates the book's theme folder provides, as tera names them, for messages
    /// about templates that do not end.
    overridden: Vec<String>,
    /// Components whose body calls themselves, directly or through others, with where they
    /// are defined: named when tera stops one at its recursion limit.
    recursive_components: Vec<String>,
    /// Output-relative path (under `static/`) → contents.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// The EPUB's stylesheet (`epub/style.css`).
    pub epub_style: Vec<u8>,
    /// A hash of every template, static file and stylesheet: part of every incremental-build
    /// key, so any change to the theme re-renders everything.
    pub fingerprint: crate::incremental::Key,
}

impl Theme {
    /// Loads the built-in theme and applies the overrides found in
    /// `<root>/themes/<config.theme>/`.
    pub fn load(config: &Config) -> Result<Theme> {
        let mut tera = Tera::default();
        // XHTML chapters and the SVG cover need escaping as much as HTML pages do.
        tera.autoescape_on([".html", ".htm", ".xml", ".xhtml", ".svg"]);
        tera.set_escape_fn(escape_markup);
        tera.set_fallback_prefixes([BUILTIN_PREFIX])
            .map_err(|e| template_error("theme setup", &e))?;
        let theme_dir = config.root.join("themes").join(&config.theme);
        let overrides = collect_files(&config.root, &theme_dir.join("templates"))?;
        let epub_overrides = collect_files(&config.root, &theme_dir.join("epub"))?;
        if config.theme != "default" && !theme_dir.is_dir() {
            return Err(Error::Message(format!(
                "theme `{}` not found: expected a folder {}",
                config.theme,
                theme_dir.display()
            )));
        }

        let mut templates: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, body)| (format!("{BUILTIN_PREFIX}{name}"), (*body).to_string()))
            .collect();
        templates.extend(
            BUILTIN_EPUB_TEMPLATES
                .iter()
                .map(|(name, body)| (format!("{BUILTIN_PREFIX}epub/{name}"), (*body).to_string())),
        );
        for (name, path) in &overrides {
            let body = crate::fs::read_text(path)?;
            templates.push((name.clone(), body));
        }
        let mut epub_style = BUILTIN_EPUB_STYLE.to_vec();
        for (name, path) in &epub_overrides {
            if name == EPUB_STYLE {
                epub_style = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            } else {
                let body = crate::fs::read_text(path)?;
                templates.push((format!("epub/{name}"), body));
            }
        }
        tera.add_raw_templates(templates.iter().map(|(n, b)| (n.as_str(), b.as_str())))
            .map_err(|e| template_error("loading templates", &e))?;
        let overridden: Vec<String> = templates
            .iter()
            .map(|(name, _)| name.clone())
            .filter(|name| !name.starts_with(BUILTIN_PREFIX))
            .collect();
        let recursive_components = recursive_components(
            templates
                .iter()
                .filter(|(name, _)| !name.starts_with(BUILTIN_PREFIX))
                .map(|(name, body)| (name.as_str(), body.as_str())),
        );

        let mut static_files: BTreeMap<String, Vec<u8>> = BUILTIN_STATIC
            .iter()
            .map(|(n, b)| ((*n).to_string(), b.to_vec()))
            .collect();
        for (name, path) in collect_files(&config.root, &theme_dir.join("static"))? {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            static_files.insert(name, bytes);
        }
        let mut fingerprint = crate::incremental::KeyHasher::new();
        for (name, body) in &templates {
            fingerprint.str(name).str(body);
        }
        for (name, bytes) in &static_files {
            fingerprint.str(name).bytes(bytes);
        }
        fingerprint.bytes(&epub_style);
        Ok(Theme {
            renderer: render::Renderer::new(tera, config.render),
            overridden,
            recursive_components,
            static_files,
            epub_style,
            fingerprint: fingerprint.finish(),
        })
    }

    /// Renders `template` with `context`; `what` names what was being rendered (an article's
    /// path, "the index") because template errors alone do not say. A render that outlasts
    /// `render.timeout` or outgrows `render.max_page_mb` is an error naming both.
    pub fn render(&self, template: &str, context: &Context, what: &str) -> Result<String> {
        let rendering = format!("rendering {template} for {what}");
        let limits = self.renderer.limits();
        let page = self
            .renderer
            .render(template, context)
            .map_err(|failure| match failure {
                render::Failure::Template(e) => {
                    let mut error = template_error(&rendering, &e);
                    if let Error::Template { message, .. } = &mut error
                        && message.contains("recursion depth for components")
                        && !self.recursive_components.is_empty()
                    {
                        message.push_str(&format!(
                            " (components that call themselves: {}; each call must bring the recursion closer to an end)",
                            self.recursive_components.join(", ")
                        ));
                    }
                    error
                }
                render::Failure::TimedOut => Error::Template {
                    context: rendering.clone(),
                    message: format!(
                        "still running after {} s (`render.timeout` in book.yaml): a loop or recursion in the templates that does not end?{}",
                        limits.timeout.as_secs_f64(),
                        self.suspects()
                    ),
                },
                render::Failure::TooLarge => Error::Template {
                    context: rendering.clone(),
                    message: format!(
                        "the page grew past {} MB (`render.max_page_mb` in book.yaml): a loop in the templates that does not end?{}",
                        limits.max_page_bytes >> 20,
                        self.suspects()
                    ),
                },
                render::Failure::Thread(why) => Error::Template {
                    context: rendering.clone(),
                    message: why,
                },
            })?;
        String::from_utf8(page).map_err(|e| Error::Template {
            context: rendering,
            message: format!("the template wrote bytes that are not UTF-8: {e}"),
        })
    }

    /// The theme folder's own templates: the built-in ones are known to end.
    fn suspects(&self) -> String {
        if self.overridden.is_empty() {
            String::new()
        } else {
            format!(
                " The theme folder provides: {}.",
                self.overridden.join(", ")
            )
        }
    }
}

/// Components that can call themselves (directly or through other components), as
/// "`name` (template, line N)". A static look at `{% component name(…) %}` bodies and the
/// `<name …>` calls in them; used to name the culprit when tera's recursion limit is hit.
fn recursive_components<'a>(templates: impl Iterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    // (name, template, line, body)
    let mut defined: Vec<(String, String, usize, &str)> = Vec::new();
    for (template, source) in templates {
        let mut at = 0;
        while let Some(open) = source[at..].find("{%").map(|i| at + i) {
            let Some(close) = source[open..].find("%}").map(|i| open + i) else {
                break;
            };
            at = close + 2;
            let tag = source[open + 2..close].trim_matches(|c: char| c == '-' || c.is_whitespace());
            let Some(signature) = tag.strip_prefix("component ") else {
                continue;
            };
            let name: String = signature
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            let body_end = source[at..]
                .find("endcomponent")
                .map_or(source.len(), |i| at + i);
            if !name.is_empty() {
                let line = source[..open].matches('\n').count() + 1;
                defined.push((name, template.to_string(), line, &source[at..body_end]));
            }
            at = body_end;
        }
    }
    let calls = |body: &str, name: &str| {
        body.match_indices(&format!("<{name}")).any(|(i, m)| {
            body[i + m.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_whitespace() || c == '/' || c == '>')
        })
    };
    let mut out = Vec::new();
    for (start, (name, template, line, _)) in defined.iter().enumerate() {
        // Reachable from `start` through calls: does it come back to `start`?
        let mut seen = vec![false; defined.len()];
        let mut stack = vec![start];
        let mut recursive = false;
        while let Some(i) = stack.pop() {
            for (j, (callee, ..)) in defined.iter().enumerate() {
                if calls(defined[i].3, callee) {
                    if j == start {
                        recursive = true;
                    }
                    if !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
        }
        if recursive {
            out.push(format!("`{name}` ({template}, line {line})"));
        }
    }
    out
}

/// Tera's HTML escaping, minus the characters XML forbids, so a stray control character in a
/// title or an author's name cannot break an EPUB chapter or a page.
fn escape_markup(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut escaped = String::with_capacity(input.len() + 8);
    crate::markdown::escape_with(input, &mut escaped, Some("&#39;"));
    out.write_all(escaped.as_bytes())
}

/// The built-in theme's files as (path relative to the theme folder, contents), for
/// `folio theme eject`.
pub fn builtin_files() -> Vec<(PathBuf, Vec<u8>)> {
    BUILTIN_TEMPLATES
        .iter()
        .map(|(n, b)| (Path::new("templates").join(n), b.as_bytes().to_vec()))
        .chain(
            BUILTIN_STATIC
                .iter()
                .map(|(n, b)| (Path::new("static").join(n), b.to_vec())),
        )
        .chain(
            BUILTIN_EPUB_TEMPLATES
                .iter()
                .map(|(n, b)| (Path::new("epub").join(n), b.as_bytes().to_vec())),
        )
        .chain(std::iter::once((
            Path::new("epub").join(EPUB_STYLE),
            BUILTIN_EPUB_STYLE.to_vec(),
        )))
        .collect()
}

/// Files under `dir` (recursively; hidden ones skipped), as (`/`-separated relative name,
/// path), sorted. Symbolic links must stay inside the book at `root`.
fn collect_files(root: &Path, dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    Ok(crate::fs::files_under(root, dir)?
        .into_iter()
        .filter_map(|path| {
            let name = path
                .strip_prefix(dir)
                .ok()?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            Some((name, path))
        })
        .collect())
}

/// Tera's errors carry the template file, line and column in their source chain; keep all of
/// it in one message.
fn template_error(context: &str, e: &tera::Error) -> Error {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    Error::Template {
        context: context.to_string(),
        message: message.replace(BUILTIN_PREFIX, "default theme: "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_that_call_themselves_are_found() {
        let footer = "x\n{%- component ping(n) %}{{ <pong n={n} /> }}{% endcomponent ping %}\n{% component pong(n) %}{{<ping n={n}/>}}{% endcomponent %}";
        let header = "{% component self(n) %}{% if n > 0 %}{{ <self n={n - 1} /> }}{% endif %}{% endcomponent self %}\n{% component leaf() %}{{ <leafy /> }}<b>x</b>{% endcomponent leaf %}\n{% component leafy() %}y{% endcomponent leafy %}";
        let found =
            recursive_components([("footer.html", footer), ("header.html", header)].into_iter());
        assert_eq!(
            found,
            [
                "`ping` (footer.html, line 2)",
                "`pong` (footer.html, line 3)",
                "`self` (header.html, line 1)"
            ]
        );
    }
}
