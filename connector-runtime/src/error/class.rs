//! The error classes of connector-py: each one's default code, message and hint.

use super::ErrorCode;

/// One class of connector-py's error hierarchy; its name becomes `raised_by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// The base class.
    ConnectorError,
    /// Credentials were rejected.
    AuthenticationError,
    /// Credentials expired.
    AuthenticationExpiredError,
    /// Credentials were revoked.
    CredentialsRevokedError,
    /// A permission is missing.
    AuthorizationError,
    /// A transient upstream failure.
    TransientError,
    /// Throttled upstream.
    RateLimitError,
    /// Waiting would overrun the deadline.
    BudgetExhaustedError,
    /// The upstream app failed.
    UpstreamError,
    /// The connection failed.
    NetworkError,
    /// The connection was refused.
    ConnectionRejectedError,
    /// The connection closed early.
    ConnectionClosedError,
    /// The upstream app was too slow.
    RequestTimeoutError,
    /// Invalid input.
    ClientError,
    /// The object does not exist.
    NotFoundError,
    /// A value is not allowed.
    InvalidValueError,
    /// A setting is wrong.
    InvalidConfigurationError,
    /// A value is not recognised.
    UnknownValueError,
    /// The page token cannot be used.
    InvalidPageTokenError,
    /// A parameter is missing.
    MissingParameterError,
    /// The change conflicts with upstream state.
    ConflictError,
    /// A connector-side failure.
    InternalError,
    /// The upstream answer cannot be understood.
    InvalidResponseError,
    /// The operation is not supported.
    UnsupportedOperationError,
}

const RETRY_HINT: &str = "Please retry the request.";

impl ErrorClass {
    /// The class name, as connector-py spells it (`"RateLimitError"`).
    pub const fn name(self) -> &'static str {
        match self {
            ErrorClass::ConnectorError => "ConnectorError",
            ErrorClass::AuthenticationError => "AuthenticationError",
            ErrorClass::AuthenticationExpiredError => "AuthenticationExpiredError",
            ErrorClass::CredentialsRevokedError => "CredentialsRevokedError",
            ErrorClass::AuthorizationError => "AuthorizationError",
            ErrorClass::TransientError => "TransientError",
            ErrorClass::RateLimitError => "RateLimitError",
            ErrorClass::BudgetExhaustedError => "BudgetExhaustedError",
            ErrorClass::UpstreamError => "UpstreamError",
            ErrorClass::NetworkError => "NetworkError",
            ErrorClass::ConnectionRejectedError => "ConnectionRejectedError",
            ErrorClass::ConnectionClosedError => "ConnectionClosedError",
            ErrorClass::RequestTimeoutError => "RequestTimeoutError",
            ErrorClass::ClientError => "ClientError",
            ErrorClass::NotFoundError => "NotFoundError",
            ErrorClass::InvalidValueError => "InvalidValueError",
            ErrorClass::InvalidConfigurationError => "InvalidConfigurationError",
            ErrorClass::UnknownValueError => "UnknownValueError",
            ErrorClass::InvalidPageTokenError => "InvalidPageTokenError",
            ErrorClass::MissingParameterError => "MissingParameterError",
            ErrorClass::ConflictError => "ConflictError",
            ErrorClass::InternalError => "InternalError",
            ErrorClass::InvalidResponseError => "InvalidResponseError",
            ErrorClass::UnsupportedOperationError => "UnsupportedOperationError",
        }
    }

    /// The code an error of this class carries unless told otherwise.
    pub const fn code(self) -> ErrorCode {
        match self {
            ErrorClass::ConnectorError | ErrorClass::InternalError => ErrorCode::InternalError,
            ErrorClass::AuthenticationError => ErrorCode::Unauthorized,
            ErrorClass::AuthenticationExpiredError => ErrorCode::AuthenticationExpired,
            ErrorClass::CredentialsRevokedError => ErrorCode::CredsRevoked,
            ErrorClass::AuthorizationError => ErrorCode::PermissionDenied,
            ErrorClass::TransientError => ErrorCode::ServiceError,
            ErrorClass::RateLimitError => ErrorCode::RateLimit,
            ErrorClass::BudgetExhaustedError => ErrorCode::BudgetExhausted,
            ErrorClass::UpstreamError => ErrorCode::BadGateway,
            ErrorClass::NetworkError => ErrorCode::ConnectionTimeout,
            ErrorClass::ConnectionRejectedError => ErrorCode::ConnectionRejected,
            ErrorClass::ConnectionClosedError => ErrorCode::ConnectionClosed,
            ErrorClass::RequestTimeoutError => ErrorCode::RequestTimeout,
            ErrorClass::ClientError => ErrorCode::BadRequest,
            ErrorClass::NotFoundError => ErrorCode::NotFound,
            ErrorClass::InvalidValueError | ErrorClass::InvalidConfigurationError => {
                ErrorCode::InvalidValue
            }
            ErrorClass::UnknownValueError => ErrorCode::UnknownValue,
            ErrorClass::InvalidPageTokenError => ErrorCode::InvalidPageToken,
            ErrorClass::MissingParameterError => ErrorCode::IntegrationMissingParameter,
            ErrorClass::ConflictError => ErrorCode::Conflict,
            ErrorClass::InvalidResponseError => ErrorCode::InvalidResponse,
            ErrorClass::UnsupportedOperationError => ErrorCode::UnsupportedOperation,
        }
    }

    /// The message an error of this class carries unless told otherwise.
    pub const fn default_message(self) -> &'static str {
        match self {
            ErrorClass::ConnectorError => "An unexpected error occurred",
            ErrorClass::AuthenticationError => "Authentication failed",
            ErrorClass::AuthenticationExpiredError => "Authentication has expired",
            ErrorClass::CredentialsRevokedError => "Credentials have been revoked",
            ErrorClass::AuthorizationError => "Permission denied",
            ErrorClass::TransientError => "A transient error occurred",
            ErrorClass::RateLimitError => "Rate limit exceeded",
            ErrorClass::BudgetExhaustedError => "Rate limit wait would exceed caller deadline",
            ErrorClass::UpstreamError => "The upstream service returned an unexpected error",
            ErrorClass::NetworkError => "Failed to connect to the upstream service",
            ErrorClass::ConnectionRejectedError => "The upstream service refused the connection",
            ErrorClass::ConnectionClosedError => {
                "The upstream service closed the connection unexpectedly"
            }
            ErrorClass::RequestTimeoutError => "The upstream service did not respond in time",
            ErrorClass::ClientError => "The request contains invalid input",
            ErrorClass::NotFoundError => "The requested resource was not found.",
            ErrorClass::InvalidValueError => "One or more field values are invalid.",
            ErrorClass::InvalidConfigurationError => {
                "The integration configuration contains an invalid value."
            }
            ErrorClass::UnknownValueError => "An unrecognised value was provided.",
            ErrorClass::InvalidPageTokenError => "The pagination token is invalid or has expired.",
            ErrorClass::MissingParameterError => {
                "A required integration parameter is missing. Please check the integration configuration."
            }
            ErrorClass::ConflictError => "The operation conflicts with the current resource state.",
            ErrorClass::InternalError => "An internal connector error occurred",
            ErrorClass::InvalidResponseError => {
                "The upstream API returned an unexpected or unreadable response."
            }
            ErrorClass::UnsupportedOperationError => {
                "This operation is not supported by the connector"
            }
        }
    }

    /// The hint an error of this class carries unless told otherwise (inherited from the
    /// parent class where connector-py inherits it).
    pub const fn default_hint(self) -> Option<&'static str> {
        match self {
            ErrorClass::AuthenticationError => {
                Some("Please contact support if the problem persists.")
            }
            ErrorClass::CredentialsRevokedError => {
                Some("Visit the end system and verify that the credentials have not been revoked.")
            }
            ErrorClass::AuthorizationError => {
                Some("Visit the end system and verify that the account has the required scope.")
            }
            ErrorClass::TransientError
            | ErrorClass::RateLimitError
            | ErrorClass::BudgetExhaustedError
            | ErrorClass::UpstreamError
            | ErrorClass::NetworkError
            | ErrorClass::ConnectionRejectedError
            | ErrorClass::ConnectionClosedError
            | ErrorClass::RequestTimeoutError => Some(RETRY_HINT),
            ErrorClass::InvalidConfigurationError => {
                Some("Review the integration settings and correct the indicated field.")
            }
            ErrorClass::ConnectorError
            | ErrorClass::AuthenticationExpiredError
            | ErrorClass::ClientError
            | ErrorClass::NotFoundError
            | ErrorClass::InvalidValueError
            | ErrorClass::UnknownValueError
            | ErrorClass::InvalidPageTokenError
            | ErrorClass::MissingParameterError
            | ErrorClass::ConflictError
            | ErrorClass::InternalError
            | ErrorClass::InvalidResponseError
            | ErrorClass::UnsupportedOperationError => None,
        }
    }
}
