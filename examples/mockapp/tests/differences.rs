//! One test per bullet of the README's "Differences from connector-py" that is not pinned
//! elsewhere, through the real binary. (Bad page tokens, mapped HTTP errors, stdin and the
//! panic hook are covered by e2e.rs, fault_matrix.rs and connector-tests' author_panics.rs.)

mod support;

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use support::{TOKEN, call, mockapp, mockapp_with, request, server, stats};

const BIN: &str = env!("CARGO_BIN_EXE_mockapp");

#[test]
fn validate_credentials_is_valid_false_on_401_and_403() {
    let server = server(3);
    for (api_url, status) in [
        (format!("{}/_fault/401", server.url()), 401),
        (format!("{}/_fault/403", server.url()), 403),
    ] {
        let run = call("validate_credentials", &request(&api_url, json!({})));
        assert_eq!(run.response()["valid"], false, "{status}: {}", run.stdout);
    }
    let run = call(
        "validate_credentials",
        &request(&format!("{}/_fault/404", server.url()), json!({})),
    );
    assert_eq!(
        run.error()["error_code"],
        "not_found",
        "other failures are errors"
    );
}

#[test]
fn flags_are_not_abbreviated() {
    let server = server(1);
    let req = request(&server.url(), json!({})).to_string();
    for flag in ["--js", "--json-f", "--result"] {
        let run = mockapp(&["list_accounts", flag, &req]);
        assert_eq!(run.status, 2, "{flag}");
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains("unrecognized arguments: "),
            "{}",
            run.stderr
        );
    }
    assert_eq!(stats(&server)["total"], 0);
}

#[test]
fn proxy_flags_are_accepted_with_a_warning() {
    let server = server(1);
    let req = request(&server.url(), json!({})).to_string();
    for flag in ["--use-proxy", "--sip"] {
        let run = mockapp_with(
            &["list_accounts", "--json", &req, flag],
            &[("LUMOS_LOG_LEVEL", "WARNING")],
        );
        assert_eq!(run.status, 0, "{flag}");
        assert_eq!(run.response().as_array().map(Vec::len), Some(1));
        assert!(
            run.stderr
                .contains(&format!("{flag} is accepted for compatibility and ignored")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn an_unknown_log_level_is_reported_and_error_is_used() {
    let server = server(1);
    let dir = std::env::temp_dir().join(format!("mockapp-loglevel-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new(BIN)
        .args([
            "list_accounts",
            "--json",
            &request(&server.url(), json!({})).to_string(),
        ])
        .current_dir(&dir)
        .env("LUMOS_LOG_LEVEL", "LOUD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0));
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "only the warning, no DEBUG or INFO lines: {stderr}"
    );
    assert!(
        lines[0].contains(r#"LUMOS_LOG_LEVEL="LOUD" is not a log level; using ERROR"#),
        "{stderr}"
    );
    let envelope: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(envelope["response"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "no ./logs/ directory"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_result_file_that_fails_at_the_rename_leaves_nothing_behind() {
    let server = server(3);
    let dir = std::env::temp_dir().join(format!("mockapp-rename-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let result = dir.join("out.gz");
    let slow = format!("{}/_fault/delay2", server.url());
    let child = Command::new(BIN)
        .args([
            "list_accounts",
            "--json",
            &request(&slow, json!({})).to_string(),
        ])
        .arg("--result-file-path")
        .arg(&result)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // While the capability waits for the app, the result path becomes a non-empty directory,
    // so the final rename fails.
    std::thread::sleep(Duration::from_millis(700));
    std::fs::create_dir(&result).unwrap();
    std::fs::write(result.join("keep"), "x").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{:?}", output);
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot write the result"));
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.gz"], "no temporary file is left");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_request_file_over_32_mib_is_a_bad_request() {
    let server = server(1);
    let path = std::env::temp_dir().join(format!("mockapp-huge-{}.json", std::process::id()));
    let mut body = request(&server.url(), json!({})).to_string();
    body.pop();
    body.push_str(",\"zz\":\"");
    body.push_str(&"x".repeat(32 * 1024 * 1024));
    body.push_str("\"}");
    std::fs::write(&path, body).unwrap();
    let run = mockapp(&["list_accounts", "--json-file", path.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    assert_eq!(run.status, 0);
    let error = run.error();
    assert_eq!(error["error_code"], "bad_request");
    assert_eq!(
        error["message"],
        "Invalid request - the request is larger than 32 MiB"
    );
    assert_eq!(stats(&server)["total"], 0);
}

#[test]
fn unknown_variants_are_refused_without_echoing_them() {
    let server = server(1);
    let mut req = request(&server.url(), json!({}));
    req["rate_limit"] = json!({"caller_override_mode": "hunter2-not-a-mode"});
    let run = call("list_accounts", &req);
    let error = run.error();
    assert_eq!(error["error_code"], "bad_request");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("Invalid request - unknown variant, expected one of"),
        "{message}"
    );
    assert!(
        !run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"),
        "{}",
        run.stdout
    );
}

#[test]
fn info_carries_no_prose_from_the_spec() {
    let Some(golden) = support::golden("info") else {
        return;
    };
    let ours = mockapp(&["info"]).stdout;
    let mut descriptions = Vec::new();
    collect_descriptions(&golden["stdout_parsed_or_raw"], &mut descriptions);
    assert!(
        descriptions.len() > 20,
        "the reference has prose: {}",
        descriptions.len()
    );
    for text in descriptions {
        let quoted = serde_json::to_string(&text).unwrap();
        assert!(!ours.contains(&quoted), "spec prose in our info: {text}");
    }
    assert!(!ours.contains(TOKEN));
}

fn collect_descriptions(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("description", Value::String(text)) if text.len() > 30 => {
                        out.push(text.clone())
                    }
                    _ => collect_descriptions(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_descriptions(v, out)),
        _ => {}
    }
}
