//! Writes `tests/cases/*.json`, mockapp's case tables, by recording each case once against
//! the mock server through the kit's recorder (as an author records against a sandbox):
//! `cargo test -p mockapp --test record_cases -- --ignored`. `tests/kit.rs` replays them.

mod support;

use connector_testing::{ANY_VALUE, Connector, Recorder, Secrets, UPSTREAM};
use mockapp::Mockapp;
use serde_json::{Value, json};
use support::{TOKEN, server};

/// The token the case files carry: the recorded one never leaves the recording.
const CASE_TOKEN: &str = "case-token-0000";

/// Each capability's cases, in the order they run against one server.
fn script() -> Vec<(&'static str, &'static str, Value, Option<Value>)> {
    let grant = json!({"account_integration_specific_id": "user-00002", "resource_integration_specific_id": "global",
        "resource_type": "global", "entitlement_type": "admin_role", "entitlement_integration_specific_id": "admin"});
    vec![
        ("validate_credentials", "a valid token", json!({}), None),
        (
            "list_accounts",
            "the first page of 3",
            json!({}),
            Some(json!({"size": 3})),
        ),
        ("list_resources", "every resource", json!({}), None),
        (
            "list_entitlements",
            "the first page of 5",
            json!({}),
            Some(json!({"size": 5})),
        ),
        (
            "find_entitlement_associations",
            "the first page of 4",
            json!({}),
            Some(json!({"size": 4})),
        ),
        (
            "get_last_activity",
            "two accounts and an unknown one",
            json!({"account_ids": ["user-00001", "user-00004", "user-99999"]}),
            None,
        ),
        (
            "create_account",
            "a new user",
            json!({"email": "newuser@example.com", "display_name": "New User"}),
            None,
        ),
        (
            "activate_account",
            "an inactive user",
            json!({"account_id": "user-00010"}),
            None,
        ),
        (
            "deactivate_account",
            "an active user",
            json!({"account_id": "user-00003"}),
            None,
        ),
        (
            "deactivate_account",
            "an unknown user",
            json!({"account_id": "user-99999"}),
            None,
        ),
        (
            "delete_account",
            "the new user",
            json!({"account_id": "user-00026"}),
            None,
        ),
        ("assign_entitlement", "the admin role", grant.clone(), None),
        ("unassign_entitlement", "the admin role again", grant, None),
    ]
}

#[test]
#[ignore = "rewrites tests/cases from the mock server; run with --ignored"]
fn record_the_case_tables() {
    let live = server(25);
    let mut files: Vec<(&str, Vec<Value>)> = Vec::new();
    for (capability, name, payload, page) in script() {
        let mut request = json!({"auth": {"token": {"token": TOKEN}}, "settings": {"api_url": ""}, "request": payload});
        if let Some(page) = page {
            request["page"] = page;
        }
        let recorder = Recorder::start(&live.url(), Secrets::of::<Mockapp>(&request));
        request["settings"]["api_url"] = json!(recorder.url());
        let envelope = Connector::<Mockapp>::new().call(capability, &request);
        let url = recorder.url();
        let placeholder = |value: Value| {
            let text = value
                .to_string()
                .replace(&url, UPSTREAM)
                .replace(TOKEN, CASE_TOKEN);
            serde_json::from_str::<Value>(&text).unwrap()
        };
        let mut expect = placeholder(envelope.json);
        // The window's reset is a time: any value will do on replay.
        let states = expect
            .get_mut("rate_limit")
            .and_then(|r| r.get_mut("current_state"))
            .and_then(Value::as_object_mut);
        if let Some(states) = states {
            for state in states.values_mut() {
                state["reset"] = json!(ANY_VALUE);
            }
        }
        let case = json!({
            "name": name,
            "request": placeholder(request),
            "upstream": placeholder(serde_json::to_value(recorder.exchanges()).unwrap()),
            "expect": expect,
        });
        match files.iter_mut().find(|(c, _)| *c == capability) {
            Some((_, cases)) => cases.push(case),
            None => files.push((capability, vec![case])),
        }
    }
    for (capability, cases) in files {
        let path = format!(
            "{}/tests/cases/{capability}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::write(&path, serde_json::to_string_pretty(&cases).unwrap() + "\n").unwrap();
    }
}
