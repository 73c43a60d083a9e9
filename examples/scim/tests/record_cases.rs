//! Writes `tests/cases/*.json`, the SCIM connector's case tables, by recording each case once
//! against `scim2-server` through the kit's recorder, secrets scrubbed:
//! `cargo test -p scim --test record_cases -- --ignored`. `tests/cases.rs` replays them, so the
//! SCIM tests run in plain `cargo test`, without Python.

mod support;

use connector_testing::{Connector, Recorder, Secrets, UPSTREAM};
use scim::Scim;
use serde_json::{Value, json};
use support::ScimServer;

/// The token the case files carry: the recorded one never leaves the recording.
pub const CASE_TOKEN: &str = "case-token-0000";

/// One case to record: capability, name, payload, page.
type Step = (&'static str, &'static str, Value, Option<Value>);

/// Each capability's cases, in the order they run against one seeded server.
fn script(users: &[String], groups: &[String]) -> Vec<Step> {
    let grant = |group: &str| {
        json!({"account_integration_specific_id": users[6], "resource_integration_specific_id": group,
            "resource_type": "group", "entitlement_type": "group_member",
            "entitlement_integration_specific_id": group})
    };
    let page = |size: u32| Some(json!({"size": size}));
    vec![
        ("validate_credentials", "the right token", json!({}), None),
        ("list_accounts", "the first page of 3", json!({}), page(3)),
        (
            "get_account",
            "a user",
            json!({"account_id": users[0]}),
            None,
        ),
        (
            "get_account",
            "an unknown id",
            json!({"account_id": "no-such-user"}),
            None,
        ),
        ("list_resources", "every group", json!({}), None),
        (
            "list_entitlements",
            "the first page of 2",
            json!({}),
            page(2),
        ),
        (
            "find_entitlement_associations",
            "a page that ends inside a group",
            json!({}),
            page(3),
        ),
        (
            "create_account",
            "a new user",
            json!({"username": "new.user", "email": "new.user@example.com", "given_name": "New", "family_name": "User"}),
            None,
        ),
        (
            "create_account",
            "a user name already taken",
            json!({"username": "user1"}),
            None,
        ),
        (
            "update_account",
            "a new given name",
            json!({"id": users[1], "given_name": "Renamed"}),
            None,
        ),
        (
            "deactivate_account",
            "an active user",
            json!({"account_id": users[2]}),
            None,
        ),
        (
            "activate_account",
            "the same user again",
            json!({"account_id": users[2]}),
            None,
        ),
        (
            "assign_entitlement",
            "into the empty group",
            grant(&groups[2]),
            None,
        ),
        (
            "unassign_entitlement",
            "out of it again",
            grant(&groups[2]),
            None,
        ),
        (
            "delete_account",
            "a user",
            json!({"account_id": users[3]}),
            None,
        ),
        (
            "delete_account",
            "the same user again",
            json!({"account_id": users[3]}),
            None,
        ),
    ]
}

#[test]
#[ignore = "rewrites tests/cases from scim2-server; run with --ignored"]
fn record_the_case_tables() {
    let Some(live) = ScimServer::start() else {
        return;
    };
    let users = live.add_users(7);
    let ids: Vec<&str> = users.iter().map(String::as_str).collect();
    let groups = vec![
        live.add_group("Engineering", &ids[..5]),
        live.add_group("Admins", &ids[5..6]),
        live.add_group("Empty", &[]),
    ];
    let mut files: Vec<(&str, Vec<Value>)> = Vec::new();
    for (capability, name, payload, page) in script(&users, &groups) {
        let mut request = live.request(payload);
        if let Some(page) = page {
            request["page"] = page;
        }
        let recorder = Recorder::start(&live.url, Secrets::of::<Scim>(&request));
        request["settings"]["base_url"] = json!(recorder.url());
        let envelope = Connector::<Scim>::new().call(capability, &request);
        let url = recorder.url();
        let placeholder = |value: Value| {
            let text = value
                .to_string()
                .replace(&url, UPSTREAM)
                .replace(&live.url, UPSTREAM)
                .replace(&live.token, CASE_TOKEN);
            serde_json::from_str::<Value>(&text).unwrap()
        };
        let case = json!({
            "name": name,
            "request": placeholder(request),
            "upstream": placeholder(serde_json::to_value(recorder.exchanges()).unwrap()),
            "expect": placeholder(envelope.json),
        });
        match files.iter_mut().find(|(c, _)| *c == capability) {
            Some((_, cases)) => cases.push(case),
            None => files.push((capability, vec![case])),
        }
    }
    let dir = format!("{}/tests/cases", env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&dir).unwrap();
    for (capability, cases) in files {
        let text = serde_json::to_string_pretty(&cases).unwrap() + "\n";
        std::fs::write(format!("{dir}/{capability}.json"), text).unwrap();
    }
}
