//! `fulfill_arbitrary_endpoint` end to end: a small integration that opts in with
//! `HttpClient::fulfill_arbitrary`, run through the in-process CLI against a loopback server
//! that answers by path (connector-py's behaviour: every status is data except 401).
//!
//! With `ARBITRARY_ENVELOPES_DIR` set, each envelope printed is also written there, for
//! `check-envelope fulfill_arbitrary_endpoint FILE`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use connector_runtime::Integration;
use connector_runtime::http::{ArbitraryEndpointPolicy, HttpClient, RateLimitResetFormat};
use connector_runtime::prelude::*;
use connector_tests::run::run_cli;
use serde_json::{Value, json};

const TOKEN: &str = "tok-arbitrary-e2e-secret";

/// Where the upstream is.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct Settings {
    /// The API's base URL.
    pub api_url: String,
}

const POLICY: ArbitraryEndpointPolicy = ArbitraryEndpointPolicy::new()
    .post_paths(&[("/graphql", "application/json")])
    .headers(&["X-Api-Version"])
    .rate_limit_reset(RateLimitResetFormat::DeltaSeconds);

/// Sends the caller's request through the connector's client.
#[capability(fulfill_arbitrary_endpoint)]
async fn fulfill(
    req: FulfillArbitraryEndpointRequest<Settings, TokenCredential>,
) -> Result<FulfillArbitraryEndpointResponse, ConnectorError> {
    let client = HttpClient::builder(req.settings.api_url.as_str())
        .base_url_setting("api_url")
        .auth(&req.auth)
        .build()?;
    Ok(Response::new(
        client.fulfill_arbitrary(&POLICY, req.request).await?,
    ))
}

#[integration(app_id = "arbitrary", auth = TokenCredential, settings = Settings, capabilities(fulfill))]
pub struct Arbitrary;

/// A loopback HTTP/1.1 server, one thread, one answer per connection, chosen by path.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer(stream));
        }
    });
    format!("http://{address}/api")
}

fn answer(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push(line.trim_end().to_owned());
    }
    let header = |name: &str| {
        head.iter()
            .filter_map(|l| l.split_once(':'))
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_owned())
    };
    let length: usize = header("content-length").map_or(0, |v| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let target = head[0].split(' ').nth(1).unwrap_or_default().to_owned();
    let (status, extra, text): (&str, &[&str], String) = match target.as_str() {
        "/api/users?limit=2" => (
            "200 OK",
            &["Content-Type: application/json", "X-Page: 1", "X-Page: 2"],
            r#"{"users":[{"id":"1"},{"id":"2"}],"limit":2}"#.to_owned(),
        ),
        "/api/echo" => (
            "200 OK",
            &["Content-Type: text/plain"],
            format!(
                "auth={} version={}",
                header("authorization").unwrap_or_default(),
                header("x-api-version").unwrap_or_default()
            ),
        ),
        "/api/graphql" => (
            "200 OK",
            &["Content-Type: text/plain"],
            format!(
                "{} {} {}",
                head[0].split(' ').next().unwrap_or_default(),
                header("content-type").unwrap_or_default(),
                String::from_utf8_lossy(&body)
            ),
        ),
        "/api/secret" => (
            "401 Unauthorized",
            &[],
            r#"{"detail":"bad token"}"#.to_owned(),
        ),
        "/api/busy" => ("429 Too Many Requests", &["Retry-After: 7"], String::new()),
        "/api/quota" => (
            "403 Forbidden",
            &["X-RateLimit-Remaining: 0", "X-RateLimit-Reset: 30"],
            "quota".to_owned(),
        ),
        "/api/moved" => (
            "302 Found",
            &["Location: /api/users?limit=2"],
            String::new(),
        ),
        "/api/slow" => {
            std::thread::sleep(Duration::from_secs(5));
            ("200 OK", &[], String::new())
        }
        _ => (
            "404 Not Found",
            &["Content-Type: application/json"],
            r#"{"detail":"Not Found"}"#.to_owned(),
        ),
    };
    let mut out = format!(
        "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
        text.len()
    );
    for line in extra {
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
    out.push_str(&text);
    let _ = stream.write_all(out.as_bytes());
}

/// Runs the capability on `request` against `api_url` and returns the envelope.
fn call(name: &str, api_url: &str, request: Value, max_execution_time: Option<i32>) -> Value {
    let mut envelope = json!({
        "auth": {"token": {"token": TOKEN}},
        "settings": {"api_url": api_url},
        "request": request,
    });
    if let Some(seconds) = max_execution_time {
        envelope["rate_limit"] = json!({"max_execution_time": seconds});
    }
    let outcome = run_cli(
        &Arbitrary::APP,
        &[
            "fulfill_arbitrary_endpoint",
            "--json",
            &envelope.to_string(),
        ],
    );
    assert_eq!(outcome.status, 0, "{outcome:?}");
    assert!(!outcome.stdout.contains(TOKEN), "{}", outcome.stdout);
    if let Ok(dir) = std::env::var("ARBITRARY_ENVELOPES_DIR") {
        std::fs::write(format!("{dir}/{name}.json"), &outcome.stdout).unwrap();
    }
    outcome.json()
}

/// What connector-py 4.280.0's `_fulfill` (`connector/oai/arbitrary_endpoint.py`) returned for
/// each request, against a server answering with the same bytes as [`answer`] (`PORT` stands
/// for the server's port): (name, request, `ArbitraryResponse`).
const RECORDED: &[(&str, &str, &str)] = &[
    (
        "get",
        r#"{"url": "/users?limit=2"}"#,
        r#"{"ok":true,"status_code":200,"headers":{"connection":"close","content-length":"43","content-type":"application/json","x-page":"1, 2"},"body":"{\"users\":[{\"id\":\"1\"},{\"id\":\"2\"}],\"limit\":2}","content_type":"application/json","error":null,"retry_after_seconds":null,"resolved_url":"http://127.0.0.1:PORT/api/users?limit=2"}"#,
    ),
    (
        "not_found",
        r#"{"url": "nowhere"}"#,
        r#"{"ok":false,"status_code":404,"headers":{"connection":"close","content-length":"22","content-type":"application/json"},"body":"{\"detail\":\"Not Found\"}","content_type":"application/json","error":null,"retry_after_seconds":null,"resolved_url":"http://127.0.0.1:PORT/api/nowhere"}"#,
    ),
    (
        "throttled",
        r#"{"url": "busy"}"#,
        r#"{"ok":false,"status_code":429,"headers":{"connection":"close","content-length":"0","retry-after":"7"},"body":"","content_type":null,"error":null,"retry_after_seconds":7.0,"resolved_url":"http://127.0.0.1:PORT/api/busy"}"#,
    ),
    (
        "quota",
        r#"{"url": "quota"}"#,
        r#"{"ok":false,"status_code":403,"headers":{"connection":"close","content-length":"5","x-ratelimit-remaining":"0","x-ratelimit-reset":"30"},"body":"quota","content_type":null,"error":null,"retry_after_seconds":30.0,"resolved_url":"http://127.0.0.1:PORT/api/quota"}"#,
    ),
    (
        "redirect",
        r#"{"url": "moved"}"#,
        r#"{"ok":false,"status_code":302,"headers":{"connection":"close","content-length":"0","location":"/api/users?limit=2"},"body":"","content_type":null,"error":null,"retry_after_seconds":null,"resolved_url":"http://127.0.0.1:PORT/api/moved"}"#,
    ),
    (
        "other_host",
        r#"{"url": "http://example.com/api/users"}"#,
        r#"{"ok":false,"status_code":null,"headers":{},"body":null,"content_type":null,"error":"The URL must be on this connection's host.","retry_after_seconds":null,"resolved_url":"http://example.com/api/users"}"#,
    ),
];

#[test]
fn answers_and_refusals_match_connector_py() {
    let api = serve();
    let port = api
        .split(':')
        .nth(2)
        .and_then(|p| p.split('/').next())
        .unwrap();
    for (name, request, recorded) in RECORDED {
        let out = call(name, &api, serde_json::from_str(request).unwrap(), None);
        let recorded: Value = serde_json::from_str(&recorded.replace("PORT", port)).unwrap();
        assert_eq!(out["response"], recorded, "{name}");
    }
}

#[test]
fn a_query_is_merged_into_a_relative_url() {
    let api = serve();
    let out = call(
        "get_query",
        &api,
        json!({"url": "users", "query": {"limit": ["2"]}}),
        None,
    );
    assert_eq!(out["response"]["status_code"], 200, "{out}");
    assert_eq!(
        out["response"]["resolved_url"],
        format!("{api}/users?limit=2")
    );
}

#[test]
fn a_401_is_raised_as_unauthorized() {
    let api = serve();
    let out = call("unauthorized", &api, json!({"url": "secret"}), None);
    assert_eq!(out["is_error"], true, "{out}");
    assert_eq!(out["error"]["error_code"], "unauthorized");
    assert_eq!(out["error"]["status_code"], 401);
    assert_eq!(
        out["error"]["message"],
        format!("[401][{api}/secret] {{\"detail\":\"bad token\"}}")
    );
}

#[test]
fn a_post_reaches_only_its_path_with_its_content_type() {
    let api = serve();
    let query = "{\"query\":\"{me}\"}";
    for (name, request, key, expected) in [
        (
            "post_header_refused",
            json!({"url": "graphql", "method": "POST", "body": query,
                   "headers": {"Content-Type": "text/html"}}),
            "error",
            "The header 'Content-Type' is not allowed.".to_owned(),
        ),
        (
            "post",
            json!({"url": "graphql", "method": "POST", "body": query}),
            "body",
            format!("POST application/json {query}"),
        ),
        (
            "post_refused",
            json!({"url": "users", "method": "POST"}),
            "error",
            "POST is not allowed for this path.".to_owned(),
        ),
    ] {
        let out = call(name, &api, request, None);
        assert_eq!(out["response"][key], expected, "{out}");
    }
}

#[test]
fn the_credential_is_sent_but_never_echoed() {
    let api = serve();
    let out = call(
        "echo",
        &api,
        json!({"url": "echo", "headers": {"X-Api-Version": "2"}}),
        None,
    );
    assert_eq!(
        out["response"]["body"], "auth=Bearer [REDACTED] version=2",
        "{out}"
    );
    let out = call(
        "auth_header",
        &api,
        json!({"url": "echo", "headers": {"Authorization": "Bearer other"}}),
        None,
    );
    assert_eq!(
        out["response"]["error"],
        "The header 'Authorization' is not allowed."
    );
}

#[test]
fn failures_before_an_answer_are_data() {
    let api = serve();
    let started = Instant::now();
    let out = call("timeout", &api, json!({"url": "slow"}), Some(11));
    assert!(started.elapsed() < Duration::from_secs(4), "{out}");
    assert_eq!(
        out["response"]["error"], "The request exceeded the time limit.",
        "{out}"
    );
    assert_eq!(out["response"]["resolved_url"], format!("{api}/slow"));
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}/api", closed.local_addr().unwrap());
    drop(closed);
    let out = call("unreachable", &dead, json!({"url": "users"}), None);
    assert_eq!(
        out["response"]["error"], "The app could not be reached.",
        "{out}"
    );
}

#[test]
fn a_dropped_connection_is_tried_once() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let api = format!("http://{}/api", listener.local_addr().unwrap());
    let accepted = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&accepted);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    let out = call("dropped", &api, json!({"url": "users"}), None);
    assert_eq!(
        out["response"]["error"], "The app could not be reached.",
        "{out}"
    );
    assert_eq!(accepted.load(std::sync::atomic::Ordering::SeqCst), 1);
}
