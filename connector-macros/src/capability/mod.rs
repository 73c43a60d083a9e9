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
use crate::site;
use args::CapabilityArgs;

/// Expands `#[capability(args)] item`.
pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut func: ItemFn = match syn::parse2(item.clone()) {
        Ok(func) => func,
        Err(_) => {
            let error = syn::Error::new_spanned(&item, "`#[capability]` goes on an `async fn`");
            let error = error.to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut errors = Errors::default();
    // A second `#[capability]` on the same function: reported at it, and removed, so it does
    // not expand (and fail) again.
    if let Some(at) = func.attrs.iter().position(is_capability_attribute) {
        let second = func.attrs.remove(at);
        errors.push(syn::Error::new_spanned(
            &second,
            format!(
                "`#[capability]` is given twice on `{}`: a function implements one capability; remove this one",
                func.sig.ident
            ),
        ));
    }
    let args = CapabilityArgs::parse(args).map_err(|e| errors.push(e)).ok();
    // Inside an `impl` block, where no companion type can be declared, only the function and
    // the error are emitted.
    if func.sig.receiver().is_none() && site::in_impl_block(&func.sig.ident) {
        errors.push(syn::Error::new(
            func.sig.ident.span(),
            format!(
                "`#[capability]` goes on a free `async fn`, not on a function inside an `impl` or `trait` block: move `{}` out of the block, to module level",
                func.sig.ident
            ),
        ));
        let errors = errors.into_compile_errors();
        return quote!(#func #errors);
    }
    let types = signature::check(&func.sig, &mut errors);
    // A method lives inside an `impl` block, where no companion type can be declared.
    if func.sig.receiver().is_some() {
        let errors = errors.into_compile_errors();
        return quote!(#func #errors);
    }
    let companion = match (args, types) {
        (Some(args), Some((argument, ret))) if errors.is_empty() => {
            codegen::companion(&func, &args, argument, ret)
        }
        (args, _) => codegen::stub(&func, args.as_ref()),
    };
    let errors = errors.into_compile_errors();
    quote!(#func #companion #errors)
}

/// `#[capability(...)]`, `#[connector_runtime::capability(...)]`, ...
fn is_capability_attribute(attr: &syn::Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|segment| segment.ident == "capability")
}

#[cfg(test)]
mod tests;
