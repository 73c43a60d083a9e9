//! Page tokens and page sizes at the edges of their wire types, through the real `mockapp`
//! binary against `mockapp-server`: an offset that would wrap, integers that are not an
//! `int32`. Each case checks the envelope and what the mock API was asked (`/_stats`).

mod support;

use serde_json::{Value, json};
use support::{Run, call, request, server, stats, users_token_u64};

/// `list_accounts` with the envelope keys of `extra` (`page`, `rate_limit`), against a fresh
/// server of `users` users; the run and the server's `/_stats` afterwards.
fn list_accounts(users: i64, extra: Value) -> (Run, Value) {
    let server = server(users);
    let mut req = request(&server.url(), json!({}));
    for (key, value) in extra.as_object().unwrap() {
        req[key] = value.clone();
    }
    let run = call("list_accounts", &req);
    (run, stats(&server))
}

#[test]
fn an_offset_that_would_wrap_is_refused_before_any_upstream_call() {
    // u64::MAX itself, and one that overflows only once a full page of 10 is added.
    for offset in [u64::MAX, u64::MAX - 5] {
        let page = json!({"token": users_token_u64(offset), "size": 10});
        let (run, stats) = list_accounts(25, json!({"page": page}));
        assert_eq!(run.status, 0, "{offset}: {run:?}");
        let error = run.error();
        assert_eq!(
            error["error_code"], "invalid_page_token",
            "{offset}: {error}"
        );
        assert_eq!(run.json()["page"], Value::Null);
        assert_eq!(stats["total"], 0, "{offset}: {stats}");
    }
}

#[test]
fn the_last_offset_a_full_page_can_reach_is_still_served() {
    // u64::MAX - 10 plus a page of 10 is exactly u64::MAX: one call, an empty last page.
    let page = json!({"token": users_token_u64(u64::MAX - 10), "size": 10});
    let (run, stats) = list_accounts(25, json!({"page": page}));
    assert_eq!(run.status, 0);
    assert_eq!(run.response(), json!([]));
    assert_eq!(run.json()["page"], Value::Null);
    assert_eq!(stats["routes"]["GET /api/users"], 1);
    assert_eq!(stats["total"], 1);
}

#[test]
fn integers_outside_int32_are_bad_requests_and_never_echoed() {
    let cases = [
        json!({"page": {"size": i64::MAX}}),
        json!({"page": {"size": i64::from(i32::MAX) + 1}}),
        json!({"page": {"size": i64::from(i32::MIN) - 1}}),
        json!({"rate_limit": {"max_execution_time": i64::from(i32::MAX) + 1}}),
        json!({"rate_limit": {"caller_retry_attempt": i64::MAX}}),
    ];
    for extra in cases {
        let (run, stats) = list_accounts(25, extra.clone());
        assert_eq!(run.status, 0, "{extra}");
        let error = run.error();
        assert_eq!(error["error_code"], "bad_request", "{extra}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.contains("expected i32"), "{extra}: {message}");
        assert_eq!(stats["total"], 0, "{extra}: {stats}");
    }
}

#[test]
fn the_largest_int32_page_size_is_echoed_as_sent() {
    // The mock API caps a page at 1000 users, so 1001 users leave a next page.
    let size = i32::MAX;
    let (run, stats) = list_accounts(1001, json!({"page": {"size": size}}));
    assert_eq!(run.response().as_array().unwrap().len(), 1000);
    let page = &run.json()["page"];
    assert_eq!(page["size"], size);
    // [{"endpoint": "/api/users", "offset": 1000}], as connector-py writes it.
    assert_eq!(
        page["token"],
        "9182a8656e64706f696e74aa2f6170692f7573657273a66f6666736574cd03e8"
    );
    assert_eq!(stats["total"], 1);
}
