//! Renders an [`EditLog`] as a unified-style diff for `folio normalize --diff`: one hunk per
//! changed source line, headed by the line number and the ids of the rules that changed it, so
//! an editor can review every change and see which rule to switch off.
//!
//! Rendering only; the log is not changed.

use std::fmt::Write;

use super::{EditLog, Field};

/// The diff of one file's edits. `path` labels the `---`/`+++` header.
pub fn render_diff(path: &str, log: &EditLog) -> String {
    let mut out = String::new();
    if log.changes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "--- a/{path}\n+++ b/{path}");
    for change in &log.changes {
        let rules_on = |line: u32| -> String {
            let mut ids: Vec<&str> = Vec::new();
            for e in log
                .edits
                .iter()
                .filter(|e| e.field == change.field && e.line == line)
            {
                if !ids.contains(&e.rule) {
                    ids.push(e.rule);
                }
            }
            ids.join(", ")
        };
        let before: Vec<&str> = change.before.split('\n').collect();
        let after: Vec<&str> =
            if change.after.is_empty() && matches!(change.field, Field::DroppedBlock(_)) {
                Vec::new()
            } else {
                change.after.split('\n').collect()
            };
        if before.len() == after.len() {
            for (k, (b, a)) in before.iter().zip(&after).enumerate() {
                if b == a {
                    continue;
                }
                let line = change.line + k as u32;
                let _ = writeln!(out, "@@ line {line} @@ {}\n-{b}\n+{a}", rules_on(line));
            }
        } else {
            let last = change.line + before.len().saturating_sub(1) as u32;
            let mut ids: Vec<&str> = Vec::new();
            for e in log.edits.iter().filter(|e| e.field == change.field) {
                if !ids.contains(&e.rule) {
                    ids.push(e.rule);
                }
            }
            let lines = if last == change.line {
                format!("line {last}")
            } else {
                format!("lines {}-{last}", change.line)
            };
            let _ = writeln!(out, "@@ {lines} @@ {}", ids.join(", "));
            for b in &before {
                let _ = writeln!(out, "-{b}");
            }
            for a in &after {
                let _ = writeln!(out, "+{a}");
            }
        }
    }
    out
}
