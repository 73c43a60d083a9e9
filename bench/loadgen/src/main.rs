//! The server benchmark's tools (`bench/server.sh` runs them):
//!
//! - `loadgen http URL MIX CONCURRENCY SECONDS`: keeps CONCURRENCY requests in flight for
//!   SECONDS against URL, each worker on its own kept-alive connection, going round the
//!   requests of MIX (a JSON array of `{"path": ..., "body": {...}}`);
//! - `loadgen cli BINARY MIX CONCURRENCY SECONDS`: the same through the command line, one
//!   process per request (`BINARY <capability> --json -`, the request on stdin);
//! - `loadgen floor PORT`: a bare axum server answering every POST with a fixed envelope,
//!   the least any server on this machine can cost.
//!
//! Each measuring run prints one JSON line: requests, errors (a non-200 answer, an error
//! envelope or no answer), requests per second, and the p50 and p99 latency in milliseconds.

mod measure;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("loadgen: cannot start a runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["http", url, mix, concurrency, seconds] => {
            runtime.block_on(measure::http(url, mix, concurrency, seconds))
        }
        ["cli", binary, mix, concurrency, seconds] => {
            runtime.block_on(measure::cli(binary, mix, concurrency, seconds))
        }
        ["floor", port] => runtime.block_on(floor(port)),
        _ => Err("usage: loadgen http URL MIX CONCURRENCY SECONDS | cli BINARY MIX CONCURRENCY SECONDS | floor PORT".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("loadgen: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The envelope the floor answers: a `validate_credentials` success, as the connector's.
const FIXED: &str = r#"{"response":{"valid":true,"unique_tenant_id":"mockapp-tenant"},"raw_data":null,"page":null}"#;

async fn floor(port: &str) -> Result<(), String> {
    let port: u16 = port.parse().map_err(|_| format!("not a port: {port}"))?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| format!("cannot listen on {port}: {e}"))?;
    let router =
        axum::Router::new().fallback(|| async { ([("content-type", "application/json")], FIXED) });
    eprintln!("floor on http://127.0.0.1:{port}");
    axum::serve(listener, router)
        .await
        .map_err(|e| e.to_string())
}
