//! `#[capability]` and `#[integration]`: the attributes a connector author writes.
//!
//! The expansion logic lives in [`capability`] and [`integration`]; this file only forwards
//! and documents. Authors depend on `connector-runtime`, which re-exports both attributes
//! (`use connector_runtime::prelude::*;` brings them into scope).

// Not under rustdoc, where a `warn` here would clash with `-F missing_docs` (tests/docs.rs).
#![cfg_attr(not(doc), warn(missing_docs))]

mod capability;
mod diag;
mod docs;
mod integration;
mod paths;
mod site;
mod spans;

use proc_macro::TokenStream;

/// Marks an `async fn` as the implementation of one capability.
///
/// The function keeps its name and body and can still be called directly (in tests, say).
/// It takes exactly one argument, the request, by value, and returns `Result<_, ConnectorError>`:
///
/// - a **standard** capability takes `<Name>Request<Settings, Auth>` and returns
///   `Result<<Name>Response, ConnectorError>` (both aliases are in the prelude);
/// - a **custom** capability takes `Request<YourPayload, Settings, Auth>` and returns
///   `Result<Response<YourOutput>, ConnectorError>`; the payload derives `Deserialize` and
///   `JsonSchema`, the output `Serialize` and `JsonSchema`.
///
/// `Settings` and `Auth` are the integration's (`#[integration(settings = ..., auth = ...)]`);
/// a type alias such as `type MyRequest<P> = Request<P, MySettings, TokenCredential>;` keeps
/// them in one place. The function goes at module level (not inside an `impl` block), is
/// listed by path in the integration's `capabilities(...)`, and its future must be `Send`.
///
/// # Arguments
///
/// | argument | what it says |
/// | --- | --- |
/// | `list_accounts` (a standard name) | which standard capability this is; a misspelled name fails with rustc's suggestion |
/// | `custom = "count_widgets"` | a custom capability and its name: lowercase words joined by `_`, not a standard name |
/// | `level = read` / `level = write` | custom only: whether it only reads from the app (`read`) or changes it (`write`, the default); shown in `--help`, `info` and `app_info` |
/// | `display_name = "..."` | the label in `info` (default: the name in title case, `List Accounts`) |
/// | `description = "..."` | the description in `info` (default: the function's doc comment) |
/// | `rate_limit_mode = enforce` | the rate-limit mode of the clients this capability builds (`enforce`, `retry_only`, `enforce_no_retry`, `bypass`), above the connector's and the caller's |
/// | `crate = "rt"` | the path of `connector-runtime` when the dependency is renamed |
///
/// A standard capability, described by its doc comment:
///
/// ```
/// use connector_runtime::prelude::*;
///
/// # #[derive(Debug, Deserialize, JsonSchema)]
/// # pub struct MySettings { pub api_url: String }
/// /// Lists the users, one page per call.
/// #[capability(list_accounts)]
/// pub async fn list_accounts(
///     req: ListAccountsRequest<MySettings, TokenCredential>,
/// ) -> Result<ListAccountsResponse, ConnectorError> {
///     let _ = (&req.settings.api_url, req.auth.token.expose());
///     Ok(Response::new(vec![]))
/// }
/// ```
///
/// A custom capability that only reads, with its own label and description:
///
/// ```
/// use connector_runtime::prelude::*;
///
/// #[derive(Debug, Deserialize, JsonSchema)]
/// pub struct CountWidgets {
///     pub color: Option<String>,
/// }
///
/// #[derive(Debug, Serialize, JsonSchema)]
/// pub struct WidgetCount {
///     pub count: u64,
/// }
///
/// #[capability(
///     custom = "count_widgets",
///     level = read,
///     display_name = "Count the widgets",
///     description = "How many widgets the tenant has, optionally of one color.",
/// )]
/// pub async fn count_widgets(
///     req: Request<CountWidgets, NoSettings, TokenCredential>,
/// ) -> Result<Response<WidgetCount>, ConnectorError> {
///     let count = if req.request.color.is_some() { 1 } else { 3 };
///     Ok(Response::new(WidgetCount { count }))
/// }
/// ```
///
/// With the runtime under another name (`rt = { package = "connector-runtime", ... }` in
/// `Cargo.toml`):
///
/// ```
/// # extern crate connector_runtime as rt;
/// use rt::prelude::*;
///
/// #[capability(validate_credentials, crate = "rt")]
/// async fn validate_credentials(
///     req: ValidateCredentialsRequest<NoSettings, TokenCredential>,
/// ) -> Result<ValidateCredentialsResponse, ConnectorError> {
///     let tenant = req.auth.token.expose().len().to_string();
///     Ok(Response::new(
///         ValidatedCredentials::builder().valid(true).unique_tenant_id(tenant).build(),
///     ))
/// }
/// ```
///
/// # Mistakes
///
/// Each is one compile error at the token that is wrong, for example a request taken by
/// reference:
///
/// ```compile_fail
/// use connector_runtime::prelude::*;
///
/// #[capability(list_accounts)]
/// async fn list_accounts(
///     req: &ListAccountsRequest<NoSettings, TokenCredential>, // error: takes its request by value
/// ) -> Result<ListAccountsResponse, ConnectorError> {
///     Ok(Response::new(vec![]))
/// }
/// ```
///
/// or a custom output that does not implement `JsonSchema`:
///
/// ```compile_fail
/// use connector_runtime::prelude::*;
///
/// #[derive(Serialize)]
/// pub struct WidgetCount { pub count: u64 }
///
/// #[capability(custom = "count_widgets")]
/// async fn count_widgets(
///     req: Request<NoSettings, NoSettings, TokenCredential>,
/// ) -> Result<Response<WidgetCount>, ConnectorError> { // error: must implement `JsonSchema`
///     Ok(Response::new(WidgetCount { count: 0 }))
/// }
/// ```
#[proc_macro_attribute]
pub fn capability(args: TokenStream, item: TokenStream) -> TokenStream {
    capability::expand(args.into(), item.into()).into()
}

/// Turns a unit struct into an integration: its app id, settings, credential, description
/// data and the list of its capabilities.
///
/// The struct gets an implementation of the runtime's `Integration` (its `APP` is what `info`
/// prints and the command line dispatches on) and an entry point, `MyApp::main()`, for
/// `fn main() -> ExitCode { MyApp::main() }`. When settings are declared, the crate's
/// `cargo test` also runs `MyApp_settings_lint::settings_fields_named_like_secrets_are_secret`,
/// which fails when a settings field named like a secret (`password`, `api_key`,
/// `refresh_token`, ...) is not a `Secret`.
///
/// # Arguments
///
/// | argument | what it says |
/// | --- | --- |
/// | `app_id = "acme"` | required: the app id Lumos knows the connector by |
/// | `version = "1.2.0"` | the connector's version (default: the crate's, `CARGO_PKG_VERSION`) |
/// | `settings = AcmeSettings` | the settings struct (`Deserialize + JsonSchema`); default: none |
/// | `auth = BasicCredential` | the one credential kind requests carry: `TokenCredential`, `BasicCredential`, `OAuthCredential`, `OAuthClientCredential`, `OAuth1Credential`, `JWTCredential`, `ServiceAccountCredential`, `KeyPairCredential` or `EmptyCredential`; default: none |
/// | `credentials = AcmeCredentials` | instead of `auth`: several credentials by id, a type implementing `CredentialSet` |
/// | `description(...)` | how Lumos presents the app: `user_friendly_name = "Acme"`, `description = "..."`, `logo_url = "..."`, `app_vendor_domain = "acme.example"`, `categories(...)` |
/// | `resource_types = RESOURCE_TYPES` | a `&'static [ResourceTypeDef]` |
/// | `entitlement_types = ENTITLEMENT_TYPES` | a `&'static [EntitlementTypeDef]` |
/// | `capabilities(list_accounts, read::get_account)` | the `#[capability]` functions, by path; each once |
/// | `plain_settings(token_type)` | settings fields that look like secrets by name but are not (see below) |
/// | `crate = "rt"` | the path of `connector-runtime` when the dependency is renamed |
///
/// Every capability's request must use the integration's settings and credential types; a
/// capability that names others fails to compile at its path in `capabilities(...)`.
///
/// # Categories
///
/// `description(categories(...))` takes these names (Lumos' `AppCategory`, snake_case):
/// `accounting_and_finance`, `collaboration`, `commerce_and_marketplaces`, `communication`,
/// `content_and_social_media`, `design_and_creativity`, `developers`, `early_access`,
/// `hr_and_learning`, `internal`, `it_and_security`, `marketing_and_analytics`,
/// `office_and_legal`, `other`, `sales_and_support`.
///
/// # Example
///
/// ```
/// use connector_runtime::prelude::*;
///
/// /// Settings of the Acme connector.
/// #[derive(Debug, Deserialize, JsonSchema)]
/// pub struct AcmeSettings {
///     /// Where the Acme API lives.
///     pub api_url: String,
///     /// The key Acme signs webhooks with: a secret, so a `Secret`.
///     pub signing_key: Secret,
/// }
///
/// type AcmeRequest<P> = Request<P, AcmeSettings, BasicCredential>;
///
/// pub const RESOURCE_TYPES: &[ResourceTypeDef] = &[ResourceTypeDef {
///     type_id: "workspace",
///     type_label: "Workspace",
/// }];
/// pub const ENTITLEMENT_TYPES: &[EntitlementTypeDef] =
///     &[EntitlementTypeDef::new("role", "Role", "workspace").with_max(1)];
///
/// #[capability(validate_credentials)]
/// async fn validate_credentials(
///     req: AcmeRequest<ValidateCredentials>,
/// ) -> Result<ValidateCredentialsResponse, ConnectorError> {
///     let tenant = format!("{}@{}", req.auth.username, req.settings.api_url);
///     Ok(Response::new(
///         ValidatedCredentials::builder().valid(true).unique_tenant_id(tenant).build(),
///     ))
/// }
///
/// #[capability(list_accounts)]
/// async fn list_accounts(
///     req: AcmeRequest<ListAccounts>,
/// ) -> Result<ListAccountsResponse, ConnectorError> {
///     let _ = req;
///     Ok(Response::new(vec![]))
/// }
///
/// #[integration(
///     app_id = "acme",
///     version = "0.1.0",
///     auth = BasicCredential,
///     settings = AcmeSettings,
///     description(
///         user_friendly_name = "Acme",
///         description = "Acme's user directory.",
///         logo_url = "https://acme.example/logo.png",
///         app_vendor_domain = "acme.example",
///         categories(developers, it_and_security),
///     ),
///     resource_types = RESOURCE_TYPES,
///     entitlement_types = ENTITLEMENT_TYPES,
///     capabilities(validate_credentials, list_accounts),
/// )]
/// pub struct Acme;
///
/// let app = <Acme as Integration>::APP;
/// assert_eq!(app.app_id, "acme");
/// assert_eq!(app.capabilities.len(), 2);
/// let _entry_point: fn() -> std::process::ExitCode = Acme::main;
/// ```
///
/// Several credentials, by id:
///
/// ```
/// use connector_runtime::prelude::*;
/// use connector_runtime::request::{CredentialSet, CredentialSpec, Credentials};
///
/// pub struct AcmeCredentials;
///
/// impl CredentialSet for AcmeCredentials {
///     const CREDENTIALS: &'static [CredentialSpec] = &[
///         CredentialSpec::of::<OAuthCredential>("api"),
///         CredentialSpec::of::<TokenCredential>("scim").optional(),
///     ];
/// }
///
/// #[capability(validate_credentials)]
/// async fn validate_credentials(
///     req: ValidateCredentialsRequest<NoSettings, Credentials<AcmeCredentials>>,
/// ) -> Result<ValidateCredentialsResponse, ConnectorError> {
///     let api = req.auth.get::<OAuthCredential>("api")?;
///     let tenant = api.access_token.expose().len().to_string();
///     Ok(Response::new(
///         ValidatedCredentials::builder().valid(true).unique_tenant_id(tenant).build(),
///     ))
/// }
///
/// #[integration(app_id = "acme", credentials = AcmeCredentials, capabilities(validate_credentials))]
/// pub struct Acme;
/// # let _ = <Acme as Integration>::APP;
/// ```
///
/// # Settings named like secrets
///
/// A settings field whose name ends like a secret's (`password`, `passphrase`, `secret`,
/// `token`, `apikey`, `api_key`, `private_key`, `access_key`, `client_secret`, ...; so
/// `refresh_token` and `admin_password` do, `token_url` and `token_count` do not) must be a
/// `Secret` (or `Option<Secret>`): it is then redacted wherever the runtime prints it and
/// marked `x-secret` in `info`. The test above fails otherwise, naming the field. A field that
/// only looks like a secret is listed in `plain_settings(...)`:
///
/// ```
/// use connector_runtime::prelude::*;
///
/// #[derive(Debug, Deserialize, JsonSchema)]
/// pub struct AcmeSettings {
///     /// The kind of token Acme issues (`"bearer"`), not a token.
///     pub kind_of_token: String,
/// }
///
/// #[integration(app_id = "acme", settings = AcmeSettings, plain_settings(kind_of_token))]
/// pub struct Acme;
/// # let _ = <Acme as Integration>::APP;
/// ```
///
/// # Mistakes
///
/// Each is one compile error at the token that is wrong, for example an integration with
/// fields:
///
/// ```compile_fail
/// use connector_runtime::prelude::*;
///
/// #[integration(app_id = "acme")]
/// pub struct Acme {
///     client: String, // error: an integration is a unit struct
/// }
/// ```
///
/// or an unknown category:
///
/// ```compile_fail
/// use connector_runtime::prelude::*;
///
/// #[integration(app_id = "acme", description(categories(developer)))] // did you mean `developers`?
/// pub struct Acme;
/// ```
#[proc_macro_attribute]
pub fn integration(args: TokenStream, item: TokenStream) -> TokenStream {
    integration::expand(args.into(), item.into()).into()
}
