//! Attacks on the output protocol and on the paths folio writes (see `src/output.rs`,
//! `src/fs.rs`, `check_output_dir` in `src/config/mod.rs`): outputs that overlap the content
//! or hold the book, links out of the book, builds killed or interrupted at any moment,
//! debris of killed builds, read-only and tampered outputs, the user's own files in the
//! output, in-place rewrites that must keep mode, owner and links, concurrent builds.
//!
//! Every test works in temporary folders only, every wait is bounded, and servers listen on
//! 127.0.0.1 only.

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::support::{TestBook, folio, folio_env, tree};

/// A bound on every wait; only reached when something is wrong.
const PATIENCE: Duration = Duration::from_secs(120);
const MEMO: &str = "huawei-memo-software-domination";
const MT: &str = "huawei-and-bytedance-go-global";
/// The uid and gid a root test run drops to where permissions must matter.
const NOBODY: u32 = 65534;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The bundled book plus `copies` copies of the translated scrape, so a build takes long
/// enough to be interrupted in the middle (the trick of `diagnostics.rs`' `long_book`).
fn book_with_copies(copies: usize) -> TestBook {
    let book = TestBook::bundled();
    let scrape = book.read("content/004_611866cacb151b58.txt");
    for k in 0..copies {
        let copy = scrape.replace(&format!("slug: {MT}"), &format!("slug: copy-{k:02}"));
        book.write(&format!("content/copy-{k:02}.txt"), copy.as_bytes());
    }
    book
}

/// `folio ARGS` in `dir`, running in the background with its output discarded.
fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the folio binary runs")
}

/// Waits for `child` at most `limit`; kills it and fails the test if it runs longer.
fn wait_bounded(child: &mut Child, limit: Duration, what: &str) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            return status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: folio still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Sends `signal` to the (still running or not yet reaped) `child`.
fn send(child: &Child, signal: libc::c_int) {
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    // SAFETY: kill takes plain integers; the child is ours and not yet reaped, so the pid
    // cannot have been reused.
    let rc = unsafe { libc::kill(pid, signal) };
    assert_eq!(
        rc,
        0,
        "kill({pid}, {signal}): {}",
        std::io::Error::last_os_error()
    );
}

/// True when the process ended because of `signal`, or exited with 128 + something (the
/// shell's way of saying so).
fn ended_by_signal(status: ExitStatus, signal: libc::c_int) -> bool {
    status.signal() == Some(signal) || status.code().is_some_and(|c| c >= 128)
}

/// Names of entries of `dir` that contain `part`, sorted.
fn names_containing(dir: &Path, part: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(part))
        .collect();
    names.sort();
    names
}

/// Polls `dir` until an entry whose name starts with `prefix` appears, `child` ends, or
/// `limit` passes. True when the entry was seen while the child still ran.
fn appears_while_running(dir: &Path, prefix: &str, child: &mut Child, limit: Duration) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        let seen = std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(prefix))
        });
        if seen {
            return child.try_wait().expect("try_wait").is_none();
        }
        if child.try_wait().expect("try_wait").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    false
}

/// Every entry under `dir`, links not followed: folders as `dir`, links as `-> target`, files
/// by their bytes. Catches a folder created or a link replaced, which [`tree`] would not.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(dir).unwrap().display().to_string();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let value = if meta.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(&path).unwrap().display()).into_bytes()
            } else if meta.is_dir() {
                stack.push(path);
                b"dir".to_vec()
            } else {
                std::fs::read(&path).unwrap()
            };
            out.insert(rel, value);
        }
    }
    out
}

/// Two output trees hold the same files with the same bytes; the failure names the files
/// that differ rather than printing megabytes.
fn assert_same_tree(got: &BTreeMap<String, Vec<u8>>, want: &BTreeMap<String, Vec<u8>>, what: &str) {
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let differ: Vec<&String> = want
        .iter()
        .filter(|(k, v)| got.get(*k).is_some_and(|g| g != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "{what}: the output is not the complete build\n  missing: {missing:?}\n  extra: {extra:?}\n  different bytes: {differ:?}"
    );
}

/// The tree of a clean build of `book` into a folder outside it (the output folder's name and
/// place do not change a byte: checked by `the_reference_does_not_depend_on_the_output_path`).
fn reference_tree(book: &TestBook) -> BTreeMap<String, Vec<u8>> {
    let elsewhere = tempfile::tempdir().unwrap();
    let site = elsewhere.path().join("site");
    let run = folio(
        book.path(),
        &[
            "build",
            "--clean",
            "--quiet",
            "--out",
            site.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "reference build: {}", run.stderr);
    tree(&site)
}

/// A small deterministic generator (xorshift64*), so a failing delay can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

/// Gives every entry under `dir` (and `dir`) to `uid:gid`, links themselves not followed.
fn chown_tree(dir: &Path, uid: u32, gid: u32) {
    std::os::unix::fs::lchown(dir, Some(uid), Some(gid)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        std::os::unix::fs::lchown(&path, Some(uid), Some(gid)).unwrap();
        if std::fs::symlink_metadata(&path).unwrap().is_dir() {
            chown_tree(&path, uid, gid);
        }
    }
}

/// Makes every folder under `dir` writable again, so a temporary folder can be deleted.
fn make_writable(dir: &Path) {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return;
    };
    if meta.is_dir() {
        let _ = std::fs::set_permissions(
            dir,
            std::fs::Permissions::from_mode(meta.mode() & 0o7777 | 0o700),
        );
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                make_writable(&entry.path());
            }
        }
    }
}

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    let link = link.as_ref();
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(target.as_ref(), link).unwrap();
}

fn book_name(book: &TestBook) -> String {
    book.path()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

// ---------------------------------------------------------------------------------------
// 1. Outputs that overlap the content folder or hold the book
// ---------------------------------------------------------------------------------------

#[test]
fn out_through_dotdot_into_content_is_refused() {
    let book = TestBook::bundled();
    let content = book.path().join("content");
    let before = snapshot(&content);
    let out = format!("../{}/content/gen", book_name(&book));
    let run = book.run(&["build", "--out", &out]);
    assert_eq!(run.code, 1, "{out}: {}", run.stderr);
    assert!(
        run.stderr.contains("overlaps the content folder"),
        "{out}: {}",
        run.stderr
    );
    assert_eq!(snapshot(&content), before, "{out}: content/ changed");
    assert!(!content.join("gen").exists());
}

#[test]
fn out_through_dotdot_onto_content_with_a_planted_marker_is_refused() {
    let book = TestBook::bundled();
    let content = book.path().join("content");
    // A marker says "folio made this folder": the old check let such a folder be replaced.
    book.write("content/.folio-output", b"");
    let before = snapshot(&content);
    let out = format!("../{}/content", book_name(&book));
    let run = book.run(&["build", "--out", &out]);
    assert_eq!(run.code, 1, "{out}: {}", run.stderr);
    assert!(
        run.stderr.contains("overlaps the content folder"),
        "{out}: {}",
        run.stderr
    );
    assert_eq!(snapshot(&content), before, "{out}: content/ changed");
    for article in ["000_d38183c82872033f.txt", "004_611866cacb151b58.txt"] {
        assert!(content.join(article).is_file(), "{article} is gone");
    }
}

#[test]
fn out_spelled_any_other_way_into_content_is_refused() {
    let book = TestBook::bundled();
    let content = book.path().join("content");
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("looks-harmless");
    symlink(&content, &link);
    let before = snapshot(book.path());
    let outs = [
        content.display().to_string(),
        content.join("gen").display().to_string(),
        "content/./gen".to_string(),
        "./content/../content/gen".to_string(),
        link.display().to_string(),
        link.join("gen").display().to_string(),
    ];
    for out in &outs {
        let run = book.run(&["build", "--out", out]);
        assert_eq!(run.code, 1, "{out}: {}", run.stderr);
        assert!(
            run.stderr.contains("overlaps the content folder"),
            "{out}: {}",
            run.stderr
        );
        assert_eq!(snapshot(book.path()), before, "{out}: the book changed");
    }
    // The same spellings in book.yaml, and a link inside the book that leads to content/.
    symlink("content", book.path().join("alias"));
    let yaml = book.read("book.yaml");
    for out in ["content/./gen", "content/.", "alias", "alias/gen"] {
        book.write("book.yaml", format!("{yaml}output_dir: {out}\n").as_bytes());
        let run = book.run(&["build"]);
        assert_eq!(run.code, 1, "output_dir: {out}: {}", run.stderr);
        assert!(
            run.stderr.contains("overlaps the content folder"),
            "output_dir: {out}: {}",
            run.stderr
        );
        assert_eq!(
            snapshot(&content),
            before_content(&before),
            "output_dir: {out}"
        );
    }
}

/// The `content/…` entries of a book snapshot, relative to `content/`.
fn before_content(book: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    book.iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("content/")?.to_string(), v.clone())))
        .collect()
}

#[test]
fn out_at_the_book_folder_or_a_folder_holding_it_is_refused() {
    let book = TestBook::bundled();
    let before = snapshot(book.path());

    // The book folder itself, spelled as `.`, by its absolute path, and through a link.
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("book-link");
    symlink(book.path(), &link);
    for out in [
        ".".to_string(),
        book.path().display().to_string(),
        format!("../{}/", book_name(&book)),
        link.display().to_string(),
    ] {
        let run = book.run(&["build", "--out", &out]);
        assert_eq!(run.code, 1, "{out}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("the output folder would be the book folder itself"),
            "{out}: {}",
            run.stderr
        );
        assert_eq!(snapshot(book.path()), before, "{out}: the book changed");
    }

    // `/`, the temporary folder the book lives in (`/tmp` unless TMPDIR says otherwise) and
    // `..`: each holds the book, and the message says so (not "the book folder itself").
    let temp = std::env::temp_dir();
    for out in [
        "/".to_string(),
        temp.display().to_string(),
        "..".to_string(),
    ] {
        let run = book.run(&["build", "--out", &out]);
        assert_eq!(run.code, 1, "{out}: {}", run.stderr);
        assert!(
            run.stderr.contains("contains the book folder"),
            "{out}: {}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("book folder itself"),
            "{out}: {}",
            run.stderr
        );
        assert_eq!(snapshot(book.path()), before, "{out}: the book changed");
    }
}

// ---------------------------------------------------------------------------------------
// 2. Theme folders linked out of the book
// ---------------------------------------------------------------------------------------

const SECRET: &str = "OUTSIDE-SECRET-7f3a";

#[test]
fn theme_folders_linked_outside_the_book_fail_the_build_and_publish_nothing() {
    for folder in ["static", "templates"] {
        let book = TestBook::bundled();
        book.build();
        let public = book.path().join("public");
        let published = tree(&public);
        let outside = tempfile::tempdir().unwrap();
        let real = outside.path().join(folder);
        std::fs::create_dir_all(&real).unwrap();
        std::fs::write(real.join("secret.css"), SECRET).unwrap();
        std::fs::write(
            real.join("footer.html"),
            format!("<footer>{SECRET}</footer>"),
        )
        .unwrap();
        symlink(&real, book.path().join("themes/default").join(folder));

        let run = book.run(&["build"]);
        assert_eq!(run.code, 1, "{folder}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "themes/default/{folder}: symbolic link leads outside the book folder"
            )),
            "{folder}: {}",
            run.stderr
        );
        assert_same_tree(&tree(&public), &published, folder);
        for (name, bytes) in tree(&public) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(SECRET),
                "{folder}: public/{name} has the outside file's text"
            );
        }
    }
}

#[test]
fn theme_eject_through_a_link_out_of_the_book_writes_nothing_outside() {
    // Each case: where the link is, and whether it points at a folder or a file.
    for (link, target_is_dir) in [
        ("themes/default/templates", true),
        ("themes/default", true),
        ("themes", true),
        ("themes/default/templates/base.html", false),
        ("themes/default/static/style.css", false),
    ] {
        let book = TestBook::bundled();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("target");
        if target_is_dir {
            std::fs::create_dir_all(&target).unwrap();
            std::fs::write(target.join("keep.txt"), SECRET).unwrap();
        } else {
            std::fs::write(&target, SECRET).unwrap();
        }
        symlink(&target, book.path().join(link));
        let before = snapshot(outside.path());

        let run = book.run(&["theme", "eject", "--force"]);
        assert_eq!(run.code, 1, "{link}: {}\n{}", run.stdout, run.stderr);
        assert!(
            run.stderr.contains("leads outside the book folder"),
            "{link}: {}",
            run.stderr
        );
        assert_eq!(
            snapshot(outside.path()),
            before,
            "{link}: eject wrote outside the book"
        );
    }
}

#[test]
fn theme_eject_through_a_dangling_link_creates_nothing_outside() {
    let book = TestBook::bundled();
    let outside = tempfile::tempdir().unwrap();
    let nowhere = outside.path().join("not-yet.html");
    symlink(
        &nowhere,
        book.path().join("themes/default/templates/base.html"),
    );
    let run = book.run(&["theme", "eject", "--force"]);
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert!(
        !nowhere.exists(),
        "eject created the link's target outside the book"
    );
    assert!(snapshot(outside.path()).is_empty());
}

#[test]
fn a_theme_folder_linked_to_a_folder_inside_the_book_is_allowed() {
    let book = TestBook::bundled();
    book.write("assets/extra.css", b".extra { color: teal }\n");
    symlink("../../assets", book.path().join("themes/default/static"));
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        book.read("public/static/extra.css"),
        ".extra { color: teal }\n"
    );
    assert!(book.path().join("public/static/style.css").is_file());
}

// ---------------------------------------------------------------------------------------
// 3. SIGKILL at any moment
// ---------------------------------------------------------------------------------------

#[test]
fn a_build_killed_at_any_moment_leaves_the_complete_output() {
    const KILLS: usize = 12;
    const SEED: u64 = 0x5EED_F011_0001;
    let book = book_with_copies(30);
    let public = book.path().join("public");
    book.build();
    // Every build below is of identical content, so every complete output has these bytes,
    // the marker included (its keys and hashes depend on the content only).
    let reference = tree(&public);
    assert!(reference.contains_key(".folio-output"));

    // How long an incremental and a clean build take here, to spread the kills across them.
    let timed = |args: &[&str]| {
        let started = Instant::now();
        let run = book.run(args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        started.elapsed()
    };
    let incremental = timed(&["build", "--quiet"]);
    let clean = timed(&["build", "--quiet", "--clean"]);
    assert_same_tree(&tree(&public), &reference, "a rebuild");

    let mut rng = Rng(SEED);
    let mut delays = Vec::new();
    for i in 0..KILLS {
        // Alternate incremental and clean builds: their swaps happen at different moments.
        let (args, span, kind): (&[&str], Duration, &str) = if i % 2 == 0 {
            (&["build"], incremental, "incremental")
        } else {
            (&["build", "--clean"], clean, "clean")
        };
        let span_ms = u64::try_from(span.as_millis()).unwrap_or(u64::MAX);
        let delay = Duration::from_millis(rng.below(span_ms + span_ms / 10));
        delays.push((kind, delay));
        let mut child = spawn(book.path(), args, &[]);
        std::thread::sleep(delay);
        let _ = child.kill();
        wait_bounded(&mut child, PATIENCE, "killed build");
        assert!(
            public.is_dir(),
            "kill {i} (seed {SEED:#x}, delays {delays:?}): public/ is gone"
        );
        assert_same_tree(
            &tree(&public),
            &reference,
            &format!("after kill {i} (seed {SEED:#x}, delays {delays:?})"),
        );
    }

    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "the build after the kills: {}", run.stderr);
    assert_same_tree(&tree(&public), &reference, "the build after the kills");
    // Staging (`.public.folio-staging-…`), old outputs (`.public.folio-old-…`), anything.
    assert_eq!(
        names_containing(book.path(), "folio-"),
        Vec::<String>::new(),
        "debris of the killed builds is left in the book folder"
    );
}

// ---------------------------------------------------------------------------------------
// 4. SIGINT, SIGTERM, SIGHUP
// ---------------------------------------------------------------------------------------

/// How one interrupted run went.
struct Interrupted {
    pid: u32,
    status: ExitStatus,
    /// False when the command had already finished when the signal was due (the delay was
    /// longer than the work left): that run says nothing about signals.
    in_time: bool,
}

/// Starts `folio ARGS`, waits until the folder `prefix(pid)…` shows in `watch` while it runs
/// (a few tries, in case a run is too quick to catch), sleeps `delay`, sends `signal`.
fn interrupt_once_started(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    watch: &Path,
    prefix: &dyn Fn(u32) -> String,
    signal: libc::c_int,
    delay: Duration,
) -> Interrupted {
    let mut last = 0;
    for _ in 0..5 {
        let mut child = spawn(dir, args, env);
        let pid = child.id();
        last = pid;
        if appears_while_running(watch, &prefix(pid), &mut child, PATIENCE) {
            std::thread::sleep(delay);
            let in_time = child.try_wait().expect("try_wait").is_none();
            if in_time {
                send(&child, signal);
            }
            let status = wait_bounded(&mut child, PATIENCE, "interrupted command");
            return Interrupted {
                pid,
                status,
                in_time,
            };
        }
        let _ = child.kill();
        wait_bounded(&mut child, PATIENCE, "a command too quick to interrupt");
    }
    panic!(
        "`folio {args:?}` never showed a folder like {}… in {} while running (5 tries)",
        prefix(last),
        watch.display()
    );
}

/// How long `folio ARGS` runs after the folder `prefix(pid)…` appears in `watch`.
fn time_after_appearing(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    watch: &Path,
    prefix: &dyn Fn(u32) -> String,
) -> Duration {
    let mut child = spawn(dir, args, env);
    assert!(
        appears_while_running(watch, &prefix(child.id()), &mut child, PATIENCE),
        "`folio {args:?}` never showed a folder like {}… in {}",
        prefix(child.id()),
        watch.display()
    );
    let seen = Instant::now();
    wait_bounded(&mut child, PATIENCE, "an uninterrupted run");
    seen.elapsed()
}

const SIGNALS: [(libc::c_int, &str); 3] = [
    (libc::SIGINT, "SIGINT"),
    (libc::SIGTERM, "SIGTERM"),
    (libc::SIGHUP, "SIGHUP"),
];

/// Fractions (in percent) of the time a command has left once its folder appears, at which
/// the signal is sent: right away, and while the render writes into the folder.
const MOMENTS: [u32; 4] = [0, 10, 25, 45];

#[test]
fn an_interrupted_build_leaves_the_previous_output_and_no_staging() {
    let book = book_with_copies(20);
    let public = book.path().join("public");
    book.build();
    let reference = tree(&public);
    let args = ["build", "--clean"];
    let staging = |pid: u32| format!(".public.folio-staging-{pid}-");
    let window = time_after_appearing(book.path(), &args, &[], book.path(), &staging);
    let mut failures = Vec::new();
    for (signal, name) in SIGNALS {
        let mut interrupted = 0;
        for percent in MOMENTS {
            let delay = window * percent / 100;
            let run = interrupt_once_started(
                book.path(),
                &args,
                &[],
                book.path(),
                &staging,
                signal,
                delay,
            );
            let what = format!("{name} {delay:?} after the staging folder appeared");
            if run.in_time {
                interrupted += 1;
                if !ended_by_signal(run.status, signal) {
                    failures.push(format!("{what}: did not end by the signal: {}", run.status));
                }
            }
            let left = names_containing(book.path(), ".folio-");
            if !left.is_empty() {
                let files = left
                    .iter()
                    .map(|n| super::support::files(&book.path().join(n)).len())
                    .sum::<usize>();
                failures.push(format!(
                    "{what}: left {left:?} ({files} files) in the book folder"
                ));
                for name in left {
                    let _ = std::fs::remove_dir_all(book.path().join(name));
                }
            }
            if !public.is_dir() {
                failures.push(format!("{what}: public/ is gone"));
            } else if tree(&public) != reference {
                failures.push(format!(
                    "{what}: public/ is not the complete previous output"
                ));
            }
        }
        assert!(
            interrupted > 0,
            "{name}: every build finished before its signal"
        );
    }
    assert!(
        failures.is_empty(),
        "builds interrupted by a signal (window {window:?}):\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn an_interrupted_check_leaves_no_scratch_folder() {
    let book = book_with_copies(20);
    let tmp = tempfile::tempdir().unwrap();
    let tmpdir = tmp.path().to_str().unwrap().to_string();
    let env = [("TMPDIR", tmpdir.as_str())];
    let scratch = |pid: u32| format!("folio-check-{pid}-");
    let window = time_after_appearing(book.path(), &["check"], &env, tmp.path(), &scratch);
    let mut failures = Vec::new();
    for (signal, name) in SIGNALS {
        let mut interrupted = 0;
        for percent in MOMENTS {
            let delay = window * percent / 100;
            let run = interrupt_once_started(
                book.path(),
                &["check"],
                &env,
                tmp.path(),
                &scratch,
                signal,
                delay,
            );
            let what = format!("{name} {delay:?} after the scratch folder appeared");
            if run.in_time {
                interrupted += 1;
                if !ended_by_signal(run.status, signal) {
                    failures.push(format!("{what}: did not end by the signal: {}", run.status));
                }
            }
            let left = names_containing(tmp.path(), &scratch(run.pid));
            if !left.is_empty() {
                let files = left
                    .iter()
                    .map(|n| super::support::files(&tmp.path().join(n)).len())
                    .sum::<usize>();
                failures.push(format!("{what}: left {left:?} ({files} files) in TMPDIR"));
            }
        }
        assert!(
            interrupted > 0,
            "{name}: every check finished before its signal"
        );
    }
    assert!(
        names_containing(book.path(), "folio-").is_empty(),
        "check left debris in the book"
    );
    assert!(
        failures.is_empty(),
        "checks interrupted by a signal (window {window:?}):\n  {}",
        failures.join("\n  ")
    );
}

#[test]
fn sigterm_to_serve_during_a_rebuild_leaves_no_debris_in_the_book() {
    let book = book_with_copies(20);
    book.build();
    // How long a full render takes once its staging folder exists.
    let window = time_after_appearing(
        book.path(),
        &["build", "--clean"],
        &[],
        book.path(),
        &|pid| format!(".public.folio-staging-{pid}-"),
    );
    let public = book.path().join("public");
    let mut failures = Vec::new();
    // One server per moment: right as the rebuild starts, and while it writes.
    for (round, percent) in [0u32, 10, 25].into_iter().enumerate() {
        let delay = window * percent / 100;
        let mut child = start_serve(&book);
        // A new theme file changes every page's key, so the rebuild renders everything.
        book.write(
            &format!("themes/default/static/extra-{round}.css"),
            b".extra { color: teal }\n",
        );
        let caught = appears_while_running(
            book.path(),
            &format!(".public.folio-staging-{}-", child.id()),
            &mut child,
            Duration::from_secs(30),
        );
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            send(&child, libc::SIGTERM);
        }
        let status = wait_bounded(&mut child, PATIENCE, "serve after SIGTERM");
        assert!(
            caught,
            "round {round}: the rebuild's staging folder never showed"
        );
        let what = format!("SIGTERM {delay:?} after the rebuild's staging folder appeared");
        if !ended_by_signal(status, libc::SIGTERM) {
            failures.push(format!("{what}: serve did not end by SIGTERM: {status}"));
        }
        let left = names_containing(book.path(), ".folio-");
        if !left.is_empty() {
            let files = left
                .iter()
                .map(|n| super::support::files(&book.path().join(n)).len())
                .sum::<usize>();
            failures.push(format!(
                "{what}: left {left:?} ({files} files) in the book folder"
            ));
            for name in left {
                let _ = std::fs::remove_dir_all(book.path().join(name));
            }
        }
        for rel in [".folio-output", "index.html", &format!("{MEMO}/index.html")] {
            if !public.join(rel).is_file() {
                failures.push(format!("{what}: public/{rel} is missing"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "serve stopped by SIGTERM during a rebuild (window {window:?}):\n  {}",
        failures.join("\n  ")
    );
}

/// Starts `folio serve --port 0` on 127.0.0.1 and waits (bounded) for its first build and
/// the line that says where it serves. Its stderr keeps draining in a thread.
fn start_serve(book: &TestBook) -> Child {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["serve", "--port", "0"])
        .current_dir(book.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio serve starts");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            // The receiver goes away once the server is up; keep draining regardless.
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + PATIENCE;
    let mut seen = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) if line.contains("http://127.0.0.1:") => return child,
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
            }
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("serve never said where it serves; stderr:\n{seen}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// 5. Debris of builds killed earlier
// ---------------------------------------------------------------------------------------

#[test]
fn staging_and_old_folders_of_killed_builds_are_removed_by_the_next_build() {
    let book = TestBook::bundled();
    book.build();
    for debris in [".public.folio-staging-99999-0", ".public.folio-old-99999-0"] {
        book.write(&format!("{debris}/index.html"), b"half a build");
        book.write(&format!("{debris}/{MEMO}/index.html"), b"half a page");
        // A read-only leftover is removed too.
        std::fs::set_permissions(
            book.path().join(debris).join(MEMO),
            std::fs::Permissions::from_mode(0o555),
        )
        .unwrap();
    }
    let run = book.run(&["build"]);
    make_writable(book.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        names_containing(book.path(), ".folio-"),
        Vec::<String>::new()
    );
}

/// Debris is found by name; a link with such a name is removed as a link, and whatever it
/// points to is never touched.
#[test]
fn debris_sweeps_never_follow_a_link_named_like_debris() {
    let book = TestBook::bundled();
    book.build();
    let outside = tempfile::tempdir().unwrap();
    let precious = outside.path().join("precious");
    std::fs::create_dir_all(&precious).unwrap();
    std::fs::write(precious.join("keep.txt"), SECRET).unwrap();
    let before = snapshot(outside.path());
    symlink(&precious, book.path().join(".public.folio-staging-99999-0"));
    symlink(&precious, book.path().join(".public.folio-old-99999-1"));
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        snapshot(outside.path()),
        before,
        "build followed a debris link"
    );

    // `folio check` sweeps `folio-check-<pid>-*` of processes that no longer run.
    let tmp = tempfile::tempdir().unwrap();
    symlink(&precious, tmp.path().join("folio-check-999999999-0"));
    let run = folio_env(
        book.path(),
        &["check"],
        &[("TMPDIR", tmp.path().to_str().unwrap())],
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert_eq!(
        snapshot(outside.path()),
        before,
        "check followed a debris link"
    );
    assert!(
        names_containing(tmp.path(), "folio-check-").is_empty(),
        "check left its scratch folder or the dead one"
    );
}

// ---------------------------------------------------------------------------------------
// 6. A read-only output folder
// ---------------------------------------------------------------------------------------

/// Root may remove anything whatever its mode, so under root the build runs as `nobody`
/// (the book given to it first): otherwise this would pass without testing anything.
#[test]
fn a_read_only_output_folder_is_replaced_or_updated_and_not_stranded() {
    let book = TestBook::bundled();
    book.build();
    let public = book.path().join("public");
    let reference = tree(&public);
    let as_nobody = is_root();
    if as_nobody {
        chown_tree(book.path(), NOBODY, NOBODY);
    }
    let old_inode = std::fs::metadata(&public).unwrap().ino();
    for dir in [public.join("static"), public.join(MEMO), public.clone()] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    // A clean build swaps the output folder (an incremental one updates it in place: below).
    let run_as = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_folio"));
        command
            .args(args)
            .current_dir(book.path())
            .env("NO_COLOR", "1")
            .env("FOLIO_CACHE_DIR", super::support::cache_dir())
            .env_remove("SOURCE_DATE_EPOCH");
        if as_nobody {
            command.uid(NOBODY).gid(NOBODY);
        }
        command.output().expect("folio runs")
    };
    let out = run_as(&["build", "--clean"]);
    make_writable(book.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "as nobody: {as_nobody}\n{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_ne!(
        std::fs::metadata(&public).unwrap().ino(),
        old_inode,
        "the output folder was not replaced"
    );
    assert_same_tree(&tree(&public), &reference, "the build over a 555 output");
    assert_eq!(
        names_containing(book.path(), ".folio-"),
        Vec::<String>::new(),
        "the previous output was stranded beside the new one"
    );

    // An update in place of a read-only output: the edited article's page goes into its
    // 555 folder, the index into the 555 output.
    let memo = std::fs::read_dir(book.path().join("content"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("Leaked Huawei memo")))
        .expect("the memo's content file");
    let text = std::fs::read_to_string(&memo).unwrap();
    assert!(text.contains("cunning plan"));
    std::fs::write(&memo, text.replace("cunning plan", "cunning scheme")).unwrap();
    for dir in [public.join("static"), public.join(MEMO), public.clone()] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let out = run_as(&["build"]);
    make_writable(book.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "as nobody: {as_nobody}\n{stderr}");
    assert!(
        book.read(&format!("public/{MEMO}/index.html"))
            .contains("cunning scheme"),
        "the page was not updated"
    );
    assert_eq!(
        names_containing(book.path(), ".folio-"),
        Vec::<String>::new(),
        "debris of the update in place"
    );
}

// ---------------------------------------------------------------------------------------
// 7. A tampered output
// ---------------------------------------------------------------------------------------

#[test]
fn a_page_replaced_by_a_link_to_a_secret_is_rendered_again() {
    let book = TestBook::bundled();
    book.build();
    let public = book.path().join("public");
    let reference = tree(&public);
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, SECRET).unwrap();
    let page = public.join(MEMO).join("index.html");
    std::fs::remove_file(&page).unwrap();
    symlink(&secret, &page);

    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(&page).unwrap();
    assert!(meta.file_type().is_file(), "the page is still a link");
    assert_same_tree(&tree(&public), &reference, "after the link");
    assert!(
        book.read(&format!("public/{MEMO}/index.html"))
            .contains("Leaked Huawei memo")
    );
    for (name, bytes) in tree(&public) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "public/{name} carries the secret"
        );
    }
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        SECRET,
        "written through"
    );
}

#[test]
fn a_page_edited_in_place_with_the_same_size_is_rendered_again() {
    let book = TestBook::bundled();
    book.build();
    let public = book.path().join("public");
    let reference = tree(&public);
    let rel = format!("public/{MT}/index.html");
    let page = book.read(&rel);
    let at = page.find("Huawei").expect("the page names Huawei");
    let edited = format!("{}HUAWEI{}", &page[..at], &page[at + 6..]);
    assert_eq!(edited.len(), page.len());
    // In place: same inode, same size, other bytes.
    std::fs::write(book.path().join(&rel), &edited).unwrap();
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(book.read(&rel) == page, "the edited page was reused");
    assert_same_tree(&tree(&public), &reference, "after the edit");
}

/// A folder of folio's replaced by a link to a folder outside holding a "page": the secret
/// is never published, nothing outside is written, and the build either heals the folder
/// (renders the page again) or refuses and leaves the previous output as it was.
#[test]
fn an_article_folder_replaced_by_a_link_out_of_the_output_publishes_nothing() {
    let book = TestBook::bundled();
    book.build();
    let public = book.path().join("public");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("index.html"), SECRET).unwrap();
    let before_outside = snapshot(outside.path());
    std::fs::remove_dir_all(public.join(MEMO)).unwrap();
    symlink(outside.path(), public.join(MEMO));
    let before = snapshot(&public);
    for args in [&["build"][..], &["build", "--clean"][..]] {
        let run = book.run(args);
        assert_eq!(
            snapshot(outside.path()),
            before_outside,
            "{args:?} wrote outside"
        );
        match run.code {
            0 => {
                let page = public.join(MEMO).join("index.html");
                assert!(
                    std::fs::symlink_metadata(public.join(MEMO))
                        .unwrap()
                        .is_dir(),
                    "{args:?}: still a link"
                );
                assert!(std::fs::symlink_metadata(&page).unwrap().is_file());
                assert!(
                    std::fs::read_to_string(&page)
                        .unwrap()
                        .contains("Leaked Huawei memo")
                );
            }
            1 => {
                assert!(run.stderr.contains(MEMO), "{args:?}: {}", run.stderr);
                assert_eq!(
                    snapshot(&public),
                    before,
                    "{args:?}: a failed build changed it"
                );
            }
            code => panic!("{args:?}: exit code {code}: {}", run.stderr),
        }
        assert_eq!(
            names_containing(book.path(), ".folio-"),
            Vec::<String>::new()
        );
    }
}

// ---------------------------------------------------------------------------------------
// 8. The user's own files in the output
// ---------------------------------------------------------------------------------------

#[test]
fn files_the_user_put_in_the_output_survive_every_build() {
    let book = TestBook::bundled();
    book.build();
    let mine: [(&str, &[u8]); 3] = [
        ("public/CNAME", b"archive.example.org\n"),
        ("public/.nojekyll", b""),
        (
            "public/.well-known/security.txt",
            b"Contact: mailto:security@example.org\n",
        ),
    ];
    for (rel, bytes) in mine {
        book.write(rel, bytes);
    }
    let check = |what: &str| {
        for (rel, bytes) in mine {
            let got = std::fs::read(book.path().join(rel))
                .unwrap_or_else(|e| panic!("{what}: {rel}: {e}"));
            assert_eq!(got, bytes, "{what}: {rel} changed");
        }
    };
    for args in [&["build"][..], &["build", "--clean"][..], &["build"][..]] {
        let run = book.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        check(&format!("{args:?}"));
    }

    // An article removed from content: its folder goes, it is not "the user's".
    assert!(book.path().join("public").join(MT).is_dir());
    std::fs::remove_file(book.path().join("content/004_611866cacb151b58.txt")).unwrap();
    let run = book.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !book.path().join("public").join(MT).exists(),
        "the removed article's folder was kept"
    );
    check("after removing an article");
}

#[test]
fn a_user_file_where_a_new_article_writes_fails_the_build_and_keeps_the_output() {
    let book = TestBook::bundled();
    book.build();
    let public = book.path().join("public");
    book.write("public/fresh-news/index.html", b"my own page");
    let before = snapshot(&public);
    book.write(
        "content/fresh.md",
        b"---\ntitle: Fresh news\nslug: fresh-news\ndate: 2024-01-01\n---\nA new article.\n",
    );
    let run = book.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("public/fresh-news/index.html")
            && run.stderr.contains("put in the output folder by hand"),
        "{}",
        run.stderr
    );
    assert_eq!(snapshot(&public), before, "the previous output changed");
    assert_eq!(book.read("public/fresh-news/index.html"), "my own page");
    assert_eq!(
        names_containing(book.path(), ".folio-"),
        Vec::<String>::new()
    );
}

// ---------------------------------------------------------------------------------------
// 9. normalize --write keeps mode, owner and links
// ---------------------------------------------------------------------------------------

const RAW: &str =
    "A raw title\n\nHuaweis share of the worlds largest market cant grow, dont you think.\n";

#[test]
fn normalize_write_keeps_the_files_mode_and_owner() {
    let book = TestBook::bundled();
    book.write("raw.txt", RAW.as_bytes());
    let path = book.path().join("raw.txt");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    // Under root the file is given away first, so keeping the owner means something.
    if is_root() {
        std::os::unix::fs::lchown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let was = std::fs::metadata(&path).unwrap();
    let run = book.run(&["normalize", "--write", "raw.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = book.read("raw.txt");
    assert!(text.contains("Huawei’s share"), "{text}");
    let now = std::fs::metadata(&path).unwrap();
    assert_eq!(now.mode() & 0o7777, 0o600, "mode");
    assert_eq!((now.uid(), now.gid()), (was.uid(), was.gid()), "owner");
    assert_eq!(
        names_containing(book.path(), "folio-tmp"),
        Vec::<String>::new()
    );
}

#[test]
fn normalize_write_through_a_link_keeps_the_link_and_rewrites_the_file() {
    let book = TestBook::bundled();
    book.write("drafts/raw.txt", RAW.as_bytes());
    let real = book.path().join("drafts/raw.txt");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = book.path().join("content/raw.txt");
    symlink("../drafts/raw.txt", &link);
    let run = book.run(&["normalize", "--write", "content/raw.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(
        meta.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert_eq!(
        std::fs::read_link(&link).unwrap(),
        Path::new("../drafts/raw.txt")
    );
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("Huawei’s share"), "{text}");
    assert_eq!(
        std::fs::metadata(&real).unwrap().mode() & 0o7777,
        0o640,
        "the real file's mode"
    );
    for dir in ["content", "drafts"] {
        assert_eq!(
            names_containing(&book.path().join(dir), "folio-tmp"),
            Vec::<String>::new()
        );
    }
}

// ---------------------------------------------------------------------------------------
// 10. Builds of one output at once
// ---------------------------------------------------------------------------------------

#[test]
fn concurrent_builds_of_one_output_all_succeed_with_one_complete_output() {
    let book = book_with_copies(10);
    let reference = reference_tree(&book);
    let public = book.path().join("public");
    // First with no output yet (the first swap is a plain rename), then over one.
    for round in ["no output yet", "over an output"] {
        let mut children: Vec<Child> = (0..4)
            .map(|i| {
                let args: &[&str] = if i % 2 == 0 {
                    &["build"]
                } else {
                    &["build", "--clean"]
                };
                spawn(book.path(), args, &[])
            })
            .collect();
        for (i, child) in children.iter_mut().enumerate() {
            let status = wait_bounded(child, PATIENCE, "a concurrent build");
            assert!(status.success(), "{round}: build {i} failed: {status}");
        }
        assert_same_tree(&tree(&public), &reference, round);
        assert_eq!(
            names_containing(book.path(), ".folio-"),
            Vec::<String>::new(),
            "{round}: debris"
        );
    }
}

#[test]
fn the_reference_does_not_depend_on_the_output_path() {
    let book = TestBook::bundled();
    book.build();
    assert_same_tree(
        &tree(&book.path().join("public")),
        &reference_tree(&book),
        "a build into another folder",
    );
}

// ---------------------------------------------------------------------------------------
// 11. `~` in book.yaml
// ---------------------------------------------------------------------------------------

#[test]
fn output_dir_tilde_is_refused_at_its_line_and_makes_no_tilde_folder() {
    // Quoted: a bare `~` is YAML's null, which means "the default".
    for value in ["\"~\"", "\"~/site\""] {
        let book = TestBook::bundled();
        let yaml = book.read("book.yaml");
        let line = yaml.lines().count() + 1;
        book.write(
            "book.yaml",
            format!("{yaml}output_dir: {value}\n").as_bytes(),
        );
        // HOME points at an empty folder of the test's, so an expansion would show there.
        let home = tempfile::tempdir().unwrap();
        let run = folio_env(
            book.path(),
            &["build"],
            &[("HOME", home.path().to_str().unwrap())],
        );
        assert_eq!(run.code, 1, "{value}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("book.yaml:{line}:")),
            "{value}: no error at line {line}: {}",
            run.stderr
        );
        assert!(!book.path().join("~").exists(), "{value}: a `~` folder");
        assert!(snapshot(home.path()).is_empty(), "{value}: wrote into HOME");
    }
}
