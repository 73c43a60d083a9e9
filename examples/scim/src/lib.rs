//! A generic SCIM 2.0 connector: users as accounts, groups as entitlements, memberships as
//! associations, against any service that speaks RFC 7644 with a bearer token.

pub mod capabilities_read;
pub mod capabilities_write;
pub mod client;
pub mod errors;
pub mod filter;
pub mod integration;
pub mod model;
pub mod pagination;
pub mod settings;

pub use integration::Scim;
