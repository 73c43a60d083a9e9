//! {{Display}} tested with the kit, offline: the case tables in `tests/cases` (one file per
//! capability, each case a request, the API exchanges it causes and the envelope it prints),
//! the coverage check, the pagination exhauster and the conformance checks, each against a
//! loopback stand-in for the API.

use connector_testing::{
    ANY, Cases, Connector, Conformance, Exchange, Secrets, UPSTREAM, Upstream, Verdict, exhaust,
};
use serde_json::{Value, json};
use {{lib_name}}::{{Type}};

const CASES: &str = "tests/cases";

/// A request envelope with a test credential, against the API at `api_url`.
fn request(api_url: &str, payload: Value) -> Value {
    json!({
        {{request_credential}},
        "settings": {"api_url": api_url},
        "request": payload,
    })
}

/// A user as the API returns it.
fn user(n: usize) -> Value {
    json!({"id": format!("u{n}"), "email": format!("user{n}@example.com"), "name": format!("User {n}"), "active": true})
}

/// One page of `GET /users`: `count` users from `offset`, of `total`.
fn users_page(limit: usize, offset: usize, count: usize, total: usize) -> Exchange {
    Exchange::get("/api/v1/users")
        .query("limit", &limit.to_string())
        .query("offset", &offset.to_string())
        .respond(200)
        .json(json!({"users": (offset..offset + count).map(user).collect::<Vec<_>>(), "total": total}))
}

#[test]
fn every_case_passes() {
    Cases::<{{Type}}>::in_dir(CASES).run();
}

#[test]
fn every_capability_has_a_case() {
    Cases::<{{Type}}>::in_dir(CASES).assert_covered();
}

#[test]
fn list_accounts_pages_through_every_user_once() {
    let api = Upstream::start();
    api.expect_all([users_page(2, 0, 2, 5), users_page(2, 2, 2, 5), users_page(2, 4, 1, 5)]);
    let accounts = exhaust::<{{Type}}>("list_accounts", &request(&api.url(), json!({})), 2, 10)
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = accounts
        .iter()
        .filter_map(|a| a["integration_specific_id"].as_str())
        .collect();
    assert_eq!(ids, ["u0", "u1", "u2", "u3", "u4"]);
    api.verify().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn an_api_that_stops_short_ends_the_listing() {
    // The API claims 9 users but the second page is empty: no token that would loop.
    let api = Upstream::start();
    api.expect_all([users_page(2, 0, 2, 9), users_page(2, 2, 0, 9)]);
    let accounts = exhaust::<{{Type}}>("list_accounts", &request(&api.url(), json!({})), 2, 10)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(accounts.len(), 2);
}

#[test]
fn conformance() {
    let api = Upstream::start();
    api.expect(users_page(5, 0, 2, 2));
    for n in 0..2 {
        api.expect(Exchange::get(&format!("/api/v1/users/u{n}")).respond(200).json(user(n)));
    }
    let checks = Conformance::<{{Type}}>::new(request(&api.url(), json!({})));
    assert_eq!(checks.list_and_get_agree(), Verdict::Passed);

    let missing = Upstream::start();
    for method in ["GET", "DELETE"] {
        missing.expect(
            Exchange::new(method, "/api/v1/users/nobody")
                .respond(404)
                .json(json!({"error": "no such user"})),
        );
    }
    let checks = Conformance::<{{Type}}>::new(request(&missing.url(), json!({})));
    assert_eq!(checks.unknown_id_is_not_found("nobody"), Verdict::Passed);

    let grant = json!({"account_integration_specific_id": "u1", "resource_integration_specific_id": "global",
        "resource_type": "global", "entitlement_type": "role", "entitlement_integration_specific_id": "admin"});
    let writes = [
        ("create_account", json!({"email": "new@example.com"})),
        ("delete_account", json!({"account_id": "u1"})),
        ("assign_entitlement", grant.clone()),
        ("unassign_entitlement", grant),
    ];
    let checks = Conformance::<{{Type}}>::new(request(UPSTREAM, json!({})));
    assert_eq!(checks.writes_are_not_retried(&writes), Verdict::Passed);
}

#[test]
fn no_envelope_holds_the_credential() {
    let api = Upstream::start();
    for method in ["GET", "POST", "PUT", "DELETE"] {
        api.expect(Exchange::new(method, ANY).respond(401).times(u32::MAX));
    }
    let secrets = Secrets::of::<{{Type}}>(&request("", json!({})));
    let connector = Connector::<{{Type}}>::new();
    let calls = [
        ("validate_credentials", json!({})),
        ("list_accounts", json!({})),
        ("get_account", json!({"account_id": "u1"})),
        ("create_account", json!({"email": "new@example.com"})),
        ("create_account", json!({"email": 42})),
    ];
    for (capability, payload) in calls {
        let printed = connector.call(capability, &request(&api.url(), payload));
        assert_eq!(secrets.find_in(&printed.text), None, "{capability}: {}", printed.text);
    }
    api.forget();
}
