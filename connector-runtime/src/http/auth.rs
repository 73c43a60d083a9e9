//! How each credential kind authenticates an HTTP request.

use crate::credentials::{
    BasicCredential, EmptyCredential, OAuthClientCredential, OAuthCredential, TokenCredential,
};
use crate::request::NoAuth;
use crate::secret::Secret;

/// The header a credential asks for.
#[derive(Debug, Clone, Copy)]
pub enum HttpAuth<'a> {
    /// No credential header.
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(&'a Secret),
    /// `Authorization: Basic <base64(username:password)>`.
    Basic {
        /// The user name.
        username: &'a str,
        /// The password.
        password: &'a Secret,
    },
}

/// A credential [`HttpClientBuilder::auth`](super::HttpClientBuilder::auth) accepts.
pub trait ApplyAuth {
    /// The header this credential produces.
    fn http_auth(&self) -> HttpAuth<'_>;
}

impl ApplyAuth for TokenCredential {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::Bearer(&self.token)
    }
}

impl ApplyAuth for OAuthCredential {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::Bearer(&self.access_token)
    }
}

impl ApplyAuth for OAuthClientCredential {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::Bearer(&self.access_token)
    }
}

impl ApplyAuth for BasicCredential {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::Basic {
            username: &self.username,
            password: &self.password,
        }
    }
}

impl ApplyAuth for EmptyCredential {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::None
    }
}

impl ApplyAuth for NoAuth {
    fn http_auth(&self) -> HttpAuth<'_> {
        HttpAuth::None
    }
}

/// Standard base64 with padding (RFC 4648), enough for a basic-auth header.
pub(crate) fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
            ("user:pässword", "dXNlcjpww6Rzc3dvcmQ="),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
    }
}
