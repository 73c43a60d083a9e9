//! The limiter of one client, as connector-py's `RateLimiter` keeps it: a sliding window of
//! request times, a reported delay, seeding from the caller's last snapshot and the snapshot
//! it hands back. Times are Unix seconds, so a snapshot means the same in the next process.

use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;
use tokio::sync::{Semaphore, SemaphorePermit};

use super::rate_limit::{RateLimitConfig, RateLimitObservation, RateLimitStrategy};
use crate::error::ConnectorError;
use crate::models::{RateLimitMode, RateLimitStateSnapshot, RateLimitStateSnapshotSource};

/// connector-py's `LIMIT_CEILING`: under this share of the limit left, wait for the reset.
const LIMIT_CEILING: f64 = 0.2;
/// connector-py's `REQUESTS_PER_WINDOW_CEILING`: under this share left, grow the delay.
const REQUESTS_PER_WINDOW_CEILING: f64 = 0.2;
/// connector-py's `FIXED_DECAY_FLOOR`: a decayed delay under this drops to the initial one.
const FIXED_DECAY_FLOOR: f64 = 0.1;

/// One client's limiter under its resolved mode (never `bypass`: that builds none).
pub(crate) struct Limiter {
    config: RateLimitConfig,
    mode: RateLimitMode,
    concurrency: Semaphore,
    state: Mutex<State>,
}

/// What changes as requests go out.
#[derive(Debug, Clone)]
struct State {
    requests_per_window: u32,
    window: f64,
    /// When the requests of the current window went out, with how many went out then (a
    /// seeded window is one entry, however large the caller's numbers).
    times: Vec<(f64, u64)>,
    current_delay: f64,
    last_reset: Option<f64>,
    source: RateLimitStateSnapshotSource,
}

/// Seconds since the Unix epoch, now.
pub(crate) fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

impl Limiter {
    /// A limiter for a checked `config` under `mode`.
    pub(crate) fn new(config: RateLimitConfig, mode: RateLimitMode) -> Self {
        let state = State {
            requests_per_window: config.requests_per_window,
            window: config.window_seconds(),
            times: Vec::new(),
            current_delay: config.initial_delay,
            last_reset: None,
            source: RateLimitStateSnapshotSource::SdkCounter,
        };
        Limiter {
            concurrency: Semaphore::new(config.max_concurrent.min(Semaphore::MAX_PERMITS)),
            mode,
            config,
            state: Mutex::new(state),
        }
    }

    pub(crate) fn config_id(&self) -> &str {
        &self.config.config_id
    }

    /// Whether a failed attempt may be tried again (not under `enforce_no_retry`).
    pub(crate) fn retries(&self) -> bool {
        self.mode != RateLimitMode::EnforceNoRetry
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits for a place in flight and, in the enforcing modes, for room in the window; a
    /// wait that would cross the call's deadline is `budget_exhausted`. The request's time is
    /// taken when it is let through, so concurrent requests cannot share one free slot.
    pub(crate) async fn acquire(&self) -> Result<SemaphorePermit<'_>, ConnectorError> {
        let permit = self.concurrency.acquire().await.map_err(|_| {
            ConnectorError::internal_error().with_message("the rate limiter was closed")
        })?;
        loop {
            let wait = {
                let mut state = self.state();
                let now = unix_now();
                let wait = state.wait_needed(self.mode, now);
                if wait <= 0.0 {
                    state.times.push((now, 1));
                    return Ok(permit);
                }
                wait
            };
            let wait = Duration::try_from_secs_f64(wait).unwrap_or(Duration::MAX);
            crate::deadline::check_wait(wait)?;
            tracing::debug!(
                config_id = self.config.config_id,
                wait_ms = wait.as_millis() as u64,
                "waiting for the rate limit window"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// Learns from an answer: the adaptive hook's numbers, and the delay after a throttled or
    /// transient failure (`retryable`) or a calm success.
    pub(crate) fn record(&self, headers: &HeaderMap, retryable: bool) {
        let mut state = self.state();
        if retryable {
            state.throttled(&self.config, self.mode);
        }
        match &self.config.strategy {
            RateLimitStrategy::Adaptive(extract) => {
                if let Some(seen) = extract(headers) {
                    state.observe(&self.config, &seen, unix_now());
                }
            }
            RateLimitStrategy::Fixed if !retryable => state.decay(&self.config, unix_now()),
            RateLimitStrategy::Fixed => {}
        }
    }

    /// Starts from the caller's last snapshot of this limiter.
    pub(crate) fn seed(&self, snapshot: &RateLimitStateSnapshot) {
        self.state().seed(&self.config, snapshot, unix_now());
    }

    /// The state to hand back to the caller.
    pub(crate) fn snapshot(&self) -> RateLimitStateSnapshot {
        self.state().snapshot(&self.config, unix_now())
    }
}

impl State {
    /// Requests in the window.
    fn used(&self) -> u64 {
        self.times.iter().map(|(_, n)| n).sum()
    }

    fn oldest(&self) -> Option<f64> {
        self.times.iter().map(|(t, _)| *t).reduce(f64::min)
    }

    fn expire(&mut self, now: f64) {
        let window = self.window;
        self.times.retain(|(t, _)| now - t < window);
    }

    fn has_room(&mut self, now: f64) -> bool {
        self.expire(now);
        self.used() < u64::from(self.requests_per_window)
    }

    /// Seconds until the window has room (0 under `retry_only`).
    fn wait_needed(&mut self, mode: RateLimitMode, now: f64) -> f64 {
        if mode == RateLimitMode::RetryOnly || self.has_room(now) {
            return 0.0;
        }
        let oldest = self.oldest().unwrap_or(now);
        (oldest + self.window - now).max(0.0)
    }

    /// connector-py's `_handle_rate_limit_exceeded`.
    fn throttled(&mut self, config: &RateLimitConfig, mode: RateLimitMode) {
        let enforces = matches!(mode, RateLimitMode::Enforce | RateLimitMode::EnforceNoRetry);
        if enforces && matches!(config.strategy, RateLimitStrategy::Fixed) {
            self.current_delay = self.window;
        }
        self.current_delay = (self.current_delay * config.backoff_factor).min(config.max_delay);
    }

    /// The fixed strategy's decay once the window has room again.
    fn decay(&mut self, config: &RateLimitConfig, now: f64) {
        if self.current_delay > config.initial_delay && self.has_room(now) {
            let decayed = (self.current_delay / config.backoff_factor).max(config.initial_delay);
            self.current_delay = if decayed < FIXED_DECAY_FLOOR {
                config.initial_delay
            } else {
                decayed
            };
        }
    }

    /// connector-py's `_update_rate_limits` for one observation.
    fn observe(&mut self, config: &RateLimitConfig, seen: &RateLimitObservation, now: f64) {
        self.source = RateLimitStateSnapshotSource::ApiHeaders;
        if seen.limit > 0 {
            self.requests_per_window = seen.limit;
        }
        if let Some(window) = seen.window.filter(|w| *w >= Duration::from_secs(1)) {
            self.window = window.as_secs_f64();
        }
        let remaining = f64::from(seen.remaining);
        if let Some(reset) = seen.reset {
            let reset = reset as f64;
            self.last_reset = Some(reset);
            let until_reset = reset - now;
            if until_reset > 0.0
                && until_reset < config.max_delay
                && remaining < f64::from(seen.limit) * LIMIT_CEILING
            {
                self.current_delay = until_reset;
                return;
            }
        }
        if remaining < f64::from(self.requests_per_window) * REQUESTS_PER_WINDOW_CEILING {
            self.current_delay = (self.current_delay * config.backoff_factor).min(config.max_delay);
        } else {
            self.current_delay =
                (self.current_delay / config.backoff_factor).max(config.initial_delay);
        }
    }

    /// connector-py's `seed_from_state`: only the fields present are applied.
    fn seed(&mut self, config: &RateLimitConfig, s: &RateLimitStateSnapshot, now: f64) {
        let limit = s
            .limit
            .and_then(|l| u32::try_from(l).ok())
            .filter(|l| *l > 0);
        if let Some(limit) = limit {
            self.requests_per_window = limit;
        }
        if let Some(window) = s.window_seconds.filter(|w| *w > 0) {
            self.window = f64::from(window);
        }
        let reset = s.reset.map(|r| r as f64);
        if let Some(delay) = s.current_delay {
            self.current_delay = match reset {
                Some(reset) if reset <= now => config.initial_delay,
                _ => f64::from(delay.max(0)).min(config.max_delay),
            };
        }
        if reset.is_some() {
            self.last_reset = reset;
        }
        if let (Some(remaining), Some(limit)) = (s.remaining, limit) {
            let used = i64::from(limit) - i64::from(remaining.max(0));
            let used = u64::try_from(used).unwrap_or(0);
            if used > 0 {
                match reset {
                    // The window is still open: its requests expire at the reset.
                    Some(reset) if reset > now => self.times = vec![(reset - self.window, used)],
                    Some(_) => {}
                    None => self.times = vec![(now, used)],
                }
            }
        }
    }

    /// connector-py's `get_current_state`.
    fn snapshot(&mut self, config: &RateLimitConfig, now: f64) -> RateLimitStateSnapshot {
        self.expire(now);
        let remaining = u64::from(self.requests_per_window).saturating_sub(self.used());
        let reset = match config.strategy {
            RateLimitStrategy::Adaptive(_) => self.last_reset,
            RateLimitStrategy::Fixed => self.oldest().map(|oldest| oldest + self.window),
        };
        let int = |n: f64| n.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32;
        RateLimitStateSnapshot {
            remaining: Some(i32::try_from(remaining).unwrap_or(i32::MAX)),
            limit: Some(i32::try_from(self.requests_per_window).unwrap_or(i32::MAX)),
            reset: reset.map(|r| r as i64),
            window_seconds: Some(int(self.window)),
            current_delay: Some(int(self.current_delay.round_ties_even())),
            source: Some(self.source),
        }
    }
}

#[cfg(test)]
#[path = "limiter_tests.rs"]
mod tests;
