//! `cargo run -p mockapp-demo`: the tutorial's Part 3, end to end.
//!
//! Starts the MockApp API on a free loopback port, runs each of the tutorial's commands
//! through the connector's command line in a child process, prints what it printed, and
//! stops the server. The child is this same executable started as `mockapp-demo connector
//! ...`, which runs exactly what the `mockapp` binary runs.

use std::process::{Command, ExitCode};

use mockapp_server::{BackgroundServer, Config};
use serde_json::json;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("connector") {
        return connector_runtime::cli::main_with_args::<mockapp::Mockapp>("mockapp", args);
    }
    let server = match BackgroundServer::start(Config::default()) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("cannot start the mock API: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "MockApp API listening on {} (25 users, token `valid-token`)\n",
        server.url()
    );
    let envelope = |request: serde_json::Value| {
        json!({"auth": {"token": {"token": "valid-token"}}, "request": request, "settings": {"api_url": server.url()}})
            .to_string()
    };
    let steps = [
        (
            "Validate credentials",
            "validate_credentials",
            envelope(json!({})),
        ),
        ("List accounts", "list_accounts", envelope(json!({}))),
        (
            "Create a new user",
            "create_account",
            envelope(json!({"email": "new.user@example.com", "display_name": "New User"})),
        ),
    ];
    let mut failed = false;
    for (title, capability, request) in steps {
        println!("# {title}\n$ mockapp {capability} --json '{request}'");
        match run_connector(capability, &request) {
            Ok((code, stdout)) => {
                print!("{stdout}");
                println!("(exit status {code})\n");
                failed |= code != 0 || stdout.contains("\"is_error\":true");
            }
            Err(e) => {
                eprintln!("cannot run the connector: {e}");
                failed = true;
            }
        }
    }
    drop(server);
    println!("Mock API stopped.");
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs `<this exe> connector <capability> --json <request>` and returns its exit status and
/// stdout.
fn run_connector(capability: &str, request: &str) -> std::io::Result<(i32, String)> {
    let output = Command::new(std::env::current_exe()?)
        .args(["connector", capability, "--json", request])
        .output()?;
    Ok((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}
