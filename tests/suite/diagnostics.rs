//! How folio talks to a person: `--quiet` prints nothing but errors, `--verbose` adds stage
//! timings and notes, colour appears only on a terminal or when forced and never in a pipe,
//! a progress bar only on a terminal outside CI, and the closing summary line.

use std::path::Path;

use super::support::{TestBook, fixture, folio_bare, repo};

/// `ESC [`: the start of every colour or cursor sequence.
const ESCAPE: &str = "\x1b[";

/// `text` without its ANSI sequences (`ESC [ … letter`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('\x1b') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let end = tail
            .strip_prefix('[')
            .and_then(|t| t.find(|c: char| c.is_ascii_alphabetic()).map(|k| k + 2))
            .unwrap_or(1);
        rest = &tail[end.min(tail.len())..];
    }
    out.push_str(rest);
    out
}

#[test]
fn quiet_build_prints_nothing_and_still_builds() {
    let book = TestBook::bundled();
    for flag in ["-q", "--quiet"] {
        let run = book.run(&["build", flag]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stderr, "", "{flag}");
        assert_eq!(run.stdout, "", "{flag}");
        assert!(book.path().join("public/index.html").is_file());
    }
    // A global flag: accepted before the subcommand too.
    let run = book.run(&["--quiet", "build"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

#[test]
fn quiet_keeps_every_error_exactly() {
    let book = TestBook::copy_of(&fixture("invalid/several_problems"));
    let expected = std::fs::read_to_string(fixture("invalid/several_problems/expected.txt"))
        .expect("expected.txt");
    let run = book.run(&["build", "-q"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, expected);
}

#[test]
fn quiet_check_prints_errors_but_not_warnings_or_the_tally() {
    let book = TestBook::copy_of(&fixture("check_findings"));
    let run = book.run(&["check", "-q"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[1/5] broken-link"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("error[2/5] missing-anchor"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    assert!(
        !run.stderr.contains("2 errors, 3 warnings"),
        "{}",
        run.stderr
    );

    assert!(!run.stderr.contains("note"), "{}", run.stderr);

    // With --strict the warnings fail the check, so they are errors worth printing; notes
    // never fail it and stay quiet.
    let strict = book.run(&["check", "-q", "--strict"]);
    assert!(
        strict.stderr.contains("warning[4/5] no-date"),
        "{}",
        strict.stderr
    );
    assert!(
        !strict.stderr.contains("glossary-unused"),
        "{}",
        strict.stderr
    );
}

#[test]
fn quiet_init_import_and_eject_say_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let run = super::support::folio(dir.path(), &["init", "-q"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let scrape = repo().join("content/000_d38183c82872033f.txt");
    let run = super::support::folio(
        dir.path(),
        &[
            "import",
            "-q",
            scrape.to_str().unwrap(),
            "--out",
            "imported",
        ],
    );
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{}", run.stderr);
    assert!(
        dir.path()
            .join("imported/huawei-memo-software-domination.md")
            .is_file()
    );
    let run = super::support::folio(dir.path(), &["theme", "eject", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn quiet_and_verbose_conflict() {
    let book = TestBook::bundled();
    let run = book.run(&["build", "-q", "-v"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn verbose_build_prints_stage_timings_and_what_each_file_became() {
    let book = TestBook::bundled();
    book.write("content/notes.rtf", b"not an article");
    book.write("content/.draft.md", b"# Draft\n");
    let run = book.run(&["build", "-v"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let err = &run.stderr;
    for stage in ["load", "normalize", "theme", "html", "epub"] {
        let line = err
            .lines()
            .find(|l| l.starts_with(&format!("time: {stage} ")))
            .unwrap_or_else(|| panic!("no timing for {stage}:\n{err}"));
        assert!(line.contains(" ms"), "{line}");
    }
    assert!(err.contains("time: load "), "{err}");
    assert!(
        err.lines()
            .any(|l| l.starts_with("time: load") && l.ends_with("2 files")),
        "{err}"
    );
    assert!(
        err.contains(
            "note: loaded content/000_d38183c82872033f.txt as `huawei-memo-software-domination`: 7 blocks, 10 comments\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("note: skipped content/notes.rtf: not .md, .txt, .html or .htm\n"),
        "{err}"
    );
    assert!(
        err.contains("note: skipped content/.draft.md: hidden file\n"),
        "{err}"
    );
    assert!(
        err.contains("note: normalized content/004_611866cacb151b58.txt: 120 edits ("),
        "{err}"
    );
    // The summary still closes the run.
    assert!(
        err.trim_end()
            .lines()
            .last()
            .is_some_and(|l| l.starts_with("Built 2 articles, 10 comments")),
        "{err}"
    );
}

#[test]
fn verbose_check_and_normalize_and_import_tell_what_they_did() {
    let book = TestBook::bundled();
    let run = book.run(&["check", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("time: links "), "{}", run.stderr);

    let run = book.run(&[
        "normalize",
        "-v",
        "content/004_611866cacb151b58.txt",
        "--diff",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: content/004_611866cacb151b58.txt: 123 edits ("),
        "{}",
        run.stderr
    );

    let run = book.run(&["import", "-v", "content/004_611866cacb151b58.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "note: content/004_611866cacb151b58.txt:187: removed (image credit): Picture source: visual China"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn no_escape_codes_in_a_pipe() {
    // Tests run with stderr and stdout as pipes: what CI and `2> log` get.
    let broken = TestBook::copy_of(&fixture("invalid/several_problems"));
    let findings = TestBook::copy_of(&fixture("check_findings"));
    let good = TestBook::bundled();
    let runs = [
        folio_bare(broken.path(), &["build"], &[]),
        folio_bare(broken.path(), &["build", "-v"], &[]),
        folio_bare(findings.path(), &["check"], &[]),
        folio_bare(good.path(), &["build", "-v"], &[]),
        folio_bare(good.path(), &["build"], &[("CI", "true")]),
    ];
    for run in &runs {
        assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
        assert!(!run.stdout.contains('\x1b'), "{:?}", run.stdout);
        assert!(
            !run.stderr.contains('\r'),
            "a progress bar drew: {:?}",
            run.stderr
        );
    }
    assert!(runs[0].stderr.starts_with("error[1/2]: content/a.md:3:7:"));
}

#[test]
fn usage_errors_follow_the_colour_flag_too() {
    let book = TestBook::bundled();
    let plain = "error: unrecognized subcommand 'buidl'";
    let always = [
        folio_bare(book.path(), &["--color", "always", "buidl"], &[]),
        folio_bare(book.path(), &["buidl", "--color=always"], &[]),
    ];
    for run in &always {
        assert_eq!(run.code, 2);
        assert!(
            run.stderr.contains("\x1b[1m\x1b[31merror:"),
            "{:?}",
            run.stderr
        );
        assert!(
            strip_ansi(&run.stderr).starts_with(plain),
            "{:?}",
            run.stderr
        );
    }
    let never = [
        folio_bare(
            book.path(),
            &["--color", "never", "buidl"],
            &[("CLICOLOR_FORCE", "1")],
        ),
        // The flag's value is itself wrong: clap decides, and a pipe gets no colour.
        folio_bare(book.path(), &["build", "--color", "sometimes"], &[]),
        // After `--` nothing is a flag.
        folio_bare(book.path(), &["buidl", "--", "--color=always"], &[]),
    ];
    for run in &never {
        assert_eq!(run.code, 2);
        assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    }
    assert!(never[0].stderr.starts_with(plain));
}

#[test]
fn colour_when_forced_and_the_same_text_underneath() {
    let book = TestBook::copy_of(&fixture("invalid/several_problems"));
    let expected = std::fs::read_to_string(fixture("invalid/several_problems/expected.txt"))
        .expect("expected.txt");
    let forced = [
        folio_bare(book.path(), &["build", "--color", "always"], &[]),
        folio_bare(book.path(), &["build"], &[("CLICOLOR_FORCE", "1")]),
    ];
    for run in &forced {
        assert_eq!(run.code, 1);
        // The label in bold red, the caret too, the hint in cyan.
        assert!(
            run.stderr
                .contains("\x1b[1m\x1b[31merror[1/2]\x1b[0m: content/a.md:3:7:"),
            "{:?}",
            run.stderr
        );
        assert!(
            run.stderr.contains("\x1b[1m\x1b[31m^\x1b[0m"),
            "{:?}",
            run.stderr
        );
        assert!(
            run.stderr
                .contains("\x1b[1m\x1b[36mhint:\x1b[0m did you mean `slug`?")
        );
        assert_eq!(strip_ansi(&run.stderr), expected);
    }
    let never = [
        folio_bare(
            book.path(),
            &["build", "--color", "never"],
            &[("CLICOLOR_FORCE", "1")],
        ),
        folio_bare(
            book.path(),
            &["build"],
            &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
        ),
    ];
    for run in &never {
        assert_eq!(run.stderr, expected);
    }

    let findings = TestBook::copy_of(&fixture("check_findings"));
    let run = folio_bare(findings.path(), &["check", "--color=always"], &[]);
    assert!(
        run.stderr
            .contains("\x1b[1m\x1b[33mwarning[3/5]\x1b[0m glossary-case"),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("\x1b[1m\x1b[32mnote[5/5]\x1b[0m glossary-unused"),
        "{:?}",
        run.stderr
    );
}

#[test]
fn the_summary_line_counts_articles_comments_outputs_and_time() {
    use folio::build::BuildSummary;
    let summary =
        |articles, comments, dir: &str, outputs: Vec<&'static str>, seconds| BuildSummary {
            articles,
            comments,
            output_dir: dir.into(),
            outputs,
            seconds,
            edits: 0,
            edited_articles: 0,
            reused: 0,
            drafts: 0,
            warnings: Vec::new(),
            up_to_date: false,
        };
    let shown = |s: BuildSummary| s.to_string();
    assert_eq!(
        shown(BuildSummary {
            drafts: 1,
            ..summary(2, 10, "public", vec!["html"], 0.5)
        }),
        "Built 2 articles, 10 comments → public (html) in 0.50 s; 1 draft left out (--drafts builds it)"
    );
    assert_eq!(
        shown(BuildSummary {
            drafts: 3,
            ..summary(2, 10, "public", vec!["html"], 0.5)
        }),
        "Built 2 articles, 10 comments → public (html) in 0.50 s; 3 drafts left out (--drafts builds them)"
    );
    assert_eq!(
        shown(BuildSummary {
            up_to_date: true,
            ..summary(2, 10, "public", vec!["html", "epub"], 0.004)
        }),
        "Up to date: 2 articles, 10 comments → public (html, epub) in 0.00 s"
    );
    let summary = |articles, comments, dir: &str, outputs, seconds| {
        shown(summary(articles, comments, dir, outputs, seconds))
    };
    assert_eq!(
        summary(2, 10, "./public", vec!["html", "epub"], 0.0812),
        "Built 2 articles, 10 comments → public (html, epub) in 0.08 s"
    );
    assert_eq!(
        summary(1, 1, "/srv/site", vec!["html"], 12.345),
        "Built 1 article, 1 comment → /srv/site (html) in 12.35 s"
    );
}

// ---------------------------------------------------------------------------------------------
// On a real terminal: a pseudo-terminal as stderr.

/// Runs `folio ARGS` in `dir` with stderr on a new pseudo-terminal and returns what it drew.
fn on_terminal(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    use std::io::Read;
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the integers it is given; the null
    // name, termios and window-size pointers are allowed and ask for the defaults.
    let ok = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(ok, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (mut master, slave) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .env("TERM", "xterm")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(slave)
        .spawn()
        .expect("the folio binary runs");
    // Read while it runs: a terminal's buffer is small and a full one would block folio. The
    // parent's copy of the slave went with the Command, so the read ends (EIO on Linux) when
    // folio exits.
    let reader = std::thread::spawn(move || {
        let mut drawn = Vec::new();
        let _ = master.read_to_end(&mut drawn);
        drawn
    });
    let code = child.wait().expect("folio ends").code().unwrap_or(-1);
    let drawn = reader.join().expect("the reader thread ends");
    (code, String::from_utf8_lossy(&drawn).into_owned())
}

#[test]
fn errors_are_coloured_on_a_terminal() {
    let book = TestBook::copy_of(&fixture("invalid/several_problems"));
    let (code, drawn) = on_terminal(book.path(), &["build"], &[]);
    assert_eq!(code, 1);
    assert!(drawn.contains("\x1b[1m\x1b[31merror[1/2]"), "{drawn:?}");
    let (_, plain) = on_terminal(book.path(), &["build"], &[("NO_COLOR", "1")]);
    assert!(!plain.contains(ESCAPE), "{plain:?}");
    assert!(plain.contains("error[1/2]: content/a.md:3:7:"), "{plain:?}");
}

/// A book of 26 articles: the bundled two and copies of the translated scrape.
fn long_book() -> TestBook {
    let book = TestBook::bundled();
    let scrape = book.read("content/004_611866cacb151b58.txt");
    for k in 0..24 {
        let copy = scrape.replace(
            "slug: huawei-and-bytedance-go-global",
            &format!("slug: copy-{k:02}"),
        );
        book.write(&format!("content/copy-{k:02}.txt"), copy.as_bytes());
    }
    book
}

/// The bar waits [`folio::progress::Progress::DELAY`] before it draws; the test sets the delay
/// to zero so that the bar's presence does not depend on how fast this machine builds.
#[test]
fn a_long_build_shows_a_progress_bar_on_a_terminal_but_not_in_ci() {
    let book = long_book();
    let now = [("FOLIO_PROGRESS_DELAY_MS", "0")];
    let (code, drawn) = on_terminal(book.path(), &["build"], &now);
    assert_eq!(code, 0, "{drawn}");
    assert!(
        drawn.contains("/26"),
        "no bar over the 26 articles: {drawn:?}"
    );
    assert!(drawn.contains(" ["), "{drawn:?}");
    assert!(drawn.contains("Built 26 articles"), "{drawn:?}");

    for (args, env) in [
        (&["build"][..], &[("CI", "true"), now[0]][..]),
        (&["build", "--quiet"][..], &now[..]),
    ] {
        let (code, drawn) = on_terminal(book.path(), args, env);
        assert_eq!(code, 0, "{drawn}");
        assert!(!drawn.contains("/26"), "{args:?} {env:?}: {drawn:?}");
    }
}
