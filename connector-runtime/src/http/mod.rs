//! Outbound HTTP for connector code: one client per upstream app.
//!
//! [`HttpClient`] joins paths onto the integration's base URL, sends the declared credential,
//! retries throttled and transient failures a bounded number of times, optionally spaces
//! requests out, and turns every non-2xx answer into a [`ConnectorError`](crate::ConnectorError)
//! carrying connector-py's `[status][url] body` message, with the client's own secrets
//! redacted from the body.
//!
//! ```no_run
//! # use connector_runtime::{credentials::TokenCredential, http::HttpClient, ConnectorError};
//! # async fn demo(token: &TokenCredential) -> Result<(), ConnectorError> {
//! let client = HttpClient::builder("https://api.example.com/v2").auth(token).build()?;
//! let users: serde_json::Value = client.get_json("/users", &[("limit", "50")]).await?;
//! # Ok(()) }
//! ```

mod auth;
mod client;
mod defaults;
mod limiter;
mod retry;
mod shared_client;
mod status;
mod target;

pub use auth::{ApplyAuth, HttpAuth};
pub use client::{HttpClient, HttpClientBuilder, HttpRequest, HttpResponse};
pub use defaults::{CONNECT_TIMEOUT_VAR, RETRY_BASE_VAR, TIMEOUT_VAR};
pub use limiter::RateLimiter;
pub use reqwest::{Method, StatusCode, Url, header};
pub use retry::RetryPolicy;
