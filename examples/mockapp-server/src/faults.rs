//! Fault injection under `/_fault/{spec}/...`: parsing the spec and shaping
//! the answer (see the crate documentation for the list of specs).

use crate::pynum::{PyInt, python_float, python_int};
use crate::respond;
use crate::server::{CloseConnection, ConnControl};
use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use http_body::{Frame, SizeHint};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::Sleep;

/// How long a truncated or reset body waits after its first half, so that
/// half reaches the client before the connection goes.
const FLUSH_PAUSE: Duration = Duration::from_millis(50);

/// What one request under a fault prefix gets.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Wait, then serve the real route (`delayN`).
    Delay(Duration),
    /// Answer at once with this status (`NNN`, `NNNt`, `NNNn`, `NNNnt`).
    Status {
        code: PyInt,
        text: bool,
        retry_after: bool,
    },
    /// A spec the Python server fails on: a bare 500.
    Invalid,
    /// Serve the real route (`ok`).
    Pass,
    /// Real route, body held back for the duration (`slowN`).
    Slow(Duration),
    /// Real route, only half the declared body, then close (`trunc`).
    Truncate,
    /// Real route, half the body, then a TCP reset (`reset`).
    Reset,
}

/// A parsed spec: one step for every request, or a sequence whose last step
/// repeats.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec(Vec<Step>);

impl Spec {
    pub fn parse(spec: &str) -> Spec {
        match spec.strip_prefix("seq:") {
            Some(list) => Spec(list.split(',').map(parse_step).collect()),
            None => Spec(vec![parse_step(spec)]),
        }
    }

    /// The step for a request that `seen` earlier requests under the same spec
    /// preceded.
    pub fn step(&self, seen: u64) -> &Step {
        let last = self.0.len() - 1;
        &self.0[usize::try_from(seen).map_or(last, |i| i.min(last))]
    }
}

fn parse_step(spec: &str) -> Step {
    // The Python server's own spellings first, so they keep their meaning.
    if let Some(secs) = spec.strip_prefix("delay") {
        return pause(secs).map_or(Step::Invalid, Step::Delay);
    }
    match spec {
        "ok" => return Step::Pass,
        "trunc" => return Step::Truncate,
        "reset" => return Step::Reset,
        _ => {}
    }
    if let Some(secs) = spec.strip_prefix("slow") {
        return pause(secs).map_or(Step::Invalid, Step::Slow);
    }
    let (code, text) = match spec.strip_suffix('t') {
        Some(code) => (code, true),
        None => (spec, false),
    };
    let (code, retry_after) = match code.strip_suffix('n') {
        Some(code) => (code, false),
        None => (code, true),
    };
    match python_int(code) {
        Some(code) => Step::Status {
            code,
            text,
            retry_after,
        },
        None => Step::Invalid,
    }
}

/// Seconds as Python's `float()` reads them (empty means 1). Negative waits
/// nothing; NaN and overlong waits never end, as `asyncio.sleep` behaves.
fn pause(secs: &str) -> Option<Duration> {
    let secs = if secs.is_empty() {
        1.0
    } else {
        python_float(secs)?
    };
    Some(if secs <= 0.0 {
        Duration::ZERO
    } else {
        Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX)
    })
}

/// The answer of a `Status` step. Codes the Python server cannot send
/// (below 200 or above 599) close the connection without a response.
pub fn injected(code: &PyInt, text: bool, retry_after: bool) -> Response {
    let status = u16::try_from(code.value())
        .ok()
        .filter(|c| (200..=599).contains(c))
        .and_then(|c| StatusCode::from_u16(c).ok());
    let Some(status) = status else {
        let mut response = respond::internal_error();
        response.extensions_mut().insert(CloseConnection);
        return response;
    };
    let code = code.text();
    let mut response = if text {
        let body = if status.is_server_error() {
            "Internal Server Error".to_owned()
        } else {
            format!("plain text response ({code})")
        };
        respond::text(status, body)
    } else {
        respond::detail(status, &format!("Injected failure ({code})"))
    };
    if status == StatusCode::NO_CONTENT || status == StatusCode::NOT_MODIFIED {
        *response.body_mut() = Body::empty();
    }
    if retry_after && status == StatusCode::TOO_MANY_REQUESTS {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}

/// Reshapes the real route's answer for `Slow`, `Truncate` and `Reset`;
/// other steps and empty bodies pass through. `conn` (present under
/// [`crate::serve`]) is needed to turn the close of a reset into a TCP RST.
pub async fn reshape(step: &Step, response: Response, conn: Option<Arc<ConnControl>>) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return respond::internal_error();
    };
    if bytes.is_empty() {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let half = bytes.slice(..bytes.len() / 2);
    let acts = match step {
        Step::Slow(pause) => vec![Act::Wait(*pause), Act::Data(bytes.clone())],
        Step::Truncate => vec![Act::Data(half), Act::Wait(FLUSH_PAUSE)],
        Step::Reset => vec![Act::Data(half), Act::Wait(FLUSH_PAUSE), Act::Reset],
        _ => vec![Act::Data(bytes.clone())],
    };
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let script = Script {
        acts: acts.into(),
        sleep: None,
        declared: bytes.len() as u64,
        conn,
    };
    Response::from_parts(parts, Body::new(script))
}

enum Act {
    Wait(Duration),
    Data(Bytes),
    Reset,
}

/// A response body played from a script; it always declares the full length,
/// so ending early is visible to the client.
struct Script {
    acts: VecDeque<Act>,
    sleep: Option<Pin<Box<Sleep>>>,
    declared: u64,
    conn: Option<Arc<ConnControl>>,
}

impl HttpBody for Script {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        loop {
            match self.acts.pop_front() {
                None => return Poll::Ready(None),
                Some(Act::Data(bytes)) => return Poll::Ready(Some(Ok(Frame::data(bytes)))),
                Some(Act::Wait(pause)) => {
                    let sleep = self
                        .sleep
                        .get_or_insert_with(|| Box::pin(tokio::time::sleep(pause)));
                    if sleep.as_mut().poll(cx).is_pending() {
                        self.acts.push_front(Act::Wait(pause));
                        return Poll::Pending;
                    }
                    self.sleep = None;
                }
                Some(Act::Reset) => {
                    if let Some(conn) = &self.conn {
                        conn.request_reset();
                    }
                    let err =
                        std::io::Error::new(std::io::ErrorKind::ConnectionReset, "injected reset");
                    return Poll::Ready(Some(Err(err)));
                }
            }
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.declared)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs() {
        let status = |code: i64, text, retry_after| Step::Status {
            code: PyInt::from(code),
            text,
            retry_after,
        };
        assert_eq!(parse_step("500"), status(500, false, true));
        assert_eq!(parse_step("500t"), status(500, true, true));
        assert_eq!(parse_step("429n"), status(429, false, false));
        assert_eq!(parse_step("429nt"), status(429, true, false));
        assert_eq!(parse_step("delay"), Step::Delay(Duration::from_secs(1)));
        assert_eq!(
            parse_step("delay0.25"),
            Step::Delay(Duration::from_millis(250))
        );
        assert_eq!(parse_step("delay-3"), Step::Delay(Duration::ZERO));
        assert_eq!(parse_step("slow2"), Step::Slow(Duration::from_secs(2)));
        assert_eq!(parse_step("abc"), Step::Invalid);
        assert_eq!(parse_step("delayx"), Step::Invalid);
        let seq = Spec::parse("seq:429,500t,ok");
        assert_eq!(seq.step(0), &status(429, false, true));
        assert_eq!(seq.step(1), &status(500, true, true));
        assert_eq!(seq.step(2), &Step::Pass);
        assert_eq!(seq.step(99), &Step::Pass);
    }
}
