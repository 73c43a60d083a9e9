//! The runtime of Lumos-compatible identity connectors.
//!
//! A connector built on this crate speaks connector-py's wire protocol: the same argv, the same
//! request and response envelopes, the same error codes and page tokens. The pieces:
//!
//! - [`models`] and [`capabilities`]: the wire models, and what a standard capability is with
//!   one marker type per capability (generated from Lumos' OpenAPI spec by
//!   `tools/gen_models.py`);
//! - [`request`], [`credentials`], [`secret`]: the typed request envelope, with secrets held in
//!   redacting types;
//! - [`response`], [`error`], [`pagination`]: what a capability returns;
//! - [`CapabilityHandler`], [`CapabilityEntry`], [`integration`](mod@integration): how
//!   capabilities are implemented and listed;
//! - [`cli`]: the command line that describes (`info`, `app_info`) and runs them;
//! - [`http`], [`schema`]: an HTTP client for the upstream app, and JSON-schema helpers.

// Not under rustdoc, where a `warn` here would clash with `-F missing_docs` (tests/docs.rs).
#![cfg_attr(not(doc), warn(missing_docs))]

mod answered;
mod app_info;
mod bundle;
pub mod capabilities;
pub mod cli;
mod const_text;
pub mod credential_validation;
pub mod credentials;
mod deadline;
mod rate_limit_context;
// Re-exported by `models`; its own file so that `credentials` need not use `models`.
mod credential_models;
mod dispatch;
pub mod error;
mod handler;
#[cfg(any(feature = "server", feature = "lambda"))]
mod host_runtime;
pub mod http;
mod info;
pub mod integration;
#[cfg(feature = "lambda")]
mod lambda;
mod logging;
mod macro_support;
pub mod models;
pub mod oauth;
pub mod pagination;
pub mod probe;
pub mod request;
mod request_size;
pub mod response;
pub mod schema;
pub mod secret;
#[cfg(feature = "server")]
mod server;
mod tls;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use connector_macros::{capability, integration};

pub use capabilities::{Capability, Level};
pub use error::{ConnectorError, ErrorCode};
pub use handler::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
pub use integration::{App, EntitlementTypeDef, Integration, ResourceTypeDef};
pub use request::{NoAuth, NoSettings, Request};
pub use response::Response;
pub use secret::Secret;

/// What a connector author needs in scope.
pub mod prelude {
    #[doc(no_inline)]
    pub use crate::capabilities::aliases::*;
    pub use crate::credentials::*;
    pub use crate::models::*;
    pub use crate::{
        App, CapabilityEntry, CapabilityHandler, CapabilityMeta, ConnectorError,
        EntitlementTypeDef, ErrorCode, Integration, NoAuth, NoSettings, Request, ResourceTypeDef,
        Response, Secret,
    };
    pub use crate::{capability, integration};
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
}
