//! The checks of `#[capability]`: one trait per part of a capability function's signature,
//! and one `..._must_match` function asserting it at the author's type.
//!
//! A capability function's companion implements `CapabilityHandler` on a hidden handler type
//! *conditionally*, under where clauses that hold exactly when the function's argument and
//! return types are right (`for<'__c> Arg: StandardRequest<C>`, ...; the unused lifetime keeps
//! rustc from rejecting a false bound on a concrete type). The handler's body therefore never
//! fails to type-check. The same predicates are asserted once each, by the `..._must_match`
//! functions below, spanned at the author's argument and return types: that is the one error
//! per mistake. Each trait names the failing part with `#[diagnostic::on_unimplemented]`, and the
//! blanket impls carry `#[diagnostic::do_not_recommend]` so that rustc reports the part (the
//! settings type, the payload, ...) rather than the standard trait it lacks.

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::stubs::{Stub, StubRequest};
use crate::capabilities::{Capability, OutputOf, PayloadOf};
use crate::error::ConnectorError;
use crate::request::{DeclaredAuth, DecodeRequest, Request, SettingsModel};
use crate::response::Response;

/// The marker of custom capabilities.
pub struct Custom;

/// A type a request can carry as its settings.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a connector's settings type: it must implement `Deserialize` and `JsonSchema`",
    label = "settings type without `Deserialize` or `JsonSchema`",
    note = "derive both on the settings struct, `#[derive(Deserialize, JsonSchema)]`; it must also be `Send + Sync + 'static`"
)]
pub trait SettingsType: SettingsModel {}

#[diagnostic::do_not_recommend]
impl<T: SettingsModel> SettingsType for T {}

/// A type a request can carry as its credential.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a credential kind a connector can declare",
    label = "not a credential kind",
    note = "name the kind the integration declares, e.g. `TokenCredential` or `BasicCredential` (and `auth = TokenCredential` in `#[integration]`), `NoAuth` for none, or `Credentials<YourSet>` for several; `AuthCredential` is the envelope's `auth` object, which holds any kind, not a kind itself"
)]
pub trait AuthType: DeclaredAuth {}

#[diagnostic::do_not_recommend]
impl<T: DeclaredAuth> AuthType for T {}

/// The argument type of a function for standard capability `C`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request type for the `{C}` capability",
    label = "expected a `Request<Payload, Settings, Auth>`",
    note = "a standard capability takes `connector_runtime::capabilities::<Name>Request<Settings, Auth>`, e.g. `ListAccountsRequest<MySettings, TokenCredential>` for `list_accounts`"
)]
pub trait StandardRequest<C>: DecodeRequest {}

impl<C, P, S, A> StandardRequest<C> for Request<P, S, A>
where
    C: Capability,
    P: PayloadOf<C> + DeserializeOwned + JsonSchema + Send + 'static,
    S: SettingsType,
    A: AuthType,
{
}

/// A type a custom capability can take as its payload.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a custom capability's payload: it must implement `Deserialize` and `JsonSchema`",
    label = "payload type without `Deserialize` or `JsonSchema`",
    note = "derive both on the payload struct, `#[derive(Deserialize, JsonSchema)]`"
)]
pub trait CustomPayload: DeserializeOwned + JsonSchema + Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: DeserializeOwned + JsonSchema + Send + 'static> CustomPayload for T {}

/// The argument type of a custom capability function.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request type for a custom capability",
    label = "expected a `Request<Payload, Settings, Auth>`",
    note = "a custom capability takes `connector_runtime::Request<YourPayload, Settings, Auth>`"
)]
pub trait CustomRequest: DecodeRequest {}

impl<P: CustomPayload, S: SettingsType, A: AuthType> CustomRequest for Request<P, S, A> {}

/// Compiles only when `R` is a request type of standard capability `C`.
pub const fn capability_request_type_must_match<C, R: StandardRequest<C>>() {}

/// Compiles only when `R` is a request type of a custom capability.
pub const fn custom_capability_request_type_must_match<R: CustomRequest>() {}

/// The return type of a function for standard capability `C`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the return type of a `{C}` capability function",
    label = "expected `Result<Response<_>, ConnectorError>` with the response of `{C}`",
    note = "a standard capability returns `Result<connector_runtime::capabilities::<Name>Response, ConnectorError>`, e.g. `Result<ListAccountsResponse, ConnectorError>` for `list_accounts`"
)]
pub trait StandardReturn<C: Capability> {
    /// The value as the runtime's result type.
    fn into_result(self) -> Result<Response<C::Output>, ConnectorError>;
}

impl<C: Capability, T: OutputOf<C>> StandardReturn<C> for Result<Response<T>, ConnectorError> {
    fn into_result(self) -> Result<Response<C::Output>, ConnectorError> {
        self.map(|response| response.map(T::into_output))
    }
}

/// A type a custom capability can answer with.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a custom capability's output: it must implement `Serialize` and `JsonSchema`",
    label = "output type without `Serialize` or `JsonSchema`",
    note = "derive both on the output type, `#[derive(Serialize, JsonSchema)]`"
)]
pub trait CustomOutput: Serialize + JsonSchema + Send + 'static {}

#[diagnostic::do_not_recommend]
impl<T: Serialize + JsonSchema + Send + 'static> CustomOutput for T {}

/// The return type of a custom capability function.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the return type of a custom capability function",
    label = "expected `Result<Response<_>, ConnectorError>`",
    note = "a custom capability returns its output wrapped in a `Response`: declare `-> Result<Response<YourOutput>, ConnectorError>` and return `Ok(Response::new(output))`"
)]
pub trait CustomReturn {
    /// The `response` value.
    type Output: Serialize + JsonSchema + Send + 'static;
    /// The value as the runtime's result type.
    fn into_result(self) -> Result<Response<Self::Output>, ConnectorError>;
}

impl<T: CustomOutput> CustomReturn for Result<Response<T>, ConnectorError> {
    type Output = T;

    fn into_result(self) -> Result<Response<T>, ConnectorError> {
        self
    }
}

/// Compiles only when `R` is the return type of a function for standard capability `C`.
pub const fn capability_return_type_must_match<C: Capability, R: StandardReturn<C>>() {}

/// Compiles only when `R` is the return type of a custom capability function.
pub const fn custom_capability_return_type_must_match<R: CustomReturn>() {}

/// The settings and credential types of a request type, without any bound on them, so that
/// `#[integration]` can compare them with its own even when the capability has an error.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request type",
    label = "expected a `Request<Payload, Settings, Auth>`"
)]
pub trait RequestParts {
    /// The settings type.
    type Settings: ?Sized;
    /// The credential type.
    type Auth: ?Sized;
}

impl<P, S, A> RequestParts for Request<P, S, A> {
    type Settings = S;
    type Auth = A;
}

impl RequestParts for StubRequest {
    type Settings = Stub;
    type Auth = Stub;
}
