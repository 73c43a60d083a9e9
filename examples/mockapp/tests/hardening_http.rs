//! The runtime HTTP client's defences, end to end: the real `mockapp` binary against the mock
//! API (or, where the mock cannot say it, the kit's loopback upstream). Ids stay one
//! path segment, secrets never print (also URL-encoded, also short), `Retry-After` fits the
//! wire, and an unusable `api_url` is a caller error. Every run also checks that the token
//! never leaks (see `support::mockapp`).

mod support;

use connector_testing::{Exchange, Upstream};
use mockapp_server::{BackgroundServer, Config};
use serde_json::{Value, json};
use support::{Run, TOKEN, account_status, call, holds, request, server, stats};

/// The error of a run, after checking it exited 0 with `code`.
fn error_of(run: &Run, code: &str) -> Value {
    assert_eq!(run.status, 0, "{run:?}");
    let error = run.error();
    assert_eq!(error["error_code"], code, "{error}");
    error
}

#[test]
fn an_id_with_a_query_is_a_404_on_the_delete_route() {
    let server = server(25);
    let url = server.url();
    let run = call(
        "delete_account",
        &request(&url, json!({"account_id": "user-00009?x=1"})),
    );
    let error = error_of(&run, "not_found");
    assert_eq!(error["status_code"], 404);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("/api/users/user-00009%3Fx%3D1]"),
        "{error}"
    );
    let seen = stats(&server);
    assert_eq!(seen["total"], 1, "{seen}");
    assert_eq!(seen["routes"]["DELETE /api/users/{user_id}"], 1, "{seen}");
    assert!(
        account_status(&url, "user-00009").is_some(),
        "user-00009 was deleted"
    );
}

#[test]
fn ids_that_would_leave_their_segment_are_refused_before_sending() {
    let server = server(25);
    let url = server.url();
    let grant = json!({
        "account_integration_specific_id": "user-00007", "resource_type": "project",
        "resource_integration_specific_id": "project-1", "entitlement_type": "project_role",
        "entitlement_integration_specific_id": "project-1-admin",
    });
    call("assign_entitlement", &request(&url, grant)).response();
    assert!(holds(&url, "user-00007", "project-1-admin", "project-1"));
    let before = stats(&server)["total"].clone();

    let escapes = [
        ("delete_account", "../resources"),
        (
            "delete_account",
            "user-00007/entitlements/project-1-admin?resource_id=project-1",
        ),
        ("delete_account", ".."),
        ("deactivate_account", "."),
        ("activate_account", ""),
    ];
    for (capability, id) in escapes {
        let run = call(capability, &request(&url, json!({"account_id": id})));
        let error = error_of(&run, "invalid_value");
        assert_eq!(error["error_metadata"]["retryable"], false, "{error}");
        assert_eq!(error["error_metadata"]["fault"], "caller", "{error}");
        assert!(
            !error["message"].as_str().unwrap().contains("resource"),
            "the id is not echoed: {error}"
        );
    }
    let after = stats(&server);
    assert_eq!(after["total"], before, "nothing was sent: {after}");

    let resources = call("list_resources", &request(&url, json!({}))).response();
    assert_eq!(resources.as_array().unwrap().len(), 9, "resources remain");
    assert!(holds(&url, "user-00007", "project-1-admin", "project-1"));
    assert!(account_status(&url, "user-00007").is_some());
}

#[test]
fn the_token_as_an_id_or_in_the_api_url_never_prints() {
    let server = server(25);
    let url = server.url();
    let run = call(
        "delete_account",
        &request(&url, json!({"account_id": TOKEN})),
    );
    let error = error_of(&run, "not_found");
    assert_eq!(
        error["message"],
        format!(r#"[404][{url}/api/users/[REDACTED]] {{"detail":"User [REDACTED] not found"}}"#)
    );
    assert!(
        run.stderr
            .contains(&format!("url={url}/api/users/[REDACTED] ")),
        "{}",
        run.stderr
    );

    let api_url = format!("{url}/{TOKEN}?k={TOKEN}&{TOKEN}=1");
    let run = call("list_accounts", &request(&api_url, json!({})));
    let error = error_of(&run, "not_found");
    assert_eq!(
        error["message"],
        format!(r#"[404][{url}/[REDACTED]/api/users] {{"detail":"Not Found"}}"#)
    );
    assert!(
        run.stderr.contains(&format!(
            "url={url}/[REDACTED]/api/users?k=[REDACTED]&[REDACTED]=[REDACTED]&limit=100 "
        )),
        "{}",
        run.stderr
    );
    let seen = stats(&server);
    assert_eq!(seen["routes"]["DELETE /api/users/{user_id}"], 1, "{seen}");
    assert_eq!(seen["routes"]["GET (no route)"], 1, "{seen}");
}

/// A mock server accepting `token`, and a request envelope for it.
fn server_with_token(token: &str) -> (BackgroundServer, impl Fn(Value) -> Value) {
    let config = Config {
        users: 5,
        token: token.to_owned(),
        ..Config::default()
    };
    let server = BackgroundServer::start(config).expect("the mock server starts");
    let (url, token) = (server.url(), token.to_owned());
    let envelope = move |payload| json!({"auth": {"token": {"token": token}}, "request": payload, "settings": {"api_url": url}});
    (server, envelope)
}

#[test]
fn a_token_with_reserved_characters_is_redacted_in_its_encoded_forms() {
    let token = "tok+e2e=7f3a?9c41 x&y";
    let (server, envelope) = server_with_token(token);
    let run = call("delete_account", &envelope(json!({"account_id": token})));
    let error = error_of(&run, "not_found");
    assert_eq!(
        error["message"],
        format!(
            r#"[404][{}/api/users/[REDACTED]] {{"detail":"User [REDACTED] not found"}}"#,
            server.url()
        )
    );
    for form in [
        token,
        "tok%2Be2e%3D7f3a%3F9c41%20x%26y",
        "tok%2be2e%3d7f3a%3f9c41%20x%26y",
        "tok%2Be2e%3D7f3a%3F9c41+x%26y",
        "7f3a",
    ] {
        assert!(
            !run.stdout.contains(form),
            "{form} on stdout: {}",
            run.stdout
        );
        assert!(
            !run.stderr.contains(form),
            "{form} on stderr: {}",
            run.stderr
        );
    }
    assert_eq!(stats(&server)["routes"]["DELETE /api/users/{user_id}"], 1);
}

#[test]
fn a_one_character_token_withholds_text_rather_than_marking_it() {
    let (server, envelope) = server_with_token("s");
    let run = call(
        "delete_account",
        &envelope(json!({"account_id": "user-00099"})),
    );
    let error = error_of(&run, "not_found");
    assert_eq!(error["message"], "[404][[REDACTED]] [REDACTED]");
    assert!(run.stderr.contains("url=[REDACTED] "), "{}", run.stderr);
    assert!(!run.stdout.contains("D]s") && !run.stdout.contains("s[R"));
    assert!(!run.stderr.contains("D]s") && !run.stderr.contains("s[R"));
    assert_eq!(stats(&server)["routes"]["DELETE /api/users/{user_id}"], 1);
}

#[test]
fn an_absurd_retry_after_is_capped_to_fit_the_wire() {
    let upstream = Upstream::start();
    for wait in ["99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"] {
        upstream.expect(
            Exchange::get("/api/users")
                .query("limit", "100")
                .respond(429)
                .with_header("retry-after", wait),
        );
    }
    for _ in 0..2 {
        let run = call("list_accounts", &request(&upstream.url(), json!({})));
        let error = error_of(&run, "rate_limit");
        assert_eq!(error["status_code"], 429);
        assert_eq!(
            error["error_metadata"]["retry_after_seconds"], 86_400,
            "{error}"
        );
        assert_eq!(error["error_metadata"]["throttled"], true);
    }
    // One attempt each, the wait being too long to be waited out: a third request would match
    // no expectation.
    upstream.verify().unwrap();
}

#[test]
fn an_unusable_api_url_is_a_caller_error_naming_the_setting() {
    let server = server(5);
    let huge = format!("{}/{TOKEN}/{}", server.url(), "a".repeat(100 * 1024));
    for api_url in [
        huge.as_str(),
        "http://[::1",
        "http://127.0.0.1:99999",
        "not a url",
        "ftp://127.0.0.1/x",
        "http://",
        "",
    ] {
        let run = call("list_accounts", &request(api_url, json!({})));
        let error = error_of(&run, "invalid_value");
        let message = error["message"].as_str().unwrap();
        assert!(
            message.starts_with("Invalid base URL in setting 'api_url': "),
            "{message}"
        );
        assert!(message.len() < 200, "{message}");
        assert_eq!(error["error_metadata"]["retryable"], false);
        assert_eq!(error["error_metadata"]["fault"], "caller");
    }
    assert_eq!(stats(&server)["total"], 0, "nothing was sent");
}

#[test]
fn an_id_too_long_for_a_request_line_is_a_caller_error() {
    let server = server(5);
    let id = "x".repeat(70_000);
    let run = call(
        "delete_account",
        &request(&server.url(), json!({"account_id": id})),
    );
    let error = error_of(&run, "bad_request");
    assert_eq!(error["error_metadata"]["retryable"], false);
    assert!(
        !error["message"].as_str().unwrap().contains("xxx"),
        "{error}"
    );
    assert_eq!(stats(&server)["total"], 0, "nothing was sent");
}
