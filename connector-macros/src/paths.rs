//! The one place that spells the runtime's hidden module, `::connector_runtime::__private`.

use proc_macro2::TokenStream;
use quote::quote;

/// The path of the runtime's `__private` module: `::connector_runtime::__private`, or
/// `<crate>::__private` when the author renamed the dependency (`crate = "rt"`).
pub(crate) fn private(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::connector_runtime::__private),
    }
}
