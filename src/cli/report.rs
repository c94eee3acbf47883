//! How diagnostics look on a terminal: `path:line:col: message`, the source line with a caret,
//! the hint, numbered when there are several, coloured as the [`Styles`] say.
//!
//! It never decides what is an error: it prints what it is given.

use std::io::Write;
use std::path::Path;

use crate::error::Error;
use crate::term::Styles;

/// Whether a diagnostic fails the command, warns, or only informs; it decides the colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Error,
    Warning,
    Note,
}

impl Kind {
    pub(super) fn word(self) -> &'static str {
        match self {
            Kind::Error => "error",
            Kind::Warning => "warning",
            Kind::Note => "note",
        }
    }

    pub(super) fn paint(self, styles: &Styles, text: impl std::fmt::Display) -> String {
        match self {
            Kind::Error => styles.error(text),
            Kind::Warning => styles.warning(text),
            Kind::Note => styles.note(text),
        }
    }
}

/// Prints `path`'s line `line` with a caret under column `col`, when the file can be read and the
/// line holds something.
pub(super) fn source_excerpt(
    path: &Path,
    line: usize,
    col: usize,
    kind: Kind,
    styles: &Styles,
    stderr: &mut dyn Write,
) {
    let Some(text) = crate::fs::read_text(path).ok().and_then(|t| {
        crate::error::source_lines(&t)
            .nth(line.saturating_sub(1))
            .filter(|l| !l.is_empty())
            .map(str::to_string)
    }) else {
        // Nothing to point at: no file, or an empty line (an empty file, a missing field).
        return;
    };
    let text = crate::error::printable(&text);
    // Generated pages have very long lines: show the part around the column.
    let chars: Vec<char> = text.chars().collect();
    let start = col.saturating_sub(1).saturating_sub(60);
    let shown: String = chars.iter().skip(start).take(120).collect();
    let gutter = line.to_string();
    let _ = writeln!(stderr, "  {} {shown}", styles.gutter(format!("{gutter} |")));
    let pad: String = shown
        .chars()
        .take(col.saturating_sub(1) - start)
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let _ = writeln!(
        stderr,
        "  {} {pad}{}",
        styles.gutter(format!("{} |", " ".repeat(gutter.len()))),
        kind.paint(styles, "^")
    );
}

/// Prints an error the way a person can act on it: `path:line:col: message`, the source line
/// with a caret when the file can be read, and the hint. Plain text: `folio serve` also shows
/// it in the page.
pub fn report(error: &Error, stderr: &mut dyn Write) {
    report_with(error, &Styles::PLAIN, stderr);
}

/// [`report`], painted with `styles`. Several errors are numbered and counted.
pub fn report_with(error: &Error, styles: &Styles, stderr: &mut dyn Write) {
    let errors: Vec<&Error> = match error {
        Error::Many(v) => v.iter().collect(),
        Error::Reported => return,
        e => vec![e],
    };
    let numbered = errors.len() > 1;
    for (i, e) in errors.iter().enumerate() {
        let prefix = if numbered {
            format!("error[{}/{}]", i + 1, errors.len())
        } else {
            "error".to_string()
        };
        let _ = writeln!(
            stderr,
            "{}: {}",
            styles.error(prefix),
            crate::error::printable(&e.to_string())
        );
        if let Error::At { location, hint, .. } = e {
            source_excerpt(
                &location.path,
                location.line,
                location.col,
                Kind::Error,
                styles,
                stderr,
            );
            if let Some(h) = hint {
                let _ = writeln!(
                    stderr,
                    "  {} {}",
                    styles.hint("hint:"),
                    crate::error::printable(h)
                );
            }
        }
    }
    if numbered {
        let _ = writeln!(
            stderr,
            "{}",
            styles.strong(format!("{} problems found", errors.len()))
        );
    }
}
