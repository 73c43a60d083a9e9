//! The client-credentials flow, with endpoints and scopes computed from settings, basic client
//! authentication and a JSON body.
use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct Settings {
    pub api_url: String,
}

fn token_url(settings: &Settings) -> String {
    format!("{}/oauth/token", settings.api_url)
}

fn scopes(settings: &Settings) -> Vec<(String, String)> {
    vec![("list_accounts".to_owned(), format!("{}:read", settings.api_url))]
}

#[capability(list_accounts)]
async fn list_accounts(req: ListAccountsRequest<Settings, OAuthClientCredential>) -> Result<ListAccountsResponse, ConnectorError> {
    let _ = req.auth.access_token.expose();
    Ok(Response::new(Vec::new()))
}

#[integration(
    app_id = "demo",
    auth = OAuthClientCredential,
    settings = Settings,
    oauth(token_url = token_url, scopes = scopes, flow = client_credentials, client_auth = basic, request_type = json),
    capabilities(list_accounts),
)]
pub struct Demo;

fn main() {
    let names: Vec<&str> = <Demo as Integration>::APP.capabilities.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["list_accounts", "handle_client_credentials_request", "refresh_access_token"]);
}
