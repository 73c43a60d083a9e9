//! One `reqwest::Client` per configuration and thread, so every `HttpClient` built for the
//! same upstream shares its connection pool (a sync of many pages in one process reuses one
//! keep-alive connection), and the trust store is loaded once, or not at all for plain-HTTP
//! upstreams.
//!
//! Per thread, not per process: the CLI runs each thread's requests on that thread's
//! single-threaded runtime, which drives its pooled connections only while it runs; a pool
//! shared with another thread could hand it a connection nobody is driving.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use reqwest::{Url, redirect};

/// What makes two inner clients different. Credentials are not part of it: they are sent
/// per request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct ClientKey {
    pub(super) user_agent: String,
    pub(super) connect_timeout: Duration,
    pub(super) timeout: Duration,
    /// Plain HTTP needs no certificates, so none are loaded (redirects stay on the origin).
    pub(super) plain_http: bool,
    /// Whether same-origin redirects are followed (`fulfill_arbitrary` passes them on instead).
    pub(super) follow_redirects: bool,
}

thread_local! {
    static CLIENTS: RefCell<HashMap<ClientKey, reqwest::Client>> = RefCell::new(HashMap::new());
}

/// This thread's client for `key`, built on first use.
pub(super) fn client(key: &ClientKey) -> Result<reqwest::Client, reqwest::Error> {
    if let Some(client) = CLIENTS.with(|clients| clients.borrow().get(key).cloned()) {
        return Ok(client);
    }
    crate::tls::ensure_crypto_provider();
    let mut builder = reqwest::Client::builder()
        .user_agent(key.user_agent.as_str())
        .connect_timeout(key.connect_timeout)
        .timeout(key.timeout)
        .redirect(if key.follow_redirects {
            same_origin_redirects()
        } else {
            redirect::Policy::none()
        });
    if key.plain_http {
        builder = builder.tls_certs_only([]);
    }
    let client = builder.build()?;
    CLIENTS.with(|clients| clients.borrow_mut().insert(key.clone(), client.clone()));
    Ok(client)
}

/// Follows at most 5 redirects, and only within the origin of the first URL, so secret
/// headers never reach another host.
fn same_origin_redirects() -> redirect::Policy {
    redirect::Policy::custom(|attempt| {
        let same_origin =
            attempt.previous().first().map(Url::origin) == Some(attempt.url().origin());
        if same_origin && attempt.previous().len() <= 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}
