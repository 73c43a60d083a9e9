//! The one place that spells the runtime's paths: its hidden module,
//! `::connector_runtime::__private`, and its root, for the public paths that appear in error
//! messages (`::connector_runtime::capabilities::list_accounts`).

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;

/// The path of the runtime's root: `::connector_runtime`, or the renamed dependency.
pub(crate) fn public(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path),
        None => quote!(::connector_runtime),
    }
}

/// The path of the runtime's `__private` module: `::connector_runtime::__private`, or
/// `<crate>::__private` when the author renamed the dependency (`crate = "rt"`).
pub(crate) fn private(krate: Option<&syn::Path>) -> TokenStream {
    match krate {
        Some(path) => quote!(#path::__private),
        None => quote!(::connector_runtime::__private),
    }
}

/// The same path with every token at `span`, so an error in a call through it is reported
/// at the author's token rather than at the attribute.
pub(crate) fn private_at(krate: Option<&syn::Path>, span: Span) -> TokenStream {
    private(krate)
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(_) = token {
                return token;
            }
            token.set_span(span);
            token
        })
        .collect()
}
