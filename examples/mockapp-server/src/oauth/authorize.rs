//! `GET /oauth/authorize` (RFC 6749 §4.1.1): no login page, no consent; a
//! well-formed request from the registered client is approved at once with a
//! redirect carrying a fresh code.

use super::{OAuthError, acceptable_redirect_uri, normalize_scope, pkce_shaped};
use crate::AppState;
use crate::respond;
use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// What stays unescaped in a query value we write: the unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Answers an authorization request given its decoded query pairs.
pub(crate) fn authorize(state: &AppState, query: &[(String, String)]) -> Response {
    let get = |name: &str| value(query, name);
    let repeated = |name: &str| given_twice(query, name);

    // Until the client and its redirect URI are known to be good, errors are
    // told to the user agent, never sent to the redirect URI (§4.1.2.1).
    let direct = |code, description: &str| {
        OAuthError::new(code, description).into_response(StatusCode::BAD_REQUEST)
    };
    let Some(client_id) = get("client_id") else {
        return direct("invalid_request", "missing parameter: client_id");
    };
    if repeated("client_id") {
        return direct("invalid_request", "client_id given more than once");
    }
    if client_id != state.config.oauth_client_id {
        return direct("unauthorized_client", "unknown client_id");
    }
    let Some(redirect_uri) = get("redirect_uri") else {
        return direct("invalid_request", "missing parameter: redirect_uri");
    };
    if repeated("redirect_uri") {
        return direct("invalid_request", "redirect_uri given more than once");
    }
    if !acceptable_redirect_uri(redirect_uri) {
        return direct(
            "invalid_request",
            "redirect_uri must be an absolute http(s) URL without a fragment",
        );
    }

    let client_state = get("state");
    let fail = |error: OAuthError| {
        let mut pairs = vec![
            ("error", error.code),
            ("error_description", &error.description),
        ];
        pairs.extend(client_state.map(|s| ("state", s)));
        redirect(redirect_uri, &pairs)
    };
    let challenge = match check(query) {
        Ok(challenge) => challenge,
        Err(error) => return fail(error),
    };
    let scope = normalize_scope(get("scope"));
    let ttl = state.config.oauth_code_ttl;
    let Some(code) = state
        .oauth()
        .add_code(client_id, redirect_uri, scope, challenge, ttl)
    else {
        return fail(OAuthError::new("server_error", "no randomness available"));
    };
    let mut pairs = vec![("code", code.as_str())];
    pairs.extend(client_state.map(|s| ("state", s)));
    redirect(redirect_uri, &pairs)
}

/// The parameters after `client_id` and `redirect_uri`: the PKCE challenge
/// to keep with the code, or the error to redirect with.
fn check(query: &[(String, String)]) -> Result<Option<String>, OAuthError> {
    let get = |name: &str| value(query, name);
    let repeated = |name: &str| given_twice(query, name);
    for name in [
        "response_type",
        "scope",
        "state",
        "code_challenge",
        "code_challenge_method",
    ] {
        if repeated(name) {
            return Err(OAuthError::invalid_request(format!(
                "{name} given more than once"
            )));
        }
    }
    match get("response_type") {
        None => {
            return Err(OAuthError::invalid_request(
                "missing parameter: response_type",
            ));
        }
        Some("code") => {}
        Some(_) => {
            return Err(OAuthError::new(
                "unsupported_response_type",
                "only response_type=code is supported",
            ));
        }
    }
    match (get("code_challenge"), get("code_challenge_method")) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(OAuthError::invalid_request(
            "code_challenge_method given without code_challenge",
        )),
        (Some(_), None | Some("plain")) => Err(OAuthError::invalid_request(
            "code_challenge_method must be S256 (plain is not accepted)",
        )),
        (Some(_), Some(method)) if method != "S256" => Err(OAuthError::invalid_request(format!(
            "unsupported code_challenge_method {method:?}; use S256"
        ))),
        (Some(challenge), Some(_)) if !pkce_shaped(challenge) => Err(OAuthError::invalid_request(
            "code_challenge must be 43-128 unreserved characters",
        )),
        (Some(challenge), Some(_)) => Ok(Some(challenge.to_owned())),
    }
}

/// The last non-empty value of `name`.
fn value<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .rev()
        .find(|(key, value)| key == name && !value.is_empty())
        .map(|(_, value)| value.as_str())
}

/// Whether `name` appears more than once (RFC 6749 §3.1 forbids it).
fn given_twice(query: &[(String, String)], name: &str) -> bool {
    query.iter().filter(|(key, _)| key == name).count() > 1
}

/// `302 Found` to `base` with `pairs` added to its query.
fn redirect(base: &str, pairs: &[(&str, &str)]) -> Response {
    let mut location = base.to_owned();
    let separator = match base.find('?') {
        None => "?",
        Some(_) if base.ends_with(['?', '&']) => "",
        Some(_) => "&",
    };
    location.push_str(separator);
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, QUERY_VALUE)))
        .collect();
    location.push_str(&encoded.join("&"));
    let Ok(location) = HeaderValue::from_str(&location) else {
        return respond::internal_error();
    };
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::FOUND;
    response.headers_mut().insert(header::LOCATION, location);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::redirect;

    fn location(base: &str, pairs: &[(&str, &str)]) -> String {
        let response = redirect(base, pairs);
        assert_eq!(response.status(), 302);
        let value = response.headers().get("location").cloned();
        String::from_utf8(value.map(|v| v.as_bytes().to_vec()).unwrap_or_default())
            .unwrap_or_default()
    }

    #[test]
    fn appends_to_the_query() {
        let pairs = [("code", "c1"), ("state", "a b&c")];
        assert_eq!(
            location("http://h/cb", &pairs),
            "http://h/cb?code=c1&state=a%20b%26c"
        );
        assert_eq!(
            location("http://h/cb?x=1", &pairs[..1]),
            "http://h/cb?x=1&code=c1"
        );
        assert_eq!(location("http://h/cb?", &pairs[..1]), "http://h/cb?code=c1");
    }
}
