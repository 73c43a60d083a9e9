//! `POST /oauth/token` (RFC 6749 §4.1.3, §4.4, §6): the `authorization_code`
//! (with PKCE S256), `refresh_token` (rotating) and `client_credentials`
//! grants. Successes are §5.1 JSON, errors §5.2 JSON; neither may be cached.

use super::client::authenticate;
use super::params::Params;
use super::store::{CodeLookup, Issued};
use super::{OAuthError, no_store, normalize_scope, s256_challenge};
use crate::AppState;
use crate::respond;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Serialize;

/// Answers a token request given its query string, headers and body bytes.
pub(crate) fn token(state: &AppState, query: &str, headers: &HeaderMap, body: &[u8]) -> Response {
    let params = match Params::read(query, headers, body) {
        Ok(params) => params,
        Err(error) => return error.into_response(StatusCode::BAD_REQUEST),
    };
    let client_id = match authenticate(&state.config, headers, &params) {
        Ok(client_id) => client_id,
        Err(refused) => return refused.into_response(),
    };
    let result = match params.require("grant_type") {
        Err(error) => Err(error),
        Ok("authorization_code") => authorization_code(state, &client_id, &params),
        Ok("refresh_token") => refresh_token(state, &client_id, &params),
        Ok("client_credentials") => client_credentials(state, &client_id, &params),
        Ok(other) => Err(OAuthError::new(
            "unsupported_grant_type",
            format!("unsupported grant_type {other:?}"),
        )),
    };
    match result {
        Ok(tokens) => no_store(respond::json(StatusCode::OK, &tokens)),
        Err(error) => error.into_response(StatusCode::BAD_REQUEST),
    }
}

/// The §5.1 success body.
#[derive(Debug, Serialize)]
struct Tokens {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<String>,
}

impl Tokens {
    fn new(state: &AppState, issued: Issued, scope: Option<String>) -> Tokens {
        Tokens {
            access_token: issued.access_token,
            token_type: "Bearer",
            expires_in: state.config.oauth_access_token_ttl.as_secs(),
            refresh_token: issued.refresh_token,
            scope,
        }
    }
}

fn no_randomness() -> OAuthError {
    OAuthError::new("server_error", "no randomness available")
}

fn authorization_code(
    state: &AppState,
    client_id: &str,
    params: &Params,
) -> Result<Tokens, OAuthError> {
    let text = params.require("code")?;
    let redirect_uri = params.require("redirect_uri")?;
    let config = &state.config;
    let mut grants = state.oauth();
    let code = match grants.code(text) {
        CodeLookup::Live(code) => code,
        CodeLookup::Used => {
            grants.revoke_family(text);
            return Err(OAuthError::invalid_grant(
                "authorization code already used; the tokens issued from it are revoked",
            ));
        }
        CodeLookup::Expired => return Err(OAuthError::invalid_grant("authorization code expired")),
        CodeLookup::Unknown => return Err(OAuthError::invalid_grant("unknown authorization code")),
    };
    if code.client_id != client_id {
        return Err(OAuthError::invalid_grant(
            "authorization code was issued to another client",
        ));
    }
    if code.redirect_uri != redirect_uri {
        return Err(OAuthError::invalid_grant(
            "redirect_uri differs from the one given to /oauth/authorize",
        ));
    }
    match (&code.challenge, params.get("code_verifier")) {
        (None, None) => {}
        (None, Some(_)) => {
            return Err(OAuthError::invalid_grant(
                "code_verifier given, but the code was issued without code_challenge",
            ));
        }
        (Some(_), None) => {
            return Err(OAuthError::invalid_grant(
                "code_verifier required: the code was issued with code_challenge",
            ));
        }
        (Some(challenge), Some(verifier)) => {
            if s256_challenge(verifier) != *challenge {
                return Err(OAuthError::invalid_grant(
                    "code_verifier does not match code_challenge",
                ));
            }
        }
    }
    grants.use_code(text);
    let issued = grants
        .issue(
            client_id,
            code.scope.clone(),
            Some(text.to_owned()),
            config.oauth_access_token_ttl,
            Some(config.oauth_refresh_token_ttl),
        )
        .ok_or_else(no_randomness)?;
    Ok(Tokens::new(state, issued, code.scope))
}

fn refresh_token(state: &AppState, client_id: &str, params: &Params) -> Result<Tokens, OAuthError> {
    let text = params.require("refresh_token")?;
    let config = &state.config;
    let mut grants = state.oauth();
    let Some(old) = grants.take_refresh(text, client_id) else {
        return Err(OAuthError::invalid_grant(
            "refresh token unknown, expired, already used or another client's",
        ));
    };
    // A narrower scope may be asked for (§6); a wider one is refused, and
    // then the old refresh token stays usable.
    let scope = match normalize_scope(params.get("scope")) {
        None => old.scope.clone(),
        Some(asked) => {
            let granted: Vec<&str> = old
                .scope
                .as_deref()
                .unwrap_or_default()
                .split(' ')
                .collect();
            if let Some(extra) = asked.split(' ').find(|name| !granted.contains(name)) {
                let error = OAuthError::new(
                    "invalid_scope",
                    format!("scope {extra:?} was not granted to this refresh token"),
                );
                grants.put_back_refresh(text, old);
                return Err(error);
            }
            Some(asked)
        }
    };
    let issued = grants
        .rotate(
            old,
            scope.clone(),
            config.oauth_access_token_ttl,
            config.oauth_refresh_token_ttl,
        )
        .ok_or_else(no_randomness)?;
    Ok(Tokens::new(state, issued, scope))
}

fn client_credentials(
    state: &AppState,
    client_id: &str,
    params: &Params,
) -> Result<Tokens, OAuthError> {
    let scope = normalize_scope(params.get("scope"));
    let issued = state
        .oauth()
        .issue(
            client_id,
            scope.clone(),
            None,
            state.config.oauth_access_token_ttl,
            None,
        )
        .ok_or_else(no_randomness)?;
    Ok(Tokens::new(state, issued, scope))
}
