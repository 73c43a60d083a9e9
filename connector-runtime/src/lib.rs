//! The runtime of Lumos-compatible identity connectors.
//!
//! A connector built on this crate speaks connector-py's wire protocol: the same argv, the same
//! request and response envelopes, the same error codes and page tokens. The pieces:
//!
//! - [`models`] and [`capabilities`]: the wire models and one marker type per standard
//!   capability (generated from Lumos' OpenAPI spec by `tools/gen_models.py`);
//! - [`request`], [`credentials`], [`secret`]: the typed request envelope, with secrets held in
//!   redacting types;
//! - [`response`], [`error`], [`pagination`]: what a capability returns;
//! - [`registry`], [`integration`](mod@integration), [`dispatch`], [`info`], [`cli`]: how
//!   capabilities are listed, described and run.

// Not under rustdoc, where a `warn` here would clash with `-F missing_docs` (tests/docs.rs).
#![cfg_attr(not(doc), warn(missing_docs))]

pub mod app_info;
pub mod capabilities;
pub mod capability;
pub mod cli;
pub mod credentials;
pub mod dispatch;
pub mod error;
pub mod http;
pub mod info;
pub mod integration;
pub mod logging;
pub mod models;
pub mod pagination;
pub mod pyjson;
pub mod registry;
pub mod request;
pub mod response;
pub mod schema;
pub mod secret;
mod settings_lint;
pub mod tls;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use connector_macros::{capability, integration};

pub use capability::{Capability, Level};
pub use error::{ConnectorError, ErrorCode};
pub use integration::{App, EntitlementTypeDef, Integration, ResourceTypeDef};
pub use registry::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
pub use request::{NoAuth, NoSettings, Request};
pub use response::Response;
pub use secret::Secret;

/// What a connector author needs in scope.
pub mod prelude {
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
