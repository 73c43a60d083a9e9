use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub base_url: String,
}

async fn pause() {}

#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let counter = std::rc::Rc::new(req.settings.base_url.len());
    pause().await;
    let _ = counter;
    Ok(Response::new(vec![]))
}

fn main() {}
