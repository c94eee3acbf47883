//! Redirect pages for the former addresses of articles (front matter `aliases:`, as Zola and
//! Hugo write them): each alias becomes a small page at that place in the site that sends the
//! reader on to the article — a `<meta http-equiv="refresh">`, a canonical link and a link to
//! follow by hand — rendered from the theme's `redirect.html`.
//!
//! An alias is read as Zola and Hugo read it: a path from the site root, with or without its
//! leading `/` (`2019/old-title/`, `/2019/old-title.html`), or a full URL under `base_url`. One
//! ending in `.html` or `.htm` is that file; any other is a folder whose `index.html` is
//! written. This module decides where each redirect goes and refuses, at the alias's place in
//! its article, one that would leave the site (`..`), land on a file or folder folio writes
//! (the index, an article's folder, `tags/`, `static/`, `archive/`, `page/`, the feed, the EPUB…) or repeat another
//! alias. It never writes into an article's folder, and never touches the EPUB.

use std::collections::BTreeMap;

use crate::config::{Config, Output};
use crate::error::{Error, Location, Result};
use crate::model::Article;

/// One redirect page to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Redirect {
    /// Output-relative, `/`-separated: `2019/old-title/index.html`.
    pub(super) file: String,
    /// The article's index in the book.
    pub(super) article: usize,
}

/// Where every alias of `articles` goes, or every alias that cannot be written, each at its
/// place.
pub(super) fn plan(config: &Config, articles: &[Article]) -> Result<Vec<Redirect>> {
    let reserved = Reserved::new(config, articles);
    let mut errors = Vec::new();
    // File → (article, alias as written, where), to name the first of two that collide.
    let mut taken: BTreeMap<String, (usize, &str, Location)> = BTreeMap::new();
    let mut redirects = Vec::new();
    for (index, article) in articles.iter().enumerate() {
        for alias in &article.aliases {
            let at = Location::new(&article.path, alias.line as usize, alias.col as usize);
            let file = match resolve(&alias.path, config.base_url.as_deref()).and_then(|file| {
                reserved
                    .check(&file)
                    .map(|()| file)
                    .map_err(|why| format!("alias `{}` {why}", alias.path.trim()))
            }) {
                Ok(file) => file,
                Err(message) => {
                    errors.push(Error::at(at, message).with_hint(HINT));
                    continue;
                }
            };
            // A file of one alias cannot be a folder of another (`a.html` and `a.html/b/`).
            let clash = taken.get(&file).or_else(|| {
                taken.iter().find_map(|(other, first)| {
                    (is_inside(&file, other) || is_inside(other, &file)).then_some(first)
                })
            });
            if let Some((first, written, place)) = clash {
                let whose = if *first == index {
                    "this article".to_string()
                } else {
                    format!("“{}”", articles[*first].title)
                };
                errors.push(Error::at(
                    at,
                    format!(
                        "alias `{}` ({file}) collides with the alias `{written}` of {whose} at {place}",
                        alias.path
                    ),
                ));
                continue;
            }
            taken.insert(file.clone(), (index, &alias.path, at));
            redirects.push(Redirect {
                file,
                article: index,
            });
        }
    }
    Error::from_list(errors)?;
    Ok(redirects)
}

const HINT: &str =
    "an alias is a former address in the site: `2019/old-title/`, `/2019/old-title.html`";

/// Whether `file` lies inside the folder that `other`, read as a path, would be.
fn is_inside(file: &str, other: &str) -> bool {
    file.strip_prefix(other).is_some_and(|r| r.starts_with('/'))
}

/// The output file of an alias as written, or why it cannot be one.
fn resolve(alias: &str, base_url: Option<&str>) -> std::result::Result<String, String> {
    let written = alias.trim();
    let path = if written.contains("://") || written.starts_with("//") {
        let base = base_url.ok_or_else(|| {
            format!("alias `{written}` is a full URL, but book.yaml has no `base_url` to tell where the site is; write the path from the site root")
        })?;
        written
            .strip_prefix(base)
            .ok_or_else(|| format!("alias `{written}` is outside the site, which is at {base}"))?
    } else {
        written.trim_start_matches('/')
    };
    if path.contains(['?', '#']) {
        return Err(format!(
            "alias `{written}` has a query or fragment (`?`, `#`); a redirect page can only be written for a path"
        ));
    }
    let path = percent_decode(path)
        .ok_or_else(|| format!("alias `{written}` has a `%` escape that is not UTF-8 text"))?;
    if path.contains(['\\', '\0']) || path.chars().any(char::is_control) {
        return Err(format!(
            "alias `{written}` has a backslash or a control character; write a plain path with `/`"
        ));
    }
    let folder = path.is_empty() || path.ends_with('/');
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if !path.is_empty() {
        for segment in &segments {
            match *segment {
                "" => {
                    return Err(format!("alias `{written}` has an empty segment (`//`)"));
                }
                ".." => {
                    return Err(format!(
                        "alias `{written}` leads out of the site (`..`); folio writes only inside the output folder"
                    ));
                }
                s if s.starts_with('.') => {
                    return Err(format!(
                        "alias `{written}` names a hidden file or folder (`{s}`), which folio never writes"
                    ));
                }
                _ => {}
            }
        }
    }
    let last = segments.last().copied().unwrap_or("");
    let is_page = !folder && (last.ends_with(".html") || last.ends_with(".htm"));
    Ok(match (path.is_empty(), is_page) {
        (true, _) => "index.html".to_string(),
        (false, true) => path,
        (false, false) => format!("{}/index.html", path.trim_end_matches('/')),
    })
}

/// `%XX` escapes decoded, the result UTF-8; `None` when it is not.
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let byte = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())?;
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What folio itself writes at the top of the site: a redirect may go anywhere else.
struct Reserved {
    /// Top-level files, with what they are.
    files: BTreeMap<String, String>,
    /// Top-level folders, with what they hold.
    folders: BTreeMap<String, String>,
}

impl Reserved {
    fn new(config: &Config, articles: &[Article]) -> Reserved {
        let mut files: BTreeMap<String, String> = [
            ("index.html", "the index"),
            ("404.html", "the page for missing addresses"),
            ("search-index.js", "the search index"),
            ("atom.xml", "the feed"),
            ("sitemap.xml", "the sitemap"),
        ]
        .into_iter()
        .map(|(f, what)| (f.to_string(), what.to_string()))
        .collect();
        if config.outputs.contains(&Output::Epub) {
            files.insert(config.epub.filename.clone(), "the book's EPUB".to_string());
        }
        let mut folders: BTreeMap<String, String> = [
            ("static", "the theme's files"),
            ("tags", "the tag pages"),
            ("search", "the search page"),
            ("archive", "the archive pages"),
            ("page", "the index's later pages"),
        ]
        .into_iter()
        .map(|(f, what)| (f.to_string(), what.to_string()))
        .collect();
        for article in articles {
            folders.insert(
                article.slug.to_string(),
                format!("the article “{}”", article.title),
            );
        }
        Reserved { files, folders }
    }

    fn check(&self, file: &str) -> std::result::Result<(), String> {
        let first = file.split('/').next().unwrap_or(file);
        if let Some(what) = self.files.get(file) {
            return Err(format!("would replace {file}, which is {what}"));
        }
        if file.contains('/')
            && let Some(what) = self.files.get(first)
        {
            return Err(format!("would make a folder of {first}, which is {what}"));
        }
        // `sitemap-1.xml`, `sitemap-2.xml`… exist once a site passes 50,000 pages.
        if first
            .strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(format!(
                "would write {file}, where folio writes a numbered sitemap ({first})"
            ));
        }
        if let Some(what) = self.folders.get(first).filter(|_| file.contains('/')) {
            return Err(format!(
                "would write {file}, inside {first}/, which holds {what}"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_paths_from_the_site_root_as_zola_and_hugo_read_them() {
        let base = Some("https://example.org/archive/");
        let ok = |a: &str| resolve(a, base).unwrap_or_else(|e| panic!("{a}: {e}"));
        assert_eq!(ok("old/path/"), "old/path/index.html");
        assert_eq!(ok("old/path"), "old/path/index.html");
        assert_eq!(ok("/2019/old.html"), "2019/old.html");
        assert_eq!(ok("2019/old.htm"), "2019/old.htm");
        assert_eq!(ok("2019/old.php"), "2019/old.php/index.html");
        assert_eq!(ok("https://example.org/archive/x/"), "x/index.html");
        assert_eq!(ok("caf%C3%A9/"), "café/index.html");
        assert_eq!(ok("/"), "index.html");
        for (bad, why) in [
            ("../up/", "leads out of the site"),
            ("a/../../b", "leads out of the site"),
            ("https://elsewhere.org/x/", "outside the site"),
            ("//elsewhere.org/x/", "outside the site"),
            ("a//b/", "empty segment"),
            (".git/config", "hidden file"),
            ("a\\b", "backslash"),
            ("old/?p=12", "query or fragment"),
            ("%FF/", "not UTF-8"),
        ] {
            let e = resolve(bad, base).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
        assert!(
            resolve("https://example.org/x/", None)
                .unwrap_err()
                .contains("no `base_url`")
        );
    }

    #[test]
    fn aliases_keep_off_what_folio_writes_and_off_each_other() {
        let load = |slug: &str, aliases: &str| {
            crate::load::load_article(
                std::path::Path::new(&format!("content/{slug}.md")),
                &format!("---\ntitle: T {slug}\naliases: [{aliases}]\n---\nBody.\n"),
                "en",
            )
            .unwrap()
        };
        let config = Config::parse(
            std::path::Path::new("/b"),
            std::path::Path::new("book.yaml"),
            "title: B\noutputs: [html, epub]\nepub: {filename: book}\n",
        )
        .unwrap();
        let plan = |articles: &[Article]| -> std::result::Result<Vec<String>, String> {
            plan(&config, articles)
                .map(|r| r.into_iter().map(|r| r.file).collect())
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            plan(&[load("a", "old/, 2019/a.html"), load("b", "old-b")]),
            Ok(vec![
                "old/index.html".to_string(),
                "2019/a.html".to_string(),
                "old-b/index.html".to_string()
            ])
        );
        for (aliases, want) in [
            (
                "/",
                "content/a.md:3:11: alias `/` would replace index.html, which is the index",
            ),
            (
                "b/",
                "content/a.md:3:11: alias `b/` would write b/index.html, inside b/, which holds the article “T b”",
            ),
            ("tags/x/", "inside tags/, which holds the tag pages"),
            (
                "static/style.css.html",
                "inside static/, which holds the theme's files",
            ),
            (
                "atom.xml/",
                "would make a folder of atom.xml, which is the feed",
            ),
            (
                "book.epub/",
                "would make a folder of book.epub, which is the book's EPUB",
            ),
            (
                "page/2/",
                "inside page/, which holds the index's later pages",
            ),
            (
                "archive/2019/",
                "inside archive/, which holds the archive pages",
            ),
            (
                "sitemap-3.xml/",
                "where folio writes a numbered sitemap (sitemap-3.xml)",
            ),
            (
                "x/, /x/index.html",
                "content/a.md:3:15: alias `/x/index.html` (x/index.html) collides with the alias `x/` of this article at content/a.md:3:11",
            ),
        ] {
            let got = plan(&[load("a", aliases), load("b", "")]).unwrap_err();
            assert!(got.contains(want), "{aliases}: {got}");
        }
        let got = plan(&[load("a", "old/"), load("b", "old")]).unwrap_err();
        assert!(
            got.starts_with("content/b.md:3:11: alias `old` (old/index.html) collides with the alias `old/` of “T a” at content/a.md:3:11"),
            "{got}"
        );
        let got = plan(&[load("a", "x.html"), load("b", "x.html/y/")]).unwrap_err();
        assert!(got.contains("collides with the alias `x.html`"), "{got}");
    }
}
