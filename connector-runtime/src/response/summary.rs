//! One-line execution summaries for write capabilities: what the write did to the app, with the
//! request's fingerprint. The constructors are inherent methods of the generated
//! `ExecutionSummary`, so authors find them on the model.

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::ConnectorError;
use crate::models::{
    CreatedEffect, CreatedEffectKind, DeletedEffect, DeletedEffectKind, Effect, ExecutionSummary,
    NoopEffect, NoopEffectKind, NoopEffectReason, UpdatedEffect, UpdatedEffectKind,
};
use crate::request::Request;

/// Summaries by effect. Each takes the fingerprint from the request and presets
/// `is_idempotent` to what the effect usually means (override it with
/// [`idempotent`](ExecutionSummary::idempotent) when the app behaves otherwise):
///
/// | constructor | `effect` | `is_idempotent` |
/// | --- | --- | --- |
/// | [`created`](ExecutionSummary::created) | `{"kind":"created"}` | `false`: sending it again may create a second record, or fail |
/// | [`updated`](ExecutionSummary::updated) | `{"kind":"updated"}` | `true`: setting the same values twice leaves the same state |
/// | [`deleted`](ExecutionSummary::deleted) | `{"kind":"deleted"}` | `true`: the record stays gone |
/// | [`noop`](ExecutionSummary::noop) | `{"kind":"noop","reason":…}` | `true`: nothing changed, nothing will |
///
/// The fingerprint fails only when the payload's `Serialize` does (see
/// [`Request::fingerprint`]), hence the `Result`. A summary goes into the envelope with
/// [`Response::with_execution_summary`](crate::Response::with_execution_summary):
///
/// ```
/// # use connector_runtime::prelude::*;
/// async fn delete_account(req: DeleteAccountRequest) -> Result<DeleteAccountResponse, ConnectorError> {
///     // ... the upstream call ...
///     let deleted = DeletedAccount::builder().status(AccountStatus::Deleted).deleted(true).build();
///     Ok(Response::new(deleted).with_execution_summary(ExecutionSummary::deleted(&req)?))
/// }
/// ```
impl ExecutionSummary {
    /// The write added a record.
    pub fn created<P: Serialize + JsonSchema, S, A>(
        req: &Request<P, S, A>,
    ) -> Result<Self, ConnectorError> {
        summary(
            req,
            CreatedEffect {
                kind: CreatedEffectKind::Created,
            }
            .into(),
            false,
        )
    }

    /// The write changed an existing record.
    pub fn updated<P: Serialize + JsonSchema, S, A>(
        req: &Request<P, S, A>,
    ) -> Result<Self, ConnectorError> {
        summary(
            req,
            UpdatedEffect {
                kind: UpdatedEffectKind::Updated,
            }
            .into(),
            true,
        )
    }

    /// The write removed a record.
    pub fn deleted<P: Serialize + JsonSchema, S, A>(
        req: &Request<P, S, A>,
    ) -> Result<Self, ConnectorError> {
        summary(
            req,
            DeletedEffect {
                kind: DeletedEffectKind::Deleted,
            }
            .into(),
            true,
        )
    }

    /// The write changed nothing, for `reason` (the app was already in the requested state).
    pub fn noop<P: Serialize + JsonSchema, S, A>(
        req: &Request<P, S, A>,
        reason: NoopEffectReason,
    ) -> Result<Self, ConnectorError> {
        summary(
            req,
            NoopEffect {
                kind: NoopEffectKind::Noop,
                reason,
            }
            .into(),
            true,
        )
    }

    /// Sets `is_idempotent`: whether sending the same request again is safe, with the same
    /// result and no further change.
    #[must_use]
    pub fn idempotent(mut self, is_idempotent: bool) -> Self {
        self.is_idempotent = is_idempotent;
        self
    }

    /// Sets `description`: more about what happened, for people reading the summary.
    #[must_use]
    pub fn with_description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

fn summary<P: Serialize + JsonSchema, S, A>(
    req: &Request<P, S, A>,
    effect: Effect,
    is_idempotent: bool,
) -> Result<ExecutionSummary, ConnectorError> {
    Ok(ExecutionSummary::builder()
        .effect(effect)
        .request_fingerprint(req.fingerprint()?)
        .is_idempotent(is_idempotent)
        .build())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::models::DeleteAccount;
    use crate::request::{NoAuth, NoSettings};

    #[test]
    fn each_effect_on_the_wire() {
        let req = Request::new(
            DeleteAccount::builder().account_id("u1").build(),
            NoSettings,
            NoAuth,
        );
        let fp = req.fingerprint().unwrap();
        let wire = |s: ExecutionSummary| serde_json::to_value(s).unwrap();
        let expect = |effect, idem| {
            json!({"effect": effect, "request_fingerprint": fp, "is_idempotent": idem,
                   "description": null, "caught_errors": null})
        };
        assert_eq!(
            wire(ExecutionSummary::created(&req).unwrap()),
            expect(json!({"kind": "created"}), false)
        );
        assert_eq!(
            wire(ExecutionSummary::updated(&req).unwrap()),
            expect(json!({"kind": "updated"}), true)
        );
        assert_eq!(
            wire(ExecutionSummary::deleted(&req).unwrap().idempotent(false)),
            expect(json!({"kind": "deleted"}), false)
        );
        let noop = ExecutionSummary::noop(&req, NoopEffectReason::StateAlreadyMatches).unwrap();
        assert_eq!(
            wire(noop.clone()),
            expect(
                json!({"kind": "noop", "reason": "state_already_matches"}),
                true
            )
        );
        assert_eq!(
            wire(noop.with_description("held already"))["description"],
            "held already"
        );
    }
}
