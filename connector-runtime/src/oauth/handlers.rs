//! The OAuth capabilities the runtime answers for an integration that declares a provider:
//! ordinary table rows, generic over the provider.

use std::future::Future;
use std::marker::PhantomData;

use super::OAuthProvider;
use super::authorize::authorization_url;
use super::config::OAuth;
use super::scopes::scope_parameter;
use super::token::{TokenRequest, exchange};
use crate::capabilities::{
    get_authorization_url, handle_authorization_callback, handle_client_credentials_request,
    refresh_access_token,
};
use crate::error::ConnectorError;
use crate::handler::{CapabilityHandler, CapabilityMeta};
use crate::http::Url;
use crate::models::{
    AuthorizationUrl, GetAuthorizationUrl, HandleAuthorizationCallback, HandleClientCredentials,
    OauthCredentials, RefreshAccessToken,
};
use crate::request::{NoAuth, Request};
use crate::response::Response;
use crate::secret::Secret;

/// `get_authorization_url` for provider `P`.
pub struct AuthorizationUrlHandler<P>(PhantomData<P>);
/// `handle_authorization_callback` for provider `P`.
pub struct CallbackHandler<P>(PhantomData<P>);
/// `refresh_access_token` for provider `P`.
pub struct RefreshHandler<P>(PhantomData<P>);
/// `handle_client_credentials_request` for provider `P`.
pub struct ClientCredentialsHandler<P>(PhantomData<P>);

/// Where the runtime's OAuth capabilities say they were raised.
macro_rules! raised_in {
    ($name:literal) => {
        concat!("connector_runtime::oauth:", $name)
    };
}

impl<P: OAuthProvider> CapabilityHandler for AuthorizationUrlHandler<P> {
    type Request = Request<GetAuthorizationUrl, P::Settings, NoAuth>;
    type Output = AuthorizationUrl;
    const META: CapabilityMeta =
        CapabilityMeta::standard::<get_authorization_url>(raised_in!("get_authorization_url"));

    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<AuthorizationUrl>, ConnectorError>> + Send + 'static
    {
        let oauth = P::OAUTH;
        async move {
            only_the_declared_credential(request.request.credential_id.as_deref())?;
            authorization_url(&oauth, &request.request, &request.settings).map(Response::new)
        }
    }
}

impl<P: OAuthProvider> CapabilityHandler for CallbackHandler<P> {
    type Request = Request<HandleAuthorizationCallback, P::Settings, NoAuth>;
    type Output = OauthCredentials;
    const META: CapabilityMeta = CapabilityMeta::standard::<handle_authorization_callback>(
        raised_in!("handle_authorization_callback"),
    );

    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<OauthCredentials>, ConnectorError>> + Send + 'static
    {
        let oauth = P::OAUTH;
        async move {
            let payload = &request.request;
            only_the_declared_credential(payload.credential_id.as_deref())?;
            let callback = Callback::parse(&payload.redirect_uri_with_code)?;
            if let Some(expected) = &payload.state
                && callback.state.as_deref() != Some(expected.as_str())
            {
                return Err(ConnectorError::bad_request().with_message(
                    "OAuth state mismatch: the callback's `state` is not the one the authorization URL was made with.",
                ));
            }
            let mut params = vec![
                ("grant_type", "authorization_code".to_owned()),
                ("code", callback.code),
                ("redirect_uri", callback.redirect_uri),
            ];
            if let Some(verifier) = &payload.code_verifier {
                params.push(("code_verifier", verifier.clone()));
            }
            let (id, secret) = (&payload.client_id, &payload.client_secret);
            exchange(token_request(&oauth, &request, id, secret, params)).await
        }
    }
}

impl<P: OAuthProvider> CapabilityHandler for RefreshHandler<P> {
    type Request = Request<RefreshAccessToken, P::Settings, NoAuth>;
    type Output = OauthCredentials;
    const META: CapabilityMeta =
        CapabilityMeta::standard::<refresh_access_token>(raised_in!("refresh_access_token"));

    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<OauthCredentials>, ConnectorError>> + Send + 'static
    {
        let oauth = P::OAUTH;
        async move {
            let payload = &request.request;
            only_the_declared_credential(payload.credential_id.as_deref())?;
            let params = vec![
                ("grant_type", "refresh_token".to_owned()),
                ("refresh_token", payload.refresh_token.clone()),
            ];
            let (id, secret) = (&payload.client_id, &payload.client_secret);
            exchange(token_request(&oauth, &request, id, secret, params)).await
        }
    }
}

impl<P: OAuthProvider> CapabilityHandler for ClientCredentialsHandler<P> {
    type Request = Request<HandleClientCredentials, P::Settings, NoAuth>;
    type Output = OauthCredentials;
    const META: CapabilityMeta = CapabilityMeta::standard::<handle_client_credentials_request>(
        raised_in!("handle_client_credentials_request"),
    );

    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<OauthCredentials>, ConnectorError>> + Send + 'static
    {
        let oauth = P::OAUTH;
        async move {
            let payload = &request.request;
            only_the_declared_credential(payload.credential_id.as_deref())?;
            let scope = scope_parameter(&payload.scopes, oauth.scopes.resolve(&request.settings));
            let mut params = vec![("grant_type", "client_credentials".to_owned())];
            if !scope.is_empty() {
                params.push(("scope", scope));
            }
            let (id, secret) = (&payload.client_id, &payload.client_secret);
            exchange(token_request(&oauth, &request, id, secret, params)).await
        }
    }
}

/// The token request of one call.
fn token_request<'a, S, Payload>(
    oauth: &OAuth<S>,
    request: &Request<Payload, S, NoAuth>,
    client_id: &'a str,
    client_secret: &str,
    params: Vec<(&'static str, String)>,
) -> TokenRequest<'a> {
    TokenRequest {
        url: oauth.token_url.resolve(&request.settings),
        client_auth: oauth.client_auth,
        body: oauth.request_body,
        client_id,
        client_secret: Secret::new(client_secret),
        params,
        include_raw_data: request.include_raw_data.unwrap_or(false),
    }
}

/// An integration with one OAuth credential has no credential ids: a request naming one asks
/// for settings that were never declared (connector-py's answer, word for word).
fn only_the_declared_credential(credential_id: Option<&str>) -> Result<(), ConnectorError> {
    match credential_id {
        None => Ok(()),
        Some(id) => Err(
            ConnectorError::integration_missing_parameter().with_message(format!(
                "OAuth settings for credential ID: {id} were not provided!"
            )),
        ),
    }
}

/// What the provider's redirect carried.
struct Callback {
    code: String,
    state: Option<String>,
    /// The URL the code was sent to: the redirect without its query.
    redirect_uri: String,
}

impl Callback {
    fn parse(redirect_uri_with_code: &str) -> Result<Callback, ConnectorError> {
        let invalid = |why: &str| {
            ConnectorError::bad_request().with_message(format!("`redirect_uri_with_code` {why}."))
        };
        let url = Url::parse(redirect_uri_with_code).map_err(|_| invalid("is not a URL"))?;
        let find = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        if let Some(error) = find("error") {
            return Err(denied(&error, find("error_description")));
        }
        let code = find("code").ok_or_else(|| invalid("has no `code` parameter"))?;
        let end = redirect_uri_with_code
            .find(['?', '#'])
            .unwrap_or(redirect_uri_with_code.len());
        Ok(Callback {
            code,
            state: find("state"),
            redirect_uri: redirect_uri_with_code[..end].to_owned(),
        })
    }
}

/// The error for a redirect that carries the provider's refusal instead of a code (RFC 6749
/// §4.1.2.1), classified like a refused token request.
fn denied(error: &str, description: Option<String>) -> ConnectorError {
    let class = match error {
        "access_denied" | "unauthorized_client" => ConnectorError::permission_denied(),
        _ => ConnectorError::unauthorized().with_refreshable(false),
    };
    let detail = description.map_or_else(String::new, |d| format!(": {d}"));
    class
        .with_message(format!(
            "The authorization server refused the authorization: {error}{detail}"
        ))
        .with_retryable(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_callback_gives_its_code_state_and_redirect_uri() {
        let callback =
            Callback::parse("https://app.example.com/cb/x%20y?code=C%2B0+D&state=s1#frag").unwrap();
        assert_eq!(callback.code, "C+0 D");
        assert_eq!(callback.state.as_deref(), Some("s1"));
        assert_eq!(callback.redirect_uri, "https://app.example.com/cb/x%20y");
    }

    #[test]
    fn a_refusal_in_the_redirect_is_reported_as_the_providers() {
        let error = Callback::parse(
            "https://app/cb?error=access_denied&error_description=user+said+no&state=s1",
        )
        .err()
        .unwrap();
        assert_eq!(error.code(), crate::ErrorCode::PermissionDenied);
        assert_eq!(
            error.message(),
            "The authorization server refused the authorization: access_denied: user said no"
        );
        let error = Callback::parse("https://app/cb?error=login_required")
            .err()
            .unwrap();
        assert_eq!(error.code(), crate::ErrorCode::Unauthorized);
        assert!(!error.metadata().retryable);
    }

    #[test]
    fn a_callback_without_a_code_or_not_a_url_is_the_callers_mistake() {
        for text in ["https://app/cb?state=s1", "/cb?code=c"] {
            let error = Callback::parse(text).err().unwrap();
            assert_eq!(error.code(), crate::ErrorCode::BadRequest, "{text}");
        }
    }
}
