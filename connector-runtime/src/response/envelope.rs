//! The two envelopes a run prints, success and error, exactly as connector-py prints them
//! (every key present, nulls included, compact, in the reference's key order).

use serde::Serialize;

use super::Response;
use crate::error::{ConnectorError, ErrorCode, ErrorMetadata};

/// Where an outcome arose, which decides an error's `raised_by` and `raised_in`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Origin<'a> {
    /// The runtime, before any capability ran: both fields are null.
    BeforeCall,
    /// The capability implemented at `module:function`.
    Capability(&'a str),
}

/// The envelope of a capability's outcome, as one compact JSON line (without the newline). A
/// response that cannot be encoded becomes an `invalid_response` error.
pub(crate) fn encode<T: Serialize>(
    outcome: Result<&Response<T>, &ConnectorError>,
    app_id: &str,
    origin: Origin<'_>,
) -> String {
    match outcome.map(serde_json::to_string) {
        Ok(Ok(success)) => success,
        Ok(Err(e)) => {
            let unencodable = ConnectorError::invalid_response()
                .with_message(format!("the capability's response cannot be encoded: {e}"));
            error(&unencodable, app_id, origin)
        }
        Err(failure) => error(failure, app_id, origin),
    }
}

/// The error envelope of `error`, as one compact JSON line (without the newline).
pub(crate) fn error(error: &ConnectorError, app_id: &str, origin: Origin<'_>) -> String {
    let (raised_by, raised_in) = match origin {
        Origin::BeforeCall => (None, None),
        Origin::Capability(raised_in) => (Some(error.raised_by()), Some(raised_in)),
    };
    let envelope = ErrorEnvelope {
        is_error: true,
        error: ErrorBody {
            message: error.message(),
            status_code: error.status_code(),
            app_error_code: error.app_error_code(),
            error_code: error.code(),
            app_id,
            raised_by,
            raised_in,
            error_metadata: error.metadata(),
        },
        raw_data: None,
        page: None,
    };
    // Plain strings, integers and booleans only: serialization cannot fail.
    serde_json::to_string(&envelope).unwrap_or_default()
}

#[derive(Serialize)]
struct ErrorEnvelope<'a> {
    is_error: bool,
    error: ErrorBody<'a>,
    raw_data: Option<()>,
    page: Option<()>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: &'a str,
    status_code: Option<u16>,
    app_error_code: Option<&'a str>,
    error_code: ErrorCode,
    app_id: &'a str,
    raised_by: Option<&'a str>,
    raised_in: Option<&'a str>,
    error_metadata: ErrorMetadata<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_envelope_has_every_key_in_order() {
        let r = Response::new(serde_json::json!({"valid": true, "unique_tenant_id": "t"}));
        assert_eq!(
            encode(Ok(&r), "app", Origin::BeforeCall),
            r#"{"response":{"valid":true,"unique_tenant_id":"t"},"raw_data":null,"page":null,"rate_limit":null,"execution_summary":null}"#
        );
    }

    #[test]
    fn error_envelope_matches_the_reference_bytes() {
        let e = ConnectorError::bad_request()
            .with_message("No settings passed on request: mockapp requires MockappSettings");
        assert_eq!(
            error(&e, "mockapp", Origin::BeforeCall),
            r#"{"is_error":true,"error":{"message":"No settings passed on request: mockapp requires MockappSettings","status_code":null,"app_error_code":null,"error_code":"bad_request","app_id":"mockapp","raised_by":null,"raised_in":null,"error_metadata":{"fault":"caller","category":"client","hint":null,"retryable":false,"throttled":false,"refreshable":false,"retry_after_seconds":null}},"raw_data":null,"page":null}"#
        );
    }

    #[test]
    fn a_response_that_cannot_be_encoded_is_an_invalid_response_error_from_the_capability() {
        // JSON object keys must be strings; these are pairs.
        let r = Response::new(std::collections::BTreeMap::from([((1, 2), 3)]));
        let printed = encode(Ok(&r), "app", Origin::Capability("demo:list"));
        let json: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(json["error"]["error_code"], "invalid_response", "{printed}");
        assert_eq!(json["error"]["raised_in"], "demo:list");
        assert_eq!(json["error"]["raised_by"], "InvalidResponseError");
    }
}
