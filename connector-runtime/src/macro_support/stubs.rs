//! Stand-ins for a capability whose function has an error (already reported there), so that
//! the error does not cascade into the integration that lists it.

use crate::error::ConnectorError;
use crate::handler::{CapabilityHandler, CapabilityMeta};
use crate::request::{DecodeRequest, RawEnvelope};
use crate::response::Response;

/// Stands in for the request of a capability function with a syntax error, so the error
/// does not cascade into the integration that lists it.
pub enum StubRequest {}

/// Stands in for the settings and credential of [`StubRequest`] when decoding.
pub enum Stub {}

impl DecodeRequest for StubRequest {
    type Payload = ();
    type Settings = Stub;
    type Auth = Stub;

    fn decode(_: RawEnvelope, _: &str, _: bool) -> Result<Self, ConnectorError> {
        Err(ConnectorError::internal_error().with_message("this capability failed to compile"))
    }
}

/// The body of a stub capability: it can never be called, since its request cannot exist.
pub async fn stub_call(request: StubRequest) -> Result<Response<()>, ConnectorError> {
    match request {}
}

/// The handler of a stub: a request that cannot exist, and an empty name, which the check
/// for a capability listed twice skips, so a stub never adds an error of its own.
pub enum StubHandler {}

impl CapabilityHandler for StubHandler {
    type Request = StubRequest;
    type Output = ();
    const META: CapabilityMeta = CapabilityMeta::custom("", "");

    fn call(
        request: StubRequest,
    ) -> impl Future<Output = Result<Response<()>, ConnectorError>> + Send + 'static {
        stub_call(request)
    }
}
