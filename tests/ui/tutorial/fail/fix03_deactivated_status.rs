use connector_runtime::prelude::*;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockappSettings {
    pub api_url: String,
}

// Tutorial row 3: `AccountStatus.DEACTIVATED` does not exist.
fn status_of(status: &str) -> AccountStatus {
    match status {
        "active" => AccountStatus::Active,
        _ => AccountStatus::DEACTIVATED,
    }
}

fn main() {}
