use connector_runtime::prelude::*;

// Tutorial row 7: `FoundEntitlementAssociation(entitlement_id=...)`; the field is
// `integration_specific_entitlement_id`.
fn to_association(user: String, entitlement: String, resource: String) -> FoundEntitlementAssociation {
    FoundEntitlementAssociation::builder()
        .account_id(user)
        .entitlement_id(entitlement)
        .integration_specific_resource_id(resource)
        .build()
}

fn main() {}
