// Every argument mistake is reported in one build, each at its own token: an unknown
// argument, an unknown category, a capability listed twice, a repeated argument, and (at the
// attribute) the missing `app_id`.
use connector_runtime::prelude::*;

#[capability(validate_credentials)]
async fn validate_credentials(req: ValidateCredentialsRequest<NoSettings, TokenCredential>) -> Result<ValidateCredentialsResponse, ConnectorError> {
    Ok(Response::new(ValidatedCredentials::builder().valid(true).unique_tenant_id(req.auth.token.expose().len().to_string()).build()))
}

#[integration(
    auth = TokenCredential,
    colour = "blue",
    description(user_friendly_name = "Demo", categories(developer)),
    capabilities(validate_credentials, validate_credentials),
    auth = TokenCredential,
)]
pub struct Demo;

fn main() {}
