//! The OAuth capabilities against connector-py's own OAuth module, run by run.
//!
//! `connector_py/cases.json` was recorded from connector-py with a variant of the reference
//! connector (`../shared/reference-python`) declaring `auth=OAuthCredential` (or
//! `OAuthClientCredential`) and legacy `oauth_settings` with URLs computed from `api_url`, the
//! scopes below, PKCE, and one client authentication and body format per variant, against a
//! capture server that answered each token request with the case's `answer`. Here each case
//! runs in process against an integration declaring the same, with a loopback stand-in that
//! answers the same, and must send the same token request (method, path, query, content
//! type, `Authorization`, body) and print the same envelope. What differs by design is
//! normalised or listed under `not_compared` with the reason (each has a test of its own in
//! `e2e.rs` or the runtime): `raised_in` names the runtime's module, and the PKCE verifier and
//! challenge are random in both.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed unwrap is a failed assertion"
)]

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use connector_runtime::cli::{Streams, run};
use connector_runtime::prelude::*;
use serde_json::Value;

/// The settings of the recorded connector (its name is in one of its messages).
#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    /// Where the API (and its OAuth endpoints) live.
    #[serde(default = "default_api_url")]
    pub api_url: String,
}

/// Where the stand-in of the current case listens: the recorded connector's default
/// `api_url` was the capture server's.
static STAND_IN: Mutex<String> = Mutex::new(String::new());

fn default_api_url() -> String {
    STAND_IN.lock().unwrap().clone()
}

/// `{api_url}/oauth/authorize`.
pub fn authorize(settings: &MockappSettings) -> String {
    format!("{}/oauth/authorize", settings.api_url)
}

/// `{api_url}/oauth/token`.
pub fn token(settings: &MockappSettings) -> String {
    format!("{}/oauth/token", settings.api_url)
}

/// One integration per recorded variant, each with the recorded scopes.
macro_rules! variants {
    ($($name:ident: $auth:ty, ($($oauth:tt)*);)*) => {
        $(
            #[integration(
                app_id = "mockapp",
                auth = $auth,
                settings = MockappSettings,
                oauth(
                    token_url = token,
                    scopes(
                        list_accounts = "users:read",
                        create_account = "users:write accounts:write",
                        validate_credentials = "users:read",
                    ),
                    $($oauth)*
                ),
                capabilities(),
            )]
            pub struct $name;
        )*
    };
}

variants! {
    Post: OAuthCredential, (authorization_url = authorize, pkce);
    PostNoPkce: OAuthCredential, (authorization_url = authorize);
    Basic: OAuthCredential, (authorization_url = authorize, pkce, client_auth = basic);
    Json: OAuthCredential, (authorization_url = authorize, pkce, request_type = json);
    BasicJson: OAuthCredential, (authorization_url = authorize, pkce, client_auth = basic, request_type = json);
    Query: OAuthCredential, (authorization_url = authorize, pkce, request_type = query);
    ClientCredentials: OAuthClientCredential, (flow = client_credentials);
    ClientCredentialsBasic: OAuthClientCredential, (flow = client_credentials, client_auth = basic);
}

fn app(variant: &str) -> App {
    match variant {
        "post" => <Post as Integration>::APP,
        "post_nopkce" => <PostNoPkce as Integration>::APP,
        "basic" => <Basic as Integration>::APP,
        "json" => <Json as Integration>::APP,
        "basic_json" => <BasicJson as Integration>::APP,
        "query" => <Query as Integration>::APP,
        "cc" => <ClientCredentials as Integration>::APP,
        "cc_basic" => <ClientCredentialsBasic as Integration>::APP,
        other => panic!("no integration for variant {other}"),
    }
}

/// A token request as the stand-in saw it, in the fixture's shape.
fn seen(method: &str, target: &str, headers: &[(String, String)], body: &str) -> Value {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| Value::String(v.clone()))
            .unwrap_or(Value::Null)
    };
    serde_json::json!({
        "method": method, "path": path, "query": query,
        "content_type": header("content-type"), "authorization": header("authorization"),
        "body": body,
    })
}

/// A loopback token endpoint that gives every request `answer` and records it.
fn stand_in(answer: &Value) -> (String, Arc<Mutex<Vec<Value>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen_requests = Arc::new(Mutex::new(Vec::new()));
    let recorded = Arc::clone(&seen_requests);
    let status = answer["status"].as_u64().unwrap_or(200);
    let content_type = answer["content_type"]
        .as_str()
        .unwrap_or("application/json")
        .to_owned();
    let body = answer["body"].as_str().unwrap_or(DEFAULT_ANSWER).to_owned();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let mut parts = line.split_whitespace();
            let (method, target) = (
                parts.next().unwrap().to_owned(),
                parts.next().unwrap().to_owned(),
            );
            let mut headers = Vec::new();
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap();
                headers.push((name.trim().to_owned(), value.trim().to_owned()));
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .map_or(0, |(_, v)| v.parse().unwrap());
            let mut request_body = vec![0; length];
            reader.read_exact(&mut request_body).unwrap();
            let request_body = String::from_utf8(request_body).unwrap();
            recorded
                .lock()
                .unwrap()
                .push(seen(&method, &target, &headers, &request_body));
            let content_type = if content_type.is_empty() {
                String::new()
            } else {
                format!("Content-Type: {content_type}\r\n")
            };
            write!(
                stream,
                "HTTP/1.1 {status} X\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
        }
    });
    (base, seen_requests)
}

/// The capture server's default answer.
const DEFAULT_ANSWER: &str = r#"{"access_token":"at1","token_type":"Bearer","expires_in":3600,"refresh_token":"rt1","scope":"users:read"}"#;

/// Where the recording pointed `api_url`.
const RECORDED_API: &str = "http://localhost:8000";

/// `text` with the words of its `scope` parameter sorted: connector-py joins the declared
/// scopes in a set's order, which changes from run to run.
fn scopes_sorted(text: &str) -> String {
    let Some(at) = text.find("scope=") else {
        return text.to_owned();
    };
    let start = at + "scope=".len();
    let end = text[start..]
        .find(['&', '"'])
        .map_or(text.len(), |e| start + e);
    let mut words: Vec<&str> = text[start..end].split('+').collect();
    words.sort_unstable();
    format!("{}{}{}", &text[..start], words.join("+"), &text[end..])
}

/// The envelope with what differs by design replaced: our `raised_in`, the random PKCE values,
/// the order of the declared scopes.
fn normalised(stdout: &str) -> String {
    if stdout.is_empty() {
        return String::new();
    }
    let text = scopes_sorted(&stdout.replace(
        "connector.oai.modules.oauth_module:",
        "connector_runtime::oauth:",
    ));
    let mut json: Value = serde_json::from_str(&text).unwrap();
    if let Some(response) = json.get_mut("response").and_then(Value::as_object_mut)
        && let Some(Value::String(url)) = response.get_mut("authorization_url")
    {
        if let Some(at) = url.find("&code_challenge=") {
            let end = url[at + 1..].find('&').map_or(url.len(), |e| at + 1 + e);
            url.replace_range(at..end, "&code_challenge=CHALLENGE");
        }
        if let Some(verifier) = response.get_mut("code_verifier").filter(|v| v.is_string()) {
            *verifier = Value::String("VERIFIER".to_owned());
        }
    }
    json.to_string()
}

#[test]
fn every_recorded_run_sends_and_prints_what_connector_py_did() {
    let fixture: Value = serde_json::from_str(include_str!("connector_py/cases.json")).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() > 70, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let (base, seen_requests) = stand_in(&case["answer"]);
        *STAND_IN.lock().unwrap() = base.clone();
        let request = case["request"]
            .as_str()
            .unwrap()
            .replace(RECORDED_API, &base);
        let args: Vec<OsString> = [case["capability"].as_str().unwrap(), "--json", &request]
            .iter()
            .map(OsString::from)
            .collect();
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let mut streams = Streams {
            stdin: &mut std::io::empty(),
            stdout: &mut stdout,
            stderr: &mut stderr,
        };
        let status = run(
            &app(case["variant"].as_str().unwrap()),
            "mockapp",
            &args,
            &mut streams,
        );
        let printed = String::from_utf8(stdout)
            .unwrap()
            .replace(&base, RECORDED_API);
        let expected = case["stdout"].as_str().unwrap();
        if u64::from(status) != case["exit_code"].as_u64().unwrap()
            || normalised(&printed) != normalised(expected)
        {
            failures.push(format!(
                "{name}: printed\n  {printed}  expected\n  {expected}"
            ));
        }
        let sorted = |requests: &[Value]| -> Vec<Value> {
            requests
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    for part in ["query", "body"] {
                        r[part] =
                            Value::String(scopes_sorted(r[part].as_str().unwrap_or_default()));
                    }
                    r
                })
                .collect()
        };
        let requests = sorted(&seen_requests.lock().unwrap());
        if requests != sorted(case["requests"].as_array().unwrap()) {
            failures.push(format!(
                "{name}: sent\n  {requests:?}\n  expected\n  {}",
                case["requests"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn app_info_describes_the_provider_as_connector_py_does() {
    let fixture: Value = serde_json::from_str(include_str!("connector_py/cases.json")).unwrap();
    for (variant, recorded) in fixture["app_info"].as_object().unwrap() {
        let args: Vec<OsString> = ["app_info", "--json", recorded["request"].as_str().unwrap()]
            .iter()
            .map(OsString::from)
            .collect();
        let mut stdout = Vec::new();
        let mut streams = Streams {
            stdin: &mut std::io::empty(),
            stdout: &mut stdout,
            stderr: &mut Vec::new(),
        };
        assert_eq!(run(&app(variant), "mockapp", &args, &mut streams), 0);
        let envelope: Value = serde_json::from_slice(&stdout).unwrap();
        let document = &envelope["response"]["app_schema"];
        let mut settings = recorded["x-oauth-settings"].clone();
        if variant == "cc" {
            // The recorded variant set `pkce=True` on a client-credentials flow, where it
            // means nothing; `oauth(...)` refuses that combination.
            settings["pkce_enabled"] = Value::Bool(false);
        }
        assert_eq!(document["info"]["x-oauth-settings"], settings, "{variant}");
        assert_eq!(
            document["components"]["securitySchemes"], recorded["securitySchemes"],
            "{variant}"
        );
        for (path, expected) in recorded["oauth_paths"].as_object().unwrap() {
            let operation = &document["paths"][path]["post"];
            let required =
                &operation["requestBody"]["content"]["application/json"]["schema"]["required"];
            assert_eq!(
                operation["security"], expected["security"],
                "{variant} {path}"
            );
            assert_eq!(operation["tags"], expected["tags"], "{variant} {path}");
            assert_eq!(required, &expected["required"], "{variant} {path}");
        }
    }
}

/// `value` without its `description`s, which `info` leaves out for the spec's payloads.
fn without_descriptions(value: &Value) -> Value {
    match value {
        Value::Object(object) => Value::Object(
            object
                .iter()
                .filter(|(key, _)| key.as_str() != "description")
                .map(|(key, item)| (key.clone(), without_descriptions(item)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_descriptions).collect()),
        other => other.clone(),
    }
}

#[test]
fn info_describes_the_oauth_capabilities_as_connector_py_does() {
    let fixture: Value = serde_json::from_str(include_str!("connector_py/cases.json")).unwrap();
    for (variant, recorded) in fixture["info"].as_object().unwrap() {
        let mut stdout = Vec::new();
        let mut streams = Streams {
            stdin: &mut std::io::empty(),
            stdout: &mut stdout,
            stderr: &mut Vec::new(),
        };
        assert_eq!(
            run(
                &app(variant),
                "mockapp",
                &[OsString::from("info")],
                &mut streams
            ),
            0
        );
        let info: Value = serde_json::from_slice(&stdout).unwrap();
        let info = &info["response"];
        assert_eq!(info["oauth_scopes"], recorded["oauth_scopes"], "{variant}");
        assert_eq!(
            without_descriptions(&info["authentication_schema"]),
            without_descriptions(&recorded["authentication_schema"]),
            "{variant}"
        );
        for (name, schema) in recorded["capability_schema"].as_object().unwrap() {
            assert!(
                info["capabilities"]
                    .as_array()
                    .unwrap()
                    .contains(&Value::String(name.clone())),
                "{variant}: {name} not listed"
            );
            assert_eq!(
                without_descriptions(&info["capability_schema"][name]),
                without_descriptions(schema),
                "{variant} {name}"
            );
        }
    }
}
