//! Sending one request under the client's `RetryPolicy`: each attempt (rate-limit slot,
//! send, whole body, outcome, what the limiter learns), and the loop that waits and tries
//! again while a failure is retryable and retries remain (never under `enforce_no_retry`).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use tokio::time::Instant;

use super::client::HttpClient;
use super::error_reader::{self, ErrorAnswer};
use super::response::{HttpResponse, read_body};
use super::retry::{ceil_secs, is_retryable_status, is_safe, parse_retry_after};
use super::{status, target};
use crate::error::{CLOSED_MESSAGE, ConnectorError, ErrorCode};

/// Why a request whose URL the HTTP stack cannot carry fails (in practice: longer than the
/// 64 KiB an HTTP/1.1 request target may be, from a huge id or query).
const UNSENDABLE_URL: &str =
    "The request URL cannot be sent: it is longer than 64 KiB or not a valid HTTP request target.";

/// A failed attempt and whether another attempt may succeed.
struct Failure {
    error: ConnectorError,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl HttpClient {
    /// Runs one request with the retry policy (one attempt without `retries`); with
    /// `any_status`, a non-2xx answer is returned as it is, without retries.
    pub(super) async fn execute(
        &self,
        request: reqwest::Request,
        any_status: bool,
        retries: bool,
    ) -> Result<HttpResponse, ConnectorError> {
        let policy = self.shared.retry;
        let limiter_retries = self.shared.limiter.as_ref().is_none_or(|l| l.retries());
        let safe = is_safe(request.method()) || self.shared.retry_writes;
        let max_retries = if retries && limiter_retries && safe {
            policy.max_retries
        } else {
            0
        };
        let mut next = Some(request);
        let mut attempt: u32 = 0;
        while let Some(request) = next.take() {
            attempt += 1;
            if attempt <= max_retries {
                next = request.try_clone();
            }
            let failure = match self.attempt(request, attempt, any_status).await {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if !failure.retryable || next.is_none() {
                return Err(failure.error);
            }
            let delay = match failure.retry_after {
                Some(wait) if wait > policy.max_retry_after => return Err(failure.error),
                Some(wait) => wait,
                None => policy.backoff(attempt - 1),
            };
            crate::deadline::check_wait(delay)?;
            tracing::debug!(
                attempt,
                delay_ms = delay.as_millis() as u64,
                error_code = failure.error.code().as_str(),
                "retrying upstream request"
            );
            tokio::time::sleep(delay).await;
        }
        Err(ConnectorError::internal_error().with_message("HTTP request was not attempted"))
    }

    /// One attempt: wait for a slot, send, read the whole body, classify the outcome.
    async fn attempt(
        &self,
        request: reqwest::Request,
        attempt: u32,
        any_status: bool,
    ) -> Result<HttpResponse, Failure> {
        let _in_flight = match &self.shared.limiter {
            Some(limiter) => Some(limiter.acquire().await.map_err(|error| Failure {
                error,
                retryable: false,
                retry_after: None,
            })?),
            None => None,
        };
        let method = request.method().clone();
        let url = request.url().clone();
        let started = Instant::now();
        let log = |status: Option<u16>, error: Option<ErrorCode>| {
            tracing::debug!(
                method = %method,
                status,
                url = %self.shared.redactor.redact(&target::for_log(&url)),
                elapsed_ms = started.elapsed().as_millis() as u64,
                attempt,
                error_code = error.map(ErrorCode::as_str),
                "upstream response"
            );
        };
        let response = match self.inner.execute(request).await {
            Ok(response) => response,
            Err(e) if e.is_builder() => {
                let error = ConnectorError::bad_request().with_message(UNSENDABLE_URL);
                log(None, Some(error.code()));
                return Err(self.network_failure(error));
            }
            Err(e) => {
                let error = ConnectorError::from(e);
                log(None, Some(error.code()));
                return Err(self.network_failure(error));
            }
        };
        let status = response.status();
        let headers = response.headers().clone();
        let retryable = !status.is_success() && is_retryable_status(status.as_u16());
        self.learn(&headers, retryable);
        let body = match read_body(response).await {
            Ok(Ok(body)) => body,
            Ok(Err(too_large)) => {
                log(Some(status.as_u16()), Some(too_large.code()));
                return Err(Failure {
                    error: too_large,
                    retryable: false,
                    retry_after: None,
                });
            }
            Err(e) => {
                let error = if e.is_timeout() {
                    ConnectorError::from(e)
                } else {
                    ConnectorError::new(ErrorCode::ConnectionClosed, CLOSED_MESSAGE)
                        .with_raised_by("RemoteProtocolError")
                };
                log(Some(status.as_u16()), Some(error.code()));
                return Err(self.network_failure(error));
            }
        };
        log(Some(status.as_u16()), None);
        if status.is_success() || any_status {
            return Ok(HttpResponse {
                status,
                headers,
                body,
                shared: Arc::clone(&self.shared),
            });
        }
        let mut error = status::status_error(status, &url, &headers, &body, &self.shared.redactor);
        let answer = ErrorAnswer {
            status,
            headers: &headers,
            body: &body,
        };
        error = error_reader::apply(error, self.shared.error_reader, &answer);
        let retry_after = retryable
            .then(|| headers.get(RETRY_AFTER)?.to_str().ok())
            .flatten()
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        if let Some(wait) = retry_after {
            error = error.with_retry_after(ceil_secs(wait));
        }
        Err(Failure {
            error,
            retryable,
            retry_after,
        })
    }

    /// A failure without an answer (or with a broken one); a transient one counts for the
    /// limiter's delay like a throttled answer.
    fn network_failure(&self, error: ConnectorError) -> Failure {
        let retryable = matches!(
            error.code(),
            ErrorCode::ConnectionTimeout
                | ErrorCode::RequestTimeout
                | ErrorCode::ConnectionClosed
                | ErrorCode::ConnectionRejected
        );
        if retryable {
            self.learn(&HeaderMap::new(), true);
        }
        Failure {
            error,
            retryable,
            retry_after: None,
        }
    }

    /// Tells the limiter, if any, about an answer.
    fn learn(&self, headers: &HeaderMap, retryable: bool) {
        if let Some(limiter) = &self.shared.limiter {
            limiter.record(headers, retryable);
        }
    }
}
