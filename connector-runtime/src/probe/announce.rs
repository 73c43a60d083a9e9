//! Which baseline checks the built-in probe can perform for an integration: what `app_info`
//! announces as `x-probe-checks`.

use crate::integration::App;
use crate::models::ProbeCheckName;

pub(super) const LIST_ACCOUNTS: &str = "list_accounts";
pub(super) const LIST_ENTITLEMENTS: &str = "list_entitlements";
pub(super) const FIND_ASSOCIATIONS: &str = "find_entitlement_associations";
pub(super) const ACCOUNT_ASSOCIATIONS: &str = "get_account_entitlement_associations";

/// The checks every probe answers for, in the order they run.
pub(super) const BASELINE: [ProbeCheckName; 3] = [
    ProbeCheckName::Accounts,
    ProbeCheckName::Entitlements,
    ProbeCheckName::EntitlementAssociations,
];

/// Whether `app` lists `capability`.
pub(super) fn implements(app: &App, capability: &str) -> bool {
    app.capabilities
        .iter()
        .any(|entry| entry.meta.name == capability)
}

/// Whether `check` can do more than report `unsupported` for `app`.
fn can_perform(app: &App, check: ProbeCheckName) -> bool {
    let has = |capability| implements(app, capability);
    match check {
        ProbeCheckName::Accounts => has(LIST_ACCOUNTS),
        ProbeCheckName::Entitlements => has(LIST_ENTITLEMENTS),
        ProbeCheckName::EntitlementAssociations => {
            has(FIND_ASSOCIATIONS) || (has(LIST_ACCOUNTS) && has(ACCOUNT_ASSOCIATIONS))
        }
        ProbeCheckName::CapabilityConfig => false,
    }
}

/// `x-probe-checks`: the baseline checks the built-in probe can perform for `app`, or `None`
/// when `app` has no built-in probe or lists a probe of its own (which declares none).
pub(crate) fn announced_checks(app: &App) -> Option<Vec<ProbeCheckName>> {
    app.probe?;
    if implements(app, "probe_integration") {
        return None;
    }
    Some(
        BASELINE
            .into_iter()
            .filter(|check| can_perform(app, *check))
            .collect(),
    )
}
