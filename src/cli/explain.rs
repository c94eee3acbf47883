//! `folio import FILE --explain`, printed: for a `.txt` scrape every non-blank line with what
//! it became and why ([`crate::import::explain`]); for a saved page its metadata with the
//! source of each field, then, in page order, every block kept, every part of the page left
//! out and every text dropped, each with its line. One row a line, the text cut to
//! [`TEXT_WIDTH`] characters, coloured by the [`Styles`] given, so the output is stable enough
//! to compare exactly. It never decides a verdict.

use std::io::Write;
use std::path::Path;

use crate::error::printable;
use crate::import::explain::{LineVerdict, explain_scrape, kind_name};
use crate::load::Imported;
use crate::term::Styles;

/// How many characters of a line's text a row shows.
pub(super) const TEXT_WIDTH: usize = 60;

/// The verdict column's width.
const VERDICT_WIDTH: usize = 12;

/// `text` on one line, cut to [`TEXT_WIDTH`] characters with `…`.
fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut cut: String = one_line.chars().take(TEXT_WIDTH).collect();
    if one_line.chars().count() > TEXT_WIDTH {
        cut.push('…');
    }
    printable(&cut).into_owned()
}

/// One row: line number, verdict, text and reason.
fn row(
    out: &mut dyn Write,
    styles: &Styles,
    line: u32,
    verdict: &str,
    paint: Paint,
    text: &str,
    reason: &str,
) {
    let padded = format!("{verdict:<VERDICT_WIDTH$}");
    let verdict = match paint {
        Paint::Plain => padded,
        Paint::Strong => styles.strong(padded),
        Paint::Dropped => styles.warning(padded),
        Paint::FrontMatter => styles.hint(padded),
    };
    let reason = if reason.is_empty() {
        String::new()
    } else {
        format!("  — {}", printable(reason))
    };
    let _ = writeln!(
        out,
        "{} {verdict} {}{reason}",
        styles.gutter(format!("{line:>5}")),
        excerpt(text)
    );
}

#[derive(Clone, Copy)]
enum Paint {
    Plain,
    Strong,
    Dropped,
    FrontMatter,
}

/// Prints the explanation of one imported file.
pub(super) fn print(path: &Path, imported: &Imported, styles: &Styles, out: &mut dyn Write) {
    let scrape = &imported.scrape;
    let what = if imported.body.is_some() {
        "a raw scrape"
    } else {
        "a saved page"
    };
    let _ = writeln!(
        out,
        "{}",
        styles.strong(format!(
            "{}: {what}, titled “{}” (from {})",
            path.display(),
            printable(&scrape.title),
            imported.title_source
        ))
    );
    if let Some((first, last)) = imported.front_matter {
        let _ = writeln!(
            out,
            "{} {:<VERDICT_WIDTH$} lines {first}–{last}",
            styles.gutter(format!("{first:>5}")),
            "front matter"
        );
    }
    match &imported.body {
        Some((body, body_line)) => {
            for v in explain_scrape(body, *body_line, scrape, &imported.kept) {
                print_verdict(out, styles, &v);
            }
        }
        None => print_page(out, styles, imported),
    }
}

fn print_verdict(out: &mut dyn Write, styles: &Styles, v: &LineVerdict) {
    let paint = match v.verdict.as_str() {
        "dropped" => Paint::Dropped,
        "title" => Paint::Strong,
        _ if v.by_front_matter => Paint::FrontMatter,
        _ => Paint::Plain,
    };
    let verdict = if v.continued { "⋮" } else { &v.verdict };
    row(out, styles, v.line, verdict, paint, &v.text, &v.reason);
}

/// A saved page: metadata with sources, then the page in line order.
fn print_page(out: &mut dyn Write, styles: &Styles, imported: &Imported) {
    let scrape = &imported.scrape;
    let _ = writeln!(out, "metadata:");
    let width = scrape
        .metadata
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max("title".len());
    let mut fields = vec![("title", scrape.title.as_str())];
    fields.extend(
        scrape
            .metadata
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    for (key, value) in fields {
        let source = scrape.sources.get(key).map_or(
            if key == "title" {
                imported.title_source.as_str()
            } else {
                ""
            },
            String::as_str,
        );
        let _ = writeln!(
            out,
            "  {key:<width$}  {}  — {}",
            excerpt(value),
            printable(source)
        );
    }
    if !scrape.comments.is_empty() {
        let _ = writeln!(
            out,
            "  {:<width$}  {}  — {}",
            "comments",
            scrape.comments.len(),
            scrape.sources.get("comments").map_or("", String::as_str)
        );
    }
    let _ = writeln!(out, "page:");
    // (line, order at one line, verdict, paint, text, reason)
    let mut rows: Vec<(u32, u8, String, Paint, String, String)> = Vec::new();
    for l in &imported.left_out {
        rows.push((
            l.line,
            0,
            "left out".to_string(),
            Paint::Dropped,
            format!("<{}> {}", l.element, l.text),
            l.reason.clone(),
        ));
    }
    for r in &scrape.removed {
        rows.push((
            r.line,
            1,
            "dropped".to_string(),
            Paint::Dropped,
            r.text.clone(),
            r.reason.clone(),
        ));
    }
    for b in &scrape.blocks {
        let kept = imported.kept.contains(&b.line);
        rows.push((
            b.line,
            2,
            kind_name(&b.kind),
            if kept {
                Paint::FrontMatter
            } else {
                Paint::Plain
            },
            crate::markdown::plain_text(&b.text, b.markup),
            if kept {
                "kept by front matter".to_string()
            } else {
                String::new()
            },
        ));
    }
    rows.sort_by_key(|r| (r.0, r.1));
    for (line, _, verdict, paint, text, reason) in rows {
        row(out, styles, line, &verdict, paint, &text, &reason);
    }
    if !scrape.warnings.is_empty() {
        let _ = writeln!(out, "warnings:");
        for w in &scrape.warnings {
            let _ = writeln!(out, "  {}", printable(w));
        }
    }
}
