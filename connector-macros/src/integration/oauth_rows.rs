//! What `oauth(...)` adds to the expansion: the `OAuthProvider` impl, the flow's capability
//! rows (after the listed ones, so a listed capability of the same name is reported as
//! registered twice, at `oauth`), the scope checks and the `info` data.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::args::IntegrationArgs;
use super::oauth::OAuthArgs;
use crate::paths;

/// The OAuth part of one integration's expansion; empty without `oauth(...)`.
pub(super) struct OAuthRows<'a> {
    ident: &'a Ident,
    args: Option<&'a OAuthArgs>,
    private: &'a TokenStream,
    public: TokenStream,
    krate: Option<&'a syn::Path>,
}

impl<'a> OAuthRows<'a> {
    pub(super) fn new(
        ident: &'a Ident,
        args: &'a IntegrationArgs,
        private: &'a TokenStream,
    ) -> Self {
        OAuthRows {
            ident,
            args: args.oauth.as_ref(),
            private,
            public: paths::public(args.krate.as_ref()),
            krate: args.krate.as_ref(),
        }
    }

    /// The handlers the flow registers, by capability name.
    fn handlers(&self) -> &'static [(&'static str, &'static str)] {
        match self.args {
            None => &[],
            Some(oauth) if oauth.is_client_credentials() => &[
                (
                    "handle_client_credentials_request",
                    "ClientCredentialsHandler",
                ),
                ("refresh_access_token", "RefreshHandler"),
            ],
            Some(_) => &[
                ("get_authorization_url", "AuthorizationUrlHandler"),
                ("handle_authorization_callback", "CallbackHandler"),
                ("refresh_access_token", "RefreshHandler"),
            ],
        }
    }

    /// The table rows, each falling back to a stub when the provider does not compile.
    pub(super) fn rows(&self) -> Vec<TokenStream> {
        let (ident, private) = (self.ident, self.private);
        self.handlers()
            .iter()
            .map(|(_, handler)| {
                let handler = Ident::new(handler, Span::call_site());
                quote! {
                    {
                        #[allow(unused_imports)]
                        use #private::ProbeFallback as _;
                        #private::Probe::<#private::oauth::#handler<#ident>>::ENTRY
                    }
                }
            })
            .collect()
    }

    /// How the rows are named in "registered twice" messages.
    pub(super) fn spelled(&self) -> impl Iterator<Item = String> + '_ {
        self.handlers().iter().map(|_| "oauth(...)".to_owned())
    }

    /// Where a "registered twice" error about a row points: the `oauth` token.
    pub(super) fn spans(&self) -> impl Iterator<Item = (Span, Span)> + '_ {
        let span = self.args.map_or_else(Span::call_site, |oauth| oauth.span);
        self.handlers().iter().map(move |_| (span, span))
    }

    /// `app` with the declaration's `info` data.
    pub(super) fn with_oauth(&self, app: TokenStream) -> TokenStream {
        let (ident, private) = (self.ident, self.private);
        match self.args {
            None => app,
            Some(_) => quote!(#app.with_oauth(#private::oauth::info::<#ident>())),
        }
    }

    /// The `OAuthProvider` impl, the credential check and the scope checks.
    pub(super) fn provider(&self, settings: &TokenStream, auth: &TokenStream) -> TokenStream {
        let Some(oauth) = self.args else {
            return TokenStream::new();
        };
        let (ident, private) = (self.ident, self.private);
        let declaration = oauth.declaration(private);
        let scope_checks = oauth.scope_checks(&self.public);
        let impl_token = quote_spanned!(oauth.span=> impl);
        let check = if oauth.is_client_credentials() {
            "oauth_client_credentials_auth_must_match"
        } else {
            "oauth_code_flow_auth_must_match"
        };
        let check = Ident::new(check, oauth.span);
        let private_at = paths::private_at(self.krate, oauth.span);
        quote! {
            #[automatically_derived]
            #impl_token #private::oauth::OAuthProvider for #ident
            where
                for<'__c> #settings: #private::SettingsType,
            {
                type Settings = #settings;
                const OAUTH: #private::oauth::OAuth<#settings> = #declaration;
            }
            const _: () = #private_at::#check::<#auth>();
            #scope_checks
        }
    }
}
