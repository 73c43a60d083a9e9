//! The kinds of resources and entitlements MockApp has.

use connector_runtime::{EntitlementTypeDef, ResourceTypeDef};

/// A project.
pub const PROJECT: &str = "project";
/// A team.
pub const TEAM: &str = "team";
/// The whole tenant.
pub const GLOBAL: &str = "global";

/// A role in a project.
pub const PROJECT_ROLE: &str = "project_role";
/// Membership of a team.
pub const TEAM_MEMBER: &str = "team_member";
/// A tenant-wide admin role.
pub const ADMIN_ROLE: &str = "admin_role";

/// Resource types, as `info` lists them.
pub const RESOURCE_TYPES: &[ResourceTypeDef] = &[
    ResourceTypeDef {
        type_id: PROJECT,
        type_label: "Project",
    },
    ResourceTypeDef {
        type_id: TEAM,
        type_label: "Team",
    },
    ResourceTypeDef {
        type_id: GLOBAL,
        type_label: "Global Resource",
    },
];

/// Entitlement types, as `info` lists them; an account holds at most one admin role.
pub const ENTITLEMENT_TYPES: &[EntitlementTypeDef] = &[
    EntitlementTypeDef::new(PROJECT_ROLE, "Project Role", PROJECT),
    EntitlementTypeDef::new(TEAM_MEMBER, "Team Member", TEAM),
    EntitlementTypeDef::new(ADMIN_ROLE, "Admin Role", GLOBAL).with_max(1),
];
