//! A client-side request rate: each request takes the next free time slot.

use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::ConnectorError;

/// Spaces requests at least `1 / requests_per_second` apart, across all clones of a client.
#[derive(Debug)]
pub struct RateLimiter {
    interval: Duration,
    next: Mutex<Option<Instant>>,
}

impl RateLimiter {
    /// A limiter for `requests_per_second` (positive and finite).
    pub fn per_second(requests_per_second: f64) -> Result<Self, ConnectorError> {
        let interval = Some(requests_per_second)
            .filter(|r| r.is_finite() && *r > 0.0)
            .and_then(|r| Duration::try_from_secs_f64(1.0 / r).ok())
            .ok_or_else(|| {
                ConnectorError::invalid_configuration().with_message(format!(
                    "Invalid rate limit: {requests_per_second} requests per second. Use a positive number."
                ))
            })?;
        Ok(RateLimiter {
            interval,
            next: Mutex::new(None),
        })
    }

    /// Waits for this caller's slot.
    pub async fn acquire(&self) -> Result<(), ConnectorError> {
        let slot = {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot.checked_add(self.interval).unwrap_or(slot));
            slot
        };
        crate::deadline::check_wait(slot.saturating_duration_since(Instant::now()))?;
        tokio::time::sleep_until(slot).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_must_be_positive_and_finite() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e-300] {
            assert!(RateLimiter::per_second(bad).is_err(), "{bad}");
        }
        assert_eq!(
            RateLimiter::per_second(4.0).unwrap().interval,
            Duration::from_millis(250)
        );
    }
}
