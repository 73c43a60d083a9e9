//! A server on its own thread, for tests that are not async themselves.

use crate::{Config, serve_until};
use std::io;
use std::net::SocketAddr;
use std::thread::JoinHandle;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// The server running on a free loopback port in a thread of its own; it
/// stops (waiting up to a second for running requests) when dropped.
pub struct BackgroundServer {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundServer {
    /// Binds `127.0.0.1:0` and starts serving; requests that arrive while the
    /// data is still being seeded wait for it.
    pub fn start(config: Config) -> io::Result<BackgroundServer> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("mockapp-server {addr}"))
            .spawn(move || {
                runtime.block_on(async move {
                    // Fails only without an I/O driver, which this runtime has.
                    if let Ok(listener) = TcpListener::from_std(listener) {
                        let _ = serve_until(listener, config, async {
                            let _ = stopped.await;
                        })
                        .await;
                    }
                });
            })?;
        Ok(BackgroundServer {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the base URL to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for BackgroundServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
