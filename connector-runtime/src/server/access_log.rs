//! One line on stderr per request: method, path, status, bytes and milliseconds, inside a span
//! that carries Lumos' observability headers (`X-Lumos-Observability-flows_v2_execution_id`,
//! `X-Lumos-Observability-dagster.run_id`), so the capability's own log lines carry them too.
//! Bodies and other headers are never logged: they hold the credentials.

use std::time::Instant;

use axum::body::HttpBody;
use axum::extract::Request;
use axum::http::HeaderMap;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use tracing::field::Empty;

/// The observability headers, and the span field each becomes.
const OBSERVED: [(&str, &str); 2] = [
    (
        "x-lumos-observability-flows_v2_execution_id",
        "flows_v2_execution_id",
    ),
    ("x-lumos-observability-dagster.run_id", "dagster.run_id"),
];

/// The longest path or header value logged; the rest is cut.
const MAX_LOGGED: usize = 128;

/// Serves `request` inside its span and logs the outcome.
pub(super) async fn log(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %printable(request.uri().path()),
        flows_v2_execution_id = Empty,
        "dagster.run_id" = Empty,
    );
    record_observed(&span, request.headers());
    let response = next.run(request).instrument(span.clone()).await;
    let bytes = response.body().size_hint().exact();
    span.in_scope(|| {
        tracing::info!(
            status = response.status().as_u16(),
            bytes,
            ms = started.elapsed().as_millis() as u64,
            "served"
        );
    });
    response
}

fn record_observed(span: &tracing::Span, headers: &HeaderMap) {
    for (header, field) in OBSERVED {
        if let Some(value) = headers.get(header) {
            let value = printable(&String::from_utf8_lossy(value.as_bytes()));
            span.record(field, tracing::field::display(value));
        }
    }
}

/// `text` cut to [`MAX_LOGGED`] characters, with control characters escaped, so a caller
/// cannot forge or flood log lines.
fn printable(text: &str) -> String {
    let mut out: String = text
        .chars()
        .take(MAX_LOGGED)
        .flat_map(char::escape_default)
        .collect();
    if text.chars().nth(MAX_LOGGED).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_fields_cannot_break_lines_or_run_on() {
        assert_eq!(printable("/list_accounts"), "/list_accounts");
        assert_eq!(printable("a\nINFO forged"), "a\\nINFO forged");
        let long = "x".repeat(500);
        assert_eq!(printable(&long).chars().count(), MAX_LOGGED + 1);
    }
}
