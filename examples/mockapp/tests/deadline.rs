//! The caller's budget bounds the whole call (`rate_limit.max_execution_time`, less connector-py's
//! 10 s margin): a hung upstream ends at the deadline, and a retry wait that would cross it
//! ends the call at once, both as `budget_exhausted`.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{call, request, server};

#[test]
fn a_hung_upstream_ends_at_the_deadline_not_after_every_retry() {
    let server = server(3);
    let mut req = request(&format!("{}/_fault/delay60", server.url()), json!({}));
    req["rate_limit"] = json!({"max_execution_time": 14});
    let started = Instant::now();
    let run = call("list_accounts", &req);
    let took = started.elapsed();
    let error = run.error();
    assert_eq!(error["error_code"], "budget_exhausted", "{error}");
    assert_eq!(error["message"], "Execution deadline exceeded");
    assert_eq!(
        error["raised_in"],
        "mockapp::capabilities_read:list_accounts"
    );
    // 4 s of budget; without it, four attempts of 30 s each.
    assert!(
        took >= Duration::from_millis(3900) && took < Duration::from_secs(10),
        "{took:?}"
    );
}

#[test]
fn a_retry_wait_past_the_deadline_is_refused_with_its_length() {
    let server = server(3);
    let mut req = request(&format!("{}/_fault/429", server.url()), json!({}));
    // One second of budget: the 429 arrives in time, its one-second wait would not end in it.
    req["rate_limit"] = json!({"max_execution_time": 11});
    let started = Instant::now();
    let error = call("list_accounts", &req).error();
    assert_eq!(error["error_code"], "budget_exhausted", "{error}");
    assert_eq!(
        error["message"],
        "Rate limit sleep of 1s would exceed caller deadline"
    );
    assert_eq!(error["error_metadata"]["retry_after_seconds"], 1);
    assert!(started.elapsed() < Duration::from_secs(1), "no wait at all");
}
