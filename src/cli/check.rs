//! `folio check`: prints what [`crate::check`] found, as numbered diagnostics with source
//! excerpts or as JSON, and fails when an error (or, with `--strict`, a warning) was found;
//! notes never fail it.
//!
//! It never builds into the output folder: the check itself renders into scratch space.

use std::io::Write;
use std::path::Path;

use super::report::{Kind, source_excerpt};
use super::{CheckFormat, print_progress};
use crate::error::{Error, Result, printable};
use crate::progress::Progress;
use crate::term::Ui;

pub(super) fn check(
    root: &Path,
    strict: bool,
    format: CheckFormat,
    drafts: bool,
    ui: &Ui,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<()> {
    use crate::check::Severity;
    let progress = Progress::new(
        ui.progress_bar && format == CheckFormat::Human,
        ui.verbose(),
    );
    let findings = crate::check::check_with(root, &progress, drafts);
    print_progress(&progress, ui, stderr);
    let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    match format {
        CheckFormat::Json => {
            let json = serde_json::to_string_pretty(&findings)
                .map_err(|e| Error::Message(format!("cannot encode the findings: {e}")))?;
            let _ = writeln!(stdout, "{json}");
        }
        CheckFormat::Human => {
            for (i, f) in findings.iter().enumerate() {
                let fails =
                    f.severity == Severity::Error || (strict && f.severity == Severity::Warning);
                if ui.quiet() && !fails {
                    continue;
                }
                let kind = match f.severity {
                    Severity::Error => Kind::Error,
                    Severity::Warning => Kind::Warning,
                    Severity::Note => Kind::Note,
                };
                let label = kind.paint(
                    &ui.styles,
                    format!("{}[{}/{}]", kind.word(), i + 1, findings.len()),
                );
                let text = format!("{}{}", f.place(), f.message);
                let _ = writeln!(stderr, "{label} {}: {}", f.code, printable(&text));
                if let (Some(path), Some(line), Some(col)) = (&f.path, f.line, f.col) {
                    source_excerpt(path, line, col, kind, &ui.styles, stderr);
                }
                if let Some(hint) = &f.hint {
                    let _ = writeln!(stderr, "  {} {}", ui.styles.hint("hint:"), printable(hint));
                }
            }
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            if !ui.quiet() {
                let _ = writeln!(
                    stderr,
                    "{}",
                    ui.styles.strong(format!(
                        "{}, {}{}{}",
                        plural(errors, "error"),
                        plural(warnings, "warning"),
                        if notes > 0 {
                            format!(", {}", plural(notes, "note"))
                        } else {
                            String::new()
                        },
                        if strict && warnings > 0 {
                            " (--strict: warnings count as errors)"
                        } else {
                            ""
                        }
                    ))
                );
            }
        }
    }
    if errors > 0 || (strict && warnings > 0) {
        Err(Error::Reported)
    } else {
        Ok(())
    }
}
