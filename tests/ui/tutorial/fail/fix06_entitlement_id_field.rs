use connector_runtime::prelude::*;

// Tutorial row 6: `FoundEntitlementData(entitlement_id=...)`; the field is `integration_specific_id`.
fn to_entitlement(id: String, kind: String, resource: String, name: String) -> FoundEntitlementData {
    FoundEntitlementData {
        entitlement_id: id,
        entitlement_type: kind,
        integration_specific_resource_id: resource,
        label: name,
        is_assignable: None,
        description: None,
        extra_data: None,
        custom_attributes: None,
    }
}

fn main() {}
