use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 1: the client read an OAuth access token, but the integration declares token
// auth. The request type carries the declared credential, so there is no OAuth to read.
#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<MockappSettings, TokenCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let bearer = req.auth.access_token.expose().to_owned();
    let _ = bearer;
    Ok(Response::new(vec![]))
}

fn main() {}
