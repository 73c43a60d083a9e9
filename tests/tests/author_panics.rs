//! A panic in the author's code, wherever the runtime calls it, becomes one error envelope
//! printed by the real binary: never an abort, never the panic's message.

use std::process::{Command, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_panicky");

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn error(&self) -> Value {
        assert!(self.stdout.ends_with('\n'), "{}", self.stdout);
        let envelope: Value = serde_json::from_str(&self.stdout).expect("one JSON document");
        assert_eq!(envelope["is_error"], true, "{envelope}");
        envelope["error"].clone()
    }
}

fn run(capability: &str, request: &Value, env: &[(&str, &str)], stderr: Stdio) -> Run {
    let output = Command::new(BIN)
        .args([capability, "--json", &request.to_string()])
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stderr(stderr)
        .output()
        .expect("panicky runs");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn request(mode: &str, payload: Value) -> Value {
    json!({"auth": {"token": {"token": "t"}}, "settings": {"mode": mode}, "request": payload})
}

fn assert_panic_envelope(run: &Run, raised_in: &str) {
    assert_eq!(run.status, 0, "stderr: {}", run.stderr);
    let error = run.error();
    assert_eq!(error["error_code"], "internal_error");
    assert_eq!(error["raised_by"], "panic");
    assert_eq!(error["raised_in"], raised_in);
    assert!(!run.stdout.contains("message-secret"), "{}", run.stdout);
}

#[test]
fn a_panicking_settings_deserialize_is_an_envelope() {
    let run = run(
        "validate_credentials",
        &request("panic", json!({})),
        &[],
        Stdio::piped(),
    );
    assert_panic_envelope(&run, "panicky:validate_credentials");
    assert!(
        run.stderr.starts_with("connector panicked at "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("panicky.rs"), "{}", run.stderr);
    assert!(!run.stderr.contains("message-secret"), "{}", run.stderr);
}

#[test]
fn a_panicking_serde_default_is_an_envelope() {
    let run = run(
        "search_accounts",
        &request("calm", json!({})),
        &[],
        Stdio::piped(),
    );
    assert_panic_envelope(&run, "panicky:search_accounts");
    assert!(!run.stderr.contains("message-secret"), "{}", run.stderr);
    // The same capability runs when the default is not needed.
    let calm = self::run(
        "search_accounts",
        &request("calm", json!({"filter": "abc"})),
        &[],
        Stdio::piped(),
    );
    let envelope: Value = serde_json::from_str(&calm.stdout).unwrap();
    assert_eq!(envelope["response"], 3, "{envelope}");
}

#[test]
fn a_panic_with_stderr_full_is_still_an_envelope() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let run = run(
        "validate_credentials",
        &request("panic", json!({})),
        &[("LUMOS_LOG_LEVEL", "DEBUG")],
        Stdio::from(full),
    );
    assert_panic_envelope(&run, "panicky:validate_credentials");
}

#[test]
fn an_embedding_host_keeps_its_panic_hook() {
    let run = run(
        "validate_credentials",
        &request("panic", json!({})),
        &[("PANICKY_HOST_HOOK", "1")],
        Stdio::piped(),
    );
    assert_panic_envelope(&run, "panicky:validate_credentials");
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("connector panicked at "),
        "{}",
        run.stderr
    );
    assert_eq!(lines[1], "the host's panic hook ran");
}
