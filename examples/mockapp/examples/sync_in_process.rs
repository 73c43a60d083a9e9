//! Benchmark helper: a full `list_accounts` sync with every page in ONE process.
//!
//! Each page goes through the same entry point as the `mockapp` binary,
//! `connector_runtime::cli::run`: argv parsing, request parsing, dispatch on a fresh Tokio
//! runtime with a fresh HTTP client (so a new connection per page), and the JSON envelope
//! written to a buffer. Only process start-up is left out. Used by `bench/run.sh`.
//!
//! ```sh
//! cargo run --release -p mockapp --example sync_in_process -- http://127.0.0.1:PORT [PAGE_SIZE] [REPEATS] [MODE]
//! ```
//!
//! Prints one JSON line per repeat: `{"pages", "accounts", "unique", "loop_s", "run_s"}`, where
//! `loop_s` is the whole loop (building requests and reading page tokens included) and `run_s`
//! the time spent inside `cli::run` alone. Exits 1 if a page fails.
//!
//! MODE `client` (diagnostic; default `cli`) skips the connector and fetches the same pages
//! with ONE `connector_runtime::http::HttpClient` on ONE runtime (connections kept alive):
//! what the runtime's HTTP stack costs when nothing is rebuilt per page.

use std::collections::HashSet;
use std::ffi::OsString;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use connector_runtime::Integration;
use connector_runtime::cli::{self, Streams};
use mockapp::Mockapp;
use serde::Deserialize;
use serde_json::{Value, json};

/// The parts of a `list_accounts` envelope the loop needs; the rest is skipped unparsed.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    is_error: Option<bool>,
    #[serde(default)]
    response: Vec<Account>,
    #[serde(default)]
    page: Option<Page>,
}

#[derive(Deserialize)]
struct Account {
    integration_specific_id: String,
}

#[derive(Deserialize)]
struct Page {
    token: Option<String>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(url) = args.first() else {
        eprintln!("usage: sync_in_process URL [PAGE_SIZE] [REPEATS]");
        return ExitCode::from(2);
    };
    let size: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100);
    let repeats: u32 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    if args.get(3).map(String::as_str) == Some("client") {
        return shared_client(url, size, repeats);
    }
    let app = Mockapp::APP;
    for _ in 0..repeats {
        let (mut pages, mut accounts) = (0usize, 0usize);
        let mut unique = HashSet::new();
        let mut token: Option<String> = None;
        let mut in_run = Duration::ZERO;
        let start = Instant::now();
        loop {
            let mut page = json!({ "size": size });
            if let Some(token) = token.take() {
                page["token"] = Value::String(token);
            }
            let request = json!({
                "auth": { "token": { "token": "valid-token" } },
                "request": {},
                "settings": { "api_url": url },
                "page": page,
            });
            let argv: [OsString; 3] = [
                "list_accounts".into(),
                "--json".into(),
                request.to_string().into(),
            ];
            let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
            let mut streams = Streams {
                stdin: &mut std::io::empty(),
                stdout: &mut stdout,
                stderr: &mut stderr,
            };
            let t = Instant::now();
            let status = cli::run(&app, "mockapp", &argv, &mut streams);
            in_run += t.elapsed();
            let envelope = match serde_json::from_slice::<Envelope>(&stdout) {
                Ok(v) if status == 0 && v.is_error != Some(true) => v,
                _ => {
                    eprintln!(
                        "page {pages} failed (exit {status}): {}{}",
                        String::from_utf8_lossy(&stdout),
                        String::from_utf8_lossy(&stderr)
                    );
                    return ExitCode::from(1);
                }
            };
            pages += 1;
            accounts += envelope.response.len();
            unique.extend(
                envelope
                    .response
                    .into_iter()
                    .map(|a| a.integration_specific_id),
            );
            match envelope.page.and_then(|p| p.token) {
                Some(next) => token = Some(next),
                None => break,
            }
        }
        let loop_s = start.elapsed().as_secs_f64();
        println!(
            "{}",
            json!({
                "pages": pages,
                "accounts": accounts,
                "unique": unique.len(),
                "loop_s": loop_s,
                "run_s": in_run.as_secs_f64(),
            })
        );
    }
    ExitCode::SUCCESS
}

/// The `client` mode: the same GETs through one reused `HttpClient`, typed as the connector
/// reads them (`mockapp::client::UsersPage`).
fn shared_client(url: &str, size: u64, repeats: u32) -> ExitCode {
    use connector_runtime::Secret;
    use connector_runtime::http::HttpClient;
    use mockapp::client::UsersPage;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let client = HttpClient::builder(url)
        .bearer(&Secret::new(String::from("valid-token")))
        .build();
    let (Ok(runtime), Ok(client)) = (runtime, client) else {
        eprintln!("cannot build the runtime or the client");
        return ExitCode::from(1);
    };
    for _ in 0..repeats {
        let (mut pages, mut accounts, mut offset) = (0usize, 0usize, 0u64);
        let mut unique = HashSet::new();
        let start = Instant::now();
        loop {
            let mut query = vec![("limit", size)];
            if offset > 0 {
                query.push(("offset", offset));
            }
            let page: UsersPage =
                match runtime.block_on(client.get("/api/users").query(&query).send_json()) {
                    Ok(page) => page,
                    Err(e) => {
                        eprintln!("page {pages} failed: {e}");
                        return ExitCode::from(1);
                    }
                };
            pages += 1;
            accounts += page.items.len();
            offset += page.items.len() as u64;
            unique.extend(page.items.into_iter().map(|u| u.id));
            if !page.has_more {
                break;
            }
        }
        let loop_s = start.elapsed().as_secs_f64();
        println!(
            "{}",
            json!({ "pages": pages, "accounts": accounts, "unique": unique.len(),
                    "loop_s": loop_s, "run_s": loop_s })
        );
    }
    ExitCode::SUCCESS
}
