use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(custom = "list_accounts")]
async fn my_list(req: Request<ValidateCredentials, Settings, TokenCredential>) -> Result<Response<ValidatedCredentials>, ConnectorError> {
    let _ = req;
    Err(ConnectorError::unsupported_operation())
}

#[integration(app_id = "demo", auth = TokenCredential, settings = Settings, capabilities(my_list))]
pub struct Demo;

fn main() {}
