use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(list_accounts)]
async fn list_accounts<S>(req: ListAccountsRequest<S, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let _ = req;
    Ok(Response::new(vec![]))
}

fn main() {}
