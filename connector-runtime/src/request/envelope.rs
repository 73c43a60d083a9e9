//! From request JSON to a typed [`Request`], in connector-py's order: parse the envelope and
//! payload, check the credential, validate the settings. Every failure is `bad_request`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{DeclaredAuth, Request, SettingsModel, auth, settings};
use crate::credentials::AuthCredential;
use crate::error::ConnectorError;
use crate::models::{Page, RateLimitRequestInfo};

/// The request envelope with its payload and settings still untyped.
///
/// Scalars are strict (`"size": "5"` is rejected) and unknown keys are ignored.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a JSON object with a `request` key")]
pub struct RawEnvelope {
    #[serde(default)]
    auth: Option<AuthCredential>,
    #[serde(default)]
    credentials: Option<Vec<AuthCredential>>,
    request: Value,
    #[serde(default)]
    page: Option<Page>,
    #[serde(default)]
    settings: Option<Value>,
    #[serde(default)]
    include_raw_data: Option<bool>,
    #[serde(default)]
    rate_limit: Option<RateLimitRequestInfo>,
}

impl RawEnvelope {
    /// Parses request JSON; a syntax or shape error is `bad_request`.
    pub fn parse(json: &[u8]) -> Result<Self, ConnectorError> {
        // serde would also read a struct from a JSON array, by position; the envelope is
        // only ever an object.
        let first = json.iter().find(|b| !b.is_ascii_whitespace());
        if first.is_some_and(|b| *b == b'[') {
            return Err(ConnectorError::client()
                .with_message("Invalid request - expected a JSON object, found an array"));
        }
        serde_json::from_slice(json).map_err(|e| invalid_request(&e))
    }
}

/// What a capability's request type needs to be built from an envelope.
pub trait DecodeRequest: Sized + Send + 'static {
    /// The payload type, for the `argument` schema of `info`.
    type Payload: JsonSchema;
    /// The settings type the request carries.
    type Settings;
    /// The credential type the request carries.
    type Auth;

    /// Builds the request. `authenticated` is false for capabilities whose envelope carries no
    /// credential (the OAuth flows).
    fn decode(
        envelope: RawEnvelope,
        app_id: &str,
        authenticated: bool,
    ) -> Result<Self, ConnectorError>;
}

impl<P, S, A> DecodeRequest for Request<P, S, A>
where
    P: DeserializeOwned + JsonSchema + Send + 'static,
    S: SettingsModel,
    A: DeclaredAuth,
{
    type Payload = P;
    type Settings = S;
    type Auth = A;

    fn decode(
        envelope: RawEnvelope,
        app_id: &str,
        authenticated: bool,
    ) -> Result<Self, ConnectorError> {
        let request: P =
            serde_json::from_value(envelope.request).map_err(|e| invalid_request(&e))?;
        let declared = if authenticated {
            auth::check_envelope(envelope.auth.as_ref(), envelope.credentials.as_deref())?;
            A::from_request(envelope.auth.as_ref(), envelope.credentials.as_deref())?
        } else {
            A::from_request(None, None).map_err(|_| {
                ConnectorError::internal().with_message(
                    "this capability receives no credential; declare its request with `NoAuth`",
                )
            })?
        };
        let settings = settings::decode_settings::<S>(envelope.settings, app_id)?;
        Ok(Request {
            request,
            settings,
            auth: declared,
            page: envelope.page,
            include_raw_data: envelope.include_raw_data,
            rate_limit: envelope.rate_limit,
            envelope_auth: envelope.auth,
            envelope_credentials: envelope.credentials,
        })
    }
}

/// `bad_request` for JSON that does not fit, without echoing any value from the input (a
/// value in the wrong place may be a secret).
fn invalid_request(e: &serde_json::Error) -> ConnectorError {
    ConnectorError::client().with_message(format!(
        "Invalid request - {}",
        without_values(&e.to_string())
    ))
}

/// Drops the offending value from serde's "invalid type/value: string \"...\", expected ..."
/// messages, keeping only its kind.
pub(super) fn without_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        let Some(rest) = message.strip_prefix(prefix) else {
            continue;
        };
        let Some(expected_at) = rest.find(", expected") else {
            continue;
        };
        let kind = rest[..expected_at]
            .split([' ', '`', '"'])
            .next()
            .unwrap_or_default();
        return format!("{prefix}{kind}{}", &rest[expected_at..]);
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offending_values_are_not_echoed() {
        let e = serde_json::from_str::<RawEnvelope>(r#"{"auth":{"token":"hunter2"},"request":{}}"#)
            .unwrap_err();
        let message = invalid_request(&e).message().to_owned();
        assert!(!message.contains("hunter2"), "{message}");
        assert!(
            message.starts_with("Invalid request - invalid type: string, expected"),
            "{message}"
        );
    }

    #[test]
    fn non_objects_are_explained() {
        let e = RawEnvelope::parse(b" [1]").unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid request - expected a JSON object, found an array"
        );
        let e = RawEnvelope::parse(b"5").unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid request - invalid type: integer, expected a JSON object with a `request` key at line 1 column 1"
        );
    }
}
