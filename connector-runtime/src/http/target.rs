//! Where a request goes: the base URL, path joining, and URLs safe to print.

use reqwest::Url;

use super::path::UrlPath;
use crate::error::ConnectorError;
use crate::secret::REDACTED;

/// Query keys whose values are shown in logs; every other value is redacted.
const LOGGED_QUERY_KEYS: &[&str] = &[
    "page",
    "per_page",
    "page_size",
    "pagesize",
    "limit",
    "offset",
    "size",
    "count",
    "start",
    "sort",
    "order",
    "fields",
    "include",
    "expand",
    "filter",
];

/// The longest base URL accepted, in bytes: far more than any real one, far less than the
/// 64 KiB an HTTP request target may hold.
const MAX_BASE_URL_BYTES: usize = 4096;

/// Parses the configured base URL: absolute, http(s), with a host, at most
/// [`MAX_BASE_URL_BYTES`] long. A problem is `invalid_value` naming `setting` (when known) and
/// never repeating the value, which may be huge or hold a secret.
pub(crate) fn parse_base(raw: &str, setting: Option<&str>) -> Result<Url, ConnectorError> {
    let invalid = |why: &dyn std::fmt::Display| {
        let which = setting.map_or(String::new(), |name| format!(" in setting '{name}'"));
        ConnectorError::invalid_configuration().with_message(format!(
            "Invalid base URL{which}: {why}. Expected an absolute http:// or https:// URL."
        ))
    };
    let raw = raw.trim();
    if raw.len() > MAX_BASE_URL_BYTES {
        return Err(invalid(&format_args!(
            "it is {} bytes long, more than the {MAX_BASE_URL_BYTES} accepted",
            raw.len()
        )));
    }
    let mut url = Url::parse(raw).map_err(|e| invalid(&e))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(&"the scheme is neither http nor https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(&"no host"));
    }
    url.set_fragment(None);
    Ok(url)
}

/// The URL for `path` under `base`: `/api/users` on `http://h/prefix` is `http://h/prefix/api/users`.
///
/// An absolute `path` (a "next" link) is accepted only on the base URL's origin, so the
/// credential never travels to another host. The base URL's own query, if any, is kept.
pub(crate) fn join(base: &Url, path: &UrlPath) -> Result<Url, ConnectorError> {
    let path = path.text().map_err(Clone::clone)?;
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let url = Url::parse(path).map_err(bad_path)?;
        if url.origin() != base.origin() {
            return Err(ConnectorError::invalid_response().with_message(
                "Refusing to send a request outside the configured base URL's host.",
            ));
        }
        return Ok(url);
    }
    let mut prefix = base.clone();
    prefix.set_query(None);
    let mut joined = prefix.as_str().trim_end_matches('/').to_owned();
    if !path.starts_with('/') {
        joined.push('/');
    }
    joined.push_str(path);
    let mut url = Url::parse(&joined).map_err(bad_path)?;
    if let Some(base_query) = base.query().filter(|q| !q.is_empty()) {
        let query = match url.query().filter(|q| !q.is_empty()) {
            Some(own) => format!("{base_query}&{own}"),
            None => base_query.to_owned(),
        };
        url.set_query(Some(&query));
    }
    Ok(url)
}

fn bad_path(e: impl std::fmt::Display) -> ConnectorError {
    ConnectorError::internal_error().with_message(format!("Invalid request URL: {e}"))
}

/// The URL as error messages show it: no user info, query or fragment.
pub(crate) fn display(url: &Url) -> String {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_query(None);
    url.set_fragment(None);
    url.into()
}

/// The URL as logs show it: [`display`] plus the query, with values of keys outside a short
/// list of paging keys replaced by `[REDACTED]`.
pub(crate) fn for_log(url: &Url) -> String {
    let mut out = display(url);
    if let Some(query) = url.query().filter(|q| !q.is_empty()) {
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((key, value))
                    if LOGGED_QUERY_KEYS.contains(&key.to_ascii_lowercase().as_str()) =>
                {
                    format!("{key}={value}")
                }
                Some((key, _)) => format!("{key}={REDACTED}"),
                None => pair.to_owned(),
            })
            .collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(s: &str) -> Url {
        parse_base(s, None).unwrap()
    }

    fn join(base: &Url, path: &str) -> Result<Url, ConnectorError> {
        super::join(base, &UrlPath::from(path))
    }

    #[test]
    fn paths_join_under_the_base_prefix() {
        let b = base("http://h:8000/_fault/500");
        assert_eq!(
            join(&b, "/api/users").unwrap().as_str(),
            "http://h:8000/_fault/500/api/users"
        );
        assert_eq!(
            join(&b, "api/users").unwrap().as_str(),
            "http://h:8000/_fault/500/api/users"
        );
        let b = base("http://h:8000/v1/");
        assert_eq!(
            join(&b, "/x?a=1").unwrap().as_str(),
            "http://h:8000/v1/x?a=1"
        );
        let b = base("http://h:8000");
        assert_eq!(join(&b, "/x").unwrap().as_str(), "http://h:8000/x");
        let b = base("https://h/api?tenant=t");
        assert_eq!(
            join(&b, "/x?a=1").unwrap().as_str(),
            "https://h/api/x?tenant=t&a=1"
        );
    }

    #[test]
    fn absolute_links_must_stay_on_the_base_origin() {
        let b = base("https://h/api");
        assert_eq!(
            join(&b, "https://h/api/x?cursor=2").unwrap().as_str(),
            "https://h/api/x?cursor=2"
        );
        assert!(join(&b, "https://evil.example/x").is_err());
        assert!(join(&b, "http://h/api/x").is_err());
        assert!(join(&b, "HTTPS://H/api/x").is_ok());
    }

    #[test]
    fn bad_base_urls_are_configuration_errors() {
        let huge = format!("http://h/{}", "a".repeat(MAX_BASE_URL_BYTES));
        for raw in [
            "",
            "not a url",
            "/relative",
            "ftp://h/x",
            "file:///etc/passwd",
            "mailto:a@b",
            "http://",
            "http://[::1",
            "http://h:99999/x",
            "http://exa mple.com",
            huge.as_str(),
        ] {
            let e = parse_base(raw, None).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_value", "{raw}");
            assert!(
                e.message().starts_with("Invalid base URL: "),
                "{}",
                e.message()
            );
            assert!(e.message().len() < 200, "{}", e.message());
        }
        let e = parse_base(&huge, Some("api_url")).unwrap_err();
        assert_eq!(
            e.message(),
            "Invalid base URL in setting 'api_url': it is 4105 bytes long, more than the 4096 \
             accepted. Expected an absolute http:// or https:// URL."
        );
        let e = parse_base("secret-scheme-x://h", Some("api_url")).unwrap_err();
        assert!(!e.message().contains("secret"), "{}", e.message());
        assert!(parse_base(&huge[..MAX_BASE_URL_BYTES], None).is_ok());
    }

    #[test]
    fn segments_stay_under_the_base_prefix() {
        let b = base("http://h:8000/v1?tenant=t");
        let path = UrlPath::new("/users").segment("a?b=1#c").segment("x y");
        assert_eq!(
            super::join(&b, &path).unwrap().as_str(),
            "http://h:8000/v1/users/a%3Fb%3D1%23c/x%20y?tenant=t"
        );
        let refused = UrlPath::new("/users").segment("..");
        assert_eq!(
            super::join(&b, &refused).unwrap_err().code().as_str(),
            "invalid_value"
        );
    }

    #[test]
    fn printed_urls_hide_credentials() {
        let u = Url::parse("https://user:pw@h/x?token=abc&limit=5&flag#frag").unwrap();
        assert_eq!(display(&u), "https://h/x");
        assert_eq!(for_log(&u), "https://h/x?token=[REDACTED]&limit=5&flag");
    }
}
