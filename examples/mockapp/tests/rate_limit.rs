//! mockapp's rate limit (30 requests per 5 s, `config_id` "mockapp") as the wire sees it:
//! each success reports the limiter's state, the next process starts from the state fed back,
//! a wait past the caller's budget is `budget_exhausted`, and the caller can bypass it.

mod support;

use std::time::{Duration, Instant, SystemTime};

use serde_json::{Value, json};
use support::{call, request, server, stats};

fn unix_now() -> i64 {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH);
    i64::try_from(now.unwrap().as_secs()).unwrap()
}

/// Enough account ids for `get_last_activity` to spend the whole window in one call.
fn thirty_ids() -> Value {
    json!((1..=30).map(|n| format!("user-{n:05}")).collect::<Vec<_>>())
}

#[test]
fn a_success_reports_the_limiters_state_under_its_config_id() {
    let server = server(5);
    let before = unix_now();
    let json = call("list_accounts", &request(&server.url(), json!({}))).json();
    let state = &json["rate_limit"]["current_state"];
    assert_eq!(
        state.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["mockapp"]
    );
    let mockapp = &state["mockapp"];
    assert_eq!(mockapp["remaining"], 29, "{json}");
    assert_eq!(mockapp["limit"], 30);
    assert_eq!(mockapp["window_seconds"], 5);
    assert_eq!(mockapp["current_delay"], 0);
    assert_eq!(mockapp["source"], "sdk_counter");
    let reset = mockapp["reset"].as_i64().unwrap();
    assert!((before + 4..=unix_now() + 5).contains(&reset), "{reset}");
}

#[test]
fn an_error_envelope_carries_no_state() {
    let server = server(5);
    let url = format!("{}/_fault/500", server.url());
    let json = call("list_accounts", &request(&url, json!({}))).json();
    assert_eq!(json["is_error"], true);
    assert!(json.get("rate_limit").is_none(), "{json}");
}

#[test]
fn the_state_fed_back_keeps_the_pace_in_the_next_process() {
    let server = server(30);
    let url = server.url();
    let spent = call(
        "get_last_activity",
        &request(&url, json!({"account_ids": thirty_ids()})),
    )
    .json();
    let state = spent["rate_limit"]["current_state"].clone();
    assert_eq!(state["mockapp"]["remaining"], 0, "{spent}");
    let reset = state["mockapp"]["reset"].as_i64().unwrap();

    // Without the state, a new process does not know the window is spent.
    let started = Instant::now();
    call("list_accounts", &request(&url, json!({}))).response();
    assert!(started.elapsed() < Duration::from_secs(2));

    let mut next = request(&url, json!({}));
    next["rate_limit"] = json!({"last_known_state": state});
    let started = Instant::now();
    let json = call("list_accounts", &next).json();
    assert!(json.get("is_error").is_none(), "{json}");
    let waited = started.elapsed();
    // The window ends at `reset`, a whole second rounded down: at least until then.
    let until_reset = u64::try_from(reset - unix_now()).unwrap_or(0);
    assert!(
        waited >= Duration::from_secs(2) || until_reset == 0,
        "waited {waited:?}"
    );
    assert!(waited < Duration::from_secs(7), "waited {waited:?}");
}

#[test]
fn a_wait_past_the_budget_is_budget_exhausted_with_the_wait() {
    // The reference's observation: 2 requests per 10 s both spent, max_execution_time 12.
    let server = server(5);
    let mut req = request(&server.url(), json!({}));
    req["rate_limit"] = json!({
        "max_execution_time": 12,
        "last_known_state": {"mockapp": {"remaining": 0, "limit": 2, "reset": unix_now() + 10,
            "window_seconds": 10, "current_delay": 0, "source": "sdk_counter"}},
    });
    let started = Instant::now();
    let error = call("list_accounts", &req).error();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error["error_code"], "budget_exhausted", "{error}");
    assert_eq!(
        error["error_metadata"]["retry_after_seconds"], 10,
        "{error}"
    );
    assert_eq!(
        error["message"],
        "Rate limit sleep of 10s would exceed caller deadline"
    );
    assert_eq!(stats(&server)["total"], json!(0), "nothing was sent");
}

#[test]
fn the_caller_can_bypass_the_limiter() {
    let server = server(5);
    let mut req = request(&server.url(), json!({}));
    req["rate_limit"] = json!({
        "caller_override_mode": "bypass",
        "last_known_state": {"mockapp": {"remaining": 0, "limit": 30, "reset": unix_now() + 5,
            "window_seconds": 5}},
    });
    let started = Instant::now();
    let json = call("list_accounts", &req).json();
    assert!(started.elapsed() < Duration::from_secs(2), "{json}");
    assert_eq!(json["response"].as_array().unwrap().len(), 5);
    assert_eq!(json["rate_limit"], Value::Null, "no limiter, no state");
}

#[test]
fn writes_do_not_wait_for_a_spent_window() {
    // A write's default mode is retry_only: the window is counted, never waited for.
    let server = server(5);
    let mut req = request(&server.url(), json!({"account_id": "user-00001"}));
    req["rate_limit"] = json!({
        "last_known_state": {"mockapp": {"remaining": 0, "limit": 30, "reset": unix_now() + 5,
            "window_seconds": 5}},
    });
    let started = Instant::now();
    let json = call("deactivate_account", &req).json();
    assert!(started.elapsed() < Duration::from_secs(2), "{json}");
    assert_eq!(
        json["rate_limit"]["current_state"]["mockapp"]["remaining"],
        0
    );
}
