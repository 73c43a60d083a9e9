use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListResourcesResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(vec![]))
}

fn main() {}
