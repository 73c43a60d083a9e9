//! `UrlPath`: request paths built from literal text and escaped segments.

use crate::error::ConnectorError;

/// A request path: literal text written by the connector, then segments that are always
/// exactly one path segment, whatever they contain.
///
/// Use it for every path that carries a value from a request or an upstream answer (an account
/// id, an entitlement id): [`segment`](Self::segment) percent-encodes every character outside
/// `A-Z a-z 0-9 - . _ ~` (so `?`, `#`, `%`, `&`, `=`, `+`, spaces and non-ASCII text cannot
/// start a query, a fragment or an escape), and refuses the values that no encoding keeps
/// inside one segment:
///
/// - `""`, `.` and `..`: URL parsers resolve `%2E%2E` exactly like `..`, so these would
///   address the parent route;
/// - anything containing `/`: many servers (Starlette and FastAPI among them) decode `%2F`
///   before routing, which turns it back into a separator.
///
/// A refused value makes the request fail with `invalid_value` before anything is sent; the
/// message does not repeat the value. Every [`HttpClient`](super::HttpClient) method that takes
/// a path takes a `UrlPath`, or a `&str`/`String` written as is (for literal paths and
/// same-origin "next" links).
///
/// ```
/// # use connector_runtime::{http::{HttpClient, UrlPath}, ConnectorError};
/// # fn demo() -> Result<(), ConnectorError> {
/// let client = HttpClient::builder("https://api.example.com/v2").build()?;
/// let path = UrlPath::new("/users").segment("user 7?x=1").segment("roles");
/// assert_eq!(
///     client.url(&path)?.as_str(),
///     "https://api.example.com/v2/users/user%207%3Fx%3D1/roles"
/// );
/// assert_eq!(
///     client.url(UrlPath::new("/users").segment("..")).unwrap_err().code().as_str(),
///     "invalid_value"
/// );
/// # Ok(()) }
/// # demo().unwrap();
/// ```
#[derive(Debug, Clone)]
pub struct UrlPath(Result<String, ConnectorError>);

impl UrlPath {
    /// Starts a path with literal text (`/api/users`), used as is; it is `'static` so that
    /// values from elsewhere go through [`segment`](Self::segment).
    pub fn new(literal: &'static str) -> Self {
        UrlPath(Ok(literal.to_owned()))
    }

    /// Appends `/` and `value` as one escaped path segment, or records why `value` cannot be
    /// one (see the type's documentation).
    pub fn segment(self, value: impl AsRef<str>) -> Self {
        let value = value.as_ref();
        UrlPath(self.0.and_then(|mut path| {
            if matches!(value, "" | "." | "..") || value.contains('/') {
                return Err(ConnectorError::invalid_value().with_message(
                    "A value used as a segment of the request URL (such as an id) must not be \
                     empty, '.' or '..', nor contain '/'.",
                ));
            }
            path.push('/');
            path.push_str(&percent_encode(value, UPPER_HEX));
            Ok(path)
        }))
    }

    /// The path text, or why it could not be built.
    pub(crate) fn text(&self) -> Result<&str, &ConnectorError> {
        self.0.as_deref()
    }
}

impl From<&str> for UrlPath {
    /// A path written as is: a literal path (`/api/users?active=1`) or an absolute URL on the
    /// base URL's origin.
    fn from(text: &str) -> Self {
        UrlPath(Ok(text.to_owned()))
    }
}

impl From<&String> for UrlPath {
    /// As `From<&str>`.
    fn from(text: &String) -> Self {
        UrlPath::from(text.as_str())
    }
}

impl From<String> for UrlPath {
    /// As `From<&str>`.
    fn from(text: String) -> Self {
        UrlPath(Ok(text))
    }
}

impl From<&UrlPath> for UrlPath {
    fn from(path: &UrlPath) -> Self {
        path.clone()
    }
}

/// Hex digits for [`percent_encode`]: `%2F`, as RFC 3986 recommends.
pub(crate) const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";
/// Hex digits for [`percent_encode`]: `%2f`, as some upstreams echo it.
pub(crate) const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// `value` with every UTF-8 byte outside RFC 3986's unreserved set (`A-Z a-z 0-9 - . _ ~`)
/// written as `%XX`.
pub(crate) fn percent_encode(value: &str, hex: &[u8; 16]) -> String {
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(hex[usize::from(byte >> 4)]));
            out.push(char::from(hex[usize::from(byte & 0xf)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built(path: UrlPath) -> String {
        path.text().unwrap().to_owned()
    }

    #[test]
    fn every_reserved_character_is_escaped() {
        let reserved = "/?#[]@!$&'()*+,;=% ";
        let value = reserved.replace('/', "");
        assert_eq!(
            built(UrlPath::new("/api/users").segment(&value)),
            "/api/users/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25%20"
        );
        assert_eq!(
            built(UrlPath::new("/u").segment("user-00009?x=1")),
            "/u/user-00009%3Fx%3D1"
        );
        assert_eq!(
            built(UrlPath::new("/u").segment("Zoë \"q\" <a>\\\n\u{0}")),
            "/u/Zo%C3%AB%20%22q%22%20%3Ca%3E%5C%0A%00"
        );
        assert_eq!(
            built(UrlPath::new("/u").segment("a-b.c_d~e09AZ")),
            "/u/a-b.c_d~e09AZ"
        );
        assert_eq!(
            built(UrlPath::new("").segment("x").segment("..x")),
            "/x/..x"
        );
        assert_eq!(percent_encode("a b/", LOWER_HEX), "a%20b%2f");
    }

    #[test]
    fn values_that_cannot_stay_one_segment_are_refused() {
        for value in [
            "",
            ".",
            "..",
            "../resources",
            "a/b",
            "/",
            "user-00007/entitlements/project-1-admin?resource_id=project-1",
        ] {
            let e = UrlPath::new("/api/users")
                .segment(value)
                .segment("ok")
                .text()
                .unwrap_err()
                .clone();
            assert_eq!(e.code().as_str(), "invalid_value", "{value:?}");
            assert!(!e.message().contains("resources"), "{}", e.message());
        }
    }

    #[test]
    fn text_paths_are_kept_as_written() {
        assert_eq!(built(UrlPath::from("/x?a=1")), "/x?a=1");
        assert_eq!(built(UrlPath::from(&"/y".to_owned())), "/y");
        let path = UrlPath::new("/z").segment("1");
        assert_eq!(built(UrlPath::from(&path)), "/z/1");
    }
}
