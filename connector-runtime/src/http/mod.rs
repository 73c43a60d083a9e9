//! Outbound HTTP for connector code: one client per upstream app.
//!
//! [`HttpClient`] joins paths onto the integration's base URL, sends the declared credential,
//! retries throttled and transient failures a bounded number of times, optionally keeps
//! within the upstream's rate limit ([`RateLimitConfig`]), and turns every non-2xx answer into a [`ConnectorError`](crate::ConnectorError)
//! carrying connector-py's `[status][url] body` message. A path that carries ids is a
//! [`UrlPath`], so an id is always one escaped path segment.
//!
//! Every secret the client holds (the credential, the basic-auth header value, a password in
//! the base URL) is kept out of the URLs, bodies and errors it prints, in messages and in log
//! lines, also percent- or form-encoded. A secret shorter than 8 characters cannot be
//! replaced inside text without pointing at it, so any such text that contains it is printed
//! as `[REDACTED]` as a whole.
//!
//! ```no_run
//! # use connector_runtime::{credentials::TokenCredential, http::{HttpClient, UrlPath}, ConnectorError};
//! # async fn demo(token: &TokenCredential, user_id: &str) -> Result<(), ConnectorError> {
//! let client = HttpClient::builder("https://api.example.com/v2").auth(token).build()?;
//! let user: serde_json::Value = client.get_json(UrlPath::new("/users").segment(user_id)).await?;
//! let page: serde_json::Value = client.get("/users").query(&[("limit", 50)]).send_json().await?;
//! // A write whose answer does not matter: any non-2xx answer is still its Lumos error.
//! client.post("/users").json(&serde_json::json!({"name": "Ada"})).send().await?;
//! client.delete(UrlPath::new("/users").segment(user_id)).send().await?;
//! # Ok(()) }
//! ```

mod arbitrary;
mod arbitrary_policy;
mod auth;
mod builder;
mod client;
mod defaults;
mod error_reader;
mod limiter;
mod path;
mod rate_limit;
mod redact;
mod request;
mod response;
mod retry;
mod retry_loop;
mod shared_client;
mod status;
mod target;

pub use arbitrary_policy::{ArbitraryEndpointPolicy, RateLimitResetFormat};
pub(crate) use auth::base64_url;
pub use auth::{ApplyAuth, HttpAuth};
pub use builder::HttpClientBuilder;
pub use client::HttpClient;
pub use defaults::{CONNECT_TIMEOUT_VAR, RETRY_BASE_VAR, TIMEOUT_VAR};
pub use error_reader::{ErrorAnswer, ErrorReader, ReadError};
pub(crate) use limiter::Limiter;
pub use path::UrlPath;
pub use rate_limit::{
    RateLimitConfig, RateLimitExtractor, RateLimitMode, RateLimitObservation, RateLimitStrategy,
};
pub use request::HttpRequest;
pub use reqwest::{Method, StatusCode, Url, header};
pub use response::HttpResponse;
pub use retry::RetryPolicy;
pub(crate) use retry::ceil_secs;
pub(crate) use target::display as display_url;
