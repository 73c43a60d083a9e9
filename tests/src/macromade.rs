//! The hand-built integration of [`crate::handmade`], written with the macros instead: the
//! CLI tests check that both print the same bytes.

use connector_runtime::pagination;
use connector_runtime::prelude::*;

use crate::handmade::{HandRequest, HandSettings, OffsetCursor, account, check_token};

#[capability(validate_credentials)]
pub async fn validate_credentials(
    req: HandRequest<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    check_token(&req)?;
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: req.settings.base_url.clone(),
    }))
}

/// Lists the accounts of the fake tenant.
#[capability(list_accounts)]
pub async fn list_accounts(
    req: HandRequest<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    check_token(&req)?;
    let size = req.page_size(2) as u32;
    let start = req.page_cursor::<OffsetCursor>()?.map_or(0, |c| c.offset);
    let end = (start + size).min(req.settings.account_count);
    let accounts = (start..end).map(account).collect();
    let next = (end < req.settings.account_count)
        .then(|| OffsetCursor { endpoint: Some("/api/users".into()), offset: end });
    let page = pagination::next_page(next.as_slice(), Some(i64::from(size)))?;
    Ok(Response::new(accounts).with_page(page))
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
