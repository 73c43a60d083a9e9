//! The {{Display}} connector.
//!
//! One file per concern: settings, constants, the kinds of entitlements, the API client,
//! pagination, the read and write capabilities, and the integration that lists them.

pub mod capabilities_read;
pub mod capabilities_write;
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
pub mod pagination;
pub mod settings;

pub use integration::{{Type}};
