use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(validate_credentials)]
async fn validate_credentials(req: ValidateCredentialsRequest<Settings, TokenCredential>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(ValidatedCredentials::builder().valid(true).unique_tenant_id(req.settings.base_url).build()))
}

#[integration(app_id = "demo", auth = TokenCredential, settings = Settings, capabilities(validate_credentials), probe(page_size = 0))]
pub struct Demo;

fn main() {}
