use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(vec![]))
}

#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(vec![]))
}

#[integration(app_id = "demo", auth = TokenCredential, settings = Settings, capabilities(list_accounts))]
pub struct Demo;

fn main() {}
