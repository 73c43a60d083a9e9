//! Response builders with the headers FastAPI/Starlette put on each kind.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde::Serialize;

pub const JSON: &str = "application/json";
pub const TEXT: &str = "text/plain; charset=utf-8";
pub const HTML: &str = "text/html; charset=utf-8";

/// A body with a content type.
pub fn with_type(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// JSON text that is already serialised.
pub fn json_text(status: StatusCode, body: String) -> Response {
    with_type(status, JSON, body)
}

/// `value` serialised compactly, as `JSONResponse` does.
pub fn json(status: StatusCode, value: &impl Serialize) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => json_text(status, body),
        Err(_) => internal_error(),
    }
}

/// `{"detail": "..."}`, the shape of every hand-written error.
pub fn detail(status: StatusCode, message: &str) -> Response {
    #[derive(Serialize)]
    struct Detail<'a> {
        detail: &'a str,
    }
    json(status, &Detail { detail: message })
}

pub fn text(status: StatusCode, body: String) -> Response {
    with_type(status, TEXT, body)
}

/// What Starlette answers when the application raised: a bare 500.
pub fn internal_error() -> Response {
    text(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Internal Server Error".to_owned(),
    )
}

/// 204 with no body and no content type.
pub fn no_content() -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}
