//! The real `mockapp` binary against `mockapp-server` over loopback: the tutorial's Part 3,
//! every capability, pagination, writes and their effects, faults, and bad input. Every run
//! also checks that the token never leaks (see `support::mockapp`).

mod support;

use connector_testing::exhaust;
use mockapp::Mockapp;
use serde_json::{Value, json};
use support::{
    TOKEN, account_status, call, golden, golden_args, holds, mockapp, request, server, stats,
};

#[test]
fn tutorial_part_3() {
    let server = server(25);
    let url = server.url();
    let valid = call("validate_credentials", &request(&url, json!({})));
    assert_eq!(valid.status, 0);
    assert_eq!(
        valid.response(),
        json!({"valid": true, "unique_tenant_id": "mockapp-tenant-id"})
    );
    let accounts = call("list_accounts", &request(&url, json!({}))).response();
    assert_eq!(accounts.as_array().unwrap().len(), 25);
    let created = call(
        "create_account",
        &request(
            &url,
            json!({"email": "new.user@example.com", "display_name": "New User"}),
        ),
    );
    assert_eq!(
        created.response(),
        json!({"id": "user-00026", "status": "ACTIVE", "created": true})
    );
}

#[test]
fn a_full_pagination_walk_sees_every_account_once() {
    let server = server(253);
    // The kit's exhauster fails on a repeated token or id, or a page over the size.
    let accounts =
        exhaust::<Mockapp>("list_accounts", &request(&server.url(), json!({})), 10, 100).unwrap();
    assert_eq!(accounts.len(), 253, "every account once");
    assert_eq!(stats(&server)["routes"]["GET /api/users"], 26);
}

#[test]
fn every_read_capability_answers() {
    let server = server(25);
    let url = server.url();
    let resources = call("list_resources", &request(&url, json!({}))).response();
    assert_eq!(resources.as_array().unwrap().len(), 9);
    assert_eq!(resources[0]["resource_type"], "project");
    let entitlements = call("list_entitlements", &request(&url, json!({}))).response();
    assert_eq!(entitlements.as_array().unwrap().len(), 19);
    let associations = call("find_entitlement_associations", &request(&url, json!({}))).response();
    let associations = associations.as_array().unwrap();
    assert_eq!(associations.len(), 53, "every seeded association");
    assert_eq!(
        associations[0],
        json!({"account_id": "user-00001", "integration_specific_entitlement_id": "project-1-admin",
               "integration_specific_resource_id": "project-1"})
    );
    assert_eq!(
        associations[52],
        json!({"account_id": "user-00025", "integration_specific_entitlement_id": "team-1-member",
               "integration_specific_resource_id": "team-1"})
    );
    let ids: Vec<String> = (1..=20)
        .map(|n| format!("user-{n:05}"))
        .chain(["user-99999".into()])
        .collect();
    let activity = call(
        "get_last_activity",
        &request(&url, json!({"account_ids": ids})),
    )
    .response();
    let activity = activity.as_array().unwrap();
    assert!(activity.iter().all(|a| a["event_type"] == "last_login"));
    assert_eq!(
        activity[0],
        json!({"account_id": "user-00001", "event_type": "last_login", "happened_at": "2025-02-05T00:00:37Z"})
    );
    assert_eq!(activity[14]["happened_at"], "2025-02-23T00:11:43Z");
    let order: Vec<&str> = activity
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "results keep the order of the request");
    let never_logged_in = [
        "user-00004",
        "user-00008",
        "user-00012",
        "user-00016",
        "user-00020",
    ];
    assert_eq!(
        order.len(),
        15,
        "every known account that has logged in: {order:?}"
    );
    assert!(
        never_logged_in.iter().all(|id| !order.contains(id)),
        "{order:?}"
    );
    assert!(
        !order.contains(&"user-99999"),
        "unknown accounts are left out"
    );
}

#[test]
fn each_write_shows_in_the_next_read() {
    let server = server(5);
    let url = server.url();
    let created = call(
        "create_account",
        &request(
            &url,
            json!({"email": "ada@example.com", "display_name": "Ada Lovelace"}),
        ),
    );
    let id = created.response()["id"].as_str().unwrap().to_owned();
    assert_eq!(account_status(&url, &id), Some(json!("ACTIVE")));

    let off = call(
        "deactivate_account",
        &request(&url, json!({"account_id": id})),
    );
    assert_eq!(
        off.response(),
        json!({"status": "INACTIVE", "deactivated": true})
    );
    assert_eq!(account_status(&url, &id), Some(json!("INACTIVE")));

    let on = call(
        "activate_account",
        &request(&url, json!({"account_id": id})),
    );
    assert_eq!(
        on.response(),
        json!({"status": "ACTIVE", "activated": true})
    );
    assert_eq!(account_status(&url, &id), Some(json!("ACTIVE")));

    let grant = json!({
        "account_integration_specific_id": id, "resource_type": "project",
        "resource_integration_specific_id": "project-1", "entitlement_type": "project_role",
        "entitlement_integration_specific_id": "project-1-admin",
    });
    let first = call("assign_entitlement", &request(&url, grant.clone())).json();
    assert_eq!(first["response"], json!({"assigned": true}));
    assert!(holds(&url, &id, "project-1-admin", "project-1"));
    // Granting it again changes nothing, and the summary says so, with the same fingerprint.
    let again = call("assign_entitlement", &request(&url, grant.clone())).json();
    assert_eq!(again["response"], json!({"assigned": true}));
    let (first, again) = (&first["execution_summary"], &again["execution_summary"]);
    assert_eq!(first["effect"], json!({"kind": "created"}));
    assert_eq!(
        again["effect"],
        json!({"kind": "noop", "reason": "state_already_matches"})
    );
    assert_eq!(again["is_idempotent"], true);
    assert_eq!(first["request_fingerprint"], again["request_fingerprint"]);
    assert_eq!(
        first["request_fingerprint"].as_str().map(str::len),
        Some(64)
    );
    assert_eq!(
        call("unassign_entitlement", &request(&url, grant)).response(),
        json!({"unassigned": true})
    );
    assert!(!holds(&url, &id, "project-1-admin", "project-1"));

    let deleted = call("delete_account", &request(&url, json!({"account_id": id})));
    assert_eq!(
        deleted.response(),
        json!({"status": "DELETED", "deleted": true})
    );
    assert_eq!(account_status(&url, &id), None);

    let again = call("delete_account", &request(&url, json!({"account_id": id}))).error();
    assert_eq!(
        (again["error_code"].clone(), again["status_code"].clone()),
        (json!("not_found"), json!(404))
    );
}

fn fault_error(spec: &str, capability: &str, payload: Value) -> (Value, Value) {
    let server = server(25);
    let url = format!("{}/_fault/{spec}", server.url());
    let error = call(capability, &request(&url, payload)).error();
    (error, stats(&server))
}

#[test]
fn upstream_failures_become_their_error_codes() {
    let cases = [
        ("500", "bad_gateway", Some(500)),
        ("500t", "bad_gateway", Some(500)),
        ("404", "not_found", Some(404)),
        ("403", "permission_denied", Some(403)),
        ("409", "conflict", Some(409)),
        ("200t", "invalid_response", None),
    ];
    for (spec, code, status) in cases {
        let (error, _) = fault_error(spec, "list_resources", json!({}));
        assert_eq!(error["error_code"], code, "{spec}: {error}");
        assert_eq!(error["status_code"], json!(status), "{spec}: {error}");
        assert!(!error["message"].as_str().unwrap().contains(TOKEN));
    }
}

#[test]
fn throttling_is_retried_then_reported_with_retry_after() {
    let (error, stats) = fault_error("429", "list_accounts", json!({}));
    assert_eq!(error["error_code"], "rate_limit");
    assert_eq!(error["error_metadata"]["retry_after_seconds"], 1);
    assert_eq!(error["error_metadata"]["throttled"], true);
    assert_eq!(
        stats["faults"]["429"]["total"], 4,
        "one try and three retries: {stats}"
    );
}

#[test]
fn a_slow_upstream_is_waited_for() {
    let server = server(3);
    let url = format!("{}/_fault/delay1", server.url());
    let accounts = call("list_accounts", &request(&url, json!({}))).response();
    assert_eq!(accounts.as_array().unwrap().len(), 3);
}

#[test]
fn writes_are_not_retried() {
    let (error, stats) = fault_error("503", "create_account", json!({"email": "x@example.com"}));
    assert_eq!(error["error_code"], "service_error");
    assert_eq!(stats["faults"]["503"]["total"], 1, "{stats}");
}

#[test]
fn wrong_token_and_server_down() {
    let server = server(3);
    let mut req = request(&server.url(), json!({}));
    req["auth"]["token"]["token"] = json!("wrong-token");
    let error = call("list_accounts", &req).error();
    assert_eq!(
        (error["error_code"].clone(), error["status_code"].clone()),
        (json!("unauthorized"), json!(401))
    );
    assert_eq!(
        call("validate_credentials", &req).response()["valid"],
        false
    );

    let down = call("list_accounts", &request("http://127.0.0.1:1", json!({}))).error();
    assert_eq!(down["error_code"], "connection_timeout");
    assert_eq!(down["raised_by"], "ConnectError");
}

/// The execution summary mockapp's write adds to the recorded run `name` (connector-py's
/// mockapp reports none): `None` for reads. The fingerprints are what connector-py's
/// `request_fingerprint` gives for the recorded payloads (`tools/fingerprint_fixture.py`
/// prints them).
fn expected_summary(name: &str) -> Option<Value> {
    let (effect, fingerprint, idempotent) = match name {
        "create_account" => (
            json!({"kind": "created"}),
            "f0d31992c2e14cfe6d6f3a1495e9ca27ebd4119939c0f00b3b363325033a219c",
            false,
        ),
        "part3_create_account" => (
            json!({"kind": "created"}),
            "2e5cb4c369aa2d5bb6d6077e65865897e6db48bf00a8f3f7bdd45ccad1e88c1d",
            false,
        ),
        "activate_account" | "deactivate_account" => (
            json!({"kind": "updated"}),
            "139b18ab31aa661f71b00567f36cb9e20db57c3eecdc4752df8e22fdd3ff166a",
            true,
        ),
        "delete_account" => (
            json!({"kind": "deleted"}),
            "a2f8e81f06f8def220d1c67d9cb927fc6afeb048820740daeab6885440ea9665",
            false,
        ),
        "assign_entitlement" => (
            json!({"kind": "created"}),
            "aebdd780a7a33940dca7052f2c9f0ac822cfdf88db7bd70af581a0462d9f90e4",
            true,
        ),
        "unassign_entitlement" => (
            json!({"kind": "deleted"}),
            "aebdd780a7a33940dca7052f2c9f0ac822cfdf88db7bd70af581a0462d9f90e4",
            false,
        ),
        _ => return None,
    };
    Some(json!({
        "effect": effect, "request_fingerprint": fingerprint, "is_idempotent": idempotent,
        "description": null, "caught_errors": null,
    }))
}

/// mockapp's limiter state in a success envelope, checked for its shape and numbers.
fn reported_rate_limit(name: &str, reported: &Value) -> Value {
    let state = &reported["current_state"]["mockapp"];
    let keys: Vec<&String> = state
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        [
            "remaining",
            "limit",
            "reset",
            "window_seconds",
            "current_delay",
            "source"
        ],
        "{name}: {reported}"
    );
    assert_eq!(
        (&state["limit"], &state["window_seconds"], &state["source"]),
        (&json!(30), &json!(5), &json!("sdk_counter")),
        "{name}"
    );
    assert!(
        state["remaining"].as_i64().is_some_and(|r| r < 30),
        "{name}"
    );
    reported.clone()
}

/// The cases of the reference's recorded runs where Rust means to match it, compared at the
/// JSON level: the whole success envelope, where the accepted differences are the write
/// capabilities' `execution_summary` (null in the recording, [`expected_summary`] here) and
/// `rate_limit` (null there, mockapp's limiter state here), or the error's code, status and
/// metadata.
#[test]
fn matches_the_reference_recordings() {
    let same = [
        "part3_validate_credentials",
        "part3_list_accounts",
        "part3_create_account",
        "list_accounts_p1_size10",
        "list_accounts_p2_size10",
        "list_accounts_p3_size10_last",
        "list_resources",
        "list_entitlements",
        "find_entitlement_associations",
        "get_last_activity",
        "create_account",
        "activate_account",
        "deactivate_account",
        "delete_account",
        "assign_entitlement",
        "unassign_entitlement",
        "bad_server_down_list_accounts",
        "bad_auth_and_credentials",
        "bad_malformed_json",
        "bad_missing_auth",
        "bad_missing_request",
        "bad_missing_settings",
        "bad_page_size_string",
        "bad_missing_json_flag",
        "bad_unknown_capability",
        "bad_unregistered_standard_capability",
        "bad_empty_json_string",
        "cli_no_args",
    ];
    for name in same {
        let Some(golden) = golden(name) else { continue };
        let server = server(25);
        // The reference recorded these after earlier writes on the same server: replay those.
        let url = server.url();
        if matches!(name, "part3_create_account" | "delete_account") {
            call(
                "create_account",
                &request(&url, json!({"email": "first@example.com"})),
            );
        }
        if name == "unassign_entitlement" {
            let grant = &golden["request_json"]["request"];
            call("assign_entitlement", &request(&url, grant.clone())).response();
        }
        let args = golden_args(&golden, &server);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = mockapp(&args);
        assert_eq!(
            i64::from(run.status),
            golden["exit_code"].as_i64().unwrap(),
            "{name}: {run:?}"
        );
        if !golden["stdout_is_json"].as_bool().unwrap() {
            assert_eq!(run.stdout, "", "{name}");
            continue;
        }
        let (ours, theirs) = (run.json(), &golden["stdout_parsed_or_raw"]);
        if theirs.get("is_error").is_some() {
            for key in ["error_code", "status_code", "error_metadata", "app_id"] {
                assert_eq!(ours["error"][key], theirs["error"][key], "{name}: {key}");
            }
        } else {
            let mut expected = theirs.clone();
            assert_eq!(expected["execution_summary"], Value::Null, "{name}");
            // A deliberate difference (README): the reference's mockapp has no rate limit,
            // ours reports its limiter's state.
            assert_eq!(expected["rate_limit"], Value::Null, "{name}");
            expected["rate_limit"] = reported_rate_limit(name, &ours["rate_limit"]);
            if let Some(summary) = expected_summary(name) {
                expected["execution_summary"] = summary;
            }
            assert_eq!(ours, expected, "{name}: the envelope");
        }
    }
}
