//! Fixed values of the {{Display}} API.

/// Where every API route lives, under the `api_url` setting.
pub const API_BASE_PATH: &str = "/api/v1";

/// How many accounts a page holds when the caller does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;
