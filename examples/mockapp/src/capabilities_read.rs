//! The read capabilities: credentials check, accounts, resources, entitlements,
//! associations and last activity.

use connector_runtime::pagination;
use connector_runtime::prelude::*;
use tokio::task::JoinSet;

use crate::client::{MockappClient, User};
use crate::constants::{ACTIVITY_CONCURRENCY, DEFAULT_PAGE_SIZE, TENANT_ID};
use crate::integration::MockappRequest;
use crate::pagination::Pagination;

/// Checks the token with the cheapest call there is: one user.
///
/// A rejected token is `valid: false`; any other failure (the API down, a server error) is
/// reported as the error it is, since it says nothing about the credentials.
#[capability(validate_credentials)]
pub async fn validate_credentials(
    req: MockappRequest<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let client = MockappClient::new(&req)?;
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
            .unique_tenant_id(TENANT_ID)
            .build(),
    ))
}

/// Lists the users, one page per call, following the offset in the page token.
#[capability(list_accounts)]
pub async fn list_accounts(
    req: MockappRequest<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    let endpoint = "/api/users";
    let current = req
        .page_cursor::<Pagination>()?
        .unwrap_or_else(|| Pagination::start(endpoint));
    let page_size = req.page_size(DEFAULT_PAGE_SIZE);
    // A full page must end at an offset the next token can hold: refuse a token too close to
    // the top of the range before calling the API.
    current.advance(page_size)?;
    let client = MockappClient::new(&req)?;
    let page = client.get_users(page_size, current.offset.get()).await?;
    let accounts: Vec<FoundAccountData> = page.items.into_iter().map(to_account).collect();
    let next = page
        .has_more
        .then(|| current.advance(accounts.len()))
        .transpose()?;
    Ok(Response::new(accounts).with_page(pagination::next_page(next.as_slice(), page_size)?))
}

/// A MockApp user as a Lumos account: names split into given and family names.
fn to_account(user: User) -> FoundAccountData {
    let status = match user.status.as_deref() {
        Some("inactive") => AccountStatus::Inactive,
        Some("deleted") => AccountStatus::Deleted,
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

/// Lists projects, teams and the tenant itself.
#[capability(list_resources)]
pub async fn list_resources(
    req: MockappRequest<ListResources>,
) -> Result<ListResourcesResponse, ConnectorError> {
    let resources = MockappClient::new(&req)?.get_resources().await?;
    Ok(Response::new(
        resources
            .into_iter()
            .map(|r| {
                FoundResourceData::builder()
                    .integration_specific_id(r.id)
                    .label(r.name)
                    .description(r.description.unwrap_or_default())
                    .resource_type(r.kind)
                    .build()
            })
            .collect(),
    ))
}

/// Lists the roles and memberships that can be granted.
#[capability(list_entitlements)]
pub async fn list_entitlements(
    req: MockappRequest<ListEntitlements>,
) -> Result<ListEntitlementsResponse, ConnectorError> {
    let entitlements = MockappClient::new(&req)?.get_entitlements().await?;
    Ok(Response::new(
        entitlements
            .into_iter()
            .map(|e| {
                FoundEntitlementData::builder()
                    .integration_specific_id(e.id)
                    .integration_specific_resource_id(e.resource_id)
                    .entitlement_type(e.kind)
                    .label(e.name)
                    .description(e.description.unwrap_or_default())
                    .build()
            })
            .collect(),
    ))
}

/// Lists who holds which entitlement.
#[capability(find_entitlement_associations)]
pub async fn find_entitlement_associations(
    req: MockappRequest<FindEntitlementAssociations>,
) -> Result<FindEntitlementAssociationsResponse, ConnectorError> {
    let associations = MockappClient::new(&req)?.get_associations().await?;
    Ok(Response::new(
        associations
            .into_iter()
            .map(|a| {
                FoundEntitlementAssociation::builder()
                    .account_id(a.user_id)
                    .integration_specific_entitlement_id(a.entitlement_id)
                    .integration_specific_resource_id(a.resource_id)
                    .build()
            })
            .collect(),
    ))
}

/// The last login of each requested account, fetched a few accounts at a time; accounts
/// that do not exist or never logged in are left out.
#[capability(get_last_activity)]
pub async fn get_last_activity(
    req: MockappRequest<GetLastActivity>,
) -> Result<GetLastActivityResponse, ConnectorError> {
    let client = MockappClient::new(&req)?;
    let mut activities = Vec::new();
    for chunk in req.request.account_ids.chunks(ACTIVITY_CONCURRENCY) {
        let mut tasks = JoinSet::new();
        for (index, id) in chunk.iter().enumerate() {
            let (client, id) = (client.clone(), id.clone());
            tasks.spawn(async move { (index, client.get_user(&id).await) });
        }
        let mut fetched: Vec<(usize, User)> = Vec::with_capacity(chunk.len());
        while let Some(joined) = tasks.join_next().await {
            let (index, user) = joined.map_err(|_| ConnectorError::internal_error())?;
            match user {
                Ok(user) => fetched.push((index, user)),
                Err(e) if e.code() == ErrorCode::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        fetched.sort_by_key(|(index, _)| *index);
        activities.extend(fetched.into_iter().filter_map(|(_, user)| {
            let happened_at = user.last_login?;
            Some(
                LastActivityData::builder()
                    .account_id(user.id)
                    .happened_at(happened_at)
                    .event_type("last_login")
                    .build(),
            )
        }));
    }
    Ok(Response::new(activities))
}

#[cfg(test)]
mod tests {
    use super::split_name;

    #[test]
    fn names_split_like_connector_py() {
        let s = |n: &str| split_name(Some(n));
        assert_eq!(
            s("Alice Smith"),
            (Some("Alice".into()), Some("Smith".into()))
        );
        assert_eq!(
            s("Ada King Lovelace"),
            (Some("Ada".into()), Some("King Lovelace".into()))
        );
        assert_eq!(s("Cher"), (Some("Cher".into()), None));
        assert_eq!(split_name(None), (None, None));
    }
}
