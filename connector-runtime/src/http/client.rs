//! `HttpClient`: its builder, requests, responses and the retry loop.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use super::auth::{ApplyAuth, HttpAuth, base64};
use super::limiter::RateLimiter;
use super::path::UrlPath;
use super::redact::{Redactor, percent_decode};
use super::retry::{RetryPolicy, ceil_secs, is_retryable_status, is_safe, parse_retry_after};
use super::{defaults, shared_client, status, target};
use crate::error::{CLOSED_MESSAGE, ConnectorError, ErrorCode};
use crate::secret::Secret;

const ILLEGAL_HEADER: &str =
    "Illegal header constructed for API request. Please check the app configuration and try again.";
/// Why a request whose URL the HTTP stack cannot carry fails (in practice: longer than the
/// 64 KiB an HTTP/1.1 request target may be, from a huge id or query).
const UNSENDABLE_URL: &str =
    "The request URL cannot be sent: it is longer than 64 KiB or not a valid HTTP request target.";

/// Configures an [`HttpClient`]; problems surface from [`build`](Self::build), never as panics.
pub struct HttpClientBuilder {
    base_url: String,
    base_url_setting: Option<&'static str>,
    headers: HeaderMap,
    secrets: Vec<Secret>,
    user_agent: String,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    retry_writes: bool,
    rate_limit: Option<f64>,
    error: Option<ConnectorError>,
}

impl HttpClientBuilder {
    /// Sends the credential: a bearer token or basic authentication.
    pub fn auth(self, credential: &impl ApplyAuth) -> Self {
        match credential.http_auth() {
            HttpAuth::None => self,
            HttpAuth::Bearer(token) => self.bearer(token),
            HttpAuth::Basic { username, password } => self.basic(username, password),
        }
    }

    /// Sends `Authorization: Bearer <token>`; an empty token is a missing-parameter error.
    pub fn bearer(mut self, token: &Secret) -> Self {
        if token.is_empty() {
            return self.fail(
                ConnectorError::missing_parameter()
                    .with_message("Token credential is required and cannot be empty."),
            );
        }
        self.secrets.push(token.clone());
        self.secret_header(AUTHORIZATION, &format!("Bearer {}", token.expose()))
    }

    /// Sends `Authorization: Basic <base64(username:password)>`.
    pub fn basic(mut self, username: &str, password: &Secret) -> Self {
        let encoded = base64(format!("{username}:{}", password.expose()).as_bytes());
        self.secrets.push(password.clone());
        self.secrets.push(Secret::new(encoded.clone()));
        self.secret_header(AUTHORIZATION, &format!("Basic {encoded}"))
    }

    /// Sends a secret in a header of its own (`X-API-Key`), marked sensitive and redacted
    /// from error bodies.
    pub fn header_secret(mut self, name: &str, value: &Secret) -> Self {
        match HeaderName::from_bytes(name.as_bytes()) {
            Ok(name) => {
                self.secrets.push(value.clone());
                self.secret_header(name, value.expose())
            }
            Err(_) => self.fail(ConnectorError::client().with_message(ILLEGAL_HEADER)),
        }
    }

    /// Names the setting the base URL comes from (`"api_url"`), so that the error for an
    /// unusable base URL says which setting to correct.
    pub fn base_url_setting(mut self, name: &'static str) -> Self {
        self.base_url_setting = Some(name);
        self
    }

    /// Sends a plain header on every request (`Accept`, an API version).
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            (Ok(name), Ok(value)) => {
                self.headers.insert(name, value);
                self
            }
            _ => self.fail(ConnectorError::client().with_message(ILLEGAL_HEADER)),
        }
    }

    /// Replaces the `User-Agent` (default `connector-runtime/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Replaces the retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Also retries POST, PUT, PATCH and DELETE (default: only GET, HEAD and OPTIONS).
    pub fn retry_writes(mut self, retry_writes: bool) -> Self {
        self.retry_writes = retry_writes;
        self
    }

    /// Spaces this client's requests (retries included) to at most this many per second.
    pub fn rate_limit(mut self, requests_per_second: f64) -> Self {
        self.rate_limit = Some(requests_per_second);
        self
    }

    /// The client, or the first configuration problem.
    pub fn build(self) -> Result<HttpClient, ConnectorError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let base = target::parse_base(&self.base_url, self.base_url_setting)?;
        let limiter = self.rate_limit.map(RateLimiter::per_second).transpose()?;
        let mut secrets = self.secrets;
        if let Some(password) = base.password() {
            secrets.push(Secret::new(password));
            secrets.push(Secret::new(percent_decode(password)));
        }
        let key = shared_client::ClientKey {
            user_agent: self.user_agent,
            connect_timeout: self.connect_timeout,
            timeout: self.timeout,
            plain_http: base.scheme() == "http",
        };
        let inner = shared_client::client(&key).map_err(|e| {
            ConnectorError::internal().with_message(format!(
                "Failed to build the HTTP client: {}",
                e.without_url()
            ))
        })?;
        Ok(HttpClient {
            inner,
            shared: Arc::new(Shared {
                base,
                headers: self.headers,
                redactor: Redactor::new(&secrets),
                retry: self.retry,
                retry_writes: self.retry_writes,
                limiter,
            }),
        })
    }

    fn secret_header(mut self, name: HeaderName, value: &str) -> Self {
        match HeaderValue::from_str(value) {
            Ok(mut value) => {
                value.set_sensitive(true);
                self.headers.insert(name, value);
                self
            }
            Err(_) => self.fail(ConnectorError::client().with_message(ILLEGAL_HEADER)),
        }
    }

    fn fail(mut self, error: ConnectorError) -> Self {
        self.error.get_or_insert(error);
        self
    }
}

/// An HTTP client for one upstream app; cheap to clone (clones share connections and the
/// rate limiter).
#[derive(Clone)]
pub struct HttpClient {
    inner: reqwest::Client,
    shared: Arc<Shared>,
}

struct Shared {
    base: Url,
    /// Credentials and custom headers, sent with every request of this client.
    headers: HeaderMap,
    /// Applied to every URL, body and decoding error this client prints.
    redactor: Redactor,
    retry: RetryPolicy,
    retry_writes: bool,
    limiter: Option<RateLimiter>,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field(
                "base_url",
                &self
                    .shared
                    .redactor
                    .redact(&target::display(&self.shared.base)),
            )
            .finish_non_exhaustive()
    }
}

/// A failed attempt and whether another attempt may succeed.
struct Failure {
    error: ConnectorError,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl HttpClient {
    /// Starts configuring a client for the app at `base_url` (which may carry a path prefix).
    pub fn builder(base_url: impl Into<String>) -> HttpClientBuilder {
        HttpClientBuilder {
            base_url: base_url.into(),
            base_url_setting: None,
            headers: HeaderMap::new(),
            secrets: Vec::new(),
            user_agent: concat!("connector-runtime/", env!("CARGO_PKG_VERSION")).to_owned(),
            connect_timeout: defaults::connect_timeout(),
            timeout: defaults::timeout(),
            retry: defaults::retry(),
            retry_writes: false,
            rate_limit: None,
            error: None,
        }
    }

    /// The URL `path` resolves to (see [`request`](Self::request)).
    pub fn url(&self, path: impl Into<UrlPath>) -> Result<Url, ConnectorError> {
        target::join(&self.shared.base, &path.into())
    }

    /// A request to `path` under the base URL. Build a path that carries ids with
    /// [`UrlPath`]; a `&str` is used as written, and may be an absolute URL on the base URL's
    /// origin (a "next" link).
    pub fn request(&self, method: Method, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        let inner = self.url(path).map(|url| {
            self.inner
                .request(method, url)
                .headers(self.shared.headers.clone())
        });
        HttpRequest {
            client: self,
            inner,
        }
    }

    /// GETs `path` and decodes the JSON answer into `T`. With query parameters:
    /// `client.get(path).query(&[("limit", 50)]).send_json().await`.
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: impl Into<UrlPath>,
    ) -> Result<T, ConnectorError> {
        self.get(path).send_json().await
    }

    /// A `GET` of `path`; add `.query(..)`, then `.send_json()` or `.send()`.
    pub fn get(&self, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        self.request(Method::GET, path)
    }

    /// A `POST` to `path`; add `.json(&body)`, then `.send_json()` to decode the answer or
    /// `.send()` when only success matters: `client.post(path).json(&body).send().await?;`
    /// still turns every HTTP failure into its Lumos error.
    pub fn post(&self, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        self.request(Method::POST, path)
    }

    /// A `PUT` to `path` (see [`post`](Self::post)).
    pub fn put(&self, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        self.request(Method::PUT, path)
    }

    /// A `PATCH` of `path` (see [`post`](Self::post)).
    pub fn patch(&self, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        self.request(Method::PATCH, path)
    }

    /// A `DELETE` of `path`: `client.delete(path).send().await?;`.
    pub fn delete(&self, path: impl Into<UrlPath>) -> HttpRequest<'_> {
        self.request(Method::DELETE, path)
    }

    /// Runs one request with the retry policy.
    async fn execute(&self, request: reqwest::Request) -> Result<HttpResponse, ConnectorError> {
        let policy = self.shared.retry;
        let max_retries = if is_safe(request.method()) || self.shared.retry_writes {
            policy.max_retries
        } else {
            0
        };
        let mut next = Some(request);
        let mut attempt: u32 = 0;
        while let Some(request) = next.take() {
            attempt += 1;
            if attempt <= max_retries {
                next = request.try_clone();
            }
            let failure = match self.attempt(request, attempt).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if !failure.retryable || next.is_none() {
                return Err(failure.error);
            }
            let delay = match failure.retry_after {
                Some(wait) if wait > policy.max_retry_after => return Err(failure.error),
                Some(wait) => wait,
                None => policy.backoff(attempt - 1),
            };
            tracing::debug!(
                attempt,
                delay_ms = delay.as_millis() as u64,
                error_code = failure.error.code().as_str(),
                "retrying upstream request"
            );
            tokio::time::sleep(delay).await;
        }
        Err(ConnectorError::internal().with_message("HTTP request was not attempted"))
    }

    /// One attempt: wait for a slot, send, read the whole body, classify the outcome.
    async fn attempt(
        &self,
        request: reqwest::Request,
        attempt: u32,
    ) -> Result<HttpResponse, Failure> {
        if let Some(limiter) = &self.shared.limiter {
            limiter.acquire().await;
        }
        let method = request.method().clone();
        let url = request.url().clone();
        let started = Instant::now();
        let log = |status: Option<u16>, error: Option<ErrorCode>| {
            tracing::debug!(
                method = %method,
                status,
                url = %self.shared.redactor.redact(&target::for_log(&url)),
                elapsed_ms = started.elapsed().as_millis() as u64,
                attempt,
                error_code = error.map(ErrorCode::as_str),
                "upstream response"
            );
        };
        let response = match self.inner.execute(request).await {
            Ok(response) => response,
            Err(e) if e.is_builder() => {
                let error = ConnectorError::client().with_message(UNSENDABLE_URL);
                log(None, Some(error.code()));
                return Err(network_failure(error));
            }
            Err(e) => {
                let error = ConnectorError::from(e);
                log(None, Some(error.code()));
                return Err(network_failure(error));
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let body = match read_body(response).await {
            Ok(Ok(body)) => body,
            Ok(Err(too_large)) => {
                log(Some(status.as_u16()), Some(too_large.code()));
                return Err(Failure {
                    error: too_large,
                    retryable: false,
                    retry_after: None,
                });
            }
            Err(e) => {
                let error = if e.is_timeout() {
                    ConnectorError::from(e)
                } else {
                    ConnectorError::new(ErrorCode::ConnectionClosed, CLOSED_MESSAGE)
                        .with_raised_by("RemoteProtocolError")
                };
                log(Some(status.as_u16()), Some(error.code()));
                return Err(network_failure(error));
            }
        };
        log(Some(status.as_u16()), None);
        if status.is_success() {
            return Ok(HttpResponse {
                status,
                headers,
                body,
                shared: Arc::clone(&self.shared),
            });
        }
        let mut error = status::status_error(status, &url, &headers, &body, &self.shared.redactor);
        let retryable = is_retryable_status(status.as_u16());
        let retry_after = retryable
            .then(|| headers.get(RETRY_AFTER)?.to_str().ok())
            .flatten()
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        if let Some(wait) = retry_after {
            error = error.with_retry_after(ceil_secs(wait));
        }
        Err(Failure {
            error,
            retryable,
            retry_after,
        })
    }
}

/// The largest upstream body read into memory.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;

/// The whole body, chunk by chunk, refusing one larger than [`MAX_BODY_BYTES`] (the inner
/// error) instead of exhausting memory; the outer error is the transport's.
async fn read_body(
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

fn network_failure(error: ConnectorError) -> Failure {
    let retryable = matches!(
        error.code(),
        ErrorCode::ConnectionTimeout
            | ErrorCode::RequestTimeout
            | ErrorCode::ConnectionClosed
            | ErrorCode::ConnectionRejected
    );
    Failure {
        error,
        retryable,
        retry_after: None,
    }
}

/// A request being put together; see [`HttpClient::request`].
pub struct HttpRequest<'c> {
    client: &'c HttpClient,
    inner: Result<reqwest::RequestBuilder, ConnectorError>,
}

impl HttpRequest<'_> {
    /// Adds query parameters (pairs or a struct).
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        self.inner = self.inner.map(|r| r.query(query));
        self
    }

    /// Sets a JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.inner = self.inner.map(|r| r.json(body));
        self
    }

    /// Adds a plain header to this request only.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.inner = self.inner.map(|r| r.header(name, value));
        self
    }

    /// Sends it (with retries) and returns the 2xx answer.
    pub async fn send(self) -> Result<HttpResponse, ConnectorError> {
        let request = self.inner?.build().map_err(|e| {
            ConnectorError::internal().with_message(format!(
                "Failed to build the HTTP request: {}",
                e.without_url()
            ))
        })?;
        self.client.execute(request).await
    }

    /// Sends it and decodes the JSON answer (an empty answer reads as `null`, so `T = ()` or
    /// `Option<_>` fit a 204).
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, ConnectorError> {
        self.send().await?.json()
    }
}

/// A 2xx answer, body read in full.
pub struct HttpResponse {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
    shared: Arc<Shared>,
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
