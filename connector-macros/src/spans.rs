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
