//! Whether the caller started the connector with stdout closed (`>&-`).
//!
//! Before `main`, Rust's standard library reopens closed standard descriptors on `/dev/null`
//! (so a file or socket opened later cannot take their numbers). A closed stdout therefore
//! looks like a working one, the envelope disappears, and the caller would read exit 0 as
//! success. On Linux the state of descriptor 1 is recorded earlier still, by a constructor
//! that runs before the standard library's start-up; elsewhere the check finds nothing.

/// Whether descriptor 1 was closed when the process started.
pub(super) fn stdout_was_closed() -> bool {
    #[cfg(target_os = "linux")]
    return startup::STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed);
    #[cfg(not(target_os = "linux"))]
    return false;
}

#[cfg(target_os = "linux")]
mod startup {
    use std::os::fd::BorrowedFd;
    use std::sync::atomic::{AtomicBool, Ordering};

    pub(super) static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

    /// Run by the C start-up code, before Rust's `main` and its descriptor fix-up.
    #[used]
    #[unsafe(link_section = ".init_array")]
    static RECORD: extern "C" fn() = record;

    extern "C" fn record() {
        // SAFETY: descriptor 1 is only duplicated (and the copy closed), never used as a file;
        // `fcntl` fails cleanly when it is not open.
        let stdout = unsafe { BorrowedFd::borrow_raw(1) };
        let closed = stdout.try_clone_to_owned().is_err();
        STDOUT_CLOSED.store(closed, Ordering::Relaxed);
    }
}
