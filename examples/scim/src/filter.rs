//! Filter expressions (RFC 7644 §3.4.2.2) with their values quoted as JSON strings, so a
//! value holding `"` or `\` compares as written instead of ending the string early.

/// `attribute eq "value"`, the value escaped.
pub fn equals(attribute: &str, value: &str) -> String {
    format!("{attribute} eq {}", quoted(value))
}

/// `value` as a filter's string literal: JSON string syntax (RFC 7644 §3.4.2.2 takes
/// values "as JSON").
fn quoted(value: &str) -> String {
    serde_json::Value::String(value.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_strings() {
        assert_eq!(equals("userName", "alice"), r#"userName eq "alice""#);
        assert_eq!(equals("userName", r#"a"b\c"#), r#"userName eq "a\"b\\c""#);
        assert_eq!(
            equals("userName", "tab\there"),
            r#"userName eq "tab\there""#
        );
    }
}
