use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

#[capability(list_accounts)]
async fn list_accounts() -> Result<ListAccountsResponse, ConnectorError> {
    Ok(Response::new(vec![]))
}

fn main() {}
