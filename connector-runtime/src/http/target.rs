//! Where a request goes: the base URL, path joining, and URLs safe to print.

use reqwest::Url;

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

/// Parses the configured base URL: absolute, http(s), with a host.
pub(crate) fn parse_base(raw: &str) -> Result<Url, ConnectorError> {
    let invalid = |why: String| {
        ConnectorError::invalid_configuration().with_message(format!(
            "Invalid base URL: {why}. Expected an absolute http:// or https:// URL."
        ))
    };
    let mut url = Url::parse(raw.trim()).map_err(|e| invalid(e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!("unsupported scheme '{}'", url.scheme())));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("no host".to_owned()));
    }
    url.set_fragment(None);
    Ok(url)
}

/// The URL for `path` under `base`: `/api/users` on `http://h/prefix` is `http://h/prefix/api/users`.
///
/// An absolute `path` (a "next" link) is accepted only on the base URL's origin, so the
/// credential never travels to another host. The base URL's own query, if any, is kept.
pub(crate) fn join(base: &Url, path: &str) -> Result<Url, ConnectorError> {
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
    ConnectorError::internal().with_message(format!("Invalid request URL: {e}"))
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
        parse_base(s).unwrap()
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
        for raw in [
            "",
            "not a url",
            "/relative",
            "ftp://h/x",
            "file:///etc/passwd",
            "mailto:a@b",
        ] {
            let e = parse_base(raw).unwrap_err();
            assert_eq!(e.code().as_str(), "invalid_value", "{raw}");
            assert!(
                e.message().starts_with("Invalid base URL: "),
                "{}",
                e.message()
            );
        }
    }

    #[test]
    fn printed_urls_hide_credentials() {
        let u = Url::parse("https://user:pw@h/x?token=abc&limit=5&flag#frag").unwrap();
        assert_eq!(display(&u), "https://h/x");
        assert_eq!(for_log(&u), "https://h/x?token=[REDACTED]&limit=5&flag");
    }
}
