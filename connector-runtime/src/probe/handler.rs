//! `probe_integration` as a capability of integration `I`: runs the requested baseline checks
//! in order, each within the per-check time limit, and reports them with the run's status.

use std::marker::PhantomData;
use std::time::Duration;

use tokio::time::Instant;

use super::announce::BASELINE;
use super::checks::Integration as Target;
use super::report::{aggregate, failed, skipped};
use super::settings::{ProbeSettings, ProbeSetup};
use crate::capabilities::{ProbeIntegrationRequest, probe_integration};
use crate::error::ConnectorError;
use crate::handler::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
use crate::integration::Integration;
use crate::models::{ProbeCheck, ProbeCheckName, ProbeIntegration, ProbeResults, RateLimitMode};
use crate::response::Response;

/// Where the probe's own errors are raised, for every integration.
const RAISED_IN: &str = concat!(module_path!(), ":probe");

/// The built-in probe of integration `I`.
pub struct ProbeHandler<I>(PhantomData<I>);

impl<I: Integration> CapabilityHandler for ProbeHandler<I> {
    type Request = ProbeIntegrationRequest<I::Settings, I::Auth>;
    type Output = ProbeResults;
    // connector-py registers its probe with `retry_only`.
    const META: CapabilityMeta = CapabilityMeta::standard::<probe_integration>(RAISED_IN)
        .with_rate_limit_mode(RateLimitMode::RetryOnly);

    async fn call(request: Self::Request) -> Result<Response<ProbeResults>, ConnectorError> {
        let app = I::APP;
        let target = Target {
            app,
            forwarded: request.forwarded_members().clone(),
            settings: app.probe.map_or(ProbeSettings::DEFAULT, |p| p.settings),
        };
        Ok(Response::new(probe(&target, &request.request).await))
    }
}

/// The probe row of integration `I`, with `settings` (what `#[integration]` adds).
pub const fn setup<I: Integration>(settings: ProbeSettings) -> ProbeSetup {
    ProbeSetup {
        entry: CapabilityEntry::of::<ProbeHandler<I>>(),
        settings,
    }
}

async fn probe(target: &Target, request: &ProbeIntegration) -> ProbeResults {
    let started = Instant::now();
    let limit = Duration::from_secs(u64::from(target.settings.per_check_timeout_seconds));
    let mut checks = Vec::new();
    for check in BASELINE {
        if request.checks.as_ref().is_some_and(|c| !c.contains(&check)) {
            checks.push(skipped(check));
            continue;
        }
        let check_started = Instant::now();
        let run = async {
            match check {
                ProbeCheckName::Accounts => target.check_accounts(request).await,
                ProbeCheckName::Entitlements => target.check_entitlements().await,
                _ => target.check_associations().await,
            }
        };
        let mut result = match tokio::time::timeout(limit, run).await {
            Ok(result) => result,
            Err(_) => timed_out(check, target),
        };
        result
            .duration_ms
            .get_or_insert_with(|| millis(check_started));
        checks.push(result);
    }
    ProbeResults::builder()
        .status(aggregate(&checks))
        .checks(checks)
        .duration_ms(millis(started))
        .build()
}

/// The check that overran the per-check time limit.
fn timed_out(check: ProbeCheckName, target: &Target) -> ProbeCheck {
    let seconds = target.settings.per_check_timeout_seconds;
    let mut error = ConnectorError::request_timeout()
        .with_message(format!(
            "Probing {} took longer than {seconds}s and was stopped.",
            check.as_str()
        ))
        .to_record(target.app.app_id);
    error.raised_in = Some(RAISED_IN.to_owned());
    failed(check, None, error)
}

fn millis(since: Instant) -> i32 {
    i32::try_from(since.elapsed().as_millis()).unwrap_or(i32::MAX)
}
