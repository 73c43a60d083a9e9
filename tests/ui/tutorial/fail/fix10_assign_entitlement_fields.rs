use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 10: `req.account_id` / `req.entitlement_id` on `AssignEntitlement`.
#[capability(assign_entitlement)]
async fn assign_entitlement(req: AssignEntitlementRequest<MockappSettings, TokenCredential>) -> Result<AssignEntitlementResponse, ConnectorError> {
    let target = req.request.account_id.clone();
    let _ = target;
    Ok(Response::new(AssignedEntitlement::builder().assigned(true).build()))
}

fn main() {}
