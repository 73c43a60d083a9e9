//! The `oauth(...)` group of `#[integration]`: the provider's endpoints, scopes, PKCE, client
//! authentication, body format and flow, each mistake reported at its token.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Ident, LitStr, Path};

use crate::diag::Errors;

const EXPECTED: &str = "expected one of `authorization_url`, `token_url`, `scopes(...)`, `scopes = <fn>`, `pkce`, `client_auth`, `request_type`, `flow`";

/// An endpoint: a literal URL, or the path of a `fn(&Settings) -> String`.
pub(crate) enum Url {
    Literal(LitStr),
    FromSettings(Path),
}

/// The scopes: `capability = "scope scope"` pairs, or the path of a
/// `fn(&Settings) -> Vec<(String, String)>`.
pub(crate) enum Scopes {
    Pairs(Vec<(Ident, LitStr)>),
    FromSettings(Path),
}

/// The parsed group.
pub(crate) struct OAuthArgs {
    /// The `oauth` token, where errors about the group as a whole point.
    pub(crate) span: Span,
    pub(crate) authorization_url: Option<Url>,
    pub(crate) token_url: Option<Url>,
    pub(crate) scopes: Option<Scopes>,
    pub(crate) pkce: Option<Ident>,
    pub(crate) client_auth: Option<Ident>,
    pub(crate) request_type: Option<Ident>,
    pub(crate) flow: Option<Ident>,
    /// The arguments written, also those that did not parse (so that a bad URL is not also
    /// reported as a missing one).
    given: Vec<String>,
}

impl OAuthArgs {
    /// Parses `oauth(...)`; every mistake is recorded in `errors`.
    pub(crate) fn parse(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<Self> {
        let mut args = OAuthArgs {
            span: meta.path.span(),
            authorization_url: None,
            token_url: None,
            scopes: None,
            pkce: None,
            client_auth: None,
            request_type: None,
            flow: None,
            given: Vec::new(),
        };
        meta.parse_nested_meta(|inner| {
            let input = inner.input;
            if let Err(error) = args.parse_one(inner) {
                errors.push(error);
                while !input.is_empty() && !input.peek(syn::Token![,]) {
                    input.parse::<proc_macro2::TokenTree>()?;
                }
            }
            Ok(())
        })?;
        args.check(errors);
        Ok(args)
    }

    fn parse_one(&mut self, meta: ParseNestedMeta<'_>) -> syn::Result<()> {
        let key = meta
            .path
            .get_ident()
            .cloned()
            .ok_or_else(|| meta.error(EXPECTED))?;
        let name = key.to_string();
        self.given.push(name.clone());
        let twice = || syn::Error::new(key.span(), format!("`{name}` is given twice"));
        match name.as_str() {
            "authorization_url" | "token_url" => {
                let url = parse_url(&meta)?;
                let slot = if name == "token_url" {
                    &mut self.token_url
                } else {
                    &mut self.authorization_url
                };
                if slot.replace(url).is_some() {
                    return Err(twice());
                }
            }
            "scopes" => {
                let scopes = if meta.input.peek(syn::Token![=]) {
                    let value = meta.value()?;
                    let at = value.span();
                    Scopes::FromSettings(value.parse().map_err(|_| {
                        syn::Error::new(at, "expected the path of a `fn(&Settings) -> Vec<(String, String)>`, or a list `scopes(list_accounts = \"users:read\", ...)`")
                    })?)
                } else {
                    let mut pairs: Vec<(Ident, LitStr)> = Vec::new();
                    meta.parse_nested_meta(|pair| {
                        let capability = pair.path.get_ident().cloned().ok_or_else(|| {
                            pair.error(
                                "expected a capability name, e.g. `list_accounts = \"users:read\"`",
                            )
                        })?;
                        if pairs.iter().any(|(known, _)| *known == capability) {
                            return Err(syn::Error::new(
                                capability.span(),
                                format!("`{capability}` is given twice"),
                            ));
                        }
                        let scopes: LitStr = pair.value()?.parse()?;
                        pairs.push((capability, scopes));
                        Ok(())
                    })?;
                    Scopes::Pairs(pairs)
                };
                if self.scopes.replace(scopes).is_some() {
                    return Err(twice());
                }
            }
            "pkce" => {
                if self.pkce.replace(key.clone()).is_some() {
                    return Err(twice());
                }
            }
            "client_auth" | "request_type" | "flow" => {
                let value: Ident = meta.value()?.parse()?;
                let allowed: &[&str] = match name.as_str() {
                    "client_auth" => &["basic", "post"],
                    "request_type" => &["form", "query", "json"],
                    _ => &["code", "client_credentials"],
                };
                if !allowed.contains(&value.to_string().as_str()) {
                    return Err(syn::Error::new(
                        value.span(),
                        format!("`{name}` is one of `{}`", allowed.join("`, `")),
                    ));
                }
                let slot = match name.as_str() {
                    "client_auth" => &mut self.client_auth,
                    "request_type" => &mut self.request_type,
                    _ => &mut self.flow,
                };
                if slot.replace(value).is_some() {
                    return Err(twice());
                }
            }
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown `oauth` argument `{name}`; {EXPECTED}"),
                ));
            }
        }
        Ok(())
    }

    /// Whether the flow is client credentials (else the code flow).
    pub(crate) fn is_client_credentials(&self) -> bool {
        self.flow
            .as_ref()
            .is_some_and(|f| f == "client_credentials")
    }

    /// The combinations that cannot work.
    fn check(&self, errors: &mut Errors) {
        let given = |name: &str| self.given.iter().any(|g| g == name);
        if !given("token_url") {
            errors.push(syn::Error::new(
                self.span,
                "`oauth(...)` needs `token_url = \"https://...\"` (or the path of a `fn(&Settings) -> String`)",
            ));
        }
        if self.is_client_credentials() {
            if let Some(pkce) = &self.pkce {
                errors.push(syn::Error::new(
                    pkce.span(),
                    "`pkce` belongs to the authorization-code flow; the client-credentials flow has no authorization step",
                ));
            }
            if let Some(url) = &self.authorization_url {
                errors.push(syn::Error::new(
                    url.span(),
                    "the client-credentials flow has no authorization URL; remove `authorization_url` or use `flow = code`",
                ));
            }
        } else if !given("authorization_url") {
            errors.push(syn::Error::new(
                self.span,
                "the authorization-code flow needs `authorization_url = \"https://...\"` (or the path of a `fn(&Settings) -> String`); for the client-credentials flow write `flow = client_credentials`",
            ));
        }
    }

    /// The runtime's `OAuth<Settings>` value of this declaration.
    pub(crate) fn declaration(&self, private: &TokenStream) -> TokenStream {
        let token = self.token_url.as_ref().map_or_else(
            || quote!(#private::oauth::UrlSource::Fixed("")),
            |u| u.tokens(private),
        );
        let mut oauth = match &self.authorization_url {
            Some(authorization) if !self.is_client_credentials() => {
                let authorization = authorization.tokens(private);
                quote!(#private::oauth::OAuth::code_flow(#authorization, #token))
            }
            _ => quote!(#private::oauth::OAuth::client_credentials(#token)),
        };
        match &self.scopes {
            Some(Scopes::Pairs(pairs)) => {
                let pairs = pairs.iter().map(|(capability, scopes)| {
                    let name = capability.to_string();
                    quote!((#name, #scopes))
                });
                oauth =
                    quote!(#oauth.with_scopes(#private::oauth::ScopeSource::Fixed(&[#(#pairs),*])));
            }
            Some(Scopes::FromSettings(path)) => {
                let source =
                    quote_spanned!(path.span()=> #private::oauth::ScopeSource::FromSettings(#path));
                oauth = quote!(#oauth.with_scopes(#source));
            }
            None => {}
        }
        if self.pkce.is_some() && !self.is_client_credentials() {
            oauth = quote!(#oauth.with_pkce());
        }
        if let Some(auth) = &self.client_auth {
            let variant = if auth == "basic" {
                quote!(Basic)
            } else {
                quote!(Post)
            };
            oauth = quote!(#oauth.with_client_auth(#private::oauth::ClientAuth::#variant));
        }
        if let Some(body) = &self.request_type {
            let variant = match body.to_string().as_str() {
                "query" => quote!(Query),
                "json" => quote!(Json),
                _ => quote!(Form),
            };
            oauth = quote!(#oauth.with_request_body(#private::oauth::RequestBody::#variant));
        }
        oauth
    }

    /// One check per capability named in `scopes(...)`: its marker must exist (a typo gets
    /// rustc's "similar name" suggestion at the name).
    pub(crate) fn scope_checks(&self, public: &TokenStream) -> TokenStream {
        let Some(Scopes::Pairs(pairs)) = &self.scopes else {
            return TokenStream::new();
        };
        let checks = pairs.iter().map(|(capability, _)| {
            let marker = quote_spanned!(capability.span()=> #public::capabilities::#capability);
            quote!(const _: ::core::marker::PhantomData<#marker> = ::core::marker::PhantomData;)
        });
        quote!(#(#checks)*)
    }
}

impl Url {
    fn span(&self) -> Span {
        match self {
            Url::Literal(lit) => lit.span(),
            Url::FromSettings(path) => path.span(),
        }
    }

    fn tokens(&self, private: &TokenStream) -> TokenStream {
        match self {
            Url::Literal(lit) => quote!(#private::oauth::UrlSource::Fixed(#lit)),
            Url::FromSettings(path) => {
                quote_spanned!(path.span()=> #private::oauth::UrlSource::FromSettings(#path))
            }
        }
    }
}

fn parse_url(meta: &ParseNestedMeta<'_>) -> syn::Result<Url> {
    let value = meta.value()?;
    if value.peek(LitStr) {
        return Ok(Url::Literal(value.parse()?));
    }
    let at = value.span();
    value.parse::<Path>().map(Url::FromSettings).map_err(|_| {
        syn::Error::new(at, "expected a URL string, e.g. `\"https://example.com/oauth/token\"`, or the path of a `fn(&Settings) -> String`")
    })
}
