//! The pieces of a probe report: a check that was not run, one that failed, the samples of what
//! a check fetched, and the status of the whole run.

use crate::error::Error;
use crate::models::{
    CustomAttributeSchema, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
    ProbeCheck, ProbeCheckName, ProbeCheckSource, ProbeCheckStatus, ProbeCoverageStatus,
    ProbeSample, ProbeSampleAccount, ProbeSampleAssociation, ProbeSampleCustomAttribute,
    ProbeSampleEntitlement, ProbeStatus,
};

/// A check with `status`, nothing observed and `message`.
pub(super) fn empty_check(
    check: ProbeCheckName,
    status: ProbeCheckStatus,
    capability: Option<&str>,
    message: impl Into<String>,
) -> ProbeCheck {
    ProbeCheck::builder()
        .check(check)
        .status(status)
        .source(ProbeCheckSource::Default)
        .maybe_capability(capability.map(str::to_owned))
        .observed_count(0)
        .samples(Vec::new())
        .message(message)
        .build()
}

/// A passed check of `capability`: what it observed is its `samples`.
pub(super) fn passed(
    check: ProbeCheckName,
    capability: &str,
    message: String,
    samples: Vec<ProbeSample>,
) -> ProbeCheck {
    let mut passed = empty_check(check, ProbeCheckStatus::Passed, Some(capability), message);
    passed.observed_count = i32::try_from(samples.len()).unwrap_or(i32::MAX);
    passed.samples = samples;
    passed
}

/// The check of a capability the connector does not list.
pub(super) fn unsupported(check: ProbeCheckName, capability: &str) -> ProbeCheck {
    empty_check(
        check,
        ProbeCheckStatus::Unsupported,
        Some(capability),
        format!("This connector does not implement {capability}."),
    )
}

/// A check the caller left out of `checks`.
pub(super) fn skipped(check: ProbeCheckName) -> ProbeCheck {
    empty_check(
        check,
        ProbeCheckStatus::Skipped,
        None,
        "Not requested in this run.",
    )
}

/// A check whose capability answered `error`.
pub(super) fn failed(check: ProbeCheckName, capability: Option<&str>, error: Error) -> ProbeCheck {
    let mut failed = empty_check(
        check,
        ProbeCheckStatus::Failed,
        capability,
        failure_message(&error),
    );
    failed.error = Some(error);
    failed
}

/// What a failed check says: the error's hint, else its message.
fn failure_message(error: &Error) -> String {
    error
        .error_metadata
        .as_ref()
        .and_then(|metadata| metadata.get("hint"))
        .and_then(|hint| hint.as_str())
        .filter(|hint| !hint.is_empty())
        .unwrap_or(&error.message)
        .to_owned()
}

/// The run's status: `failed` when a check failed or when nothing ran and something was
/// unsupported; `partial` when a check left a declared entitlement type or custom attribute
/// unseen; else `passed` (skipped checks never fail a run).
pub(super) fn aggregate(checks: &[ProbeCheck]) -> ProbeStatus {
    let ran = |status| matches!(status, ProbeCheckStatus::Passed | ProbeCheckStatus::Failed);
    if checks
        .iter()
        .any(|c| c.status == ProbeCheckStatus::Unsupported)
        && !checks.iter().any(|c| ran(c.status))
    {
        return ProbeStatus::Failed;
    }
    if checks.iter().any(|c| c.status == ProbeCheckStatus::Failed) {
        return ProbeStatus::Failed;
    }
    let gap = checks.iter().any(|check| {
        let types = check.entitlement_types.iter().flatten().map(|r| r.status);
        let attributes = check.custom_attributes.iter().flatten().map(|r| r.status);
        types
            .chain(attributes)
            .any(|status| status != ProbeCoverageStatus::Found)
    });
    if gap {
        ProbeStatus::Partial
    } else {
        ProbeStatus::Passed
    }
}

/// How a message names an account: its email, else its user name, else its id.
pub(super) fn account_label(account: &FoundAccountData) -> &str {
    account
        .email
        .as_deref()
        .or(account.username.as_deref())
        .unwrap_or(&account.integration_specific_id)
}

/// An account cut down to what identifies it, with the attributes `names` (each one listed,
/// valued where the account has a value, typed where `schemas` declares it).
pub(super) fn account_sample(
    account: &FoundAccountData,
    names: &[String],
    schemas: &[CustomAttributeSchema],
) -> ProbeSample {
    let attributes = (!names.is_empty()).then(|| {
        names
            .iter()
            .map(|name| {
                let value = account
                    .custom_attributes
                    .as_ref()
                    .and_then(|values| values.get(name))
                    .filter(|value| !value.is_empty())
                    .cloned();
                let schema = schemas.iter().find(|schema| &schema.name == name);
                ProbeSampleCustomAttribute::builder()
                    .name(name.clone())
                    .maybe_value(value)
                    .maybe_customized_type(schema.map(|s| s.customized_type))
                    .maybe_attribute_type(schema.map(|s| s.attribute_type))
                    .build()
            })
            .collect()
    });
    ProbeSampleAccount::builder()
        .integration_specific_id(account.integration_specific_id.clone())
        .maybe_email(account.email.clone())
        .maybe_username(account.username.clone())
        .maybe_user_status(account.user_status)
        .maybe_custom_attributes(attributes)
        .build()
        .into()
}

/// An entitlement cut down to what identifies it.
pub(super) fn entitlement_sample(entitlement: &FoundEntitlementData) -> ProbeSample {
    ProbeSampleEntitlement::builder()
        .integration_specific_id(entitlement.integration_specific_id.clone())
        .integration_specific_resource_id(entitlement.integration_specific_resource_id.clone())
        .entitlement_type(entitlement.entitlement_type.clone())
        .label(entitlement.label.clone())
        .build()
        .into()
}

/// An association cut down to what identifies it; `linked` when it belongs to an account the
/// probe fetched.
pub(super) fn association_sample(
    association: &FoundEntitlementAssociation,
    linked: bool,
) -> ProbeSample {
    ProbeSampleAssociation::builder()
        .account_id(association.account_id.clone())
        .integration_specific_entitlement_id(
            association.integration_specific_entitlement_id.clone(),
        )
        .integration_specific_resource_id(association.integration_specific_resource_id.clone())
        .linked_to_sampled_account(linked)
        .build()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ProbeEntitlementTypeResult;

    fn check(status: ProbeCheckStatus) -> ProbeCheck {
        empty_check(ProbeCheckName::Accounts, status, None, "")
    }

    #[test]
    fn statuses_aggregate_as_connector_py_does() {
        use ProbeCheckStatus::{Failed, Passed, Skipped, Unsupported};
        let run = |statuses: &[ProbeCheckStatus]| {
            aggregate(&statuses.iter().map(|s| check(*s)).collect::<Vec<_>>())
        };
        assert_eq!(run(&[Passed, Unsupported, Skipped]), ProbeStatus::Passed);
        assert_eq!(run(&[Passed, Failed]), ProbeStatus::Failed);
        assert_eq!(run(&[Unsupported, Skipped]), ProbeStatus::Failed);
        assert_eq!(run(&[Skipped, Skipped]), ProbeStatus::Passed);
        assert_eq!(run(&[]), ProbeStatus::Passed);
        let mut gap = check(Passed);
        gap.entitlement_types = Some(vec![
            ProbeEntitlementTypeResult::builder()
                .entitlement_type("role")
                .status(ProbeCoverageStatus::NotChecked)
                .build(),
        ]);
        assert_eq!(aggregate(&[gap, check(Passed)]), ProbeStatus::Partial);
    }

    #[test]
    fn a_failure_says_the_hint_else_the_message() {
        let mut error = crate::ConnectorError::not_found()
            .with_message("no such thing")
            .to_record("app");
        metadata_of(&mut error).insert("hint".into(), "look elsewhere".into());
        assert_eq!(failure_message(&error), "look elsewhere");
        metadata_of(&mut error).insert("hint".into(), serde_json::Value::Null);
        assert_eq!(failure_message(&error), "no such thing");
        error.error_metadata = None;
        assert_eq!(failure_message(&error), "no such thing");
    }

    fn metadata_of(error: &mut Error) -> &mut serde_json::Map<String, serde_json::Value> {
        error.error_metadata.get_or_insert_default()
    }
}
