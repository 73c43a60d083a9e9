use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(custom = "syncWidgets2")]
async fn sync_widgets(req: Request<ValidateCredentials, Settings, TokenCredential>) -> Result<Response<ValidatedCredentials>, ConnectorError> {
    let _ = req;
    Err(ConnectorError::unsupported_operation())
}

fn main() {}
