//! The check behind the test `#[integration]` adds to a connector's crate: a settings field
//! named like a secret (`password`, `api_key`, `refresh_token`, ...) must be a `Secret`, so
//! that it is redacted in logs and errors and marked `x-secret` in `info` (Lumos then shows a
//! password input and stores it encrypted).
//!
//! A macro on the integration cannot see the fields of its settings struct, so the check runs
//! on the settings' JSON schema instead, the one `info` prints: a field passes when its schema
//! carries `"x-secret": true` (a `Secret` or `Option<Secret>` field) or when its name does not
//! look like a secret's. The name is judged by its last words only: `refresh_token` and
//! `admin_password` look like secrets, `token_url` and `token_count` do not.
//!
//! A field the check flags wrongly is listed in `#[integration(plain_settings(field, ...))]`.

use serde_json::Value;

use crate::request::SettingsModel;

/// Last words that make a field name look like a secret's.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
];

/// Last two words that make a field name look like a secret's (`..._api_key`).
const SECRET_PAIRS: &[[&str; 2]] = &[
    ["api", "key"],
    ["private", "key"],
    ["access", "key"],
    ["secret", "key"],
    ["signing", "key"],
    ["encryption", "key"],
    ["client", "secret"],
    ["master", "key"],
    ["auth", "key"],
    ["session", "key"],
];

/// Whether a settings field called `name` (snake_case, camelCase or kebab-case) looks like it
/// holds a secret, judged by its last word or last two words.
pub(crate) fn looks_like_secret(name: &str) -> bool {
    let words = words(name);
    let Some(last) = words.last() else {
        return false;
    };
    if SECRET_WORDS.contains(&last.as_str()) {
        return true;
    }
    match words.len().checked_sub(2).map(|i| &words[i..]) {
        Some([first, second]) => SECRET_PAIRS.iter().any(|[a, b]| a == first && b == second),
        _ => false,
    }
}

/// The lowercase words of an identifier: split at `_`, `-` and lowercase-to-uppercase steps.
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '_' || c == '-' {
            words.extend((!current.is_empty()).then(|| std::mem::take(&mut current)));
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        current.extend(c.to_lowercase());
    }
    words.extend((!current.is_empty()).then_some(current));
    words
}

/// Whether a property schema marks its value secret: `x-secret: true` on it, on one of its
/// `anyOf`/`oneOf`/`allOf` members, or on the definition a `$ref` points to.
fn is_marked_secret(property: &Value, root: &Value) -> bool {
    if property.get("x-secret").and_then(Value::as_bool) == Some(true) {
        return true;
    }
    let members = ["anyOf", "oneOf", "allOf"]
        .iter()
        .filter_map(|key| property.get(*key).and_then(Value::as_array))
        .flatten();
    let referenced = property
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs").and_then(|defs| defs.get(name)));
    members
        .chain(referenced)
        .any(|member| member.get("x-secret").and_then(Value::as_bool) == Some(true))
}

/// The fields of settings type `S` whose names look like secrets but whose type is not
/// `Secret`, in schema order, leaving out those listed in `plain`.
pub(crate) fn secret_like_plain_fields<S: SettingsModel>(plain: &[&str]) -> Vec<String> {
    let schema = S::settings_schema();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(name, _)| !plain.contains(&name.as_str()) && looks_like_secret(name))
        .filter(|(_, property)| !is_marked_secret(property, &schema))
        .map(|(name, _)| name.clone())
        .collect()
}

/// What the generated test reports for the fields of `S` named like secrets that are not
/// `Secret`; `None` when there are none. `settings` is the type's name as the author wrote it.
pub(crate) fn secret_like_plain_fields_message<S: SettingsModel>(
    settings: &str,
    plain: &[&str],
) -> Option<String> {
    let fields = secret_like_plain_fields::<S>(plain);
    if fields.is_empty() {
        return None;
    }
    let lines: Vec<String> = fields
        .iter()
        .map(|field| {
            format!(
                "settings field `{field}` of {settings} looks like a secret but is not `Secret`: declare it `{field}: Secret` (or `Option<Secret>`) so it is redacted and marked secret in `info`"
            )
        })
        .collect();
    Some(format!(
        "{}\n(if a field is not a secret, list it in `#[integration(plain_settings({}))]`)",
        lines.join("\n"),
        fields.join(", ")
    ))
}

/// The body of the generated test: panics naming each settings field that looks like a secret but is not one.
#[track_caller]
pub fn assert_secret_like_fields_are_secret<S: SettingsModel>(settings: &str, plain: &[&str]) {
    if let Some(message) = secret_like_plain_fields_message::<S>(settings, plain) {
        panic!("{message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use schemars::JsonSchema;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize, JsonSchema)]
    struct Settings {
        api_url: String,
        password: String,
        #[serde(rename = "apiKey")]
        key: String,
        refresh_token: Option<String>,
        client_secret: Secret,
        signing_key: Option<Secret>,
        kind_of_token: String,
    }

    #[test]
    fn plain_fields_named_like_secrets_are_reported_by_their_wire_names() {
        assert_eq!(
            secret_like_plain_fields::<Settings>(&[]),
            ["password", "apiKey", "refresh_token", "kind_of_token"]
        );
        assert_eq!(
            secret_like_plain_fields::<Settings>(&["kind_of_token"]),
            ["password", "apiKey", "refresh_token"]
        );
        let message = secret_like_plain_fields_message::<Settings>("Settings", &[]).unwrap();
        assert!(
            message.contains(
                "settings field `password` of Settings looks like a secret but is not `Secret`"
            ),
            "{message}"
        );
        assert!(
            message.contains("plain_settings(password, apiKey, refresh_token, kind_of_token)"),
            "{message}"
        );
    }

    #[test]
    #[should_panic(expected = "settings field `password` of Settings")]
    fn the_generated_test_fails_on_a_plain_password() {
        assert_secret_like_fields_are_secret::<Settings>("Settings", &["kind_of_token"]);
    }

    #[test]
    fn settings_without_look_alikes_pass() {
        assert_secret_like_fields_are_secret::<crate::request::NoSettings>("NoSettings", &[]);
        assert_secret_like_fields_are_secret::<Settings>(
            "Settings",
            &["password", "apiKey", "refresh_token", "kind_of_token"],
        );
    }

    #[test]
    fn names_are_judged_by_their_last_words() {
        for name in [
            "password",
            "admin_password",
            "secret",
            "token",
            "refresh_token",
            "api_key",
            "apikey",
            "apiKey",
            "private_key",
            "client_secret",
            "access_key",
            "aws_secret_key",
            "passphrase",
            "bearer-token",
            "ServiceToken",
        ] {
            assert!(looks_like_secret(name), "{name}");
        }
        for name in [
            "token_url",
            "token_count",
            "token_type",
            "api_url",
            "base_url",
            "key",
            "sort_key",
            "primary_key",
            "public_key",
            "max_tokens",
            "secretary",
            "username",
            "",
            "_",
        ] {
            assert!(!looks_like_secret(name), "{name}");
        }
    }
}
