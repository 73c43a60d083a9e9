//! `HttpClient::fulfill_arbitrary`: the `fulfill_arbitrary_endpoint` capability on a
//! connector's own client, as connector-py's `build_fulfill_arbitrary_endpoint` does it: one
//! attempt, no redirects followed, every answer but a 401 returned as data.

use std::sync::Arc;
use std::time::SystemTime;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap, RETRY_AFTER};
use tokio::time::Instant;

use super::arbitrary_policy::{self, ArbitraryEndpointPolicy, Checked, RateLimitResetFormat};
use super::client::HttpClient;
use super::path::UrlPath;
use super::response::HttpResponse;
use super::retry::parse_retry_after;
use super::{shared_client, status};
use crate::error::{ConnectorError, ErrorCode};
use crate::models::{ArbitraryResponse, FulfillArbitraryEndpoint};

const TIMEOUT_ERROR: &str = "The request exceeded the time limit.";
const UNREACHABLE_ERROR: &str = "The app could not be reached.";
const BUDGET_ERROR: &str =
    "The app's rate limit would be exceeded before the time limit. Try again later.";

impl HttpClient {
    /// Sends the request of a `fulfill_arbitrary_endpoint` call, if `policy` allows it, and
    /// returns the app's answer as data, as connector-py's `build_fulfill_arbitrary_endpoint`.
    ///
    /// - `request.url` is relative to the base URL (`users?limit=2` and `/users?limit=2` both
    ///   name `<base>/users?limit=2`), or absolute on the base URL's scheme, host and port;
    ///   `request.query` is merged into a relative one.
    /// - Refused, and answered with `ok: false` and `error` set: a URL with credentials or a
    ///   `..` segment, one on another host, a header the policy does not list (`Authorization`,
    ///   `Host` and `Cookie` never), a POST to a path the policy does not list, a body with a
    ///   GET. A POST is sent with the policy's `Content-Type`.
    /// - One attempt, redirects not followed (a 3xx is returned as it is), the client's rate
    ///   limit and the call's deadline applied: a timeout, an unreachable app or a wait past the
    ///   deadline is also `ok: false` with `error`.
    /// - Every status is data (`ok` is whether it is 2xx, `retry_after_seconds` read from
    ///   `Retry-After` or, per the policy, `X-RateLimit-Reset`) except 401, which is the
    ///   `unauthorized` error, so that the caller refreshes the credential.
    /// - The client's secrets are redacted from the headers, body and URL returned.
    ///
    /// ```no_run
    /// use connector_runtime::http::{ArbitraryEndpointPolicy, HttpClient};
    /// use connector_runtime::prelude::*;
    ///
    /// #[derive(Debug, Clone, Deserialize, JsonSchema)]
    /// pub struct Settings {
    ///     /// The API's base URL.
    ///     pub api_url: String,
    /// }
    ///
    /// const POLICY: ArbitraryEndpointPolicy =
    ///     ArbitraryEndpointPolicy::new().post_paths(&[("/graphql", "application/json")]);
    ///
    /// #[capability(fulfill_arbitrary_endpoint)]
    /// async fn fulfill(
    ///     req: FulfillArbitraryEndpointRequest<Settings, TokenCredential>,
    /// ) -> Result<FulfillArbitraryEndpointResponse, ConnectorError> {
    ///     let client = HttpClient::builder(req.settings.api_url.as_str()).auth(&req.auth).build()?;
    ///     Ok(Response::new(client.fulfill_arbitrary(&POLICY, req.request).await?))
    /// }
    /// ```
    pub async fn fulfill_arbitrary(
        &self,
        policy: &ArbitraryEndpointPolicy,
        request: FulfillArbitraryEndpoint,
    ) -> Result<ArbitraryResponse, ConnectorError> {
        let checked = match arbitrary_policy::check(policy, &self.shared.base, request) {
            Ok(checked) => checked,
            Err(refusal) => return Ok(self.refusal(&refusal.reason, &refusal.resolved_url, None)),
        };
        let url = checked.url.clone();
        let resolved = self.shown(&url);
        let deadline = crate::deadline::current();
        if deadline.is_some_and(|deadline| deadline <= Instant::now()) {
            return Ok(self.refusal(TIMEOUT_ERROR, &resolved, None));
        }
        let sent = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, self.send_once(checked)).await,
            None => Ok(self.send_once(checked).await),
        };
        let response = match sent {
            Ok(Ok(response)) => response,
            Err(_elapsed) => return Ok(self.refusal(TIMEOUT_ERROR, &resolved, None)),
            Ok(Err(error)) => {
                let reason = match error.code() {
                    ErrorCode::BudgetExhausted => BUDGET_ERROR,
                    ErrorCode::RequestTimeout => TIMEOUT_ERROR,
                    ErrorCode::ConnectionTimeout if error.raised_by() == "ConnectTimeout" => {
                        TIMEOUT_ERROR
                    }
                    ErrorCode::ConnectionTimeout | ErrorCode::ConnectionClosed => UNREACHABLE_ERROR,
                    _ => return Err(error),
                };
                let wait = (reason == BUDGET_ERROR)
                    .then(|| error.metadata().retry_after_seconds)
                    .flatten();
                return Ok(self.refusal(reason, &resolved, wait.map(|s| s as f64)));
            }
        };
        if response.status == StatusCode::UNAUTHORIZED {
            // connector-py's `raise_for_status`, so that the caller refreshes the credential.
            return Err(status::status_error(
                response.status,
                &url,
                &response.headers,
                &response.body,
                &self.shared.redactor,
            ));
        }
        Ok(self.answer(policy, &response, resolved))
    }

    /// One attempt of `checked` on a variant of this client that does not follow redirects.
    async fn send_once(&self, checked: Checked) -> Result<HttpResponse, ConnectorError> {
        let key = shared_client::ClientKey {
            follow_redirects: false,
            ..self.shared.key.clone()
        };
        let inner = shared_client::client(&key).map_err(|e| {
            ConnectorError::internal_error().with_message(format!(
                "Failed to build the HTTP client: {}",
                e.without_url()
            ))
        })?;
        let client = HttpClient {
            inner,
            shared: Arc::clone(&self.shared),
        };
        let mut call = client
            .request(checked.method, UrlPath::from(checked.url.as_str()))
            .headers(checked.headers)
            .any_status()
            .without_retries();
        if let Some(body) = checked.body {
            call = call.body(body);
        }
        call.send().await
    }

    /// The answer (not a 401) as data.
    fn answer(
        &self,
        policy: &ArbitraryEndpointPolicy,
        response: &HttpResponse,
        resolved_url: String,
    ) -> ArbitraryResponse {
        let ok = response.status.is_success();
        let mut headers = std::collections::BTreeMap::new();
        for (name, value) in &response.headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|joined: &mut String| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
        let headers: std::collections::BTreeMap<String, String> = headers
            .into_iter()
            .map(|(name, value)| (name, response.redact(&value)))
            .collect();
        ArbitraryResponse::builder()
            .ok(ok)
            .status_code(i32::from(response.status.as_u16()))
            .maybe_content_type(headers.get(CONTENT_TYPE.as_str()).cloned())
            .headers(headers)
            .body(response.redact(&decode_text(&response.headers, &response.body)))
            .maybe_retry_after_seconds(
                (!ok)
                    .then(|| {
                        retry_after_seconds(policy, response.status.as_u16(), &response.headers)
                    })
                    .flatten(),
            )
            .resolved_url(resolved_url)
            .build()
    }

    /// A refusal or a failure before any answer, as data.
    fn refusal(&self, reason: &str, resolved_url: &str, wait: Option<f64>) -> ArbitraryResponse {
        ArbitraryResponse::builder()
            .ok(false)
            .headers(std::collections::BTreeMap::new())
            .error(reason)
            .maybe_retry_after_seconds(wait)
            .resolved_url(self.shared.redactor.redact(resolved_url))
            .build()
    }

    /// `url` as the answer names it: without user info, secrets redacted.
    fn shown(&self, url: &reqwest::Url) -> String {
        let mut url = url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        self.shared.redactor.redact(url.as_str())
    }
}

/// The body as text, by its charset (UTF-8 unless Latin-1 is named; invalid bytes replaced).
fn decode_text(headers: &HeaderMap, body: &[u8]) -> String {
    let latin1 = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.to_ascii_lowercase()
                .split("charset=")
                .nth(1)
                .map(str::to_owned)
        })
        .is_some_and(|charset| {
            let charset = charset.trim_matches(|c: char| c == '"' || c.is_whitespace());
            matches!(charset, "iso-8859-1" | "latin-1" | "latin1")
        });
    if latin1 {
        body.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8_lossy(body).into_owned()
    }
}

/// connector-py's `_retry_after_seconds`: `Retry-After` (seconds or an HTTP date), else for a
/// 403 or 429 with `X-RateLimit-Remaining` `0` or absent, `X-RateLimit-Reset` per the policy;
/// "now" is the answer's `Date` when it has one.
fn retry_after_seconds(
    policy: &ArbitraryEndpointPolicy,
    status: u16,
    headers: &HeaderMap,
) -> Option<f64> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = header("date")
        .and_then(|date| httpdate::parse_http_date(date).ok())
        .unwrap_or_else(SystemTime::now);
    if let Some(value) = header(RETRY_AFTER.as_str())
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        let seconds = match value.parse::<f64>() {
            Ok(seconds) => seconds.is_finite().then(|| seconds.max(0.0)),
            Err(_) => parse_retry_after(value, now).map(|wait| wait.as_secs_f64()),
        };
        if seconds.is_some() {
            return seconds;
        }
    }
    let format = policy.reset_format()?;
    if !matches!(status, 403 | 429) || header("x-ratelimit-remaining").unwrap_or("0").trim() != "0"
    {
        return None;
    }
    let reset = header("x-ratelimit-reset")?.trim().parse::<f64>().ok()?;
    if !reset.is_finite() {
        return None;
    }
    let reset = match format {
        RateLimitResetFormat::DeltaSeconds => reset,
        RateLimitResetFormat::EpochSeconds => {
            let now = now
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64());
            reset - now
        }
    };
    Some(reset.max(0.0))
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn wait(
        format: Option<RateLimitResetFormat>,
        status: u16,
        headers: &[(&str, &str)],
    ) -> Option<f64> {
        let policy = match format {
            Some(format) => ArbitraryEndpointPolicy::new().rate_limit_reset(format),
            None => ArbitraryEndpointPolicy::new(),
        };
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        retry_after_seconds(&policy, status, &map)
    }

    const DATE: (&str, &str) = ("date", "Wed, 21 Oct 2015 07:28:00 GMT");

    #[test]
    fn retry_after_is_seconds_or_a_date_from_the_answers_date() {
        assert_eq!(wait(None, 429, &[("retry-after", " 7 ")]), Some(7.0));
        assert_eq!(wait(None, 503, &[("retry-after", "1.5")]), Some(1.5));
        assert_eq!(wait(None, 429, &[("retry-after", "-3")]), Some(0.0));
        let at = ("retry-after", "Wed, 21 Oct 2015 07:29:30 GMT");
        assert_eq!(wait(None, 429, &[DATE, at]), Some(90.0));
        let past = ("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT");
        assert_eq!(wait(None, 429, &[DATE, past]), Some(0.0));
        for junk in ["soon", "nan", "inf"] {
            assert_eq!(wait(None, 429, &[("retry-after", junk)]), None, "{junk}");
        }
    }

    #[test]
    fn the_reset_header_counts_per_the_policy_for_403_and_429_only() {
        use RateLimitResetFormat::{DeltaSeconds, EpochSeconds};
        let reset = ("x-ratelimit-reset", "30");
        assert_eq!(wait(Some(DeltaSeconds), 429, &[reset]), Some(30.0));
        assert_eq!(
            wait(
                Some(DeltaSeconds),
                403,
                &[("x-ratelimit-remaining", "0"), reset]
            ),
            Some(30.0)
        );
        assert_eq!(
            wait(
                Some(DeltaSeconds),
                403,
                &[("x-ratelimit-remaining", "5"), reset]
            ),
            None
        );
        assert_eq!(wait(Some(DeltaSeconds), 503, &[reset]), None);
        assert_eq!(wait(None, 429, &[reset]), None);
        // 2015-10-21 07:28:00 GMT is 1445412480.
        let epoch = ("x-ratelimit-reset", "1445412500");
        assert_eq!(wait(Some(EpochSeconds), 429, &[DATE, epoch]), Some(20.0));
        assert_eq!(
            wait(Some(EpochSeconds), 429, &[DATE, ("x-ratelimit-reset", "1")]),
            Some(0.0)
        );
        assert_eq!(
            wait(Some(DeltaSeconds), 429, &[("retry-after", "soon"), reset]),
            Some(30.0)
        );
        assert_eq!(
            wait(Some(DeltaSeconds), 429, &[("x-ratelimit-reset", "later")]),
            None
        );
    }

    #[tokio::test]
    async fn a_rate_limit_wait_past_the_deadline_is_refused_with_the_wait() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}/api", closed.local_addr().unwrap());
        drop(closed);
        let client = HttpClient::builder(base.as_str())
            .rate_limit(super::super::RateLimitConfig::new(
                "test",
                1,
                std::time::Duration::from_secs(100),
            ))
            .build()
            .unwrap();
        let request = || serde_json::from_str(r#"{"url": "users"}"#).unwrap();
        let deadline = Instant::now() + std::time::Duration::from_secs(4);
        let (first, second) = crate::deadline::bounded(deadline, async {
            let policy = ArbitraryEndpointPolicy::new();
            let first = client.fulfill_arbitrary(&policy, request()).await.unwrap();
            (
                first,
                client.fulfill_arbitrary(&policy, request()).await.unwrap(),
            )
        })
        .await
        .unwrap();
        assert_eq!(first.error.as_deref(), Some(UNREACHABLE_ERROR));
        assert_eq!(
            serde_json::to_value(&second).unwrap(),
            serde_json::json!({"ok": false, "status_code": null, "headers": {}, "body": null,
                "content_type": null, "error": BUDGET_ERROR, "retry_after_seconds": 100.0,
                "resolved_url": format!("{base}/users")})
        );
    }

    #[test]
    fn a_latin1_body_is_decoded_by_its_charset() {
        let mut headers = HeaderMap::new();
        assert_eq!(
            decode_text(&headers, b"caf\xc3\xa9 \xff"),
            "caf\u{e9} \u{fffd}"
        );
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=ISO-8859-1"),
        );
        assert_eq!(decode_text(&headers, b"caf\xe9"), "caf\u{e9}");
    }
}
