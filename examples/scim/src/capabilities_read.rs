//! The read capabilities: the credential check, users as accounts, groups as resources and
//! entitlements, and group memberships as associations, each paged as Lumos asks.

use connector_runtime::pagination;
use connector_runtime::prelude::*;

use crate::client::ScimClient;
use crate::integration::{GROUP_MEMBER, GROUP_RESOURCE, ScimRequest};
use crate::model::{Group, User};
use crate::pagination::Cursor;

/// Reads `/ServiceProviderConfig`, then one user: a rejected token is `valid: false`, any
/// other failure the error it is.
#[capability(validate_credentials)]
pub async fn validate_credentials(
    req: ScimRequest<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let client = ScimClient::new(&req)?;
    let checked = async {
        client.service_provider_config().await?;
        client.list_users(1, 1, None).await
    };
    let valid = match checked.await {
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
            .unique_tenant_id(req.settings.base_url.clone())
            .build(),
    ))
}

/// Lists the users, one page per call (`startIndex`/`count` behind the page token).
#[capability(list_accounts)]
pub async fn list_accounts(
    req: ScimRequest<ListAccounts>,
) -> Result<ListAccountsResponse, ConnectorError> {
    let current = req
        .page_cursor::<Cursor>()?
        .unwrap_or_else(|| Cursor::start("/Users"));
    let size = req.page_size(req.settings.default_page_size());
    let page = ScimClient::new(&req)?
        .list_users(
            current.start_index(),
            size,
            req.settings.user_filter.as_deref(),
        )
        .await?;
    let next = current.next(page.resources.len(), page.total_results)?;
    let accounts = page.resources.into_iter().map(to_account).collect();
    Ok(Response::new(accounts).with_page(pagination::next_page(next.as_slice(), size)?))
}

/// One user, by id.
#[capability(get_account)]
pub async fn get_account(
    req: ScimRequest<GetAccount>,
) -> Result<GetAccountResponse, ConnectorError> {
    let user = ScimClient::new(&req)?
        .get_user(&req.request.account_id)
        .await?;
    Ok(Response::new(to_account(user)))
}

/// A SCIM user as a Lumos account: `active` as the status, the primary e-mail address.
pub fn to_account(user: User) -> FoundAccountData {
    let status = match user.active {
        Some(false) => AccountStatus::Inactive,
        _ => AccountStatus::Active,
    };
    let email = user.primary_email().map(str::to_owned);
    let name = user.name.unwrap_or_default();
    FoundAccountData::builder()
        .integration_specific_id(user.id)
        .maybe_email(email)
        .maybe_username(user.user_name)
        .maybe_given_name(name.given_name)
        .maybe_family_name(name.family_name)
        .user_status(status)
        .build()
}

/// A page of groups from the page token's cursor, and the cursor after it.
async fn groups_page<P>(
    req: &ScimRequest<P>,
) -> Result<(Vec<Group>, Option<Cursor>, usize), ConnectorError> {
    let current = req
        .page_cursor::<Cursor>()?
        .unwrap_or_else(|| Cursor::start("/Groups"));
    let size = req.page_size(req.settings.default_page_size());
    let page = ScimClient::new(req)?
        .list_groups(current.start_index(), size)
        .await?;
    let next = current.next(page.resources.len(), page.total_results)?;
    Ok((page.resources, next, size))
}

/// Lists the groups, as resources of type `group`.
#[capability(list_resources)]
pub async fn list_resources(
    req: ScimRequest<ListResources>,
) -> Result<ListResourcesResponse, ConnectorError> {
    let (groups, next, size) = groups_page(&req).await?;
    let resources = groups
        .into_iter()
        .map(|group| {
            FoundResourceData::builder()
                .label(group.display_name.unwrap_or_else(|| group.id.clone()))
                .integration_specific_id(group.id)
                .resource_type(GROUP_RESOURCE)
                .build()
        })
        .collect();
    Ok(Response::new(resources).with_page(pagination::next_page(next.as_slice(), size)?))
}

/// Lists one entitlement per group: being its member.
#[capability(list_entitlements)]
pub async fn list_entitlements(
    req: ScimRequest<ListEntitlements>,
) -> Result<ListEntitlementsResponse, ConnectorError> {
    let (groups, next, size) = groups_page(&req).await?;
    let entitlements = groups
        .into_iter()
        .map(|group| {
            let label = group.display_name.unwrap_or_else(|| group.id.clone());
            FoundEntitlementData::builder()
                .integration_specific_id(group.id.clone())
                .integration_specific_resource_id(group.id)
                .entitlement_type(GROUP_MEMBER)
                .label(format!("Member of {label}"))
                .build()
        })
        .collect();
    Ok(Response::new(entitlements).with_page(pagination::next_page(next.as_slice(), size)?))
}

/// Lists who is a member of which group, walking groups and then each group's members: the
/// page token is a stack of the groups' cursor and the cursor into the group being read, so a
/// page ends after exactly the requested number of associations, even inside a group.
#[capability(find_entitlement_associations)]
pub async fn find_entitlement_associations(
    req: ScimRequest<FindEntitlementAssociations>,
) -> Result<FindEntitlementAssociationsResponse, ConnectorError> {
    let size = req.page_size(req.settings.default_page_size());
    let mut stack = req.page_cursors::<Cursor>()?;
    let mut members_at = match stack.len() {
        2 => stack.pop(),
        _ => None,
    };
    let mut groups_at = stack.pop().unwrap_or_else(|| Cursor::start("/Groups"));
    let client = ScimClient::new(&req)?;
    let mut found = Vec::with_capacity(size);
    'groups: loop {
        let page = client.list_groups(groups_at.start_index(), size).await?;
        for group in &page.resources {
            let inside_endpoint = format!("/Groups/{}", group.id);
            // A cursor into another group (this one's place changed since) starts it anew.
            let from = members_at
                .take()
                .filter(|cursor| cursor.endpoint == inside_endpoint)
                .map_or(0, |cursor| cursor.offset.get());
            let members: Vec<String> = client
                .get_group(&group.id)
                .await?
                .members
                .into_iter()
                .filter(|member| member.kind.as_deref() != Some("Group"))
                .map(|member| member.value)
                .collect();
            let total = members.len() as u64;
            let wanted = size - found.len();
            let taken: Vec<String> = members.into_iter().skip(from).take(wanted).collect();
            let inside = Cursor {
                endpoint: inside_endpoint,
                offset: pagination::Offset::new(from),
            };
            let count = taken.len();
            found.extend(
                taken
                    .into_iter()
                    .map(|account| association(account, &group.id)),
            );
            if found.len() == size {
                let stack = match inside.next(count, total)? {
                    Some(inside) => vec![groups_at, inside],
                    None => groups_at.next(1, page.total_results)?.into_iter().collect(),
                };
                return Ok(Response::new(found).with_page(pagination::next_page(&stack, size)?));
            }
            match groups_at.next(1, page.total_results)? {
                Some(next) => groups_at = next,
                None => break 'groups,
            }
        }
        if page.resources.is_empty() {
            break;
        }
    }
    Ok(Response::new(found).with_page(pagination::next_page::<Cursor>(&[], size)?))
}

fn association(account: String, group: &str) -> FoundEntitlementAssociation {
    FoundEntitlementAssociation::builder()
        .account_id(account)
        .integration_specific_entitlement_id(group)
        .integration_specific_resource_id(group)
        .build()
}
