//! The one way tests reach the read-only reference files in `../shared` (the Lumos spec, the
//! Python reference and its recorded runs), and the one rule for when something is missing.
//!
//! A newcomer's clone has no `../shared`, so there a test that needs it is skipped, with a
//! line written straight to the terminal (libtest hides what passing tests print). Under
//! `CI=true` the same absence fails the test, naming what is missing: CI always has the
//! references, so a skip there would be a comparison that silently never ran.

use std::io::Write;
use std::path::PathBuf;

/// The `shared` directory beside the repository (`<repo>/../shared`).
pub fn shared_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

/// The path of `relative` under `shared/`, whether or not it exists.
pub fn path(relative: &str) -> PathBuf {
    shared_dir().join(relative)
}

/// The text of `shared/<relative>`, or `None` after [`skip`] when it cannot be read.
pub fn read(relative: &str) -> Option<String> {
    let path = path(relative);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            skip(&format!("cannot read {}: {e}", path.display()));
            None
        }
    }
}

/// Whether this run is CI's (`CI` set to anything but `false` or `0`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Skips what the calling test was about to check, because of `why`: a panic under CI, a
/// visible `SKIPPED` line otherwise.
pub fn skip(why: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    if in_ci() {
        panic!("{test}: {why} (CI=true: a missing reference fails instead of skipping)");
    }
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {why}");
}
