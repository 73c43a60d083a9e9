//! The companion of a capability function: a hidden type and its `CapabilityHandler` impl.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{ItemFn, Type};

use super::args::{CapabilityArgs, Name};
use crate::docs::doc_text;
use crate::paths;

/// The companion of a well-formed capability function.
pub(super) fn companion(
    func: &ItemFn,
    args: &CapabilityArgs,
    argument: &Type,
    ret: &Type,
) -> TokenStream {
    let private = paths::private(args.krate.as_ref());
    let ident = &func.sig.ident;
    let marker = marker(args, &private);
    let meta = meta(func, args, &private);
    // The request check stands alone, spanned at the argument type: its only failure.
    let private_at_argument = paths::private_at(args.krate.as_ref(), argument.span());
    let request_check = quote_spanned!(argument.span()=>
        #private_at_argument::capability_request_type_must_match::<__Capability, #argument>();
    );
    // The return type is checked once, where the result is converted, spanned at the return
    // type; the output type itself comes from the marker, so nothing else depends on it.
    let (output, run) = match &args.name {
        Some(Name::Standard(_)) => (
            quote!(<__Capability as #private::Capability>::Output),
            quote_spanned!(ret.span()=> async move {
                let returned = #ident(request).await;
                #private::ReturnOf::<__Capability>::into_result(returned)
            }),
        ),
        _ => (
            quote_spanned!(ret.span()=> <#ret as #private::CustomReturn>::Output),
            quote_spanned!(ret.span()=> async move {
                let returned = #ident(request).await;
                #private::CustomReturn::into_result(returned)
            }),
        ),
    };
    let future = quote_spanned!(ident.span()=>
        impl #private::Future<Output = #private::Result<#private::Response<Self::Output>, #private::ConnectorError>>
            + #private::Send + 'static
    );
    let struct_item = companion_struct(func);
    let name_check = match &args.name {
        Some(Name::Custom(name)) => {
            let private_at_name = paths::private_at(args.krate.as_ref(), name.span());
            quote_spanned!(name.span()=> const _: &str = #private_at_name::custom_name(#name);)
        }
        _ => TokenStream::new(),
    };
    quote! {
        #struct_item
        #name_check
        const _: () = {
            type __Capability = #marker;
            #[automatically_derived]
            impl #private::CapabilityHandler for #ident {
                type Request = #argument;
                type Output = #output;
                const META: #private::CapabilityMeta = #meta;
                fn call(request: Self::Request) -> #future {
                    #run
                }
            }
            #[allow(dead_code)]
            const fn __connector_checks() {
                #request_check
            }
        };
    }
}

/// The companion of a function with an error: a type that satisfies every use the
/// integration makes of it, so the one error stays the only one.
pub(super) fn stub(func: &ItemFn, args: Option<&CapabilityArgs>) -> TokenStream {
    let private = paths::private(args.and_then(|a| a.krate.as_ref()));
    let ident = &func.sig.ident;
    let struct_item = companion_struct(func);
    quote! {
        #struct_item
        const _: () = {
            #[automatically_derived]
            impl #private::CapabilityHandler for #ident {
                type Request = #private::StubRequest;
                type Output = ();
                // The stub's empty name, which the integration's check for a capability
                // listed twice skips.
                const META: #private::CapabilityMeta =
                    <#private::StubHandler as #private::CapabilityHandler>::META;
                fn call(request: Self::Request) -> impl #private::Future<
                    Output = #private::Result<#private::Response<()>, #private::ConnectorError>,
                > + #private::Send + 'static {
                    #private::stub_call(request)
                }
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

/// The marker type: the runtime's type of that name for a standard capability (an unknown
/// name fails to resolve at the author's token, with rustc's suggestion), `Custom` otherwise.
fn marker(args: &CapabilityArgs, private: &TokenStream) -> TokenStream {
    match &args.name {
        Some(Name::Standard(name)) => quote!(#private::capabilities::#name),
        Some(Name::Custom(_)) | None => quote!(#private::Custom),
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
