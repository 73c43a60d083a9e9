//! Python's `repr()` of a parsed JSON value, as connector-py puts a provider's error body into
//! an OAuth error message: `{'error': 'invalid_grant', 'error_description': 'expired'}`.

use serde_json::Value;

/// `repr(json.loads(text))` for the JSON `value`: dicts in their key order, strings quoted as
/// Python quotes them, `True`/`False`/`None`, numbers as Python writes them.
pub fn to_python_repr(value: &Value) -> String {
    let mut out = String::new();
    write_repr(&mut out, value);
    out
}

fn write_repr(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("None"),
        Value::Bool(true) => out.push_str("True"),
        Value::Bool(false) => out.push_str("False"),
        Value::Number(n) => crate::write_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_str(out, key);
                out.push_str(": ");
                write_repr(out, item);
            }
            out.push('}');
        }
    }
}

/// A `str` as Python's `repr` writes it: single quotes, unless the text holds a single quote
/// and no double quote; backslash escapes for the quote, `\\`, `\n`, `\r`, `\t` and other
/// control characters; printable characters, non-ASCII included, as they are.
fn write_str(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reprs_match_python() {
        let cases = [
            (
                json!({"error": "invalid_grant", "error_description": "expired"}),
                "{'error': 'invalid_grant', 'error_description': 'expired'}",
            ),
            (json!([1, 2.5, true, null]), "[1, 2.5, True, None]"),
            (json!("it's"), "\"it's\""),
            (json!("both ' and \""), "'both \\' and \"'"),
            (json!("tab\tnew\nline\u{1}é"), "'tab\\tnew\\nline\\x01é'"),
            (json!({"b": 1, "a": {}}), "{'b': 1, 'a': {}}"),
        ];
        for (value, expected) in cases {
            assert_eq!(to_python_repr(&value), expected, "{value}");
        }
    }
}
