//! Every capability of mockapp against every upstream fault: the exact envelope, the number
//! of upstream attempts (writes are never retried), and a time bound. Retries are shortened
//! through the runtime's environment knobs; `Retry-After: 1` is still waited out in full.

mod support;

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use support::{call_with_env, request, server, stats};

const READS: &[(&str, &str)] = &[
    ("validate_credentials", "{}"),
    ("list_accounts", "{}"),
    ("list_resources", "{}"),
    ("list_entitlements", "{}"),
    ("find_entitlement_associations", "{}"),
    ("get_last_activity", r#"{"account_ids":["user-00001"]}"#),
];

const GRANT: &str = r#"{"account_integration_specific_id":"user-00002","resource_integration_specific_id":"global","resource_type":"global","entitlement_type":"admin_role","entitlement_integration_specific_id":"admin"}"#;

const WRITES: &[(&str, &str)] = &[
    (
        "create_account",
        r#"{"email":"new@example.com","display_name":"New User"}"#,
    ),
    ("activate_account", r#"{"account_id":"user-00001"}"#),
    ("deactivate_account", r#"{"account_id":"user-00001"}"#),
    ("delete_account", r#"{"account_id":"user-00001"}"#),
    ("assign_entitlement", GRANT),
    ("unassign_entitlement", GRANT),
];

/// What a fault must produce.
struct Expected {
    spec: &'static str,
    code: &'static str,
    status: Option<u16>,
    retryable: bool,
    throttled: bool,
    retry_after: Option<u64>,
    /// Whether reads try again (writes never do).
    retried: bool,
}

/// A transient upstream failure: retryable, not throttling, no `Retry-After`.
const fn transient(
    spec: &'static str,
    code: &'static str,
    status: Option<u16>,
    retried: bool,
) -> Expected {
    Expected {
        spec,
        code,
        status,
        retryable: true,
        throttled: false,
        retry_after: None,
        retried,
    }
}

const FAULTS: &[Expected] = &[
    Expected {
        throttled: true,
        retry_after: Some(1),
        ..transient("429", "rate_limit", Some(429), true)
    },
    Expected {
        throttled: true,
        ..transient("429n", "rate_limit", Some(429), true)
    },
    transient("500", "bad_gateway", Some(500), false),
    transient("502", "bad_gateway", Some(502), true),
    transient("503", "service_error", Some(503), true),
    transient("504", "bad_gateway", Some(504), true),
    transient("500t", "bad_gateway", Some(500), false),
    transient("trunc", "connection_closed", None, true),
    transient("reset", "connection_closed", None, true),
    transient("slow3", "request_timeout", None, true),
];

/// Retries after about 20 ms, 40 ms, 80 ms; an attempt times out after 2 s.
const ENV: &[(&str, &str)] = &[
    ("CONNECTOR_HTTP_RETRY_BASE_MS", "20"),
    ("CONNECTOR_HTTP_TIMEOUT_MS", "2000"),
];

/// How many cases run at once: they mostly wait, but each is a process and a server.
const PARALLEL: usize = 16;

const RETRIES: u64 = 3;

fn check(capability: &str, payload: &str, fault: &Expected, is_write: bool) {
    let server = server(25);
    let url = format!("{}/_fault/{}", server.url(), fault.spec);
    let payload: Value = serde_json::from_str(payload).unwrap();
    let started = Instant::now();
    let run = call_with_env(capability, &request(&url, payload), ENV);
    if matches!(fault.spec, "trunc" | "reset" | "slow3") && capability == "delete_account" {
        // The answer is 204 No Content: the body faults (cut, reset, late) have no body to spoil.
        run.response();
        assert_eq!(
            stats(&server)["faults"][fault.spec]["total"],
            1,
            "{capability}"
        );
        return;
    }
    let error = run.error();
    let elapsed = started.elapsed();
    let case = format!("{capability} x {}", fault.spec);
    assert_eq!(error["error_code"], fault.code, "{case}: {error}");
    assert_eq!(error["status_code"], json!(fault.status), "{case}: {error}");
    let metadata = &error["error_metadata"];
    assert_eq!(metadata["retryable"], fault.retryable, "{case}: {error}");
    assert_eq!(metadata["throttled"], fault.throttled, "{case}: {error}");
    assert_eq!(
        metadata["retry_after_seconds"],
        json!(fault.retry_after),
        "{case}: {error}"
    );
    let attempts = if fault.retried && !is_write {
        1 + RETRIES
    } else {
        1
    };
    assert_eq!(
        stats(&server)["faults"][fault.spec]["total"],
        attempts,
        "{case}: attempts"
    );
    assert!(elapsed < Duration::from_secs(15), "{case} took {elapsed:?}");
}

/// The cases in batches of [`PARALLEL`] (they mostly wait), each against its own server.
#[test]
fn every_capability_against_every_fault() {
    let started = Instant::now();
    let cases: Vec<(&str, &str, &Expected, bool)> = FAULTS
        .iter()
        .flat_map(|fault| {
            let reads = READS.iter().map(move |(c, p)| (*c, *p, fault, false));
            reads.chain(WRITES.iter().map(move |(c, p)| (*c, *p, fault, true)))
        })
        .collect();
    for batch in cases.chunks(PARALLEL) {
        std::thread::scope(|scope| {
            for &(capability, payload, fault, is_write) in batch {
                scope.spawn(move || check(capability, payload, fault, is_write));
            }
        });
    }
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "the matrix took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_refused_connection_is_retried_for_reads_only() {
    std::thread::scope(|scope| {
        let reads = READS.iter().map(|case| (case, true));
        for (&(capability, payload), is_read) in
            reads.chain(WRITES.iter().map(|case| (case, false)))
        {
            scope.spawn(move || {
                let payload: Value = serde_json::from_str(payload).unwrap();
                let started = Instant::now();
                let run = call_with_env(capability, &request("http://127.0.0.1:1", payload), ENV);
                // The client logs one "upstream response" line per attempt (at DEBUG).
                let attempts = run.stderr.matches("upstream response").count() as u64;
                let expected = if is_read { RETRIES + 1 } else { 1 };
                assert_eq!(attempts, expected, "{capability}: {}", run.stderr);
                let error = run.error();
                assert_eq!(
                    error["error_code"], "connection_timeout",
                    "{capability}: {error}"
                );
                assert_eq!(error["status_code"], Value::Null);
                assert_eq!(error["error_metadata"]["retryable"], true);
                assert!(started.elapsed() < Duration::from_secs(5), "{capability}");
            });
        }
    });
}

#[test]
fn throttling_then_success_needs_one_retry() {
    let server = server(25);
    let url = format!("{}/_fault/seq:429,ok", server.url());
    let accounts = call_with_env("list_accounts", &request(&url, json!({})), ENV).response();
    assert_eq!(accounts.as_array().unwrap().len(), 25);
    assert_eq!(stats(&server)["faults"]["seq:429,ok"]["total"], 2);
}

/// Under `enforce_no_retry` (the caller's mode here) a read makes one attempt and reports the
/// fault's own error; under `retry_only` it retries as usual.
#[test]
fn enforce_no_retry_makes_one_attempt_per_fault() {
    std::thread::scope(|scope| {
        for fault in FAULTS.iter().filter(|f| f.retried) {
            scope.spawn(move || {
                for (mode, attempts) in [("enforce_no_retry", 1), ("retry_only", 1 + RETRIES)] {
                    let server = server(25);
                    let url = format!("{}/_fault/{}", server.url(), fault.spec);
                    let mut req = request(&url, json!({}));
                    req["rate_limit"] = json!({"caller_override_mode": mode});
                    let error = call_with_env("list_accounts", &req, ENV).error();
                    let case = format!("{mode} x {}", fault.spec);
                    assert_eq!(error["error_code"], fault.code, "{case}: {error}");
                    assert_eq!(
                        error["error_metadata"]["retry_after_seconds"],
                        json!(fault.retry_after),
                        "{case}"
                    );
                    assert_eq!(
                        stats(&server)["faults"][fault.spec]["total"],
                        attempts,
                        "{case}: attempts"
                    );
                }
            });
        }
    });
}
