//! From request JSON to a typed [`Request`], in connector-py's order: parse the envelope and
//! payload, check the credential, validate the settings. Every failure is `bad_request`.
//!
//! The envelope is read in two steps so that memory stays proportional to what a capability
//! needs: [`RawEnvelope::parse`] decodes the runtime's own parts (credentials, page, rate
//! limit) and keeps the payload and settings as unparsed JSON text; [`DecodeRequest::decode`]
//! then reads those into the author's types, inside the task that guards against panics.
//! Unknown keys are skipped without being built into a tree.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::raw_part::{RawPart, without_values};
use super::{DeclaredAuth, Request, SettingsModel, auth, settings, strict};
use crate::credentials::AuthCredential;
use crate::error::ConnectorError;
use crate::models::{Page, RateLimitRequestInfo};
use crate::secret::Secret;

/// The request envelope with its payload and settings still unparsed.
///
/// Scalars are strict (`"size": "5"` is rejected), structs are read only from JSON objects,
/// and unknown keys are ignored.
#[derive(Debug)]
pub struct RawEnvelope {
    auth: Option<AuthCredential>,
    credentials: Option<Vec<AuthCredential>>,
    request: RawPart,
    page: Option<Page>,
    settings: Option<RawPart>,
    include_raw_data: Option<bool>,
    rate_limit: Option<RateLimitRequestInfo>,
    forwarded: Secret,
}

/// The envelope's top level, each known value still a slice of the input.
#[derive(Deserialize)]
#[serde(expecting = "a JSON object with a `request` key")]
struct Slices<'a> {
    #[serde(borrow, default)]
    auth: Option<&'a RawValue>,
    #[serde(borrow, default)]
    credentials: Option<&'a RawValue>,
    #[serde(borrow)]
    request: &'a RawValue,
    #[serde(borrow, default)]
    page: Option<&'a RawValue>,
    #[serde(borrow, default)]
    settings: Option<&'a RawValue>,
    #[serde(default)]
    include_raw_data: Option<bool>,
    #[serde(borrow, default)]
    rate_limit: Option<&'a RawValue>,
}

impl RawEnvelope {
    /// `rate_limit.max_execution_time`: the caller's budget for the call, in seconds.
    pub(crate) fn max_execution_time(&self) -> Option<i32> {
        self.rate_limit.as_ref().and_then(|r| r.max_execution_time)
    }

    /// The envelope's `rate_limit` part.
    pub(crate) fn rate_limit(&self) -> Option<&RateLimitRequestInfo> {
        self.rate_limit.as_ref()
    }

    /// The `settings` value as JSON text, when the envelope has one.
    pub(crate) fn settings_json(&self) -> Option<&str> {
        self.settings.as_ref().map(RawPart::json)
    }

    /// Parses request JSON; a syntax or shape error is `bad_request`.
    pub fn parse(json: &[u8]) -> Result<Self, ConnectorError> {
        let whole = std::str::from_utf8(json).map_err(|e| {
            ConnectorError::bad_request().with_message(format!(
                "Invalid request - the request is not UTF-8 (byte {})",
                e.valid_up_to() + 1
            ))
        })?;
        let slices: Slices<'_> = strict::from_str(whole).map_err(|e| invalid_request(&e))?;
        let part = |raw| RawPart::within(whole, raw);
        let forwarded = forwarded_members(&slices);
        Ok(RawEnvelope {
            auth: decode_part(slices.auth.map(part))?,
            credentials: decode_part::<CredentialList>(slices.credentials.map(part))?
                .map(|list| list.0),
            request: part(slices.request).into_owned(),
            page: decode_part(slices.page.map(part))?,
            settings: slices.settings.map(|raw| part(raw).into_owned()),
            include_raw_data: slices.include_raw_data,
            rate_limit: decode_part(slices.rate_limit.map(part))?,
            forwarded,
        })
    }
}

/// The envelope's `auth`, `credentials` and `settings` members as JSON text
/// (`"auth":{…},"settings":{…}`), for a capability that calls the integration's others in
/// process with the same credentials: the probe.
fn forwarded_members(slices: &Slices<'_>) -> Secret {
    let members: Vec<String> = [
        ("auth", slices.auth),
        ("credentials", slices.credentials),
        ("settings", slices.settings),
    ]
    .into_iter()
    .filter_map(|(key, raw)| raw.map(|raw| format!("\"{key}\":{}", raw.get())))
    .collect();
    Secret::new(members.join(","))
}

/// Decodes one of the runtime's own parts of the envelope, straight from the request bytes.
fn decode_part<T: DeserializeOwned>(
    part: Option<RawPart<&RawValue>>,
) -> Result<Option<T>, ConnectorError> {
    match part {
        None => Ok(None),
        Some(part) => part.decode().map(Some).map_err(invalid_request_message),
    }
}

/// The most credentials one request may carry. An integration declares a handful; without a
/// bound, 27 MB of `{}` entries decode into millions of credentials (7.8 GB).
const MAX_CREDENTIALS: usize = 64;

/// The envelope's `credentials`, refused past [`MAX_CREDENTIALS`] entries while reading.
struct CredentialList(Vec<AuthCredential>);

impl<'de> Deserialize<'de> for CredentialList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = CredentialList;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a list of at most {MAX_CREDENTIALS} credentials")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CredentialList, A::Error> {
                let mut list = Vec::new();
                while let Some(credential) = seq.next_element()? {
                    if list.len() == MAX_CREDENTIALS {
                        return Err(de::Error::invalid_length(list.len() + 1, &self));
                    }
                    list.push(credential);
                }
                Ok(CredentialList(list))
            }
        }
        d.deserialize_seq(Entries)
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
        let request: P = envelope.request.decode().map_err(invalid_request_message)?;
        let declared = if authenticated {
            auth::check_envelope(envelope.auth.as_ref(), envelope.credentials.as_deref())?;
            A::from_request(envelope.auth.as_ref(), envelope.credentials.as_deref())?
        } else {
            A::from_request(None, None).map_err(|_| {
                ConnectorError::internal_error().with_message(
                    "this capability receives no credential; declare its request with `NoAuth`",
                )
            })?
        };
        let settings = settings::decode_settings::<S>(envelope.settings.as_ref(), app_id)?;
        Ok(Request {
            request,
            settings,
            auth: declared,
            page: envelope.page,
            include_raw_data: envelope.include_raw_data,
            rate_limit: envelope.rate_limit,
            envelope_auth: envelope.auth,
            envelope_credentials: envelope.credentials,
            forwarded: envelope.forwarded,
        })
    }
}

/// `bad_request` for JSON that does not fit, without echoing any value from the input (a
/// value in the wrong place may be a secret).
fn invalid_request(e: &serde_json::Error) -> ConnectorError {
    invalid_request_message(without_values(&e.to_string()))
}

fn invalid_request_message(message: String) -> ConnectorError {
    ConnectorError::bad_request().with_message(format!("Invalid request - {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offending_values_are_not_echoed() {
        let e = RawEnvelope::parse(br#"{"auth":{"token":"hunter2"},"request":{}}"#).unwrap_err();
        let message = e.message().to_owned();
        assert!(!message.contains("hunter2"), "{message}");
        assert_eq!(
            message,
            "Invalid request - invalid type: string, expected struct TokenCredential at line 1 column 26"
        );
    }

    #[test]
    fn positions_in_nested_parts_count_from_the_whole_request() {
        let json = b"{\"request\": {},\n  \"page\": {\"token\": 5}}";
        let e = RawEnvelope::parse(json).unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid request - invalid type: integer, expected a string at line 2 column 21"
        );
    }

    #[test]
    fn non_objects_are_explained() {
        for (json, found) in [(&b" [1]"[..], "sequence"), (b"5", "integer")] {
            let e = RawEnvelope::parse(json).unwrap_err();
            assert!(
                e.message().starts_with(&format!(
                    "Invalid request - invalid type: {found}, expected a JSON object with a `request` key"
                )),
                "{}",
                e.message()
            );
        }
    }

    #[test]
    fn at_most_64_credentials() {
        let list = |n: usize| vec![r#"{"id":"a","token":{"token":"t"}}"#; n].join(",");
        let json = format!(r#"{{"request":{{}},"credentials":[{}]}}"#, list(64));
        assert!(RawEnvelope::parse(json.as_bytes()).is_ok());
        let json = format!(r#"{{"request":{{}},"credentials":[{}]}}"#, list(65));
        let e = RawEnvelope::parse(json.as_bytes()).unwrap_err();
        assert_eq!(e.code().as_str(), "bad_request");
        assert!(
            e.message().starts_with(
                "Invalid request - invalid length 65, expected a list of at most 64 credentials"
            ),
            "{}",
            e.message()
        );
    }

    #[test]
    fn arrays_in_place_of_objects_are_refused() {
        for json in [
            r#"{"auth":{"token":["valid-token"]},"request":{}}"#,
            r#"{"auth":["x"],"request":{}}"#,
            r#"{"credentials":[["x"]],"request":{}}"#,
            r#"{"request":{},"page":[null,2]}"#,
            r#"{"request":{},"rate_limit":[]}"#,
            r#"["x", {}]"#,
        ] {
            let e = RawEnvelope::parse(json.as_bytes()).expect_err(json);
            assert_eq!(e.code().as_str(), "bad_request", "{json}");
            assert!(
                e.message().contains("invalid type: sequence"),
                "{json}: {}",
                e.message()
            );
        }
    }
}
