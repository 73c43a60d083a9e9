use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

pub struct Client;

impl Client {
    #[capability(list_accounts)]
    async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
        let _ = req;
        Ok(Response::new(vec![]))
    }
}

fn main() {}
