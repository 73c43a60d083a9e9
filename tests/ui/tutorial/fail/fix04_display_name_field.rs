use connector_runtime::prelude::*;

// Tutorial row 4: `FoundAccountData(display_name=...)`; names are `given_name`/`family_name`.
fn to_account(id: String, name: String) -> FoundAccountData {
    FoundAccountData {
        integration_specific_id: id,
        resource_id: None,
        email: None,
        display_name: Some(name),
        username: None,
        user_status: Some(AccountStatus::Active),
        extra_data: None,
        custom_attributes: None,
        account_type: None,
    }
}

fn main() {}
