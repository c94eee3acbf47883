//! Must-fail fixtures: each folder under `tests/fixtures/invalid/` is a book that must not
//! build. Its `expected.txt` holds the exact error output (re-bless with `FOLIO_BLESS=1`).

use super::support::{TestBook, fixture};

#[test]
fn invalid_books_fail_with_located_errors_and_exit_code_1() {
    let root = fixture("invalid");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "fixtures are missing");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let book = TestBook::copy_of(case);
        // The expectation file is not part of the book.
        let _ = std::fs::remove_file(book.path().join("expected.txt"));
        let run = book.run(&["build"]);
        if run.code != 1 {
            failures.push(format!(
                "{name}: exit code {} (want 1)\n{}",
                run.code, run.stderr
            ));
            continue;
        }
        if run.stderr.contains("panicked") {
            failures.push(format!("{name}: panicked\n{}", run.stderr));
        }
        let expected_path = case.join("expected.txt");
        if std::env::var_os("FOLIO_BLESS").is_some() {
            std::fs::write(&expected_path, &run.stderr).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != run.stderr {
            failures.push(format!(
                "{name}: stderr differs\n--- expected\n{expected}--- actual\n{}",
                run.stderr
            ));
        }
        assert!(
            !book.path().join("public").exists(),
            "{name}: a failed build wrote output"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
