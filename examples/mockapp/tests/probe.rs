//! `mockapp probe_integration`, the built-in probe, through the real binary: the same report as
//! the reference's recorded run against a healthy server, and statuses that say what is wrong
//! when the token is rejected or the upstream fails.

mod support;

use serde_json::{Value, json};
use support::{TOKEN, call, golden, golden_args, mockapp, request, server};

/// The envelope with every `duration_ms` set to 0 (timings differ from run to run).
fn without_durations(mut envelope: Value) -> Value {
    let response = &mut envelope["response"];
    if response.get("duration_ms").is_some() {
        response["duration_ms"] = json!(0);
    }
    if let Some(checks) = response["checks"].as_array_mut() {
        for check in checks {
            check["duration_ms"] = json!(0);
        }
    }
    envelope
}

/// Each check's name, status and error code.
fn outcomes(response: &Value) -> Vec<(String, String, Value)> {
    response["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["check"].as_str().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
                c["error"]["error_code"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_healthy_app_passes_as_the_reference_recorded() {
    let Some(golden) = golden("probe_integration") else {
        return;
    };
    let server = server(25);
    let args = golden_args(&golden, &server);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = mockapp(&args);
    assert_eq!(run.status, 0, "{run:?}");
    let ours = run.json();
    assert!(ours["response"]["duration_ms"].is_i64(), "{ours}");
    assert_eq!(
        without_durations(ours),
        without_durations(golden["stdout_parsed_or_raw"].clone())
    );
}

#[test]
fn a_rejected_token_fails_every_check_as_unauthorized() {
    let server = server(25);
    let mut envelope = request(&server.url(), json!({}));
    envelope["auth"]["token"]["token"] = json!("not-the-token");
    let run = call("probe_integration", &envelope);
    let response = run.response();
    assert_eq!(response["status"], "failed");
    let unauthorized = json!("unauthorized");
    assert_eq!(
        outcomes(&response),
        [
            ("accounts".into(), "failed".into(), unauthorized.clone()),
            ("entitlements".into(), "failed".into(), unauthorized.clone()),
            (
                "entitlement_associations".into(),
                "failed".into(),
                unauthorized
            ),
        ]
    );
    assert!(!run.stdout.contains("not-the-token"), "{}", run.stdout);
}

#[test]
fn a_failing_upstream_fails_the_checks_with_its_code() {
    let server = server(25);
    let url = format!("{}/_fault/500", server.url());
    let run = call("probe_integration", &request(&url, json!({})));
    let response = run.response();
    assert_eq!(response["status"], "failed");
    for (check, status, code) in outcomes(&response) {
        assert_eq!(
            (status.as_str(), &code),
            ("failed", &json!("bad_gateway")),
            "{check}"
        );
    }
    assert!(!run.stdout.contains(TOKEN));
}

#[test]
fn checks_left_out_of_the_request_are_skipped() {
    let server = server(25);
    let payload = json!({"checks": ["entitlements"]});
    let response = call("probe_integration", &request(&server.url(), payload)).response();
    assert_eq!(response["status"], "passed");
    let statuses: Vec<(String, String)> = outcomes(&response)
        .into_iter()
        .map(|(check, status, _)| (check, status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("accounts".into(), "skipped".into()),
            ("entitlements".into(), "passed".into()),
            ("entitlement_associations".into(), "skipped".into()),
        ]
    );
}

#[test]
fn the_probe_checks_the_envelope_like_any_capability() {
    let server = server(25);
    let mut envelope = request(&server.url(), json!({}));
    envelope.as_object_mut().unwrap().remove("auth");
    let error = call("probe_integration", &envelope).error();
    assert_eq!(error["error_code"], "bad_request");
    let mut envelope = request(&server.url(), json!({"checks": ["everything"]}));
    envelope["settings"] = json!({"api_url": server.url()});
    let error = call("probe_integration", &envelope).error();
    assert_eq!(error["error_code"], "bad_request");
}
