//! `folio build`: runs [`crate::build::build`] and prints its summary lines.
//!
//! Nothing is built here: staging, rendering and the swap are the library's.

use std::io::Write;
use std::path::Path;

use super::print_progress;
use crate::build::BuildOptions;
use crate::error::Result;
use crate::term::Ui;

/// Builds the book at `root` and prints the summary (or, with `--verbose`, the stages' notes
/// and timings first).
pub(super) fn build(
    root: &Path,
    options: BuildOptions,
    ui: &Ui,
    stderr: &mut dyn Write,
) -> Result<()> {
    let built = crate::build::build(root, &options);
    print_progress(&options.progress, ui, stderr);
    let summary = built?;
    for warning in &summary.warnings {
        let _ = writeln!(stderr, "{} {warning}", ui.styles.warning("warning:"));
    }
    if ui.verbose() {
        let _ = writeln!(
            stderr,
            "note: {} file(s) reused unchanged from the previous output",
            summary.reused
        );
    }
    if !ui.quiet() {
        // Only when there is something to review: a book with nothing to clean gets no nag.
        if summary.edits > 0 {
            let _ = writeln!(stderr, "{}", summary.normalize_line());
        }
        let _ = writeln!(stderr, "{}", ui.styles.strong(&summary));
    }
    Ok(())
}
