//! The real `mockapp` binary started the ways a clumsy or hostile caller starts it: standard
//! streams full or closed, arrays where objects belong, result files that cannot be written.
//! Each test checks the exit status, the envelope and what the mock server received.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};
use support::{TOKEN, request, server, stats};

const BIN: &str = env!("CARGO_BIN_EXE_mockapp");

/// What one run printed.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn envelope(&self) -> Value {
        assert!(
            self.stdout.ends_with('\n') && self.stdout.matches('\n').count() == 1,
            "stdout: {:?} stderr: {:?}",
            self.stdout,
            self.stderr
        );
        serde_json::from_str(&self.stdout).expect("stdout is one JSON document")
    }
}

/// Runs `mockapp <args>` through `sh`, with `redirect` (such as `2>&-`) applied to it.
fn run_redirected(args: &[&str], redirect: &str, env: &[(&str, &str)]) -> Run {
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(r#"exec "$0" "$@" {redirect}"#))
        .arg(BIN)
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    let run = Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(!run.stdout.contains(TOKEN) && !run.stderr.contains(TOKEN));
    run
}

fn list_accounts_args(api_url: &str) -> Vec<String> {
    let mut req = request(api_url, json!({}));
    req["page"] = json!({"size": 2});
    vec!["list_accounts".into(), "--json".into(), req.to_string()]
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_full_or_closed_stderr_never_stops_the_envelope() {
    let server = server(5);
    let args = list_accounts_args(&server.url());
    for (redirect, level) in [
        ("2>/dev/full", "DEBUG"),
        ("2>&-", "DEBUG"),
        ("2>/dev/full", "LOUD"),
        ("2>&-", "LOUD"),
    ] {
        let run = run_redirected(&strs(&args), redirect, &[("LUMOS_LOG_LEVEL", level)]);
        assert_eq!(run.status, 0, "{redirect} {level}: {:?}", run.stderr);
        let envelope = run.envelope();
        assert_eq!(
            envelope["response"].as_array().map(Vec::len),
            Some(2),
            "{envelope}"
        );
    }
    // Four runs, one well-formed request each: no log line went into the connection.
    let stats = stats(&server);
    assert_eq!(stats["total"], 4, "{stats}");
    assert_eq!(stats["routes"]["GET /api/users"], 4, "{stats}");
}

#[test]
fn a_closed_stdout_is_a_failure_before_anything_runs() {
    let server = server(5);
    let req = request(
        &server.url(),
        json!({"email": "new@example.com", "username": "new"}),
    );
    let run = run_redirected(&["create_account", "--json", &req.to_string()], ">&-", &[]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.contains("standard output is closed"),
        "{}",
        run.stderr
    );
    assert_eq!(stats(&server)["total"], 0);
    // Discarding stdout on purpose is not closing it.
    let run = run_redirected(
        &["create_account", "--json", &req.to_string()],
        ">/dev/null",
        &[],
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(stats(&server)["total"], 1);
}

#[test]
fn arrays_in_place_of_objects_are_bad_requests() {
    let server = server(25);
    let url = server.url();
    let good = json!({"auth": {"token": {"token": TOKEN}}, "settings": {"api_url": url}, "request": {"account_id": "user-00020"}});
    let mut cases = Vec::new();
    for (key, array) in [
        ("auth", json!({"token": [TOKEN]})),
        ("settings", json!([url])),
        ("request", json!(["user-00020"])),
    ] {
        let mut req = good.clone();
        req[key] = array;
        cases.push(("activate_account", req));
    }
    cases.push((
        "activate_account",
        json!({"auth": {"token": [TOKEN]}, "settings": [url], "request": ["user-00020"]}),
    ));
    let mut paged = request(&url, json!({}));
    paged["page"] = json!([null, 2]);
    cases.push(("list_accounts", paged));
    for (capability, req) in cases {
        let run = support::call(capability, &req);
        assert_eq!(run.status, 0, "{req}");
        let error = run.error();
        assert_eq!(error["error_code"], "bad_request", "{req}: {error}");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains("invalid type: sequence"),
            "{error}"
        );
    }
    assert_eq!(stats(&server)["total"], 0, "no request reached the app");
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("mockapp-result-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn create_account_args(url: &str, result: &Path) -> Vec<String> {
    let req = request(url, json!({"email": "new@example.com", "username": "new"}));
    vec![
        "create_account".into(),
        "--json".into(),
        req.to_string(),
        "--result-file-path".into(),
        result.display().to_string(),
    ]
}

#[test]
fn an_unwritable_result_file_stops_the_run_before_the_app_is_changed() {
    let server = server(5);
    let dir = scratch("unwritable");
    let not_a_dir = dir.join("file");
    std::fs::write(&not_a_dir, "x").unwrap();
    let a_directory = dir.join("taken.gz");
    std::fs::create_dir(&a_directory).unwrap();
    for result in [
        dir.join("missing/out.gz"),
        not_a_dir.join("out.gz"),
        a_directory,
    ] {
        let run = support::mockapp(&strs(&create_account_args(&server.url(), &result)));
        assert_eq!(run.status, 1, "{}: {run:?}", result.display());
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains("cannot write the result file"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(stats(&server)["total"], 0, "create_account never ran");
}

#[test]
fn the_result_file_replaces_a_planted_symlink_and_leaves_nothing_else() {
    let server = server(5);
    let dir = scratch("symlink");
    let victim = dir.join("victim");
    std::fs::write(&victim, "untouched").unwrap();
    let result = dir.join("out.gz");
    std::os::unix::fs::symlink(&victim, &result).unwrap();
    let run = support::mockapp(&strs(&create_account_args(&server.url(), &result)));
    assert_eq!(run.status, 0, "{run:?}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    let meta = std::fs::symlink_metadata(&result).unwrap();
    assert!(meta.file_type().is_file(), "the symlink was replaced");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["out.gz", "victim"]);
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&result).unwrap()),
        &mut text,
    )
    .unwrap();
    let envelope: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(envelope["response"]["created"], true, "{envelope}");
}

#[test]
fn a_run_killed_while_waiting_leaves_no_file() {
    let server = server(5);
    let dir = scratch("killed");
    let slow = format!("{}/_fault/delay5", server.url());
    let args = create_account_args(&slow, &dir.join("out.gz"));
    let mut child = Command::new(BIN)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(700));
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn a_request_with_more_than_64_credentials_is_refused_before_anything_runs() {
    let server = server(3);
    let entry = json!({"id": "api", "token": {"token": TOKEN}});
    let req = json!({"credentials": vec![entry; 65], "settings": {"api_url": server.url()}, "request": {}});
    let run = support::call("list_accounts", &req);
    assert_eq!(run.status, 0);
    let error = run.error();
    assert_eq!(error["error_code"], "bad_request");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("expected a list of at most 64 credentials"),
        "{error}"
    );
    assert_eq!(stats(&server)["total"], 0);
}
