//! What an author declares about an upstream's rate limit: [`RateLimitConfig`], attached to a
//! client with [`HttpClientBuilder::rate_limit`](super::HttpClientBuilder::rate_limit).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderMap;

use crate::error::ConnectorError;
pub use crate::models::RateLimitMode;

/// What an upstream's answer says about its limit (read from its headers by an
/// [`RateLimitStrategy::Adaptive`] hook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RateLimitObservation {
    /// Requests left in the current window.
    pub remaining: u32,
    /// Requests allowed per window; becomes the limiter's `requests_per_window`.
    pub limit: u32,
    /// When the window ends, in seconds since the Unix epoch.
    pub reset: Option<i64>,
    /// The window's length, when the upstream says it.
    pub window: Option<Duration>,
}

/// Reads an [`RateLimitObservation`] from an answer's headers (`None`: nothing to learn).
pub type RateLimitExtractor = Arc<dyn Fn(&HeaderMap) -> Option<RateLimitObservation> + Send + Sync>;

/// How the limiter learns the upstream's limit.
#[derive(Clone, Default)]
pub enum RateLimitStrategy {
    /// The configured numbers only, counted by the client.
    #[default]
    Fixed,
    /// The configured numbers, corrected after each answer by the hook.
    Adaptive(RateLimitExtractor),
}

impl RateLimitStrategy {
    /// The adaptive strategy with `extractor`.
    pub fn adaptive(
        extractor: impl Fn(&HeaderMap) -> Option<RateLimitObservation> + Send + Sync + 'static,
    ) -> Self {
        RateLimitStrategy::Adaptive(Arc::new(extractor))
    }
}

impl fmt::Debug for RateLimitStrategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RateLimitStrategy::Fixed => "Fixed",
            RateLimitStrategy::Adaptive(_) => "Adaptive",
        })
    }
}

/// An upstream's rate limit as connector-py's `RateLimitConfig` describes it: at most
/// `requests_per_window` requests in any `window`, `max_concurrent` in flight. Its state goes
/// back to the caller in `response.rate_limit.current_state[config_id]` and comes in again as
/// `request.rate_limit.last_known_state[config_id]`.
#[derive(Debug, Clone)]
pub struct RateLimitConfig {
    /// The key of this limiter's state on the wire.
    pub config_id: String,
    /// Requests allowed in one window.
    pub requests_per_window: u32,
    /// The window's length (whole seconds on the wire).
    pub window: Duration,
    /// Requests in flight at once.
    pub max_concurrent: usize,
    /// Fixed numbers or numbers read from the answers.
    pub strategy: RateLimitStrategy,
    /// The connector-wide mode; `None` leaves it to the caller and the capability's level.
    pub mode: Option<RateLimitMode>,
    /// The reported delay's floor, in seconds.
    pub initial_delay: f64,
    /// The reported delay's ceiling, in seconds.
    pub max_delay: f64,
    /// How much the reported delay grows after a throttled answer and shrinks after a calm one.
    pub backoff_factor: f64,
}

impl RateLimitConfig {
    /// `requests_per_window` requests per `window` under `config_id`, one at a time, fixed,
    /// with connector-py's delays (0 s to 60 s, factor 1.5).
    pub fn new(config_id: impl Into<String>, requests_per_window: u32, window: Duration) -> Self {
        RateLimitConfig {
            config_id: config_id.into(),
            requests_per_window,
            window,
            max_concurrent: 1,
            strategy: RateLimitStrategy::Fixed,
            mode: None,
            initial_delay: 0.0,
            max_delay: 60.0,
            backoff_factor: 1.5,
        }
    }

    /// Allows `max_concurrent` requests in flight at once.
    pub fn max_concurrent(mut self, max_concurrent: usize) -> Self {
        self.max_concurrent = max_concurrent;
        self
    }

    /// Sets the strategy.
    pub fn strategy(mut self, strategy: RateLimitStrategy) -> Self {
        self.strategy = strategy;
        self
    }

    /// Sets the connector-wide mode (above the caller's, below the capability's).
    pub fn mode(mut self, mode: RateLimitMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// The window in seconds.
    pub(crate) fn window_seconds(&self) -> f64 {
        self.window.as_secs_f64()
    }

    /// Refuses numbers no limiter can keep, as `invalid_configuration`.
    pub(crate) fn check(&self) -> Result<(), ConnectorError> {
        let problem = if self.config_id.is_empty() {
            Some("config_id must not be empty".to_owned())
        } else if self.requests_per_window == 0 {
            Some("requests_per_window must be at least 1".to_owned())
        } else if self.window < Duration::from_secs(1) {
            Some("window must be at least 1 second".to_owned())
        } else if self.max_concurrent == 0 {
            Some("max_concurrent must be at least 1".to_owned())
        } else if !(self.backoff_factor.is_finite() && self.backoff_factor >= 1.0) {
            Some("backoff_factor must be a finite number of at least 1".to_owned())
        } else if !(self.initial_delay.is_finite()
            && self.max_delay.is_finite()
            && 0.0 <= self.initial_delay
            && self.initial_delay <= self.max_delay)
        {
            Some("initial_delay and max_delay must be finite, with 0 <= initial <= max".to_owned())
        } else {
            None
        };
        match problem {
            None => Ok(()),
            Some(problem) => Err(
                ConnectorError::invalid_configuration().with_message(format!(
                    "Invalid rate limit '{}': {problem}",
                    self.config_id
                )),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_numbers_are_invalid_configuration() {
        let ok = RateLimitConfig::new("app", 2, Duration::from_secs(10));
        assert!(ok.check().is_ok());
        let bad = [
            RateLimitConfig::new("", 2, Duration::from_secs(10)),
            RateLimitConfig::new("app", 0, Duration::from_secs(10)),
            RateLimitConfig::new("app", 2, Duration::ZERO),
            ok.clone().max_concurrent(0),
            RateLimitConfig {
                backoff_factor: f64::NAN,
                ..ok.clone()
            },
            RateLimitConfig {
                initial_delay: 5.0,
                max_delay: 1.0,
                ..ok.clone()
            },
        ];
        for config in bad {
            let error = config.check().unwrap_err();
            assert_eq!(error.code(), crate::ErrorCode::InvalidValue);
            assert!(
                error.message().starts_with("Invalid rate limit"),
                "{error:?}"
            );
        }
    }
}
