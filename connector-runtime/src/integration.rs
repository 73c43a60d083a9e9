//! An integration: its description data, its types and its capability table.

use serde::Serialize;
use serde_json::Value;

use crate::const_text::is_blank;
use crate::handler::{CapabilityEntry, assert_unique_names};
use crate::models::AppCategory;
use crate::oauth::OAuthInfo;
use crate::probe::ProbeSetup;
use crate::request::{DeclaredAuth, SettingsModel};

/// A kind of upstream resource (a project, a team, the tenant itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ResourceTypeDef {
    /// The id used in `resource_type` fields.
    pub type_id: &'static str,
    /// The label Lumos shows.
    pub type_label: &'static str,
}

/// A kind of entitlement on a kind of resource (a role in a project).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EntitlementTypeDef {
    /// At most this many per account, if limited.
    pub max: Option<u32>,
    /// At least this many per account.
    pub min: u32,
    /// Per-type requirements (not supported yet; always null).
    pub requirements: Option<()>,
    /// The resource type it applies to.
    pub resource_type_id: &'static str,
    /// The id used in `entitlement_type` fields.
    pub type_id: &'static str,
    /// The label Lumos shows.
    pub type_label: &'static str,
}

impl EntitlementTypeDef {
    /// An entitlement type with no minimum and no maximum.
    pub const fn new(
        type_id: &'static str,
        type_label: &'static str,
        resource_type_id: &'static str,
    ) -> Self {
        EntitlementTypeDef {
            max: None,
            min: 0,
            requirements: None,
            resource_type_id,
            type_id,
            type_label,
        }
    }

    /// Sets the most an account may hold.
    pub const fn with_max(mut self, max: u32) -> Self {
        self.max = Some(max);
        self
    }

    /// Sets the least an account must hold.
    pub const fn with_min(mut self, min: u32) -> Self {
        self.min = min;
        self
    }
}

/// Everything `info` and the CLI know about an integration, as constant data.
#[derive(Debug, Clone, Copy)]
pub struct App {
    /// The app id (`"mockapp"`); never empty.
    pub app_id: &'static str,
    /// The connector's version.
    pub version: &'static str,
    /// The app's name as people write it (`"MockApp"`).
    pub user_friendly_name: &'static str,
    /// What the app is.
    pub description: Option<&'static str>,
    /// A logo.
    pub logo_url: Option<&'static str>,
    /// The vendor's domain.
    pub app_vendor_domain: Option<&'static str>,
    /// App categories.
    pub categories: &'static [AppCategory],
    /// Resource kinds.
    pub resource_types: &'static [ResourceTypeDef],
    /// Entitlement kinds.
    pub entitlement_types: &'static [EntitlementTypeDef],
    /// The capabilities, in registration order.
    pub capabilities: &'static [CapabilityEntry],
    /// The `request_settings_schema` of `info`.
    pub settings_schema: fn() -> Value,
    /// The `authentication_schema` of `info`.
    pub authentication_schema: fn() -> Value,
    /// The `credentials_schema` of `info`.
    pub credentials_schema: fn() -> Value,
    /// The OAuth provider, when the integration declares one.
    pub oauth: Option<OAuthInfo>,
    /// The built-in `probe_integration` (`#[integration]` adds it unless told `probe = false`).
    pub probe: Option<ProbeSetup>,
}

impl App {
    /// An app with settings `S`, credential `A` and these capabilities; the other fields are
    /// empty and set with the `with_*` methods.
    pub const fn new<S: SettingsModel, A: DeclaredAuth>(
        app_id: &'static str,
        version: &'static str,
        capabilities: &'static [CapabilityEntry],
    ) -> Self {
        assert!(!is_blank(app_id), "`app_id` must not be empty");
        assert_unique_names(capabilities);
        App {
            app_id,
            version,
            user_friendly_name: app_id,
            description: None,
            logo_url: None,
            app_vendor_domain: None,
            categories: &[],
            resource_types: &[],
            entitlement_types: &[],
            capabilities,
            settings_schema: S::settings_schema,
            authentication_schema: A::authentication_schema,
            credentials_schema: A::credentials_schema,
            oauth: None,
            probe: None,
        }
    }

    /// Sets the user-friendly name.
    pub const fn with_user_friendly_name(mut self, name: &'static str) -> Self {
        self.user_friendly_name = name;
        self
    }

    /// Sets the description.
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// Sets the logo URL.
    pub const fn with_logo_url(mut self, url: &'static str) -> Self {
        self.logo_url = Some(url);
        self
    }

    /// Sets the vendor domain.
    pub const fn with_app_vendor_domain(mut self, domain: &'static str) -> Self {
        self.app_vendor_domain = Some(domain);
        self
    }

    /// Sets the OAuth provider `info` and `app_info` describe (its capabilities are rows of
    /// the table; see [`crate::oauth`]).
    pub const fn with_oauth(mut self, oauth: OAuthInfo) -> Self {
        self.oauth = Some(oauth);
        self
    }

    /// Adds the built-in `probe_integration` ([`crate::probe::setup`]); one the integration
    /// lists takes its place.
    pub const fn with_probe(mut self, probe: ProbeSetup) -> Self {
        self.probe = Some(probe);
        self
    }

    /// Sets the categories.
    pub const fn with_categories(mut self, categories: &'static [AppCategory]) -> Self {
        self.categories = categories;
        self
    }

    /// Sets the resource types.
    pub const fn with_resource_types(mut self, types: &'static [ResourceTypeDef]) -> Self {
        self.resource_types = types;
        self
    }

    /// Sets the entitlement types.
    pub const fn with_entitlement_types(mut self, types: &'static [EntitlementTypeDef]) -> Self {
        self.entitlement_types = types;
        self
    }
}

/// An integration type: its settings, its declared credential and its [`App`] data.
///
/// `#[integration]` implements it; by hand, write the impl and call
/// [`crate::cli::main`] from `fn main`.
pub trait Integration: 'static {
    /// The settings struct (or [`crate::request::NoSettings`]).
    type Settings: SettingsModel;
    /// The credential kind (or [`crate::request::NoAuth`]).
    type Auth: DeclaredAuth;
    /// The description data and the capability table.
    const APP: App;
}
