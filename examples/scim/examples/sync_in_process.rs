//! Benchmark helper: a full `list_accounts` sync of a SCIM service with every page in one
//! process, each through `connector_runtime::cli::run`, the `scim` binary's own entry point
//! (only process start-up is left out). Used by `bench/scim/run.sh`.
//!
//! ```sh
//! cargo run --release -p scim --example sync_in_process -- BASE_URL TOKEN [PAGE_SIZE]
//! ```
//!
//! Prints `{"users", "pages", "seconds"}`; exits 1 on an error page or a repeated user.

use std::collections::HashSet;
use std::ffi::OsString;
use std::process::ExitCode;
use std::time::Instant;

use connector_runtime::Integration;
use connector_runtime::cli::{self, Streams};
use scim::Scim;
use serde_json::{Value, json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(url), Some(token)) = (args.first(), args.get(1)) else {
        eprintln!("usage: sync_in_process BASE_URL TOKEN [PAGE_SIZE]");
        return ExitCode::from(2);
    };
    let size: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(100);
    let app = Scim::APP;
    let started = Instant::now();
    let (mut pages, mut seen) = (0, HashSet::new());
    let mut token_of_page: Option<String> = None;
    loop {
        let mut page = json!({"size": size});
        if let Some(next) = token_of_page.take() {
            page["token"] = Value::String(next);
        }
        let request = json!({
            "auth": {"token": {"token": token}},
            "settings": {"base_url": url},
            "request": {},
            "page": page,
        });
        let argv: Vec<OsString> = vec![
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
        cli::run(&app, "scim", &argv, &mut streams);
        pages += 1;
        let envelope: Value = serde_json::from_slice(&stdout).unwrap_or(Value::Null);
        let Some(accounts) = envelope["response"].as_array() else {
            eprintln!("page {pages} failed: {}", String::from_utf8_lossy(&stdout));
            return ExitCode::FAILURE;
        };
        for account in accounts {
            let id = account["integration_specific_id"]
                .as_str()
                .unwrap_or_default();
            if !seen.insert(id.to_owned()) {
                eprintln!("user {id} came twice");
                return ExitCode::FAILURE;
            }
        }
        match envelope["page"]["token"].as_str() {
            Some(next) => token_of_page = Some(next.to_owned()),
            None => break,
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{}",
        json!({"users": seen.len(), "pages": pages, "seconds": seconds})
    );
    ExitCode::SUCCESS
}
