use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 1, as connector-py spells it: `get_oauth(args)` on a token-auth request.
#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<MockappSettings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let oauth = req.oauth()?;
    let _ = oauth;
    Ok(Response::new(vec![]))
}

fn main() {}
