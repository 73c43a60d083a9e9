//! Spans of the author's tokens, for generated code whose errors should underline them.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;

/// The spans of the first and last tokens of `item` (on stable, a span cannot be joined;
/// rustc joins a construct whose first and last tokens carry them).
pub(crate) fn ends(item: &impl ToTokens) -> (Span, Span) {
    let tokens: Vec<TokenTree> = item.to_token_stream().into_iter().collect();
    let first = tokens.first().map_or_else(Span::call_site, TokenTree::span);
    let last = tokens.last().map_or(first, TokenTree::span);
    (first, last)
}

/// The tokens, each (a group as a whole) at `span`.
pub(crate) fn with_span(tokens: TokenStream, span: Span) -> impl Iterator<Item = TokenTree> {
    tokens.into_iter().map(move |mut token| {
        token.set_span(span);
        token
    })
}

/// `<private>::name::<generics>();`, every token at an end of `at`, so that a bound of the
/// call that fails is reported under the whole of `at` as the author wrote it.
pub(crate) fn check_call(
    private: &TokenStream,
    name: &str,
    generics: TokenStream,
    at: &impl ToTokens,
) -> TokenStream {
    let (first, last) = ends(at);
    let name = proc_macro2::Ident::new(name, first);
    let path: TokenStream = with_span(quote::quote!(#private::#name), first).collect();
    let turbofish: TokenStream = with_span(quote::quote!(::<), last).collect();
    let close: TokenStream = with_span(quote::quote!(>()), last).collect();
    quote::quote!(#path #turbofish #generics #close;)
}
