//! How large a request may be, whichever way it comes (a file, stdin, an HTTP body).

use crate::error::ConnectorError;

/// The largest request accepted from a file, stdin or an HTTP body.
pub const MAX_REQUEST_BYTES: u64 = 32 * 1024 * 1024;

/// The refusal of a request over [`MAX_REQUEST_BYTES`].
pub(crate) fn too_large() -> ConnectorError {
    ConnectorError::bad_request().with_message(format!(
        "Invalid request - the request is larger than {} MiB",
        MAX_REQUEST_BYTES / (1024 * 1024)
    ))
}
