//! MockApp, authenticated by OAuth 2.0: the authorization-code flow with PKCE against the
//! mock API's own authorization server (`{api_url}/oauth/authorize`, `{api_url}/oauth/token`).
//!
//! The capabilities are mockapp's: each one here takes the OAuth credential and hands
//! mockapp's function the access token as the bearer token it sends. The OAuth capabilities
//! themselves (`get_authorization_url`, `handle_authorization_callback`,
//! `refresh_access_token`) are the runtime's, from the `oauth(...)` declaration.

use connector_runtime::prelude::*;
use mockapp::capabilities_write::CreateAccount;
use mockapp::enums::{ENTITLEMENT_TYPES, RESOURCE_TYPES};
use mockapp::settings::MockappSettings;

/// The authorization endpoint of the mock API at `api_url`.
pub fn authorization_url(settings: &MockappSettings) -> String {
    format!("{}/oauth/authorize", settings.api_url.trim_end_matches('/'))
}

/// The token endpoint of the mock API at `api_url`.
pub fn token_url(settings: &MockappSettings) -> String {
    format!("{}/oauth/token", settings.api_url.trim_end_matches('/'))
}

/// The access token, sent as mockapp sends its API token.
fn bearer(credential: OAuthCredential) -> TokenCredential {
    TokenCredential {
        token: credential.access_token,
    }
}

/// One capability per line: `module::name(payload) -> response`, each mockapp's function
/// called with the request's access token as its token credential.
macro_rules! by_oauth {
    ($($module:ident::$name:ident($payload:ty) -> $response:ty;)*) => {
        $(
            #[doc = concat!("mockapp's `", stringify!($name), "`, authenticated by OAuth.")]
            #[capability($name)]
            pub async fn $name(
                req: Request<$payload, MockappSettings, OAuthCredential>,
            ) -> Result<$response, ConnectorError> {
                mockapp::$module::$name(req.map_auth(bearer)).await
            }
        )*
    };
}

by_oauth! {
    capabilities_read::validate_credentials(ValidateCredentials) -> ValidateCredentialsResponse;
    capabilities_read::list_accounts(ListAccounts) -> ListAccountsResponse;
    capabilities_read::list_resources(ListResources) -> ListResourcesResponse;
    capabilities_read::list_entitlements(ListEntitlements) -> ListEntitlementsResponse;
    capabilities_read::find_entitlement_associations(FindEntitlementAssociations) -> FindEntitlementAssociationsResponse;
    capabilities_read::get_last_activity(GetLastActivity) -> GetLastActivityResponse;
    capabilities_write::create_account(CreateAccount) -> CreateAccountResponse;
    capabilities_write::activate_account(ActivateAccount) -> ActivateAccountResponse;
    capabilities_write::deactivate_account(DeactivateAccount) -> DeactivateAccountResponse;
    capabilities_write::delete_account(DeleteAccount) -> DeleteAccountResponse;
    capabilities_write::assign_entitlement(AssignEntitlement) -> AssignEntitlementResponse;
    capabilities_write::unassign_entitlement(UnassignEntitlement) -> UnassignEntitlementResponse;
}

/// The MockApp connector over OAuth.
#[integration(
    app_id = "mockapp",
    auth = OAuthCredential,
    settings = MockappSettings,
    description(
        user_friendly_name = "MockApp",
        description = "A mock application for trying out Lumos connectors, connected by OAuth 2.0",
        logo_url = "https://logo.clearbit.com/example.com",
        categories(developers, it_and_security),
    ),
    resource_types = RESOURCE_TYPES,
    entitlement_types = ENTITLEMENT_TYPES,
    oauth(
        authorization_url = authorization_url,
        token_url = token_url,
        scopes(
            list_accounts = "users:read",
            validate_credentials = "users:read",
            create_account = "users:write",
        ),
        pkce,
        client_auth = post,
        request_type = form,
    ),
    capabilities(
        validate_credentials,
        list_accounts,
        list_resources,
        list_entitlements,
        find_entitlement_associations,
        get_last_activity,
        create_account,
        activate_account,
        deactivate_account,
        delete_account,
        assign_entitlement,
        unassign_entitlement,
    ),
)]
pub struct MockappOAuth;
