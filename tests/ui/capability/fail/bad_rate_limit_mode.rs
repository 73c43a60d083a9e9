use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(list_accounts, rate_limit_mode = enforced)]
async fn list_accounts(
    _req: ListAccountsRequest<Settings, TokenCredential>,
) -> Result<ListAccountsResponse, ConnectorError> {
    Ok(Response::new(Vec::new()))
}

fn main() {}
