//! What an administrator configures when connecting a SCIM service.

use connector_runtime::prelude::*;

/// The page size used when Lumos asks for none.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// Settings for the SCIM connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ScimSettings {
    /// The SCIM service's base URL, under which `/Users` and `/Groups` are
    /// (`https://example.com/scim/v2`).
    pub base_url: String,
    /// How many resources to ask for per page when the caller gives no page size (default
    /// 100). Some services cap it lower.
    #[serde(default)]
    pub page_size: Option<u32>,
    /// Lists only the users this SCIM filter matches (`active eq true`, `emails.value ew
    /// "@example.com"`); all users when left out.
    #[serde(default)]
    pub user_filter: Option<String>,
}

impl ScimSettings {
    /// The page size when the request gives none.
    pub fn default_page_size(&self) -> usize {
        self.page_size
            .and_then(|size| usize::try_from(size).ok())
            .filter(|size| *size > 0)
            .unwrap_or(DEFAULT_PAGE_SIZE)
    }
}
