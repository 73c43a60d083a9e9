//! Starting a request on an `HttpClient` (the path joined onto the base URL, the client's
//! headers added) and putting it together: query, JSON body, extra headers, then sending it.

use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Method, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::client::HttpClient;
use super::path::UrlPath;
use super::response::HttpResponse;
use super::target;
use crate::error::ConnectorError;

impl HttpClient {
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
            any_status: false,
            retries: true,
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
}

/// A request being put together; see [`HttpClient::request`].
pub struct HttpRequest<'c> {
    client: &'c HttpClient,
    inner: Result<reqwest::RequestBuilder, ConnectorError>,
    any_status: bool,
    retries: bool,
}

impl HttpRequest<'_> {
    /// Adds query parameters (pairs or a struct).
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        self.inner = self.inner.map(|r| r.query(query));
        self
    }

    /// Sets the body bytes as they are (give the `Content-Type` with [`header`](Self::header)).
    pub(crate) fn body(mut self, body: String) -> Self {
        self.inner = self.inner.map(|r| r.body(body));
        self
    }

    /// Returns a non-2xx answer as a response instead of its error, for protocols that
    /// define their own error bodies (OAuth's token endpoint).
    pub(crate) fn any_status(mut self) -> Self {
        self.any_status = true;
        self
    }

    /// Sends one attempt only, whatever the retry policy.
    pub(crate) fn without_retries(mut self) -> Self {
        self.retries = false;
        self
    }

    /// Adds headers, each replacing one of the same name (the client's own included).
    pub(crate) fn headers(mut self, headers: reqwest::header::HeaderMap) -> Self {
        self.inner = self.inner.map(|r| r.headers(headers));
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
            ConnectorError::internal_error().with_message(format!(
                "Failed to build the HTTP request: {}",
                e.without_url()
            ))
        })?;
        self.client
            .execute(request, self.any_status, self.retries)
            .await
    }

    /// Sends it and decodes the JSON answer (an empty answer reads as `null`, so `T = ()` or
    /// `Option<_>` fit a 204).
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T, ConnectorError> {
        self.send().await?.json()
    }
}
