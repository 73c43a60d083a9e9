//! The two envelopes a capability prints: success and error, exactly as connector-py prints
//! them (every key present, nulls included, compact, in the reference's key order).

use serde::Serialize;
use serde_json::Value;

use crate::error::{ConnectorError, ErrorMetadata};
use crate::models::{ExecutionSummary, Page, RateLimitResponseInfo};

/// A capability's success: its `response` value plus the envelope's optional parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response<T> {
    /// The capability's result.
    pub response: T,
    /// The upstream data the result came from, when the caller asked for it.
    pub raw_data: Option<Value>,
    /// The next page, or `None` when this was the last.
    pub page: Option<Page>,
    /// Rate-limit state to hand back to the caller.
    pub rate_limit: Option<RateLimitResponseInfo>,
    /// What a write did (created, updated, deleted, nothing).
    pub execution_summary: Option<ExecutionSummary>,
}

impl<T> Response<T> {
    /// A response with nothing but its result.
    pub fn new(response: T) -> Self {
        Response {
            response,
            raw_data: None,
            page: None,
            rate_limit: None,
            execution_summary: None,
        }
    }

    /// Sets the next page (`None` ends the pagination).
    pub fn with_page(mut self, page: Option<Page>) -> Self {
        self.page = page;
        self
    }

    /// Sets `raw_data`.
    pub fn with_raw_data(mut self, raw_data: Value) -> Self {
        self.raw_data = Some(raw_data);
        self
    }

    /// The same envelope around `f(response)`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            response: f(self.response),
            raw_data: self.raw_data,
            page: self.page,
            rate_limit: self.rate_limit,
            execution_summary: self.execution_summary,
        }
    }

    /// Sets `execution_summary`.
    pub fn with_execution_summary(mut self, summary: ExecutionSummary) -> Self {
        self.execution_summary = Some(summary);
        self
    }
}

impl<T> From<T> for Response<T> {
    fn from(response: T) -> Self {
        Response::new(response)
    }
}

/// Where an error came from, for `raised_by` / `raised_in`.
#[derive(Debug, Clone, Copy)]
pub enum ErrorOrigin<'a> {
    /// Found by the runtime before the capability ran: both fields are null.
    BeforeCall,
    /// Returned by the capability, identified as `module:function`.
    Capability(&'a str),
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
    error_code: crate::error::ErrorCode,
    app_id: &'a str,
    raised_by: Option<&'a str>,
    raised_in: Option<&'a str>,
    error_metadata: ErrorMetadata<'a>,
}

/// The error envelope of `error`, as one compact JSON line (without the newline).
pub fn error_envelope(error: &ConnectorError, app_id: &str, origin: ErrorOrigin<'_>) -> String {
    let (raised_by, raised_in) = match origin {
        ErrorOrigin::BeforeCall => (None, None),
        ErrorOrigin::Capability(raised_in) => (Some(error.raised_by()), Some(raised_in)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_envelope_has_every_key_in_order() {
        let r = Response::new(serde_json::json!({"valid": true, "unique_tenant_id": "t"}));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"response":{"valid":true,"unique_tenant_id":"t"},"raw_data":null,"page":null,"rate_limit":null,"execution_summary":null}"#
        );
    }

    #[test]
    fn error_envelope_matches_the_reference_bytes() {
        let e = ConnectorError::client()
            .with_message("No settings passed on request: mockapp requires MockappSettings");
        assert_eq!(
            error_envelope(&e, "mockapp", ErrorOrigin::BeforeCall),
            r#"{"is_error":true,"error":{"message":"No settings passed on request: mockapp requires MockappSettings","status_code":null,"app_error_code":null,"error_code":"bad_request","app_id":"mockapp","raised_by":null,"raised_in":null,"error_metadata":{"fault":"caller","category":"client","hint":null,"retryable":false,"throttled":false,"refreshable":false,"retry_after_seconds":null}},"raw_data":null,"page":null}"#
        );
    }
}
