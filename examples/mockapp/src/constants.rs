//! Fixed values of the MockApp API.

use std::time::Duration;

/// Where every API route lives.
pub const API_BASE_PATH: &str = "/api";

/// How many accounts a page holds when the caller does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// How many accounts `get_last_activity` fetches at once.
pub const ACTIVITY_CONCURRENCY: usize = 8;

/// How many requests MockApp's API takes per [`RATE_LIMIT_WINDOW`].
pub const RATE_LIMIT: u32 = 30;

/// The window of [`RATE_LIMIT`].
pub const RATE_LIMIT_WINDOW: Duration = Duration::from_secs(5);

/// The tenant id MockApp reports: it has a single tenant.
pub const TENANT_ID: &str = "mockapp-tenant-id";
