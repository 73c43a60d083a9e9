//! What `fulfill_arbitrary_endpoint` may send: the connector's [`ArbitraryEndpointPolicy`], and
//! the checks that turn a caller's request into one the client sends or a refusal with
//! connector-py's words (`connector/oai/arbitrary_endpoint.py`).

use percent_encoding::percent_decode_str;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, Url};

use super::path::{UPPER_HEX, UrlPath, percent_encode};
use super::target;
use crate::models::{ArbitraryRequestMethod, FulfillArbitraryEndpoint};

/// Headers no policy can let a caller set.
const PROTECTED_HEADERS: &[&str] = &["authorization", "host", "cookie"];

/// httpx's limit on a URL's length.
const MAX_URL_CHARS: usize = 65536;

pub(super) const UNPARSABLE: &str = "The URL could not be parsed.";
pub(super) const USERINFO: &str = "The URL must not include credentials.";
pub(super) const PARENT: &str = "The URL path must not contain '..' segments.";
pub(super) const NOT_ABSOLUTE: &str = "An absolute URL must include its scheme and host.";
pub(super) const OTHER_HOST: &str = "The URL must be on this connection's host.";
pub(super) const POST_REFUSED: &str = "POST is not allowed for this path.";
pub(super) const BODY_REFUSED: &str = "A request body is only accepted with POST.";

/// How an upstream's `X-RateLimit-Reset` header counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitResetFormat {
    /// Seconds from now (`X-RateLimit-Reset: 30`).
    DeltaSeconds,
    /// A Unix time in seconds (GitHub's `X-RateLimit-Reset: 1700000000`).
    EpochSeconds,
}

/// What `fulfill_arbitrary_endpoint` may reach beyond a plain GET under the base URL, as
/// connector-py's `ArbitraryEndpointPolicy`; built in a `const`:
///
/// ```
/// use connector_runtime::http::{ArbitraryEndpointPolicy, RateLimitResetFormat};
///
/// const POLICY: ArbitraryEndpointPolicy = ArbitraryEndpointPolicy::new()
///     .post_paths(&[("/graphql", "application/json")])
///     .headers(&["X-GitHub-Api-Version"])
///     .rate_limit_reset(RateLimitResetFormat::EpochSeconds);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArbitraryEndpointPolicy {
    post_paths: &'static [(&'static str, &'static str)],
    headers: &'static [&'static str],
    rate_limit_reset: Option<RateLimitResetFormat>,
}

impl Default for ArbitraryEndpointPolicy {
    fn default() -> Self {
        Self::new()
    }
}

impl ArbitraryEndpointPolicy {
    /// GETs only, no extra headers, no `X-RateLimit-Reset`.
    pub const fn new() -> Self {
        ArbitraryEndpointPolicy {
            post_paths: &[],
            headers: &[],
            rate_limit_reset: None,
        }
    }

    /// The paths (relative to the base URL) a POST may reach, each with the `Content-Type` the
    /// connector sends with it, whatever the caller asks.
    pub const fn post_paths(mut self, paths: &'static [(&'static str, &'static str)]) -> Self {
        self.post_paths = paths;
        self
    }

    /// The request headers a caller may set (matched case-insensitively); `Authorization`,
    /// `Host` and `Cookie` are never allowed.
    pub const fn headers(mut self, names: &'static [&'static str]) -> Self {
        self.headers = names;
        self
    }

    /// How the upstream's `X-RateLimit-Reset` counts, read for a 403 or 429 whose
    /// `X-RateLimit-Remaining` is `0` (or absent) and that has no `Retry-After`.
    pub const fn rate_limit_reset(mut self, format: RateLimitResetFormat) -> Self {
        self.rate_limit_reset = Some(format);
        self
    }

    pub(super) fn reset_format(&self) -> Option<RateLimitResetFormat> {
        self.rate_limit_reset
    }
}

/// Why a request is not sent, and the URL it names.
#[derive(Debug, PartialEq)]
pub(super) struct Refusal {
    pub(super) reason: String,
    pub(super) resolved_url: String,
}

impl Refusal {
    fn new(reason: impl Into<String>, resolved_url: impl Into<String>) -> Self {
        Refusal {
            reason: reason.into(),
            resolved_url: resolved_url.into(),
        }
    }
}

/// A request that passed the policy.
#[derive(Debug)]
pub(super) struct Checked {
    pub(super) method: Method,
    pub(super) url: Url,
    pub(super) headers: HeaderMap,
    pub(super) body: Option<String>,
}

/// Checks `request` against `policy` in connector-py's order: the URL, the headers, the method.
pub(super) fn check(
    policy: &ArbitraryEndpointPolicy,
    base: &Url,
    request: FulfillArbitraryEndpoint,
) -> Result<Checked, Refusal> {
    let url = resolve(base, &request)?;
    let mut headers = allowed_headers(policy, &request, &url)?;
    let method = request.method.unwrap_or(ArbitraryRequestMethod::Get);
    match method {
        ArbitraryRequestMethod::Post => {
            let content_type = post_content_type(policy, base, &url)?;
            headers.remove(CONTENT_TYPE);
            let value = HeaderValue::from_str(content_type)
                .map_err(|_| Refusal::new(POST_REFUSED, url.as_str()))?;
            headers.insert(CONTENT_TYPE, value);
        }
        ArbitraryRequestMethod::Get if request.body.is_some() => {
            return Err(Refusal::new(BODY_REFUSED, url.as_str()));
        }
        ArbitraryRequestMethod::Get => {}
    }
    Ok(Checked {
        method: match method {
            ArbitraryRequestMethod::Get => Method::GET,
            ArbitraryRequestMethod::Post => Method::POST,
        },
        url,
        headers,
        body: request.body,
    })
}

/// The URL `request.url` names: relative to the base URL (with `request.query` merged in), or
/// absolute on the base URL's scheme, host and port.
fn resolve(base: &Url, request: &FulfillArbitraryEndpoint) -> Result<Url, Refusal> {
    let raw = request.url.as_str();
    let refuse = |reason: &str| Refusal::new(reason, raw);
    if raw.chars().count() > MAX_URL_CHARS || raw.chars().any(|c| c.is_ascii_control()) {
        return Err(refuse(UNPARSABLE));
    }
    let (scheme, rest) = split_scheme(raw);
    let authority = rest
        .strip_prefix("//")
        .map(|after| &after[..after.find(['/', '?', '#']).unwrap_or(after.len())]);
    let parsed = match (scheme, authority) {
        (Some(_), Some(_)) => Some(Url::parse(raw).map_err(|_| refuse(UNPARSABLE))?),
        _ => None,
    };
    let (userinfo, host) = match authority.map(|a| a.rsplit_once('@').unwrap_or(("", a))) {
        Some((userinfo, host_port)) => (userinfo, host_of(host_port)),
        None => ("", ""),
    };
    if !userinfo.is_empty() {
        return Err(refuse(USERINFO));
    }
    if has_parent_segment(raw) {
        return Err(refuse(PARENT));
    }
    if scheme.is_some() || authority.is_some() {
        let Some(url) = parsed.filter(|_| !host.is_empty()) else {
            return Err(refuse(NOT_ABSOLUTE));
        };
        let same = (url.scheme(), url.host_str(), url.port())
            == (base.scheme(), base.host_str(), base.port());
        return if same {
            Ok(url)
        } else {
            Err(refuse(OTHER_HOST))
        };
    }
    let relative = rest.split('#').next().unwrap_or_default();
    let mut url = target::join(base, &UrlPath::from(relative.trim_start_matches('/')))
        .map_err(|_| refuse(UNPARSABLE))?;
    if let Some(query) = request.query.as_ref().filter(|q| !q.is_empty()) {
        merge_query(&mut url, query);
    }
    Ok(url)
}

/// The scheme (`http:`), as httpx reads it: a letter, then letters, digits, `+`, `-`, `.`.
fn split_scheme(raw: &str) -> (Option<&str>, &str) {
    let end = raw.find([':', '/', '?', '#']).unwrap_or(raw.len());
    let candidate = &raw[..end];
    let valid = candidate
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    match raw[end..].strip_prefix(':') {
        Some(rest) if valid => (Some(candidate), rest),
        Some(rest) if end == 0 => (None, rest),
        _ => (None, raw),
    }
}

/// The host of `host[:port]` (an IPv6 literal keeps its brackets).
fn host_of(host_port: &str) -> &str {
    if host_port.starts_with('[') {
        return host_port
            .find(']')
            .map_or(host_port, |end| &host_port[..=end]);
    }
    host_port.split(':').next().unwrap_or_default()
}

/// Whether the path of `raw` has a segment that decodes to `..`.
fn has_parent_segment(raw: &str) -> bool {
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    path.split('/')
        .any(|segment| percent_decode_str(segment).decode_utf8_lossy() == "..")
}

/// httpx's `copy_merge_params`: a name given replaces the URL's values of that name, in its
/// place; the query is then written as Python's `urlencode` does.
fn merge_query(url: &mut Url, query: &std::collections::BTreeMap<String, Vec<String>>) {
    let mut pairs: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in url.query_pairs() {
        match pairs.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value.into_owned()),
            None => pairs.push((name.into_owned(), vec![value.into_owned()])),
        }
    }
    for (name, values) in query {
        match pairs.iter_mut().find(|(n, _)| n == name) {
            Some((_, old)) => old.clone_from(values),
            None => pairs.push((name.clone(), values.clone())),
        }
    }
    let plus = |text: &str| percent_encode(text, UPPER_HEX).replace("%20", "+");
    let encoded: Vec<String> = pairs
        .iter()
        .flat_map(|(name, values)| values.iter().map(move |v| (name, v)))
        .map(|(name, value)| format!("{}={}", plus(name), plus(value)))
        .collect();
    url.set_query(
        Some(&encoded.join("&"))
            .filter(|q| !q.is_empty())
            .map(String::as_str),
    );
}

/// The caller's headers, if the policy allows every one.
fn allowed_headers(
    policy: &ArbitraryEndpointPolicy,
    request: &FulfillArbitraryEndpoint,
    url: &Url,
) -> Result<HeaderMap, Refusal> {
    let mut headers = HeaderMap::new();
    for (name, value) in request.headers.iter().flatten() {
        let refused = || Refusal::new(format!("The header '{name}' is not allowed."), url.as_str());
        let lower = name.to_ascii_lowercase();
        let allowed = !PROTECTED_HEADERS.contains(&lower.as_str())
            && policy.headers.iter().any(|h| h.eq_ignore_ascii_case(name));
        if !allowed {
            return Err(refused());
        }
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| refused())?;
        let value = HeaderValue::from_str(value).map_err(|_| refused())?;
        headers.insert(name, value);
    }
    Ok(headers)
}

/// The `Content-Type` of a POST to `url`, if the policy lists its path under the base path.
fn post_content_type(
    policy: &ArbitraryEndpointPolicy,
    base: &Url,
    url: &Url,
) -> Result<&'static str, Refusal> {
    let decoded = |path: &str| percent_decode_str(path).decode_utf8_lossy().into_owned();
    let base_path = decoded(base.path());
    let prefix = base_path.trim_end_matches('/');
    let path = decoded(url.path());
    let under = prefix.is_empty() || path == prefix || path.starts_with(&format!("{prefix}/"));
    if under {
        let relative = match &path[prefix.len()..] {
            "" => "/",
            rest => rest,
        };
        for (allowed, content_type) in policy.post_paths {
            if relative == format!("/{}", allowed.trim_start_matches('/')) {
                return Ok(content_type);
            }
        }
    }
    Err(Refusal::new(POST_REFUSED, url.as_str()))
}

#[cfg(test)]
#[path = "arbitrary_policy_tests.rs"]
mod tests;
