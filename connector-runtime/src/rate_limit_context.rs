//! The rate-limit side of one call, as connector-py's executor sets it up: what the request
//! says (`caller_override_mode`, `last_known_state`), the capability's level and own mode,
//! and the limiters the call's clients built, whose snapshots become
//! `response.rate_limit.current_state`.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use crate::capabilities::Level;
use crate::http::Limiter;
use crate::models::{RateLimitMode, RateLimitRequestInfo, RateLimitStateSnapshot};

/// One call's rate-limit context.
#[derive(Default)]
pub(crate) struct CallLimits {
    level: Option<Level>,
    capability_mode: Option<RateLimitMode>,
    caller_mode: Option<RateLimitMode>,
    last_known: BTreeMap<String, RateLimitStateSnapshot>,
    limiters: Mutex<Vec<Arc<Limiter>>>,
}

tokio::task_local! {
    static CALL: Arc<CallLimits>;
}

impl CallLimits {
    /// The context of a call of a capability at `level` with its own `capability_mode`.
    pub(crate) fn new(
        request: Option<&RateLimitRequestInfo>,
        level: Level,
        capability_mode: Option<RateLimitMode>,
    ) -> Self {
        CallLimits {
            level: Some(level),
            capability_mode,
            caller_mode: request.and_then(|r| r.caller_override_mode),
            last_known: request
                .and_then(|r| r.last_known_state.clone())
                .unwrap_or_default(),
            limiters: Mutex::default(),
        }
    }
}

/// connector-py's precedence: the capability's mode, else the connector's, else the caller's,
/// else `retry_only` for writes and `enforce` for reads (and outside a call).
pub(crate) fn resolve(
    capability: Option<RateLimitMode>,
    config: Option<RateLimitMode>,
    caller: Option<RateLimitMode>,
    level: Option<Level>,
) -> RateLimitMode {
    capability.or(config).or(caller).unwrap_or(match level {
        Some(Level::Write) => RateLimitMode::RetryOnly,
        _ => RateLimitMode::Enforce,
    })
}

/// Runs `call` with `limits` as its context.
pub(crate) async fn scope<F: Future>(limits: CallLimits, call: F) -> F::Output {
    CALL.scope(Arc::new(limits), call).await
}

/// The mode for a client whose config says `config_mode`, in the current call.
pub(crate) fn mode_for(config_mode: Option<RateLimitMode>) -> RateLimitMode {
    CALL.try_with(|c| resolve(c.capability_mode, config_mode, c.caller_mode, c.level))
        .unwrap_or_else(|_| resolve(None, config_mode, None, None))
}

/// Seeds `limiter` from the caller's last snapshot of its config id and keeps it, so that
/// its state goes back in the response (nothing outside a call).
pub(crate) fn adopt(limiter: &Arc<Limiter>) {
    let _outside_a_call = CALL.try_with(|c| {
        if let Some(snapshot) = c.last_known.get(limiter.config_id()) {
            limiter.seed(snapshot);
        }
        c.limiters
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Arc::clone(limiter));
    });
}

/// The snapshots of the call's limiters by config id (the last built wins a shared id), or
/// `None` when no limiter ran.
pub(crate) fn current_state() -> Option<BTreeMap<String, RateLimitStateSnapshot>> {
    CALL.try_with(|c| {
        let limiters = c.limiters.lock().unwrap_or_else(|p| p.into_inner());
        let states: BTreeMap<_, _> = limiters
            .iter()
            .map(|l| (l.config_id().to_owned(), l.snapshot()))
            .collect();
        (!states.is_empty()).then_some(states)
    })
    .ok()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use RateLimitMode::{Bypass, Enforce, EnforceNoRetry, RetryOnly};

    #[test]
    fn the_capability_wins_then_the_config_then_the_caller_then_the_level() {
        let r = |cap, cfg, caller, level| resolve(cap, cfg, caller, Some(level));
        assert_eq!(
            r(Some(Bypass), Some(Enforce), Some(RetryOnly), Level::Read),
            Bypass
        );
        assert_eq!(
            r(None, Some(EnforceNoRetry), Some(Bypass), Level::Read),
            EnforceNoRetry
        );
        assert_eq!(r(None, None, Some(Bypass), Level::Read), Bypass);
        assert_eq!(r(None, None, Some(Enforce), Level::Write), Enforce);
        assert_eq!(r(None, None, None, Level::Read), Enforce);
        assert_eq!(r(None, None, None, Level::Write), RetryOnly);
        assert_eq!(resolve(None, None, None, None), Enforce);
    }

    #[tokio::test]
    async fn the_call_context_feeds_the_resolution() {
        let info: RateLimitRequestInfo =
            serde_json::from_str(r#"{"caller_override_mode":"bypass"}"#).unwrap();
        let limits = CallLimits::new(Some(&info), Level::Read, None);
        assert_eq!(scope(limits, async { mode_for(None) }).await, Bypass);
        let limits = CallLimits::new(Some(&info), Level::Read, Some(RetryOnly));
        assert_eq!(
            scope(limits, async { mode_for(Some(Enforce)) }).await,
            RetryOnly
        );
        assert_eq!(mode_for(None), Enforce, "outside a call");
        assert_eq!(current_state(), None);
    }
}
