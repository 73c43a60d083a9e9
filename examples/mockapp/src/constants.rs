//! Fixed values of the MockApp API.

/// Where every API route lives.
pub const API_BASE_PATH: &str = "/api";

/// How many accounts a page holds when the caller does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// How many accounts `get_last_activity` fetches at once.
pub const ACTIVITY_CONCURRENCY: usize = 8;

/// The tenant id MockApp reports: it has a single tenant.
pub const TENANT_ID: &str = "mockapp-tenant-id";
