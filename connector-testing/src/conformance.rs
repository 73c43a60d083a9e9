//! Checks every connector should pass, derived from the capabilities it declares, runnable
//! against an upstream stand-in, replayed fixtures or a live sandbox: list and get agree, an
//! unknown id is `not_found`, an assignment can be found and undone, writes are not retried.

use std::marker::PhantomData;

use connector_runtime::Integration;
use serde_json::{Value, json};

use crate::cases::with_upstream;
use crate::connector::Connector;
use crate::exhaust::exhaust;
use crate::upstream::{ANY, Exchange, Upstream};

/// How one check went.
///
/// ```
/// use connector_testing::Verdict;
///
/// Verdict::Passed.assert_holds();
/// Verdict::NotApplicable("needs get_account".into()).assert_holds();
/// assert!(std::panic::catch_unwind(|| Verdict::Failed("no".into()).assert_holds()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It held.
    Passed,
    /// It did not: what was seen.
    Failed(String),
    /// The connector lacks a capability the check needs.
    NotApplicable(String),
}

impl Verdict {
    /// Panics with the reason unless the check passed or does not apply.
    ///
    /// # Panics
    ///
    /// On [`Verdict::Failed`].
    pub fn assert_holds(&self) {
        if let Verdict::Failed(reason) = self {
            panic!("{reason}");
        }
    }
}

/// The conformance checks of integration `I`, with one request envelope (credentials and
/// settings; its `request` is replaced by each check).
///
/// ```no_run
/// # use connector_runtime::prelude::*;
/// # #[integration(app_id = "demo", capabilities())] pub struct Demo;
/// use connector_testing::Conformance;
/// use serde_json::json;
///
/// let checks = Conformance::<Demo>::new(json!({"auth": {"token": {"token": "t0k3n-xyz"}}, "settings": {}}));
/// checks.unknown_id_is_not_found("no-such-account").assert_holds();
/// ```
pub struct Conformance<I> {
    envelope: Value,
    integration: PhantomData<I>,
}

impl<I: Integration> Conformance<I> {
    /// Checks that send `envelope`'s credentials and settings.
    pub fn new(envelope: Value) -> Self {
        Conformance {
            envelope,
            integration: PhantomData,
        }
    }

    fn has(&self, capability: &str) -> bool {
        I::APP
            .capabilities
            .iter()
            .any(|entry| entry.meta.name == capability)
    }

    fn call(&self, capability: &str, payload: Value) -> crate::Envelope {
        let mut envelope = self.envelope.clone();
        envelope["request"] = payload;
        Connector::<I>::new().call(capability, &envelope)
    }

    fn needs(&self, capabilities: &[&str]) -> Option<Verdict> {
        let missing: Vec<&str> = capabilities
            .iter()
            .copied()
            .filter(|c| !self.has(c))
            .collect();
        (!missing.is_empty())
            .then(|| Verdict::NotApplicable(format!("needs {}", missing.join(", "))))
    }

    /// The first page of `list_accounts` (up to 5) and `get_account` of each agree on id,
    /// email and status.
    pub fn list_and_get_agree(&self) -> Verdict {
        if let Some(skip) = self.needs(&["list_accounts", "get_account"]) {
            return skip;
        }
        let mut envelope = self.envelope.clone();
        envelope["request"] = json!({});
        envelope["page"] = json!({"size": 5});
        let listed = Connector::<I>::new().call("list_accounts", &envelope);
        if listed.is_error() {
            return Verdict::Failed(format!("list_accounts failed: {}", listed.text));
        }
        for account in listed.json["response"].as_array().into_iter().flatten() {
            let id = account["integration_specific_id"].clone();
            let got = self.call("get_account", json!({"account_id": id}));
            if got.is_error() {
                return Verdict::Failed(format!("get_account({id}) failed: {}", got.text));
            }
            for field in ["integration_specific_id", "email", "user_status"] {
                if got.json["response"][field] != account[field] {
                    return Verdict::Failed(format!(
                        "account {id}: list says {field} {}, get says {}",
                        account[field], got.json["response"][field]
                    ));
                }
            }
        }
        Verdict::Passed
    }

    /// Every capability that takes one account's id answers `not_found` for `unknown`.
    pub fn unknown_id_is_not_found(&self, unknown: &str) -> Verdict {
        let by_id = [
            "get_account",
            "activate_account",
            "deactivate_account",
            "delete_account",
            "get_account_entitlement_associations",
        ];
        let present: Vec<&str> = by_id.into_iter().filter(|c| self.has(c)).collect();
        if present.is_empty() {
            return Verdict::NotApplicable("no capability takes an account id".to_owned());
        }
        for capability in present {
            let answer = self.call(capability, json!({"account_id": unknown}));
            if answer.error_code() != Some("not_found") {
                return Verdict::Failed(format!(
                    "{capability} of an unknown account: expected not_found, printed {}",
                    answer.text.trim_end()
                ));
            }
        }
        Verdict::Passed
    }

    /// `assign_entitlement` with `grant` (its payload), then the association is found, then
    /// `unassign_entitlement` removes it and it is found no more.
    pub fn assign_find_unassign(&self, grant: &Value) -> Verdict {
        if let Some(skip) = self.needs(&[
            "assign_entitlement",
            "unassign_entitlement",
            "find_entitlement_associations",
        ]) {
            return skip;
        }
        let held = || -> Result<bool, String> {
            let mut envelope = self.envelope.clone();
            envelope["request"] = json!({});
            let all = exhaust::<I>("find_entitlement_associations", &envelope, 100, 1000)
                .map_err(|e| e.to_string())?;
            Ok(all.iter().any(|a| {
                a["account_id"] == grant["account_integration_specific_id"]
                    && a["integration_specific_entitlement_id"]
                        == grant["entitlement_integration_specific_id"]
                    && a["integration_specific_resource_id"]
                        == grant["resource_integration_specific_id"]
            }))
        };
        let steps: [(&str, bool); 2] = [
            ("assign_entitlement", true),
            ("unassign_entitlement", false),
        ];
        for (capability, expect_held) in steps {
            let answer = self.call(capability, grant.clone());
            if answer.is_error() {
                return Verdict::Failed(format!("{capability} failed: {}", answer.text.trim_end()));
            }
            match held() {
                Ok(now) if now == expect_held => {}
                Ok(now) => {
                    return Verdict::Failed(format!(
                        "after {capability}, find_entitlement_associations {} the grant",
                        if now { "still shows" } else { "does not show" }
                    ));
                }
                Err(e) => return Verdict::Failed(format!("find_entitlement_associations: {e}")),
            }
        }
        Verdict::Passed
    }

    /// Each `(capability, payload)` write, against an upstream that answers every request
    /// with 503, sends no request twice. The envelope's settings must point at the upstream
    /// with `{{upstream}}`.
    pub fn writes_are_not_retried(&self, writes: &[(&str, Value)]) -> Verdict {
        for (capability, payload) in writes {
            if !self.has(capability) {
                return Verdict::NotApplicable(format!("needs {capability}"));
            }
            let upstream = Upstream::start();
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                upstream.expect(Exchange::new(method, ANY).respond(503).times(u32::MAX));
            }
            let mut envelope = with_upstream(self.envelope.clone(), &upstream.url());
            envelope["request"] = payload.clone();
            let answer = Connector::<I>::new().call(capability, &envelope);
            let sent = upstream.received();
            upstream.forget();
            if !answer.is_error() {
                return Verdict::Failed(format!(
                    "{capability} succeeded against a 503: {}",
                    answer.text
                ));
            }
            for (index, request) in sent.iter().enumerate() {
                if sent[..index].contains(request) {
                    return Verdict::Failed(format!(
                        "{capability} sent {} twice against a 503",
                        request.line()
                    ));
                }
            }
        }
        Verdict::Passed
    }
}
