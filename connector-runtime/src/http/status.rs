//! Non-2xx answers as `ConnectorError`s, with connector-py's `[status][url] body` message.

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{StatusCode, Url};

use crate::error::ConnectorError;
use crate::secret::{REDACTED, Secret};

/// The longest body excerpt kept in a message, in characters.
const MAX_BODY_CHARS: usize = 800;

/// The error for a non-2xx answer.
pub(crate) fn status_error(
    status: StatusCode,
    url: &Url,
    headers: &HeaderMap,
    body: &[u8],
    secrets: &[Secret],
) -> ConnectorError {
    let message = format!(
        "[{}][{}] {}",
        status.as_u16(),
        super::target::display(url),
        describe_body(status, headers, body, secrets)
    );
    ConnectorError::from_http_status(status.as_u16(), message)
}

/// The body as a message shows it: compact JSON, a fixed text for HTML, or collapsed text;
/// secrets redacted, at most [`MAX_BODY_CHARS`] characters.
fn describe_body(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    secrets: &[Secret],
) -> String {
    let text = redact(&String::from_utf8_lossy(body), secrets);
    let trimmed = text.trim();
    if trimmed.is_empty() {
        let reason = status.canonical_reason().unwrap_or("HTTP error");
        return format!("{reason} (empty response body)");
    }
    if is_html(headers, trimmed) {
        return "Upstream HTML error response.".to_owned();
    }
    let shown = match serde_json::from_str::<serde_json::Value>(trimmed) {
        Ok(mut json) => {
            redact_json(&mut json, secrets);
            json.to_string()
        }
        Err(_) => trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    truncate(shown)
}

fn is_html(headers: &HeaderMap, body: &str) -> bool {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let head: String = body
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    content_type.to_ascii_lowercase().contains("text/html")
        || head.starts_with("<!doctype")
        || head.starts_with("<html")
}

fn truncate(text: String) -> String {
    match text.char_indices().nth(MAX_BODY_CHARS) {
        Some((cut, _)) => format!("{}...(truncated)", &text[..cut]),
        None => text,
    }
}

/// Redacts inside JSON strings and keys too, where escaping may hide a secret from [`redact`].
fn redact_json(value: &mut serde_json::Value, secrets: &[Secret]) {
    use serde_json::Value;
    match value {
        Value::String(s) => *s = redact(s, secrets),
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, secrets)),
        Value::Object(map) => {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, mut v)| {
                    redact_json(&mut v, secrets);
                    (redact(&k, secrets), v)
                })
                .collect();
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// `text` with every occurrence of a (non-empty) secret replaced by `[REDACTED]`, longest
/// secret first.
pub(crate) fn redact(text: &str, secrets: &[Secret]) -> String {
    let mut values: Vec<&str> = secrets
        .iter()
        .map(Secret::expose)
        .filter(|s| !s.is_empty())
        .collect();
    values.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_owned();
    for value in values {
        if out.contains(value) {
            out = out.replace(value, REDACTED);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn message(status: u16, content_type: Option<&str>, body: &str, secrets: &[Secret]) -> String {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
        }
        let url = Url::parse("http://h:1/p/x?token=abc").unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        status_error(status, &url, &headers, body.as_bytes(), secrets)
            .message()
            .to_owned()
    }

    #[test]
    fn bodies_render_like_the_reference_handler() {
        assert_eq!(
            message(404, None, "{ \"error\" : \"nope\" }", &[]),
            r#"[404][http://h:1/p/x] {"error":"nope"}"#
        );
        assert_eq!(
            message(404, Some("text/html; charset=utf-8"), "gone", &[]),
            "[404][http://h:1/p/x] Upstream HTML error response."
        );
        assert_eq!(
            message(500, None, "  <!DOCTYPE html><p>x", &[]),
            "[500][http://h:1/p/x] Upstream HTML error response."
        );
        assert_eq!(
            message(500, None, "<HTML>", &[]),
            "[500][http://h:1/p/x] Upstream HTML error response."
        );
        assert_eq!(
            message(500, None, " Internal \n\t Server  Error ", &[]),
            "[500][http://h:1/p/x] Internal Server Error"
        );
        assert_eq!(
            message(503, None, " \n", &[]),
            "[503][http://h:1/p/x] Service Unavailable (empty response body)"
        );
        assert_eq!(
            message(599, None, "", &[]),
            "[599][http://h:1/p/x] HTTP error (empty response body)"
        );
        let long = "é".repeat(900);
        let m = message(400, None, &long, &[]);
        assert!(
            m.ends_with(&format!("{}...(truncated)", "é".repeat(800))),
            "{m}"
        );
        assert!(!m.contains(&"é".repeat(801)));
    }

    #[test]
    fn secrets_are_redacted_from_bodies() {
        let secrets = [Secret::new("tok"), Secret::new("tok-123"), Secret::new("")];
        assert_eq!(
            message(
                401,
                None,
                r#"{"echo":"Bearer tok-123","x":"tok"}"#,
                &secrets
            ),
            r#"[401][http://h:1/p/x] {"echo":"Bearer [REDACTED]","x":"[REDACTED]"}"#
        );
        let quoted = [Secret::new("a\"b")];
        let m = message(401, None, r#"{"echo":"a\"b"}"#, &quoted);
        assert!(!m.contains("a\\\"b") && !m.contains("a\"b"), "{m}");
    }

    #[test]
    fn non_utf8_bodies_do_not_panic() {
        let url = Url::parse("http://h/").unwrap();
        let e = status_error(
            StatusCode::BAD_GATEWAY,
            &url,
            &HeaderMap::new(),
            &[0xff, 0xfe, b'x'],
            &[],
        );
        assert_eq!(e.code().as_str(), "bad_gateway");
    }
}
