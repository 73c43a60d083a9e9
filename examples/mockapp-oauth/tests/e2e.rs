//! The OAuth code flow with PKCE end to end: the real `mockapp-oauth` binary against the mock
//! API's authorization server on loopback. The consent page is followed by one HTTP GET that
//! does not follow the redirect; the code comes from its `Location`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed unwrap is a failed assertion"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

use mockapp_server::{BackgroundServer, Config};
use serde_json::{Value, json};

const CLIENT_ID: &str = "mockapp-oauth-e2e";
const CLIENT_SECRET: &str = "cs-e2e-5b1d7e0c-distinctive";
const REDIRECT: &str = "http://127.0.0.1:9/callback";

fn server(config: Config) -> BackgroundServer {
    BackgroundServer::start(Config {
        oauth_client_id: CLIENT_ID.to_owned(),
        oauth_client_secret: CLIENT_SECRET.to_owned(),
        ..config
    })
    .expect("the mock server starts")
}

/// One run of the binary: its exit status, stdout as JSON, stderr.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    fn response(&self) -> Value {
        let json = self.json();
        assert!(json.get("is_error").is_none(), "expected success: {json}");
        json["response"].clone()
    }

    fn error(&self) -> Value {
        let json = self.json();
        assert_eq!(json["is_error"], true, "expected an error: {json}");
        json["error"].clone()
    }
}

/// `mockapp-oauth <capability> --json <request>` with debug logs; asserts that none of
/// `secrets` reaches stderr.
fn call(capability: &str, request: &Value, secrets: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_mockapp-oauth"))
        .args([capability, "--json", &request.to_string()])
        .env("LUMOS_LOG_LEVEL", "DEBUG")
        .stdin(Stdio::null())
        .output()
        .expect("mockapp-oauth runs");
    let run = Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert_eq!(run.status, 0, "{}", run.stderr);
    for secret in secrets.iter().chain(&[CLIENT_SECRET]) {
        assert!(
            !run.stderr.contains(secret),
            "{secret} on stderr: {}",
            run.stderr
        );
    }
    run
}

fn settings(api: &str) -> Value {
    json!({"api_url": api})
}

/// The consent step: GET the authorization URL, return the redirect's `Location`.
fn approve(authorization_url: &str) -> String {
    let rest = authorization_url.strip_prefix("http://").unwrap();
    let (host, target) = rest.split_at(rest.find('/').unwrap());
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 302"), "{answer}");
    answer
        .lines()
        .find_map(|line| {
            line.strip_prefix("location: ")
                .or_else(|| line.strip_prefix("Location: "))
        })
        .expect("a Location header")
        .trim()
        .to_owned()
}

/// The steps up to the code: the authorization URL, its verifier, and the redirect.
fn authorize(api: &str, state: &str) -> (String, String) {
    let run = call(
        "get_authorization_url",
        &json!({"request": {"client_id": CLIENT_ID, "scopes": [], "redirect_uri": REDIRECT, "state": state},
                "settings": settings(api)}),
        &[],
    );
    let response = run.response();
    let url = response["authorization_url"].as_str().unwrap().to_owned();
    assert!(url.starts_with(&format!("{api}/oauth/authorize?client_id={CLIENT_ID}&response_type=code&scope=users%3Aread+users%3Awrite&redirect_uri=")), "{url}");
    assert!(url.contains("&code_challenge_method=S256"), "{url}");
    let verifier = response["code_verifier"].as_str().unwrap().to_owned();
    (approve(&url), verifier)
}

fn callback(api: &str, location: &str, state: &str, verifier: &str, secret: &str) -> Run {
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();
    call(
        "handle_authorization_callback",
        &json!({"request": {"client_id": CLIENT_ID, "client_secret": secret,
                            "redirect_uri_with_code": location, "state": state, "code_verifier": verifier},
                "settings": settings(api)}),
        &[&code, verifier],
    )
}

fn list_accounts(api: &str, access_token: &str) -> Run {
    call(
        "list_accounts",
        &json!({"auth": {"oauth": {"access_token": access_token}}, "request": {},
                "settings": settings(api), "page": {"size": 5}}),
        &[access_token],
    )
}

fn refresh(api: &str, refresh_token: &str) -> Run {
    call(
        "refresh_access_token",
        &json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "refresh_token": refresh_token},
                "settings": settings(api)}),
        &[refresh_token],
    )
}

/// The error of a refused token request, as connector-py words it (the provider's `error`
/// quoted from its answer).
fn assert_refused(
    error: &Value,
    api: &str,
    status: u16,
    oauth_error: &str,
    code: &str,
    raised_by: &str,
    capability: &str,
) {
    let message = error["message"].as_str().unwrap();
    let prefix =
        format!("[{status}][{api}/oauth/token] OAuth request failed: {{'error': '{oauth_error}'");
    assert!(message.starts_with(&prefix), "{message}");
    assert_eq!(error["error_code"], code, "{error}");
    assert_eq!(error["raised_by"], raised_by, "{error}");
    assert_eq!(
        error["raised_in"],
        format!("connector_runtime::oauth:{capability}")
    );
    assert_eq!(error["status_code"], Value::Null);
    assert_eq!(error["error_metadata"]["retryable"], false);
    assert_eq!(error["error_metadata"]["refreshable"], false);
}

#[test]
fn code_flow_with_pkce_then_refresh() {
    let mock = server(Config::default());
    let api = mock.url();
    let (location, verifier) = authorize(&api, "st-1");
    assert!(
        location.starts_with(&format!("{REDIRECT}?code=")) && location.ends_with("&state=st-1"),
        "{location}"
    );

    let tokens = callback(&api, &location, "st-1", &verifier, CLIENT_SECRET).response();
    assert_eq!(tokens["token_type"], "bearer");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh_token = tokens["refresh_token"].as_str().unwrap().to_owned();
    let accounts = list_accounts(&api, &access).response();
    assert_eq!(accounts.as_array().unwrap().len(), 5);

    let renewed = refresh(&api, &refresh_token).response();
    let new_access = renewed["access_token"].as_str().unwrap();
    assert_ne!(new_access, access);
    assert_ne!(
        renewed["refresh_token"], tokens["refresh_token"],
        "the refresh token rotates"
    );
    assert_eq!(
        list_accounts(&api, new_access)
            .response()
            .as_array()
            .unwrap()
            .len(),
        5
    );

    // The old refresh token was spent by the rotation.
    let spent = refresh(&api, &refresh_token).error();
    assert_refused(
        &spent,
        &api,
        400,
        "invalid_grant",
        "authentication_expired",
        "AuthenticationExpiredError",
        "refresh_access_token",
    );
}

#[test]
fn a_wrong_verifier_and_a_reused_code_are_invalid_grants() {
    let mock = server(Config::default());
    let api = mock.url();
    let (location, verifier) = authorize(&api, "st-2");
    let wrong = callback(
        &api,
        &location,
        "st-2",
        "wrong-verifier-0000000000000000000000000000",
        CLIENT_SECRET,
    )
    .error();
    assert_refused(
        &wrong,
        &api,
        400,
        "invalid_grant",
        "authentication_expired",
        "AuthenticationExpiredError",
        "handle_authorization_callback",
    );
    // A failed exchange leaves the code usable once; a second use is refused.
    callback(&api, &location, "st-2", &verifier, CLIENT_SECRET).response();
    let reused = callback(&api, &location, "st-2", &verifier, CLIENT_SECRET).error();
    assert_refused(
        &reused,
        &api,
        400,
        "invalid_grant",
        "authentication_expired",
        "AuthenticationExpiredError",
        "handle_authorization_callback",
    );
}

#[test]
fn a_wrong_client_secret_is_invalid_client() {
    let mock = server(Config::default());
    let api = mock.url();
    let (location, verifier) = authorize(&api, "st-3");
    let wrong_secret = "not-the-secret-9c2e";
    let error = callback(&api, &location, "st-3", &verifier, wrong_secret).error();
    assert_refused(
        &error,
        &api,
        401,
        "invalid_client",
        "unauthorized",
        "AuthenticationError",
        "handle_authorization_callback",
    );
    assert!(!error.to_string().contains(wrong_secret));
}

#[test]
fn a_state_mismatch_is_refused_before_any_token_request() {
    let mock = server(Config::default());
    let api = mock.url();
    let (location, verifier) = authorize(&api, "st-4");
    let error = callback(&api, &location, "another-state", &verifier, CLIENT_SECRET).error();
    assert_eq!(error["error_code"], "bad_request", "{error}");
    assert_eq!(
        error["message"],
        "OAuth state mismatch: the callback's `state` is not the one the authorization URL was made with."
    );
    // The code was not spent: the right state still exchanges it.
    callback(&api, &location, "st-4", &verifier, CLIENT_SECRET).response();
}

#[test]
fn an_expired_refresh_token_is_invalid_grant() {
    let mock = server(Config {
        oauth_refresh_token_ttl: Duration::ZERO,
        ..Config::default()
    });
    let api = mock.url();
    let (location, verifier) = authorize(&api, "st-5");
    let tokens = callback(&api, &location, "st-5", &verifier, CLIENT_SECRET).response();
    let error = refresh(&api, tokens["refresh_token"].as_str().unwrap()).error();
    assert_refused(
        &error,
        &api,
        400,
        "invalid_grant",
        "authentication_expired",
        "AuthenticationExpiredError",
        "refresh_access_token",
    );
}

#[test]
fn an_issued_token_is_required_by_the_api() {
    let mock = server(Config::default());
    let error = list_accounts(&mock.url(), "never-issued-token-1234").error();
    assert_eq!(error["error_code"], "unauthorized", "{error}");
}
