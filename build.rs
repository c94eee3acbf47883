//! Generates one integration test per folder of `tests/fixtures/hostile/`, so a new hostile case
//! is a new folder and nothing else (no list to keep in step). A case whose `expected` file has
//! a line `slow` is marked `#[ignore]` unless `FOLIO_SLOW_TESTS` is set, as `.ci/run` does: a
//! local `cargo test` lists it as ignored, with the reason, instead of spending half a minute.
//!
//! Only the test binary includes the generated file; the library and the binary do not.

use std::fmt::Write;
use std::path::Path;

/// The validator tests' tools, by the variable that names each (set by `.ci/run`). A test whose
/// tool is not named is compiled as ignored, with the reason, so a local run shows "ignored"
/// rather than an "ok" that checked nothing; `FOLIO_REQUIRE_VALIDATORS` (CI) compiles them all
/// in, and a missing tool then fails the test.
const VALIDATORS: [(&str, &str); 5] = [
    ("EPUBCHECK_JAR", "folio_epubcheck"),
    ("VNU_JAR", "folio_vnu"),
    ("FOLIO_NODE_MODULES", "folio_axe"),
    // The search page driven in Chromium (tests/suite/search.rs) needs playwright-core there.
    ("FOLIO_NODE_MODULES", "folio_chromium"),
    ("ACE_CLI", "folio_ace"),
];

fn main() {
    let required = std::env::var_os("FOLIO_REQUIRE_VALIDATORS").is_some();
    println!("cargo:rerun-if-env-changed=FOLIO_REQUIRE_VALIDATORS");
    for (var, cfg) in VALIDATORS {
        println!("cargo:rerun-if-env-changed={var}");
        println!("cargo::rustc-check-cfg=cfg({cfg})");
        if required || std::env::var_os(var).is_some() {
            println!("cargo:rustc-cfg={cfg}");
        }
    }
    let hostile = Path::new("tests/fixtures/hostile");
    println!("cargo:rerun-if-changed={}", hostile.display());
    println!("cargo:rerun-if-env-changed=FOLIO_SLOW_TESTS");
    let slow_wanted = std::env::var_os("FOLIO_SLOW_TESTS").is_some_and(|v| !v.is_empty());
    let mut cases: Vec<(String, bool)> = std::fs::read_dir(hostile)
        .map(|dir| {
            dir.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    let expected =
                        std::fs::read_to_string(e.path().join("expected")).unwrap_or_default();
                    let slow = expected.lines().any(|l| l.trim() == "slow");
                    (name, slow)
                })
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    let mut code = String::new();
    for (name, slow) in &cases {
        let ident: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let _ = writeln!(code, "#[test]");
        if *slow && !slow_wanted {
            let _ = writeln!(
                code,
                "#[ignore = \"slow: set FOLIO_SLOW_TESTS=1 to run it (CI does)\"]"
            );
        }
        let _ = writeln!(code, "fn {ident}() {{ run_case({name:?}); }}");
    }
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("hostile_cases.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
