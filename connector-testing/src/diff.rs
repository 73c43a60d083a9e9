//! Where two JSON documents differ, path by path, for test failures a person can read.

use serde_json::Value;

use crate::upstream::ANY;

/// In an expected envelope, a value that may be anything (a time, say).
pub const ANY_VALUE: &str = "{{any}}";

/// Each place where `got` differs from `expected` (`"{{any}}"` or `"[REDACTED]"` in
/// `expected` matches anything), as `path: expected X, got Y`; empty when they agree.
///
/// ```
/// use connector_testing::differences;
/// use serde_json::json;
///
/// let found = differences(&json!({"valid": true, "at": "{{any}}"}), &json!({"valid": false, "at": 3}));
/// assert_eq!(found, ["$.valid: expected true, got false"]);
/// ```
pub fn differences(expected: &Value, got: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(expected, got, "$", &mut found);
    found
}

fn walk(expected: &Value, got: &Value, path: &str, found: &mut Vec<String>) {
    match (expected, got) {
        (Value::String(e), _) if e == ANY || e == ANY_VALUE => {}
        (Value::Object(e), Value::Object(g)) => {
            for (key, value) in e {
                match g.get(key) {
                    Some(other) => walk(value, other, &format!("{path}.{key}"), found),
                    None => found.push(format!("{path}.{key}: expected {value}, absent")),
                }
            }
            for (key, value) in g {
                if !e.contains_key(key) {
                    found.push(format!("{path}.{key}: not expected, got {value}"));
                }
            }
        }
        (Value::Array(e), Value::Array(g)) if e.len() == g.len() => {
            for (index, (e, g)) in e.iter().zip(g).enumerate() {
                walk(e, g, &format!("{path}[{index}]"), found);
            }
        }
        (Value::Array(e), Value::Array(g)) => found.push(format!(
            "{path}: expected {} items, got {}",
            e.len(),
            g.len()
        )),
        _ if expected == got => {}
        _ => found.push(format!("{path}: expected {expected}, got {got}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_their_place() {
        let expected = json!({"response": [{"id": "a", "email": ANY, "at": ANY_VALUE}], "page": null, "gone": 1});
        let got = json!({"response": [{"id": "b", "email": "x@y", "at": 5}], "page": {"token": "t"}, "extra": 2});
        assert_eq!(
            differences(&expected, &got),
            [
                r#"$.response[0].id: expected "a", got "b""#,
                r#"$.page: expected null, got {"token":"t"}"#,
                "$.gone: expected 1, absent",
                "$.extra: not expected, got 2",
            ]
        );
        assert!(differences(&got, &got).is_empty());
    }
}
