//! The read capabilities: the credentials check, accounts (paged, and one by id) and the
//! roles that can be granted.

use connector_runtime::pagination;
use connector_runtime::prelude::*;

use crate::client::{{{Type}}Client, User};
use crate::constants::DEFAULT_PAGE_SIZE;
use crate::enums::{GLOBAL_RESOURCE_ID, ROLE};
use crate::integration::{{Type}}Request;
use crate::pagination::Pagination;

/// Checks the credential with the cheapest call there is: one user.
///
/// A rejected credential is `valid: false`; any other failure (the API down, a server
/// error) is reported as the error it is, since it says nothing about the credential.
#[capability(validate_credentials)]
pub async fn validate_credentials(
    req: {{Type}}Request<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let client = {{Type}}Client::new(&req)?;
    let valid = match client.get_users(1, 0).await {
        Ok(_) => true,
        Err(e)
            if matches!(
                e.code(),
                ErrorCode::Unauthorized | ErrorCode::PermissionDenied
            ) =>
        {
            false
        }
        Err(e) => return Err(e),
    };
    Ok(Response::new(
        ValidatedCredentials::builder()
            .valid(valid)
            .unique_tenant_id(req.settings.api_url.clone())
            .build(),
    ))
}

/// Lists the users, one page per call, following the offset in the page token.
#[capability(list_accounts)]
pub async fn list_accounts(
    req: {{Type}}Request<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    let current = req.page_cursor::<Pagination>()?.unwrap_or_default();
    let page_size = req.page_size(DEFAULT_PAGE_SIZE);
    // A full page must end at an offset the next token can hold: refuse a token too close to
    // the top of the range before calling the API.
    current.advance(page_size)?;
    let page = {{Type}}Client::new(&req)?
        .get_users(page_size, current.offset.get())
        .await?;
    let accounts: Vec<FoundAccountData> = page.users.into_iter().map(to_account).collect();
    let listed = current.offset.get().saturating_add(accounts.len());
    let next = (!accounts.is_empty() && listed < page.total)
        .then(|| current.advance(accounts.len()))
        .transpose()?;
    Ok(Response::new(accounts).with_page(pagination::next_page(next.as_slice(), page_size)?))
}

/// One user, by id: `not_found` when there is none.
#[capability(get_account)]
pub async fn get_account(
    req: {{Type}}Request<GetAccount>,
) -> Result<GetAccountResponse, ConnectorError> {
    let user = {{Type}}Client::new(&req)?
        .get_user(&req.request.account_id)
        .await?;
    Ok(Response::new(to_account(user)))
}

/// A {{Display}} user as a Lumos account: the name split into given and family names.
fn to_account(user: User) -> FoundAccountData {
    let status = match user.active {
        Some(false) => AccountStatus::Inactive,
        _ => AccountStatus::Active,
    };
    let (given_name, family_name) = split_name(user.name.as_deref());
    FoundAccountData::builder()
        .integration_specific_id(user.id)
        .email(user.email.unwrap_or_default())
        .maybe_given_name(given_name)
        .maybe_family_name(family_name)
        .user_status(status)
        .build()
}

/// `"Ada King Lovelace"` -> (`Ada`, `King Lovelace`); one word has no family name.
fn split_name(name: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return (None, None);
    };
    match name.split_once(char::is_whitespace) {
        Some((given, family)) => (Some(given.to_owned()), Some(family.trim().to_owned())),
        None => (Some(name.to_owned()), None),
    }
}

/// Lists the roles, each an entitlement on the tenant.
#[capability(list_entitlements)]
pub async fn list_entitlements(
    req: {{Type}}Request<ListEntitlements>,
) -> Result<ListEntitlementsResponse, ConnectorError> {
    let roles = {{Type}}Client::new(&req)?.get_roles().await?;
    Ok(Response::new(
        roles
            .into_iter()
            .map(|role| {
                FoundEntitlementData::builder()
                    .integration_specific_id(role.id)
                    .integration_specific_resource_id(GLOBAL_RESOURCE_ID)
                    .entitlement_type(ROLE)
                    .label(role.name)
                    .description(role.description.unwrap_or_default())
                    .build()
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::split_name;

    #[test]
    fn names_split_at_the_first_space() {
        let split = |n: &str| split_name(Some(n));
        assert_eq!(split("Ada Lovelace"), (Some("Ada".into()), Some("Lovelace".into())));
        assert_eq!(
            split("Ada King Lovelace"),
            (Some("Ada".into()), Some("King Lovelace".into()))
        );
        assert_eq!(split("Cher"), (Some("Cher".into()), None));
        assert_eq!(split("  "), (None, None));
    }
}
