//! The Tokio runtime of a long-lived mode (`dev http-server`, `lambda`): one worker per core,
//! timers and I/O on.

use std::io::Write;

use tokio::runtime::Runtime;

/// The runtime, or `None` after saying on `stderr` why there is none.
pub(crate) fn start(stderr: &mut dyn Write) -> Option<Runtime> {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => Some(runtime),
        Err(e) => {
            let _ = writeln!(stderr, "error: cannot start the async runtime: {e}");
            None
        }
    }
}
