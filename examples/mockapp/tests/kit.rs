//! mockapp tested with the kit, offline: the case tables (recorded by `record_cases.rs`), the
//! coverage check, the pagination exhauster, record and replay, and the conformance checks.

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use connector_testing::{
    Cases, Conformance, Connector, Exchange, PagingError, Recorder, Secrets, UPSTREAM, Upstream,
    Verdict, exhaust,
};
use mockapp::Mockapp;
use serde_json::{Value, json};
use support::{TOKEN, request, server};

const CASES: &str = "tests/cases";

/// The message of the panic `f` raises.
fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("it should fail");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

#[test]
fn every_case_passes() {
    Cases::<Mockapp>::in_dir(CASES).run();
}

#[test]
fn every_capability_has_a_case() {
    Cases::<Mockapp>::in_dir(CASES).assert_covered();
}

#[test]
fn a_missing_case_fails_the_coverage_check_by_name() {
    let dir = std::env::temp_dir().join(format!("mockapp-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(CASES).unwrap() {
        let path = entry.unwrap().path();
        if path.file_stem().unwrap() != "get_last_activity" {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let message = panic_message(|| Cases::<Mockapp>::in_dir(&dir).assert_covered());
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        message.starts_with("no case for: get_last_activity "),
        "{message}"
    );
}

#[test]
fn a_case_whose_upstream_differs_fails_saying_where() {
    let dir = std::env::temp_dir().join(format!("mockapp-bad-case-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string(format!("{CASES}/list_accounts.json")).unwrap();
    std::fs::write(
        dir.join("list_accounts.json"),
        text.replace("\"3\"", "\"4\""),
    )
    .unwrap();
    let message = panic_message(|| Cases::<Mockapp>::in_dir(&dir).run());
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        message.contains("unexpected request: GET /api/users?limit=3")
            && message.contains("query: expected limit=4, got limit=3"),
        "{message}"
    );
}

#[test]
fn the_exhauster_sees_every_account_once() {
    let live = server(25);
    let accounts =
        exhaust::<Mockapp>("list_accounts", &request(&live.url(), json!({})), 4, 10).unwrap();
    assert_eq!(accounts.len(), 25);
    let too_few = exhaust::<Mockapp>("list_accounts", &request(&live.url(), json!({})), 4, 3);
    assert_eq!(too_few, Err(PagingError::TooManyPages { limit: 3 }));
}

#[test]
fn the_exhauster_catches_a_looping_token() {
    // An upstream that always says there is more, with nothing on the page: the connector's
    // next token is the one it was given.
    let upstream = Upstream::start();
    upstream.expect(
        Exchange::get("/api/users")
            .respond(200)
            .json(json!({"items": [], "has_more": true}))
            .times(2),
    );
    let paged = exhaust::<Mockapp>("list_accounts", &request(&upstream.url(), json!({})), 5, 10);
    assert!(
        matches!(paged, Err(PagingError::RepeatedToken { page: 2, .. })),
        "{paged:?}"
    );
}

#[test]
fn the_exhauster_catches_a_repeated_account() {
    let upstream = Upstream::start();
    let user = json!({"id": "user-1", "email": "a@example.com", "name": "A B"});
    upstream.expect(
        Exchange::get("/api/users")
            .respond(200)
            .json(json!({"items": [user], "has_more": true}))
            .times(2),
    );
    let paged = exhaust::<Mockapp>("list_accounts", &request(&upstream.url(), json!({})), 5, 10);
    assert_eq!(
        paged,
        Err(PagingError::RepeatedId {
            page: 2,
            id: "user-1".into()
        })
    );
}

/// `envelope` without the rate-limit window's `reset`: a wall-clock second, which a replay a
/// moment later may see move on.
fn timeless(mut envelope: Value) -> Value {
    let states = envelope
        .pointer_mut("/rate_limit/current_state")
        .and_then(Value::as_object_mut);
    for state in states.into_iter().flat_map(|states| states.values_mut()) {
        state["reset"] = Value::Null;
    }
    envelope
}

#[test]
fn a_recorded_fixture_holds_no_secret_and_replays_the_same() {
    let live = server(25);
    // A secret setting would be scrubbed too; mockapp's are the token's.
    let template = request("", json!({}));
    let secrets = Secrets::of::<Mockapp>(&template);
    let recorder = Recorder::start(&live.url(), secrets.clone());
    let connector = Connector::<Mockapp>::new();
    let calls = [
        ("validate_credentials", json!({})),
        ("list_accounts", json!({})),
        ("activate_account", json!({"account_id": "user-00010"})),
    ];
    let recorded: Vec<Value> = calls
        .iter()
        .map(|(capability, payload)| {
            timeless(
                connector
                    .call(capability, &request(&recorder.url(), payload.clone()))
                    .json,
            )
        })
        .collect();
    let path = std::env::temp_dir().join(format!("mockapp-fixture-{}.json", std::process::id()));
    recorder.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(secrets.find_in(&text), None);
    assert!(!text.contains(TOKEN));
    assert!(text.contains("Bearer [REDACTED]"), "the scheme is kept");

    let replay = Upstream::replay(&path);
    std::fs::remove_file(&path).unwrap();
    for ((capability, payload), recorded) in calls.iter().zip(recorded) {
        // Another token: the fixture matches any.
        let mut envelope = request(&replay.url(), payload.clone());
        envelope["auth"]["token"]["token"] = json!("another-token-1");
        assert_eq!(
            timeless(connector.call(capability, &envelope).json),
            recorded,
            "{capability}"
        );
    }
    replay.verify().unwrap();
}

#[test]
fn conformance_against_the_mock_server() {
    let live = server(25);
    let checks = Conformance::<Mockapp>::new(request(&live.url(), json!({})));
    assert_eq!(
        checks.list_and_get_agree(),
        Verdict::NotApplicable("needs get_account".into())
    );
    assert_eq!(
        checks.unknown_id_is_not_found("user-99999"),
        Verdict::Passed
    );
    let grant = json!({"account_integration_specific_id": "user-00002", "resource_integration_specific_id": "global",
        "resource_type": "global", "entitlement_type": "admin_role", "entitlement_integration_specific_id": "admin"});
    assert_eq!(checks.assign_find_unassign(&grant), Verdict::Passed);

    let against_upstream = Conformance::<Mockapp>::new(request(UPSTREAM, json!({})));
    let writes = [
        ("create_account", json!({"email": "x@example.com"})),
        ("deactivate_account", json!({"account_id": "user-00001"})),
        ("assign_entitlement", grant),
    ];
    assert_eq!(
        against_upstream.writes_are_not_retried(&writes),
        Verdict::Passed
    );
}
