//! The hand-built integration of [`crate::handmade`], registered with the macros instead
//! (the capability bodies are shared): the CLI tests check that both print the same bytes.

use connector_runtime::prelude::*;

use crate::handmade::{HandRequest, HandSettings};

#[capability(validate_credentials)]
pub async fn validate_credentials(
    req: HandRequest<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    crate::handmade::validate(req)
}

/// Lists the accounts of the fake tenant.
#[capability(list_accounts)]
pub async fn list_accounts(
    req: HandRequest<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    crate::handmade::accounts_page(req)
}

#[capability(delete_account, display_name = "Remove Account")]
pub async fn delete_account(
    req: HandRequest<DeleteAccount>,
) -> Result<DeleteAccountResponse, ConnectorError> {
    crate::handmade::delete(req)
}

/// The hand-built app, through the macros.
#[integration(
    app_id = "handmade",
    version = "0.1.0",
    auth = TokenCredential,
    settings = HandSettings,
    description(
        user_friendly_name = "Handmade",
        description = "A connector written without macros, for tests.",
        categories(developers),
    ),
    resource_types = crate::handmade::RESOURCE_TYPES,
    entitlement_types = crate::handmade::ENTITLEMENT_TYPES,
    capabilities(validate_credentials, list_accounts, delete_account),
)]
pub struct Macromade;
