//! The accept loop: HTTP/1.1 on hyper, with a handle per connection so that
//! faults can drop it without answering or reset it, and a graceful stop.

use crate::Config;
use axum::body::Body;
use axum::http::Request;
use axum::response::Response;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::{Service, service_fn};
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// How long a stop waits for requests still running (a long `delayN` for
/// instance) before giving up on them.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(1);

/// Response extension: send nothing and close the connection.
#[derive(Debug, Clone, Copy)]
pub struct CloseConnection;

/// Request extension: the server's own address, for absolute redirect URLs
/// when the `Host` header is unusable.
#[derive(Debug, Clone, Copy)]
pub struct LocalAddr(pub SocketAddr);

/// Request extension: control over the connection the request came on.
#[derive(Debug, Default)]
pub struct ConnControl {
    reset: AtomicBool,
}

impl ConnControl {
    /// Makes the coming close of this connection a TCP reset (RST).
    pub fn request_reset(&self) {
        self.reset.store(true, Ordering::Relaxed);
    }
}

/// Serves [`crate::app`] on `listener` until Ctrl-C or SIGTERM.
pub async fn serve(listener: TcpListener, config: Config) -> io::Result<()> {
    serve_until(listener, config, shutdown_signal()).await
}

/// Serves [`crate::app`] on `listener` until `shutdown` completes, then waits
/// up to a second for running requests.
pub async fn serve_until(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> io::Result<()> {
    let router = TowerToHyperService::new(crate::app(config));
    let local = LocalAddr(listener.local_addr()?);
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: back off, keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let control = Arc::new(ConnControl::default());
        let per_request = Arc::clone(&control);
        let router = router.clone();
        let service = service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(Arc::clone(&per_request));
            request.extensions_mut().insert(local);
            let answer = router.call(request);
            async move {
                let response: Response = answer.await.unwrap_or_else(|never| match never {});
                match response.extensions().get::<CloseConnection>() {
                    Some(_) => Err(Dropped),
                    None => Ok::<Response<Body>, Dropped>(response),
                }
            }
        });
        let io = TokioIo::new(ConnIo { stream, control });
        let connection = graceful.watch(http1::Builder::new().serve_connection(io, service));
        tokio::spawn(async move {
            // Errors here are the client's or injected faults: nothing to do.
            let _ = connection.await;
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN_TIMEOUT) => {}
    }
    Ok(())
}

/// Resolves on Ctrl-C or (on Unix) SIGTERM; never, if neither can be watched.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// The service error that makes hyper drop a connection without answering.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

/// A TCP stream that closes with RST instead of FIN when asked to.
struct ConnIo {
    stream: TcpStream,
    control: Arc<ConnControl>,
}

impl Drop for ConnIo {
    fn drop(&mut self) {
        if self.control.reset.load(Ordering::Relaxed) {
            // Best effort: if this fails the client sees a plain close.
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for ConnIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ConnIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.control.reset.load(Ordering::Relaxed) {
            // No FIN: the drop that follows sends the RST.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
