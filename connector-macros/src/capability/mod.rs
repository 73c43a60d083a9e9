//! `#[capability(...)]`: keeps the author's `async fn` as written and adds a hidden companion
//! type of the same name that implements the runtime's `CapabilityHandler`.
//!
//! The companion's impl routes the declared argument and return types through the runtime's
//! check traits, each spanned at the author's tokens, so a wrong type is reported once, where
//! it was written. After any error the fn and a stub companion are still emitted, so the
//! integration that lists the fn reports nothing more.

mod args;
mod codegen;
mod signature;

use proc_macro2::TokenStream;
use quote::quote;
use syn::ItemFn;

use crate::diag::Errors;
use args::CapabilityArgs;

/// Expands `#[capability(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let error = syn::Error::new_spanned(&item, "`#[capability]` goes on an `async fn`");
            let error = error.to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut errors = Errors::default();
    let args = CapabilityArgs::parse(args).map_err(|e| errors.push(e)).ok();
    let types = signature::check(&func.sig, &mut errors);
    // A method lives inside an `impl` block, where no companion type can be declared.
    if func.sig.receiver().is_some() {
        let errors = errors.into_compile_errors();
        return quote!(#func #errors);
    }
    let companion = match (args, types) {
        (Some(args), Some((argument, ret))) => codegen::companion(&func, &args, argument, ret),
        (args, _) => codegen::stub(&func, args.as_ref()),
    };
    let errors = errors.into_compile_errors();
    quote!(#func #companion #errors)
}

#[cfg(test)]
mod tests;
