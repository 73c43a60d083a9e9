//! Starts the server in-process on a free loopback port and checks its
//! behaviour over raw HTTP/1.1 (so that truncated bodies, resets and closed
//! connections are visible as such).

use mockapp_server::{BackgroundServer, Config, serve_until};
use serde_json::{Value, json};
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

const AUTH: &str = "Authorization: Bearer valid-token\r\n";

struct Server {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

async fn start(config: Config) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(serve_until(listener, config, async {
        let _ = stopped.await;
    }));
    Server {
        addr,
        stop: Some(stop),
        task,
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// How the read ended, if not with a clean EOF.
    error: Option<ErrorKind>,
    /// When the blank line after the headers arrived, and when the read ended.
    head_at: Duration,
    end_at: Duration,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// Sends one request (with `Connection: close`) and reads until the server
/// closes. `extra` holds more header lines; `body` is sent as JSON.
async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    extra: &str,
    body: Option<&str>,
) -> Reply {
    let mut raw =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}");
    if let Some(body) = body {
        raw.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    raw.push_str("\r\n");
    raw.push_str(body.unwrap_or_default());
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(raw.as_bytes()).await.expect("send");
    let (mut data, mut head_at, mut error) = (Vec::new(), None, None);
    let mut buf = [0u8; 65536];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => break,
            Ok(n) => {
                data.extend_from_slice(&buf[..n]);
                if head_at.is_none() && data.windows(4).any(|w| w == b"\r\n\r\n") {
                    head_at = Some(started.elapsed());
                }
            }
            Err(e) => {
                error = Some(e.kind());
                break;
            }
        }
    }
    let end_at = started.elapsed();
    let split = data.windows(4).position(|w| w == b"\r\n\r\n");
    let (head, body) = match split {
        Some(i) => (
            String::from_utf8_lossy(&data[..i]).into_owned(),
            data[i + 4..].to_vec(),
        ),
        None => (String::new(), Vec::new()),
    };
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body,
        error,
        head_at: head_at.unwrap_or(end_at),
        end_at,
    }
}

async fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, "GET", path, AUTH, None).await
}

#[tokio::test]
async fn authentication() {
    let server = start(Config::default()).await;
    let health = request(server.addr, "GET", "/api/health", "", None).await;
    assert_eq!(
        (health.status, health.body.as_slice()),
        (200, &br#"{"status":"ok","users":25}"#[..])
    );

    let missing = request(server.addr, "GET", "/api/users", "", None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.header("www-authenticate"), Some("Bearer"));
    assert_eq!(
        missing.body,
        br#"{"detail":"Invalid or missing authentication token"}"#
    );
    let wrong = request(
        server.addr,
        "GET",
        "/api/users",
        "Authorization: Bearer nope\r\n",
        None,
    )
    .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(get(server.addr, "/api/users").await.status, 200);

    let custom = start(Config {
        token: "s3cret".to_owned(),
        ..Config::default()
    })
    .await;
    assert_eq!(get(custom.addr, "/api/users").await.status, 401);
    let ok = request(
        custom.addr,
        "GET",
        "/api/users",
        "Authorization: Bearer s3cret\r\n",
        None,
    )
    .await;
    assert_eq!(ok.status, 200);
}

#[tokio::test]
async fn pagination() {
    let server = start(Config::default()).await;
    let first = get(server.addr, "/api/users?limit=10").await.json();
    assert_eq!(first["items"].as_array().map(Vec::len), Some(10));
    assert_eq!(
        (
            &first["has_more"],
            &first["total"],
            &first["limit"],
            &first["offset"]
        ),
        (&json!(true), &json!(25), &json!(10), &json!(0))
    );
    assert_eq!(first["items"][8]["name"], "Ivan Smith");
    let last = get(server.addr, "/api/users?limit=10&offset=20")
        .await
        .json();
    assert_eq!(last["items"].as_array().map(Vec::len), Some(5));
    assert_eq!(last["has_more"], false);
    assert_eq!(last["items"][4]["id"], "user-00025");
    let beyond = get(server.addr, "/api/users?offset=99999999999999999999999").await;
    assert_eq!(
        beyond.body,
        br#"{"items":[],"has_more":false,"total":25,"limit":100,"offset":99999999999999999999999}"#
    );

    let bad = get(server.addr, "/api/users?limit=abc").await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        bad.json(),
        json!({"detail": [{"type": "int_parsing", "loc": ["query", "limit"],
            "msg": "Input should be a valid integer, unable to parse string as an integer", "input": "abc"}]})
    );
    assert_eq!(get(server.addr, "/api/users?limit=0").await.status, 400);

    let capped = start(Config {
        max_limit: 3.into(),
        default_limit: 2.into(),
        ..Config::default()
    })
    .await;
    assert_eq!(get(capped.addr, "/api/users").await.json()["limit"], 2);
    assert_eq!(
        get(capped.addr, "/api/users?limit=50").await.json()["items"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[tokio::test]
async fn writes_change_state() {
    let server = start(Config {
        users: 3,
        ..Config::default()
    })
    .await;
    let addr = server.addr;
    let created = request(
        addr,
        "POST",
        "/api/users",
        AUTH,
        Some(r#"{"email":"zed@example.com"}"#),
    )
    .await;
    assert_eq!(created.status, 201);
    assert_eq!(
        created.body,
        br#"{"id":"user-00004","email":"zed@example.com","name":"zed","username":"zed","status":"active","created_at":"2025-12-31T00:00:00Z","last_login":null}"#
    );
    let duplicate = request(
        addr,
        "POST",
        "/api/users",
        AUTH,
        Some(r#"{"email":"zed@example.com"}"#),
    )
    .await;
    assert_eq!(
        (duplicate.status, duplicate.json()),
        (
            409,
            json!({"detail": "User with email zed@example.com already exists"})
        )
    );

    let updated = request(
        addr,
        "PUT",
        "/api/users/user-00004",
        AUTH,
        Some(r#"{"status":"inactive","name":null}"#),
    )
    .await;
    assert_eq!(
        (
            updated.json()["status"].clone(),
            updated.json()["name"].clone()
        ),
        (json!("inactive"), json!("zed"))
    );
    assert_eq!(
        get(addr, "/api/users/user-00004").await.json()["status"],
        "inactive"
    );

    let assigned = request(
        addr,
        "POST",
        "/api/users/user-00004/entitlements",
        AUTH,
        Some(r#"{"entitlement_id":"admin","resource_id":"global"}"#),
    )
    .await;
    assert_eq!(assigned.status, 201);
    let again = request(
        addr,
        "POST",
        "/api/users/user-00004/entitlements",
        AUTH,
        Some(r#"{"entitlement_id":"admin","resource_id":"global"}"#),
    )
    .await;
    assert_eq!(again.status, 200);
    assert_eq!(
        get(addr, "/api/associations?user_id=user-00004")
            .await
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let deleted = request(addr, "DELETE", "/api/users/user-00004", AUTH, None).await;
    assert_eq!((deleted.status, deleted.body.len()), (204, 0));
    assert_eq!(get(addr, "/api/users/user-00004").await.status, 404);
    assert_eq!(
        get(addr, "/api/associations?user_id=user-00004").await.body,
        b"[]"
    );
    assert_eq!(get(addr, "/api/health").await.json()["users"], 3);
    let missing_body = request(addr, "POST", "/api/users", AUTH, Some("")).await;
    assert_eq!(missing_body.status, 422);
}

#[tokio::test]
async fn python_fault_specs() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let failed = get(addr, "/_fault/500/api/users").await;
    assert_eq!(
        (failed.status, failed.body.as_slice()),
        (500, &br#"{"detail":"Injected failure (500)"}"#[..])
    );
    let limited = get(addr, "/_fault/429/api/users").await;
    assert_eq!(
        (limited.status, limited.header("retry-after")),
        (429, Some("1"))
    );
    let text = get(addr, "/_fault/500t/api/users").await;
    assert_eq!(
        (text.header("content-type"), text.body.as_slice()),
        (
            Some("text/plain; charset=utf-8"),
            &b"Internal Server Error"[..]
        )
    );
    let plain = get(addr, "/_fault/200t/api/users").await;
    assert_eq!(
        (plain.status, plain.body.as_slice()),
        (200, &b"plain text response (200)"[..])
    );
    assert_eq!(get(addr, "/_fault/503/x").await.status, 503);
    assert_eq!(get(addr, "/_fault/nonsense/api/users").await.status, 500);

    let delayed = get(addr, "/_fault/delay0.3/api/users?limit=1").await;
    assert_eq!(delayed.status, 200);
    assert!(
        delayed.end_at >= Duration::from_millis(300),
        "{:?}",
        delayed.end_at
    );
    let delayed_no_auth = request(addr, "GET", "/_fault/delay0/api/users", "", None).await;
    assert_eq!(delayed_no_auth.status, 401);

    let closed = get(addr, "/_fault/100/api/users").await;
    assert_eq!(
        (closed.status, closed.body.len()),
        (0, 0),
        "no response at all"
    );
}

#[tokio::test]
async fn added_fault_specs() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let limited = get(addr, "/_fault/429n/api/users").await;
    assert_eq!((limited.status, limited.header("retry-after")), (429, None));
    let limited_text = get(addr, "/_fault/429nt/api/users").await;
    assert_eq!(
        (
            limited_text.header("retry-after"),
            limited_text.body.as_slice()
        ),
        (None, &b"plain text response (429)"[..])
    );
    assert_eq!(get(addr, "/_fault/ok/api/users?limit=1").await.status, 200);
    assert_eq!(
        request(addr, "GET", "/_fault/ok/api/users", "", None)
            .await
            .status,
        401
    );

    let full = get(addr, "/api/users?limit=5").await.body;
    let truncated = get(addr, "/_fault/trunc/api/users?limit=5").await;
    assert_eq!(truncated.status, 200);
    assert_eq!(
        truncated.header("content-length"),
        Some(full.len().to_string().as_str())
    );
    assert_eq!(truncated.body, full[..full.len() / 2]);
    assert_eq!(truncated.error, None, "clean close");

    let reset = get(addr, "/_fault/reset/api/users?limit=5").await;
    assert_eq!(reset.status, 200);
    assert_eq!(reset.error, Some(ErrorKind::ConnectionReset));
    assert!(reset.body.len() < full.len());

    let slow = get(addr, "/_fault/slow0.5/api/users?limit=5").await;
    assert_eq!((slow.status, &slow.body), (200, &full));
    assert!(
        slow.head_at < Duration::from_millis(300),
        "headers early: {:?}",
        slow.head_at
    );
    assert!(
        slow.end_at >= Duration::from_millis(500),
        "body late: {:?}",
        slow.end_at
    );

    let statuses: Vec<u16> = {
        let mut out = Vec::new();
        for _ in 0..4 {
            out.push(
                get(addr, "/_fault/seq:429,503t,ok/api/users?limit=1")
                    .await
                    .status,
            );
        }
        out
    };
    assert_eq!(statuses, [429, 503, 200, 200]);
}

#[tokio::test]
async fn request_counters() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    get(addr, "/api/users").await;
    get(addr, "/api/users/user-00001").await;
    get(addr, "/api/users/user-00002").await;
    get(addr, "/_fault/seq:500,ok/api/users").await;
    get(addr, "/_fault/seq:500,ok/api/users").await;
    get(addr, "/nope").await;
    let stats = request(addr, "GET", "/_stats", "", None).await.json();
    assert_eq!(
        stats,
        json!({
            "total": 6,
            "routes": {"GET (no route)": 1, "GET /api/users": 3, "GET /api/users/{user_id}": 2},
            "faults": {"seq:500,ok": {"total": 2, "routes": {"GET /api/users": 2}}}
        })
    );
    assert_eq!(
        request(addr, "POST", "/_stats/reset", "", None)
            .await
            .status,
        204
    );
    assert_eq!(
        request(addr, "GET", "/_stats", "", None).await.json(),
        json!({"total": 0, "routes": {}, "faults": {}})
    );
    // The sequence starts over after a reset.
    assert_eq!(get(addr, "/_fault/seq:500,ok/api/users").await.status, 500);
    assert_eq!(
        request(addr, "DELETE", "/_stats", "", None).await.status,
        204
    );
    assert_eq!(
        request(addr, "GET", "/_stats", "", None).await.json()["total"],
        0
    );
}

#[tokio::test]
async fn stops_when_asked() {
    let mut server = start(Config::default()).await;
    assert_eq!(get(server.addr, "/api/health").await.status, 200);
    let _ = server.stop.take().map(|stop| stop.send(()));
    let result = tokio::time::timeout(Duration::from_secs(5), &mut server.task).await;
    assert!(matches!(result, Ok(Ok(Ok(())))), "{result:?}");
    assert!(TcpStream::connect(server.addr).await.is_err());
}

#[test]
fn background_server_for_plain_tests() {
    use std::io::{Read, Write};
    let server = BackgroundServer::start(Config {
        users: 2,
        ..Config::default()
    })
    .expect("start");
    assert_eq!(server.url(), format!("http://{}", server.addr()));
    let mut stream = std::net::TcpStream::connect(server.addr()).expect("connect");
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    assert!(reply.ends_with(r#"{"status":"ok","users":2}"#), "{reply}");
    let addr = server.addr();
    drop(server);
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "stopped on drop"
    );
}

#[cfg(unix)]
#[test]
fn binary_prints_address_and_exits_on_sigterm() {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::process::{Child, Command, Stdio};

    /// Kills the server if the test fails half-way.
    struct Reap(Child);
    impl Drop for Reap {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let mut child = Reap(
        Command::new(env!("CARGO_BIN_EXE_mockapp-server"))
            .args(["--port", "0", "--users", "3"])
            .env_remove("PORT")
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn"),
    );
    let mut line = String::new();
    let stdout = child.0.stdout.take().expect("stdout");
    BufReader::new(stdout).read_line(&mut line).expect("read");
    let addr = line
        .trim()
        .strip_prefix("listening on http://")
        .expect("address line");
    assert!(addr.starts_with("127.0.0.1:"), "{line}");

    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    write!(
        stream,
        "GET /api/health HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut reply = String::new();
    stream.read_to_string(&mut reply).expect("reply");
    assert!(reply.ends_with(r#"{"status":"ok","users":3}"#), "{reply}");

    // The shell's own `kill`, so no kill binary is needed.
    let term = format!("kill -TERM {}", child.0.id());
    assert!(
        Command::new("sh")
            .args(["-c", &term])
            .status()
            .expect("sh")
            .success()
    );
    let status = child.0.wait().expect("wait");
    assert!(status.success(), "{status:?}");
}
