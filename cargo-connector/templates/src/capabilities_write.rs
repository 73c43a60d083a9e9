//! The write capabilities: create and delete accounts, grant and revoke roles. Each reports
//! what it did in an execution summary, with the request's fingerprint.

use connector_runtime::capabilities::Extends;
use connector_runtime::prelude::*;

use crate::client::{{{Type}}Client, NewUser};
use crate::integration::{{Type}}Request;

/// The `create_account` payload: Lumos' `CreatableAccount` plus {{Display}}'s own fields.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "CreateAccount")]
pub struct CreateAccount {
    /// Entitlements to grant with the account.
    #[serde(flatten)]
    pub base: CreatableAccount,
    /// The e-mail address of the new account.
    pub email: String,
    /// The full name of the new account.
    #[serde(default)]
    pub display_name: Option<String>,
}

impl Extends<CreatableAccount> for CreateAccount {}

/// Creates a user. Not idempotent: the same e-mail again is a conflict.
#[capability(create_account)]
pub async fn create_account(
    req: {{Type}}Request<CreateAccount>,
) -> Result<CreateAccountResponse, ConnectorError> {
    let user = NewUser {
        email: &req.request.email,
        name: req.request.display_name.as_deref(),
    };
    let created = {{Type}}Client::new(&req)?.create_user(&user).await?;
    let account = CreatedAccount::builder()
        .id(created.id)
        .status(AccountStatus::Active)
        .created(true)
        .build();
    Ok(Response::new(account).with_execution_summary(ExecutionSummary::created(&req)?))
}

/// Deletes a user. Deleting again is `not_found`, so it is not idempotent.
#[capability(delete_account)]
pub async fn delete_account(
    req: {{Type}}Request<DeleteAccount>,
) -> Result<DeleteAccountResponse, ConnectorError> {
    {{Type}}Client::new(&req)?
        .delete_user(&req.request.account_id)
        .await?;
    let deleted = DeletedAccount::builder()
        .status(AccountStatus::Deleted)
        .deleted(true)
        .build();
    let summary = ExecutionSummary::deleted(&req)?.idempotent(false);
    Ok(Response::new(deleted).with_execution_summary(summary))
}

/// Grants a role. `PUT` of a role the user holds changes nothing, so it is idempotent.
#[capability(assign_entitlement)]
pub async fn assign_entitlement(
    req: {{Type}}Request<AssignEntitlement>,
) -> Result<AssignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    {{Type}}Client::new(&req)?
        .grant_role(
            &grant.account_integration_specific_id,
            &grant.entitlement_integration_specific_id,
        )
        .await?;
    let assigned = AssignedEntitlement::builder().assigned(true).build();
    let summary = ExecutionSummary::created(&req)?.idempotent(true);
    Ok(Response::new(assigned).with_execution_summary(summary))
}

/// Revokes a role. Revoking what the user does not hold is `not_found`.
#[capability(unassign_entitlement)]
pub async fn unassign_entitlement(
    req: {{Type}}Request<UnassignEntitlement>,
) -> Result<UnassignEntitlementResponse, ConnectorError> {
    let grant = &req.request;
    {{Type}}Client::new(&req)?
        .revoke_role(
            &grant.account_integration_specific_id,
            &grant.entitlement_integration_specific_id,
        )
        .await?;
    let unassigned = UnassignedEntitlement::builder().unassigned(true).build();
    let summary = ExecutionSummary::deleted(&req)?.idempotent(false);
    Ok(Response::new(unassigned).with_execution_summary(summary))
}
