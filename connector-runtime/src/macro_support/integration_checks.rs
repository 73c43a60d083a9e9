//! The checks of `#[integration]`: each listed capability's settings and credential agree with
//! the integration's, the declared types are usable, and a custom name is not a reserved one.

use super::capability_checks::{AuthType, SettingsType};
use crate::capabilities::is_standard;
use crate::const_text::str_eq;
use crate::request::{NoAuth, NoSettings};

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
    if is_standard(name) {
        panic!(
            "a custom capability cannot take a standard capability's name; use `#[capability(<name>)]` for the standard one"
        );
    }
    if str_eq(name, "info") || str_eq(name, "connected_info") {
        panic!("`info` and `connected_info` are reserved capability names");
    }
    name
}

/// The credential of an integration using the OAuth code flow.
#[diagnostic::on_unimplemented(
    message = "`oauth(...)` with the authorization-code flow needs `auth = OAuthCredential`, not `{Self}`",
    label = "the code flow's tokens are `OAuthCredential`s",
    note = "write `auth = OAuthCredential`, or `flow = client_credentials` with `auth = OAuthClientCredential`"
)]
pub trait CodeFlowCredential {}
impl CodeFlowCredential for crate::credentials::OAuthCredential {}

/// The credential of an integration using the OAuth client-credentials flow.
#[diagnostic::on_unimplemented(
    message = "`oauth(...)` with `flow = client_credentials` needs `auth = OAuthClientCredential`, not `{Self}`",
    label = "the client-credentials flow's tokens are `OAuthClientCredential`s",
    note = "write `auth = OAuthClientCredential`, or drop `flow = client_credentials` for the code flow with `auth = OAuthCredential`"
)]
pub trait ClientCredentialsCredential {}
impl ClientCredentialsCredential for crate::credentials::OAuthClientCredential {}

/// Compiles only when `A` is the code flow's credential.
pub const fn oauth_code_flow_auth_must_match<A: CodeFlowCredential + ?Sized>() {}

/// Compiles only when `A` is the client-credentials flow's credential.
pub const fn oauth_client_credentials_auth_must_match<A: ClientCredentialsCredential + ?Sized>() {}
