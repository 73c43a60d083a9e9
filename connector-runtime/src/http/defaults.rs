//! Defaults an operator can change without rebuilding a connector, through environment
//! variables (milliseconds). A connector's own builder calls still take precedence.

use std::time::Duration;

use super::RetryPolicy;

/// Total time for one attempt (default 30 s).
pub const TIMEOUT_VAR: &str = "CONNECTOR_HTTP_TIMEOUT_MS";
/// Time to establish a connection (default 10 s).
pub const CONNECT_TIMEOUT_VAR: &str = "CONNECTOR_HTTP_CONNECT_TIMEOUT_MS";
/// The first retry backoff (default 500 ms); later ones double it, up to 16 times as much.
pub const RETRY_BASE_VAR: &str = "CONNECTOR_HTTP_RETRY_BASE_MS";

fn millis(var: &str) -> Option<Duration> {
    std::env::var(var)
        .ok()?
        .trim()
        .parse()
        .ok()
        .map(Duration::from_millis)
}

/// The per-attempt timeout.
pub(super) fn timeout() -> Duration {
    millis(TIMEOUT_VAR).unwrap_or(Duration::from_secs(30))
}

/// The connect timeout.
pub(super) fn connect_timeout() -> Duration {
    millis(CONNECT_TIMEOUT_VAR).unwrap_or(Duration::from_secs(10))
}

/// The retry policy.
pub(super) fn retry() -> RetryPolicy {
    match millis(RETRY_BASE_VAR) {
        Some(base) => RetryPolicy {
            base_delay: base,
            max_delay: base * 16,
            ..RetryPolicy::default()
        },
        None => RetryPolicy::default(),
    }
}
