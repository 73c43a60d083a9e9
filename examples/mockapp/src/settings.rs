//! What an administrator configures when connecting MockApp.

use connector_runtime::prelude::*;

/// Settings for the MockApp connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct MockappSettings {
    /// Base URL of the MockApp API.
    #[serde(default = "default_api_url")]
    pub api_url: String,
}

fn default_api_url() -> String {
    "http://localhost:8000".to_owned()
}
