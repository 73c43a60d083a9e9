//! A `scim2-server` (PyPI, an in-memory SCIM 2.0 server nobody here wrote) per test, on a free
//! loopback port with a generated bearer token, and a small blocking client to seed it.
//!
//! The server is found at `$SCIM2_SERVER`, else in the virtual environment `.ci/run` makes
//! (`target/scim-venv`), else on `PATH`. Without it the tests say `SKIPPED` and pass, except
//! under `CI=true`, where they fail: CI installs it, so a skip there would hide a broken setup.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The pinned version `.ci/run` installs.
pub const VERSION: &str = "0.8.3";

/// A running `scim2-server`.
pub struct ScimServer {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// The bearer token it accepts.
    pub token: String,
}

fn executable() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SCIM2_SERVER") {
        return Some(PathBuf::from(path));
    }
    let venv = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/scim-venv/bin/scim2-server"
    ));
    if venv.is_file() {
        return Some(venv);
    }
    let on_path = Command::new("scim2-server")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    on_path
        .is_ok_and(|status| status.success())
        .then(|| PathBuf::from("scim2-server"))
}

impl ScimServer {
    /// Starts a server, or `None` after saying why the test is skipped.
    pub fn start() -> Option<ScimServer> {
        let Some(executable) = executable() else {
            reference_files::skip(&format!(
                "scim2-server is not installed (pip install scim2-server=={VERSION}, or set SCIM2_SERVER)"
            ));
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let token = format!("scim-test-{}-{}", std::process::id(), port);
        let child = Command::new(&executable)
            .args([
                "--hostname",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--bearer-token",
                &token,
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", executable.display()));
        let server = ScimServer {
            child,
            url: format!("http://127.0.0.1:{port}"),
            token,
        };
        let until = Instant::now() + Duration::from_secs(20);
        while server
            .try_send("GET", "/ServiceProviderConfig", None)
            .is_err()
        {
            assert!(
                Instant::now() < until,
                "scim2-server did not start on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(server)
    }

    /// The request envelope for the connector, with `payload`.
    pub fn request(&self, payload: Value) -> Value {
        json!({
            "auth": {"token": {"token": self.token}},
            "settings": {"base_url": self.url},
            "request": payload,
        })
    }

    /// `method path` with a JSON `body`, as the token's holder; the status and the JSON body.
    pub fn send(&self, method: &str, path: &str, body: Option<&Value>) -> (u16, Value) {
        self.try_send(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    fn try_send(
        &self,
        method: &str,
        path: &str,
        body: Option<&Value>,
    ) -> std::io::Result<(u16, Value)> {
        let address = self.url.trim_start_matches("http://");
        let mut stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let body = body.map(Value::to_string).unwrap_or_default();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {}\r\nContent-Type: application/scim+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.token,
            body.len()
        )?;
        let mut raw = String::new();
        stream.read_to_string(&mut raw)?;
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|status| status.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("not an HTTP answer: {head}")))?;
        Ok((status, serde_json::from_str(body).unwrap_or(Value::Null)))
    }

    /// Creates a user; its id.
    pub fn add_user(&self, user_name: &str, given: &str, family: &str) -> String {
        let (status, user) = self.send(
            "POST",
            "/Users",
            Some(&json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": user_name,
                "name": {"givenName": given, "familyName": family},
                "emails": [{"value": format!("{user_name}@example.com"), "primary": true}],
                "active": true,
            })),
        );
        assert_eq!(status, 201, "{user}");
        user["id"].as_str().expect("an id").to_owned()
    }

    /// Creates `count` users, `user1` (`Given1 Family1`) on; their ids.
    pub fn add_users(&self, count: usize) -> Vec<String> {
        (1..=count)
            .map(|i| {
                self.add_user(
                    &format!("user{i}"),
                    &format!("Given{i}"),
                    &format!("Family{i}"),
                )
            })
            .collect()
    }

    /// Creates a group with `members`; its id.
    pub fn add_group(&self, name: &str, members: &[&str]) -> String {
        let members: Vec<Value> = members.iter().map(|id| json!({"value": id})).collect();
        let (status, group) = self.send(
            "POST",
            "/Groups",
            Some(&json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                "displayName": name,
                "members": members,
            })),
        );
        assert_eq!(status, 201, "{group}");
        group["id"].as_str().expect("an id").to_owned()
    }
}

impl Drop for ScimServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
