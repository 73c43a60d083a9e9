//! `#[integration(...)]`: implements the runtime's `Integration` for a unit struct from the
//! listed capability companions, checks that each listed path is a capability, that each uses
//! the integration's settings and credential and that no capability is listed twice (each
//! error at the path), and gives the struct a `main()` entry point.

mod args;
mod codegen;
mod oauth;
mod oauth_rows;

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
    if let Some(error) = shape_error(&strukt) {
        // The struct stays, so code naming it does not fail as well.
        let error = error.to_compile_error();
        return quote!(#strukt #error);
    }
    match IntegrationArgs::parse(args) {
        Ok(args) => codegen::integration(&strukt, &args),
        Err(error) => {
            // The struct stays, so code naming it does not fail as well.
            let error = error.to_compile_error();
            quote!(#strukt #error)
        }
    }
}

/// Why the struct cannot be an integration: it has fields or generics.
fn shape_error(strukt: &ItemStruct) -> Option<syn::Error> {
    if !strukt.generics.params.is_empty() || strukt.generics.where_clause.is_some() {
        return Some(syn::Error::new_spanned(
            &strukt.generics,
            format!(
                "an integration is a unit struct without generics, e.g. `pub struct {};`",
                strukt.ident
            ),
        ));
    }
    if strukt.fields.is_empty() {
        return None;
    }
    Some(syn::Error::new_spanned(
        &strukt.fields,
        format!(
            "an integration is a unit struct, e.g. `pub struct {};`: it holds no data (the CLI never builds one); keep per-request values in the settings type, named in `settings = ...`",
            strukt.ident
        ),
    ))
}

#[cfg(test)]
mod tests;
