//! `#[capability(..., rate_limit_mode = ...)]` as the dispatcher sees it: the capability's mode
//! wins over the connector's and the caller's, and `bypass` builds no limiter, so the success
//! envelope reports no state.

use std::time::Duration;

use connector_runtime::Integration;
use connector_runtime::http::{HttpClient, RateLimitConfig, RateLimitMode};
use connector_runtime::prelude::*;
use connector_tests::run::run_cli;
use serde_json::{Value, json};

/// Builds a limited client (its config says `bypass`) and sends nothing.
fn build(mode: Option<RateLimitMode>) -> Result<(), ConnectorError> {
    let mut config = RateLimitConfig::new("upstream", 4, Duration::from_secs(60));
    if let Some(mode) = mode {
        config = config.mode(mode);
    }
    HttpClient::builder("http://127.0.0.1:1")
        .rate_limit(config)
        .build()
        .map(drop)
}

/// The capability's `enforce` beats the config's `bypass`.
#[capability(list_accounts, rate_limit_mode = enforce)]
async fn list_accounts(
    _req: ListAccountsRequest<NoSettings, TokenCredential>,
) -> Result<ListAccountsResponse, ConnectorError> {
    build(Some(RateLimitMode::Bypass))?;
    Ok(Response::new(Vec::new()))
}

/// The capability's `bypass` beats the caller's `enforce`.
#[capability(list_resources, rate_limit_mode = bypass)]
async fn list_resources(
    _req: ListResourcesRequest<NoSettings, TokenCredential>,
) -> Result<ListResourcesResponse, ConnectorError> {
    build(None)?;
    Ok(Response::new(Vec::new()))
}

/// No mode of its own: the config's `bypass` decides.
#[capability(list_entitlements)]
async fn list_entitlements(
    _req: ListEntitlementsRequest<NoSettings, TokenCredential>,
) -> Result<ListEntitlementsResponse, ConnectorError> {
    build(Some(RateLimitMode::Bypass))?;
    Ok(Response::new(Vec::new()))
}

#[integration(
    app_id = "limits",
    auth = TokenCredential,
    capabilities(list_accounts, list_resources, list_entitlements)
)]
pub struct Limits;

fn rate_limit_of(capability: &str) -> Value {
    let request = json!({"auth": {"token": {"token": "t"}}, "request": {},
        "rate_limit": {"caller_override_mode": "enforce"}});
    let app = <Limits as Integration>::APP;
    let outcome = run_cli(&app, &[capability, "--json", &request.to_string()]);
    let envelope = outcome.json();
    assert!(envelope.get("is_error").is_none(), "{envelope}");
    envelope["rate_limit"].clone()
}

#[test]
fn the_capabilitys_mode_comes_first() {
    assert_eq!(
        rate_limit_of("list_accounts"),
        json!({"current_state": {"upstream": {"remaining": 4, "limit": 4, "reset": null,
            "window_seconds": 60, "current_delay": 0, "source": "sdk_counter"}}})
    );
    assert_eq!(rate_limit_of("list_resources"), Value::Null);
    assert_eq!(rate_limit_of("list_entitlements"), Value::Null);
}
