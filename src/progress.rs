//! Progress of a long command for the person watching it: a bar on stderr that the stages of a
//! build advance, and — for `--verbose` — how long each stage took and notes on what it did
//! (files loaded and skipped, edits per article).
//!
//! The stages call a [`Progress`] handle unconditionally: [`Progress::stage`] when a stage
//! starts, [`Progress::inc`] per item (from any thread), [`Progress::note`] for a verbose note.
//! A hidden handle — the default, and what every library caller gets unless the command line
//! asks for more — does nothing and allocates nothing. The bar itself is drawn only when the
//! command line decided it may be (stderr is a terminal, not CI, not `--quiet`), and only once
//! the command has run for [`Progress::DELAY`], so a quick build never flickers a bar.
//!
//! This module never decides *whether* to show anything (that is [`crate::term`]) and never
//! prints notes or timings itself: the command line prints [`Progress::finish`]'s report.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A handle the stages of a command report to. Cheap to clone (clones share one bar).
#[derive(Clone, Default)]
pub struct Progress {
    inner: Option<Arc<Inner>>,
}

struct Inner {
    bar: Option<Bar>,
    verbose: bool,
    state: Mutex<State>,
}

/// The bar, drawn to nothing until it has waited its delay out.
struct Bar {
    bar: ProgressBar,
    started: Instant,
    delay: Duration,
    shown: AtomicBool,
    /// Where the bar goes once shown; taken then.
    target: Mutex<Option<ProgressDrawTarget>>,
}

#[derive(Default)]
struct State {
    current: Option<(&'static str, usize, Instant)>,
    report: Report,
}

/// How long one stage took and how many items it handled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTiming {
    pub name: &'static str,
    pub items: usize,
    pub elapsed: Duration,
}

/// What a command's stages reported: every stage's timing, in order, and the verbose notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub stages: Vec<StageTiming>,
    pub notes: Vec<String>,
}

impl Progress {
    /// How long a command runs before its bar appears.
    pub const DELAY: Duration = Duration::from_millis(300);

    /// A handle that shows and records nothing.
    pub fn hidden() -> Progress {
        Progress::default()
    }

    /// A handle for the command line: `bar` draws a bar on stderr after [`Progress::DELAY`]
    /// (or `FOLIO_PROGRESS_DELAY_MS`, so a test can see the bar without a slow build);
    /// `verbose` keeps notes. Stage timings are kept either way. Neither: [`Progress::hidden`].
    pub fn new(bar: bool, verbose: bool) -> Progress {
        let delay = std::env::var("FOLIO_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Progress::DELAY, Duration::from_millis);
        Progress::with_target(bar.then(ProgressDrawTarget::stderr), delay, verbose)
    }

    /// [`Progress::new`] drawing to `target` after `delay` (tests draw to a fake terminal).
    fn with_target(target: Option<ProgressDrawTarget>, delay: Duration, verbose: bool) -> Progress {
        if target.is_none() && !verbose {
            return Progress::hidden();
        }
        let bar = target.map(|target| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len}") {
                bar.set_style(style.progress_chars("=> "));
            }
            Bar {
                bar,
                started: Instant::now(),
                delay,
                shown: AtomicBool::new(false),
                target: Mutex::new(Some(target)),
            }
        });
        Progress {
            inner: Some(Arc::new(Inner {
                bar,
                verbose,
                state: Mutex::new(State::default()),
            })),
        }
    }

    /// Whether notes are kept: a caller can skip work that only a note needs.
    pub fn is_verbose(&self) -> bool {
        self.inner.as_ref().is_some_and(|i| i.verbose)
    }

    /// Ends the current stage (recording its time) and starts `name`, which has `items` steps
    /// (0 when it has none worth counting).
    pub fn stage(&self, name: &'static str, items: usize) {
        let Some(inner) = &self.inner else {
            return;
        };
        let now = Instant::now();
        let mut state = inner.lock();
        state.end_stage(now);
        state.current = Some((name, items, now));
        drop(state);
        if let Some(bar) = &inner.bar {
            bar.bar.set_prefix(name);
            bar.bar.set_length(items as u64);
            bar.bar.set_position(0);
            bar.show_when_due();
        }
    }

    /// One step of the current stage done. Safe to call from the stage's worker threads.
    pub fn inc(&self) {
        if let Some(bar) = self.inner.as_ref().and_then(|i| i.bar.as_ref()) {
            bar.bar.inc(1);
            bar.show_when_due();
        }
    }

    /// Keeps a note for `--verbose`; `note` is only called when notes are kept.
    pub fn note(&self, note: impl FnOnce() -> String) {
        if let Some(inner) = self.inner.as_ref().filter(|i| i.verbose) {
            let note = note();
            inner.lock().report.notes.push(note);
        }
    }

    /// Ends the last stage, clears the bar and returns what was reported. A hidden handle
    /// returns an empty report.
    pub fn finish(&self) -> Report {
        let Some(inner) = &self.inner else {
            return Report::default();
        };
        if let Some(bar) = &inner.bar {
            bar.bar.finish_and_clear();
        }
        let mut state = inner.lock();
        state.end_stage(Instant::now());
        std::mem::take(&mut state.report)
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A note or a timing is all a panicking thread could have left half-written.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl State {
    fn end_stage(&mut self, now: Instant) {
        if let Some((name, items, started)) = self.current.take() {
            self.report.stages.push(StageTiming {
                name,
                items,
                elapsed: now.duration_since(started),
            });
        }
    }
}

impl Bar {
    fn show_when_due(&self) {
        if self.shown.load(Ordering::Relaxed) || self.started.elapsed() < self.delay {
            return;
        }
        let target = self.target.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(target) = target {
            self.shown.store(true, Ordering::Relaxed);
            self.bar.set_draw_target(target);
        }
    }
}

impl fmt::Debug for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Progress")
            .field("bar", &self.inner.as_ref().is_some_and(|i| i.bar.is_some()))
            .field("verbose", &self.is_verbose())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A terminal that records what is written to it.
    #[derive(Debug, Default, Clone)]
    struct Screen(Arc<Mutex<String>>);

    impl Screen {
        fn text(&self) -> String {
            self.0.lock().unwrap().clone()
        }
    }

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            80
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(&format!("{s}\n"));
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str("<clear>");
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn on_screen(delay: Duration) -> (Progress, Screen) {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        (Progress::with_target(Some(target), delay, false), screen)
    }

    #[test]
    fn the_bar_shows_the_stage_and_its_count_once_due() {
        let (progress, screen) = on_screen(Duration::ZERO);
        progress.stage("normalize", 3);
        progress.inc();
        progress.inc();
        // Draws are rate-limited; a finished stage is drawn whatever the rate.
        progress.inc();
        let drawn = screen.text();
        assert!(drawn.contains("normalize ["), "{drawn:?}");
        assert!(drawn.contains("/3"), "{drawn:?}");
        progress.finish();
        assert!(screen.text().ends_with("<clear>"), "{:?}", screen.text());
    }

    #[test]
    fn a_quick_command_never_draws_its_bar() {
        let (progress, screen) = on_screen(Duration::from_secs(3600));
        progress.stage("load", 2);
        progress.inc();
        progress.inc();
        progress.finish();
        assert_eq!(screen.text(), "");
    }

    #[test]
    fn a_hidden_handle_records_nothing() {
        let progress = Progress::hidden();
        progress.stage("load", 2);
        progress.inc();
        progress.note(|| unreachable!("notes of a hidden handle are never made"));
        assert!(!progress.is_verbose());
        assert_eq!(progress.finish(), Report::default());
    }

    #[test]
    fn stages_are_timed_in_order_and_notes_kept_when_verbose() {
        let progress = Progress::new(false, true);
        progress.stage("load", 2);
        progress.note(|| "loaded a.md".to_string());
        std::thread::sleep(Duration::from_millis(5));
        progress.stage("render", 0);
        let report = progress.finish();
        let names: Vec<_> = report.stages.iter().map(|s| (s.name, s.items)).collect();
        assert_eq!(names, [("load", 2), ("render", 0)]);
        assert!(report.stages[0].elapsed >= Duration::from_millis(5));
        assert_eq!(report.notes, ["loaded a.md"]);
    }

    #[test]
    fn workers_on_many_threads_count_every_step() {
        let (progress, _screen) = on_screen(Duration::ZERO);
        progress.stage("html", 400);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| (0..100).for_each(|_| progress.inc()));
            }
        });
        let bar = &progress.inner.as_ref().unwrap().bar.as_ref().unwrap().bar;
        assert_eq!(bar.position(), 400);
    }
}
