use connector_runtime::prelude::*;

// Tutorial row 6: `FoundEntitlementData(entitlement_id=...)`; the field is `integration_specific_id`.
fn to_entitlement(id: String, kind: String, resource: String, name: String) -> FoundEntitlementData {
    FoundEntitlementData::builder()
        .entitlement_id(id)
        .entitlement_type(kind)
        .integration_specific_resource_id(resource)
        .label(name)
        .build()
}

fn main() {}
