//! `get_authorization_url`: the URL that sends a person to the provider's consent page, with a
//! fresh PKCE verifier when the integration asks for one. No HTTP call is made.

use ring::digest::{SHA256, digest};
use ring::rand::{SecureRandom, SystemRandom};

use super::config::{Flow, OAuth};
use super::scopes::scope_parameter;
use crate::error::ConnectorError;
use crate::http::base64_url;
use crate::models::{AuthorizationUrl, GetAuthorizationUrl};

/// The authorization URL for `request`, and its PKCE verifier when PKCE is on.
pub(crate) fn authorization_url<S>(
    oauth: &OAuth<S>,
    request: &GetAuthorizationUrl,
    settings: &S,
) -> Result<AuthorizationUrl, ConnectorError> {
    let base = match (oauth.flow, oauth.authorization_url) {
        (Flow::Code, Some(url)) => url.resolve(settings),
        _ => return Err(super::missing_url()),
    };
    let scope = scope_parameter(&request.scopes, oauth.scopes.resolve(settings));
    let mut query = vec![
        ("client_id", request.client_id.as_str()),
        ("response_type", "code"),
        ("scope", scope.as_str()),
        ("redirect_uri", request.redirect_uri.as_str()),
        ("state", request.state.as_str()),
    ];
    let verifier = oauth.pkce.then(code_verifier).transpose()?;
    let challenge = verifier.as_deref().map(code_challenge);
    if let Some(challenge) = &challenge {
        query.extend([
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
        ]);
    }
    let encoded: Vec<String> = query
        .iter()
        .map(|(name, value)| format!("{}={}", quote_plus(name), quote_plus(value)))
        .collect();
    Ok(AuthorizationUrl::builder()
        .authorization_url(format!("{base}?{}", encoded.join("&")))
        .maybe_code_verifier(verifier)
        .build())
}

/// A PKCE verifier: 32 random bytes, URL-safe base64 without padding (43 characters).
fn code_verifier() -> Result<String, ConnectorError> {
    let mut bytes = [0u8; 32];
    SystemRandom::new().fill(&mut bytes).map_err(|_| {
        ConnectorError::internal_error()
            .with_message("The system's random number generator is unavailable.")
    })?;
    Ok(base64_url(&bytes))
}

/// The `S256` challenge of a verifier (RFC 7636 §4.2).
pub(crate) fn code_challenge(verifier: &str) -> String {
    base64_url(digest(&SHA256, verifier.as_bytes()).as_ref())
}

/// Python's `urllib.parse.quote_plus`: letters, digits and `_.-~` as they are, a space as
/// `+`, every other byte as `%XX`.
pub(crate) fn quote_plus(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_of_rfc_7636s_verifier_is_its_s256() {
        // RFC 7636 appendix B.
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_43_url_safe_characters_and_differ() {
        let (a, b) = (code_verifier().unwrap(), code_verifier().unwrap());
        assert_eq!(a.len(), 43);
        assert!(
            a.bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        );
        assert_ne!(a, b);
    }

    #[test]
    fn quote_plus_matches_python() {
        assert_eq!(
            quote_plus("https://app/cb?x=1&y=a b~*é"),
            "https%3A%2F%2Fapp%2Fcb%3Fx%3D1%26y%3Da+b~%2A%C3%A9"
        );
    }
}
