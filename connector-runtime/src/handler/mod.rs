//! Capability implementations and the table an integration lists them in.
//!
//! A capability is a type implementing [`CapabilityHandler`] (what `#[capability]` generates, or
//! an impl written by hand); [`CapabilityEntry::of`] turns it into a table row with its schemas
//! and a type-erased runner. Decoding, the call and encoding are generic code here, so the
//! macros only emit data.

mod entry;
mod meta;
mod run;

pub use entry::CapabilityEntry;
pub(crate) use entry::{Description, assert_unique_names};
pub use meta::CapabilityMeta;
pub(crate) use run::RunFuture;

use std::future::Future;

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::ConnectorError;
use crate::request::DecodeRequest;
use crate::response::Response;

/// A capability implementation: a request type in, a [`Response`] out.
///
/// `#[capability]` implements this for a hidden companion of the author's `async fn`; it can
/// also be implemented by hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a capability",
    label = "not a capability",
    note = "mark the function with `#[capability(<name>)]` (or implement `CapabilityHandler` by hand)"
)]
pub trait CapabilityHandler: 'static {
    /// The request type (for example `ListAccountsRequest<MySettings, TokenCredential>`).
    type Request: DecodeRequest;
    /// The `response` value of the success envelope.
    type Output: Serialize + JsonSchema + Send;
    /// Name, level and labels.
    const META: CapabilityMeta;

    /// Runs the capability.
    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<Self::Output>, ConnectorError>> + Send + 'static;
}
