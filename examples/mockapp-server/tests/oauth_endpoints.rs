//! The OAuth token endpoint's edges end to end: client authentication, where
//! parameters may be, the other grant types, and `/oauth/authorize` errors.

mod oauth_support;

use mockapp_server::Config;
use oauth_support::*;
use serde_json::json;

#[tokio::test]
async fn client_authentication() {
    let server = start(Config {
        oauth_client_id: "my client".to_owned(),
        oauth_client_secret: "s:e/c r+t".to_owned(),
        ..Config::default()
    })
    .await;
    let addr = server.addr;
    let grant = Some((FORM, "grant_type=client_credentials"));
    // Basic carries the form-urlencoded id and secret.
    let encoded = basic("my+client", "s%3Ae%2Fc+r%2Bt");
    let ok = request(addr, "POST", "/oauth/token", &encoded, grant).await;
    assert_eq!(ok.status, 200, "{:?}", ok.json());
    let raw = basic("my client", "s:e/c r+t");
    let wrong = request(addr, "POST", "/oauth/token", &raw, grant).await;
    assert_eq!(wrong.error(), (401, json!("invalid_client")));
    assert_eq!(
        wrong.header("www-authenticate"),
        Some("Basic realm=\"mockapp\"")
    );
    assert_eq!(wrong.header("cache-control"), Some("no-store"));

    let post = "grant_type=client_credentials&client_id=my+client&client_secret=s%3Ae%2Fc+r%2Bt";
    let ok = request(addr, "POST", "/oauth/token", "", Some((FORM, post))).await;
    assert_eq!(ok.status, 200);
    let bad_secret = "grant_type=client_credentials&client_id=my+client&client_secret=nope";
    let wrong = request(addr, "POST", "/oauth/token", "", Some((FORM, bad_secret))).await;
    assert_eq!(wrong.error(), (401, json!("invalid_client")));
    assert_eq!(wrong.header("www-authenticate"), None);
    let none = request(addr, "POST", "/oauth/token", "", grant).await;
    assert_eq!(none.error(), (401, json!("invalid_client")));
    let both = request(
        addr,
        "POST",
        "/oauth/token",
        &encoded,
        Some((FORM, "grant_type=client_credentials&client_secret=x")),
    )
    .await;
    assert_eq!(both.error(), (400, json!("invalid_request")));
}

#[tokio::test]
async fn json_and_query_parameters() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let code = authorize_pkce(addr).await;
    let body = json!({
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
        "code_verifier": VERIFIER, "client_id": "mockapp-client", "client_secret": "mockapp-secret",
    })
    .to_string();
    let issued = request(
        addr,
        "POST",
        "/oauth/token",
        "",
        Some(("application/json", &body)),
    )
    .await;
    assert_eq!(issued.status, 200, "{:?}", issued.json());
    let refresh = issued.json()["refresh_token"].clone();
    let refresh = refresh.as_str().expect("refresh_token");

    let path = format!(
        "/oauth/token?grant_type=refresh_token&refresh_token={refresh}&client_id=mockapp-client&client_secret=mockapp-secret"
    );
    let refreshed = request(addr, "POST", &path, "", None).await;
    assert_eq!(refreshed.status, 200, "{:?}", refreshed.json());
    let access = refreshed.json()["access_token"].clone();
    assert_eq!(
        api_status(addr, access.as_str().expect("access")).await,
        200
    );

    // Query and body merge; the body wins.
    let merged = request(
        addr,
        "POST",
        "/oauth/token?grant_type=password&client_id=mockapp-client",
        "",
        Some((
            "application/json",
            r#"{"grant_type":"client_credentials","client_secret":"mockapp-secret"}"#,
        )),
    )
    .await;
    assert_eq!(merged.status, 200, "{:?}", merged.json());
    let bad_json = request(
        addr,
        "POST",
        "/oauth/token",
        &default_basic(),
        Some(("application/json", "{")),
    )
    .await;
    assert_eq!(bad_json.error(), (400, json!("invalid_request")));
}

#[tokio::test]
async fn grant_types() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let issued = token(addr, "grant_type=client_credentials&scope=read%20write").await;
    assert_eq!(issued.status, 200);
    assert_eq!(issued.header("cache-control"), Some("no-store"));
    let body = issued.json();
    assert_eq!(
        (&body["scope"], body.get("refresh_token")),
        (&json!("read write"), None)
    );
    let access = body["access_token"].as_str().expect("access_token");
    assert_eq!(api_status(addr, access).await, 200);

    let password = token(addr, "grant_type=password&username=a&password=b").await;
    assert_eq!(password.error(), (400, json!("unsupported_grant_type")));
    assert_eq!(
        token(addr, "").await.error(),
        (400, json!("invalid_request"))
    );
    let no_code = format!("grant_type=authorization_code&redirect_uri={REDIRECT}");
    assert_eq!(
        token(addr, &no_code).await.error(),
        (400, json!("invalid_request"))
    );
    let no_redirect = "grant_type=authorization_code&code=abc";
    assert_eq!(
        token(addr, no_redirect).await.error(),
        (400, json!("invalid_request"))
    );
    assert_eq!(
        token(addr, "grant_type=refresh_token").await.error(),
        (400, json!("invalid_request"))
    );
    let get = request(addr, "GET", "/oauth/token", "", None).await;
    assert_eq!(get.status, 405);
}

#[tokio::test]
async fn authorize_errors() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let base = "/oauth/authorize?response_type=code";
    // No usable client or redirect URI: a 400 here, no redirect.
    for (query, error) in [
        (
            format!("&client_id=someone&redirect_uri={REDIRECT}"),
            "unauthorized_client",
        ),
        (format!("&redirect_uri={REDIRECT}"), "invalid_request"),
        ("&client_id=mockapp-client".to_owned(), "invalid_request"),
        (
            "&client_id=mockapp-client&redirect_uri=ftp://x/".to_owned(),
            "invalid_request",
        ),
        (
            "&client_id=mockapp-client&redirect_uri=/relative".to_owned(),
            "invalid_request",
        ),
        (
            format!("&client_id=mockapp-client&redirect_uri={REDIRECT}%23frag"),
            "invalid_request",
        ),
    ] {
        let reply = request(addr, "GET", &format!("{base}{query}"), "", None).await;
        assert_eq!(reply.error(), (400, json!(error)), "{query}");
        assert_eq!(reply.header("location"), None, "{query}");
    }

    // Everything else goes back to the client's redirect URI.
    let client = format!("client_id=mockapp-client&redirect_uri={REDIRECT}");
    for (query, error) in [
        (
            "response_type=token&state=s1".to_owned(),
            "unsupported_response_type",
        ),
        ("state=s1".to_owned(), "invalid_request"),
        (
            format!(
                "response_type=code&state=s1&code_challenge={CHALLENGE}&code_challenge_method=plain"
            ),
            "invalid_request",
        ),
        (
            format!("response_type=code&state=s1&code_challenge={CHALLENGE}"),
            "invalid_request",
        ),
        (
            "response_type=code&state=s1&code_challenge=short&code_challenge_method=S256"
                .to_owned(),
            "invalid_request",
        ),
        (
            "response_type=code&state=s1&code_challenge_method=S256".to_owned(),
            "invalid_request",
        ),
    ] {
        let path = format!("/oauth/authorize?{client}&{query}");
        let reply = request(addr, "GET", &path, "", None).await;
        assert_eq!(reply.status, 302, "{query}");
        let location = reply.header("location").expect("Location");
        assert!(
            location.starts_with(&format!("{REDIRECT}?error=")),
            "{location}"
        );
        let pairs = location_query(location);
        assert_eq!(param(&pairs, "error"), Some(error), "{query}");
        assert!(param(&pairs, "error_description").is_some_and(|d| !d.is_empty()));
        assert_eq!(param(&pairs, "state"), Some("s1"));
        assert_eq!(param(&pairs, "code"), None);
    }

    // No state given, none echoed.
    let path = format!("/oauth/authorize?{client}&response_type=code");
    let reply = request(addr, "GET", &path, "", None).await;
    let location = reply.header("location").expect("Location");
    assert!(!location.contains("state="), "{location}");
}

#[tokio::test]
async fn oauth_routes_take_fault_prefixes_and_are_counted() {
    let server = start(Config::default()).await;
    let addr = server.addr;
    let failed = request(addr, "POST", "/_fault/503/oauth/token", "", None).await;
    assert_eq!(failed.status, 503);
    assert_eq!(
        token(addr, "grant_type=client_credentials").await.status,
        200
    );
    let stats = request(addr, "GET", "/_stats", "", None).await.json();
    assert_eq!(stats["routes"]["POST /oauth/token"], 2, "{stats}");
}

#[test]
fn binary_refuses_a_bad_lifetime() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_mockapp-server"))
        .args(["--port", "0", "--refresh-token-ttl", "soon"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--refresh-token-ttl must be a number of seconds"),
        "{stderr}"
    );
}
