//! Fixtures shared by the integration tests: a connector assembled by hand, and the same
//! connector written with the macros.

pub mod handmade;
pub mod macromade;
pub mod run;
