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
    encode_base64(
        input,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        true,
    )
}

/// URL-safe base64 without padding (RFC 4648 §5), as PKCE spells verifiers and challenges.
pub(crate) fn base64_url(input: &[u8]) -> String {
    encode_base64(
        input,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        false,
    )
}

fn encode_base64(input: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
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
                out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 63) as usize]));
            } else if pad {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{base64, base64_url};

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

    #[test]
    fn url_safe_base64_has_no_padding_and_its_own_alphabet() {
        assert_eq!(base64_url(b"fo"), "Zm8");
        assert_eq!(base64_url(&[0xfb, 0xff]), "-_8");
        // RFC 7636 appendix B: the verifier's bytes and their encoding.
        let verifier_bytes = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212,
            37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        assert_eq!(
            base64_url(&verifier_bytes),
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        );
    }
}
