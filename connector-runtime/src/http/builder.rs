//! The builder of an [`HttpClient`]: base URL, credentials, headers, timeouts, retry policy
//! and rate limit, checked once in `build`, which also gathers the secrets to redact.

use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};

use super::auth::{ApplyAuth, HttpAuth, base64};
use super::client::{HttpClient, Shared};
use super::error_reader::ErrorReader;
use super::limiter::Limiter;
use super::rate_limit::RateLimitConfig;
use super::redact::{Redactor, percent_decode};
use super::retry::RetryPolicy;
use super::{defaults, shared_client, target};
use crate::error::ConnectorError;
use crate::models::RateLimitMode;
use crate::rate_limit_context;
use crate::secret::Secret;

const ILLEGAL_HEADER: &str =
    "Illegal header constructed for API request. Please check the app configuration and try again.";

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
    rate_limit: Option<RateLimitConfig>,
    error_reader: Option<ErrorReader>,
    error: Option<ConnectorError>,
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
            error_reader: None,
            error: None,
        }
    }
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
                ConnectorError::integration_missing_parameter()
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
            Err(_) => self.fail(ConnectorError::bad_request().with_message(ILLEGAL_HEADER)),
        }
    }

    /// Keeps a secret that travels in request bodies or URLs (a client secret sent as a form
    /// field) out of every message and log line, like the credential's.
    pub fn redact(mut self, secret: &Secret) -> Self {
        self.secrets.push(secret.clone());
        self
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
            _ => self.fail(ConnectorError::bad_request().with_message(ILLEGAL_HEADER)),
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

    /// Keeps this client's requests (retries included) within the upstream's limit; its
    /// mode is resolved when the client is built, in the call (see [`RateLimitConfig`]).
    pub fn rate_limit(mut self, config: RateLimitConfig) -> Self {
        self.rate_limit = Some(config);
        self
    }

    /// Reads the upstream's own error bodies into Lumos codes (see [`ErrorReader`]): for
    /// protocols whose body says more than the status, such as SCIM's `scimType`.
    pub fn read_errors(mut self, reader: ErrorReader) -> Self {
        self.error_reader = Some(reader);
        self
    }

    /// The client, or the first configuration problem.
    pub fn build(self) -> Result<HttpClient, ConnectorError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let base = target::parse_base(&self.base_url, self.base_url_setting)?;
        let limiter = self.rate_limit.map(limiter_in_call).transpose()?.flatten();
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
            follow_redirects: true,
        };
        let inner = shared_client::client(&key).map_err(|e| {
            ConnectorError::internal_error().with_message(format!(
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
                error_reader: self.error_reader,
                key,
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
            Err(_) => self.fail(ConnectorError::bad_request().with_message(ILLEGAL_HEADER)),
        }
    }

    fn fail(mut self, error: ConnectorError) -> Self {
        self.error.get_or_insert(error);
        self
    }
}

/// The limiter of `config` under the call's mode, seeded from the caller's last snapshot and
/// reported at the end of the call; none under `bypass`.
fn limiter_in_call(config: RateLimitConfig) -> Result<Option<Arc<Limiter>>, ConnectorError> {
    config.check()?;
    let mode = rate_limit_context::mode_for(config.mode);
    if mode == RateLimitMode::Bypass {
        return Ok(None);
    }
    let limiter = Arc::new(Limiter::new(config, mode));
    rate_limit_context::adopt(&limiter);
    Ok(Some(limiter))
}
