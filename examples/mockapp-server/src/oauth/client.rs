//! Client authentication at the token endpoint (RFC 6749 §2.3.1): HTTP Basic
//! with the form-urlencoded id and secret, or `client_id` and
//! `client_secret` parameters, checked against the one registered client.

use super::OAuthError;
use super::params::Params;
use crate::Config;
use crate::urls::unquote;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Why a client was refused: the error, and whether it tried Basic (then the
/// answer carries `WWW-Authenticate: Basic`).
#[derive(Debug)]
pub(crate) struct Refused {
    pub(crate) error: OAuthError,
    basic: bool,
}

impl Refused {
    fn invalid_client(basic: bool, description: &str) -> Refused {
        Refused {
            error: OAuthError::new("invalid_client", description),
            basic,
        }
    }

    /// 401 for `invalid_client`, 400 for anything else.
    pub(crate) fn into_response(self) -> Response {
        if self.error.code != "invalid_client" {
            return self.error.into_response(StatusCode::BAD_REQUEST);
        }
        let mut response = self.error.into_response(StatusCode::UNAUTHORIZED);
        if self.basic {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"mockapp\""),
            );
        }
        response
    }
}

/// The authenticated client's id.
pub(crate) fn authenticate(
    config: &Config,
    headers: &HeaderMap,
    params: &Params,
) -> Result<String, Refused> {
    let basic = headers
        .get(header::AUTHORIZATION)
        .map(HeaderValue::as_bytes)
        .and_then(|value| {
            let (scheme, rest) = value.split_at(value.len().min(6));
            scheme.eq_ignore_ascii_case(b"basic ").then_some(rest)
        });
    let (id, secret, used_basic) = match basic {
        Some(encoded) => {
            let Some((id, secret)) = decode_basic(encoded) else {
                return Err(Refused::invalid_client(true, "malformed Basic credentials"));
            };
            if params.get("client_secret").is_some() {
                return Err(Refused {
                    error: OAuthError::invalid_request(
                        "use one client authentication method, not Basic and client_secret",
                    ),
                    basic: true,
                });
            }
            if params.get("client_id").is_some_and(|given| given != id) {
                return Err(Refused::invalid_client(
                    true,
                    "client_id differs from the Basic credentials",
                ));
            }
            (id, secret, true)
        }
        None => {
            let Some(id) = params.get("client_id") else {
                return Err(Refused::invalid_client(
                    false,
                    "no client authentication given",
                ));
            };
            let secret = params.get("client_secret").unwrap_or_default();
            (id.to_owned(), secret.to_owned(), false)
        }
    };
    let id_ok = same(&id, &config.oauth_client_id);
    let secret_ok = same(&secret, &config.oauth_client_secret);
    if id_ok && secret_ok {
        Ok(id)
    } else {
        Err(Refused::invalid_client(
            used_basic,
            "unknown client or wrong client secret",
        ))
    }
}

/// `base64(urlencode(id) ":" urlencode(secret))`, decoded.
fn decode_basic(encoded: &[u8]) -> Option<(String, String)> {
    let encoded = encoded.trim_ascii();
    let decoded = STANDARD.decode(encoded).ok().or_else(|| {
        base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(encoded)
            .ok()
    })?;
    let text = String::from_utf8(decoded).ok()?;
    let (id, secret) = text.split_once(':')?;
    let form = |part: &str| unquote(&part.replace('+', " "));
    Some((form(id), form(secret)))
}

/// Compares without stopping at the first difference.
fn same(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_form_decoded() {
        let encoded = STANDARD.encode("my%20client:s%3Ac+r");
        assert_eq!(
            decode_basic(encoded.as_bytes()),
            Some(("my client".to_owned(), "s:c r".to_owned()))
        );
        assert_eq!(decode_basic(b"!!"), None);
        assert_eq!(decode_basic(STANDARD.encode("nocolon").as_bytes()), None);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("ab", "abc"));
    }
}
