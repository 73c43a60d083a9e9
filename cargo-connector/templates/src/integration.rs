//! The {{Display}} integration: its id, credential, settings, description and capabilities.

use connector_runtime::prelude::*;
{{credential_uses}}

use crate::enums::{ENTITLEMENT_TYPES, RESOURCE_TYPES};
use crate::settings::{{Type}}Settings;
use crate::{capabilities_read, capabilities_write};

/// The request every {{Display}} capability receives, by payload type: the integration's
/// settings and credential are part of the type.
pub type {{Type}}Request<P> = Request<P, {{Type}}Settings, {{credential_type}}>;
{{credential_items}}

/// The {{Display}} connector.
#[integration(
    app_id = "{{app_id}}",
{{integration_auth}}
    settings = {{Type}}Settings,
    description(
        user_friendly_name = "{{Display}}",
        description = "Users and roles of {{Display}}",
        logo_url = "https://{{lib_name}}.example/logo.png",
        categories(it_and_security),
    ),
    resource_types = RESOURCE_TYPES,
    entitlement_types = ENTITLEMENT_TYPES,
    capabilities(
        capabilities_read::validate_credentials,
        capabilities_read::list_accounts,
        capabilities_read::get_account,
        capabilities_read::list_entitlements,
        capabilities_write::create_account,
        capabilities_write::delete_account,
        capabilities_write::assign_entitlement,
        capabilities_write::unassign_entitlement,
    ),
)]
pub struct {{Type}};
