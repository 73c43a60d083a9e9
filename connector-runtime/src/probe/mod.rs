//! `probe_integration`, registered for every integration unless it opts out
//! (`#[integration(probe = false)]`) or lists its own: it checks that a first sync would work
//! (accounts, entitlements, and who holds which) by calling the integration's own capabilities
//! in process with the caller's credentials and small pages, and reports each check with
//! samples of what it saw, in the shape of Lumos' `ProbeResults`.

mod announce;
mod checks;
mod handler;
mod report;
mod settings;

pub(crate) use announce::announced_checks;
pub use handler::{ProbeHandler, setup};
pub use settings::{ProbeSettings, ProbeSetup};

#[cfg(test)]
mod tests;
