//! Redacting holders for credentials and secret settings.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// The text printed wherever a secret would otherwise appear.
pub const REDACTED: &str = "[REDACTED]";

/// A secret string: a token, password or client secret.
///
/// It deserializes from a JSON string, prints as `[REDACTED]` in `Debug` and `Display`, cannot
/// be serialized (so it never reaches an envelope), and is zeroed when dropped. Read it with
/// [`Secret::expose`] at the one place that needs it (an `Authorization` header). In a settings
/// struct its schema marks the field `x-secret`, so Lumos renders a password input. An
/// [`HttpClient`](crate::http::HttpClient) given one keeps it out of every URL, body and error
/// it prints, under the rule described in [`crate::http`] (short secrets withhold text whole).
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The secret itself. Never log or print it.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.expose().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret::new)
    }
}

impl JsonSchema for Secret {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Secret".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "x-field_type": "SECRET", "x-secret": true})
    }
}

/// A secret JSON object, such as a service-account key file.
///
/// Redacted when printed and never serialized, like [`Secret`] (but not zeroed on drop).
pub struct SecretJson(Box<serde_json::Map<String, serde_json::Value>>);

impl SecretJson {
    /// The object itself. Never log or print it.
    pub fn expose(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.0
    }
}

impl Clone for SecretJson {
    fn clone(&self) -> Self {
        SecretJson(self.0.clone())
    }
}

impl PartialEq for SecretJson {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl fmt::Debug for SecretJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<'de> Deserialize<'de> for SecretJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Map::deserialize(d).map(|m| SecretJson(Box::new(m)))
    }
}

impl JsonSchema for SecretJson {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "SecretJson".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"additionalProperties": true, "type": "object", "x-field_type": "HIDDEN", "x-hidden": true, "x-secret": true})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let s: Secret = serde_json::from_str(r#""hunter2""#).unwrap();
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(format!("{s:?} {s}"), "[REDACTED] [REDACTED]");
        let j: SecretJson = serde_json::from_str(r#"{"private_key":"hunter2"}"#).unwrap();
        assert_eq!(format!("{j:?}"), "[REDACTED]");
    }

    #[test]
    fn secrets_are_strict_strings() {
        assert!(serde_json::from_str::<Secret>("5").is_err());
        assert!(serde_json::from_str::<Secret>("null").is_err());
    }
}
