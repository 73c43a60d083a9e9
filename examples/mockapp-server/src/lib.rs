//! MockApp API server: a Rust port of the tutorial's Python mock
//! (`mock_api_server.py`, FastAPI), for testing connectors against.
//!
//! For the same settings it answers like the Python server, byte for byte:
//! same routes, status codes, JSON bodies (compact, same key order), seed
//! data, `{"detail": ...}` errors, FastAPI's 422 validation bodies (including
//! JSON syntax errors with Python's messages and positions), Starlette's
//! 404/405 and trailing-slash 307 redirects, and the documentation routes
//! (`/openapi.json`, `/docs`, `/docs/oauth2-redirect`, `/redoc`).
//!
//! # API
//!
//! | method and path | answer |
//! |---|---|
//! | `GET /api/health` (no auth) | `{"status":"ok","users":N}` |
//! | `GET /api/users?limit=&offset=` | `{"items":[...],"has_more":b,"total":N,"limit":L,"offset":O}` |
//! | `GET /api/users/{id}` | the user, or 404 |
//! | `POST /api/users {email, name?, username?, status?}` | 201 user, 409 if the e-mail exists |
//! | `PUT /api/users/{id} {email?, name?, username?, status?}` | the updated user |
//! | `DELETE /api/users/{id}` | 204 (also drops the user's associations) |
//! | `GET /api/resources`, `GET /api/entitlements` | fixed lists (9 resources, 19 entitlements) |
//! | `GET /api/associations?user_id=&entitlement_id=&resource_id=` | filtered associations |
//! | `POST /api/users/{id}/entitlements {entitlement_id, resource_id}` | 201 new, 200 already held |
//! | `DELETE /api/users/{id}/entitlements/{eid}?resource_id=` | 204, or 404 if not held |
//!
//! Everything under `/api/` except the health check needs
//! `Authorization: Bearer <token>`; otherwise 401
//! `{"detail":"Invalid or missing authentication token"}` with
//! `WWW-Authenticate: Bearer`. State lives in memory until the process ends.
//!
//! # Settings
//!
//! [`Config::from_env`] reads the Python server's variables: `MOCK_USERS`
//! (seeded users, default 25), `MOCK_TOKEN` (default `valid-token`),
//! `MOCK_MAX_LIMIT` (page size cap, default 1000), `MOCK_DEFAULT_LIMIT`
//! (page size without `?limit`, default 100). The binary's `--users` flag
//! overrides `MOCK_USERS`. The OAuth server's settings are in [`Config`] too
//! (`oauth_*`, from `MOCK_OAUTH_*` variables and the binary's flags).
//!
//! # OAuth
//!
//! Added by this port: an authorization server for connectors that log in
//! with OAuth 2.0 (RFC 6749, PKCE per RFC 7636 with `S256` only), one
//! registered client (`mockapp-client` / `mockapp-secret` by default).
//!
//! | method and path | answer |
//! |---|---|
//! | `GET /oauth/authorize?response_type=code&client_id=&redirect_uri=&scope=&state=&code_challenge=&code_challenge_method=S256` | `302` to `redirect_uri` with `code` and `state`; no login, no consent |
//! | `POST /oauth/token` (form, JSON or query parameters; Basic or `client_secret` parameters) | `authorization_code`, `refresh_token` (rotating) and `client_credentials` grants |
//!
//! Access tokens issued there are accepted by every `/api/` route next to the
//! configured static token, until they expire ([`Config::oauth_access_token_ttl`]).
//! Errors are RFC 6749 JSON (`{"error":...,"error_description":...}`); the
//! crate README lists them all.
//!
//! # Faults
//!
//! Every route is also served under `/_fault/{spec}/...`; point a client's
//! base URL at `http://HOST:PORT/_fault/{spec}` to make its calls fail.
//! Specs the Python server has:
//!
//! | spec | answer |
//! |---|---|
//! | `NNN` (any status 200–599) | that status, `{"detail":"Injected failure (NNN)"}`; 429 adds `Retry-After: 1` |
//! | `NNNt` | that status with a text/plain body (`Internal Server Error` for 5xx, else `plain text response (NNN)`) |
//! | `delayN` | wait N seconds (fractions allowed, default 1), then the real route (auth applies) |
//! | status outside 200–599 | connection closed without a response (what uvicorn does) |
//! | anything else | 500 `Internal Server Error` (text), as the Python server crashes on it |
//!
//! Added by this port (each would be an unparseable spec, hence a 500, in
//! Python, so none changes a Python spec's meaning):
//!
//! | spec | answer |
//! |---|---|
//! | `NNNn`, `NNNnt` | like `NNN`/`NNNt` but never a `Retry-After` header (e.g. `429n`) |
//! | `ok` | the real route, unchanged (useful to count attempts) |
//! | `slowN` | the real route's status and headers at once, its body after N seconds |
//! | `trunc` | the real route's headers with its full `Content-Length`, half the body, then a clean close |
//! | `reset` | like `trunc`, but the connection ends with a TCP reset (needs [`serve`]; under a bare [`app`] it is a close) |
//! | `seq:S1,S2,...` | the first request under this prefix gets `S1`, the second `S2`, ...; the last step repeats. Steps are any spec above, e.g. `seq:429,503,ok` (two failures, then the real route) |
//!
//! # Counters
//!
//! Each request is counted per route (`"GET /api/users/{user_id}"`) and, under
//! a fault prefix, per spec as written (`"seq:429,ok"`). `GET /_stats`
//! returns `{"total":N,"routes":{...},"faults":{"SPEC":{"total":N,"routes":{...}}}}`;
//! `POST /_stats/reset` or `DELETE /_stats` sets everything, including `seq:`
//! positions, back to zero (204). These endpoints need no token and are not
//! counted.
//!
//! # In tests
//!
//! [`BackgroundServer::start`] runs the server on a free loopback port in a
//! thread of its own (for plain `#[test]`s; [`BackgroundServer::url`] is the
//! base URL). Async code can call [`serve_until`] on its own listener, or
//! mount [`app`] itself.
//!
//! # Known differences from the Python server
//!
//! Only in corner cases: strings with unpaired UTF-16 surrogates are stored
//! with U+FFFD (Python stores them and then fails with 500 on every response
//! containing them); the nesting depth at which Python's JSON decoder gives up
//! (about 960, it varies a little) is fixed at 960; non-ASCII digits are not
//! numbers; bodies over 64 MiB are refused; no `server: uvicorn` header.

mod background;
mod config;
mod dispatch;
mod faults;
mod oauth;
mod pyjson;
mod pynum;
mod respond;
mod routes;
mod seed;
mod server;
mod stats;
mod store;
mod urls;
mod validation;

pub use background::BackgroundServer;
pub use config::{Config, ConfigError, parse_seconds};
pub use server::{serve, serve_until};

use axum::Router;
use stats::Stats;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use store::Store;

/// The whole server as an axum router, seeded from `config`. Connection-level
/// faults (closing without an answer, resets) need [`serve`].
pub fn app(config: Config) -> Router {
    let state = AppState {
        store: Mutex::new(Store::new(config.users)),
        stats: Mutex::default(),
        oauth: Mutex::default(),
        config,
    };
    Router::new()
        .fallback(dispatch::handle)
        .with_state(Arc::new(state))
}

struct AppState {
    config: Config,
    store: Mutex<Store>,
    stats: Mutex<Stats>,
    oauth: Mutex<oauth::Grants>,
}

impl AppState {
    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stats(&self) -> MutexGuard<'_, Stats> {
        self.stats.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn oauth(&self) -> MutexGuard<'_, oauth::Grants> {
        self.oauth.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
