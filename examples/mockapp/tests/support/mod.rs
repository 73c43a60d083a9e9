//! What the end-to-end tests share: a mock server per test, the real `mockapp` binary, and
//! the reference's recorded runs.

#![allow(dead_code)]

pub mod lambda_api;
pub mod serving;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mockapp_server::{BackgroundServer, Config};
use serde_json::{Value, json};

/// The token the mock server accepts in these tests: distinctive, so a leak is easy to find.
pub const TOKEN: &str = "tok-e2e-7f3a9c41-distinctive";

/// A fresh mock server with `users` users and [`TOKEN`].
pub fn server(users: i64) -> BackgroundServer {
    let config = Config {
        users,
        token: TOKEN.to_owned(),
        ..Config::default()
    };
    BackgroundServer::start(config).expect("the mock server starts")
}

/// The request envelope the tutorial uses, against `api_url`.
pub fn request(api_url: &str, payload: Value) -> Value {
    json!({"auth": {"token": {"token": TOKEN}}, "request": payload, "settings": {"api_url": api_url}})
}

/// One run of the real binary.
#[derive(Debug)]
pub struct Run {
    /// Exit status.
    pub status: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    /// stdout as the one JSON document it must be.
    pub fn json(&self) -> Value {
        assert!(
            self.stdout.ends_with('\n') && self.stdout.matches('\n').count() == 1,
            "{self:?}"
        );
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {self:?}"))
    }

    /// The `response` of a success envelope.
    pub fn response(&self) -> Value {
        let json = self.json();
        assert!(json.get("is_error").is_none(), "expected success: {json}");
        json["response"].clone()
    }

    /// The `error` of an error envelope.
    pub fn error(&self) -> Value {
        let json = self.json();
        assert_eq!(json["is_error"], true, "expected an error: {json}");
        json["error"].clone()
    }
}

/// Runs `mockapp <args>` with debug logs on and checks that no secret leaked.
pub fn mockapp(args: &[&str]) -> Run {
    mockapp_with(args, &[])
}

/// Runs `mockapp <args>` with extra environment variables.
pub fn mockapp_with(args: &[&str], env: &[(&str, &str)]) -> Run {
    let dir = scratch_dir();
    let output: Output = Command::new(env!("CARGO_BIN_EXE_mockapp"))
        .args(args)
        .current_dir(&dir)
        .env("LUMOS_LOG_LEVEL", "DEBUG")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("mockapp runs");
    let run = Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_no_secret(&run, &dir);
    run
}

/// `mockapp <capability> --json <request>`.
pub fn call(capability: &str, request: &Value) -> Run {
    mockapp(&[capability, "--json", &request.to_string()])
}

/// `mockapp <capability> --json <request>` with extra environment variables.
pub fn call_with_env(capability: &str, request: &Value, env: &[(&str, &str)]) -> Run {
    mockapp_with(&[capability, "--json", &request.to_string()], env)
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "mockapp-e2e-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The token appears nowhere: not on stdout, not on stderr, not in any file the run wrote.
fn assert_no_secret(run: &Run, dir: &Path) {
    assert!(
        !run.stdout.contains(TOKEN),
        "token on stdout: {}",
        run.stdout
    );
    assert!(
        !run.stderr.contains(TOKEN),
        "token on stderr: {}",
        run.stderr
    );
    for entry in walk(dir) {
        let text = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&text).contains(TOKEN),
            "token in {}",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path))
        } else {
            files.push(path)
        }
    }
    files
}

/// The `user_status` of `id` as `list_accounts` shows it, or `None` when it is not listed.
pub fn account_status(url: &str, id: &str) -> Option<Value> {
    let accounts = call("list_accounts", &request(url, json!({}))).response();
    accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["integration_specific_id"] == id)
        .map(|a| a["user_status"].clone())
}

/// Whether `account` holds `entitlement` on `resource`, as `find_entitlement_associations`
/// shows it.
pub fn holds(url: &str, account: &str, entitlement: &str, resource: &str) -> bool {
    let associations = call("find_entitlement_associations", &request(url, json!({}))).response();
    associations.as_array().unwrap().iter().any(|a| {
        a["account_id"] == account
            && a["integration_specific_entitlement_id"] == entitlement
            && a["integration_specific_resource_id"] == resource
    })
}

/// `GET /_stats` of the mock server: how many requests each route and fault prefix got.
pub fn stats(server: &BackgroundServer) -> Value {
    let addr = server.addr();
    let mut stream = std::net::TcpStream::connect(addr).expect("stats connection");
    write!(
        stream,
        "GET /_stats HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b)
        .unwrap_or_default();
    serde_json::from_str(body).unwrap_or_else(|e| panic!("stats body ({e}): {text}"))
}

/// A recorded run of the Python reference, or `None` when `../shared` is absent (a failure
/// under CI; see `reference_files::skip`).
pub fn golden(name: &str) -> Option<Value> {
    let text = reference_files::read(&format!("reference-python/golden/{name}.json"))?;
    Some(serde_json::from_str(&text).expect("golden file is JSON"))
}

/// The golden run's argv with the reference's URLs and token pointed at `server`.
pub fn golden_args(golden: &Value, server: &BackgroundServer) -> Vec<String> {
    golden["argv"].as_array().unwrap()[1..]
        .iter()
        .map(|a| {
            a.as_str()
                .unwrap()
                .replace("http://localhost:8000", &server.url())
                .replace("http://localhost:8001", "http://127.0.0.1:1")
                .replace("\"valid-token\"", &format!("\"{TOKEN}\""))
        })
        .collect()
}

/// The token connector-py writes for the cursor `{endpoint: "/api/users", offset}`, for an
/// offset above `u32::MAX` (msgpack's 8-byte unsigned form, `0xcf`).
pub fn users_token_u64(offset: u64) -> String {
    assert!(
        offset > u64::from(u32::MAX),
        "{offset} has a shorter encoding"
    );
    format!("9182a8656e64706f696e74aa2f6170692f7573657273a66f6666736574cf{offset:016x}")
}

/// `envelope` with each rate-limit window's `"reset"` (a wall-clock second) written as `0`, so
/// two runs a moment apart still compare byte for byte.
pub fn reset_masked(envelope: &str) -> String {
    let mut out = String::with_capacity(envelope.len());
    let mut rest = envelope;
    while let Some(at) = rest.find("\"reset\":") {
        let (before, after) = rest.split_at(at + "\"reset\":".len());
        out.push_str(before);
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(if digits > 0 { "0" } else { "" });
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}
