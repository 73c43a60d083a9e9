//! The secrets of a request, and taking them out of recorded text: every credential value
//! (`auth`, `credentials`) and every settings field the settings schema marks `x-secret`
//! (the runtime's `Secret` type marks it), as sent and percent-encoded; and in JSON, any value
//! under a key named like a secret.

use connector_runtime::Integration;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::upstream::ANY;

/// Secrets shorter than this cannot be found in text without also hitting ordinary words.
pub const MIN_SECRET_LEN: usize = 6;

/// Keys whose values are secrets wherever they appear in a recorded JSON body.
const SECRET_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "password",
    "secret",
    "api_key",
    "apikey",
    "private_key",
    "token",
];

/// The secrets to keep out of a recording.
///
/// ```
/// use connector_testing::Secrets;
/// use serde_json::json;
///
/// let request = json!({"auth": {"token": {"token": "tok-live-42"}}, "settings": {}});
/// let secrets = Secrets::of_request(&request, &json!({}));
/// assert_eq!(secrets.scrub_text("GET /u?key=tok-live-42"), "GET /u?key=[REDACTED]");
/// assert_eq!(secrets.find_in("Bearer tok-live-42"), Some("tok-live-42"));
/// ```
#[derive(Debug, Default, Clone)]
pub struct Secrets {
    /// Longest first, so that a secret containing another is replaced whole.
    values: Vec<String>,
}

impl Secrets {
    /// The secrets of request envelope `request` to integration `I`.
    pub fn of<I: Integration>(request: &Value) -> Self {
        Secrets::of_request(request, &(I::APP.settings_schema)())
    }

    /// The secrets of request envelope `request`, whose settings follow `settings_schema`
    /// (an integration's `App::settings_schema`).
    pub fn of_request(request: &Value, settings_schema: &Value) -> Self {
        let mut secrets = Secrets::default();
        for part in ["auth", "credentials"] {
            collect_strings(&request[part], &mut secrets);
        }
        if let (Some(settings), Some(properties)) = (
            request["settings"].as_object(),
            settings_schema["properties"].as_object(),
        ) {
            for (name, value) in settings {
                let secret = properties
                    .get(name)
                    .and_then(|p| p.get("x-secret"))
                    .and_then(Value::as_bool)
                    == Some(true);
                if secret {
                    collect_strings(value, &mut secrets);
                }
            }
        }
        secrets
    }

    /// Adds `secret` (a token the app handed out, say).
    pub fn add(&mut self, secret: &str) {
        if !secret.is_empty() && !self.values.iter().any(|v| v == secret) {
            self.values.push(secret.to_owned());
            self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// The first secret too short to scrub reliably, if any.
    pub fn too_short(&self) -> Option<&str> {
        self.values
            .iter()
            .map(String::as_str)
            .find(|v| v.len() < MIN_SECRET_LEN)
    }

    /// `text` with every secret, plain or percent-encoded, replaced by `[REDACTED]`.
    pub fn scrub_text(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.values {
            text = text.replace(secret.as_str(), ANY);
            let encoded = utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string();
            if encoded != *secret {
                text = text.replace(&encoded, ANY);
            }
        }
        text
    }

    /// `value` with its strings scrubbed and every value under a secret-named key replaced.
    pub fn scrub_json(&self, value: Value) -> Value {
        match value {
            Value::String(text) => Value::String(self.scrub_text(&text)),
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| self.scrub_json(v)).collect())
            }
            Value::Object(fields) => Value::Object(
                fields
                    .into_iter()
                    .map(|(key, value)| {
                        let value = if is_secret_key(&key) && !value.is_null() {
                            Value::String(ANY.to_owned())
                        } else {
                            self.scrub_json(value)
                        };
                        (self.scrub_text(&key), value)
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// The first secret found in `text`, plain or percent-encoded.
    pub fn find_in<'a>(&'a self, text: &str) -> Option<&'a str> {
        self.values
            .iter()
            .find(|secret| {
                text.contains(secret.as_str())
                    || text.contains(&utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string())
            })
            .map(String::as_str)
    }
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEYS
        .iter()
        .any(|secret| key == *secret || key.ends_with(&format!("_{secret}")))
}

/// Every string under `value`, but credential ids.
fn collect_strings(value: &Value, secrets: &mut Secrets) {
    match value {
        Value::String(text) => secrets.add(text),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, secrets)),
        Value::Object(fields) => fields
            .iter()
            .filter(|(key, _)| key.as_str() != "id")
            .for_each(|(_, v)| collect_strings(v, secrets)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_and_secret_settings_are_found_and_scrubbed() {
        let request = json!({
            "auth": {"basic": {"username": "robot-user", "password": "hunter2/+x"}},
            "settings": {"base_url": "https://app.example", "signing_key": "sk-live-123"},
        });
        let schema = json!({"properties": {"base_url": {}, "signing_key": {"x-secret": true}}});
        let secrets = Secrets::of_request(&request, &schema);
        let text = "u=robot-user p=hunter2%2F%2Bx k=sk-live-123 at https://app.example";
        assert_eq!(
            secrets.scrub_text(text),
            "u=[REDACTED] p=[REDACTED] k=[REDACTED] at https://app.example"
        );
        assert_eq!(secrets.find_in(text), Some("sk-live-123"));
        assert_eq!(secrets.find_in(&secrets.scrub_text(text)), None);
    }

    #[test]
    fn secret_named_keys_are_scrubbed_in_json() {
        let secrets = Secrets::default();
        let body =
            json!({"access_token": "new-token", "token_type": "bearer", "user": {"api_key": "k"}});
        assert_eq!(
            secrets.scrub_json(body),
            json!({"access_token": ANY, "token_type": "bearer", "user": {"api_key": ANY}})
        );
    }
}
