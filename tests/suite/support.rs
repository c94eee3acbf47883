//! A small harness in the spirit of mdBook's `BookTest`: copy a fixture book into a temporary
//! folder, run the real binary on it, and look at files, stdout, stderr and the exit code.

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests").join("fixtures").join(name)
}

/// A raw sample scrape, exactly as it was collected (`tests/fixtures/seeds/`; the bundled
/// `content/` holds the same articles with front matter added).
pub fn seed(name: &str) -> PathBuf {
    fixture("seeds").join(name)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `folio ARGS` in `dir`.
pub fn folio(dir: &Path, args: &[&str]) -> Run {
    folio_env(dir, args, &[])
}

/// Runs `folio ARGS` in `dir` with extra environment variables. `SOURCE_DATE_EPOCH` is
/// removed unless given, so a caller's environment cannot change the output under test.
pub fn folio_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    command.env("NO_COLOR", "1");
    run(command, dir, args, env)
}

/// Runs `command` (the folio binary) in `dir` with `args`, `SOURCE_DATE_EPOCH` removed and
/// `env` added.
fn run(mut command: Command, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out = command
        .args(args)
        .current_dir(dir)
        .env("FOLIO_CACHE_DIR", cache_dir())
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("the folio binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The folder the folio runs of the tests keep their up-to-date records in: in the build's
/// own temporary folder (`target/tmp`), never the user's cache. Records are named by the
/// output's path, and every test book has its own.
pub fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("folio-cache")
}

/// Runs `folio ARGS` in `dir` with none of the variables that choose colour or progress
/// (`NO_COLOR`, `CLICOLOR_FORCE`, `CI`, `TERM`) unless `env` sets them: what a person gets
/// in a plain pipe, whatever the environment of the test run.
pub fn folio_bare(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "CI", "TERM"] {
        command.env_remove(name);
    }
    run(command, dir, args, env)
}

/// A copy of a book in a temporary folder, deleted when dropped.
pub struct TestBook {
    pub dir: tempfile::TempDir,
}

impl TestBook {
    /// Copies `src` (a book folder) into a fresh temporary folder, without its `expected/`
    /// output tree (see `golden.rs`).
    pub fn copy_of(src: &Path) -> TestBook {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(src, dir.path());
        let _ = std::fs::remove_dir_all(dir.path().join("expected"));
        TestBook { dir }
    }

    /// The repository's own bundled book (book.yaml, content/, themes/ if any).
    pub fn bundled() -> TestBook {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::copy(repo().join("book.yaml"), dir.path().join("book.yaml")).unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        TestBook { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(&self, args: &[&str]) -> Run {
        folio(self.path(), args)
    }

    /// Builds and asserts success.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.path().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    }

    pub fn write(&self, rel: &str, contents: &[u8]) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
    }
}

pub fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).unwrap();
    for entry in std::fs::read_dir(src).unwrap_or_else(|e| panic!("{}: {e}", src.display())) {
        let entry = entry.unwrap();
        let target = dst.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The `<main>` element of a page: the part golden files compare.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// Occurrences of `needle` in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// A validator named by environment variable `var` (a path), for tests that run real tools.
/// Missing: `None` locally (the test says so and passes), but a failure when
/// `FOLIO_REQUIRE_VALIDATORS` is set, as `.ci/run` does — CI must never skip these.
pub fn validator(var: &str, what: &str) -> Option<PathBuf> {
    match std::env::var_os(var).map(PathBuf::from) {
        Some(path) => {
            assert!(path.exists(), "{var}={} does not exist", path.display());
            Some(path)
        }
        None => {
            assert!(
                std::env::var_os("FOLIO_REQUIRE_VALIDATORS").is_none(),
                "{what} is required (FOLIO_REQUIRE_VALIDATORS is set) but {var} is not set"
            );
            eprintln!("note: {what} not run; set {var} (`.ci/run` does)");
            None
        }
    }
}

/// Every file below `dir` as (relative `/` path, full path), in no particular order.
pub fn files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, path));
            }
        }
    }
    out
}

/// Every file of an output folder (relative `/` path → bytes), sorted.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    files(dir)
        .into_iter()
        .map(|(rel, path)| (rel, std::fs::read(path).unwrap()))
        .collect()
}

/// (author, depth, datetime) of every comment of the bundled memo article, in thread order:
/// what the HTML page and the EPUB chapter must both show.
pub const MEMO_THREAD: [(&str, usize, &str); 10] = [
    ("happiman", 0, "2021-05-25T17:07:00"),
    ("Nobby6", 1, "2021-05-26T01:31:00"),
    ("Carlos", 0, "2021-05-25T18:04:00"),
    ("Cletus the Clown", 0, "2021-05-26T10:40:00"),
    ("happiman", 1, "2021-05-27T05:37:00"),
    ("Cletus the Clown", 2, "2021-05-27T08:23:00"),
    ("Scott Bicheno", 3, "2021-05-27T09:39:00"),
    ("Cheap-spaghetti", 0, "2021-05-26T16:25:00"),
    ("José Luis Suarez", 0, "2021-05-29T17:03:00"),
    ("Nigeria", 0, "2021-05-29T19:11:00"),
];
