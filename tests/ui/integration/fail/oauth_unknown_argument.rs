use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub api_url: String,
}

#[capability(validate_credentials)]
async fn validate_credentials(req: ValidateCredentialsRequest<Settings, OAuthCredential>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(ValidatedCredentials::builder().valid(true).unique_tenant_id(req.settings.api_url).build()))
}


#[integration(app_id = "demo", auth = OAuthCredential, settings = Settings, oauth(authorization_url = "https://a/authorize", token_url = "https://a/token", refresh_url = "https://a/refresh"), capabilities(validate_credentials))]
pub struct Demo;

fn main() {}
