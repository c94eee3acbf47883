//! JSON for values of any depth. A comment thread 10,000 replies deep is 20,000 nested JSON
//! containers, and serde_json's serializer and `Value`'s drop both recurse once per level, so
//! such a thread overflowed the stack of `folio import --json`. These functions walk an
//! explicit stack instead.

use serde_json::Value;

/// Containers nested deeper than this are written on one line: pretty-printing indents every
/// line by its depth, which for a deep thread would make the output quadratic in the input.
const MAX_INDENTED_DEPTH: usize = 32;

/// `value` as serde_json's `to_string_pretty` writes it (two-space indentation), without
/// recursion; below [`MAX_INDENTED_DEPTH`] levels, compact.
pub fn to_string_pretty(value: &Value) -> String {
    enum Frame<'a> {
        Array(std::slice::Iter<'a, Value>, bool),
        Object(serde_json::map::Iter<'a>, bool),
    }
    let mut out = String::new();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut next = Some(value);
    loop {
        if let Some(value) = next.take() {
            match value {
                Value::Array(items) if items.is_empty() => out.push_str("[]"),
                Value::Object(map) if map.is_empty() => out.push_str("{}"),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Frame::Array(items.iter(), true));
                }
                Value::Object(map) => {
                    out.push('{');
                    stack.push(Frame::Object(map.iter(), true));
                }
                scalar => out.push_str(&scalar.to_string()),
            }
        }
        let depth = stack.len();
        let indented = depth <= MAX_INDENTED_DEPTH;
        let Some(frame) = stack.last_mut() else {
            return out;
        };
        let (item, first) = match frame {
            Frame::Array(items, first) => (items.next().map(|v| (None, v)), first),
            Frame::Object(entries, first) => (entries.next().map(|(k, v)| (Some(k), v)), first),
        };
        match item {
            Some((key, value)) => {
                if !*first {
                    out.push(',');
                }
                *first = false;
                if indented {
                    out.push('\n');
                    out.push_str(&"  ".repeat(depth));
                }
                if let Some(key) = key {
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push_str(if indented { ": " } else { ":" });
                }
                next = Some(value);
            }
            None => {
                let close = match stack.pop() {
                    Some(Frame::Array(..)) => ']',
                    _ => '}',
                };
                if indented {
                    out.push('\n');
                    out.push_str(&"  ".repeat(depth - 1));
                }
                out.push(close);
            }
        }
    }
}

/// Drops `value` without recursing into it, however deep it is nested.
pub fn drop_deep(value: Value) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn shallow_values_print_exactly_like_serde_json() {
        let values = [
            json!({"title": "T \"q\" ☃\n", "n": 1, "f": 1.5, "ok": true, "none": null,
                   "empty": [], "obj": {}, "list": [1, [2, {"a": []}], {"b": {"c": "d"}}]}),
            json!([]),
            json!("x"),
            json!([{"a": 1}, {"b": [true, false]}]),
        ];
        for value in values {
            assert_eq!(
                to_string_pretty(&value),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }

    #[test]
    fn deep_values_print_and_drop_without_recursion() {
        // Built and checked on a test thread's small stack: 100,000 levels.
        let mut value = json!([]);
        for _ in 0..100_000 {
            value = Value::Array(vec![value]);
        }
        let text = to_string_pretty(&value);
        assert_eq!(text.matches('[').count(), 100_001);
        assert!(
            text.len() < 2 * 100_001 + 4_096,
            "indentation stays bounded"
        );
        assert!(text.starts_with("[\n  [\n    ["));
        drop_deep(value);
    }
}
