//! The `folio` binary: parse arguments, run, print errors, choose the exit code
//! (0 ok, 1 content/config/build error, 2 usage error — clap's own).

use clap::Parser;

fn main() {
    let cli = folio::cli::Cli::parse();
    let ui = cli.ui();
    let mut stdout = std::io::stdout().lock();
    // Not locked for the whole run: `folio serve` reports rebuilds from its watcher thread.
    let mut stderr = std::io::stderr();
    if let Err(error) = folio::cli::run(cli, &ui, &mut stdout, &mut stderr) {
        folio::cli::report_with(&error, &ui.styles, &mut stderr);
        std::process::exit(1);
    }
}
