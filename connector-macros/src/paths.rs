//! The one place that spells the runtime's hidden module, `::connector_runtime::__private`.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;

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
