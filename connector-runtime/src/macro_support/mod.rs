//! What the code `#[capability]` and `#[integration]` generate relies on: the compile-time
//! checks that give one error per mistake, the stand-ins for a capability with an error, and
//! the settings test. The macros reach it through `__private` (`private.rs`), which only
//! re-exports.

mod capability_checks;
pub mod categories;
mod integration_checks;
mod listed;
mod settings_lint;
mod stubs;

pub use crate::const_text::Message;
pub use capability_checks::*;
pub use integration_checks::*;
pub use listed::*;
pub use settings_lint::assert_secret_like_fields_are_secret;
pub use stubs::*;
