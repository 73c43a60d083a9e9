//! `lambda`: the connector as an AWS Lambda function, on the official `lambda_runtime`. An
//! invocation's event is `{"capability": NAME, "request": {...}}`, where `request` is what
//! the command line takes as `--json`; its response is the envelope the command line would
//! print, through the same [`dispatch`](crate::dispatch::dispatch), and the invocation's
//! deadline bounds the call. Nothing is kept between invocations but the HTTP connections:
//! page tokens and rate-limit state travel in the requests, so any number can run at once.

mod event;

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use lambda_runtime::{LambdaEvent, service_fn};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::integration::App;
use crate::{deadline, dispatch};

/// The variables the Lambda service sets that `lambda_runtime` cannot start without.
const REQUIRED_VARIABLES: [&str; 4] = [
    "AWS_LAMBDA_RUNTIME_API",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
];

/// What is kept back from the invocation's deadline to hand the answer over.
const MARGIN: Duration = Duration::from_millis(500);

/// Serves invocations until the Runtime API goes away; the exit status.
pub(crate) fn run(app: &App, stderr: &mut dyn Write) -> u8 {
    if let Err(message) = check_environment() {
        let _ = writeln!(stderr, "error: {message}");
        return 1;
    }
    let Some(runtime) = crate::host_runtime::start(stderr) else {
        return 1;
    };
    let app = *app;
    let served = runtime.block_on(lambda_runtime::run(service_fn(
        move |invocation: LambdaEvent<Value>| invoke(app, invocation),
    )));
    match served {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(stderr, "error: the Lambda Runtime API failed: {e}");
            1
        }
    }
}

fn check_environment() -> Result<(), String> {
    let missing: Vec<&str> = REQUIRED_VARIABLES
        .into_iter()
        .filter(|name| std::env::var_os(name).is_none_or(|value| value.is_empty()))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "`lambda` runs inside AWS Lambda, which sets {}; not set here",
            missing.join(", ")
        ));
    }
    let memory = std::env::var("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").unwrap_or_default();
    if memory.parse::<i32>().is_err() {
        return Err(format!(
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE is {memory:?}, not a number of megabytes"
        ));
    }
    Ok(())
}

/// One invocation: the envelope, as JSON text the runtime sends as it is.
async fn invoke(
    app: App,
    invocation: LambdaEvent<Value>,
) -> Result<Box<RawValue>, lambda_runtime::Error> {
    let call_deadline = invocation_deadline(invocation.context.deadline);
    let envelope = match event::parse(&app, invocation.payload) {
        Ok((capability, request)) => {
            deadline::within(
                call_deadline,
                dispatch::dispatch(&app, &capability, &request),
            )
            .await
        }
        Err(refused) => refused,
    };
    Ok(RawValue::from_string(envelope)?)
}

/// The invocation's deadline (milliseconds since the epoch) as an instant, less [`MARGIN`].
fn invocation_deadline(deadline_ms: u64) -> tokio::time::Instant {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        });
    let left = Duration::from_millis(deadline_ms.saturating_sub(now_ms)).saturating_sub(MARGIN);
    tokio::time::Instant::now() + left
}
