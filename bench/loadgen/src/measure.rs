//! Closed-loop load: CONCURRENCY workers, each sending its next request when the last one
//! is answered, for a fixed time; latencies kept whole for exact percentiles.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;
use tokio::io::AsyncWriteExt;

/// One request of the mix.
struct Call {
    path: String,
    capability: String,
    body: String,
}

/// What one worker saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    errors: u64,
    first_error: Option<String>,
}

fn read_mix(path: &str) -> Result<Vec<Arc<Call>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let mix: Vec<Value> = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let calls: Vec<Arc<Call>> = mix
        .iter()
        .filter_map(|call| {
            let path = call["path"].as_str()?.to_owned();
            Some(Arc::new(Call {
                capability: path.trim_start_matches('/').to_owned(),
                path,
                body: call["body"].to_string(),
            }))
        })
        .collect();
    if calls.is_empty() {
        return Err(format!("{path}: no calls"));
    }
    Ok(calls)
}

fn numbers(concurrency: &str, seconds: &str) -> Result<(usize, Duration), String> {
    let concurrency = concurrency
        .parse()
        .map_err(|_| format!("not a concurrency: {concurrency}"))?;
    let seconds: f64 = seconds
        .parse()
        .map_err(|_| format!("not a number of seconds: {seconds}"))?;
    Ok((concurrency, Duration::from_secs_f64(seconds)))
}

/// `true` when `status` and `body` are a success envelope.
fn succeeded(status: u16, body: &[u8]) -> bool {
    status == 200
        && serde_json::from_slice::<Value>(body).is_ok_and(|json| json.get("is_error").is_none())
}

/// Load over HTTP.
pub(crate) async fn http(
    url: &str,
    mix: &str,
    concurrency: &str,
    seconds: &str,
) -> Result<(), String> {
    let calls = read_mix(mix)?;
    let (concurrency, duration) = numbers(concurrency, seconds)?;
    // reqwest is built without a TLS provider of its own; the loopback needs none, but a
    // client cannot be built without one.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .map_err(|e| e.to_string())?;
    let url = url.to_owned();
    let send = move |call: Arc<Call>| {
        let (client, url) = (client.clone(), url.clone());
        async move { post(&client, &url, &call).await }
    };
    closed_loop("http", calls, concurrency, duration, send).await
}

async fn post(client: &reqwest::Client, url: &str, call: &Call) -> Result<(), String> {
    let answer = client
        .post(format!("{url}{}", call.path))
        .header("content-type", "application/json")
        .body(call.body.clone())
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = answer.status().as_u16();
    let body = answer.bytes().await.map_err(|e| e.to_string())?;
    if succeeded(status, &body) {
        return Ok(());
    }
    Err(format!(
        "{status}: {}",
        String::from_utf8_lossy(&body[..body.len().min(300)])
    ))
}

/// Load through the command line, one process per request.
pub(crate) async fn cli(
    binary: &str,
    mix: &str,
    concurrency: &str,
    seconds: &str,
) -> Result<(), String> {
    let calls = read_mix(mix)?;
    let (concurrency, duration) = numbers(concurrency, seconds)?;
    let binary = binary.to_owned();
    let send = move |call: Arc<Call>| {
        let binary = binary.clone();
        async move { run_once(&binary, &call).await }
    };
    closed_loop("cli", calls, concurrency, duration, send).await
}

/// `concurrency` workers, each sending its next call of `calls` with `send` when the last one
/// is answered, until `duration` is over; then the report.
async fn closed_loop<F, Fut>(
    mode: &str,
    calls: Vec<Arc<Call>>,
    concurrency: usize,
    duration: Duration,
    send: F,
) -> Result<(), String>
where
    F: Fn(Arc<Call>) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), String>> + Send,
{
    let calls = Arc::new(calls);
    let started = Instant::now();
    let until = started + duration;
    let workers: Vec<_> = (0..concurrency)
        .map(|worker| {
            let (calls, send) = (Arc::clone(&calls), send.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                let mut next = worker;
                while Instant::now() < until {
                    let call = Arc::clone(&calls[next % calls.len()]);
                    next += 1;
                    let sent = Instant::now();
                    let outcome = send(call).await;
                    tally.latencies.push(sent.elapsed());
                    if let Err(why) = outcome {
                        tally.errors += 1;
                        tally.first_error.get_or_insert(why);
                    }
                }
                tally
            })
        })
        .collect();
    report(mode, concurrency, workers, started).await
}

async fn run_once(binary: &str, call: &Call) -> Result<(), String> {
    let mut child = tokio::process::Command::new(binary)
        .args([call.capability.as_str(), "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run {binary}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(call.body.as_bytes())
            .await
            .map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().await.map_err(|e| e.to_string())?;
    if output.status.success() && succeeded(200, &output.stdout) {
        Ok(())
    } else {
        Err(format!(
            "exit {:?}: {}",
            output.status.code(),
            String::from_utf8_lossy(&output.stdout)
        ))
    }
}

async fn report(
    mode: &str,
    concurrency: usize,
    workers: Vec<tokio::task::JoinHandle<Tally>>,
    started: Instant,
) -> Result<(), String> {
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    for worker in workers {
        let tally = worker.await.map_err(|e| e.to_string())?;
        latencies.extend(tally.latencies);
        errors += tally.errors;
        first_error = first_error.or(tally.first_error);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort_unstable();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * latencies.len() as f64).ceil() as usize;
        latencies[rank.clamp(1, latencies.len()) - 1].as_secs_f64() * 1000.0
    };
    let line = serde_json::json!({
        "mode": mode,
        "concurrency": concurrency,
        "requests": latencies.len(),
        "errors": errors,
        "first_error": first_error,
        "rps": latencies.len() as f64 / elapsed,
        "p50_ms": percentile(50.0),
        "p99_ms": percentile(99.0),
    });
    println!("{line}");
    Ok(())
}
