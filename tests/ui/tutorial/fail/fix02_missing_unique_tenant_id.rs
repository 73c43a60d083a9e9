use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 2: `ValidatedCredentials(valid=False)` without the required tenant id.
#[capability(validate_credentials)]
async fn validate_credentials(req: ValidateCredentialsRequest<MockappSettings, TokenCredential>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(ValidatedCredentials::builder().valid(false).build()))
}

fn main() {}
