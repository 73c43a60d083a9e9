//! The `Integration` impl, the consistency checks and the entry point.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::{Ident, ItemStruct};

use super::args::{IntegrationArgs, spell};
use crate::paths;
use crate::spans;

/// The struct, its `Integration` impl, the checks, `main()` and the settings test.
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
    let auth_declared = args.auth.is_some() || args.credentials.is_some();
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
    //
    // The listed capability is read through `Listed`, which `#[capability]` implements for
    // every function it marks, right or wrong; its row comes from `Probe`, which falls back
    // to a stub row when the capability's types are wrong (an error reported there, once).
    let listed = args.capabilities.iter().map(|path| {
        let (first, last) = spans::ends(&path);
        let private_at = paths::private_at(args.krate.as_ref(), first);
        // `__Listed<>` spans the whole path: its ident at the first token, `<>` at the last.
        let angles: TokenStream = spans::with_span(quote!(<>), last).collect();
        let at_path = quote_spanned!(first=> __Listed #angles);
        let listed_trait = quote_spanned!(first=> #private_at::Listed);
        let settings_check = if args.settings.is_some() {
            quote_spanned!(first=> #private_at::capability_settings_must_match_integration::<<#at_path as #listed_trait>::Settings<#settings>, #settings>();)
        } else {
            quote_spanned!(first=> #private_at::capability_settings_must_be_declared::<<#at_path as #listed_trait>::Settings<#private::NoSettings>>();)
        };
        let auth_check = if auth_declared {
            quote_spanned!(first=> #private_at::capability_auth_must_match_integration::<<#at_path as #listed_trait>::Auth<#auth>, #auth>();)
        } else {
            quote_spanned!(first=> #private_at::capability_auth_must_be_declared::<<#at_path as #listed_trait>::Auth<#private::NoAuth>>();)
        };
        // The `use` spans the path too, so an unresolved one is reported on all of it.
        let use_token = quote_spanned!(first=> use);
        let alias = quote_spanned!(last=> as __Listed;);
        quote_spanned! {first=>
            {
                #[allow(unused_imports)]
                #use_token #path #alias
                #[allow(unused_imports)]
                use #private::ProbeFallback as _;
                #private_at::listed_function_must_be_a_capability::<#at_path>();
                #settings_check
                #auth_check
                #private::Probe::<<__Listed as #private::Listed>::Handler>::ENTRY
            }
        }
    });
    let oauth = super::oauth_rows::OAuthRows::new(ident, args, &private);
    let oauth_rows = oauth.rows();
    // A multi-credential integration answers `validate_credential_config`, as connector-py's
    // does, after everything listed.
    let validation_row = args.credentials.as_ref().map(|set| {
        quote! {
            {
                #[allow(unused_imports)]
                use #private::ProbeFallback as _;
                #private::Probe::<#private::credential_validation::CredentialConfigHandler<#set, #settings>>::ENTRY
            }
        }
    });
    let spelled = args
        .capabilities
        .iter()
        .map(spell)
        .chain(oauth.spelled())
        .chain(
            validation_row
                .as_ref()
                .map(|_| "credentials = ...".to_owned()),
        );
    // One check per listed path after the first, against those before it, panicking at the
    // path (its first to last token) with the repeated name.
    let twice = args
        .capabilities
        .iter()
        .map(spans::ends)
        .chain(oauth.spans())
        .chain(args.credentials.as_ref().map(spans::ends))
        .enumerate()
        .skip(1)
        .map(|(at, (first, last))| {
            let arguments = quote_spanned!(last=> ("{}", message.as_str()));
            let panic: TokenStream = spans::with_span(quote!(::core::panic!), first)
                .chain(spans::with_span(arguments, last))
                .collect();
            quote_spanned! {last=>
                const _: () = if let ::core::option::Option::Some(message) =
                    #private::registered_twice(__CONNECTOR_CAPABILITIES, __CONNECTOR_LISTED, #at)
                {
                    #panic;
                };
            }
        });
    // Each listed capability's request checks the settings and credential types it names,
    // which `Same*` makes the integration's; only an integration without capabilities checks
    // its own (else a wrong type would be reported by each capability and here again).
    let own_checks = if args.capabilities.is_empty() {
        let settings_check = args.settings.as_ref().map(|ty| {
            spans::check_call(
                &private,
                "integration_settings_type_must_be_usable",
                quote!(#ty),
                ty,
            )
        });
        let auth_check = args.auth.as_ref().map(|ty| {
            spans::check_call(
                &private,
                "integration_auth_type_must_be_usable",
                quote!(#ty),
                ty,
            )
        });
        quote! {
            #[allow(dead_code)]
            const fn __connector_checks() {
                #settings_check
                #auth_check
            }
        }
    } else {
        TokenStream::new()
    };
    let app = oauth.with_oauth(with_description(
        quote!(#private::app::<#settings, #auth>(#app_id, #version, __CONNECTOR_CAPABILITIES)),
        args,
        &private,
    ));
    let app = with_probe(app, args, &private);
    let oauth_provider = oauth.provider(&settings, &auth);
    // The same data, without the types, evaluated at compile time so that an error in it
    // fails the build even when nothing calls `main`.
    let data = with_description(
        quote!(#private::app::<#private::NoSettings, #private::NoAuth>(#app_id, #version, __CONNECTOR_CAPABILITIES)),
        args,
        &private,
    );
    let lint = settings_lint(ident, args, &private);
    quote! {
        #strukt
        const _: () = {
            #[allow(dead_code)]
            type __Listed = #private::NotACapability;
            const __CONNECTOR_CAPABILITIES: &[#private::CapabilityEntry] = &[#(#listed,)* #(#oauth_rows,)* #validation_row];
            #[allow(dead_code)]
            const __CONNECTOR_LISTED: &[&str] = &[#(#spelled),*];
            #(#twice)*
            #own_checks
            // Implemented when the settings and credential types are usable; when one is
            // not, the capability naming it (or the check above) reports it, once.
            #[automatically_derived]
            impl #private::Integration for #ident
            where
                for<'__c> #settings: #private::SettingsType,
                for<'__c> #auth: #private::AuthType,
            {
                type Settings = #settings;
                type Auth = #auth;
                const APP: #private::App = #app;
            }
            const _: #private::App = #data;
            #oauth_provider
        };
        impl #ident {
            /// Runs this connector's command line; call it from `fn main`.
            pub fn main() -> #private::ExitCode {
                #[allow(unused_imports)]
                use #private::{MainFallback as _, MainViaIntegration as _};
                (&#private::MainOf::<Self>::new()).run_main()
            }
        }
        #lint
    }
}

/// `app` with the built-in probe and its limits, unless the integration says `probe = false`.
fn with_probe(app: TokenStream, args: &IntegrationArgs, private: &TokenStream) -> TokenStream {
    let Some(probe) = &args.probe else {
        return app;
    };
    let limits = [
        ("page_size", probe.page_size),
        ("max_entitlement_pages", probe.max_entitlement_pages),
        ("per_check_timeout_seconds", probe.per_check_timeout_seconds),
    ]
    .into_iter()
    .filter_map(|(name, value)| {
        let name = format_ident!("{name}");
        value.map(|value| quote!(#name: #value,))
    });
    quote! {
        #app.with_probe(#private::probe::setup::<Self>(#private::probe::ProbeSettings {
            #(#limits)*
            ..#private::probe::ProbeSettings::DEFAULT
        }))
    }
}

/// The test that the settings fields named like secrets are `Secret`s (see the runtime's
/// `settings_lint`): a module named after the integration, so each has its own and its
/// purpose shows in `cargo test`'s output.
fn settings_lint(ident: &Ident, args: &IntegrationArgs, private: &TokenStream) -> TokenStream {
    let Some(settings) = &args.settings else {
        return TokenStream::new();
    };
    let module = format_ident!("{}_settings_lint", ident);
    let spelled = quote!(#settings).to_string().replace(' ', "");
    let plain = args.plain_settings.iter().map(|field| field.to_string());
    quote! {
        #[cfg(test)]
        #[allow(non_snake_case)]
        mod #module {
            #[allow(unused_imports)]
            use super::*;

            /// A settings field named like a secret (`password`, `api_key`, `refresh_token`,
            /// ...) must be a `Secret`, or be listed in `plain_settings(...)`.
            #[test]
            fn settings_fields_named_like_secrets_are_secret() {
                #private::assert_secret_like_fields_are_secret::<#settings>(
                    #spelled,
                    &[#(#plain),*],
                );
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
