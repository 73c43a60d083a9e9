//! The write capabilities: create, activate, deactivate and delete accounts; grant and
//! revoke entitlements. Each reports what it did in an execution summary, with the request's
//! fingerprint.

use connector_runtime::capabilities::Extends;
use connector_runtime::prelude::*;

use crate::client::{MockappClient, NewUser};
use crate::integration::MockappRequest;

/// The `create_account` payload: Lumos' `CreatableAccount` plus MockApp's own fields.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
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

/// Creates an active user. Not idempotent: the same e-mail again is a conflict.
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
    let account = CreatedAccount::builder()
        .id(created.id)
        .status(AccountStatus::Active)
        .created(true)
        .build();
    Ok(Response::new(account).with_execution_summary(ExecutionSummary::created(&req)?))
}

/// Sets a user's status to active: `updated` even when it already was (MockApp's `PUT` does
/// not say whether anything changed).
#[capability(activate_account)]
pub async fn activate_account(
    req: MockappRequest<ActivateAccount>,
) -> Result<ActivateAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .set_status(&req.request.account_id, "active")
        .await?;
    let activated = ActivatedAccount::builder()
        .status(AccountStatus::Active)
        .activated(true)
        .build();
    Ok(Response::new(activated).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// Sets a user's status to inactive.
#[capability(deactivate_account)]
pub async fn deactivate_account(
    req: MockappRequest<DeactivateAccount>,
) -> Result<DeactivateAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .set_status(&req.request.account_id, "inactive")
        .await?;
    let deactivated = DeactivatedAccount::builder()
        .status(AccountStatus::Inactive)
        .deactivated(true)
        .build();
    Ok(Response::new(deactivated).with_execution_summary(ExecutionSummary::updated(&req)?))
}

/// Deletes a user. Not idempotent as MockApp answers: deleting again is `not_found`.
#[capability(delete_account)]
pub async fn delete_account(
    req: MockappRequest<DeleteAccount>,
) -> Result<DeleteAccountResponse, ConnectorError> {
    MockappClient::new(&req)?
        .delete_user(&req.request.account_id)
        .await?;
    let deleted = DeletedAccount::builder()
        .status(AccountStatus::Deleted)
        .deleted(true)
        .build();
    let summary = ExecutionSummary::deleted(&req)?.idempotent(false);
    Ok(Response::new(deleted).with_execution_summary(summary))
}

/// Grants an entitlement on a resource to a user; a noop when the user already held it.
#[capability(assign_entitlement)]
pub async fn assign_entitlement(
    req: MockappRequest<AssignEntitlement>,
) -> Result<AssignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    let new = MockappClient::new(&req)?
        .assign_entitlement(
            &grant.account_integration_specific_id,
            &grant.entitlement_integration_specific_id,
            &grant.resource_integration_specific_id,
        )
        .await?;
    let summary = if new {
        // Granting it again is a noop, so the request is safe to repeat.
        ExecutionSummary::created(&req)?.idempotent(true)
    } else {
        ExecutionSummary::noop(&req, NoopEffectReason::StateAlreadyMatches)?
    };
    let assigned = AssignedEntitlement::builder().assigned(true).build();
    Ok(Response::new(assigned).with_execution_summary(summary))
}

/// Revokes an entitlement on a resource from a user. Not idempotent as MockApp answers:
/// revoking what the user does not hold is `not_found`.
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
    let unassigned = UnassignedEntitlement::builder().unassigned(true).build();
    let summary = ExecutionSummary::deleted(&req)?.idempotent(false);
    Ok(Response::new(unassigned).with_execution_summary(summary))
}
