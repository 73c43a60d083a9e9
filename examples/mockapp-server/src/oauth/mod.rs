//! A small OAuth 2.0 authorization server (RFC 6749 with PKCE, RFC 7636) for
//! testing connectors that log in with OAuth: `GET /oauth/authorize` approves
//! every request at once, `POST /oauth/token` exchanges codes, refresh tokens
//! and client credentials for access tokens, which the `/api/` routes accept
//! next to the configured static token.

mod authorize;
mod client;
mod params;
mod store;
mod token;

pub(crate) use authorize::authorize;
pub(crate) use store::Grants;
pub(crate) use token::token;

use crate::respond;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// An RFC 6749 §5.2 error: the `error` code and a human-readable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OAuthError {
    pub(crate) code: &'static str,
    pub(crate) description: String,
}

impl OAuthError {
    pub(crate) fn new(code: &'static str, description: impl Into<String>) -> OAuthError {
        OAuthError {
            code,
            description: description.into(),
        }
    }

    pub(crate) fn invalid_request(description: impl Into<String>) -> OAuthError {
        OAuthError::new("invalid_request", description)
    }

    pub(crate) fn invalid_grant(description: impl Into<String>) -> OAuthError {
        OAuthError::new("invalid_grant", description)
    }

    /// `{"error": ..., "error_description": ...}` with `status`, not to be
    /// cached.
    pub(crate) fn into_response(self, status: StatusCode) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            error_description: &'a str,
        }
        no_store(respond::json(
            status,
            &Body {
                error: self.code,
                error_description: &self.description,
            },
        ))
    }
}

/// Adds `Cache-Control: no-store` and `Pragma: no-cache` (RFC 6749 §5.1).
pub(crate) fn no_store(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// A requested scope as stored: its names (split on spaces and `+`) joined
/// by single spaces, or `None` if there are none.
pub(crate) fn normalize_scope(scope: Option<&str>) -> Option<String> {
    let names: Vec<&str> = scope?
        .split([' ', '+'])
        .filter(|name| !name.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(" "))
}

/// Whether `text` has the shape RFC 7636 §4.1/§4.2 gives verifiers and
/// challenges: 43 to 128 unreserved characters.
pub(crate) fn pkce_shaped(text: &str) -> bool {
    (43..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// The S256 challenge for `verifier`: `BASE64URL-NOPAD(SHA256(verifier))`.
pub(crate) fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Whether `uri` is an absolute `http` or `https` URL with a host, no
/// fragment, and only visible ASCII (so it can go into a `Location` header).
pub(crate) fn acceptable_redirect_uri(uri: &str) -> bool {
    let lower = uri.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    !host.is_empty()
        && !host.starts_with(':')
        && !uri.contains('#')
        && uri.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(pkce_shaped(verifier));
        assert_eq!(
            s256_challenge(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert!(!pkce_shaped("short"));
        assert!(!pkce_shaped(&"a".repeat(129)));
        assert!(!pkce_shaped(&format!("{}=", "a".repeat(43))));
    }

    #[test]
    fn scopes() {
        assert_eq!(normalize_scope(None), None);
        assert_eq!(normalize_scope(Some(" + ")), None);
        assert_eq!(
            normalize_scope(Some("read+write  admin")).as_deref(),
            Some("read write admin")
        );
    }

    #[test]
    fn redirect_uris() {
        for good in [
            "http://localhost:8080/cb",
            "HTTPS://example.com",
            "https://example.com/cb?x=1",
            "http://127.0.0.1:1/",
        ] {
            assert!(acceptable_redirect_uri(good), "{good}");
        }
        for bad in [
            "",
            "/cb",
            "ftp://example.com/",
            "http://",
            "http:///path",
            "http://:80/",
            "https://example.com/cb#frag",
            "https://example.com/a b",
            "https://exämple.com/",
        ] {
            assert!(!acceptable_redirect_uri(bad), "{bad}");
        }
    }
}
