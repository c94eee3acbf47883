//! What the person at the terminal gets: how much folio says (`--quiet`, `--verbose`), whether
//! messages are coloured, whether a progress bar may be drawn. Decided once, from the flags, the
//! environment and whether stderr is a terminal; the decision is a plain value so it is tested
//! without a terminal.
//!
//! Colour follows the common conventions: `--color always|never` wins; otherwise `NO_COLOR`
//! (<https://no-color.org>) turns it off, `CLICOLOR_FORCE` turns it on, and it is on only when
//! stderr is a terminal whose `TERM` is not `dumb` — never escape codes in a pipe, a file or CI
//! logs. The bar is drawn only on a terminal, never in CI (`CI` set, as every CI service does)
//! and never with `--quiet`.

use std::fmt::Display;

use anstyle::{AnsiColor, Style};

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorWhen {
    /// Colour when stderr is a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

/// How much a command prints besides its result and its errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings, summaries.
    #[default]
    Normal,
    /// Also stage timings and per-file notes.
    Verbose,
}

/// The settings of one run, for the command line to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Ui {
    pub verbosity: Verbosity,
    pub styles: Styles,
    /// A progress bar may be drawn on stderr.
    pub progress_bar: bool,
}

impl Ui {
    /// Decides from the flags, the environment (`var` reads a variable) and whether stderr is
    /// a terminal.
    pub fn resolve(
        quiet: bool,
        verbose: bool,
        color: ColorWhen,
        var: impl Fn(&str) -> Option<String>,
        stderr_is_terminal: bool,
    ) -> Ui {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        let verbosity = if quiet {
            Verbosity::Quiet
        } else if verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        let colour = match color {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto if set("NO_COLOR") => false,
            ColorWhen::Auto
                if set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").as_deref() != Some("0") =>
            {
                true
            }
            ColorWhen::Auto => stderr_is_terminal && var("TERM").as_deref() != Some("dumb"),
        };
        let ci = var("CI").is_some_and(|v| !matches!(v.as_str(), "" | "0" | "false"));
        Ui {
            verbosity,
            styles: Styles { colour },
            progress_bar: stderr_is_terminal && !ci && verbosity != Verbosity::Quiet,
        }
    }

    /// [`Ui::resolve`] with this process's environment and stderr.
    pub fn detect(quiet: bool, verbose: bool, color: ColorWhen) -> Ui {
        use std::io::IsTerminal;
        Ui::resolve(
            quiet,
            verbose,
            color,
            |name| std::env::var(name).ok(),
            std::io::stderr().is_terminal(),
        )
    }

    pub fn quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    pub fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }
}

/// How diagnostics are painted: plain text, or ANSI colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Styles {
    pub colour: bool,
}

impl Styles {
    /// No colour: for pipes, files and the page overlay of `folio serve`.
    pub const PLAIN: Styles = Styles { colour: false };

    fn paint(&self, style: Style, text: impl Display) -> String {
        if self.colour {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    /// `error`, `error[1/2]`: red and bold.
    pub fn error(&self, text: impl Display) -> String {
        self.paint(bold(AnsiColor::Red), text)
    }

    /// `warning[1/3]`: yellow and bold.
    pub fn warning(&self, text: impl Display) -> String {
        self.paint(bold(AnsiColor::Yellow), text)
    }

    /// `note[1/3]`, a finding that never fails a command: green and bold.
    pub fn note(&self, text: impl Display) -> String {
        self.paint(bold(AnsiColor::Green), text)
    }

    /// The `  3 |` gutter before a source line.
    pub fn gutter(&self, text: impl Display) -> String {
        self.paint(bold(AnsiColor::Blue), text)
    }

    /// `hint:`.
    pub fn hint(&self, text: impl Display) -> String {
        self.paint(bold(AnsiColor::Cyan), text)
    }

    /// A summary or emphasis: bold.
    pub fn strong(&self, text: impl Display) -> String {
        self.paint(Style::new().bold(), text)
    }
}

fn bold(colour: AnsiColor) -> Style {
    Style::new().bold().fg_color(Some(colour.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ui(color: ColorWhen, env: &[(&str, &str)], terminal: bool) -> Ui {
        Ui::resolve(
            false,
            false,
            color,
            |name| {
                env.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            },
            terminal,
        )
    }

    /// `--color`, the environment, stderr is a terminal → colour.
    type ColourRow = (
        ColorWhen,
        &'static [(&'static str, &'static str)],
        bool,
        bool,
    );

    #[test]
    fn colour_only_on_a_terminal_unless_forced() {
        use ColorWhen::*;
        let rows: &[ColourRow] = &[
            (Auto, &[], true, true),
            (Auto, &[], false, false),
            (Auto, &[("NO_COLOR", "1")], true, false),
            (Auto, &[("NO_COLOR", "")], true, true),
            (Auto, &[("TERM", "dumb")], true, false),
            (Auto, &[("CLICOLOR_FORCE", "1")], false, true),
            (Auto, &[("CLICOLOR_FORCE", "0")], false, false),
            (
                Auto,
                &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
                false,
                false,
            ),
            (Always, &[("NO_COLOR", "1")], false, true),
            (Never, &[("CLICOLOR_FORCE", "1")], true, false),
            (Auto, &[("CI", "true")], false, false),
        ];
        for (when, env, terminal, colour) in rows {
            assert_eq!(
                ui(*when, env, *terminal).styles.colour,
                *colour,
                "{when:?} {env:?} terminal: {terminal}"
            );
        }
    }

    #[test]
    fn the_bar_needs_a_terminal_outside_ci_and_not_quiet() {
        assert!(ui(ColorWhen::Auto, &[], true).progress_bar);
        assert!(!ui(ColorWhen::Auto, &[], false).progress_bar);
        assert!(!ui(ColorWhen::Auto, &[("CI", "true")], true).progress_bar);
        assert!(!ui(ColorWhen::Auto, &[("CI", "1")], true).progress_bar);
        assert!(ui(ColorWhen::Auto, &[("CI", "false")], true).progress_bar);
        let quiet = Ui::resolve(true, false, ColorWhen::Auto, |_| None, true);
        assert!(!quiet.progress_bar && quiet.quiet());
        let verbose = Ui::resolve(false, true, ColorWhen::Auto, |_| None, false);
        assert!(verbose.verbose());
    }

    #[test]
    fn plain_styles_add_nothing_and_colours_reset() {
        assert_eq!(Styles::PLAIN.error("error"), "error");
        let painted = Styles { colour: true }.error("error");
        assert!(painted.starts_with("\x1b[") && painted.ends_with("\x1b[0m"));
        assert!(painted.contains("error"));
    }
}
