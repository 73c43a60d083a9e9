use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 9: `activate_account` answered with an account; its response is `ActivatedAccount`.
#[capability(activate_account)]
async fn activate_account(req: ActivateAccountRequest<MockappSettings, TokenCredential>) -> Result<Response<FoundAccountData>, ConnectorError> {
    let _ = req;
    Err(ConnectorError::unsupported_operation())
}

fn main() {}
