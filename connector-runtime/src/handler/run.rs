//! The type-erased runner of one table row: decode the envelope, call the capability, encode
//! its outcome.

use std::future::Future;
use std::pin::Pin;

use super::CapabilityHandler;
use crate::models::RateLimitResponseInfo;
use crate::rate_limit_context;
use crate::request::{DecodeRequest, RawEnvelope};
use crate::response::envelope::{self, Origin};

/// The boxed future of a type-erased run: the envelope to print, success or error.
pub(crate) type RunFuture = Pin<Box<dyn Future<Output = String> + Send>>;

/// Decoding runs inside the future, so that a panic in the author's `Deserialize` (or a
/// `#[serde(default = ...)]` function) is caught with the capability's own.
pub(super) fn run<H: CapabilityHandler>(envelope: RawEnvelope, app_id: &'static str) -> RunFuture {
    Box::pin(async move {
        let request = match H::Request::decode(envelope, app_id, H::META.authenticated) {
            Ok(request) => request,
            Err(error) => return envelope::error(&error, app_id, Origin::BeforeCall),
        };
        let mut outcome = H::call(request).await;
        // As connector-py's executor: a success carries the state of the limiters that ran.
        if let (Ok(response), Some(state)) = (&mut outcome, rate_limit_context::current_state()) {
            response.rate_limit = Some(RateLimitResponseInfo {
                current_state: Some(state),
            });
        }
        envelope::encode(
            outcome.as_ref(),
            app_id,
            Origin::Capability(H::META.raised_in),
        )
    })
}
