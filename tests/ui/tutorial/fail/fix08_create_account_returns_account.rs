use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 8: `create_account` returned `FoundAccountData`; its response is `CreatedAccount`.
#[capability(create_account)]
async fn create_account(req: CreateAccountRequest<MockappSettings, TokenCredential>) -> Result<GetAccountResponse, ConnectorError> {
    let _ = req;
    Err(ConnectorError::unsupported_operation())
}

fn main() {}
