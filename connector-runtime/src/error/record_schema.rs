//! The JSON schema of [`Error`](super::Error) as connector-py's models write it: the code is
//! either a [`ErrorCode`] (named `ConnectorErrorCode`) or one of the deprecated codes (named
//! `ErrorCode`), and `error_metadata` is a `ConnectorErrorMetadata` object. These types only
//! describe; nothing is built from them.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use super::ErrorCode;

/// `error_code`: a current or a deprecated code.
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(inline)]
#[allow(dead_code, reason = "describes a schema; never built")]
pub(super) enum CodeUnion {
    Current(ErrorCode),
    Deprecated(DeprecatedCode),
}

/// A string schema that allows `values` only.
fn string_enum(values: &[&str]) -> Schema {
    json_schema!({"type": "string", "enum": values})
}

/// Declares a schema-only named string enum.
macro_rules! string_enum_schema {
    ($(#[$doc:meta])* $name:ident as $wire_name:literal: [$($value:literal),* $(,)?]) => {
        $(#[$doc])*
        pub(super) enum $name {}

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                $wire_name.into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                string_enum(&[$($value),*])
            }
        }
    };
}

string_enum_schema! {
    /// The codes of connector-py's deprecated `ErrorCode` enum, which the wire still accepts.
    DeprecatedCode as "ErrorCode": [
        "not_found", "internal_error", "api_error", "unauthorized", "bad_request",
        "permission_denied", "not_implemented", "unexpected_error", "unsupported_operation",
        "unknown_value", "invalid_value", "bad_gateway", "unauthenticated", "request_timeout",
        "connection_timeout", "connection_rejected", "rate_limit", "authentication_expired",
        "service_error", "invalid_response", "client_call_error", "connection_closed",
        "creds_revoked", "invalid_page_token", "integration_missing_parameter",
    ]
}

string_enum_schema! {
    /// Who is responsible for an error, as the wire spells it.
    FaultSchema as "ConnectorErrorFault": ["caller", "connector", "upstream", "infrastructure", "unknown"]
}

string_enum_schema! {
    /// What the caller should do about an error, as the wire spells it.
    CategorySchema as "ConnectorErrorCategory": ["authentication", "authorization", "transient", "client", "internal"]
}

/// `error_metadata`: the classification of the code, with its overrides.
#[derive(JsonSchema)]
#[schemars(rename = "ConnectorErrorMetadata", description = "")]
#[allow(dead_code, reason = "describes a schema; never built")]
pub(super) struct MetadataSchema {
    fault: FaultSchema,
    category: CategorySchema,
    #[serde(default)]
    hint: Option<String>,
    retryable: bool,
    throttled: bool,
    refreshable: bool,
    #[serde(default)]
    retry_after_seconds: Option<i64>,
}
