//! The routes, matched as connector-py's server matches them: `GET /openapi.json`, then
//! `POST /<capability>` for each capability the connector answers (`-` read as `_`); any
//! other path is 404 and another method on a capability 405, with connector-py's bodies.
//! `GET /healthz` is ours.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::response::Response;
use http_body_util::{BodyExt, LengthLimitError, Limited};

use std::sync::Arc;

use tokio::sync::Semaphore;

use super::access_log;
use crate::integration::App;
use crate::request_size::{MAX_REQUEST_BYTES, too_large};
use crate::response::envelope::{self, Origin};
use crate::{answered, dispatch};

/// What every request handler shares.
#[derive(Clone)]
pub(super) struct Shared {
    pub(super) app: App,
    /// One permit per capability allowed to run at once.
    pub(super) permits: Arc<Semaphore>,
    /// `GET /openapi.json`'s body, made once at start (cloning it shares the bytes).
    pub(super) openapi: Bytes,
}

const NOT_FOUND: &str = r#"{"detail": "Not Found"}"#;
const METHOD_NOT_ALLOWED: &str = r#"{"detail": "Method Not Allowed"}"#;
const HEALTHY: &str = r#"{"status": "ok"}"#;

/// Every route, behind the access log.
pub(super) fn router(shared: Shared) -> Router {
    Router::new()
        .fallback(route)
        .layer(axum::middleware::from_fn(access_log::log))
        .with_state(shared)
}

/// The `app_info` document, as `app_info` answers a request with no settings; `{}` if it
/// cannot be had (connector-py serves `{}` then too).
pub(super) async fn openapi_document(app: &App) -> String {
    let envelope = dispatch::dispatch(app, "app_info", br#"{"request":{}}"#).await;
    serde_json::from_str::<serde_json::Value>(&envelope)
        .ok()
        .and_then(|mut json| json.pointer_mut("/response/app_schema").map(std::mem::take))
        .filter(serde_json::Value::is_object)
        .map_or_else(|| "{}".to_owned(), |schema| schema.to_string())
}

async fn route(State(shared): State<Shared>, request: Request) -> Response {
    let path = request.uri().path();
    if request.method() == Method::GET {
        match path {
            "/openapi.json" => return json(StatusCode::OK, shared.openapi.clone()),
            "/healthz" => return json(StatusCode::OK, HEALTHY),
            _ => {}
        }
    }
    let name = path.strip_prefix('/').unwrap_or(path).replace('-', "_");
    if answered::find(&shared.app, &name).is_none() {
        return json(StatusCode::NOT_FOUND, NOT_FOUND);
    }
    if request.method() != Method::POST {
        return json(StatusCode::METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED);
    }
    // The turn is taken before the body is read: a request waiting holds only its connection.
    // (`acquire` fails only on a closed semaphore, and this one is never closed.)
    let _turn = shared.permits.acquire().await;
    let limit = usize::try_from(MAX_REQUEST_BYTES).unwrap_or(usize::MAX);
    let body = match Limited::new(request.into_body(), limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.is::<LengthLimitError>() => {
            let refused = envelope::error(&too_large(), shared.app.app_id, Origin::BeforeCall);
            return json(StatusCode::OK, refused);
        }
        // The client went away mid-body: nobody will read an answer.
        Err(_) => return json(StatusCode::BAD_REQUEST, r#"{"detail": "Bad Request"}"#),
    };
    json(
        StatusCode::OK,
        dispatch::dispatch(&shared.app, &name, &body).await,
    )
}

fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}
