//! The SCIM integration: its id, credential, settings, the kinds of resource and entitlement
//! it lists, and its capabilities.

use connector_runtime::prelude::*;

use crate::settings::ScimSettings;
use crate::{capabilities_read, capabilities_write};

/// The request every capability receives, by payload type.
pub type ScimRequest<P> = Request<P, ScimSettings, TokenCredential>;

/// The resource type of a group.
pub const GROUP_RESOURCE: &str = "group";
/// The entitlement type of membership in a group.
pub const GROUP_MEMBER: &str = "group_member";

/// The kinds of resource the connector lists.
pub const RESOURCE_TYPES: &[ResourceTypeDef] = &[ResourceTypeDef {
    type_id: GROUP_RESOURCE,
    type_label: "Group",
}];

/// The kinds of entitlement the connector lists.
pub const ENTITLEMENT_TYPES: &[EntitlementTypeDef] = &[EntitlementTypeDef::new(
    GROUP_MEMBER,
    "Group member",
    GROUP_RESOURCE,
)];

/// The SCIM 2.0 connector.
#[integration(
    app_id = "scim",
    auth = TokenCredential,
    settings = ScimSettings,
    description(
        user_friendly_name = "SCIM 2.0",
        description = "Any service that speaks SCIM 2.0 (RFC 7643 and RFC 7644) with a bearer token",
        categories(it_and_security),
    ),
    resource_types = RESOURCE_TYPES,
    entitlement_types = ENTITLEMENT_TYPES,
    capabilities(
        capabilities_read::validate_credentials,
        capabilities_read::list_accounts,
        capabilities_read::get_account,
        capabilities_read::list_resources,
        capabilities_read::list_entitlements,
        capabilities_read::find_entitlement_associations,
        capabilities_write::create_account,
        capabilities_write::update_account,
        capabilities_write::activate_account,
        capabilities_write::deactivate_account,
        capabilities_write::delete_account,
        capabilities_write::assign_entitlement,
        capabilities_write::unassign_entitlement,
    ),
)]
pub struct Scim;
