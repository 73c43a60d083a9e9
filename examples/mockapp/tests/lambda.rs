//! `mockapp lambda`, end to end: the real binary, built with the `lambda` feature, against a
//! loopback stand-in for the Lambda Runtime API. Each invocation's response is the envelope
//! the command line prints for the same request; a malformed event is a `bad_request`
//! envelope, not a Lambda error; the invocation's deadline bounds the call.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use support::lambda_api::{Invocation, RuntimeApi};
use support::{TOKEN, call, request, reset_masked, server};

/// `mockapp lambda` pointed at `api`.
fn function(api: &RuntimeApi) -> Child {
    function_with(api, &["lambda"])
}

/// `mockapp ARGS` pointed at `api`, with the variables Lambda sets.
fn function_with(api: &RuntimeApi, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_mockapp"))
        .args(args)
        .env("AWS_LAMBDA_RUNTIME_API", api.address())
        .env("AWS_LAMBDA_FUNCTION_NAME", "mockapp")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("LUMOS_LOG_LEVEL", "DEBUG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mockapp lambda starts")
}

/// Kills the function and returns what it printed on stdout and stderr.
fn stop(mut child: Child) -> String {
    let _ = child.kill();
    let output = child
        .wait_with_output()
        .expect("the function can be waited for");
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn invocation(id: &str, event: Value) -> Invocation {
    Invocation {
        id: id.into(),
        event: event.to_string(),
        budget: Duration::from_secs(60),
    }
}

#[test]
fn each_invocation_answers_what_the_command_line_prints() {
    let mock = server(7);
    let url = mock.url();
    let api = RuntimeApi::start();
    let calls = [
        ("validate_credentials", request(&url, json!({}))),
        (
            "list_accounts",
            json!({"auth": {"token": {"token": TOKEN}}, "request": {}, "settings": {"api_url": url}, "page": {"size": 3}}),
        ),
        (
            "delete_account",
            request(&url, json!({"account_id": "nobody"})),
        ),
    ];
    for (i, (capability, body)) in calls.iter().enumerate() {
        api.queue(invocation(
            &format!("req-{i}"),
            json!({"capability": capability, "request": body}),
        ));
    }
    api.queue(invocation("req-bad", json!({"request": {}})));
    api.queue(invocation(
        "req-unknown",
        json!({"capability": "list_widgets", "request": request(&url, json!({}))}),
    ));
    let child = function(&api);
    let outcomes = api.outcomes(calls.len() + 2, Duration::from_secs(30));
    let printed = stop(child);
    assert_eq!(outcomes.len(), calls.len() + 2, "{outcomes:?}\n{printed}");
    for (i, (capability, body)) in calls.iter().enumerate() {
        let outcome = &outcomes[i];
        assert_eq!(
            (outcome.id.as_str(), outcome.kind.as_str()),
            (format!("req-{i}").as_str(), "response")
        );
        let run = call(capability, body);
        assert_eq!(
            reset_masked(&outcome.body),
            reset_masked(run.stdout.trim_end()),
            "{capability}"
        );
    }
    let refused = &outcomes[calls.len()];
    assert_eq!(
        refused.kind, "response",
        "a malformed event is answered, not failed"
    );
    let error: Value = serde_json::from_str(&refused.body).unwrap();
    assert_eq!(error["error"]["error_code"], "bad_request", "{error}");
    // The command line refuses an unknown name as a usage error; an event gets the envelope.
    let unknown: Value = serde_json::from_str(&outcomes[calls.len() + 1].body).unwrap();
    assert_eq!(
        unknown["error"]["error_code"], "unsupported_operation",
        "{unknown}"
    );
    assert!(
        !printed.contains(TOKEN),
        "the token was printed:\n{printed}"
    );
}

#[test]
fn the_invocations_deadline_bounds_the_call() {
    let mock = server(3);
    let api = RuntimeApi::start();
    let slow = request(&format!("{}/_fault/delay10", mock.url()), json!({}));
    api.queue(Invocation {
        id: "slow".into(),
        event: json!({"capability": "validate_credentials", "request": slow}).to_string(),
        budget: Duration::from_secs(3),
    });
    let child = function(&api);
    let outcomes = api.outcomes(1, Duration::from_secs(20));
    let printed = stop(child);
    assert_eq!(outcomes.len(), 1, "{printed}");
    let outcome = &outcomes[0];
    assert_eq!(outcome.kind, "response");
    let envelope: Value = serde_json::from_str(&outcome.body).unwrap();
    assert_eq!(
        envelope["error"]["error_code"], "budget_exhausted",
        "{envelope}"
    );
    assert!(
        outcome.after < Duration::from_secs(3),
        "answered after {:?}, past the invocation's deadline",
        outcome.after
    );
}

#[test]
fn started_with_no_arguments_inside_lambda_it_is_the_bootstrap() {
    let api = RuntimeApi::start();
    api.queue(invocation(
        "boot",
        json!({"capability": "app_info", "request": {"request": {}}}),
    ));
    let child = function_with(&api, &[]);
    let outcomes = api.outcomes(1, Duration::from_secs(20));
    let printed = stop(child);
    assert_eq!(outcomes.len(), 1, "{printed}");
    let run = call("app_info", &json!({"request": {}}));
    assert_eq!(outcomes[0].body, run.stdout.trim_end());
}

#[test]
fn outside_lambda_it_says_what_is_missing() {
    let run = support::mockapp(&["lambda"]);
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr.contains("AWS_LAMBDA_RUNTIME_API"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout, "");
    let run = support::mockapp_with(
        &["lambda"],
        &[
            ("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9"),
            ("AWS_LAMBDA_FUNCTION_NAME", "mockapp"),
            ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots"),
            ("AWS_LAMBDA_FUNCTION_VERSION", "1"),
        ],
    );
    assert_eq!(run.status, 1, "{run:?}");
    assert!(
        run.stderr
            .contains(r#"AWS_LAMBDA_FUNCTION_MEMORY_SIZE is "lots", not a number"#),
        "{}",
        run.stderr
    );
}
