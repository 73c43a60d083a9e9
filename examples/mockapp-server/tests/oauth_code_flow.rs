//! The OAuth code flow end to end: authorize, exchange with PKCE, call the
//! API with the new token, refresh; and what makes an exchange fail.

mod oauth_support;

use mockapp_server::Config;
use oauth_support::*;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn pkce_code_flow_with_refresh_rotation() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let path = format!(
        "/oauth/authorize?response_type=code&client_id=mockapp-client\
         &redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb%3Fx%3D1&scope=read+write\
         &state=st%20%261&code_challenge={CHALLENGE}&code_challenge_method=S256"
    );
    let reply = request(addr, "GET", &path, "", None).await;
    assert_eq!(reply.status, 302);
    let location = reply.header("location").expect("Location");
    assert!(
        location.starts_with("http://localhost:9/cb?x=1&code="),
        "{location}"
    );
    let pairs = location_query(location);
    assert_eq!(param(&pairs, "state"), Some("st &1"));
    let code = param(&pairs, "code").expect("code");
    assert!(code.len() >= 32, "{code}");

    let form = format!(
        "grant_type=authorization_code&code={code}&redirect_uri=http%3A%2F%2Flocalhost%3A9%2Fcb%3Fx%3D1&code_verifier={VERIFIER}"
    );
    let issued = token(addr, &form).await;
    assert_eq!(issued.status, 200, "{:?}", issued.json());
    assert_eq!(issued.header("cache-control"), Some("no-store"));
    assert_eq!(issued.header("content-type"), Some("application/json"));
    let body = issued.json();
    assert_eq!(
        (&body["token_type"], &body["expires_in"], &body["scope"]),
        (&json!("Bearer"), &json!(3600), &json!("read write"))
    );
    let access = body["access_token"].as_str().expect("access_token");
    let refresh = body["refresh_token"].as_str().expect("refresh_token");
    assert_eq!(api_status(addr, access).await, 200);
    assert_eq!(
        api_status(addr, "valid-token").await,
        200,
        "static token too"
    );
    assert_eq!(api_status(addr, &format!("{access}x")).await, 401);

    let refreshed = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    assert_eq!(refreshed.status, 200, "{:?}", refreshed.json());
    assert_eq!(refreshed.header("cache-control"), Some("no-store"));
    let next = refreshed.json();
    let next_access = next["access_token"].as_str().expect("access_token");
    let next_refresh = next["refresh_token"].as_str().expect("refresh_token");
    assert_ne!((next_access, next_refresh), (access, refresh));
    assert_eq!(next["scope"], "read write");
    let old = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    assert_eq!(old.error(), (400, json!("invalid_grant")));
    assert_eq!(old.header("cache-control"), Some("no-store"));
    assert_eq!(api_status(addr, next_access).await, 200);

    // A narrower scope may be asked for, a wider one may not.
    let wider = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={next_refresh}&scope=admin"),
    )
    .await;
    assert_eq!(wider.error(), (400, json!("invalid_scope")));
    let narrower = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={next_refresh}&scope=read"),
    )
    .await;
    assert_eq!(
        (narrower.status, &narrower.json()["scope"]),
        (200, &json!("read"))
    );
}

#[tokio::test]
async fn a_reused_code_is_refused_and_revokes_its_tokens() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let code = authorize_pkce(addr).await;
    let first = token(addr, &exchange(&code, VERIFIER)).await;
    assert_eq!(first.status, 200);
    let first = first.json();
    let access = first["access_token"].as_str().expect("access_token");
    assert!(first.get("scope").is_none(), "no scope asked, none given");
    assert_eq!(api_status(addr, access).await, 200);

    let again = token(addr, &exchange(&code, VERIFIER)).await;
    assert_eq!(again.error(), (400, json!("invalid_grant")));
    assert_eq!(api_status(addr, access).await, 401);
    let refresh = first["refresh_token"].as_str().expect("refresh_token");
    let refreshed = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    assert_eq!(refreshed.error(), (400, json!("invalid_grant")));
}

#[tokio::test]
async fn the_verifier_and_redirect_uri_must_match() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let code = authorize_pkce(addr).await;
    let wrong = token(addr, &exchange(&code, &"a".repeat(43))).await;
    assert_eq!(wrong.error(), (400, json!("invalid_grant")));
    assert_eq!(wrong.header("cache-control"), Some("no-store"));
    let missing = format!("grant_type=authorization_code&code={code}&redirect_uri={REDIRECT}");
    assert_eq!(
        token(addr, &missing).await.error(),
        (400, json!("invalid_grant"))
    );
    let elsewhere = format!(
        "grant_type=authorization_code&code={code}&redirect_uri=http://localhost:9/other&code_verifier={VERIFIER}"
    );
    assert_eq!(
        token(addr, &elsewhere).await.error(),
        (400, json!("invalid_grant"))
    );
    // Failed attempts leave the code usable.
    assert_eq!(token(addr, &exchange(&code, VERIFIER)).await.status, 200);

    // A verifier for a code issued without a challenge is refused too.
    let plain = authorize(addr, "").await;
    assert_eq!(
        token(addr, &exchange(&plain, VERIFIER)).await.error(),
        (400, json!("invalid_grant"))
    );
    let without = format!("grant_type=authorization_code&code={plain}&redirect_uri={REDIRECT}");
    assert_eq!(token(addr, &without).await.status, 200);
    let unknown = exchange("nope", VERIFIER);
    assert_eq!(
        token(addr, &unknown).await.error(),
        (400, json!("invalid_grant"))
    );
}

#[tokio::test]
async fn expired_codes_and_tokens() {
    let server = start(Config {
        oauth_code_ttl: Duration::ZERO,
        ..Config::default()
    })
    .await;
    let code = authorize_pkce(server.addr).await;
    let late = token(server.addr, &exchange(&code, VERIFIER)).await;
    assert_eq!(late.error(), (400, json!("invalid_grant")));

    let server = start(Config {
        oauth_refresh_token_ttl: Duration::ZERO,
        oauth_access_token_ttl: Duration::ZERO,
        ..Config::default()
    })
    .await;
    let addr = server.addr;
    let code = authorize_pkce(addr).await;
    let issued = token(addr, &exchange(&code, VERIFIER)).await;
    assert_eq!(
        (issued.status, &issued.json()["expires_in"]),
        (200, &json!(0))
    );
    let issued = issued.json();
    let access = issued["access_token"].as_str().expect("access_token");
    let unauthorized = request(
        addr,
        "GET",
        "/api/users",
        &format!("Authorization: Bearer {access}\r\n"),
        None,
    )
    .await;
    assert_eq!(unauthorized.status, 401);
    assert_eq!(unauthorized.header("www-authenticate"), Some("Bearer"));
    assert_eq!(
        unauthorized.body,
        br#"{"detail":"Invalid or missing authentication token"}"#
    );
    let refresh = issued["refresh_token"].as_str().expect("refresh_token");
    let expired = token(
        addr,
        &format!("grant_type=refresh_token&refresh_token={refresh}"),
    )
    .await;
    assert_eq!(expired.error(), (400, json!("invalid_grant")));
}
