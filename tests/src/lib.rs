//! Fixtures shared by the integration tests: a connector assembled by hand, without macros.

pub mod handmade;
pub mod run;
