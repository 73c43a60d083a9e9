//! A connector whose runtime dependency is renamed to `rt`: the macros reach it through their
//! `crate = "rt"` option, and nothing named `connector_runtime` is in scope.

use rt::prelude::*;

/// Settings.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    /// The tenant.
    pub tenant: String,
}

#[rt::capability(validate_credentials, crate = "rt")]
pub async fn validate_credentials(
    req: ValidateCredentialsRequest<Settings, TokenCredential>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(
        ValidatedCredentials::builder()
            .valid(true)
            .unique_tenant_id(req.settings.tenant)
            .build(),
    ))
}

/// The renamed-runtime app.
#[rt::integration(
    app_id = "renamed",
    crate = "rt",
    auth = TokenCredential,
    settings = Settings,
    capabilities(validate_credentials),
)]
pub struct Renamed;
