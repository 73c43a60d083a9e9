//! An answer (2xx, unless asked otherwise) and how a body is read: whole, chunk by chunk, refused above a size cap.

use std::fmt;
use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::client::Shared;
use crate::error::ConnectorError;

/// An answer, body read in full: 2xx, except from a request sent to take any status.
pub struct HttpResponse {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
    pub(super) shared: Arc<Shared>,
}

impl HttpResponse {
    /// Decodes the body as JSON (empty reads as `null`); failures are `invalid_response`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ConnectorError> {
        let body: &[u8] = if self.body.trim_ascii().is_empty() {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|e| {
            let detail = self.shared.redactor.redact(&e.to_string());
            ConnectorError::from(e).with_message(format!("Failed to parse JSON response: {detail}"))
        })
    }

    /// `text` with every secret of the client that received this answer replaced.
    pub(crate) fn redact(&self, text: &str) -> String {
        self.shared.redactor.redact(text)
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish_non_exhaustive()
    }
}

/// The largest upstream body read into memory.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The whole body, chunk by chunk, refusing one larger than [`MAX_BODY_BYTES`] (the inner
/// error) instead of exhausting memory; the outer error is the transport's.
pub(super) async fn read_body(
    mut response: reqwest::Response,
) -> Result<Result<Vec<u8>, ConnectorError>, reqwest::Error> {
    let too_large = || {
        ConnectorError::invalid_response().with_message(format!(
            "The upstream response is larger than {} MiB.",
            MAX_BODY_BYTES / (1024 * 1024)
        ))
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_BODY_BYTES as u64)
    {
        return Ok(Err(too_large()));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Ok(Err(too_large()));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Ok(body))
}
