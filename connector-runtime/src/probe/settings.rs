//! How the built-in `probe_integration` probes, and its row in an [`App`](crate::App).

use crate::handler::CapabilityEntry;

/// The limits of the built-in probe (connector-py's `ProbeSettings`), set with
/// `#[integration(probe(page_size = 10, max_entitlement_pages = 5, per_check_timeout_seconds = 180))]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProbeSettings {
    /// The page size of every call a check makes, so the most samples a check returns.
    pub page_size: u32,
    /// How many pages of entitlements the entitlements check reads while looking for one
    /// entitlement of each declared type.
    pub max_entitlement_pages: u32,
    /// The time one check may take before it fails with `request_timeout`.
    pub per_check_timeout_seconds: u32,
}

impl ProbeSettings {
    /// connector-py's defaults: pages of 10, 5 entitlement pages, 180 s per check.
    pub const DEFAULT: ProbeSettings = ProbeSettings {
        page_size: 10,
        max_entitlement_pages: 5,
        per_check_timeout_seconds: 180,
    };
}

impl Default for ProbeSettings {
    fn default() -> Self {
        ProbeSettings::DEFAULT
    }
}

/// The built-in probe of an integration: its table row and its settings.
#[derive(Debug, Clone, Copy)]
pub struct ProbeSetup {
    /// The `probe_integration` row.
    pub entry: CapabilityEntry,
    /// Its limits.
    pub settings: ProbeSettings,
}
