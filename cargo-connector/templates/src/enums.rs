//! The kinds of resources and entitlements {{Display}} has.

use connector_runtime::{EntitlementTypeDef, ResourceTypeDef};

/// The whole {{Display}} tenant, the resource its roles apply to.
pub const GLOBAL: &str = "global";

/// The id of the [`GLOBAL`] resource.
pub const GLOBAL_RESOURCE_ID: &str = "global";

/// A tenant-wide role.
pub const ROLE: &str = "role";

/// Resource types, as `info` lists them.
pub const RESOURCE_TYPES: &[ResourceTypeDef] = &[ResourceTypeDef {
    type_id: GLOBAL,
    type_label: "Tenant",
}];

/// Entitlement types, as `info` lists them.
pub const ENTITLEMENT_TYPES: &[EntitlementTypeDef] =
    &[EntitlementTypeDef::new(ROLE, "Role", GLOBAL)];
