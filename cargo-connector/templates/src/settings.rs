//! What an administrator configures when connecting {{Display}}.

use connector_runtime::prelude::*;

/// Settings of the {{Display}} connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{Type}}Settings {
    /// Base URL of the {{Display}} API, such as `https://api.{{lib_name}}.example`.
    pub api_url: String,
}
