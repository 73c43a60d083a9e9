//! The write capabilities: create, activate, deactivate and delete accounts; grant and
//! revoke entitlements.

use connector_runtime::capabilities::Extends;
use connector_runtime::prelude::*;

use crate::client::{MockappClient, NewUser};
use crate::integration::MockappRequest;

/// The `create_account` payload: Lumos' `CreatableAccount` plus MockApp's own fields.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[schemars(title = "CreateAccount")]
pub struct CreateAccount {
    /// Entitlements to grant with the account.
    #[serde(flatten)]
    pub base: CreatableAccount,
    /// The e-mail address of the new account.
    #[serde(default)]
    pub email: Option<String>,
    /// The full name of the new account.
    #[serde(default)]
    pub display_name: Option<String>,
}

impl Extends<CreatableAccount> for CreateAccount {}

/// Creates an active user.
#[capability(create_account)]
pub async fn create_account(
    req: MockappRequest<CreateAccount>,
) -> Result<CreateAccountResponse, ConnectorError> {
    let account = &req.request;
    let user = NewUser {
        email: account.email.as_deref(),
        name: account.display_name.as_deref(),
        status: "active",
    };
    let created = MockappClient::new(&req)?.create_user(&user).await?;
    Ok(Response::new(
        CreatedAccount::builder()
            .id(created.id)
            .status(AccountStatus::Active)
            .created(true)
            .build(),
    ))
}

/// Sets a user's status to active.
#[capability(activate_account)]
pub async fn activate_account(
    req: MockappRequest<ActivateAccount>,
) -> Result<ActivateAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .set_status(&req.request.account_id, "active")
        .await?;
    Ok(Response::new(
        ActivatedAccount::builder()
            .status(AccountStatus::Active)
            .activated(true)
            .build(),
    ))
}

/// Sets a user's status to inactive.
#[capability(deactivate_account)]
pub async fn deactivate_account(
    req: MockappRequest<DeactivateAccount>,
) -> Result<DeactivateAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .set_status(&req.request.account_id, "inactive")
        .await?;
    Ok(Response::new(
        DeactivatedAccount::builder()
            .status(AccountStatus::Inactive)
            .deactivated(true)
            .build(),
    ))
}

/// Deletes a user.
#[capability(delete_account)]
pub async fn delete_account(
    req: MockappRequest<DeleteAccount>,
) -> Result<DeleteAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .delete_user(&req.request.account_id)
        .await?;
    Ok(Response::new(
        DeletedAccount::builder()
            .status(AccountStatus::Deleted)
            .deleted(true)
            .build(),
    ))
}

/// Grants an entitlement on a resource to a user.
#[capability(assign_entitlement)]
pub async fn assign_entitlement(
    req: MockappRequest<AssignEntitlement>,
) -> Result<AssignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    MockappClient::new(&req)?
        .assign_entitlement(
            &grant.account_integration_specific_id,
            &grant.entitlement_integration_specific_id,
            &grant.resource_integration_specific_id,
        )
        .await?;
    Ok(Response::new(
        AssignedEntitlement::builder().assigned(true).build(),
    ))
}

/// Revokes an entitlement on a resource from a user.
#[capability(unassign_entitlement)]
pub async fn unassign_entitlement(
    req: MockappRequest<UnassignEntitlement>,
) -> Result<UnassignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    MockappClient::new(&req)?
        .unassign_entitlement(
            &grant.account_integration_specific_id,
            &grant.entitlement_integration_specific_id,
            &grant.resource_integration_specific_id,
        )
        .await?;
    Ok(Response::new(
        UnassignedEntitlement::builder().unassigned(true).build(),
    ))
}
