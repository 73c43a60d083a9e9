//! The SCIM connector against `scim2-server`, an independent SCIM 2.0 implementation: every
//! listing followed through its page tokens at several page sizes, each write followed by a
//! read that shows it, each SCIM error provoked for real and mapped, a wrong token and a
//! server that is down.

mod support;

use std::collections::BTreeSet;

use connector_testing::{Connector, exhaust};
use scim::Scim;
use serde_json::{Value, json};
use support::ScimServer;

fn connector() -> Connector<Scim> {
    Connector::new()
}

/// Seven users, and three groups holding five, two and none of them.
fn seeded(server: &ScimServer) -> (Vec<String>, Vec<String>) {
    let users = server.add_users(7);
    let ids: Vec<&str> = users.iter().map(String::as_str).collect();
    let groups = vec![
        server.add_group("Engineering", &ids[..5]),
        server.add_group("Admins", &ids[5..]),
        server.add_group("Empty", &[]),
    ];
    (users, groups)
}

fn ids(items: &[Value], field: &str) -> Vec<String> {
    items
        .iter()
        .map(|item| item[field].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn every_listing_pages_through_everything_once() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    let (users, groups) = seeded(&server);
    let request = server.request(json!({}));
    let expected_users: BTreeSet<String> = users.iter().cloned().collect();
    let expected_groups: BTreeSet<String> = groups.iter().cloned().collect();
    for size in [2, 3, 100] {
        let accounts = exhaust::<Scim>("list_accounts", &request, size, 20)
            .unwrap_or_else(|e| panic!("list_accounts at {size}: {e}"));
        let listed: BTreeSet<String> = ids(&accounts, "integration_specific_id")
            .into_iter()
            .collect();
        assert_eq!(listed, expected_users, "list_accounts at {size}");
        assert_eq!(accounts.len(), users.len());

        for capability in ["list_resources", "list_entitlements"] {
            let items = exhaust::<Scim>(capability, &request, size, 20)
                .unwrap_or_else(|e| panic!("{capability} at {size}: {e}"));
            let listed: BTreeSet<String> =
                ids(&items, "integration_specific_id").into_iter().collect();
            assert_eq!(listed, expected_groups, "{capability} at {size}");
        }

        let associations = exhaust::<Scim>("find_entitlement_associations", &request, size, 20)
            .unwrap_or_else(|e| panic!("find_entitlement_associations at {size}: {e}"));
        let pairs: BTreeSet<(String, String)> = associations
            .iter()
            .map(|a| {
                (
                    a["account_id"].as_str().unwrap().to_owned(),
                    a["integration_specific_entitlement_id"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect();
        let mut expected = BTreeSet::new();
        for (i, user) in users.iter().enumerate() {
            expected.insert((user.clone(), groups[usize::from(i >= 5)].clone()));
        }
        assert_eq!(pairs, expected, "find_entitlement_associations at {size}");
        assert_eq!(associations.len(), 7);
    }
    // The default page size comes from the settings when the request gives none.
    let mut small = server.request(json!({}));
    small["settings"]["page_size"] = json!(4);
    let first = connector().call("list_accounts", &small);
    assert_eq!(
        first.response().as_array().unwrap().len(),
        4,
        "{}",
        first.text
    );
}

#[test]
fn a_user_maps_to_an_account() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    let id = server.add_user("ada", "Ada", "Lovelace");
    let got = connector().call("get_account", &server.request(json!({"account_id": id})));
    assert_eq!(
        got.response(),
        &json!({
            "integration_specific_id": id, "resource_id": null, "email": "ada@example.com",
            "given_name": "Ada", "family_name": "Lovelace", "username": "ada",
            "user_status": "ACTIVE", "extra_data": null, "custom_attributes": null,
            "account_type": null,
        })
    );
}

fn account(server: &ScimServer, id: &str) -> Value {
    connector()
        .call("get_account", &server.request(json!({"account_id": id})))
        .response()
        .clone()
}

fn members(server: &ScimServer, group: &str) -> Vec<String> {
    let (status, group) = server.send("GET", &format!("/Groups/{group}"), None);
    assert_eq!(status, 200, "{group}");
    ids(
        group["members"].as_array().map_or(&[][..], Vec::as_slice),
        "value",
    )
}

#[test]
fn each_write_is_seen_by_the_next_read() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    let group = server.add_group("Staff", &[]);
    let connector = connector();
    let created = connector.call(
        "create_account",
        &server.request(json!({
            "username": "grace", "email": "grace@example.com", "given_name": "Grace",
            "family_name": "Hopper",
            "entitlements": [{"integration_specific_id": group, "integration_specific_resource_id": group, "entitlement_type": "group_member"}],
        })),
    );
    assert_eq!(created.response()["created"], true, "{}", created.text);
    assert_eq!(
        created.json["execution_summary"]["effect"]["kind"],
        "created"
    );
    let id = created.response()["id"].as_str().unwrap().to_owned();
    assert_eq!(account(&server, &id)["username"], "grace");
    assert_eq!(
        members(&server, &group),
        std::slice::from_ref(&id),
        "granted at creation"
    );

    let updated = connector.call(
        "update_account",
        &server.request(
            json!({"id": id, "given_name": "Amazing Grace", "email": "hopper@example.com"}),
        ),
    );
    assert_eq!(
        updated.json["execution_summary"]["effect"]["kind"], "updated",
        "{}",
        updated.text
    );
    let after = account(&server, &id);
    assert_eq!(
        (after["given_name"].as_str(), after["email"].as_str()),
        (Some("Amazing Grace"), Some("hopper@example.com"))
    );
    assert_eq!(after["family_name"], "Hopper", "what was not asked stays");

    let deactivated = connector.call(
        "deactivate_account",
        &server.request(json!({"account_id": id})),
    );
    assert_eq!(
        deactivated.response()["deactivated"],
        true,
        "{}",
        deactivated.text
    );
    assert_eq!(account(&server, &id)["user_status"], "INACTIVE");
    connector.call(
        "activate_account",
        &server.request(json!({"account_id": id})),
    );
    assert_eq!(account(&server, &id)["user_status"], "ACTIVE");

    let other = server.add_group("Other", &[]);
    let grant = json!({
        "account_integration_specific_id": id, "resource_integration_specific_id": other,
        "resource_type": "group", "entitlement_type": "group_member",
        "entitlement_integration_specific_id": other,
    });
    let assigned = connector.call("assign_entitlement", &server.request(grant.clone()));
    assert_eq!(assigned.response()["assigned"], true, "{}", assigned.text);
    assert_eq!(members(&server, &other), std::slice::from_ref(&id));
    let unassigned = connector.call("unassign_entitlement", &server.request(grant));
    assert_eq!(
        unassigned.response()["unassigned"],
        true,
        "{}",
        unassigned.text
    );
    assert!(members(&server, &other).is_empty());

    let deleted = connector.call("delete_account", &server.request(json!({"account_id": id})));
    assert_eq!(deleted.response()["deleted"], true, "{}", deleted.text);
    let gone = connector.call("get_account", &server.request(json!({"account_id": id})));
    assert_eq!(gone.error_code(), Some("not_found"));
}

#[test]
fn scim_errors_map_to_lumos_codes() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    let id = server.add_user("taken", "T", "Aken");
    let connector = connector();

    let nameless = connector.call(
        "create_account",
        &server.request(json!({"given_name": "N"})),
    );
    assert_eq!(
        nameless.error_code(),
        Some("bad_request"),
        "{}",
        nameless.text
    );

    let duplicate = connector.call(
        "create_account",
        &server.request(json!({"username": "taken"})),
    );
    assert_eq!(
        duplicate.error_code(),
        Some("conflict"),
        "{}",
        duplicate.text
    );
    assert_eq!(duplicate.error()["app_error_code"], "scim:uniqueness");
    assert_eq!(duplicate.error()["status_code"], 409);

    let missing = connector.call(
        "get_account",
        &server.request(json!({"account_id": "no-such-user"})),
    );
    assert_eq!(missing.error_code(), Some("not_found"), "{}", missing.text);
    let missing = connector.call(
        "delete_account",
        &server.request(json!({"account_id": "no-such-user"})),
    );
    assert_eq!(missing.error_code(), Some("not_found"), "{}", missing.text);

    // A version the user has moved on from: the change is refused, not made.
    let (_, before) = server.send("GET", &format!("/Users/{id}"), None);
    let stale = before["meta"]["version"].as_str().unwrap().to_owned();
    let (status, _) = server.send(
        "PATCH",
        &format!("/Users/{id}"),
        Some(
            &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                     "Operations": [{"op": "replace", "path": "displayName", "value": "Changed"}]}),
        ),
    );
    assert!(matches!(status, 200 | 204), "{status}");
    let refused = connector.call(
        "update_account",
        &server.request(json!({"id": id, "given_name": "Lost", "if_version": stale})),
    );
    assert_eq!(refused.error_code(), Some("conflict"), "{}", refused.text);
    assert_eq!(refused.error()["status_code"], 412);
    assert_ne!(account(&server, &id)["given_name"], "Lost");

    // A filter the service cannot parse, and one it can.
    let mut filtered = server.request(json!({}));
    filtered["settings"]["user_filter"] = json!("userName eq");
    let invalid = connector.call("list_accounts", &filtered);
    assert_eq!(
        invalid.error_code(),
        Some("bad_request"),
        "{}",
        invalid.text
    );
    assert_eq!(invalid.error()["app_error_code"], "scim:invalidFilter");
    filtered["settings"]["user_filter"] = json!(r#"userName eq "taken""#);
    let matched = connector.call("list_accounts", &filtered);
    assert_eq!(
        ids(
            matched.response().as_array().unwrap(),
            "integration_specific_id"
        ),
        std::slice::from_ref(&id)
    );

    // An id that cannot be one path segment never reaches the server.
    let slash = connector.call(
        "get_account",
        &server.request(json!({"account_id": "../Groups"})),
    );
    assert_eq!(slash.error_code(), Some("invalid_value"), "{}", slash.text);
}

#[test]
fn a_wrong_token_and_a_server_that_is_down() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    let mut wrong = server.request(json!({}));
    wrong["auth"]["token"]["token"] = json!("not-the-token");
    let validated = connector().call("validate_credentials", &wrong);
    assert_eq!(validated.response()["valid"], false, "{}", validated.text);
    let listed = connector().call("list_accounts", &wrong);
    assert_eq!(listed.error_code(), Some("unauthorized"), "{}", listed.text);
    assert!(!listed.text.contains("not-the-token"));

    let right = connector().call("validate_credentials", &server.request(json!({})));
    assert_eq!(right.response()["valid"], true, "{}", right.text);

    let request = server.request(json!({}));
    drop(server);
    let down = connector().call("list_accounts", &request);
    assert!(
        matches!(
            down.error_code(),
            Some("connection_timeout" | "connection_rejected")
        ),
        "{}",
        down.text
    );
}

#[test]
fn the_real_binary_prints_what_the_kit_sees() {
    let Some(server) = ScimServer::start() else {
        return;
    };
    server.add_user("one", "O", "Ne");
    let request = server.request(json!({}));
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_scim"))
        .args(["list_accounts", "--json", &request.to_string()])
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed = String::from_utf8(output.stdout).unwrap();
    assert_eq!(printed, connector().call("list_accounts", &request).text);
    assert!(!printed.contains(&server.token));
}
