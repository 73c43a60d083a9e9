use connector_runtime::prelude::*;

// Tutorial row 4: `FoundAccountData(display_name=...)`; names are `given_name`/`family_name`.
fn to_account(id: String, name: String) -> FoundAccountData {
    FoundAccountData::builder().integration_specific_id(id).display_name(name).build()
}

fn main() {}
