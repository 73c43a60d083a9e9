//! `connector_runtime::http` against tiny loopback servers that write raw HTTP/1.1.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed unwrap is a failed assertion"
)]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use connector_runtime::credentials::{BasicCredential, TokenCredential};
use connector_runtime::http::{HttpClient, RateLimitConfig, RetryPolicy, UrlPath};
use connector_runtime::{ConnectorError, ErrorCode, Secret};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

/// One request the fake server received.
#[derive(Debug, Clone)]
struct Hit {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
    at: Instant,
}

impl Hit {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the fake server does with a request.
enum Reply {
    /// Writes these bytes, then closes.
    Raw(Vec<u8>),
    /// Never answers.
    Stall,
}

fn reply(status: u16, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    Reply::Raw(format!("{head}\r\n{body}").into_bytes())
}

fn json(status: u16, body: &str) -> Reply {
    reply(status, &[("Content-Type", "application/json")], body)
}

struct Fake {
    base: String,
    hits: Arc<Mutex<Vec<Hit>>>,
}

impl Fake {
    /// Serves on a free loopback port; `handler` gets the 0-based request index and the request.
    async fn start(handler: impl Fn(usize, &Hit) -> Reply + Send + Sync + 'static) -> Fake {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = Arc::new(Mutex::new(Vec::new()));
        let (handler, recorded) = (Arc::new(handler), Arc::clone(&hits));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (handler, recorded) = (Arc::clone(&handler), Arc::clone(&recorded));
                tokio::spawn(async move { serve(stream, &*handler, &recorded).await });
            }
        });
        Fake { base, hits }
    }

    fn hits(&self) -> Vec<Hit> {
        self.hits.lock().unwrap().clone()
    }

    fn count(&self) -> usize {
        self.hits.lock().unwrap().len()
    }
}

async fn serve(
    mut stream: TcpStream,
    handler: &(dyn Fn(usize, &Hit) -> Reply + Send + Sync),
    hits: &Mutex<Vec<Hit>>,
) {
    let mut buf = Vec::new();
    let head_end = loop {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.lines();
    let mut request_line = lines.next().unwrap_or_default().split(' ');
    let (method, target) = (
        request_line.next().unwrap_or_default(),
        request_line.next().unwrap_or_default(),
    );
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let hit = Hit {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body: String::from_utf8_lossy(&buf[head_end..]).into_owned(),
        at: Instant::now(),
    };
    let reply = {
        let mut hits = hits.lock().unwrap();
        hits.push(hit.clone());
        handler(hits.len() - 1, &hit)
    };
    match reply {
        Reply::Raw(bytes) => {
            let _ = stream.write_all(&bytes).await;
            let _ = stream.shutdown().await;
        }
        Reply::Stall => tokio::time::sleep(Duration::from_secs(10)).await,
    }
}

/// Retries without waiting, so retry tests stay fast.
fn quick(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::ZERO,
        max_delay: Duration::ZERO,
        max_retry_after: Duration::from_secs(2),
    }
}

fn token(value: &str) -> TokenCredential {
    TokenCredential {
        token: Secret::new(value),
    }
}

fn client(base: &str, policy: RetryPolicy) -> HttpClient {
    HttpClient::builder(base)
        .auth(&token("tok-123456"))
        .retry(policy)
        .build()
        .unwrap()
}

fn client_with_token(base: &str, value: &str) -> HttpClient {
    HttpClient::builder(base)
        .auth(&token(value))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

async fn get_err(client: &HttpClient, path: &str) -> ConnectorError {
    client
        .get_json::<serde_json::Value>(path)
        .await
        .unwrap_err()
}

#[tokio::test]
async fn bearer_header_query_and_path_prefix() {
    let fake = Fake::start(|_, _| json(200, r#"{"items":[1,2]}"#)).await;
    let client = client(&format!("{}/_fault/500", fake.base), RetryPolicy::none());
    let got: serde_json::Value = client
        .get("/api/users")
        .query(&[("limit", "5")])
        .send_json()
        .await
        .unwrap();
    assert_eq!(got, serde_json::json!({"items": [1, 2]}));
    let hits = fake.hits();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].method.as_str(), hits[0].target.as_str()),
        ("GET", "/_fault/500/api/users?limit=5")
    );
    assert_eq!(hits[0].header("authorization"), Some("Bearer tok-123456"));
    assert!(
        hits[0]
            .header("user-agent")
            .unwrap()
            .starts_with("connector-runtime/")
    );
}

#[tokio::test]
async fn basic_and_custom_secret_headers() {
    let fake = Fake::start(|_, _| reply(204, &[], "")).await;
    let basic = BasicCredential {
        username: "user".into(),
        password: Secret::new("pass"),
    };
    let client = HttpClient::builder(&fake.base)
        .auth(&basic)
        .header_secret("X-API-Key", &Secret::new("key-9"))
        .user_agent("mockapp/1")
        .build()
        .unwrap();
    let body = serde_json::json!({"name": "a"});
    let () = client.post("users").json(&body).send_json().await.unwrap();
    let hits = fake.hits();
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].method.as_str(), hits[0].target.as_str()),
        ("POST", "/users")
    );
    assert_eq!(hits[0].header("authorization"), Some("Basic dXNlcjpwYXNz"));
    assert_eq!(hits[0].header("x-api-key"), Some("key-9"));
    assert_eq!(hits[0].header("user-agent"), Some("mockapp/1"));
    assert_eq!(hits[0].header("content-type"), Some("application/json"));
    assert_eq!(hits[0].body, r#"{"name":"a"}"#);
    assert!(!format!("{client:?}").contains("key-9"));
}

#[tokio::test]
async fn every_status_class_maps_to_its_code() {
    let fake = Fake::start(|_, hit| {
        let status = hit
            .target
            .trim_start_matches("/s/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        json(status, r#"{"error": "nope", "n": 1}"#)
    })
    .await;
    let client = client(&fake.base, RetryPolicy::none());
    let cases = [
        (400, ErrorCode::BadRequest),
        (401, ErrorCode::Unauthorized),
        (403, ErrorCode::PermissionDenied),
        (404, ErrorCode::NotFound),
        (409, ErrorCode::Conflict),
        (429, ErrorCode::RateLimit),
        (500, ErrorCode::BadGateway),
        (502, ErrorCode::BadGateway),
        (503, ErrorCode::ServiceError),
        (504, ErrorCode::BadGateway),
        (418, ErrorCode::InvalidResponse),
    ];
    for (status, code) in cases {
        let e = get_err(&client, &format!("/s/{status}?token=secret")).await;
        assert_eq!(e.code(), code, "{status}");
        assert_eq!(e.status_code(), Some(status));
        assert_eq!(e.raised_by(), "HTTPStatusError");
        assert_eq!(
            e.message(),
            format!(
                r#"[{status}][{}/s/{status}] {{"error":"nope","n":1}}"#,
                fake.base
            )
        );
        assert_eq!(e.metadata().retry_after_seconds, None);
    }
    assert_eq!(fake.count(), cases.len());
}

#[tokio::test]
async fn html_long_text_and_echoed_secrets_in_messages() {
    let long = format!("line {}", "word ".repeat(400));
    let fake = Fake::start(move |i, _| match i {
        0 => reply(404, &[("Content-Type", "text/html")], "<p>not here</p>"),
        1 => reply(500, &[], "  <!DOCTYPE HTML><html></html>"),
        2 => reply(400, &[("Content-Type", "text/plain")], &long),
        3 => json(401, r#"{"detail":"bad token tok-123456"}"#),
        4 => reply(400, &[], "token was:\n tok-123456 \n"),
        _ => json(422, &format!(r#"{{"detail":"{}"}}"#, "x".repeat(1000))),
    })
    .await;
    let client = client(&fake.base, RetryPolicy::none());
    let base = &fake.base;
    assert_eq!(
        get_err(&client, "/a").await.message(),
        format!("[404][{base}/a] Upstream HTML error response.")
    );
    assert_eq!(
        get_err(&client, "/b").await.message(),
        format!("[500][{base}/b] Upstream HTML error response.")
    );
    let m = get_err(&client, "/c").await.message().to_owned();
    let expected: String = format!("line {}", "word ".repeat(400))
        .trim_end()
        .chars()
        .take(800)
        .collect();
    assert_eq!(m, format!("[400][{base}/c] {expected}...(truncated)"));
    assert_eq!(
        get_err(&client, "/d").await.message(),
        format!(r#"[401][{base}/d] {{"detail":"bad token [REDACTED]"}}"#)
    );
    assert_eq!(
        get_err(&client, "/e").await.message(),
        format!("[400][{base}/e] token was: [REDACTED]")
    );
    // JSON bodies are capped too (connector-py prints them whole).
    let long_json = format!(r#"{{"detail":"{}"}}"#, "x".repeat(1000));
    assert_eq!(
        get_err(&client, "/f").await.message(),
        format!("[422][{base}/f] {}...(truncated)", &long_json[..800])
    );
    assert_eq!(fake.count(), 6);
}

#[tokio::test]
async fn undecodable_2xx_is_invalid_response() {
    let fake = Fake::start(|_, _| {
        reply(
            200,
            &[("Content-Type", "text/plain")],
            "Internal Server Error",
        )
    })
    .await;
    let e = get_err(&client(&fake.base, RetryPolicy::default()), "/x").await;
    assert_eq!(e.code(), ErrorCode::InvalidResponse);
    assert_eq!(e.raised_by(), "JSONDecodeError");
    assert!(
        e.message().starts_with("Failed to parse JSON response: "),
        "{}",
        e.message()
    );
    assert_eq!(fake.count(), 1);
}

#[tokio::test]
async fn oversized_bodies_are_refused_not_buffered() {
    let announced = Fake::start(|_, _| {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\nConnection: close\r\n\r\n{".to_vec(),
        )
    })
    .await;
    let e = get_err(&client(&announced.base, quick(3)), "/x").await;
    assert_eq!(e.code(), ErrorCode::InvalidResponse);
    assert_eq!(e.message(), "The upstream response is larger than 64 MiB.");
    assert_eq!(announced.count(), 1, "not retried");

    let mut chunked =
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_vec();
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..65 {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(&chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let unannounced = Fake::start(move |_, _| Reply::Raw(chunked.clone())).await;
    let e = get_err(&client(&unannounced.base, quick(0)), "/x").await;
    assert_eq!(e.code(), ErrorCode::InvalidResponse);
    assert!(
        e.message().contains("larger than 64 MiB"),
        "{}",
        e.message()
    );
}

#[tokio::test]
async fn refused_connection_is_connection_timeout() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = get_err(&client(&format!("http://127.0.0.1:{port}"), quick(2)), "/x").await;
    assert_eq!(e.code(), ErrorCode::ConnectionTimeout);
    assert_eq!(e.raised_by(), "ConnectError");
    assert_eq!(
        e.message(),
        "Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue."
    );
    assert_eq!(e.metadata().hint, None);
}

#[tokio::test]
async fn stalled_server_is_request_timeout_and_is_retried() {
    let fake = Fake::start(|_, _| Reply::Stall).await;
    let client = HttpClient::builder(&fake.base)
        .timeout(Duration::from_millis(200))
        .retry(quick(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let e = get_err(&client, "/slow").await;
    assert_eq!(e.code(), ErrorCode::RequestTimeout);
    assert_eq!(fake.count(), 2);
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn truncated_body_is_connection_closed() {
    let fake = Fake::start(|_, _| {
        Reply::Raw(
            b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n{\"a\":".to_vec(),
        )
    })
    .await;
    let e = get_err(&client(&fake.base, RetryPolicy::none()), "/x").await;
    assert_eq!(e.code(), ErrorCode::ConnectionClosed);
    assert_eq!(e.raised_by(), "RemoteProtocolError");
    assert_eq!(fake.count(), 1);

    let hang_up = Fake::start(|_, _| Reply::Raw(Vec::new())).await;
    let e = get_err(&client(&hang_up.base, quick(1)), "/x").await;
    assert_eq!(e.code(), ErrorCode::ConnectionClosed);
    assert_eq!(hang_up.count(), 2);
}

#[tokio::test]
async fn rate_limited_then_ok_retries_once_after_retry_after() {
    let fake = Fake::start(|i, _| match i {
        0 => reply(429, &[("Retry-After", "1")], r#"{"error":"slow down"}"#),
        _ => json(200, "[]"),
    })
    .await;
    let got: Vec<u32> = client(&fake.base, quick(3)).get_json("/x").await.unwrap();
    assert!(got.is_empty());
    let hits = fake.hits();
    assert_eq!(hits.len(), 2);
    let waited = hits[1].at - hits[0].at;
    assert!(
        waited >= Duration::from_millis(1000) && waited < Duration::from_millis(1800),
        "{waited:?}"
    );
}

#[tokio::test]
async fn unavailable_exhausts_retries() {
    let fake = Fake::start(|_, _| reply(503, &[("Retry-After", "0")], "down")).await;
    let e = get_err(&client(&fake.base, quick(2)), "/x").await;
    assert_eq!(e.code(), ErrorCode::ServiceError);
    assert_eq!(e.status_code(), Some(503));
    assert_eq!(e.metadata().retry_after_seconds, Some(0));
    assert_eq!(fake.count(), 3);

    let fake = Fake::start(|_, _| json(429, "{}")).await;
    let e = get_err(&client(&fake.base, quick(4)), "/x").await;
    assert_eq!(e.code(), ErrorCode::RateLimit);
    assert_eq!(e.metadata().retry_after_seconds, None);
    assert_eq!(fake.count(), 5);
}

#[tokio::test]
async fn writes_are_retried_only_when_asked() {
    let fake = Fake::start(|_, _| reply(503, &[], "")).await;
    let body = serde_json::json!({"x": 1});
    let once = client(&fake.base, quick(3));
    let e = once.post("/x").json(&body).send().await.unwrap_err();
    assert_eq!(e.code(), ErrorCode::ServiceError);
    assert_eq!(fake.count(), 1);
    once.delete("/x").send().await.unwrap_err();
    assert_eq!(fake.count(), 2);

    let retrying = HttpClient::builder(&fake.base)
        .retry(quick(3))
        .retry_writes(true)
        .build()
        .unwrap();
    retrying.post("/x").json(&body).send().await.unwrap_err();
    assert_eq!(fake.count(), 6);
    assert!(fake.hits()[2..].iter().all(|h| h.body == r#"{"x":1}"#));
}

#[tokio::test]
async fn long_retry_after_stops_retrying_and_is_reported() {
    let date = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
    let fake = Fake::start(move |i, _| match i {
        0 => reply(429, &[("Retry-After", &date)], ""),
        _ => reply(429, &[("Retry-After", "3600")], ""),
    })
    .await;
    let client = client(
        &fake.base,
        RetryPolicy {
            max_retry_after: Duration::from_secs(30),
            ..quick(3)
        },
    );
    let e = get_err(&client, "/x").await;
    assert_eq!(e.code(), ErrorCode::RateLimit);
    let secs = e.metadata().retry_after_seconds.unwrap();
    assert!((118..=120).contains(&secs), "{secs}");
    assert_eq!(
        e.message(),
        format!(
            "[429][{}/x] Too Many Requests (empty response body)",
            fake.base
        )
    );
    let e = get_err(&client, "/x").await;
    assert_eq!(e.metadata().retry_after_seconds, Some(3600));
    assert_eq!(fake.count(), 2);
}

#[tokio::test]
async fn the_rate_limit_window_holds_across_clones() {
    let fake = Fake::start(|_, _| json(200, "{}")).await;
    let config = RateLimitConfig::new("fake", 2, Duration::from_secs(1));
    let client = HttpClient::builder(&fake.base)
        .rate_limit(config)
        .build()
        .unwrap();
    let clone = client.clone();
    let (a, b) = tokio::join!(
        async {
            for _ in 0..3 {
                client.get_json::<serde_json::Value>("/a").await.unwrap();
            }
        },
        async {
            for _ in 0..2 {
                clone.get_json::<serde_json::Value>("/b").await.unwrap();
            }
        }
    );
    let ((), ()) = (a, b);
    let mut times: Vec<Instant> = fake.hits().iter().map(|h| h.at).collect();
    times.sort();
    assert_eq!(times.len(), 5);
    // Two per window: the third waits for the first to leave it, the fifth for the third.
    for (early, late) in [(0, 2), (1, 3), (2, 4)] {
        let gap = times[late] - times[early];
        assert!(
            gap >= Duration::from_millis(950),
            "{early}->{late}: {gap:?}"
        );
    }
}

#[tokio::test]
async fn foreign_hosts_and_redirects_never_get_the_credential() {
    let other = Fake::start(|_, _| json(200, "{}")).await;
    let location = format!("{}/stolen", other.base);
    let fake = Fake::start(move |i, _| match i {
        0 => reply(302, &[("Location", "/moved")], ""),
        1 | 3 => json(200, r#"{"ok":true}"#),
        _ => reply(302, &[("Location", &location)], ""),
    })
    .await;
    let client = client(&fake.base, RetryPolicy::none());
    let ok: serde_json::Value = client.get_json("/start").await.unwrap();
    assert_eq!(ok, serde_json::json!({"ok": true}));
    let e = get_err(&client, "/away").await;
    assert_eq!(
        (e.code(), e.status_code()),
        (ErrorCode::InvalidResponse, Some(302))
    );
    let e = get_err(&client, &format!("{}/next", other.base)).await;
    assert_eq!(
        (e.code(), e.status_code()),
        (ErrorCode::InvalidResponse, None)
    );
    let next: serde_json::Value = client
        .get_json(&format!("{}/x?cursor=2", fake.base))
        .await
        .unwrap();
    assert_eq!(next, serde_json::json!({"ok": true}));
    assert_eq!(other.count(), 0);
    let targets: Vec<String> = fake.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(targets, ["/start", "/moved", "/away", "/x?cursor=2"]);
}

#[tokio::test]
async fn configuration_problems_are_errors_not_panics() {
    let e = HttpClient::builder("localhost:8000/api")
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidValue);
    assert!(
        e.message().starts_with("Invalid base URL: "),
        "{}",
        e.message()
    );
    let e = HttpClient::builder("ftp://h").build().unwrap_err();
    assert!(
        e.message().contains("the scheme is neither http nor https"),
        "{}",
        e.message()
    );
    let huge = format!("http://h/{}", "tok-123456".repeat(10_000));
    let e = HttpClient::builder(huge.as_str())
        .base_url_setting("api_url")
        .auth(&token("tok-123456"))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidValue);
    assert!(!e.metadata().retryable);
    assert_eq!(
        e.message(),
        "Invalid base URL in setting 'api_url': it is 100009 bytes long, more than the 4096 \
         accepted. Expected an absolute http:// or https:// URL."
    );
    let e = HttpClient::builder("http://h")
        .auth(&token(""))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::IntegrationMissingParameter);
    let e = HttpClient::builder("http://h")
        .auth(&token("bad\ntoken"))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadRequest);
    assert!(!e.message().contains("bad"), "{}", e.message());
    let e = HttpClient::builder("http://h")
        .header_secret("bad name", &Secret::new("s"))
        .build()
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::BadRequest);
    for config in [
        RateLimitConfig::new("app", 0, Duration::from_secs(10)),
        RateLimitConfig::new("app", 2, Duration::ZERO),
        RateLimitConfig::new("app", 2, Duration::from_secs(10)).max_concurrent(0),
    ] {
        let e = HttpClient::builder("http://h")
            .rate_limit(config)
            .build()
            .unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidValue);
        assert!(
            e.message().starts_with("Invalid rate limit 'app'"),
            "{}",
            e.message()
        );
    }
}

/// Collects formatted log lines.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

/// Captures this thread's DEBUG lines until the returned guards drop.
fn capture_debug_logs() -> (Logs, tracing::Dispatch, tracing::subscriber::DefaultGuard) {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // With a single registered dispatcher, tracing-core computes the interest of a callsite
    // first hit on another test's thread from that thread's (empty) subscriber and caches
    // "never"; a second live dispatcher makes it consult every registered one.
    let second = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let guard = tracing::subscriber::set_default(subscriber);
    (logs, second, guard)
}

#[tokio::test]
async fn one_debug_line_per_response_without_secrets() {
    let (logs, _second, _guard) = capture_debug_logs();
    let fake = Fake::start(|i, _| match i {
        0 => json(502, r#"{"echo":"tok-123456"}"#),
        _ => json(200, r#"{"secret":"body-data"}"#),
    })
    .await;
    let client = client(&fake.base, quick(1));
    let _: serde_json::Value = client
        .get("/x")
        .query(&[("api_key", "k-77"), ("limit", "5")])
        .send_json()
        .await
        .unwrap();
    let text = logs.text();
    let responses: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("upstream response"))
        .collect();
    assert_eq!(responses.len(), 2, "{text}");
    assert!(
        responses[0].contains("status=502") && responses[0].contains("attempt=1"),
        "{text}"
    );
    assert!(
        responses[1].contains("status=200") && responses[1].contains("attempt=2"),
        "{text}"
    );
    assert!(
        responses[1].contains("/x?api_key=[REDACTED]&limit=5"),
        "{text}"
    );
    for leak in ["tok-123456", "k-77", "body-data", "Bearer"] {
        assert!(!text.contains(leak), "{leak} in {text}");
    }
    assert_eq!(fake.count(), 2);
}

#[tokio::test]
async fn ids_are_one_escaped_segment_and_dot_segments_are_refused() {
    let fake = Fake::start(|_, _| json(404, r#"{"detail":"no such user"}"#)).await;
    let client = client(&format!("{}/v1?tenant=t", fake.base), RetryPolicy::none());
    let user = |id: &str| UrlPath::new("/api/users").segment(id);
    let e = client
        .delete(user("user-00009?x=1"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    client
        .get_json::<serde_json::Value>(user("a b#c%d&e=f+g;h,i@j[k]l!m$n'o(p)q*r").segment("ü"))
        .await
        .unwrap_err();
    let targets: Vec<String> = fake.hits().into_iter().map(|h| h.target).collect();
    assert_eq!(
        targets,
        [
            "/v1/api/users/user-00009%3Fx%3D1?tenant=t",
            "/v1/api/users/a%20b%23c%25d%26e%3Df%2Bg%3Bh%2Ci%40j%5Bk%5Dl%21m%24n%27o%28p%29q%2Ar/%C3%BC?tenant=t",
        ]
    );
    for id in [
        "..",
        ".",
        "",
        "../resources",
        "user-00007/entitlements/x?resource_id=p",
    ] {
        let e = client.delete(user(id)).send().await.unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidValue, "{id:?}");
        assert!(!e.metadata().retryable);
    }
    assert_eq!(fake.count(), 2, "refused ids send nothing");
}

#[tokio::test]
async fn secrets_in_urls_are_redacted_in_messages_and_logs() {
    let (logs, _second, _guard) = capture_debug_logs();
    let secret = "tok+e2e=7f3a?9c41 ü&x";
    let encoded = "tok%2Be2e%3D7f3a%3F9c41%20%C3%BC%26x";
    let echo = format!(r#"{{"detail":"{encoded} tok%2be2e%3d7f3a%3f9c41%20%c3%bc%26x"}}"#);
    let fake = Fake::start(move |_, _| json(404, &echo)).await;
    let base = format!("{}/{encoded}?key={encoded}&{encoded}=1", fake.base);
    let client = client_with_token(&base, secret);
    let e = client
        .delete(UrlPath::new("/users").segment(secret))
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            r#"[404][{}/[REDACTED]/users/[REDACTED]] {{"detail":"[REDACTED] [REDACTED]"}}"#,
            fake.base
        )
    );
    let target = &fake.hits()[0].target;
    assert!(
        target.starts_with(&format!("/{encoded}/users/{encoded}?")),
        "{target}"
    );
    let text = logs.text();
    let logged = format!(
        "url={}/[REDACTED]/users/[REDACTED]?key=[REDACTED]&[REDACTED]=[REDACTED] ",
        fake.base
    );
    assert!(text.contains(&logged), "{text}");
    for leak in [secret, encoded, "tok%2b", "tok+e2e", "7f3a"] {
        assert!(!text.contains(leak), "{leak} in {text}");
        assert!(!e.message().contains(leak), "{leak} in {}", e.message());
    }
    assert!(!format!("{client:?}").contains("7f3a"));
}

#[tokio::test]
async fn basic_auth_echoes_and_url_passwords_are_redacted() {
    let fake = Fake::start(|_, hit| {
        let header = hit.header("authorization").unwrap_or_default().to_owned();
        json(
            401,
            &format!(r#"{{"got":"{header}","pw":"p@ss-word-99 p%40ss-word-99"}}"#),
        )
    })
    .await;
    let basic = BasicCredential {
        username: "user".into(),
        password: Secret::new("p@ss-word-99"),
    };
    let e = HttpClient::builder(&fake.base)
        .auth(&basic)
        .build()
        .unwrap()
        .get_json::<serde_json::Value>("/x")
        .await
        .unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            r#"[401][{}/x] {{"got":"Basic [REDACTED]","pw":"[REDACTED] [REDACTED]"}}"#,
            fake.base
        )
    );
    let in_url = fake.base.replace("http://", "http://user:p%40ss-word-99@");
    let e = get_err(&client(&in_url, RetryPolicy::none()), "/x").await;
    assert!(!e.message().contains("ss-word"), "{}", e.message());
}

#[tokio::test]
async fn short_secrets_withhold_text_instead_of_marking_it() {
    let fake = Fake::start(|_, _| json(404, r#"{"detail":"missing"}"#)).await;
    let client = client_with_token(&fake.base, "s");
    let e = get_err(&client, "/x").await;
    assert_eq!(e.message(), format!("[404][{}/x] [REDACTED]", fake.base));
    let e = get_err(&client, "/users").await;
    assert_eq!(e.message(), "[404][[REDACTED]] [REDACTED]");
    assert_eq!(e.code(), ErrorCode::NotFound);
}

#[tokio::test]
async fn absurd_retry_after_is_capped_at_a_day() {
    let fake =
        Fake::start(|_, _| reply(429, &[("Retry-After", "99999999999999999999999")], "")).await;
    let e = get_err(&client(&fake.base, quick(3)), "/x").await;
    assert_eq!(e.code(), ErrorCode::RateLimit);
    assert_eq!(e.metadata().retry_after_seconds, Some(86_400));
    assert_eq!(fake.count(), 1, "too long to wait out");
}

#[tokio::test]
async fn a_url_too_long_to_send_is_a_caller_error() {
    let fake = Fake::start(|_, _| json(200, "{}")).await;
    let client = client(&fake.base, quick(3));
    let id = "x".repeat(70_000);
    let e = get_err(&client, &format!("/users/{id}")).await;
    assert_eq!(e.code(), ErrorCode::BadRequest);
    assert!(!e.metadata().retryable);
    assert!(!e.message().contains("xxx"), "{}", e.message());
    assert_eq!(fake.count(), 0);
}
