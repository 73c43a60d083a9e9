//! MockApp: the connector of the "Building a Lumos Connector" tutorial, in Rust.
//!
//! One file per concern, as in the tutorial: settings, constants, enums, the API client,
//! pagination, the read and write capabilities, and the integration that lists them.

pub mod capabilities_read;
pub mod capabilities_write;
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
pub mod pagination;
pub mod settings;

pub use integration::Mockapp;
