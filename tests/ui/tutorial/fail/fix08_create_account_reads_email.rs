use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 8: `create_account` read `req.email`, which `CreatableAccount` does not have
// (the fix extends the payload with the connector's own fields).
#[capability(create_account)]
async fn create_account(req: CreateAccountRequest<MockappSettings, TokenCredential>) -> Result<CreateAccountResponse, ConnectorError> {
    let email = req.request.email.clone();
    let _ = email;
    Ok(Response::new(CreatedAccount::builder().status(AccountStatus::Active).created(true).build()))
}

fn main() {}
