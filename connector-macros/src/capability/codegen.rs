//! The companion of a capability function: a hidden type named like the function, for
//! `#[integration]` to find, and a hidden handler implementing the runtime's
//! `CapabilityHandler`.
//!
//! One mistake, one error: the handler's `CapabilityHandler` impl holds only under where
//! clauses that say the argument and return types are right, so its body type-checks whatever
//! the author wrote; the same two predicates are then asserted once each, spanned at the
//! argument and at the return type, with the runtime's own messages. The companion's
//! `Listed` impl, which `#[integration]` reads, needs nothing of the types, so a capability
//! with a wrong type adds no error to the integration that lists it.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{ItemFn, Type};

use super::args::{CapabilityArgs, Level, Name};
use crate::docs::doc_text;
use crate::paths;
use crate::spans;

/// The companion of a well-formed capability function.
pub(super) fn companion(
    func: &ItemFn,
    args: &CapabilityArgs,
    argument: &Type,
    ret: &Type,
) -> TokenStream {
    let krate = args.krate.as_ref();
    let private = paths::private(krate);
    let ident = &func.sig.ident;
    let meta = meta(func, args, &private);
    let (alias, request_bound, return_bound, output, into_result, checks) = match &args.name {
        Some(Name::Standard(name)) => {
            // The public path, so an unknown name reads "cannot find type `list_acounts` in
            // module `::connector_runtime::capabilities`", with rustc's suggestion.
            let public = paths::public(krate);
            let capabilities: TokenStream =
                spans::with_span(quote!(#public::capabilities::), name.span()).collect();
            (
                quote!(type __Capability = #capabilities #name;),
                quote!(#private::StandardRequest<__Capability>),
                quote!(#private::StandardReturn<__Capability>),
                quote!(<__Capability as #private::Capability>::Output),
                quote!(#private::StandardReturn::<__Capability>::into_result),
                [
                    spans::check_call(
                        &private,
                        "capability_request_type_must_match",
                        quote!(__Capability, #argument),
                        &argument,
                    ),
                    spans::check_call(
                        &private,
                        "capability_return_type_must_match",
                        quote!(__Capability, #ret),
                        &ret,
                    ),
                ],
            )
        }
        _ => (
            TokenStream::new(),
            quote!(#private::CustomRequest),
            quote!(#private::CustomReturn),
            quote!(<#ret as #private::CustomReturn>::Output),
            quote!(#private::CustomReturn::into_result),
            [
                spans::check_call(
                    &private,
                    "custom_capability_request_type_must_match",
                    quote!(#argument),
                    &argument,
                ),
                spans::check_call(
                    &private,
                    "custom_capability_return_type_must_match",
                    quote!(#ret),
                    &ret,
                ),
            ],
        ),
    };
    let future = quote_spanned!(ident.span()=>
        impl #private::Future<Output = #private::Result<#private::Response<Self::Output>, #private::ConnectorError>>
            + #private::Send + 'static
    );
    // `request` is the parameter of `call` (at the call site) also inside this body, which is
    // spanned at the name for the errors of a future that is not `Send`.
    let request = syn::Ident::new("request", Span::call_site());
    let run = quote_spanned!(ident.span()=> async move {
        let returned = #ident(#request).await;
        #into_result(returned)
    });
    let struct_item = companion_struct(func);
    let name_check = match &args.name {
        Some(Name::Custom(name)) => {
            let private_at_name = paths::private_at(krate, name.span());
            quote_spanned!(name.span()=> const _: &str = #private_at_name::custom_name(#name);)
        }
        _ => TokenStream::new(),
    };
    quote! {
        #struct_item
        #name_check
        const _: () = {
            #alias
            #[doc(hidden)]
            pub struct __Handler;
            #[automatically_derived]
            impl #private::CapabilityHandler for __Handler
            where
                for<'__c> #argument: #request_bound,
                for<'__c> #ret: #return_bound,
            {
                type Request = #argument;
                type Output = #output;
                const META: #private::CapabilityMeta = #meta;
                fn call(request: Self::Request) -> #future {
                    #run
                }
            }
            #[automatically_derived]
            impl #private::Listed for #ident {
                type Handler = __Handler;
                type Settings<__Declared> = <#argument as #private::RequestParts>::Settings;
                type Auth<__Declared> = <#argument as #private::RequestParts>::Auth;
            }
            #[allow(dead_code)]
            const fn __connector_checks() {
                #(#checks)*
            }
        };
    }
}

/// The companion of a function with an error: it satisfies every use the integration makes
/// of it, so the one error stays the only one.
pub(super) fn stub(func: &ItemFn, args: Option<&CapabilityArgs>) -> TokenStream {
    let private = paths::private(args.and_then(|a| a.krate.as_ref()));
    let ident = &func.sig.ident;
    let struct_item = companion_struct(func);
    quote! {
        #struct_item
        const _: () = {
            #[automatically_derived]
            impl #private::Listed for #ident {
                // The stub's empty name, which the integration's check for a capability
                // listed twice skips; its settings and credential match any integration.
                type Handler = #private::StubHandler;
                type Settings<__Declared> = __Declared;
                type Auth<__Declared> = __Declared;
            }
        };
    }
}

/// `#[doc(hidden)] pub struct list_accounts {}`: braced, so only the type namespace is taken
/// and the fn keeps its name in the value namespace.
fn companion_struct(func: &ItemFn) -> TokenStream {
    let vis = &func.vis;
    let ident = &func.sig.ident;
    quote! {
        #[doc(hidden)]
        #[allow(non_camel_case_types)]
        #vis struct #ident {}
    }
}

fn meta(func: &ItemFn, args: &CapabilityArgs, private: &TokenStream) -> TokenStream {
    let ident = &func.sig.ident;
    let raised_in = quote!(::core::concat!(
        ::core::module_path!(),
        ":",
        ::core::stringify!(#ident)
    ));
    let mut meta = match &args.name {
        Some(Name::Custom(name)) => quote!(#private::CapabilityMeta::custom(#name, #raised_in)),
        _ => quote!(#private::CapabilityMeta::standard::<__Capability>(#raised_in)),
    };
    if let Some((Level::Read, _)) = &args.level {
        meta = quote!(#meta.with_level(#private::Level::Read));
    }
    if let Some(mode) = &args.rate_limit_mode {
        meta = quote!(#meta.with_rate_limit_mode(#private::RateLimitMode::#mode));
    }
    if let Some(display_name) = &args.display_name {
        meta = quote!(#meta.with_display_name(#display_name));
    }
    let description = args
        .description
        .as_ref()
        .map(|d| d.value())
        .or_else(|| doc_text(&func.attrs));
    if let Some(description) = description {
        meta = quote!(#meta.with_description(#description));
    }
    meta
}
