//! `From` conversions, so `?` turns transport and JSON failures into the right codes.
//!
//! Messages and `raised_by` names follow connector-py's handling of the equivalent httpx and
//! `json` exceptions. No message embeds a URL: URLs may carry credentials in their query.

use super::{ConnectorError, ErrorClass, ErrorCode};

const CONNECT_MESSAGE: &str = "Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue.";
const TIMEOUT_MESSAGE: &str = "The upstream API did not respond in time.";
/// The message of a connection the upstream host closed early (also used by the HTTP client).
pub(crate) const CLOSED_MESSAGE: &str = "The upstream API closed the connection unexpectedly.";

impl From<serde_json::Error> for ConnectorError {
    /// Upstream JSON that does not parse or does not fit the expected shape: `invalid_response`.
    fn from(e: serde_json::Error) -> Self {
        ConnectorError::new(
            ErrorCode::InvalidResponse,
            format!("Failed to parse JSON response: {e}"),
        )
        .with_raised_by("JSONDecodeError")
    }
}

impl From<reqwest::Error> for ConnectorError {
    fn from(e: reqwest::Error) -> Self {
        let e = e.without_url();
        if let Some(status) = e.status() {
            return ConnectorError::from_http_status(status.as_u16(), format!("[{status}] {e}"));
        }
        if e.is_connect() {
            let raised_by = if e.is_timeout() {
                "ConnectTimeout"
            } else {
                "ConnectError"
            };
            return ConnectorError::new(ErrorCode::ConnectionTimeout, CONNECT_MESSAGE)
                .with_raised_by(raised_by);
        }
        if e.is_timeout() {
            return ConnectorError::new(ErrorCode::RequestTimeout, TIMEOUT_MESSAGE)
                .with_raised_by("ReadTimeout");
        }
        if e.is_decode() {
            return ConnectorError::new(
                ErrorCode::InvalidResponse,
                format!("Failed to parse JSON response: {e}"),
            )
            .with_raised_by("JSONDecodeError");
        }
        if e.is_body() || e.is_request() {
            return ConnectorError::new(ErrorCode::ConnectionClosed, CLOSED_MESSAGE)
                .with_raised_by("RemoteProtocolError");
        }
        ConnectorError::of_class(ErrorClass::InternalError)
            .with_message(e.to_string())
            .with_raised_by("reqwest::Error")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_are_invalid_response() {
        let e: ConnectorError = serde_json::from_str::<serde_json::Value>("<html>")
            .unwrap_err()
            .into();
        assert_eq!(e.code(), ErrorCode::InvalidResponse);
        assert_eq!(e.raised_by(), "JSONDecodeError");
        assert!(
            e.message().starts_with("Failed to parse JSON response: "),
            "{}",
            e.message()
        );
        assert_eq!(e.metadata().hint, None);
    }
}
