//! One deadline for the whole call, as connector-py computes it: `now + (max_execution_time
//! or 1800 s) − 10 s`, from the request's `rate_limit`. Every wait of the call is bounded by
//! it: a rate-limit or retry sleep that would cross it ends the call at once with
//! `budget_exhausted` and how long the wait would have been, and the dispatcher ends a call
//! still running at the deadline (an HTTP attempt that does not answer, say) with
//! `budget_exhausted`. connector-py bounds only its sleeps.

use std::future::Future;
use std::time::Duration;

use tokio::time::Instant;

use crate::error::ConnectorError;

/// The budget when the request gives none (or `0`, which connector-py reads as none).
const DEFAULT_BUDGET: Duration = Duration::from_secs(1800);

/// What is kept back from the caller's budget for printing the answer.
const MARGIN: Duration = Duration::from_secs(10);

tokio::task_local! {
    static DEADLINE: Instant;
}

/// The deadline of a call that starts now with `max_execution_time` seconds.
pub(crate) fn of_request(max_execution_time: Option<i32>) -> Instant {
    let now = Instant::now();
    let budget = match max_execution_time {
        None | Some(0) => DEFAULT_BUDGET,
        Some(seconds) => Duration::from_secs(u64::try_from(seconds).unwrap_or(0)),
    };
    now.checked_add(budget)
        .and_then(|end| end.checked_sub(MARGIN))
        .unwrap_or(now)
        .max(now)
}

/// Runs `call` under `deadline`: [`check_wait`] sees it, and a call still running at the
/// deadline ends with `budget_exhausted`.
pub(crate) async fn bounded<F: Future>(
    deadline: Instant,
    call: F,
) -> Result<F::Output, ConnectorError> {
    DEADLINE
        .scope(deadline, tokio::time::timeout_at(deadline, call))
        .await
        .map_err(|_| ConnectorError::budget_exhausted().with_message("Execution deadline exceeded"))
}

/// Runs `call` with `deadline` as the deadline of the calls it dispatches (each keeps its own
/// when sooner): how a host that is itself given a deadline (a Lambda invocation) passes it on.
#[cfg(feature = "lambda")]
pub(crate) async fn within<F: Future>(deadline: Instant, call: F) -> F::Output {
    DEADLINE.scope(deadline, call).await
}

/// The deadline of the call running on this task, if any.
pub(crate) fn current() -> Option<Instant> {
    DEADLINE.try_with(|deadline| *deadline).ok()
}

/// Refuses a sleep of `wait` that would end after the call's deadline (none outside a call).
pub(crate) fn check_wait(wait: Duration) -> Result<(), ConnectorError> {
    let Ok(deadline) = DEADLINE.try_with(|deadline| *deadline) else {
        return Ok(());
    };
    if Instant::now() + wait <= deadline {
        return Ok(());
    }
    let seconds = crate::http::ceil_secs(wait);
    Err(ConnectorError::budget_exhausted()
        .with_message(format!(
            "Rate limit sleep of {seconds}s would exceed caller deadline"
        ))
        .with_retry_after(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_budget_is_the_callers_less_ten_seconds() {
        let now = Instant::now();
        assert_eq!(of_request(Some(14)) - now, Duration::from_secs(4));
        assert_eq!(of_request(None) - now, Duration::from_secs(1790));
        assert_eq!(of_request(Some(0)) - now, Duration::from_secs(1790));
        assert_eq!(of_request(Some(5)), now);
        assert_eq!(of_request(Some(-3)), now);
    }

    #[tokio::test(start_paused = true)]
    async fn a_wait_past_the_deadline_is_refused_with_its_length() {
        let deadline = Instant::now() + Duration::from_secs(4);
        let outcome = bounded(deadline, async {
            (
                check_wait(Duration::from_secs(3)),
                check_wait(Duration::from_millis(4500)),
            )
        })
        .await
        .unwrap();
        assert!(outcome.0.is_ok());
        let refused = outcome.1.unwrap_err();
        assert_eq!(refused.code(), crate::ErrorCode::BudgetExhausted);
        assert_eq!(
            refused.message(),
            "Rate limit sleep of 5s would exceed caller deadline"
        );
        assert_eq!(refused.metadata().retry_after_seconds, Some(5));
        assert!(
            check_wait(Duration::from_secs(3600)).is_ok(),
            "no deadline outside a call"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_still_running_at_the_deadline_ends() {
        let deadline = Instant::now() + Duration::from_secs(4);
        let error = bounded(deadline, std::future::pending::<()>())
            .await
            .unwrap_err();
        assert_eq!(error.code(), crate::ErrorCode::BudgetExhausted);
        assert_eq!(error.message(), "Execution deadline exceeded");
        let done = bounded(Instant::now(), async { 7 }).await.unwrap();
        assert_eq!(
            done, 7,
            "a call that needs no wait finishes even past its deadline"
        );
    }
}
