//! The layer rule of `src/lib.rs`, checked: a module uses only the modules declared above it.
//!
//! The order is read from the `mod` lines of `src/lib.rs` (declared once, there). Every `.rs`
//! file under `src/` belongs to the top-level module of its path; every `crate::NAME` path in
//! its code (comments are skipped, `use crate::{a, b::c}` groups are opened) and every
//! `super::` that climbs to the crate root names the module it uses. A use of a module declared
//! below is a failure that names the file, the line and both modules. Unit tests beside the
//! code are held to the same rule: a test that needs a higher layer belongs in `tests/`.

use std::collections::BTreeMap;
use std::path::Path;

use super::support::repo;

/// The modules of `lib.rs`, in declaration order.
fn declared_order(lib: &str) -> Vec<String> {
    lib.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("mod "))?;
            Some(rest.strip_suffix(';')?.trim().to_string())
        })
        .collect()
}

/// The code of a line: nothing after `//` (outside a string), nothing in a string literal.
fn code_of(line: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                chars.next();
            }
            '"' => in_string = !in_string,
            '/' if !in_string && chars.peek() == Some(&'/') => break,
            _ if in_string => {}
            _ => out.push(c),
        }
    }
    out
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first identifier of every item of a `{…}` group that starts at `text[0]`.
fn group_heads(text: &str) -> Vec<String> {
    let mut heads = Vec::new();
    let mut depth = 0;
    let mut expect_head = false;
    for (i, c) in text.char_indices() {
        match c {
            '{' => {
                depth += 1;
                expect_head = depth == 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            ',' if depth == 1 => expect_head = true,
            c if expect_head && (c.is_alphabetic() || c == '_') => {
                heads.push(ident_at(&text[i..]).to_string());
                expect_head = false;
            }
            _ => {}
        }
    }
    heads
}

/// The top-level modules a line of code names, for a file `depth` modules below the crate root
/// (`src/a.rs` and `src/a/mod.rs` are 1 deep, `src/a/b.rs` 2).
fn modules_named(code: &str, depth: usize) -> Vec<String> {
    let mut named = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let before = rest[..at].chars().next_back();
        if !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            if after.starts_with('{') {
                named.extend(group_heads(after));
            } else {
                named.push(ident_at(after).to_string());
            }
        }
        rest = after;
    }
    // `super::super::x` from a file `depth` deep reaches the crate root after `depth` steps.
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let before = rest[..at].chars().next_back();
        let mut after = &rest[at..];
        let mut climbs = 0;
        while let Some(next) = after.strip_prefix("super::") {
            climbs += 1;
            after = next;
        }
        if climbs >= depth && !before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            if after.starts_with('{') {
                named.extend(group_heads(after));
            } else {
                named.push(ident_at(after).to_string());
            }
        }
        rest = after;
    }
    named
}

/// Every use of a module declared below the user: `file:line: a uses b`.
fn violations(order: &[String], files: &[(String, String)]) -> Vec<String> {
    let rank: BTreeMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, m)| (m.as_str(), i))
        .collect();
    let mut found = Vec::new();
    for (path, text) in files {
        let parts: Vec<&str> = path.trim_end_matches(".rs").split('/').collect();
        let Some(&own) = parts.first() else { continue };
        let Some(&own_rank) = rank.get(own) else {
            continue;
        };
        let depth = if parts.last() == Some(&"mod") {
            parts.len() - 1
        } else {
            parts.len()
        };
        for (n, line) in text.lines().enumerate() {
            for used in modules_named(&code_of(line), depth) {
                if let Some(&used_rank) = rank.get(used.as_str())
                    && used_rank > own_rank
                {
                    found.push(format!(
                        "src/{path}:{}: `{own}` uses `{used}`, which lib.rs declares below it",
                        n + 1
                    ));
                }
            }
        }
    }
    found
}

fn source_files(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_files(&path, base, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_declared_above_it() {
    let src = repo().join("src");
    let order = declared_order(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    assert!(order.len() > 10, "lib.rs declares {order:?}");
    let mut files = Vec::new();
    source_files(&src, &src, &mut files);
    let undeclared: Vec<_> = files
        .iter()
        .map(|(p, _)| p.split(['/', '.']).next().unwrap())
        .filter(|m| !matches!(*m, "lib" | "main") && !order.iter().any(|o| o == m))
        .collect();
    assert!(
        undeclared.is_empty(),
        "not declared in lib.rs: {undeclared:?}"
    );
    let found = violations(&order, &files);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_layer_check_sees_every_spelling_of_a_use() {
    let order: Vec<String> = ["error", "model", "theme"].map(String::from).to_vec();
    let file = |path: &str, text: &str| (path.to_string(), text.to_string());
    let files = [
        file("model.rs", "use crate::theme::View;\n"),
        file(
            "model/a.rs",
            "use crate::{error::Error, theme::{self, X}};\n",
        ),
        file("model/b.rs", "let v = crate::theme::render(x);\n"),
        file("model/c/d.rs", "use super::super::super::theme::X;\n"),
        file("model/e.rs", "use super::super::{error, theme};\n"),
        // Down the list is fine; comments, strings and longer names are not uses.
        file(
            "theme.rs",
            "use crate::model::Article; use crate::error::Error;\n",
        ),
        file(
            "model/f.rs",
            "// see crate::theme\nlet s = \"crate::theme\";\n",
        ),
        file(
            "model/g.rs",
            "use super::theme::X; let a = my_crate::theme::x;\n",
        ),
    ];
    let found = violations(&order, &files);
    let lines: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap()).collect();
    assert_eq!(
        lines,
        [
            "src/model.rs",
            "src/model/a.rs",
            "src/model/b.rs",
            "src/model/c/d.rs",
            "src/model/e.rs"
        ],
        "{found:#?}"
    );
}
