//! Not public API: what `#[capability]` and `#[integration]` expand to. Everything here may
//! change without notice; the macros are the only intended users.

pub use core::future::Future;
pub use core::marker::Send;
pub use core::result::Result;
pub use std::process::ExitCode;

pub use crate::capabilities;
pub use crate::capability::{Capability, Level};
pub use crate::cli;
pub use crate::integration::{App, Integration};
pub use crate::registry::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
pub use crate::request::{Credentials, DecodeRequest, NoAuth, NoSettings, RawEnvelope};
pub use crate::{ConnectorError, Response};

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::capability::{OutputOf, PayloadOf};
use crate::registry::{const_str_eq, is_standard_name};
use crate::request::{DeclaredAuth, Request, SettingsModel};

pub use crate::settings_lint::assert_secret_like_fields_are_secret;

/// App categories by their snake_case names, as `#[integration(description(categories(...)))]`
/// spells them (a typo gets rustc's suggestion in the same spelling).
#[allow(non_upper_case_globals)]
pub mod categories {
    use crate::models::AppCategory;

    macro_rules! categories {
        ($($name:ident => $variant:ident,)*) => {
            $(
                #[doc = concat!("`", stringify!($name), "`")]
                pub const $name: AppCategory = AppCategory::$variant;
            )*
        };
    }

    categories! {
        hr_and_learning => HrAndLearning,
        office_and_legal => OfficeAndLegal,
        sales_and_support => SalesAndSupport,
        commerce_and_marketplaces => CommerceAndMarketplaces,
        it_and_security => ItAndSecurity,
        communication => Communication,
        design_and_creativity => DesignAndCreativity,
        other => Other,
        marketing_and_analytics => MarketingAndAnalytics,
        developers => Developers,
        accounting_and_finance => AccountingAndFinance,
        collaboration => Collaboration,
        content_and_social_media => ContentAndSocialMedia,
        internal => Internal,
        early_access => EarlyAccess,
    }
}

/// The marker of custom capabilities.
pub struct Custom;

// ---------------------------------------------------------------------------------------------
// The checks of `#[capability]`.
//
// A capability function's companion implements `CapabilityHandler` on a hidden handler type
// *conditionally*, under where clauses that hold exactly when the function's argument and
// return types are right (`for<'__c> Arg: StandardRequest<C>`, ...; the unused lifetime keeps
// rustc from rejecting a false bound on a concrete type). The handler's body therefore never
// fails to type-check. The same predicates are asserted once each, by the `..._must_match`
// functions below, spanned at the author's argument and return types: that is the one error
// per mistake. Each trait names the failing part with `#[diagnostic::on_unimplemented]`, and the
// blanket impls carry `#[diagnostic::do_not_recommend]` so that rustc reports the part (the
// settings type, the payload, ...) rather than the standard trait it lacks.
// ---------------------------------------------------------------------------------------------

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
        Err(ConnectorError::internal().with_message("this capability failed to compile"))
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

// ---------------------------------------------------------------------------------------------
// What `#[integration]` reads from a listed path.
// ---------------------------------------------------------------------------------------------

/// What a path listed in `#[integration(capabilities(...))]` stands for when it names nothing
/// in the type namespace, as a plain `async fn` without `#[capability]`: `#[integration]`
/// imports each path with a `use` (which takes whichever namespaces the path has) inside a
/// block that declares this type under the same name, and a lone function leaves it visible.
pub enum NotACapability {}

/// The handler of [`NotACapability`]: unsized, which is how [`ListedCapability`] tells it
/// apart.
pub struct NotAHandler {
    _unsized: [()],
}

/// A listed path as `#[integration]` sees it: its handler type and the settings and
/// credential types of its request. `#[capability]` implements it for each function's
/// companion (whatever errors the function has); a hand-written `CapabilityHandler` gets it
/// from the blanket impl.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a capability",
    label = "listed as a capability, but not a function marked `#[capability(...)]`",
    note = "list the `async fn`s marked `#[capability(<name>)]` (or types implementing `CapabilityHandler` by hand)"
)]
pub trait Listed {
    /// The handler (it implements `CapabilityHandler` unless the capability has an error).
    type Handler: ?Sized;
    /// The settings type of the capability's request, for an integration declaring
    /// `Declared`: the request's own, or `Declared` itself for a capability that failed to
    /// compile (its error is reported, and it matches any integration).
    type Settings<Declared>: ?Sized;
    /// The credential type of the capability's request, like [`Listed::Settings`].
    type Auth<Declared>: ?Sized;
}

impl<H: CapabilityHandler> Listed for H
where
    H::Request: RequestParts,
{
    type Handler = H;
    type Settings<Declared> = <H::Request as RequestParts>::Settings;
    type Auth<Declared> = <H::Request as RequestParts>::Auth;
}

impl Listed for NotACapability {
    type Handler = NotAHandler;
    type Settings<Declared> = Declared;
    type Auth<Declared> = Declared;
}

/// A listed path names a capability.
#[diagnostic::on_unimplemented(
    message = "this is not a capability function",
    label = "listed as a capability, but not an `async fn` marked `#[capability(...)]`",
    note = "mark the function with `#[capability(<name>)]` (or implement `CapabilityHandler` by hand)"
)]
pub trait ListedCapability {}

#[diagnostic::do_not_recommend]
impl<L: Listed> ListedCapability for L where L::Handler: Sized {}

/// Compiles only when the listed path is a capability.
pub const fn listed_function_must_be_a_capability<L: ListedCapability>() {}

/// The table row of a listed handler: [`CapabilityEntry::of`] when it implements
/// `CapabilityHandler`; otherwise (a capability whose function has an error, already
/// reported there) [`ProbeFallback::ENTRY`], a row that never runs.
pub struct Probe<H: ?Sized>(core::marker::PhantomData<H>);

impl<H: CapabilityHandler> Probe<H> {
    /// The handler's row.
    pub const ENTRY: CapabilityEntry = CapabilityEntry::of::<H>();
}

/// The row of a handler that does not implement `CapabilityHandler`; an inherent constant of
/// [`Probe`] takes precedence over it whenever the handler does.
pub trait ProbeFallback {
    /// The stub's row.
    const ENTRY: CapabilityEntry;
}

impl<H: ?Sized> ProbeFallback for Probe<H> {
    const ENTRY: CapabilityEntry = CapabilityEntry::of::<StubHandler>();
}

/// `Demo::main()`: the CLI when `Demo` implements `Integration`, which `#[integration]` makes
/// conditional on its settings and credential types being usable (so that a wrong one is
/// reported once, where a capability names it); otherwise a body that never runs, since the
/// build has failed.
pub struct MainOf<I>(core::marker::PhantomData<I>);

impl<I> MainOf<I> {
    /// The probe.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        MainOf(core::marker::PhantomData)
    }
}

/// The entry point through `Integration`.
pub trait MainViaIntegration {
    /// Runs the command line.
    fn run_main(&self) -> ExitCode;
}

impl<I: Integration> MainViaIntegration for MainOf<I> {
    fn run_main(&self) -> ExitCode {
        cli::main::<I>()
    }
}

/// The entry point of an integration that failed to compile.
pub trait MainFallback {
    /// Fails.
    fn run_main(&self) -> ExitCode;
}

impl<I> MainFallback for &MainOf<I> {
    fn run_main(&self) -> ExitCode {
        ExitCode::FAILURE
    }
}

/// [`App::new`] without its check for a name registered twice: `#[integration]` checks each
/// listed path itself ([`registered_twice`]), so the error points at the path.
pub const fn app<S: SettingsModel, A: DeclaredAuth>(
    app_id: &'static str,
    version: &'static str,
    capabilities: &'static [CapabilityEntry],
) -> App {
    let mut app = App::new::<S, A>(app_id, version, &[]);
    app.capabilities = capabilities;
    app
}

/// Why listed capability `at` cannot be registered, when an earlier one has its name: for
/// `#[integration]`, which panics with it at the path; `paths` are the listed paths as written.
pub const fn registered_twice(
    entries: &[CapabilityEntry],
    paths: &[&str],
    at: usize,
) -> Option<Message> {
    let name = entries[at].meta.name;
    if name.is_empty() {
        return None;
    }
    let mut earlier = 0;
    while earlier < at {
        if const_str_eq(entries[earlier].meta.name, name) {
            let standard = is_standard_name(name);
            let message = Message::new()
                .push(if standard {
                    "capability `"
                } else {
                    "custom capability `"
                })
                .push(name)
                .push("` is registered twice, by `")
                .push(paths[earlier])
                .push("` and by `")
                .push(paths[at])
                .push(if standard {
                    "`: each standard capability can be listed once"
                } else {
                    "`: each capability name can be listed once"
                });
            return Some(message);
        }
        earlier += 1;
    }
    None
}

/// A compile-time error message built from parts (a `const` panic message cannot be
/// formatted); parts beyond its capacity are cut at a character boundary.
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    /// An empty message.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    /// The message with `part` appended.
    pub const fn push(mut self, part: &str) -> Self {
        let part = part.as_bytes();
        let room = self.bytes.len() - self.len;
        let mut take = if part.len() < room { part.len() } else { room };
        while take < part.len() && take > 0 && (part[take] & 0xC0) == 0x80 {
            take -= 1;
        }
        let mut i = 0;
        while i < take {
            self.bytes[self.len] = part[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    /// The message.
    pub const fn as_str(&self) -> &str {
        match core::str::from_utf8(self.bytes.split_at(self.len).0) {
            Ok(text) => text,
            Err(_) => "a capability is registered twice",
        }
    }
}

/// A capability's settings type agrees with the integration's.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses settings `{Self}`, but the integration declares `settings = {Expected}`",
    label = "settings type differs from the integration's",
    note = "write the capability's request type with the integration's settings, e.g. `ListAccountsRequest<{Expected}, Auth>`"
)]
pub trait SameSettings<Expected> {}
impl<T> SameSettings<T> for T {}

/// A capability's credential type agrees with the integration's.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses credential `{Self}`, but the integration declares `auth = {Expected}`",
    label = "credential type differs from the integration's",
    note = "write the capability's request type with the integration's credential, e.g. `ListAccountsRequest<Settings, {Expected}>`"
)]
pub trait SameAuth<Expected> {}
impl<T> SameAuth<T> for T {}

/// A capability's settings type, in an integration that declares none.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses settings `{Self}`, but the integration declares no settings",
    label = "settings type, but no `settings = ...` in `#[integration]`",
    note = "add `settings = {Self}` to `#[integration(...)]` (or write the request type with `NoSettings`)"
)]
pub trait NoSettingsDeclared {}
impl NoSettingsDeclared for NoSettings {}

/// A capability's credential type, in an integration that declares none.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses credential `{Self}`, but the integration declares none",
    label = "credential type, but no `auth = ...` in `#[integration]`",
    note = "add `auth = {Self}` to `#[integration(...)]` (or write the request type with `NoAuth`)"
)]
pub trait NoAuthDeclared {}
impl NoAuthDeclared for NoAuth {}

/// Compiles only when the listed capability's settings are the integration's.
pub const fn capability_settings_must_match_integration<
    Actual: SameSettings<Expected> + ?Sized,
    Expected,
>() {
}

/// Compiles only when the listed capability's credential is the integration's.
pub const fn capability_auth_must_match_integration<
    Actual: SameAuth<Expected> + ?Sized,
    Expected,
>() {
}

/// Compiles only when the listed capability, in an integration without settings, has none.
pub const fn capability_settings_must_be_declared<Actual: NoSettingsDeclared + ?Sized>() {}

/// Compiles only when the listed capability, in an integration without a credential, has none.
pub const fn capability_auth_must_be_declared<Actual: NoAuthDeclared + ?Sized>() {}

/// Compiles only when `S` can be an integration's settings type (checked by `#[integration]`
/// when it lists no capability; otherwise each capability's request checks it).
pub const fn integration_settings_type_must_be_usable<S: SettingsType>() {}

/// Compiles only when `A` can be an integration's credential type (checked like the settings).
pub const fn integration_auth_type_must_be_usable<A: AuthType>() {}

/// A custom capability name, refused at compile time when it is a standard name.
pub const fn custom_name(name: &'static str) -> &'static str {
    if is_standard_name(name) {
        panic!(
            "a custom capability cannot take a standard capability's name; use `#[capability(<name>)]` for the standard one"
        );
    }
    if const_str_eq(name, "info") || const_str_eq(name, "connected_info") {
        panic!("`info` and `connected_info` are reserved capability names");
    }
    name
}
