//! The write capabilities: create, update, activate, deactivate and delete users; add to and
//! remove from groups. A user is changed over the version just read (`If-Match`) where the
//! service has ETags, so a change made meanwhile is refused (`conflict`), not overwritten.
//! Each write reports what it did in an execution summary.

use connector_runtime::capabilities::Extends;
use connector_runtime::prelude::*;
use serde_json::json;

use crate::client::ScimClient;
use crate::filter;
use crate::integration::ScimRequest;
use crate::model::{Email, Name, Patch, PatchOperation, USER_SCHEMA, UserBody};

/// The `create_account` payload: Lumos' `CreatableAccount` plus the user's attributes.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "CreateAccount")]
pub struct CreateAccount {
    /// Entitlements to grant with the account.
    #[serde(flatten)]
    pub base: CreatableAccount,
    /// The user name (`userName`); the e-mail address when left out.
    #[serde(default)]
    pub username: Option<String>,
    /// The primary e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// The given name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// The family name.
    #[serde(default)]
    pub family_name: Option<String>,
}

impl Extends<CreatableAccount> for CreateAccount {}

/// Creates an active user; a user name already taken is a `conflict`.
#[capability(create_account)]
pub async fn create_account(
    req: ScimRequest<CreateAccount>,
) -> Result<CreateAccountResponse, ConnectorError> {
    let account = &req.request;
    let user_name = account
        .username
        .clone()
        .or_else(|| account.email.clone())
        .ok_or_else(|| {
            ConnectorError::bad_request()
                .with_message("create_account needs a `username` or an `email`")
        })?;
    let body = UserBody {
        schemas: [USER_SCHEMA],
        user_name,
        name: name_of(account.given_name.clone(), account.family_name.clone()),
        emails: account
            .email
            .iter()
            .map(|email| Email {
                value: email.clone(),
                primary: Some(true),
            })
            .collect(),
        active: true,
    };
    let client = ScimClient::new(&req)?;
    let created = client.create_user(&body).await?;
    for grant in &account.base.entitlements {
        let group = group_of(
            &grant.integration_specific_id,
            grant
                .integration_specific_resource_id
                .as_deref()
                .unwrap_or_default(),
        );
        client.patch_group(&group, &add_member(&created.id)).await?;
    }
    let account = CreatedAccount::builder()
        .id(created.id)
        .status(AccountStatus::Active)
        .created(true)
        .build();
    Ok(Response::new(account).with_execution_summary(ExecutionSummary::created(&req)?))
}

fn name_of(given_name: Option<String>, family_name: Option<String>) -> Option<Name> {
    (given_name.is_some() || family_name.is_some()).then_some(Name {
        given_name,
        family_name,
    })
}

/// The `update_account` payload: the account and the attributes to change.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "UpdateAccount")]
pub struct UpdateAccount {
    /// The account.
    #[serde(flatten)]
    pub base: UpdateableAccount,
    /// A new user name.
    #[serde(default)]
    pub username: Option<String>,
    /// A new primary e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// A new given name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// A new family name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// The version the caller last read (`meta.version`): when given, the change is made only
    /// over that version, and is a `conflict` if the user changed since.
    #[serde(default)]
    pub if_version: Option<String>,
}

impl Extends<UpdateableAccount> for UpdateAccount {}

/// Replaces the given attributes, leaving the others as they are.
#[capability(update_account)]
pub async fn update_account(
    req: ScimRequest<UpdateAccount>,
) -> Result<UpdateAccountResponse, ConnectorError> {
    let change = &req.request;
    let id = &change.base.id;
    let mut operations = Vec::new();
    let mut replace = |path: &str, value: Option<serde_json::Value>| {
        if let Some(value) = value {
            operations.push(PatchOperation {
                op: "replace",
                path: path.to_owned(),
                value: Some(value),
            });
        }
    };
    replace("userName", change.username.clone().map(Into::into));
    replace(
        "emails",
        change
            .email
            .clone()
            .map(|email| json!([{"value": email, "primary": true}])),
    );
    replace("name.givenName", change.given_name.clone().map(Into::into));
    replace(
        "name.familyName",
        change.family_name.clone().map(Into::into),
    );
    if operations.is_empty() {
        let unchanged = UpdateableAccount::builder().id(id.clone()).build();
        let summary = ExecutionSummary::noop(&req, NoopEffectReason::StateAlreadyMatches)?;
        return Ok(Response::new(unchanged).with_execution_summary(summary));
    }
    let client = ScimClient::new(&req)?;
    let version = match &change.if_version {
        Some(version) => Some(version.clone()),
        None => current_version(&client, id).await?,
    };
    client
        .patch_user(id, &Patch::of(operations), version.as_deref())
        .await?;
    let updated = UpdateableAccount::builder().id(id.clone()).build();
    Ok(Response::new(updated).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// The user's version when the service has ETags, else `None`.
async fn current_version(client: &ScimClient, id: &str) -> Result<Option<String>, ConnectorError> {
    if !client.service_provider_config().await?.etag.supported {
        return Ok(None);
    }
    Ok(client
        .get_user(id)
        .await?
        .meta
        .and_then(|meta| meta.version))
}

/// Sets `active` over the version just read.
async fn set_active(client: &ScimClient, id: &str, active: bool) -> Result<(), ConnectorError> {
    let version = current_version(client, id).await?;
    let patch = Patch::of(vec![PatchOperation {
        op: "replace",
        path: "active".into(),
        value: Some(active.into()),
    }]);
    client.patch_user(id, &patch, version.as_deref()).await
}

/// Sets `active` to true.
#[capability(activate_account)]
pub async fn activate_account(
    req: ScimRequest<ActivateAccount>,
) -> Result<ActivateAccountResponse, ConnectorError> {
    set_active(&ScimClient::new(&req)?, &req.request.account_id, true).await?;
    let activated = ActivatedAccount::builder()
        .status(AccountStatus::Active)
        .activated(true)
        .build();
    Ok(Response::new(activated).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// Sets `active` to false.
#[capability(deactivate_account)]
pub async fn deactivate_account(
    req: ScimRequest<DeactivateAccount>,
) -> Result<DeactivateAccountResponse, ConnectorError> {
    set_active(&ScimClient::new(&req)?, &req.request.account_id, false).await?;
    let deactivated = DeactivatedAccount::builder()
        .status(AccountStatus::Inactive)
        .deactivated(true)
        .build();
    Ok(Response::new(deactivated).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// Deletes a user; one already gone is `not_found`.
#[capability(delete_account)]
pub async fn delete_account(
    req: ScimRequest<DeleteAccount>,
) -> Result<DeleteAccountResponse, ConnectorError> {
    ScimClient::new(&req)?
        .delete_user(&req.request.account_id)
        .await?;
    let deleted = DeletedAccount::builder()
        .status(AccountStatus::Deleted)
        .deleted(true)
        .build();
    Ok(Response::new(deleted).with_execution_summary(ExecutionSummary::deleted(&req)?))
}

fn add_member(account: &str) -> Patch {
    Patch::of(vec![PatchOperation {
        op: "add",
        path: "members".into(),
        value: Some(json!([{"value": account}])),
    }])
}

/// The group a grant names: its entitlement id (which is the group's id).
fn group_of(entitlement: &str, resource: &str) -> String {
    if entitlement.is_empty() {
        resource
    } else {
        entitlement
    }
    .to_owned()
}

/// Adds the account to the group.
#[capability(assign_entitlement)]
pub async fn assign_entitlement(
    req: ScimRequest<AssignEntitlement>,
) -> Result<AssignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    let group = group_of(
        &grant.entitlement_integration_specific_id,
        &grant.resource_integration_specific_id,
    );
    ScimClient::new(&req)?
        .patch_group(&group, &add_member(&grant.account_integration_specific_id))
        .await?;
    let assigned = AssignedEntitlement::builder().assigned(true).build();
    Ok(Response::new(assigned).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// Removes the account from the group.
#[capability(unassign_entitlement)]
pub async fn unassign_entitlement(
    req: ScimRequest<UnassignEntitlement>,
) -> Result<UnassignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    let group = group_of(
        &grant.entitlement_integration_specific_id,
        &grant.resource_integration_specific_id,
    );
    let remove = Patch::of(vec![PatchOperation {
        op: "remove",
        path: format!(
            "members[{}]",
            filter::equals("value", &grant.account_integration_specific_id)
        ),
        value: None,
    }]);
    ScimClient::new(&req)?.patch_group(&group, &remove).await?;
    let unassigned = UnassignedEntitlement::builder().unassigned(true).build();
    Ok(Response::new(unassigned).with_execution_summary(ExecutionSummary::updated(&req)?))
}
