//! A protocol's own error bodies read into Lumos codes. The status decides by default (a 409
//! is `conflict`, a 400 `bad_request`); a protocol that says more in its body (SCIM's
//! `scimType`, an API's `"code": "duplicate_email"`) gives the client a reader, which sees
//! each non-2xx answer after the retries and may name another code and the app's own code.
//! The message stays the runtime's, with secrets redacted.

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::{ConnectorError, ErrorCode};

/// A non-2xx answer, as a reader sees it.
#[derive(Debug, Clone, Copy)]
pub struct ErrorAnswer<'a> {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: &'a HeaderMap,
    /// The body.
    pub body: &'a [u8],
}

/// What a reader makes of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The code, in place of the status's.
    pub code: ErrorCode,
    /// The app's own name for the error (`app_error_code` in the envelope), if any.
    pub app_error_code: Option<String>,
}

/// Reads an answer; `None` keeps the status's code.
pub type ErrorReader = fn(&ErrorAnswer<'_>) -> Option<ReadError>;

/// `error` as `reader` reads `answer`.
pub(super) fn apply(
    error: ConnectorError,
    reader: Option<ErrorReader>,
    answer: &ErrorAnswer<'_>,
) -> ConnectorError {
    let Some(read) = reader.and_then(|reader| reader(answer)) else {
        return error;
    };
    let error = error.with_code(read.code);
    match read.app_error_code {
        Some(app_error_code) => error.with_app_error_code(app_error_code),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(answer: &ErrorAnswer<'_>) -> Option<ReadError> {
        (answer.status == StatusCode::BAD_REQUEST && answer.body.starts_with(b"dup")).then(|| {
            ReadError {
                code: ErrorCode::Conflict,
                app_error_code: Some("duplicate".into()),
            }
        })
    }

    #[test]
    fn a_reader_names_the_code_and_keeps_the_message() {
        let headers = HeaderMap::new();
        let answer = |body: &'static [u8]| ErrorAnswer {
            status: StatusCode::BAD_REQUEST,
            headers: &headers,
            body,
        };
        let error = || ConnectorError::from_http_status(400, "[400][url] dup");
        let read = apply(error(), Some(duplicate), &answer(b"dup"));
        assert_eq!(read.code(), ErrorCode::Conflict);
        assert_eq!(read.app_error_code(), Some("duplicate"));
        assert_eq!(read.message(), "[400][url] dup");
        assert_eq!(read.status_code(), Some(400));
        let kept = apply(error(), Some(duplicate), &answer(b"other"));
        assert_eq!(kept.code(), ErrorCode::BadRequest);
        assert_eq!(
            apply(error(), None, &answer(b"dup")).code(),
            ErrorCode::BadRequest
        );
    }
}
