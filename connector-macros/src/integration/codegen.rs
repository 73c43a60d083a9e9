//! The `Integration` impl, the consistency checks and the entry point.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::{ItemStruct, Path};

use super::args::{IntegrationArgs, spell};
use crate::paths;

/// The struct, its `Integration` impl, the checks and `main()`.
pub(super) fn integration(strukt: &ItemStruct, args: &IntegrationArgs) -> TokenStream {
    let private = paths::private(args.krate.as_ref());
    let ident = &strukt.ident;
    let settings = args
        .settings
        .as_ref()
        .map_or_else(|| quote!(#private::NoSettings), |t| quote!(#t));
    let auth = match (&args.auth, &args.credentials) {
        (Some(kind), _) => quote!(#kind),
        (None, Some(set)) => quote!(#private::Credentials<#set>),
        (None, None) => quote!(#private::NoAuth),
    };
    let app_id = &args.app_id;
    let version = args
        .version
        .as_ref()
        .map_or_else(|| quote!(::core::env!("CARGO_PKG_VERSION")), |v| quote!(#v));

    // Each listed path is imported with a `use`, which takes whichever namespaces it has,
    // in a block where an outer `__Listed` names `NotACapability`: a plain `async fn` (a
    // value only) then falls back to that type and fails `listed_function_must_be_a_capability`
    // at the path, with our message, where a type position would make rustc report "expected
    // type, found function". A path that resolves to nothing fails the `use` alone.
    let listed = args.capabilities.iter().map(|path| {
        let (first, last) = ends(path);
        let private_at = paths::private_at(args.krate.as_ref(), first);
        // `__Listed<>` spans the whole path: its ident at the first token, `<>` at the last.
        let angles: TokenStream = with_span(quote!(<>), last).collect();
        let at_path = quote_spanned!(first=> __Listed #angles);
        let handler = quote_spanned!(first=> #private_at::HandlerOf<#at_path>);
        // The `use` spans the path too, so an unresolved one is reported on all of it.
        let use_token = quote_spanned!(first=> use);
        let alias = quote_spanned!(last=> as __Listed;);
        quote_spanned! {first=>
            {
                #[allow(unused_imports)]
                #use_token #path #alias
                #private_at::listed_function_must_be_a_capability::<#at_path>();
                #private_at::capability_settings_must_match_integration::<#private_at::SettingsOf<#handler>, #settings>();
                #private_at::capability_auth_must_match_integration::<#private_at::AuthOf<#handler>, #auth>();
                #private::CapabilityEntry::of::<#private::HandlerOf<__Listed>>()
            }
        }
    });
    let spelled = args.capabilities.iter().map(spell);
    // One check per listed path after the first, against those before it, panicking at the
    // path (its first to last token) with the repeated name.
    let twice = args
        .capabilities
        .iter()
        .enumerate()
        .skip(1)
        .map(|(at, path)| {
            let (first, last) = ends(path);
            let arguments = quote_spanned!(last=> ("{}", message.as_str()));
            let panic: TokenStream = with_span(quote!(::core::panic!), first)
                .chain(with_span(arguments, last))
                .collect();
            quote_spanned! {last=>
                const _: () = if let ::core::option::Option::Some(message) =
                    #private::registered_twice(__CONNECTOR_CAPABILITIES, __CONNECTOR_LISTED, #at)
                {
                    #panic;
                };
            }
        });
    let app = with_description(
        quote!(#private::app::<#settings, #auth>(#app_id, #version, __CONNECTOR_CAPABILITIES)),
        args,
        &private,
    );
    quote! {
        #strukt
        const _: () = {
            #[allow(dead_code)]
            type __Listed = #private::NotACapability;
            const __CONNECTOR_CAPABILITIES: &[#private::CapabilityEntry] = &[#(#listed),*];
            #[allow(dead_code)]
            const __CONNECTOR_LISTED: &[&str] = &[#(#spelled),*];
            #(#twice)*
            #[automatically_derived]
            impl #private::Integration for #ident {
                type Settings = #settings;
                type Auth = #auth;
                const APP: #private::App = #app;
            }
            // Evaluated at compile time, so an error in the data fails the build even when
            // nothing calls `main`.
            const _: #private::App = <#ident as #private::Integration>::APP;
        };
        impl #ident {
            /// Runs this connector's command line; call it from `fn main`.
            pub fn main() -> #private::ExitCode {
                #private::cli::main::<Self>()
            }
        }
    }
}

/// Chains the `with_*` calls of the description data onto `app`.
fn with_description(
    mut app: TokenStream,
    args: &IntegrationArgs,
    private: &TokenStream,
) -> TokenStream {
    let d = &args.description;
    let strings = [
        ("with_user_friendly_name", &d.user_friendly_name),
        ("with_description", &d.description),
        ("with_logo_url", &d.logo_url),
        ("with_app_vendor_domain", &d.app_vendor_domain),
    ];
    for (method, value) in strings {
        if let Some(value) = value {
            let method = format_ident!("{}", method);
            app = quote!(#app.#method(#value));
        }
    }
    if !d.categories.is_empty() {
        let variants = d
            .categories
            .iter()
            .map(|c| quote!(#private::categories::#c));
        app = quote!(#app.with_categories(&[#(#variants),*]));
    }
    if let Some(types) = &args.resource_types {
        app = quote!(#app.with_resource_types(#types));
    }
    if let Some(types) = &args.entitlement_types {
        app = quote!(#app.with_entitlement_types(#types));
    }
    app
}

/// The spans of a path's first and last tokens (on stable, a span cannot be joined; rustc
/// joins a construct whose first and last tokens carry them).
fn ends(path: &Path) -> (Span, Span) {
    let first = match (&path.leading_colon, path.segments.first()) {
        (Some(colon), _) => colon.spans[0],
        (None, Some(segment)) => segment.ident.span(),
        (None, None) => Span::call_site(),
    };
    let last = path.segments.last().map_or(first, |s| s.ident.span());
    (first, last)
}

/// The tokens, each (a group as a whole) at `span`.
fn with_span(tokens: TokenStream, span: Span) -> impl Iterator<Item = TokenTree> {
    tokens.into_iter().map(move |mut token| {
        token.set_span(span);
        token
    })
}
