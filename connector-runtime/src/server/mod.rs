//! `dev http-server`: the connector as a long-lived HTTP service on axum. `POST /<capability>`
//! answers 200 with exactly the envelope the command line prints for the same request, through
//! the same [`dispatch`](crate::dispatch::dispatch); `GET /openapi.json` is the `app_info`
//! document and `GET /healthz` says the server is up. A stop signal (SIGTERM, Ctrl-C) closes
//! the listener, lets the requests in flight finish for at most the drain time, and exits.

mod access_log;
mod routes;
mod shutdown;

use std::io::Write;
use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::cli::modes::ServerOptions;
use crate::integration::App;
use routes::{Shared, openapi_document, router};

/// Runs the server until it is told to stop; the exit status: 0 when every request in flight
/// finished, 1 when it could not start or the drain time cut requests short.
pub(crate) fn serve(app: &App, options: &ServerOptions, stderr: &mut dyn Write) -> u8 {
    let Some(runtime) = crate::host_runtime::start(stderr) else {
        return 1;
    };
    runtime.block_on(serve_on(*app, options, stderr))
}

async fn serve_on(app: App, options: &ServerOptions, stderr: &mut dyn Write) -> u8 {
    let address = (options.host.as_str(), options.port);
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(e) => {
            let _ = writeln!(
                stderr,
                "error: cannot listen on {}:{}: {e}",
                options.host, options.port
            );
            return 1;
        }
    };
    let signal = match shutdown::StopSignal::listen() {
        Ok(signal) => signal,
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot listen for stop signals: {e}");
            return 1;
        }
    };
    let shared = Shared {
        app,
        permits: Arc::new(Semaphore::new(options.max_concurrency)),
        openapi: openapi_document(&app).await.into(),
    };
    let permits = Arc::clone(&shared.permits);
    if let Ok(local) = listener.local_addr() {
        // The one line a supervisor (or a test) waits for; it names the port `-p 0` picked.
        let _ = writeln!(stderr, "Serving {} on http://{local}", app.app_id);
        let _ = stderr.flush();
    }
    let cut = shutdown::serve_until_stopped(listener, router(shared), signal, options.drain).await;
    match cut {
        Ok(()) => 0,
        Err(shutdown::Cut::Drain) => {
            let running = options.max_concurrency - permits.available_permits();
            let _ = writeln!(
                stderr,
                "error: stopped after {}s with {running} request(s) still running",
                options.drain.as_secs()
            );
            1
        }
        Err(shutdown::Cut::Io(e)) => {
            let _ = writeln!(stderr, "error: the server failed: {e}");
            1
        }
    }
}
