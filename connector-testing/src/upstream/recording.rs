//! Record once against the live app, replay offline: a loopback proxy that forwards each
//! request to the app and keeps the exchange with every secret of the request scrubbed, and
//! the fixture file it writes, which [`Upstream::replay`] serves.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use wiremock::{Request, Respond, ResponseTemplate};

use super::{Answer, Exchange, ExpectedRequest, Upstream, lock, received, template};
use crate::scrub::{MIN_SECRET_LEN, Secrets};

/// Response headers worth keeping in a fixture; the others (cookies above all) are dropped.
const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "link",
    "etag",
    "location",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
];

/// Request headers a fixture keeps (scrubbed) beside the scheme of `Authorization`: the
/// conditions of a conditional request, so a replay tells a write sent over a version
/// (`If-Match`) from one sent blind.
const KEPT_REQUEST_HEADERS: &[&str] = &[
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
];

/// What a fixture file holds.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    /// The live base URL's path (`/v2`), which [`Upstream::url`] ends with on replay.
    base_path: String,
    exchanges: Vec<Exchange>,
}

/// A proxy in front of the live app that records what passes, secrets scrubbed.
///
/// ```no_run
/// use connector_testing::{Recorder, Secrets};
/// use serde_json::json;
///
/// let request = json!({"auth": {"token": {"token": "live-token-123"}}, "settings": {}, "request": {}});
/// let recorder = Recorder::start("https://api.example.com/v2", Secrets::of_request(&request, &json!({})));
/// // ... call the connector with its base URL set to `recorder.url()` ...
/// recorder.save("tests/fixtures/list_accounts.json").unwrap();
/// ```
pub struct Recorder {
    upstream: Upstream,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
    base_path: String,
}

impl Recorder {
    /// Starts a proxy to `live_base` (`https://api.example.com/v2`) that scrubs `secrets`.
    ///
    /// # Panics
    ///
    /// When `live_base` is not an absolute URL, or a secret is shorter than
    /// [`MIN_SECRET_LEN`] characters (it could not be told from ordinary text).
    pub fn start(live_base: &str, secrets: Secrets) -> Self {
        if let Some(short) = secrets.too_short() {
            panic!(
                "a secret of {} characters is too short to scrub reliably (at least {MIN_SECRET_LEN})",
                short.len()
            );
        }
        let live = reqwest::Url::parse(live_base)
            .unwrap_or_else(|e| panic!("{live_base:?} is not an absolute URL: {e}"));
        let base_path = live.path().trim_end_matches('/').to_owned();
        let exchanges = Arc::new(Mutex::new(Vec::new()));
        let forwarder = Forwarder {
            origin: live,
            secrets,
            exchanges: Arc::clone(&exchanges),
        };
        let mut upstream = Upstream::serving(Box::new(forwarder), Arc::default());
        upstream.base_path.clone_from(&base_path);
        // A proxy has no expectations to check.
        lock(&upstream.state).checked = true;
        Recorder {
            upstream,
            exchanges,
            base_path,
        }
    }

    /// The URL to give the connector in place of the live base URL.
    pub fn url(&self) -> String {
        self.upstream.url()
    }

    /// The exchanges so far, scrubbed.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Writes the fixture file.
    ///
    /// # Errors
    ///
    /// When the file cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        let fixture = Fixture {
            base_path: self.base_path.clone(),
            exchanges: self.exchanges(),
        };
        let text = serde_json::to_string_pretty(&fixture).map_err(std::io::Error::other)?;
        std::fs::write(path, text + "\n")
    }
}

impl Upstream {
    /// An upstream that answers the exchanges of a fixture file [`Recorder::save`] wrote, each
    /// as often as it was recorded; its [`Upstream::url`] ends with the live base URL's path.
    ///
    /// ```no_run
    /// use connector_testing::Upstream;
    ///
    /// let upstream = Upstream::replay("tests/fixtures/list_accounts.json");
    /// // ... call the connector with its base URL set to `upstream.url()` ...
    /// upstream.verify().unwrap();
    /// ```
    ///
    /// # Panics
    ///
    /// When the file cannot be read or is not a fixture.
    pub fn replay(path: impl AsRef<Path>) -> Self {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
        let fixture: Fixture = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not a fixture: {e}", path.display()));
        let mut upstream = Upstream::start();
        upstream.base_path = fixture.base_path;
        upstream.expect_all(fixture.exchanges);
        upstream
    }
}

/// Forwards to the live app and records.
struct Forwarder {
    origin: reqwest::Url,
    secrets: Secrets,
    exchanges: Arc<Mutex<Vec<Exchange>>>,
}

/// The live app's answer.
struct LiveAnswer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Respond for Forwarder {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut url = self.origin.clone();
        url.set_path(request.url.path());
        url.set_query(request.url.query());
        let method = request.method.as_str().to_owned();
        let headers: Vec<(String, Vec<u8>)> = request
            .headers
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "host" | "content-length"))
            .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
            .collect();
        let body = request.body.clone();
        // wiremock answers synchronously: the live call runs on a thread of its own.
        let answer = std::thread::spawn(move || forward(&method, url, &headers, body))
            .join()
            .unwrap_or_else(|_| Err("the forwarding thread panicked".to_owned()));
        let answer = match answer {
            Ok(answer) => answer,
            Err(message) => {
                return ResponseTemplate::new(502).set_body_raw(message.into_bytes(), "text/plain");
            }
        };
        let exchange = self.scrubbed(&received(request), &answer);
        let live = template(&Answer {
            status: answer.status,
            headers: answer.headers.clone(),
            body: Value::Null,
        })
        .set_body_bytes(answer.body.clone());
        self.exchanges
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(exchange);
        live
    }
}

impl Forwarder {
    /// The exchange as the fixture keeps it: of the request's headers the scheme of
    /// `Authorization` and the conditions, the response's useful ones, every secret replaced.
    fn scrubbed(&self, request: &super::Received, answer: &LiveAnswer) -> Exchange {
        let text_or_json = |bytes: &[u8]| -> Value {
            let text = String::from_utf8_lossy(bytes);
            match serde_json::from_str::<Value>(&text) {
                Ok(json) => self.secrets.scrub_json(json),
                Err(_) if text.is_empty() => Value::Null,
                Err(_) => Value::String(self.secrets.scrub_text(&text)),
            }
        };
        let query = request
            .query
            .iter()
            .map(|(k, v)| (k.clone(), self.secrets.scrub_text(v)))
            .collect();
        Exchange {
            request: ExpectedRequest {
                method: request.method.clone(),
                path: self.secrets.scrub_text(&request.path),
                query: Some(query),
                headers: request
                    .headers
                    .iter()
                    .filter_map(|(name, value)| match name.as_str() {
                        "authorization" => Some((name.clone(), scheme_only(value))),
                        kept if KEPT_REQUEST_HEADERS.contains(&kept) => {
                            Some((name.clone(), self.secrets.scrub_text(value)))
                        }
                        _ => None,
                    })
                    .collect(),
                body: match text_or_json(request.body.as_bytes()) {
                    Value::Null => None,
                    body => Some(body),
                },
            },
            response: Answer {
                status: answer.status,
                headers: answer
                    .headers
                    .iter()
                    .filter(|(name, _)| KEPT_HEADERS.contains(&name.as_str()))
                    .map(|(name, value)| (name.clone(), self.secrets.scrub_text(value)))
                    .collect(),
                body: text_or_json(&answer.body),
            },
            times: 1,
        }
    }
}

/// `Bearer [REDACTED]`: the scheme of an `Authorization` value, never its credential (which
/// may be encoded, as Basic's is).
fn scheme_only(value: &str) -> String {
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} {}", super::ANY),
        None => super::ANY.to_owned(),
    }
}

/// Sends one request to the live app.
fn forward(
    method: &str,
    url: reqwest::Url,
    headers: &[(String, Vec<u8>)],
    body: Vec<u8>,
) -> Result<LiveAnswer, String> {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let method = reqwest::Method::from_bytes(method.as_bytes()).map_err(|e| e.to_string())?;
        let mut builder = client.request(method, url).body(body);
        for (name, value) in headers {
            builder = builder.header(name.as_str(), value.as_slice());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| format!("the live app could not be reached: {e}"))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = response.bytes().await.map_err(|e| e.to_string())?.to_vec();
        Ok(LiveAnswer {
            status,
            headers,
            body,
        })
    })
}
