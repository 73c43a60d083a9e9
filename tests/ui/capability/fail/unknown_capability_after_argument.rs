use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(display_name = "All the accounts", list_acounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(vec![]))
}

fn main() {}
