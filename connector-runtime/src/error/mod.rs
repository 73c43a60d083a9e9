//! `ConnectorError`: the one error type of a capability, and everything it carries onto the wire.

mod class;
mod code;
mod convert;
mod record;
mod record_schema;

pub use class::ErrorClass;
pub use code::{Category, Classification, ErrorCode, Fault};
pub(crate) use convert::CLOSED_MESSAGE;
pub use record::Error;

use std::borrow::Cow;
use std::fmt;

/// The longest `retry_after_seconds` an error carries: one day.
const MAX_RETRY_AFTER_SECONDS: u64 = 24 * 60 * 60;

/// The error a capability returns; the runtime prints it as Lumos' error envelope.
///
/// Build one from a constructor named after its code (`ConnectorError::not_found()`), adjust it with the
/// `with_*` methods, or let `?` convert transport, JSON and page-token errors. The message is
/// printed verbatim: never put a secret in it.
#[derive(Clone, PartialEq)]
pub struct ConnectorError {
    code: ErrorCode,
    message: Cow<'static, str>,
    status_code: Option<u16>,
    app_error_code: Option<String>,
    hint: Option<Cow<'static, str>>,
    retryable: Option<bool>,
    throttled: Option<bool>,
    refreshable: Option<bool>,
    retry_after_seconds: Option<u64>,
    raised_by: Cow<'static, str>,
}

/// The `error_metadata` object of the envelope, resolved from the code and any overrides.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ErrorMetadata<'a> {
    /// Who is at fault.
    pub fault: Fault,
    /// The broad kind.
    pub category: Category,
    /// Advice for the operator, if any.
    pub hint: Option<&'a str>,
    /// Whether retrying may succeed.
    pub retryable: bool,
    /// Whether this is throttling.
    pub throttled: bool,
    /// Whether refreshing credentials may help.
    pub refreshable: bool,
    /// How long to wait before retrying, when the upstream app said so.
    pub retry_after_seconds: Option<u64>,
}

impl ConnectorError {
    /// An error of the given class with that class' default code, message and hint.
    pub fn of_class(class: ErrorClass) -> Self {
        ConnectorError {
            code: class.code(),
            message: Cow::Borrowed(class.default_message()),
            status_code: None,
            app_error_code: None,
            hint: class.default_hint().map(Cow::Borrowed),
            retryable: None,
            throttled: None,
            refreshable: None,
            retry_after_seconds: None,
            raised_by: Cow::Borrowed(class.name()),
        }
    }

    /// An error with an explicit code and message (class `ConnectorError`, no hint).
    pub fn new(code: ErrorCode, message: impl Into<Cow<'static, str>>) -> Self {
        Self::of_class(ErrorClass::ConnectorError)
            .with_code(code)
            .with_message(message)
    }

    /// Replaces the message.
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self
    }

    /// Replaces the code (the class name and hint stay).
    pub fn with_code(mut self, code: ErrorCode) -> Self {
        self.code = code;
        self
    }

    /// Records the upstream HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status_code = Some(status);
        self
    }

    /// Records the upstream app's own error code.
    pub fn with_app_error_code(mut self, app_error_code: impl Into<String>) -> Self {
        self.app_error_code = Some(app_error_code.into());
        self
    }

    /// Replaces the hint.
    pub fn with_hint(mut self, hint: impl Into<Cow<'static, str>>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Removes the hint.
    pub fn without_hint(mut self) -> Self {
        self.hint = None;
        self
    }

    /// Overrides the `retryable` flag of the code's classification.
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = Some(retryable);
        self
    }

    /// Overrides the `throttled` flag of the code's classification.
    pub fn with_throttled(mut self, throttled: bool) -> Self {
        self.throttled = Some(throttled);
        self
    }

    /// Overrides the `refreshable` flag of the code's classification.
    pub fn with_refreshable(mut self, refreshable: bool) -> Self {
        self.refreshable = Some(refreshable);
        self
    }

    /// Tells the caller how many seconds to wait before retrying, at most a day (86,400): a
    /// longer wait (an upstream's `Retry-After: 99999999999999999999999`) is reported as a
    /// day, which fits the wire's 64-bit integer and has the caller ask again then.
    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds.min(MAX_RETRY_AFTER_SECONDS));
        self
    }

    /// Names what raised the error (`raised_by` in the envelope).
    pub fn with_raised_by(mut self, raised_by: impl Into<Cow<'static, str>>) -> Self {
        self.raised_by = raised_by.into();
        self
    }

    /// The `error_code`.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The message, as printed.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The upstream HTTP status, when known.
    pub fn status_code(&self) -> Option<u16> {
        self.status_code
    }

    /// The upstream app's own error code, when known.
    pub fn app_error_code(&self) -> Option<&str> {
        self.app_error_code.as_deref()
    }

    /// What raised the error: a class name such as `RateLimitError`, or a Rust error type.
    pub fn raised_by(&self) -> &str {
        &self.raised_by
    }

    /// The resolved `error_metadata`: the code's classification with this error's overrides.
    pub fn metadata(&self) -> ErrorMetadata<'_> {
        let c = self.code.classification();
        ErrorMetadata {
            fault: c.fault,
            category: c.category,
            hint: self.hint.as_deref(),
            retryable: self.retryable.unwrap_or(c.retryable),
            throttled: self.throttled.unwrap_or(c.throttled),
            refreshable: self.refreshable.unwrap_or(c.refreshable),
            retry_after_seconds: self.retry_after_seconds,
        }
    }
}

/// One constructor per error class of connector-py, each with that class' defaults, named
/// after the `error_code` it produces (tested below). Two classes share a code with another:
/// `invalid_configuration` (`invalid_value`, with the configuration hint) and connector-py's
/// base class (`internal_error` with "An unexpected error occurred"), which is
/// `ConnectorError::of_class(ErrorClass::ConnectorError)`.
macro_rules! class_constructors {
    ($($(#[$doc:meta])* $fn_name:ident => $class:ident;)*) => {
        impl ConnectorError {
            $(
                $(#[$doc])*
                pub fn $fn_name() -> Self {
                    Self::of_class(ErrorClass::$class)
                }
            )*
        }

        /// Each constructor's name and the error it builds.
        #[cfg(test)]
        const CONSTRUCTORS: &[(&str, fn() -> ConnectorError)] =
            &[$((stringify!($fn_name), ConnectorError::$fn_name),)*];
    };
}

class_constructors! {
    /// `unauthorized`: authentication failed.
    unauthorized => AuthenticationError;
    /// `authentication_expired`: the credentials expired.
    authentication_expired => AuthenticationExpiredError;
    /// `creds_revoked`: the credentials were revoked.
    creds_revoked => CredentialsRevokedError;
    /// `permission_denied`: the credentials lack a permission.
    permission_denied => AuthorizationError;
    /// `service_error`: a transient upstream failure.
    service_error => TransientError;
    /// `rate_limit`: the upstream app throttled us.
    rate_limit => RateLimitError;
    /// `budget_exhausted`: waiting would overrun the caller's deadline.
    budget_exhausted => BudgetExhaustedError;
    /// `bad_gateway`: the upstream app failed unexpectedly.
    bad_gateway => UpstreamError;
    /// `connection_timeout`: the connection could not be made.
    connection_timeout => NetworkError;
    /// `connection_rejected`: the upstream host refused the connection.
    connection_rejected => ConnectionRejectedError;
    /// `connection_closed`: the upstream host closed the connection early.
    connection_closed => ConnectionClosedError;
    /// `request_timeout`: the upstream app did not answer in time.
    request_timeout => RequestTimeoutError;
    /// `bad_request`: the input is invalid.
    bad_request => ClientError;
    /// `not_found`: the upstream object does not exist.
    not_found => NotFoundError;
    /// `invalid_value`: a field value is not allowed.
    invalid_value => InvalidValueError;
    /// `invalid_value` too, for a wrong setting of the integration: the hint says to check
    /// the configuration.
    invalid_configuration => InvalidConfigurationError;
    /// `unknown_value`: a value is not recognised.
    unknown_value => UnknownValueError;
    /// `invalid_page_token`: the page token cannot be used.
    invalid_page_token => InvalidPageTokenError;
    /// `integration_missing_parameter`: a credential or setting is absent.
    integration_missing_parameter => MissingParameterError;
    /// `conflict`: the change conflicts with the upstream state.
    conflict => ConflictError;
    /// `internal_error`: a connector-side failure.
    internal_error => InternalError;
    /// `invalid_response`: the upstream answer cannot be understood.
    invalid_response => InvalidResponseError;
    /// `unsupported_operation`: the connector does not do this.
    unsupported_operation => UnsupportedOperationError;
}

impl ConnectorError {
    /// The error for an upstream HTTP status: the code from the status table, the status
    /// recorded, and the given message (by convention `[status][url] body`).
    pub fn from_http_status(status: u16, message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorCode::from_http_status(status), message)
            .with_status(status)
            .with_raised_by("HTTPStatusError")
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Debug for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConnectorError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("status_code", &self.status_code)
            .field("raised_by", &self.raised_by)
            .finish_non_exhaustive()
    }
}

impl std::error::Error for ConnectorError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_with_retry_after_matches_the_reference() {
        let e = ConnectorError::rate_limit().with_retry_after(12);
        let m = serde_json::to_string(&e.metadata()).unwrap();
        assert_eq!(e.message(), "Rate limit exceeded");
        assert_eq!(e.code(), ErrorCode::RateLimit);
        assert_eq!(
            m,
            r#"{"fault":"upstream","category":"transient","hint":"Please retry the request.","retryable":true,"throttled":true,"refreshable":false,"retry_after_seconds":12}"#
        );
    }

    #[test]
    fn overrides_win_over_the_table() {
        let e = ConnectorError::internal_error()
            .with_retryable(false)
            .with_refreshable(true);
        let m = e.metadata();
        assert!(!m.retryable);
        assert!(m.refreshable);
        assert_eq!(m.hint, None);
    }

    #[test]
    fn retry_after_is_capped_at_a_day() {
        let e = ConnectorError::rate_limit().with_retry_after(u64::MAX);
        assert_eq!(e.metadata().retry_after_seconds, Some(86_400));
        let e = ConnectorError::rate_limit().with_retry_after(86_399);
        assert_eq!(e.metadata().retry_after_seconds, Some(86_399));
    }

    #[test]
    fn accessors_display_and_debug_show_what_was_set() {
        let e = ConnectorError::not_found()
            .with_message("no user u-1")
            .with_status(404)
            .with_app_error_code("E42");
        assert_eq!(e.app_error_code(), Some("E42"));
        assert_eq!(e.code().to_string(), "not_found");
        assert_eq!(e.to_string(), "no user u-1");
        assert_eq!(
            format!("{e:?}"),
            r#"ConnectorError { code: NotFound, message: "no user u-1", status_code: Some(404), raised_by: "NotFoundError", .. }"#
        );
        use crate::response::envelope::{Origin, error};
        let envelope = error(&e, "app", Origin::BeforeCall);
        assert!(envelope.contains(r#""app_error_code":"E42""#), "{envelope}");
        let record = e.to_record("app");
        assert_eq!(record.app_error_code.as_deref(), Some("E42"));
        let metadata = record.error_metadata.expect("metadata");
        assert_eq!(metadata["fault"], "caller");
        assert_eq!(metadata["retryable"], false);
    }

    #[test]
    fn each_constructor_is_named_after_the_code_it_produces() {
        for (name, constructor) in CONSTRUCTORS {
            let expected = match *name {
                "invalid_configuration" => "invalid_value",
                other => other,
            };
            assert_eq!(constructor().code().as_str(), expected, "{name}");
        }
        assert_eq!(CONSTRUCTORS.len(), 23);
    }

    #[test]
    fn http_status_constructor_uses_the_status_table() {
        let e = ConnectorError::from_http_status(404, "[404][http://x/y] nope");
        assert_eq!(e.code(), ErrorCode::NotFound);
        assert_eq!(e.status_code(), Some(404));
        assert_eq!(e.raised_by(), "HTTPStatusError");
    }
}
