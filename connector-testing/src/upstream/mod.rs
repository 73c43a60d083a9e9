//! A stand-in for the connector's upstream app: a real HTTP server on loopback (wiremock's)
//! that answers the [`Exchange`]s a test expects, and fails the test, with what differed, on a
//! request nobody expected or an expectation nobody met.

mod exchange;
mod pairs;
mod recording;

pub use exchange::{ANY, Answer, Exchange, ExpectedRequest, Received};
pub use recording::Recorder;

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use tokio::runtime::Runtime;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate, matchers};

/// The upstream of one test.
///
/// ```
/// use connector_testing::{Exchange, Upstream};
/// use serde_json::json;
///
/// let upstream = Upstream::start();
/// upstream.expect(Exchange::get("/api/users").respond(200).json(json!({"users": []})));
/// // ... point the connector's settings at `upstream.url()` and call it ...
/// # upstream.forget();
/// ```
///
/// Dropping it checks that every expectation was met and no other request came (unless the
/// test is already failing); [`Upstream::verify`] checks the same without panicking.
pub struct Upstream {
    /// Always there until dropped.
    server: Option<MockServer>,
    state: Arc<Mutex<State>>,
    runtime: Runtime,
    /// What [`Upstream::url`] ends with: the live app's base path on replay.
    base_path: String,
}

/// The expectations and what happened to them.
#[derive(Default)]
pub(crate) struct State {
    expected: Vec<(Exchange, u32)>,
    received: Vec<Received>,
    unexpected: Vec<Received>,
    checked: bool,
}

impl Upstream {
    /// Starts a server on a free loopback port.
    ///
    /// # Panics
    ///
    /// When no server can be started (no loopback, no threads).
    pub fn start() -> Self {
        let state = Arc::new(Mutex::new(State::default()));
        Upstream::serving(Box::new(Expectations(Arc::clone(&state))), state)
    }

    /// A server answering with `responder`, sharing `state`.
    pub(crate) fn serving(responder: Box<dyn Respond>, state: Arc<Mutex<State>>) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap_or_else(|e| panic!("no runtime for the upstream server: {e}"));
        let server = runtime.block_on(async {
            let server = MockServer::builder().start().await;
            Mock::given(matchers::any())
                .respond_with(BoxedResponder(responder))
                .mount(&server)
                .await;
            server
        });
        Upstream {
            server: Some(server),
            state,
            runtime,
            base_path: String::new(),
        }
    }

    /// Its base URL, `http://127.0.0.1:PORT` (followed by the recorded base path when it
    /// replays a fixture).
    pub fn url(&self) -> String {
        let root = self
            .server
            .as_ref()
            .map(MockServer::uri)
            .unwrap_or_default();
        format!("{root}{}", self.base_path)
    }

    /// Expects `exchange`. Requests are answered by the first expectation they match that has
    /// uses left, in the order expected.
    pub fn expect(&self, exchange: Exchange) {
        let times = exchange.times;
        lock(&self.state).expected.push((exchange, times));
    }

    /// Expects each of `exchanges`.
    pub fn expect_all(&self, exchanges: impl IntoIterator<Item = Exchange>) {
        for exchange in exchanges {
            self.expect(exchange);
        }
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        lock(&self.state).received.clone()
    }

    /// `Err` with a report when a request matched no expectation or an expectation was not
    /// used as often as it said.
    ///
    /// ```
    /// use connector_testing::{Exchange, Upstream};
    ///
    /// let upstream = Upstream::start();
    /// upstream.expect(Exchange::get("/api/users").respond(200));
    /// let report = upstream.verify().unwrap_err();
    /// assert!(report.contains("expected GET /api/users 1 time(s), got it 0 time(s)"));
    /// assert!(upstream.received().is_empty());
    /// ```
    pub fn verify(&self) -> Result<(), String> {
        let mut state = lock(&self.state);
        state.checked = true;
        report(&state)
    }

    /// Drops the server without checking it.
    pub fn forget(self) {
        lock(&self.state).checked = true;
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        let failure = {
            let state = lock(&self.state);
            if state.checked || std::thread::panicking() {
                None
            } else {
                report(&state).err()
            }
        };
        {
            // The server shuts down on its own runtime, before the runtime goes.
            let _inside = self.runtime.enter();
            drop(self.server.take());
        }
        if let Some(failure) = failure {
            panic!("{failure}");
        }
    }
}

pub(crate) fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What went wrong with the expectations, if anything.
fn report(state: &State) -> Result<(), String> {
    let mut lines = Vec::new();
    for request in &state.unexpected {
        lines.push(format!("unexpected request: {}", request.line()));
        let nearest = state
            .expected
            .iter()
            .map(|(exchange, _)| exchange.differences(request))
            .min_by_key(Vec::len);
        match nearest {
            Some(differences) => {
                lines.extend(differences.iter().map(|d| format!("    {d}")));
            }
            None => lines.push("    (no request was expected)".to_owned()),
        }
    }
    for (exchange, left) in &state.expected {
        if *left > 0 {
            let used = exchange.times - left;
            lines.push(format!(
                "expected {} {} {} time(s), got it {used} time(s)",
                exchange.request.method, exchange.request.path, exchange.times
            ));
        }
    }
    if lines.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the upstream saw what the test did not expect:\n{}",
            lines.join("\n")
        ))
    }
}

/// A request as the matching sees it.
pub(crate) fn received(request: &Request) -> Received {
    Received {
        method: request.method.as_str().to_owned(),
        path: request.url.path().to_owned(),
        query: request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        headers: request
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_ascii_lowercase(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: String::from_utf8_lossy(&request.body).into_owned(),
    }
}

/// The response an [`Answer`] describes.
pub(crate) fn template(answer: &Answer) -> ResponseTemplate {
    let mut template = ResponseTemplate::new(answer.status);
    let has_type = answer
        .headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
    for (name, value) in &answer.headers {
        template = template.insert_header(name.as_str(), value.as_str());
    }
    match &answer.body {
        serde_json::Value::Null => template,
        serde_json::Value::String(text) => {
            let mime = if has_type { "" } else { "text/plain" };
            template.set_body_raw(text.clone().into_bytes(), mime)
        }
        json => {
            let mime = if has_type { "" } else { "application/json" };
            template.set_body_raw(json.to_string().into_bytes(), mime)
        }
    }
}

/// Answers from the expectations.
struct Expectations(Arc<Mutex<State>>);

impl Respond for Expectations {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let request = received(request);
        let mut state = lock(&self.0);
        state.received.push(request.clone());
        let found = state
            .expected
            .iter_mut()
            .find(|(exchange, left)| *left > 0 && exchange.differences(&request).is_empty());
        match found {
            Some((exchange, left)) => {
                *left -= 1;
                template(&exchange.response)
            }
            None => {
                let line = request.line();
                state.unexpected.push(request);
                // 404: connectors do not retry it, so one unexpected request is reported once.
                ResponseTemplate::new(404).set_body_raw(
                    format!("{{\"connector_testing\":\"no expectation matches {line}\"}}")
                        .into_bytes(),
                    "application/json",
                )
            }
        }
    }
}

/// A boxed responder, as wiremock takes one.
struct BoxedResponder(Box<dyn Respond>);

impl Respond for BoxedResponder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.0.respond(request)
    }
}
