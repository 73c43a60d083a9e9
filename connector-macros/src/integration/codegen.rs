//! The `Integration` impl, the consistency checks and the entry point.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, ItemStruct};

use super::args::IntegrationArgs;
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

    // One alias per listed path, so a path that is not a capability is reported once.
    let aliases: Vec<Ident> = (0..args.capabilities.len())
        .map(|i| format_ident!("__Capability{}", i))
        .collect();
    let alias_items = args
        .capabilities
        .iter()
        .zip(&aliases)
        .map(|(path, alias)| quote_spanned!(path.span()=> type #alias = #path;));
    let entries = aliases
        .iter()
        .map(|alias| quote!(#private::CapabilityEntry::of::<#alias>()));
    let checks = args.capabilities.iter().zip(&aliases).map(|(path, alias)| {
        let private = paths::private_at(args.krate.as_ref(), path.span());
        let alias = Ident::new(&alias.to_string(), path.span());
        quote_spanned! {path.span()=>
            #private::capability_settings_must_match_integration::<#private::SettingsOf<#alias>, #settings>();
            #private::capability_auth_must_match_integration::<#private::AuthOf<#alias>, #auth>();
        }
    });
    let app = with_description(
        quote!(#private::App::new::<#settings, #auth>(#app_id, #version, &[#(#entries),*])),
        args,
        &private,
    );
    quote! {
        #strukt
        const _: () = {
            #(#alias_items)*
            #[automatically_derived]
            impl #private::Integration for #ident {
                type Settings = #settings;
                type Auth = #auth;
                const APP: #private::App = #app;
            }
            // Evaluated at compile time, so a table error (two capabilities with one name)
            // fails the build even when nothing calls `main`.
            const _: #private::App = <#ident as #private::Integration>::APP;
            #[allow(dead_code)]
            const fn __connector_checks() {
                #(#checks)*
            }
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
