//! The three baseline checks, as connector-py's SDK performs them: each calls the
//! integration's own capabilities in process, through the dispatcher (so the envelope, the
//! settings and the credential are checked as for any call), with small pages.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use super::announce::{
    ACCOUNT_ASSOCIATIONS, FIND_ASSOCIATIONS, LIST_ACCOUNTS, LIST_ENTITLEMENTS, implements,
};
use super::report::{
    account_label, account_sample, association_sample, empty_check, entitlement_sample, failed,
    passed, unsupported,
};
use super::settings::ProbeSettings;
use crate::dispatch;
use crate::error::{ConnectorError, Error};
use crate::integration::App;
use crate::models::{
    CustomAttributeCustomizedType, CustomAttributeSchema, FoundAccountData,
    FoundEntitlementAssociation, FoundEntitlementData, ProbeCheck, ProbeCheckName,
    ProbeCheckStatus, ProbeCoverageStatus, ProbeCustomAttributeResult, ProbeEntitlementTypeResult,
    ProbeIntegration,
};
use crate::secret::Secret;

const ATTRIBUTE_SCHEMA: &str = "list_custom_attributes_schema";

/// How many accounts the associations check asks about one by one.
const MAX_ACCOUNTS_FOR_ASSOCIATIONS: usize = 3;

/// The integration, called in process with the probe's credentials and settings.
pub(super) struct Integration {
    pub(super) app: App,
    /// The probe request's `auth`/`credentials`/`settings` members, as sent.
    pub(super) forwarded: Secret,
    pub(super) settings: ProbeSettings,
}

/// A success envelope's `response` and `page.token`.
struct Answer<T> {
    response: T,
    next_token: Option<String>,
}

impl Integration {
    fn implements(&self, capability: &str) -> bool {
        implements(&self.app, capability)
    }

    /// Calls `capability` with `payload` and a page of the probe's size at `token`.
    async fn call<T: DeserializeOwned>(
        &self,
        capability: &str,
        payload: Value,
        token: Option<&str>,
    ) -> Result<Answer<T>, Error> {
        let page = json!({"token": token, "size": self.settings.page_size});
        let own = format!(r#""request":{payload},"include_raw_data":false,"page":{page}"#);
        let members = self.forwarded.expose();
        let separator = if members.is_empty() { "" } else { "," };
        let envelope = Secret::new(format!("{{{members}{separator}{own}}}"));
        let printed = dispatch::dispatch(&self.app, capability, envelope.expose().as_bytes()).await;
        let mut answer: Value = serde_json::from_str(&printed).map_err(|_| self.unreadable())?;
        if answer.get("is_error").and_then(Value::as_bool) == Some(true) {
            return Err(serde_json::from_value(answer["error"].take())
                .unwrap_or_else(|_| self.unreadable()));
        }
        let next_token = answer["page"]["token"]
            .as_str()
            .filter(|token| !token.is_empty())
            .map(str::to_owned);
        let response = serde_json::from_value(answer["response"].take()).map_err(|_| {
            ConnectorError::invalid_response()
                .with_message(format!("The {capability} response could not be read."))
                .to_record(self.app.app_id)
        })?;
        Ok(Answer {
            response,
            next_token,
        })
    }

    fn unreadable(&self) -> Error {
        ConnectorError::internal_error()
            .with_message("The capability's answer was not an envelope.")
            .to_record(self.app.app_id)
    }

    /// A page of accounts, with whatever custom attributes the connector declares for them
    /// (narrowed to the caller's, if it names any).
    pub(super) async fn check_accounts(&self, probe: &ProbeIntegration) -> ProbeCheck {
        if !self.implements(LIST_ACCOUNTS) {
            return unsupported(ProbeCheckName::Accounts, LIST_ACCOUNTS);
        }
        let schemas = self.account_attribute_schemas().await;
        let mut names: Vec<String> = schemas.iter().map(|s| s.name.clone()).collect();
        if let Some(requested) = probe.custom_attributes.as_ref().filter(|r| !r.is_empty()) {
            names.retain(|name| requested.contains(name));
        }
        let accounts = match self.list_accounts(&names).await {
            Ok(accounts) => accounts,
            Err(error) => return failed(ProbeCheckName::Accounts, Some(LIST_ACCOUNTS), error),
        };
        let Some(first) = accounts.first() else {
            return empty_check(
                ProbeCheckName::Accounts,
                ProbeCheckStatus::Failed,
                Some(LIST_ACCOUNTS),
                "No accounts were returned. The credentials work, but they cannot see any users - check the scopes or the permissions of the account they belong to.",
            );
        };
        let coverage: Vec<ProbeCustomAttributeResult> = names
            .iter()
            .map(|name| {
                let found = accounts.iter().any(|account| {
                    account
                        .custom_attributes
                        .as_ref()
                        .and_then(|values| values.get(name))
                        .is_some_and(|value| !value.is_empty())
                });
                ProbeCustomAttributeResult::builder()
                    .name(name.clone())
                    .status(coverage_status(found))
                    .build()
            })
            .collect();
        let empty: Vec<&str> = coverage
            .iter()
            .filter(|r| r.status != ProbeCoverageStatus::Found)
            .map(|r| r.name.as_str())
            .collect();
        let mut message = format!(
            "Fetched {} account(s), including {}.",
            accounts.len(),
            account_label(first)
        );
        if !empty.is_empty() {
            message.push_str(&format!(
                " No value on any of them for: {}.",
                empty.join(", ")
            ));
            if empty.len() == names.len() {
                message.push_str(" Custom attributes would sync empty.");
            }
        }
        let samples = accounts
            .iter()
            .map(|account| account_sample(account, &names, &schemas))
            .collect();
        let mut check = passed(ProbeCheckName::Accounts, LIST_ACCOUNTS, message, samples);
        check.custom_attributes = (!coverage.is_empty()).then_some(coverage);
        check
    }

    /// Pages of entitlements, until each declared type was seen or the page budget is spent.
    pub(super) async fn check_entitlements(&self) -> ProbeCheck {
        if !self.implements(LIST_ENTITLEMENTS) {
            return unsupported(ProbeCheckName::Entitlements, LIST_ENTITLEMENTS);
        }
        let declared: Vec<&str> = self
            .app
            .entitlement_types
            .iter()
            .map(|t| t.type_id)
            .collect();
        let mut fetched: Vec<FoundEntitlementData> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut token: Option<String> = None;
        let mut exhausted = false;
        let mut paging_error = None;
        for _ in 0..self.settings.max_entitlement_pages {
            let page = match self
                .call::<Vec<FoundEntitlementData>>(
                    LIST_ENTITLEMENTS,
                    json!({"custom_attributes": null}),
                    token.as_deref(),
                )
                .await
            {
                Ok(page) => page,
                Err(error) if fetched.is_empty() => {
                    return failed(ProbeCheckName::Entitlements, Some(LIST_ENTITLEMENTS), error);
                }
                // A later page failing only limits the type coverage.
                Err(error) => {
                    paging_error = Some(error);
                    break;
                }
            };
            seen.extend(page.response.iter().map(|e| e.entitlement_type.clone()));
            fetched.extend(page.response);
            token = page.next_token;
            if token.is_none() {
                exhausted = true;
                break;
            }
            if declared.iter().all(|t| seen.contains(*t)) {
                break;
            }
        }
        if fetched.is_empty() {
            return empty_check(
                ProbeCheckName::Entitlements,
                ProbeCheckStatus::Failed,
                Some(LIST_ENTITLEMENTS),
                "No entitlements were returned. If accounts would sync, Lumos may have no permissions to attach them to.",
            );
        }
        let types: Vec<ProbeEntitlementTypeResult> = declared
            .iter()
            .map(|type_id| {
                let status = if seen.contains(*type_id) {
                    ProbeCoverageStatus::Found
                } else if exhausted {
                    ProbeCoverageStatus::NotFound
                } else {
                    // Still unseen when the page budget ran out: unknown, not absent.
                    ProbeCoverageStatus::NotChecked
                };
                ProbeEntitlementTypeResult::builder()
                    .entitlement_type(*type_id)
                    .status(status)
                    .build()
            })
            .collect();
        let missing: Vec<&str> = types
            .iter()
            .filter(|r| r.status != ProbeCoverageStatus::Found)
            .map(|r| r.entitlement_type.as_str())
            .collect();
        let mut message = format!("Fetched {} entitlement(s).", fetched.len());
        if !missing.is_empty() {
            message.push_str(&format!(
                " No entitlement seen yet for: {}.",
                missing.join(", ")
            ));
        }
        if let Some(error) = paging_error {
            message.push_str(&format!(" Reading further pages failed: {}", error.message));
        }
        let samples = fetched.iter().map(entitlement_sample).collect();
        let mut check = passed(
            ProbeCheckName::Entitlements,
            LIST_ENTITLEMENTS,
            message,
            samples,
        );
        check.entitlement_types = (!types.is_empty()).then_some(types);
        check
    }

    /// Associations of a few fetched accounts, asked for one account at a time where the
    /// connector can, else one page of all associations.
    pub(super) async fn check_associations(&self) -> ProbeCheck {
        let accounts = if self.implements(LIST_ACCOUNTS) {
            self.list_accounts(&[]).await.unwrap_or_default()
        } else {
            Vec::new()
        };
        let ids: BTreeSet<&str> = accounts
            .iter()
            .map(|a| a.integration_specific_id.as_str())
            .collect();
        if !accounts.is_empty() && self.implements(ACCOUNT_ASSOCIATIONS) {
            let mut associations = Vec::new();
            for account in accounts.iter().take(MAX_ACCOUNTS_FOR_ASSOCIATIONS) {
                let payload = json!({"account_id": account.integration_specific_id});
                match self
                    .call::<Vec<FoundEntitlementAssociation>>(ACCOUNT_ASSOCIATIONS, payload, None)
                    .await
                {
                    Ok(page) => associations.extend(page.response),
                    Err(error) if associations.is_empty() => {
                        return failed(
                            ProbeCheckName::EntitlementAssociations,
                            Some(ACCOUNT_ASSOCIATIONS),
                            error,
                        );
                    }
                    // Access is already shown for an earlier account.
                    Err(_) => break,
                }
            }
            return association_result(ACCOUNT_ASSOCIATIONS, &associations, |_| true);
        }
        if !self.implements(FIND_ASSOCIATIONS) {
            return unsupported(ProbeCheckName::EntitlementAssociations, FIND_ASSOCIATIONS);
        }
        match self
            .call::<Vec<FoundEntitlementAssociation>>(FIND_ASSOCIATIONS, json!({}), None)
            .await
        {
            Ok(page) => association_result(FIND_ASSOCIATIONS, &page.response, |association| {
                ids.contains(association.account_id.as_str())
            }),
            Err(error) => failed(
                ProbeCheckName::EntitlementAssociations,
                Some(FIND_ASSOCIATIONS),
                error,
            ),
        }
    }

    async fn list_accounts(&self, attributes: &[String]) -> Result<Vec<FoundAccountData>, Error> {
        let attributes = (!attributes.is_empty()).then_some(attributes);
        self.call(
            LIST_ACCOUNTS,
            json!({"custom_attributes": attributes}),
            None,
        )
        .await
        .map(|page| page.response)
    }

    /// The account attributes the connector's schema declares (none when it has no schema
    /// capability or the call fails).
    async fn account_attribute_schemas(&self) -> Vec<CustomAttributeSchema> {
        if !self.implements(ATTRIBUTE_SCHEMA) {
            return Vec::new();
        }
        self.call::<Vec<CustomAttributeSchema>>(ATTRIBUTE_SCHEMA, json!({}), None)
            .await
            .map(|page| page.response)
            .unwrap_or_default()
            .into_iter()
            .filter(|schema| schema.customized_type == CustomAttributeCustomizedType::Account)
            .collect()
    }
}

/// The associations check once its capability answered.
fn association_result(
    capability: &str,
    associations: &[FoundEntitlementAssociation],
    linked: impl Fn(&FoundEntitlementAssociation) -> bool,
) -> ProbeCheck {
    if associations.is_empty() {
        return empty_check(
            ProbeCheckName::EntitlementAssociations,
            ProbeCheckStatus::Failed,
            Some(capability),
            "No entitlement associations were returned. Accounts and entitlements may sync, but Lumos would not know specific account access permissions.",
        );
    }
    let linked_accounts: BTreeSet<&str> = associations
        .iter()
        .filter(|a| linked(a))
        .map(|a| a.account_id.as_str())
        .collect();
    let message = if linked_accounts.is_empty() {
        format!(
            "Fetched {} association(s), but none of them belong to an account this probe could fetch, so the link could not be confirmed.",
            associations.len()
        )
    } else {
        format!(
            "Fetched {} association(s) across {} account(s).",
            associations.len(),
            linked_accounts.len()
        )
    };
    let samples = associations
        .iter()
        .map(|a| association_sample(a, linked(a)))
        .collect();
    passed(
        ProbeCheckName::EntitlementAssociations,
        capability,
        message,
        samples,
    )
}

fn coverage_status(found: bool) -> ProbeCoverageStatus {
    if found {
        ProbeCoverageStatus::Found
    } else {
        ProbeCoverageStatus::NotFound
    }
}
