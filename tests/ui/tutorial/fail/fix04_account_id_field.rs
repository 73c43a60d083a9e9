use connector_runtime::prelude::*;

// Tutorial row 4: `FoundAccountData(account_id=...)`; the field is `integration_specific_id`.
fn to_account(id: String) -> FoundAccountData {
    FoundAccountData::builder().account_id(id).user_status(AccountStatus::Active).build()
}

fn main() {}
