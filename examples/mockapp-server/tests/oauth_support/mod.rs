//! What the OAuth tests share: a server on a free loopback port, raw
//! HTTP/1.1 requests (as in `tests/server.rs`), and the steps of the code flow.

#![allow(dead_code)]

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use mockapp_server::{Config, serve_until};
use serde_json::Value;
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// RFC 7636 appendix B: a verifier and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
pub const REDIRECT: &str = "http://localhost:9/callback";
pub const FORM: &str = "application/x-www-form-urlencoded";

/// Stops the server when dropped.
pub struct Server {
    pub addr: SocketAddr,
    _stop: oneshot::Sender<()>,
}

pub async fn start(config: Config) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve_until(listener, config, async {
        let _ = stopped.await;
    }));
    Server { addr, _stop: stop }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The status and the `error` member of the body.
    pub fn error(&self) -> (u16, Value) {
        (self.status, self.json()["error"].clone())
    }
}

/// One request with `Connection: close`; `extra` holds header lines and
/// `body` a content type and the body.
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    extra: &str,
    body: Option<(&str, &str)>,
) -> Reply {
    let mut raw =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}");
    if let Some((content_type, body)) = body {
        raw.push_str(&format!(
            "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ));
    } else {
        raw.push_str("Content-Length: 0\r\n\r\n");
    }
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(raw.as_bytes()).await.expect("send");
    let mut data = Vec::new();
    stream.read_to_end(&mut data).await.expect("read");
    let split = data
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a full head");
    let head = String::from_utf8_lossy(&data[..split]).into_owned();
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
        body: data[split + 4..].to_vec(),
    }
}

pub fn basic(id: &str, secret: &str) -> String {
    format!(
        "Authorization: Basic {}\r\n",
        STANDARD.encode(format!("{id}:{secret}"))
    )
}

pub fn default_basic() -> String {
    basic("mockapp-client", "mockapp-secret")
}

/// `POST /oauth/token` with a form body and Basic client authentication.
pub async fn token(addr: SocketAddr, form: &str) -> Reply {
    request(
        addr,
        "POST",
        "/oauth/token",
        &default_basic(),
        Some((FORM, form)),
    )
    .await
}

/// The status of `GET /api/users?limit=1` with `access_token`.
pub async fn api_status(addr: SocketAddr, access_token: &str) -> u16 {
    let auth = format!("Authorization: Bearer {access_token}\r\n");
    request(addr, "GET", "/api/users?limit=1", &auth, None)
        .await
        .status
}

/// The decoded query pairs of a `Location` value.
pub fn location_query(location: &str) -> Vec<(String, String)> {
    let query = location.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| {
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(s)
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

pub fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Runs `/oauth/authorize` for the default client with `extra` query
/// parameters and returns the code from the redirect.
pub async fn authorize(addr: SocketAddr, extra: &str) -> String {
    let path = format!(
        "/oauth/authorize?response_type=code&client_id=mockapp-client&redirect_uri={REDIRECT}{extra}"
    );
    let reply = request(addr, "GET", &path, "", None).await;
    assert_eq!(
        reply.status,
        302,
        "{:?}",
        String::from_utf8_lossy(&reply.body)
    );
    let location = reply.header("location").expect("Location");
    let pairs = location_query(location);
    param(&pairs, "code").expect("a code").to_owned()
}

pub async fn authorize_pkce(addr: SocketAddr) -> String {
    let extra = format!("&code_challenge={CHALLENGE}&code_challenge_method=S256");
    authorize(addr, &extra).await
}

pub fn exchange(code: &str, verifier: &str) -> String {
    format!(
        "grant_type=authorization_code&code={code}&redirect_uri={REDIRECT}&code_verifier={verifier}"
    )
}
