//! What `info` and the dispatcher know about a capability besides its types.

use crate::capabilities::{Capability, Level};
use crate::models::RateLimitMode;
use crate::schema;

/// A capability's name, level, labels and location.
#[derive(Debug, Clone, Copy)]
pub struct CapabilityMeta {
    /// The name on the command line.
    pub name: &'static str,
    /// Read or write.
    pub level: Level,
    /// Whether the envelope carries a credential to check.
    pub authenticated: bool,
    /// The label in `info` (default: the name title-cased).
    pub display_name: Option<&'static str>,
    /// The description in `info`.
    pub description: Option<&'static str>,
    /// Where the code lives, as `module::path:function` (the envelope's `raised_in`).
    pub raised_in: &'static str,
    /// The rate-limit mode of this capability's clients, above the connector's and the
    /// caller's (connector-py's `CapabilityMetadata.rate_limit_mode`).
    pub rate_limit_mode: Option<RateLimitMode>,
}

impl CapabilityMeta {
    /// The metadata of standard capability `C`, implemented by the function at `raised_in`.
    pub const fn standard<C: Capability>(raised_in: &'static str) -> Self {
        CapabilityMeta {
            name: C::NAME,
            level: C::LEVEL,
            authenticated: C::AUTHENTICATED,
            display_name: None,
            description: None,
            raised_in,
            rate_limit_mode: None,
        }
    }

    /// The metadata of a custom capability (level write, like connector-py's default).
    pub const fn custom(name: &'static str, raised_in: &'static str) -> Self {
        CapabilityMeta {
            name,
            level: Level::Write,
            authenticated: true,
            display_name: None,
            description: None,
            raised_in,
            rate_limit_mode: None,
        }
    }

    /// The label in `info`: the one set, else the name title-cased (`"List Accounts"`).
    pub fn label(&self) -> String {
        self.display_name
            .map_or_else(|| schema::title_case(self.name), str::to_owned)
    }

    /// Sets the level (a custom capability's; `#[capability(custom = "...", level = read)]`).
    pub const fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Sets the display name.
    pub const fn with_display_name(mut self, display_name: &'static str) -> Self {
        self.display_name = Some(display_name);
        self
    }

    /// Sets the rate-limit mode of this capability's clients.
    pub const fn with_rate_limit_mode(mut self, mode: RateLimitMode) -> Self {
        self.rate_limit_mode = Some(mode);
        self
    }

    /// Sets the description.
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }
}
