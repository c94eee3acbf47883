//! `folio check`: everything a build does except replacing the output — the book is loaded,
//! normalized and rendered into a scratch folder that is inspected and deleted — plus the
//! checks a maintainer wants before publishing unattended: every internal link and anchor of
//! the generated pages resolves, every article has a date, every glossary variant is used, and
//! no glossary term is silently re-capitalised.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::build::Book;
use crate::error::{Error, Location, Result};
use crate::normalize::Glossary;
use crate::progress::Progress;
use crate::theme::Theme;

/// How much a finding matters: an error fails the check, a warning fails it under
/// `--strict`, a note never does (something worth knowing that is not wrong, such as a
/// book-wide glossary variant no article needed yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem, in the shape CI annotations want.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable, kebab-case: `broken-link`, `missing-anchor`, `no-date`, `glossary-unused`,
    /// `glossary-case`, `export-unmatched`, `draft` (a note: a draft left out), `mt-cjk`,
    /// `mt-fullwidth`, `mt-duplicate`, `mt-fused`, `mt-spelling` (what a translation left, see
    /// [`crate::normalize::quality`]), or `build` for anything that stops a build.
    pub code: &'static str,
    pub message: String,
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Finding {
    fn new(severity: Severity, code: &'static str, message: String) -> Finding {
        Finding {
            severity,
            code,
            message,
            path: None,
            line: None,
            col: None,
            hint: None,
        }
    }

    fn at(mut self, location: &Location) -> Finding {
        self.path = Some(location.path.clone());
        self.line = Some(location.line);
        self.col = Some(location.col);
        self
    }

    /// `path:line:col: ` or `path: ` or nothing.
    pub fn place(&self) -> String {
        match (&self.path, self.line, self.col) {
            (Some(p), Some(l), Some(c)) => format!("{}:{l}:{c}: ", p.display()),
            (Some(p), _, _) => format!("{}: ", p.display()),
            _ => String::new(),
        }
    }
}

/// Checks the book at `root` as `folio build` builds it: drafts are loaded (so a broken one
/// is an error) but left out of the rest, each reported as a note. Problems are findings, not
/// an `Err`: a book that does not load is reported finding by finding, like every other
/// problem.
pub fn check(root: &Path) -> Vec<Finding> {
    check_with(root, &Progress::hidden(), false)
}

/// [`check`], with its stages reporting to `progress`; with `drafts`, drafts are checked as
/// `folio build --drafts` builds them.
pub fn check_with(root: &Path, progress: &Progress, drafts: bool) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Err(e) = check_into(root, progress, drafts, &mut findings) {
        findings.extend(from_error(e));
    }
    findings.sort_by(|a, b| {
        (a.severity, &a.path, a.line, a.col, a.code)
            .cmp(&(b.severity, &b.path, b.line, b.col, b.code))
    });
    findings.dedup();
    findings
}

fn check_into(
    root: &Path,
    progress: &Progress,
    drafts: bool,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let mut book = Book::load_with(root, progress.clone(), drafts)?;
    for draft in &book.drafts {
        // At its `draft:` line (the file is read again only for drafts).
        let text = crate::fs::read_text(&book.config.root.join(&draft.path)).unwrap_or_default();
        let at = crate::load::split_front_matter(&draft.path, &text)
            .map(|fm| fm.key_location(&draft.path, "draft"))
            .unwrap_or_else(|_| Location::new(&draft.path, 1, 1));
        let mut f = Finding::new(
            Severity::Note,
            "draft",
            format!(
                "“{}” is a draft: it loads, but builds and this check leave it out",
                draft.title
            ),
        )
        .at(&at);
        f.hint = Some(
            "`folio check --drafts` checks it like the rest, `folio build --drafts` builds it"
                .into(),
        );
        findings.push(f);
    }
    book.normalize()?;
    progress.stage("theme", 0);
    let theme = Theme::load(&book.config)?;

    progress.stage("findings", 0);
    for article in &book.articles {
        if article.date.is_none() && !article.date_unknown {
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "no-date",
                    format!(
                        "“{}” has no date; it is listed after every dated article",
                        article.title
                    ),
                )
                .at(&Location::new(
                    &article.path,
                    article.title_line as usize,
                    1,
                )),
            );
            findings.last_mut().expect("just pushed").hint = Some(
                "add `date: YYYY-MM-DD` to its front matter, or `date: unknown` when no date can be found"
                    .into(),
            );
        }
    }
    glossary_findings(&book, findings)?;
    translation_findings(&book, findings);
    spelling_findings(&book, findings);
    for u in &book.unmatched {
        let mut f =
            Finding::new(Severity::Warning, "export-unmatched", u.message()).at(&u.location);
        f.hint = Some(crate::load::Unmatched::HINT.to_string());
        findings.push(f);
    }

    // Removed on return, on Ctrl-C (see `crate::output`), or by the next check after a kill.
    let scratch = crate::output::Scratch::in_temp("folio-check")?;
    let incremental = crate::incremental::Incremental::clean(book.build_key(&theme)?);
    book.render(&theme, scratch.path(), &incremental)?;
    let sources: BTreeMap<String, PathBuf> = book
        .articles
        .iter()
        .map(|a| (a.slug.to_string(), a.path.clone()))
        .collect();
    progress.stage("links", 0);
    let base_path = book
        .config
        .base_url
        .as_deref()
        .map(url_path)
        .unwrap_or("/")
        .to_string();
    link_findings(
        scratch.path(),
        &book.config.output_dir,
        book.config.base_url.as_deref(),
        &base_path,
        &sources,
        findings,
    )?;
    Ok(())
}

/// A build error as findings: one per collected problem.
fn from_error(error: Error) -> Vec<Finding> {
    match error {
        Error::Many(all) => all.into_iter().flat_map(from_error).collect(),
        Error::At {
            location,
            message,
            hint,
        } => {
            let mut f = Finding::new(Severity::Error, "build", message).at(&location);
            f.hint = hint;
            vec![f]
        }
        Error::NotUtf8 {
            ref path,
            line,
            col,
            ..
        } => {
            let location = Location::new(path, line, col);
            let message = error.to_string();
            let message = message
                .strip_prefix(&format!("{location}: "))
                .unwrap_or(&message)
                .to_string();
            vec![Finding::new(Severity::Error, "build", message).at(&location)]
        }
        other => vec![Finding::new(Severity::Error, "build", other.to_string())],
    }
}

/// Glossary variants no article needed, and capitalised spellings the glossary changed because
/// they match a term but for case ("Tiktok" for "TikTok", "sprint Nextel"): those may be a
/// different name, so an editor should confirm them by listing them as variants. All-lowercase
/// spellings ("wechat") are the ordinary machine-translation defect the term exists to fix.
fn glossary_findings(book: &Book, findings: &mut Vec<Finding>) -> Result<()> {
    let book_glossary = &book.glossary;
    // Every original text the glossary rule replaced, lower-cased, possessive dropped.
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut reported: BTreeSet<(PathBuf, String)> = BTreeSet::new();
    for ((article, log), settings) in book.articles.iter().zip(&book.edits).zip(&book.settings) {
        let glossary = match &settings.glossary {
            Some(own) => book_glossary.merged(own),
            None => book_glossary.clone(),
        };
        for edit in log.edits.iter().filter(|e| e.rule == "glossary") {
            let original = edit.original.trim();
            let spelling = strip_possessive(original);
            let bare = spelling.to_lowercase();
            used.insert(bare.clone());
            let entry = glossary
                .entries
                .iter()
                .find(|e| e.term.eq_ignore_ascii_case(&bare));
            if let Some(entry) = entry
                && spelling != entry.term
                && spelling.chars().any(char::is_uppercase)
                && !entry
                    .variants
                    .iter()
                    .any(|v| v.trim().eq_ignore_ascii_case(&bare))
                && reported.insert((article.path.clone(), spelling.to_string()))
            {
                findings.push(
                    Finding::new(
                        Severity::Warning,
                        "glossary-case",
                        format!(
                            "`{spelling}` was changed to `{}`: it matches the glossary term but for case",
                            entry.term
                        ),
                    )
                    .at(&Location::new(&article.path, edit.line as usize, edit.col as usize)),
                );
                findings.last_mut().expect("just pushed").hint = Some(format!(
                    "list `{spelling}` under the variants of `{}` if that is the same name",
                    entry.term
                ));
            }
        }
    }
    let config_path = book.config.config_display_path();
    let config_text = crate::fs::read_text(&book.config.config_path()).unwrap_or_default();
    // The book's glossary is written for every article to come, so a variant none needs yet
    // is worth knowing, not wrong: a note. An article's own glossary is written for that
    // article, so one of its variants the article does not contain is a warning.
    let mut report_unused = |glossary: &Glossary, path: &Path, text: &str, severity: Severity| {
        for entry in &glossary.entries {
            for variant in &entry.variants {
                if used.contains(&variant.trim().to_lowercase()) {
                    continue;
                }
                let location = text.find(variant.as_str()).map_or_else(
                    || Location::new(path, 1, 1),
                    |at| Location::at_offset(path, text, at),
                );
                findings.push(
                    Finding::new(
                        severity,
                        "glossary-unused",
                        format!(
                            "glossary variant `{variant}` (of `{}`) matches nothing in any article",
                            entry.term
                        ),
                    )
                    .at(&location),
                );
            }
        }
    };
    if book.config.normalize.enabled {
        report_unused(book_glossary, &config_path, &config_text, Severity::Note);
    }
    for (article, settings) in book.articles.iter().zip(&book.settings) {
        if let Some(own) = &settings.glossary {
            let text = crate::fs::read_text(&article.path).unwrap_or_default();
            report_unused(own, &article.path, &text, Severity::Warning);
        }
    }
    Ok(())
}

/// What a translated article still shows after normalizing (see
/// [`crate::normalize::quality`]), at the source line of its block and the column where the
/// source line has it (1 when normalizing changed it beyond finding).
fn translation_findings(book: &Book, findings: &mut Vec<Finding>) {
    use crate::normalize::quality::{FlawKind, flaws};
    for article in &book.articles {
        let found = flaws(article);
        if found.is_empty() {
            continue;
        }
        let source =
            crate::fs::read_text(&book.config.root.join(&article.path)).unwrap_or_default();
        let lines: Vec<&str> = source.lines().collect();
        for flaw in found {
            let col = lines
                .get((flaw.line as usize).wrapping_sub(1))
                .and_then(|l| l.find(&flaw.found).map(|at| l[..at].chars().count() + 1))
                .unwrap_or(1);
            let (code, message, hint) = match flaw.kind {
                FlawKind::Cjk => (
                    "mt-cjk",
                    format!(
                        "“{}” is left untranslated in “{}”",
                        flaw.found, article.title
                    ),
                    "translate it, or keep it beside its translation in the source: `ByteDance (字节跳动)`",
                ),
                FlawKind::FullWidth => (
                    "mt-fullwidth",
                    format!("full-width punctuation `{}` in translated text", flaw.found),
                    "use the ASCII form (`,` `.` `(`); the translation kept the original's",
                ),
                FlawKind::Fused => (
                    "mt-fused",
                    format!(
                        "`{}` looks like two sentences glued at their mark; the normalizer left it, as it may be a name",
                        flaw.found
                    ),
                    "add the space in the source if it is two sentences; leave it if it is a name (`System.Console`)",
                ),
                FlawKind::Duplicate => (
                    "mt-duplicate",
                    format!(
                        "this paragraph repeats line {} word for word: “{}…”",
                        flaw.first_line.unwrap_or(0),
                        flaw.found
                    ),
                    "delete one copy, or drop it at import with `import: {drop: …}`",
                ),
            };
            // A glued pair the rule left may be a name: a note, where the others are warnings.
            let severity = if flaw.kind == FlawKind::Fused {
                Severity::Note
            } else {
                Severity::Warning
            };
            let mut f = Finding::new(severity, code, message).at(&Location::new(
                &article.path,
                flaw.line as usize,
                col,
            ));
            f.hint = Some(hint.to_string());
            findings.push(f);
        }
    }
}

/// One name spelled more than one way across the book (see
/// [`crate::normalize::quality::spelling_variants`]): a note at the first use of each spelling
/// but the most common, with a glossary entry to paste as the hint.
fn spelling_findings(book: &Book, findings: &mut Vec<Finding>) {
    for variants in crate::normalize::quality::spelling_variants(&book.articles) {
        let (main, main_count, ..) = &variants.spellings[0];
        for (spelling, count, article, line) in &variants.spellings[1..] {
            let path = &book.articles[*article].path;
            let source = crate::fs::read_text(&book.config.root.join(path)).unwrap_or_default();
            let col = source
                .lines()
                .nth((*line as usize).wrapping_sub(1))
                .and_then(|l| {
                    l.find(spelling.as_str())
                        .map(|at| l[..at].chars().count() + 1)
                })
                .unwrap_or(1);
            let mut f = Finding::new(
                Severity::Note,
                "mt-spelling",
                format!(
                    "`{spelling}` ({count}×) and `{main}` ({main_count}×) are one name spelled two ways in this book"
                ),
            )
            .at(&Location::new(path, *line as usize, col));
            f.hint = Some(format!(
                "pick one in the glossary: `- term: {main}` with `variants: [\"{spelling}\"]`"
            ));
            findings.push(f);
        }
    }
}

fn strip_possessive(word: &str) -> &str {
    ["'s", "’s", "s'", "s’"]
        .iter()
        .find_map(|p| word.strip_suffix(p))
        .unwrap_or(word)
}

/// The path part of an absolute URL (`https://x.org/archive/` → `/archive/`).
fn url_path(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// What a page links to and which ids it defines.
struct Page {
    links: Vec<(String, usize, usize)>,
    ids: BTreeSet<String>,
}

/// Follows every `href` and `src` of every generated HTML page that stays inside the site
/// (relative, root-relative under the base path, or absolute under `base_url`).
fn link_findings(
    site: &Path,
    output_dir: &Path,
    base_url: Option<&str>,
    base_path: &str,
    sources: &BTreeMap<String, PathBuf>,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let mut files = Vec::new();
    collect(site, site, &mut files)?;
    let mut pages: BTreeMap<String, Page> = BTreeMap::new();
    for rel in files.iter().filter(|f| f.ends_with(".html")) {
        let path = site.join(rel);
        let html = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        pages.insert(rel.clone(), scan(&html));
    }
    let existing: BTreeSet<&String> = files.iter().collect();
    for (rel, page) in &pages {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        // A link written in an article is reported where it is written; one a template made,
        // at its place in the generated page.
        let source = rel.split('/').next().and_then(|slug| sources.get(slug));
        let source_text = source.and_then(|p| std::fs::read_to_string(p).ok());
        // Where each Markdown link destination is first written, found in one pass: a page
        // of 100,000 comment links searched the source once per link, for minutes.
        let written_at = source_text.as_deref().map(link_destinations);
        for (link, line, col) in &page.links {
            let Some((target, fragment)) = resolve(link, dir, rel, base_url, base_path) else {
                continue;
            };
            let written = source.zip(source_text.as_deref()).and_then(|(path, text)| {
                let at = *written_at.as_ref()?.get(link.as_str())?;
                Some(Location::at_offset(path, text, at))
            });
            let (location, page_note) = match written {
                Some(at) => (at, format!(" (on the page {rel})")),
                None => (
                    Location::new(output_dir.join(rel), *line, *col),
                    String::new(),
                ),
            };
            let target = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target
            };
            if !existing.contains(&target) {
                findings.push(
                    Finding::new(
                        Severity::Error,
                        "broken-link",
                        format!(
                            "link to `{link}` does not resolve: the site has no {target}{page_note}"
                        ),
                    )
                    .at(&location),
                );
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && let Some(target_page) = pages.get(&target)
                && !target_page.ids.contains(&fragment)
            {
                findings.push(
                    Finding::new(
                        Severity::Error,
                        "missing-anchor",
                        format!(
                            "link to `{link}`: {target} has no element with id `{fragment}`{page_note}"
                        ),
                    )
                    .at(&location),
                );
            }
        }
    }
    Ok(())
}

/// Each Markdown link destination written in `text` (`[text](destination "title")`), with
/// the offset of its first occurrence.
fn link_destinations(text: &str) -> HashMap<&str, usize> {
    let mut found = HashMap::new();
    for (at, _) in text.match_indices("](") {
        let start = at + 2;
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c == ')' || c.is_whitespace())
            .unwrap_or(rest.len());
        found.entry(&rest[..end]).or_insert(start);
    }
    found
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, out)?;
        } else if let Ok(rel) = path.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The site-relative file and fragment a link points to, or `None` when it leaves the site.
fn resolve(
    link: &str,
    dir: &str,
    page: &str,
    base_url: Option<&str>,
    base_path: &str,
) -> Option<(String, Option<String>)> {
    let (without_fragment, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(percent_decode(f))),
        None => (link, None),
    };
    let path = without_fragment.split('?').next().unwrap_or("");
    let lower = path.to_ascii_lowercase();
    let site_path: String = if let Some(base) = base_url
        && let Some(rest) = link.strip_prefix(base)
    {
        rest.split(['#', '?']).next().unwrap_or("").to_string()
    } else if lower.contains(':') || path.starts_with("//") {
        return None; // another site, mailto:, data:…
    } else if let Some(rooted) = path.strip_prefix('/') {
        let base = base_path.trim_start_matches('/');
        rooted.strip_prefix(base).unwrap_or(rooted).to_string()
    } else if path.is_empty() {
        return Some((page.to_string(), fragment));
    } else {
        let mut parts: Vec<&str> = if dir.is_empty() {
            Vec::new()
        } else {
            dir.split('/').collect()
        };
        for segment in path.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if path.ends_with('/') && !joined.is_empty() {
            joined.push('/');
        }
        joined
    };
    Some((percent_decode(&site_path), fragment))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Links (`href`/`src` values with their line and column) and ids of a generated page. The
/// pages are folio's own output — attributes double-quoted, values escaped — so a scan of
/// ` name="` suffices; text and attribute values never contain a raw `"`.
fn scan(html: &str) -> Page {
    let mut links = Vec::new();
    let mut ids = BTreeSet::new();
    let mut line = 1;
    let mut line_start = 0;
    // Columns are counted on from the previous link of the same line, so a page with a
    // very long line costs one pass, not one per link.
    let (mut counted_to, mut counted_chars) = (0, 0);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(found) = memchr::memchr(b'=', &bytes[i..]) {
        let eq = i + found;
        for (nl, _) in html[i..eq].match_indices('\n') {
            line += 1;
            line_start = i + nl + 1;
        }
        i = eq + 1;
        if bytes.get(eq + 1) != Some(&b'"') {
            continue;
        }
        let name_start = html[..eq]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .map_or(0, |p| p + 1);
        let name = &html[name_start..eq];
        if name_start == 0 || !bytes[name_start - 1].is_ascii_whitespace() {
            continue;
        }
        let value_start = eq + 2;
        let Some(len) = html[value_start..].find('"') else {
            break;
        };
        let value = unescape_attr(&html[value_start..value_start + len]);
        match name {
            "href" | "src" => {
                if counted_to < line_start {
                    (counted_to, counted_chars) = (line_start, 0);
                }
                counted_chars += html[counted_to..value_start].chars().count();
                counted_to = value_start;
                links.push((value, line, counted_chars + 1));
            }
            "id" => {
                ids.insert(value);
            }
            _ => {}
        }
        i = value_start + len;
    }
    Page { links, ids }
}

fn unescape_attr(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_like_a_browser() {
        let r = |link: &str| {
            resolve(
                link,
                "a",
                "a/index.html",
                Some("https://x.org/arch/"),
                "/arch/",
            )
        };
        assert_eq!(r("../index.html"), Some(("index.html".into(), None)));
        assert_eq!(
            r("#comment-1"),
            Some(("a/index.html".into(), Some("comment-1".into())))
        );
        assert_eq!(r("../b/"), Some(("b/".into(), None)));
        assert_eq!(r("/arch/tags/x/"), Some(("tags/x/".into(), None)));
        assert_eq!(
            r("https://x.org/arch/a/index.html#p-1"),
            Some(("a/index.html".into(), Some("p-1".into())))
        );
        assert_eq!(r("https://elsewhere.org/"), None);
        assert_eq!(r("mailto:a@b"), None);
        assert_eq!(
            r("../static/style.css?v=1"),
            Some(("static/style.css".into(), None))
        );
        assert_eq!(r("caf%C3%A9.html"), Some(("a/café.html".into(), None)));
    }

    #[test]
    fn scanning_finds_links_ids_and_their_place() {
        let page = scan("<p id=\"top\">\n  <a href=\"x.html#a&amp;b\">x</a> data-href=\"no\"</p>");
        assert!(page.ids.contains("top"));
        assert_eq!(page.links, [("x.html#a&b".to_string(), 2, 12)]);
    }
}
