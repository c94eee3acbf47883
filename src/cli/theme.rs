//! `folio theme eject`: copies the built-in theme into the book for editing.
//!
//! The copying and its refusals are [`crate::theme::eject`]; this file prints what was written.

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::term::Ui;

pub(super) fn eject(
    root: &Path,
    name: &str,
    force: bool,
    ui: &Ui,
    stdout: &mut dyn Write,
) -> Result<()> {
    let ejected = crate::theme::eject::eject(root, name, force)?;
    if ui.quiet() {
        return Ok(());
    }
    for file in &ejected.files {
        let _ = writeln!(stdout, "wrote {}", file.display());
    }
    let _ = writeln!(
        stdout,
        "\nThe theme is in {}. Use it with this line in book.yaml:\n\ntheme: {name}\n{}",
        ejected.theme_dir.display(),
        if name == "default" {
            "\n(`default` is already the default, so book.yaml needs no change.)"
        } else {
            ""
        }
    );
    Ok(())
}
