//! The probe against integrations written for the purpose: one whose accounts never come in
//! time, one whose entitlements never end.

use std::time::Duration;

use serde_json::{Value, json};

use super::{ProbeSettings, setup};
use crate::capabilities::{
    ListAccountsRequest, ListAccountsResponse, ListEntitlementsRequest, ListEntitlementsResponse,
    list_accounts, list_entitlements,
};
use crate::dispatch::dispatch;
use crate::error::ConnectorError;
use crate::handler::{CapabilityEntry, CapabilityHandler, CapabilityMeta};
use crate::integration::{App, EntitlementTypeDef, Integration};
use crate::models::{FoundEntitlementData, Page};
use crate::request::{NoAuth, NoSettings};
use crate::response::Response;

/// `list_accounts` that answers after a minute.
struct SlowAccounts;

impl CapabilityHandler for SlowAccounts {
    type Request = ListAccountsRequest<NoSettings, NoAuth>;
    type Output = Vec<crate::models::FoundAccountData>;
    const META: CapabilityMeta = CapabilityMeta::standard::<list_accounts>("tests:slow");

    async fn call(_: Self::Request) -> Result<ListAccountsResponse, ConnectorError> {
        tokio::time::sleep(Duration::from_secs(60)).await;
        Ok(Response::new(Vec::new()))
    }
}

/// `list_entitlements` whose every page holds one entitlement of type `seen` and a next page.
struct EndlessEntitlements;

impl CapabilityHandler for EndlessEntitlements {
    type Request = ListEntitlementsRequest<NoSettings, NoAuth>;
    type Output = Vec<FoundEntitlementData>;
    const META: CapabilityMeta = CapabilityMeta::standard::<list_entitlements>("tests:endless");

    async fn call(request: Self::Request) -> Result<ListEntitlementsResponse, ConnectorError> {
        let page: usize = request.page_token().map_or(0, |t| t.parse().unwrap_or(0));
        let entitlement = FoundEntitlementData::builder()
            .entitlement_type("seen")
            .integration_specific_id(format!("e{page}"))
            .integration_specific_resource_id("r")
            .label("E")
            .build();
        Ok(Response::new(vec![entitlement]).with_page(Some(Page {
            token: Some((page + 1).to_string()),
            size: None,
        })))
    }
}

struct Slow;

impl Integration for Slow {
    type Settings = NoSettings;
    type Auth = NoAuth;
    const APP: App =
        App::new::<NoSettings, NoAuth>("slow", "0", &[CapabilityEntry::of::<SlowAccounts>()])
            .with_probe(setup::<Slow>(ProbeSettings {
                per_check_timeout_seconds: 1,
                ..ProbeSettings::DEFAULT
            }));
}

struct Endless;

const TYPES: &[EntitlementTypeDef] = &[
    EntitlementTypeDef::new("seen", "Seen", "r"),
    EntitlementTypeDef::new("unseen", "Unseen", "r"),
];

impl Integration for Endless {
    type Settings = NoSettings;
    type Auth = NoAuth;
    const APP: App = App::new::<NoSettings, NoAuth>(
        "endless",
        "0",
        &[CapabilityEntry::of::<EndlessEntitlements>()],
    )
    .with_entitlement_types(TYPES)
    .with_probe(setup::<Endless>(ProbeSettings {
        max_entitlement_pages: 2,
        ..ProbeSettings::DEFAULT
    }));
}

async fn probe(app: &App) -> Value {
    let printed = dispatch(
        app,
        "probe_integration",
        br#"{"auth":{"token":{"token":"t"}},"request":{}}"#,
    )
    .await;
    serde_json::from_str::<Value>(&printed).unwrap()["response"].clone()
}

#[tokio::test(start_paused = true)]
async fn a_check_over_its_time_limit_fails_with_request_timeout() {
    let report = probe(&Slow::APP).await;
    assert_eq!(report["status"], "failed");
    let accounts = &report["checks"][0];
    assert_eq!(accounts["status"], "failed");
    assert_eq!(accounts["error"]["error_code"], "request_timeout");
    assert_eq!(
        accounts["error"]["message"],
        "Probing accounts took longer than 1s and was stopped."
    );
    assert_eq!(
        report["checks"][1]["message"],
        "This connector does not implement list_entitlements."
    );
    assert_eq!(report["checks"][1]["status"], "unsupported");
}

#[tokio::test(start_paused = true)]
async fn entitlement_types_unseen_within_the_page_budget_are_not_checked() {
    let report = probe(&Endless::APP).await;
    assert_eq!(report["status"], "partial", "{report}");
    let entitlements = &report["checks"][1];
    assert_eq!(entitlements["status"], "passed");
    assert_eq!(entitlements["observed_count"], 2, "two pages, one each");
    assert_eq!(
        entitlements["entitlement_types"],
        json!([
            {"entitlement_type": "seen", "status": "found"},
            {"entitlement_type": "unseen", "status": "not_checked"},
        ])
    );
    assert_eq!(
        entitlements["message"],
        "Fetched 2 entitlement(s). No entitlement seen yet for: unseen."
    );
    assert_eq!(report["checks"][0]["status"], "unsupported");
}
