//! The MockApp integration: its id, credential, settings, description and capabilities.

use connector_runtime::prelude::*;

use crate::enums::{ENTITLEMENT_TYPES, RESOURCE_TYPES};
use crate::settings::MockappSettings;
use crate::{capabilities_read, capabilities_write};

/// The request every MockApp capability receives, by payload type: the integration's
/// settings and its token credential are part of the type.
pub type MockappRequest<P> = Request<P, MockappSettings, TokenCredential>;

/// The MockApp connector.
#[integration(
    app_id = "mockapp",
    auth = TokenCredential,
    settings = MockappSettings,
    description(
        user_friendly_name = "MockApp",
        description = "A mock application for trying out Lumos connectors",
        logo_url = "https://logo.clearbit.com/example.com",
        categories(developers, it_and_security),
    ),
    resource_types = RESOURCE_TYPES,
    entitlement_types = ENTITLEMENT_TYPES,
    capabilities(
        capabilities_read::validate_credentials,
        capabilities_read::list_accounts,
        capabilities_read::list_resources,
        capabilities_read::list_entitlements,
        capabilities_read::find_entitlement_associations,
        capabilities_read::get_last_activity,
        capabilities_write::create_account,
        capabilities_write::activate_account,
        capabilities_write::deactivate_account,
        capabilities_write::delete_account,
        capabilities_write::assign_entitlement,
        capabilities_write::unassign_entitlement,
    ),
)]
pub struct Mockapp;
