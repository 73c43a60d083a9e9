//! `#[integration(...)]`: implements the runtime's `Integration` for a unit struct from the
//! listed capability companions, checks that each listed path is a capability, that each uses
//! the integration's settings and credential and that no capability is listed twice (each
//! error at the path), and gives the struct a `main()` entry point.

mod args;
mod codegen;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemStruct;

use args::IntegrationArgs;

/// Expands `#[integration(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let strukt: ItemStruct = match syn::parse2(item.clone()) {
        Ok(strukt) => strukt,
        Err(_) => {
            let error = syn::Error::new_spanned(
                &item,
                "`#[integration]` goes on a unit struct, e.g. `pub struct MyApp;`",
            );
            let error = error.to_compile_error();
            return quote!(#item #error);
        }
    };
    match IntegrationArgs::parse(args) {
        Ok(args) => codegen::integration(&strukt, &args),
        Err(error) => {
            // The struct stays, so code naming it does not fail as well.
            let error = error.to_compile_error();
            quote!(#strukt #error)
        }
    }
}

#[cfg(test)]
mod tests;
