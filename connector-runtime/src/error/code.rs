//! The 22 `error_code` values and the classification Lumos derives from each.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Every `error_code` a connector may put on the wire.
///
/// The classification of each code lives in [`ErrorCode::classification`], an exhaustive
/// `match`: a new code does not compile until its fault, category and flags are written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "ConnectorErrorCode", description = "")]
pub enum ErrorCode {
    /// The request is malformed.
    BadRequest,
    /// A field holds a value that is not allowed.
    InvalidValue,
    /// A field holds a value the connector does not recognise.
    UnknownValue,
    /// The upstream object does not exist.
    NotFound,
    /// The page token cannot be decoded.
    InvalidPageToken,
    /// A credential or setting the connector needs is absent.
    IntegrationMissingParameter,
    /// The connector does not implement this operation.
    UnsupportedOperation,
    /// The change conflicts with the upstream state.
    Conflict,
    /// The upstream app rejected the credentials.
    Unauthorized,
    /// The credentials expired and may be refreshed.
    AuthenticationExpired,
    /// The credentials were revoked.
    CredsRevoked,
    /// The credentials lack a permission.
    PermissionDenied,
    /// The upstream app throttled the connector.
    RateLimit,
    /// The upstream app answered with a server error.
    BadGateway,
    /// The upstream service is unavailable.
    ServiceError,
    /// Waiting for the rate limit would overrun the caller's deadline.
    BudgetExhausted,
    /// The connection could not be made in time.
    ConnectionTimeout,
    /// The upstream app did not answer in time.
    RequestTimeout,
    /// The upstream host refused the connection.
    ConnectionRejected,
    /// The upstream host closed the connection early.
    ConnectionClosed,
    /// A bug or unexpected condition inside the connector.
    InternalError,
    /// The upstream answer could not be understood.
    InvalidResponse,
}

/// Who is at fault for an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The caller sent something wrong.
    Caller,
    /// The upstream app misbehaved or refused.
    Upstream,
    /// The network between us and the upstream app failed.
    Infrastructure,
    /// The connector itself failed.
    Connector,
}

/// The broad kind of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Bad input from the caller.
    Client,
    /// Credentials were rejected.
    Authentication,
    /// Credentials lack a permission.
    Authorization,
    /// Likely to succeed when retried later.
    Transient,
    /// A connector-side failure.
    Internal,
}

/// The default metadata Lumos attaches to a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classification {
    /// Who is at fault.
    pub fault: Fault,
    /// The broad kind.
    pub category: Category,
    /// Whether retrying the same call may succeed.
    pub retryable: bool,
    /// Whether the failure is throttling.
    pub throttled: bool,
    /// Whether refreshing the credentials may help.
    pub refreshable: bool,
}

const fn class(
    fault: Fault,
    category: Category,
    retryable: bool,
    throttled: bool,
    refreshable: bool,
) -> Classification {
    Classification {
        fault,
        category,
        retryable,
        throttled,
        refreshable,
    }
}

impl ErrorCode {
    /// All codes, in the order Lumos lists them.
    pub const ALL: [ErrorCode; 22] = [
        ErrorCode::BadRequest,
        ErrorCode::InvalidValue,
        ErrorCode::UnknownValue,
        ErrorCode::NotFound,
        ErrorCode::InvalidPageToken,
        ErrorCode::IntegrationMissingParameter,
        ErrorCode::UnsupportedOperation,
        ErrorCode::Conflict,
        ErrorCode::Unauthorized,
        ErrorCode::AuthenticationExpired,
        ErrorCode::CredsRevoked,
        ErrorCode::PermissionDenied,
        ErrorCode::RateLimit,
        ErrorCode::BadGateway,
        ErrorCode::ServiceError,
        ErrorCode::BudgetExhausted,
        ErrorCode::ConnectionTimeout,
        ErrorCode::RequestTimeout,
        ErrorCode::ConnectionRejected,
        ErrorCode::ConnectionClosed,
        ErrorCode::InternalError,
        ErrorCode::InvalidResponse,
    ];

    /// The wire spelling (`"rate_limit"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::InvalidValue => "invalid_value",
            ErrorCode::UnknownValue => "unknown_value",
            ErrorCode::NotFound => "not_found",
            ErrorCode::InvalidPageToken => "invalid_page_token",
            ErrorCode::IntegrationMissingParameter => "integration_missing_parameter",
            ErrorCode::UnsupportedOperation => "unsupported_operation",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::AuthenticationExpired => "authentication_expired",
            ErrorCode::CredsRevoked => "creds_revoked",
            ErrorCode::PermissionDenied => "permission_denied",
            ErrorCode::RateLimit => "rate_limit",
            ErrorCode::BudgetExhausted => "budget_exhausted",
            ErrorCode::BadGateway => "bad_gateway",
            ErrorCode::ServiceError => "service_error",
            ErrorCode::ConnectionTimeout => "connection_timeout",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::ConnectionRejected => "connection_rejected",
            ErrorCode::ConnectionClosed => "connection_closed",
            ErrorCode::InternalError => "internal_error",
            ErrorCode::InvalidResponse => "invalid_response",
        }
    }

    /// Fault, category and flags for this code (Lumos' classification table).
    pub const fn classification(self) -> Classification {
        use Category::*;
        use Fault::*;
        match self {
            ErrorCode::BadRequest
            | ErrorCode::InvalidValue
            | ErrorCode::UnknownValue
            | ErrorCode::NotFound
            | ErrorCode::Conflict
            | ErrorCode::InvalidPageToken
            | ErrorCode::IntegrationMissingParameter => class(Caller, Client, false, false, false),
            ErrorCode::Unauthorized
            | ErrorCode::AuthenticationExpired
            | ErrorCode::CredsRevoked => class(Upstream, Authentication, false, false, true),
            ErrorCode::PermissionDenied => class(Upstream, Authorization, false, false, false),
            ErrorCode::RateLimit | ErrorCode::BudgetExhausted => {
                class(Upstream, Transient, true, true, false)
            }
            ErrorCode::BadGateway | ErrorCode::ServiceError | ErrorCode::RequestTimeout => {
                class(Upstream, Transient, true, false, false)
            }
            ErrorCode::ConnectionTimeout
            | ErrorCode::ConnectionRejected
            | ErrorCode::ConnectionClosed => class(Infrastructure, Transient, true, false, false),
            ErrorCode::InternalError => class(Connector, Internal, true, false, false),
            ErrorCode::UnsupportedOperation | ErrorCode::InvalidResponse => {
                class(Connector, Internal, false, false, false)
            }
        }
    }

    /// The code for an upstream HTTP status, as connector-py's HTTP handler maps it.
    ///
    /// Statuses the table does not name (including 2xx and 3xx) are `invalid_response`.
    pub const fn from_http_status(status: u16) -> ErrorCode {
        match status {
            400 | 413 | 415 | 422 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::PermissionDenied,
            404 => ErrorCode::NotFound,
            405 | 406 | 501 => ErrorCode::UnsupportedOperation,
            408 => ErrorCode::RequestTimeout,
            409 => ErrorCode::Conflict,
            429 => ErrorCode::RateLimit,
            503 => ErrorCode::ServiceError,
            500 | 502 | 504 => ErrorCode::BadGateway,
            _ => ErrorCode::InvalidResponse,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification table of connector-py, row by row, as strings.
    const TABLE: &[(&str, &str, &str, bool, bool, bool)] = &[
        ("bad_request", "caller", "client", false, false, false),
        ("invalid_value", "caller", "client", false, false, false),
        ("unknown_value", "caller", "client", false, false, false),
        ("not_found", "caller", "client", false, false, false),
        ("conflict", "caller", "client", false, false, false),
        (
            "invalid_page_token",
            "caller",
            "client",
            false,
            false,
            false,
        ),
        (
            "integration_missing_parameter",
            "caller",
            "client",
            false,
            false,
            false,
        ),
        (
            "unauthorized",
            "upstream",
            "authentication",
            false,
            false,
            true,
        ),
        (
            "authentication_expired",
            "upstream",
            "authentication",
            false,
            false,
            true,
        ),
        (
            "creds_revoked",
            "upstream",
            "authentication",
            false,
            false,
            true,
        ),
        (
            "permission_denied",
            "upstream",
            "authorization",
            false,
            false,
            false,
        ),
        ("rate_limit", "upstream", "transient", true, true, false),
        (
            "budget_exhausted",
            "upstream",
            "transient",
            true,
            true,
            false,
        ),
        ("bad_gateway", "upstream", "transient", true, false, false),
        ("service_error", "upstream", "transient", true, false, false),
        (
            "request_timeout",
            "upstream",
            "transient",
            true,
            false,
            false,
        ),
        (
            "connection_timeout",
            "infrastructure",
            "transient",
            true,
            false,
            false,
        ),
        (
            "connection_rejected",
            "infrastructure",
            "transient",
            true,
            false,
            false,
        ),
        (
            "connection_closed",
            "infrastructure",
            "transient",
            true,
            false,
            false,
        ),
        (
            "internal_error",
            "connector",
            "internal",
            true,
            false,
            false,
        ),
        (
            "unsupported_operation",
            "connector",
            "internal",
            false,
            false,
            false,
        ),
        (
            "invalid_response",
            "connector",
            "internal",
            false,
            false,
            false,
        ),
    ];

    fn wire<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned()
    }

    #[test]
    fn every_code_matches_the_reference_table() {
        assert_eq!(TABLE.len(), ErrorCode::ALL.len());
        for code in ErrorCode::ALL {
            let row = TABLE
                .iter()
                .find(|r| r.0 == code.as_str())
                .expect("code missing from table");
            let c = code.classification();
            assert_eq!(wire(code), row.0);
            assert_eq!(wire(c.fault), row.1, "{code} fault");
            assert_eq!(wire(c.category), row.2, "{code} category");
            assert_eq!(
                (c.retryable, c.throttled, c.refreshable),
                (row.3, row.4, row.5),
                "{code}"
            );
        }
    }

    #[test]
    fn http_statuses_map_like_the_reference_handler() {
        let cases = [
            (400, "bad_request"),
            (401, "unauthorized"),
            (403, "permission_denied"),
            (404, "not_found"),
            (405, "unsupported_operation"),
            (406, "unsupported_operation"),
            (408, "request_timeout"),
            (409, "conflict"),
            (413, "bad_request"),
            (415, "bad_request"),
            (422, "bad_request"),
            (429, "rate_limit"),
            (500, "bad_gateway"),
            (501, "unsupported_operation"),
            (502, "bad_gateway"),
            (503, "service_error"),
            (504, "bad_gateway"),
            (200, "invalid_response"),
            (302, "invalid_response"),
            (418, "invalid_response"),
            (599, "invalid_response"),
        ];
        for (status, code) in cases {
            assert_eq!(
                ErrorCode::from_http_status(status).as_str(),
                code,
                "status {status}"
            );
        }
    }
}
