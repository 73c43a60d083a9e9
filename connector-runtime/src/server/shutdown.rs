//! Serving until SIGTERM or Ctrl-C, then draining: the listener closes at once, idle
//! connections close, and requests in flight have the drain time to finish.

use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// Why serving ended other than with every request answered.
#[derive(Debug)]
pub(super) enum Cut {
    /// Requests were still running when the drain time ran out.
    Drain,
    /// The server itself failed.
    Io(std::io::Error),
}

/// SIGTERM and Ctrl-C, listened for from the moment this is made (a signal that arrives
/// before the server starts still stops it, instead of killing the process).
pub(super) struct StopSignal {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
}

impl StopSignal {
    /// Starts listening; needs a Tokio runtime with its I/O driver.
    pub(super) fn listen() -> std::io::Result<Self> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(StopSignal {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
            })
        }
        #[cfg(not(unix))]
        Ok(StopSignal {})
    }

    /// Completes on the first stop signal.
    async fn received(mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.interrupt.recv() => {}
        }
        #[cfg(not(unix))]
        {
            let _ = &mut self;
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}

/// Serves `router` on `listener` until `signal`, then for at most `drain` more.
pub(super) async fn serve_until_stopped(
    listener: TcpListener,
    router: Router,
    signal: StopSignal,
    drain: Duration,
) -> Result<(), Cut> {
    let (stopping, mut stopped) = watch::channel(false);
    let server = axum::serve(listener, router).with_graceful_shutdown(async move {
        signal.received().await;
        tracing::info!("stopping: no new connections; draining the requests in flight");
        let _ = stopping.send(true);
    });
    let drain_over = async move {
        let _ = stopped.wait_for(|stopping| *stopping).await;
        tokio::time::sleep(drain).await;
    };
    tokio::select! {
        served = server.into_future() => served.map_err(Cut::Io),
        () = drain_over => Err(Cut::Drain),
    }
}
