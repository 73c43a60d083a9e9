use connector_runtime::prelude::*;
use connector_runtime::probe::ProbeSettings;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(validate_credentials)]
async fn validate_credentials(req: ValidateCredentialsRequest<Settings, TokenCredential>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(ValidatedCredentials::builder().valid(true).unique_tenant_id(req.settings.base_url).build()))
}

#[integration(app_id = "tuned", auth = TokenCredential, settings = Settings, capabilities(validate_credentials), probe(page_size = 3, per_check_timeout_seconds = 30))]
pub struct Tuned;

#[integration(app_id = "quiet", auth = TokenCredential, settings = Settings, capabilities(validate_credentials), probe = false)]
pub struct Quiet;

fn main() {
    let tuned = Tuned::APP.probe.expect("the probe is on by default");
    assert_eq!(
        tuned.settings,
        ProbeSettings { page_size: 3, max_entitlement_pages: 5, per_check_timeout_seconds: 30 }
    );
    assert_eq!(tuned.entry.name(), "probe_integration");
    assert!(Quiet::APP.probe.is_none());
}
