//! A stand-in for the AWS Lambda Runtime API on a free loopback port, with its three
//! documented endpoints: `GET /2018-06-01/runtime/invocation/next` hands out the queued
//! events (holding the request while there is none, as Lambda does), and
//! `POST .../invocation/{id}/response` and `.../invocation/{id}/error` record what the
//! function answered.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use tokio::sync::Notify;

/// An invocation to hand out.
pub struct Invocation {
    /// The request id.
    pub id: String,
    /// The event, as JSON text.
    pub event: String,
    /// How long the function has.
    pub budget: Duration,
}

/// What the function sent back for one invocation.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The request id.
    pub id: String,
    /// `response` or `error`.
    pub kind: String,
    /// The body.
    pub body: String,
    /// When it arrived, since the invocation was handed out.
    pub after: Duration,
}

#[derive(Default)]
struct Shared {
    queue: Mutex<VecDeque<Invocation>>,
    handed_out: Mutex<Vec<(String, Instant)>>,
    outcomes: Mutex<Vec<Outcome>>,
    arrived: Notify,
}

/// The stand-in, serving on its own runtime until dropped.
pub struct RuntimeApi {
    address: String,
    shared: Arc<Shared>,
    _runtime: tokio::runtime::Runtime,
}

impl RuntimeApi {
    /// Starts the stand-in with nothing queued.
    pub fn start() -> RuntimeApi {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let shared = Arc::new(Shared::default());
        let router = Router::new()
            .route("/2018-06-01/runtime/invocation/next", get(next))
            .route("/2018-06-01/runtime/invocation/{id}/{kind}", post(outcome))
            .with_state(Arc::clone(&shared));
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let address = listener.local_addr().unwrap().to_string();
        runtime.spawn(async move { axum::serve(listener, router).await });
        RuntimeApi {
            address,
            shared,
            _runtime: runtime,
        }
    }

    /// `host:port`, as `AWS_LAMBDA_RUNTIME_API` gives it.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// Queues an invocation.
    pub fn queue(&self, invocation: Invocation) {
        self.shared.queue.lock().unwrap().push_back(invocation);
        self.shared.arrived.notify_waiters();
    }

    /// Waits at most `within` for `count` outcomes; returns those there are.
    pub fn outcomes(&self, count: usize, within: Duration) -> Vec<Outcome> {
        let until = Instant::now() + within;
        loop {
            let outcomes = self.shared.outcomes.lock().unwrap().clone();
            if outcomes.len() >= count || Instant::now() > until {
                return outcomes;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

async fn next(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let invocation = loop {
        let waiting = shared.arrived.notified();
        if let Some(invocation) = shared.queue.lock().unwrap().pop_front() {
            break invocation;
        }
        waiting.await;
    };
    shared
        .handed_out
        .lock()
        .unwrap()
        .push((invocation.id.clone(), Instant::now()));
    let deadline = SystemTime::now() + invocation.budget;
    let deadline_ms = deadline.duration_since(UNIX_EPOCH).unwrap().as_millis();
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        headers.insert(name, HeaderValue::from_str(&value).unwrap());
    };
    set("lambda-runtime-aws-request-id", invocation.id.clone());
    set("lambda-runtime-deadline-ms", deadline_ms.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:us-east-1:123456789012:function:mockapp".into(),
    );
    set(
        "lambda-runtime-trace-id",
        "Root=1-00000000-000000000000000000000000".into(),
    );
    set("content-type", "application/json".into());
    (headers, invocation.event)
}

async fn outcome(
    State(shared): State<Arc<Shared>>,
    Path((id, kind)): Path<(String, String)>,
    body: Bytes,
) -> impl IntoResponse {
    let started = shared
        .handed_out
        .lock()
        .unwrap()
        .iter()
        .find(|(handed, _)| *handed == id)
        .map(|(_, at)| *at);
    shared.outcomes.lock().unwrap().push(Outcome {
        id,
        kind,
        body: String::from_utf8_lossy(&body).into_owned(),
        after: started.map_or(Duration::ZERO, |at| at.elapsed()),
    });
    (StatusCode::ACCEPTED, r#"{"status":"OK"}"#)
}
