//! The generated site and books checked by the real tools: the Nu Html Checker (every page of
//! the bundled book and of the fixture books), axe-core in headless Chromium (the bundled book,
//! light and dark) and DAISY Ace (the bundled and feature EPUBs). `.ci/run` installs the tools
//! and sets the variables; see `validator`.

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
        // Every page of a list, its pager and the archive by date.
        TestBook::copy_of(&fixture("pages")),
    ];
    let mut pages = Vec::new();
    for book in &books {
        book.build();
        html_files(&book.path().join("public"), &mut pages);
    }
    // Front matter from Zola and Hugo, its draft built: redirect pages, a draft's notice,
    // times with zones.
    let zola_hugo = TestBook::copy_of(&fixture("zola_hugo"));
    let run = zola_hugo.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    html_files(&zola_hugo.path().join("public"), &mut pages);
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

/// DAISY Ace's violations in its `report.json`: (impact, rule, file) of each.
fn ace_violations(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for document in report["assertions"].as_array().into_iter().flatten() {
        let url = document["earl:testSubject"]["url"].as_str().unwrap_or("?");
        for a in document["assertions"].as_array().into_iter().flatten() {
            out.push(format!(
                "{} {} in {url}",
                a["earl:test"]["earl:impact"].as_str().unwrap_or("?"),
                a["earl:test"]["dct:title"].as_str().unwrap_or("?"),
            ));
        }
    }
    out
}

#[test]
#[cfg_attr(
    not(folio_ace),
    ignore = "set ACE_CLI to @daisy/ace-cli's bin/ace.js to run it (.ci/run does)"
)]
fn daisy_ace_finds_no_violation_in_the_bundled_and_feature_epubs() {
    let Some(ace) = validator("ACE_CLI", "DAISY Ace") else {
        return;
    };
    let bundled = TestBook::bundled();
    bundled.build();
    let features = TestBook::copy_of(&fixture("epub_features"));
    features.build();
    let books = [
        bundled.path().join("public/telecoms-and-tech-archive.epub"),
        features.path().join("public/features.epub"),
        features.path().join("public/deep-thread/deep-thread.epub"),
        features.path().join("public/chinese/chinese.epub"),
    ];
    let chromium = std::env::var_os("CHROMIUM").unwrap_or_else(|| "/usr/bin/chromium".into());
    // Two at a time: each runs its own Chromium.
    for pair in books.chunks(2) {
        let runs: Vec<_> = pair
            .iter()
            .map(|epub| {
                let report = tempfile::tempdir().unwrap();
                let child = Command::new("node")
                    .arg(&ace)
                    .args(["--force", "--silent", "--outdir"])
                    .arg(report.path())
                    .arg(epub)
                    .env("PUPPETEER_SKIP_DOWNLOAD", "1")
                    .env("PUPPETEER_EXECUTABLE_PATH", &chromium)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .expect("node runs DAISY Ace");
                (epub, report, child)
            })
            .collect();
        for (epub, report, child) in runs {
            let out = child.wait_with_output().expect("DAISY Ace runs");
            let log = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let json = std::fs::read(report.path().join("report.json"))
                .unwrap_or_else(|e| panic!("no Ace report for {} ({e}):\n{log}", epub.display()));
            let json: serde_json::Value = serde_json::from_slice(&json).expect("Ace's JSON");
            let violations = ace_violations(&json);
            assert!(
                violations.is_empty(),
                "DAISY Ace on {}:\n{}",
                epub.display(),
                violations.join("\n")
            );
            assert_eq!(
                json["earl:result"]["earl:outcome"].as_str(),
                Some("pass"),
                "{log}"
            );
        }
    }
}
