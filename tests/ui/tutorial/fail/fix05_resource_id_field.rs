use connector_runtime::prelude::*;

// Tutorial row 5: `FoundResourceData(resource_id=...)`; the field is `integration_specific_id`.
fn to_resource(id: String, kind: String, name: String) -> FoundResourceData {
    FoundResourceData::builder().resource_id(id).resource_type(kind).label(name).build()
}

fn main() {}
