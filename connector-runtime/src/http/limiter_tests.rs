use std::time::Duration;

use super::*;

const NOW: f64 = 1_795_912_262.0;

fn config() -> RateLimitConfig {
    RateLimitConfig::new("app", 2, Duration::from_secs(10))
}

fn fresh(config: &RateLimitConfig) -> State {
    Limiter::new(config.clone(), RateLimitMode::Enforce)
        .state()
        .clone()
}

#[test]
fn a_full_window_waits_for_its_oldest_request() {
    let mut s = fresh(&config());
    s.times = vec![(NOW, 1), (NOW + 1.0, 1)];
    assert_eq!(s.wait_needed(RateLimitMode::Enforce, NOW + 2.0), 8.0);
    assert_eq!(s.wait_needed(RateLimitMode::EnforceNoRetry, NOW + 2.0), 8.0);
    assert_eq!(s.wait_needed(RateLimitMode::RetryOnly, NOW + 2.0), 0.0);
    // The oldest has left the window.
    assert_eq!(s.wait_needed(RateLimitMode::Enforce, NOW + 10.0), 0.0);
    assert_eq!(s.times, vec![(NOW + 1.0, 1)]);
}

#[test]
fn the_snapshot_has_connector_pys_fields() {
    let mut s = fresh(&config());
    s.times = vec![(NOW, 1)];
    s.current_delay = 2.5;
    let snap = s.snapshot(&config(), NOW + 1.0);
    let json = serde_json::to_string(&snap).unwrap();
    assert_eq!(
        json,
        r#"{"remaining":1,"limit":2,"reset":1795912272,"window_seconds":10,"current_delay":2,"source":"sdk_counter"}"#
    );
    let empty = fresh(&config()).snapshot(&config(), NOW);
    assert_eq!((empty.remaining, empty.reset), (Some(2), None));
}

#[test]
fn seeding_anchors_the_used_requests_at_the_window_start() {
    let snap: RateLimitStateSnapshot = serde_json::from_str(
        r#"{"remaining":0,"limit":2,"reset":1795912270,"window_seconds":10,"current_delay":3,"source":"sdk_counter"}"#,
    )
    .unwrap();
    let mut s = fresh(&config());
    s.seed(&config(), &snap, NOW);
    assert_eq!(s.times, vec![(NOW - 2.0, 2)]);
    assert_eq!(s.current_delay, 3.0);
    assert_eq!(s.wait_needed(RateLimitMode::Enforce, NOW), 8.0);
    // A reset in the past: nothing is carried but the numbers, and the delay starts over.
    let mut late = fresh(&config());
    late.seed(&config(), &snap, NOW + 20.0);
    assert!(late.times.is_empty());
    assert_eq!(late.current_delay, 0.0);
    // No reset: the used requests count as just made.
    let partial: RateLimitStateSnapshot =
        serde_json::from_str(r#"{"remaining":3,"limit":5}"#).unwrap();
    let mut s = fresh(&config());
    s.seed(&config(), &partial, NOW);
    assert_eq!((s.requests_per_window, s.used()), (5, 2));
    // Nonsense from the caller is ignored, never a panic.
    let junk: RateLimitStateSnapshot = serde_json::from_str(
        r#"{"remaining":-5,"limit":-1,"window_seconds":0,"current_delay":-9}"#,
    )
    .unwrap();
    let mut s = fresh(&config());
    s.seed(&config(), &junk, NOW);
    assert_eq!(
        (s.requests_per_window, s.window, s.current_delay),
        (2, 10.0, 0.0)
    );
    // The largest window the wire can describe costs one entry, not two billion.
    let huge: RateLimitStateSnapshot =
        serde_json::from_str(r#"{"remaining":0,"limit":2147483647,"reset":1795912270}"#).unwrap();
    let mut s = fresh(&config());
    s.seed(&config(), &huge, NOW);
    assert_eq!(s.times, vec![(NOW - 2.0, 2_147_483_647)]);
    assert_eq!(s.snapshot(&config(), NOW).remaining, Some(0));
}

#[test]
fn a_throttled_answer_raises_the_delay_and_calm_ones_bring_it_down() {
    let c = config();
    let mut s = fresh(&c);
    s.throttled(&c, RateLimitMode::Enforce);
    assert_eq!(
        s.current_delay, 15.0,
        "fixed and enforcing: the window, times 1.5"
    );
    let mut r = fresh(&c);
    r.throttled(&c, RateLimitMode::RetryOnly);
    assert_eq!(r.current_delay, 0.0, "retry_only from 0 stays 0");
    s.decay(&c, NOW);
    assert_eq!(s.current_delay, 10.0);
    s.current_delay = 0.12;
    s.decay(&c, NOW);
    assert_eq!(
        s.current_delay, 0.0,
        "under the floor: back to the initial delay"
    );
}

#[test]
fn adaptive_observations_move_the_numbers() {
    let c = config().strategy(RateLimitStrategy::adaptive(|_| None));
    let mut s = fresh(&c);
    let seen = RateLimitObservation {
        remaining: 1,
        limit: 100,
        reset: Some(NOW as i64 + 30),
        window: Some(Duration::from_secs(60)),
    };
    s.observe(&c, &seen, NOW);
    assert_eq!((s.requests_per_window, s.window), (100, 60.0));
    assert_eq!(s.current_delay, 30.0, "near the limit: until the reset");
    assert_eq!(s.source, RateLimitStateSnapshotSource::ApiHeaders);
    let calm = RateLimitObservation {
        remaining: 90,
        ..seen
    };
    s.observe(&c, &calm, NOW);
    assert_eq!(
        s.current_delay, 20.0,
        "far from the limit: divided by the factor"
    );
    let low_no_reset = RateLimitObservation {
        remaining: 5,
        reset: None,
        ..seen
    };
    s.observe(&c, &low_no_reset, NOW);
    assert_eq!(
        s.current_delay, 30.0,
        "low without a reset: times the factor"
    );
    let snap = s.snapshot(&c, NOW);
    assert_eq!(
        snap.reset,
        Some(NOW as i64 + 30),
        "adaptive reports the upstream's reset"
    );
}

#[tokio::test]
async fn the_hook_reads_the_headers_of_each_answer() {
    let c = config().strategy(RateLimitStrategy::adaptive(|h: &HeaderMap| {
        let remaining = h.get("x-remaining")?.to_str().ok()?.parse().ok()?;
        Some(RateLimitObservation {
            remaining,
            limit: 7,
            ..RateLimitObservation::default()
        })
    }));
    let limiter = Limiter::new(c, RateLimitMode::Enforce);
    let mut headers = HeaderMap::new();
    limiter.record(&headers, false);
    assert_eq!(
        limiter.snapshot().source,
        Some(RateLimitStateSnapshotSource::SdkCounter)
    );
    headers.insert("x-remaining", "3".parse().unwrap());
    limiter.record(&headers, false);
    let snap = limiter.snapshot();
    assert_eq!(
        (snap.limit, snap.source),
        (Some(7), Some(RateLimitStateSnapshotSource::ApiHeaders))
    );
}

#[tokio::test]
async fn acquiring_counts_requests_and_retry_only_never_waits() {
    let limiter = Limiter::new(config(), RateLimitMode::RetryOnly);
    for _ in 0..5 {
        drop(limiter.acquire().await.unwrap());
    }
    assert_eq!(limiter.snapshot().remaining, Some(0));
    assert!(!Limiter::new(config(), RateLimitMode::EnforceNoRetry).retries());
}

#[tokio::test]
async fn a_wait_past_the_deadline_is_budget_exhausted() {
    let limiter = Limiter::new(config(), RateLimitMode::Enforce);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    let outcome = crate::deadline::bounded(deadline, async {
        for _ in 0..2 {
            drop(limiter.acquire().await?);
        }
        limiter.acquire().await.map(drop)
    })
    .await
    .unwrap();
    let error = outcome.unwrap_err();
    assert_eq!(error.code(), crate::ErrorCode::BudgetExhausted);
    assert_eq!(error.metadata().retry_after_seconds, Some(10));
    assert_eq!(
        error.message(),
        "Rate limit sleep of 10s would exceed caller deadline"
    );
}

#[tokio::test]
async fn max_concurrent_bounds_the_requests_in_flight() {
    let config = RateLimitConfig::new("app", 100, Duration::from_secs(10)).max_concurrent(2);
    let limiter = Limiter::new(config, RateLimitMode::Enforce);
    let first = limiter.acquire().await.unwrap();
    let _second = limiter.acquire().await.unwrap();
    let third = tokio::time::timeout(Duration::from_millis(50), limiter.acquire()).await;
    assert!(
        third.is_err(),
        "a third request waits while two are in flight"
    );
    drop(first);
    let third = tokio::time::timeout(Duration::from_millis(50), limiter.acquire()).await;
    assert!(matches!(third, Ok(Ok(_))));
}
