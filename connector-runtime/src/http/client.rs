//! The `HttpClient` type: the inner connection pool and the configuration its clones share.
//! Starting requests is in `request`, the retry loop in `retry_loop`, answers in `response`.

use std::fmt;
use std::sync::Arc;

use reqwest::Url;
use reqwest::header::HeaderMap;

use super::limiter::Limiter;
use super::redact::Redactor;
use super::retry::RetryPolicy;
use super::shared_client::ClientKey;
use super::target;

/// An HTTP client for one upstream app; cheap to clone (clones share connections and the
/// rate limiter).
#[derive(Clone)]
pub struct HttpClient {
    pub(super) inner: reqwest::Client,
    pub(super) shared: Arc<Shared>,
}

/// What the clones of one client share: the configuration `build` checked.
pub(super) struct Shared {
    pub(super) base: Url,
    /// Credentials and custom headers, sent with every request of this client.
    pub(super) headers: HeaderMap,
    /// Applied to every URL, body and decoding error this client prints.
    pub(super) redactor: Redactor,
    pub(super) retry: RetryPolicy,
    pub(super) retry_writes: bool,
    pub(super) limiter: Option<Arc<Limiter>>,
    /// Reads the upstream's own error bodies, when the connector gave one.
    pub(super) error_reader: Option<super::ErrorReader>,
    /// What the inner client was built from (for a variant of it).
    pub(super) key: ClientKey,
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
