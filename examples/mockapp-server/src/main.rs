//! `mockapp-server [--host H] [--port N] [--users N] [OAuth flags]`: serves
//! the MockApp API (and its OAuth server) until Ctrl-C or SIGTERM. Once bound it prints `listening on http://ADDR`
//! on stdout; `--port 0` picks a free port.

use mockapp_server::{Config, parse_seconds, serve};
use std::process::ExitCode;
use std::time::Duration;
use tokio::net::TcpListener;

const USAGE: &str = "\
usage: mockapp-server [--host HOST] [--port PORT] [--users N] [OAuth flags]

  --host HOST   address to bind (default 127.0.0.1)
  --port PORT   port to bind; 0 picks a free one (default $PORT or 8000)
  --users N     seeded users (default $MOCK_USERS or 25)

OAuth server (lifetimes in seconds, fractions allowed):
  --oauth-client-id ID          registered client (default $MOCK_OAUTH_CLIENT_ID or mockapp-client)
  --oauth-client-secret SECRET  its secret (default $MOCK_OAUTH_CLIENT_SECRET or mockapp-secret)
  --code-ttl SECONDS            authorization codes (default $MOCK_OAUTH_CODE_TTL or 60)
  --access-token-ttl SECONDS    access tokens (default $MOCK_OAUTH_ACCESS_TOKEN_TTL or 3600)
  --refresh-token-ttl SECONDS   refresh tokens (default $MOCK_OAUTH_REFRESH_TOKEN_TTL or 86400)

Other settings come from MOCK_TOKEN, MOCK_MAX_LIMIT and MOCK_DEFAULT_LIMIT.";

struct Args {
    host: String,
    port: u16,
    users: Option<i64>,
    client_id: Option<String>,
    client_secret: Option<String>,
    code_ttl: Option<Duration>,
    access_ttl: Option<Duration>,
    refresh_ttl: Option<Duration>,
}

fn seconds(flag: &str, value: &str) -> Result<Option<Duration>, String> {
    parse_seconds(value)
        .map(Some)
        .ok_or_else(|| format!("{flag} must be a number of seconds, got {value:?}"))
}

/// `Ok(None)` means help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let port = match std::env::var("PORT") {
        Ok(port) => port
            .trim()
            .parse()
            .map_err(|_| format!("PORT must be a port number, got {port:?}"))?,
        Err(_) => 8000,
    };
    let mut parsed = Args {
        host: "127.0.0.1".to_owned(),
        port,
        users: None,
        client_id: None,
        client_secret: None,
        code_ttl: None,
        access_ttl: None,
        refresh_ttl: None,
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let value = inline
            .or_else(|| args.next())
            .ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--host" => parsed.host = value,
            "--port" => {
                parsed.port = value
                    .parse()
                    .map_err(|_| format!("--port must be a port number, got {value:?}"))?
            }
            "--users" => {
                parsed.users = Some(
                    value
                        .parse()
                        .map_err(|_| format!("--users must be an integer, got {value:?}"))?,
                )
            }
            "--oauth-client-id" => parsed.client_id = Some(value),
            "--oauth-client-secret" => parsed.client_secret = Some(value),
            "--code-ttl" => parsed.code_ttl = seconds(&flag, &value)?,
            "--access-token-ttl" => parsed.access_ttl = seconds(&flag, &value)?,
            "--refresh-token-ttl" => parsed.refresh_ttl = seconds(&flag, &value)?,
            _ => return Err(format!("unknown argument {flag}")),
        }
    }
    Ok(Some(parsed))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("mockapp-server: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("mockapp-server: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(users) = args.users {
        config.users = users;
    }
    if let Some(id) = args.client_id {
        config.oauth_client_id = id;
    }
    if let Some(secret) = args.client_secret {
        config.oauth_client_secret = secret;
    }
    if let Some(ttl) = args.code_ttl {
        config.oauth_code_ttl = ttl;
    }
    if let Some(ttl) = args.access_ttl {
        config.oauth_access_token_ttl = ttl;
    }
    if let Some(ttl) = args.refresh_ttl {
        config.oauth_refresh_token_ttl = ttl;
    }
    let listener = match TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "mockapp-server: cannot bind {}:{}: {e}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("listening on http://{addr}"),
        Err(e) => {
            eprintln!("mockapp-server: {e}");
            return ExitCode::FAILURE;
        }
    }
    match serve(listener, config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mockapp-server: {e}");
            ExitCode::FAILURE
        }
    }
}
