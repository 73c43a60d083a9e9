//! Everything an author can declare, compiling: standard, customizable and custom
//! capabilities, settings, a credential and description data.

use connector_runtime::prelude::*;

/// Settings.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    /// Where the API lives.
    pub base_url: String,
}

type Req<P> = Request<P, Settings, TokenCredential>;

/// A create_account payload with fields of the connector's own.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct NewAccount {
    #[serde(flatten)]
    pub base: CreatableAccount,
    pub email: Option<String>,
}

impl connector_runtime::capabilities::Extends<CreatableAccount> for NewAccount {}

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Widgets {
    pub count: u32,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Synced {
    pub synced: u32,
}

#[capability(validate_credentials)]
async fn validate_credentials(req: Req<ValidateCredentials>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let _token: &str = req.auth.token.expose();
    Ok(Response::new(ValidatedCredentials::builder().valid(true).unique_tenant_id(req.settings.base_url).build()))
}

#[capability(create_account)]
async fn create_account(req: Req<NewAccount>) -> Result<CreateAccountResponse, ConnectorError> {
    let _ = (req.request.email, req.request.base.entitlements);
    Ok(Response::new(CreatedAccount::builder().status(AccountStatus::Active).created(true).build()))
}

/// Syncs widgets.
#[capability(custom = "sync_widgets", display_name = "Sync the widgets")]
async fn sync_widgets(req: Req<Widgets>) -> Result<Response<Synced>, ConnectorError> {
    Ok(Response::new(Synced { synced: req.request.count }))
}

#[integration(
    app_id = "full",
    auth = TokenCredential,
    settings = Settings,
    description(user_friendly_name = "Full", logo_url = "https://x/logo.png", app_vendor_domain = "x", categories(developers)),
    capabilities(validate_credentials, create_account, sync_widgets),
)]
pub struct Full;

fn main() {
    let app = <Full as Integration>::APP;
    let names: Vec<&str> = app.capabilities.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["validate_credentials", "create_account", "sync_widgets"]);
    let _entry_point: fn() -> std::process::ExitCode = Full::main;
}
