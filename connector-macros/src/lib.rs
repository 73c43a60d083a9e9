//! `#[capability]` and `#[integration]`: the attributes a connector author writes.
//!
//! The expansion logic lives in [`capability`] and [`integration`]; this file only forwards.
//! Authors depend on `connector-runtime`, which re-exports both attributes.

mod capability;
mod diag;
mod docs;
mod integration;
mod paths;

use proc_macro::TokenStream;

/// Marks an `async fn` as the implementation of a capability, standard
/// (`#[capability(list_accounts)]`) or custom (`#[capability(custom = "sync_widgets")]`).
#[proc_macro_attribute]
pub fn capability(args: TokenStream, item: TokenStream) -> TokenStream {
    capability::expand(args.into(), item.into()).into()
}

/// Turns a unit struct into an integration: its app id, settings, credential, description
/// data and the list of its capabilities.
#[proc_macro_attribute]
pub fn integration(args: TokenStream, item: TokenStream) -> TokenStream {
    integration::expand(args.into(), item.into()).into()
}
