//! The generated site checked by the real tools: the Nu Html Checker (every page of the
//! bundled book and of the fixture books) and axe-core in headless Chromium (the bundled book,
//! light and dark). `.ci/run` installs the tools and sets the variables; see `validator`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{TestBook, fixture, repo, validator};

fn html_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            html_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
}

#[test]
#[cfg_attr(not(folio_vnu), ignore = "set VNU_JAR to run it (.ci/run does)")]
fn every_page_passes_the_nu_html_checker() {
    let Some(jar) = validator("VNU_JAR", "the Nu Html Checker") else {
        return;
    };
    let books = [
        TestBook::bundled(),
        TestBook::copy_of(&fixture("epub_features")),
        TestBook::copy_of(&fixture("xss")),
    ];
    let mut pages = Vec::new();
    for book in &books {
        book.build();
        html_files(&book.path().join("public"), &mut pages);
    }
    pages.sort();
    assert!(pages.len() >= 6, "too few pages: {pages:?}");
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--format", "json", "--stdout", "--exit-zero-always"])
        .args(&pages)
        .output()
        .expect("java runs the Nu Html Checker");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON from vnu ({e}):\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let problems: Vec<String> = report["messages"]
        .as_array()
        .expect("a message list")
        .iter()
        .filter(|m| {
            let kind = m["type"].as_str().unwrap_or("");
            kind == "error"
                || kind == "non-document-error"
                || m["subType"].as_str() == Some("fatal")
        })
        .map(|m| {
            format!(
                "{}:{}: {}",
                m["url"].as_str().unwrap_or("?"),
                m["lastLine"],
                m["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "Nu Html Checker errors:\n{}",
        problems.join("\n")
    );
}

#[test]
#[cfg_attr(
    not(folio_axe),
    ignore = "set FOLIO_NODE_MODULES to run it (.ci/run does)"
)]
fn bundled_pages_have_no_serious_axe_violations() {
    let Some(modules) = validator("FOLIO_NODE_MODULES", "axe-core in Chromium") else {
        return;
    };
    let book = TestBook::bundled();
    book.build();
    let out = Command::new("node")
        .arg(repo().join(".ci/axe.js"))
        .arg(book.path().join("public"))
        .env("FOLIO_NODE_MODULES", modules)
        .output()
        .expect("node runs .ci/axe.js");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "axe-core:\n{report}");
    assert!(report.contains("axe: 0 serious/critical"), "{report}");
}
