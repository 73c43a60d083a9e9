//! Non-2xx answers as `ConnectorError`s, with connector-py's `[status][url] body` message.

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{StatusCode, Url};

use super::redact::Redactor;
use crate::error::ConnectorError;

/// The longest body excerpt kept in a message, in characters.
const MAX_BODY_CHARS: usize = 800;

/// The error for a non-2xx answer; the URL and the body are redacted separately (see
/// [`Redactor`]).
pub(crate) fn status_error(
    status: StatusCode,
    url: &Url,
    headers: &HeaderMap,
    body: &[u8],
    redactor: &Redactor,
) -> ConnectorError {
    let message = format!(
        "[{}][{}] {}",
        status.as_u16(),
        redactor.redact(&super::target::display(url)),
        describe_body(status, headers, body, redactor)
    );
    ConnectorError::from_http_status(status.as_u16(), message)
}

/// The body as a message shows it: compact JSON, a fixed text for HTML, or collapsed text;
/// secrets redacted, at most [`MAX_BODY_CHARS`] characters.
fn describe_body(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    redactor: &Redactor,
) -> String {
    let text = redactor.redact(&String::from_utf8_lossy(body));
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
            redact_json(&mut json, redactor);
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

/// Redacts inside JSON strings and keys too, where escaping may hide a secret from the
/// redaction of the raw body.
fn redact_json(value: &mut serde_json::Value, redactor: &Redactor) {
    use serde_json::Value;
    match value {
        Value::String(s) => *s = redactor.redact(s),
        Value::Array(items) => items.iter_mut().for_each(|v| redact_json(v, redactor)),
        Value::Object(map) => {
            *map = std::mem::take(map)
                .into_iter()
                .map(|(k, mut v)| {
                    redact_json(&mut v, redactor);
                    (redactor.redact(&k), v)
                })
                .collect();
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use reqwest::header::HeaderValue;

    fn message(status: u16, content_type: Option<&str>, body: &str, secrets: &[&str]) -> String {
        message_at(
            "http://h:1/p/x?token=abc",
            status,
            content_type,
            body,
            secrets,
        )
    }

    fn message_at(
        url: &str,
        status: u16,
        content_type: Option<&str>,
        body: &str,
        secrets: &[&str],
    ) -> String {
        let mut headers = HeaderMap::new();
        if let Some(ct) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_str(ct).unwrap());
        }
        let url = Url::parse(url).unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        let secrets: Vec<Secret> = secrets.iter().map(|s| Secret::new(*s)).collect();
        status_error(
            status,
            &url,
            &headers,
            body.as_bytes(),
            &Redactor::new(&secrets),
        )
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
    fn secrets_are_redacted_from_bodies_and_urls() {
        let secrets = ["tok-1234", "tok-1234-5678", ""];
        assert_eq!(
            message_at(
                "http://h:1/tok-1234/users/tok-1234-5678?tok-1234=1",
                401,
                None,
                r#"{"echo":"Bearer tok-1234-5678","x":"tok-1234"}"#,
                &secrets
            ),
            r#"[401][http://h:1/[REDACTED]/users/[REDACTED]] {"echo":"Bearer [REDACTED]","x":"[REDACTED]"}"#
        );
        let quoted = ["quote\"in-it"];
        let m = message(401, None, r#"{"echo":"quote\"in-it"}"#, &quoted);
        assert_eq!(m, r#"[401][http://h:1/p/x] {"echo":"[REDACTED]"}"#);
    }

    #[test]
    fn a_short_secret_withholds_the_pieces_holding_it() {
        assert_eq!(
            message(404, None, r#"{"detail":"missing"}"#, &["s"]),
            "[404][http://h:1/p/x] [REDACTED]"
        );
        assert_eq!(
            message_at("http://h:1/users/s", 404, None, "nope", &["s"]),
            "[404][[REDACTED]] nope"
        );
    }

    #[test]
    fn non_utf8_bodies_do_not_panic() {
        let url = Url::parse("http://h/").unwrap();
        let e = status_error(
            StatusCode::BAD_GATEWAY,
            &url,
            &HeaderMap::new(),
            &[0xff, 0xfe, b'x'],
            &Redactor::new(&[]),
        );
        assert_eq!(e.code().as_str(), "bad_gateway");
    }
}
