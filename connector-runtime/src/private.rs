//! Not public API: what `#[capability]` and `#[integration]` expand to. Everything here may
//! change without notice; the macros are the only intended users.

pub use core::future::Future;
pub use core::marker::Send;
pub use core::result::Result;
pub use std::process::ExitCode;

pub use crate::capabilities;
pub use crate::capabilities::{Capability, Level};
pub use crate::cli;
pub use crate::credential_validation;
pub use crate::handler::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
pub use crate::integration::{App, Integration};
pub use crate::macro_support::*;
pub use crate::models::RateLimitMode;
pub use crate::oauth;
pub use crate::probe;
pub use crate::request::{Credentials, DecodeRequest, NoAuth, NoSettings, RawEnvelope};
pub use crate::{ConnectorError, Response};
