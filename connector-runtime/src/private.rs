//! Not public API: what `#[capability]` and `#[integration]` expand to. Everything here may
//! change without notice; the macros are the only intended users.

pub use core::future::Future;
pub use core::marker::Send;
pub use core::result::Result;
pub use std::process::ExitCode;

pub use crate::capabilities;
pub use crate::capability::Capability;
pub use crate::cli;
pub use crate::integration::{App, Integration};
pub use crate::registry::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
pub use crate::request::{Credentials, DecodeRequest, NoAuth, NoSettings, RawEnvelope};
pub use crate::{ConnectorError, Response};

use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::capability::{OutputOf, PayloadOf};
use crate::registry::const_str_eq;
use crate::request::{DeclaredAuth, Request, SettingsModel};

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

/// The marker of custom capabilities: any payload and any output.
pub struct Custom;

impl<P: DeserializeOwned + JsonSchema + Send + 'static> PayloadOf<Custom> for P {}

/// The argument of a capability function for capability `C`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request type for the `{C}` capability",
    label = "expected a `Request<Payload, Settings, Auth>`",
    note = "a standard capability takes `connector_runtime::capabilities::<Name>Request<Settings, Auth>`, e.g. `ListAccountsRequest<MySettings, TokenCredential>` for `list_accounts`"
)]
pub trait RequestOf<C> {}

impl<C, P: PayloadOf<C>, S, A> RequestOf<C> for Request<P, S, A> {}

/// Compiles only when `R` is a request type of capability `C`.
pub const fn capability_request_type_must_match<C, R: RequestOf<C>>() {}

/// The return type of a function for standard capability `C`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the return type of a `{C}` capability function",
    label = "expected `Result<Response<_>, ConnectorError>` with the response of `{C}`",
    note = "a standard capability returns `Result<connector_runtime::capabilities::<Name>Response, ConnectorError>`, e.g. `Result<ListAccountsResponse, ConnectorError>` for `list_accounts`"
)]
pub trait ReturnOf<C: Capability> {
    /// The value as the runtime's result type.
    fn into_result(self) -> Result<Response<C::Output>, ConnectorError>;
}

impl<C: Capability, T: OutputOf<C>> ReturnOf<C> for Result<Response<T>, ConnectorError> {
    fn into_result(self) -> Result<Response<C::Output>, ConnectorError> {
        self.map(|response| response.map(T::into_output))
    }
}

/// The return type of a custom capability function.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the return type of a capability function",
    label = "expected `Result<Response<_>, ConnectorError>`"
)]
pub trait CustomReturn {
    /// The `response` value.
    type Output: Serialize + JsonSchema + Send;
    /// The value as the runtime's result type.
    fn into_result(self) -> Result<Response<Self::Output>, ConnectorError>;
}

impl<T: Serialize + JsonSchema + Send> CustomReturn for Result<Response<T>, ConnectorError> {
    type Output = T;

    fn into_result(self) -> Result<Response<T>, ConnectorError> {
        self
    }
}

/// Stands in for the request of a capability function with a syntax error, so the error
/// does not cascade into the integration that lists it.
pub enum StubRequest {}

/// Stands in for the settings and credential of [`StubRequest`]; matches any integration.
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

/// What a path listed in `#[integration(capabilities(...))]` stands for when it names nothing
/// in the type namespace, as a plain `async fn` without `#[capability]`: `#[integration]`
/// imports each path with a `use` (which takes whichever namespaces the path has) inside a
/// block that declares this type under the same name, and a lone function leaves it visible.
pub enum NotACapability {}

/// A listed path as the table row of a capability: its handler.
pub trait Listed {
    /// The handler: the listed type itself, or [`StubHandler`] for [`NotACapability`], whose
    /// one error is [`listed_function_must_be_a_capability`]'s.
    type Handler: CapabilityHandler;
}

impl<H: CapabilityHandler> Listed for H {
    type Handler = H;
}

impl Listed for NotACapability {
    type Handler = StubHandler;
}

/// The handler of listed path `L`.
pub type HandlerOf<L> = <L as Listed>::Handler;

/// A listed path names a capability.
#[diagnostic::on_unimplemented(
    message = "this function is not a capability",
    label = "listed as a capability, but not marked `#[capability(...)]`",
    note = "mark the function with `#[capability(<name>)]` (or implement `CapabilityHandler` by hand)"
)]
pub trait ListedCapability {}

#[diagnostic::do_not_recommend]
impl<H: CapabilityHandler> ListedCapability for H {}

/// Compiles only when the listed path is a capability.
pub const fn listed_function_must_be_a_capability<L: ListedCapability>() {}

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
            let standard = is_standard(name);
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

const fn is_standard(name: &str) -> bool {
    let mut i = 0;
    while i < capabilities::ALL.len() {
        if const_str_eq(capabilities::ALL[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

/// A compile-time error message built from parts (a `const` panic message cannot be
/// formatted); parts beyond its capacity are cut at a character boundary.
pub struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    const fn push(mut self, part: &str) -> Self {
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

/// The settings type of a capability's request, as the integration sees it.
pub type SettingsOf<H> = <<H as CapabilityHandler>::Request as DecodeRequest>::Settings;
/// The credential type of a capability's request, as the integration sees it.
pub type AuthOf<H> = <<H as CapabilityHandler>::Request as DecodeRequest>::Auth;

/// A capability's settings type agrees with the integration's.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses settings `{Self}`, but the integration declares `settings = {Expected}`",
    label = "settings type differs from the integration's",
    note = "write the capability's request type with the integration's settings, e.g. `ListAccountsRequest<{Expected}, Auth>`"
)]
pub trait SameSettings<Expected> {}
impl<T: SettingsModel> SameSettings<T> for T {}
impl<E> SameSettings<E> for Stub {}

/// A capability's credential type agrees with the integration's.
#[diagnostic::on_unimplemented(
    message = "this capability's request uses credential `{Self}`, but the integration declares `auth = {Expected}`",
    label = "credential type differs from the integration's",
    note = "write the capability's request type with the integration's credential, e.g. `ListAccountsRequest<Settings, {Expected}>`"
)]
pub trait SameAuth<Expected> {}
impl<T: DeclaredAuth> SameAuth<T> for T {}
impl<E> SameAuth<E> for Stub {}

/// Compiles only when the listed capability's settings are the integration's.
pub const fn capability_settings_must_match_integration<
    Actual: SameSettings<Expected>,
    Expected,
>() {
}

/// Compiles only when the listed capability's credential is the integration's.
pub const fn capability_auth_must_match_integration<Actual: SameAuth<Expected>, Expected>() {}

/// A custom capability name, refused at compile time when it is a standard name.
pub const fn custom_name(name: &'static str) -> &'static str {
    let mut i = 0;
    while i < capabilities::ALL.len() {
        if crate::registry::const_str_eq(capabilities::ALL[i], name) {
            panic!(
                "a custom capability cannot take a standard capability's name; use `#[capability(<name>)]` for the standard one"
            );
        }
        i += 1;
    }
    if crate::registry::const_str_eq(name, "info")
        || crate::registry::const_str_eq(name, "connected_info")
    {
        panic!("`info` and `connected_info` are reserved capability names");
    }
    name
}
