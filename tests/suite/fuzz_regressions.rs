//! Every input a fuzz target once failed on, kept under `tests/fixtures/fuzz-regressions/
//! <target>/`, run through the same invariant checks the fuzzer asserts (`fuzz/src/lib.rs`,
//! included here as a module), so `cargo test` keeps them fixed without a nightly toolchain.

use std::panic::{AssertUnwindSafe, catch_unwind};

#[path = "../../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod invariants;

use super::support::fixture;

/// Runs `check` on every file of `fuzz-regressions/<target>/` and reports all that fail.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = fixture("fuzz-regressions").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no inputs", dir.display());
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if catch_unwind(AssertUnwindSafe(|| check(&data))).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} `{target}` regression inputs fail (the panic messages are above):\n{}",
        failed.len(),
        files.len(),
        failed.join("\n")
    );
}

#[test]
fn front_matter_regressions_keep_their_invariants() {
    replay("front_matter", invariants::front_matter);
}

#[test]
fn importer_regressions_keep_their_invariants() {
    replay("importer", invariants::importer);
}

#[test]
fn normalize_regressions_keep_their_invariants() {
    replay("normalize", invariants::normalize);
}

#[test]
fn text_thread_fixtures_keep_the_importer_invariants() {
    // The comment layouts of text copies (WordPress, Disqus-style, forum) drop the widget's
    // own lines with documented reasons; every reader's word must still be kept.
    let dir = fixture("text-threads");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let run = catch_unwind(AssertUnwindSafe(|| invariants::importer(&data)));
        assert!(
            run.is_ok(),
            "{} breaks the importer invariants",
            path.display()
        );
        n += 1;
    }
    assert!(n >= 3, "{} holds {n} inputs", dir.display());
}
