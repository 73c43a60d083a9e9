use connector_runtime::prelude::*;

// Tutorial row 4: `FoundAccountData(account_id=...)`; the field is `integration_specific_id`.
fn to_account(id: String) -> FoundAccountData {
    FoundAccountData {
        account_id: id,
        resource_id: None,
        email: None,
        given_name: None,
        family_name: None,
        username: None,
        user_status: Some(AccountStatus::Active),
        extra_data: None,
        custom_attributes: None,
        account_type: None,
    }
}

fn main() {}
