//! No secret reaches a printable form: `Debug` of every credential kind and of requests that
//! carry them, errors about malformed credentials, and the error envelope.

use connector_runtime::credentials::AuthCredential;
use connector_runtime::request::{DecodeRequest, RawEnvelope};
use connector_runtime::{NoAuth, Request, Secret};
use schemars::JsonSchema;
use serde::Deserialize;

const SECRETS: &[&str] = &[
    "tok-secret-1111",
    "pw-secret-2222",
    "oauth-secret-3333",
    "client-secret-4444",
    "consumer-secret-5555",
    "token-secret-6666",
    "jwt-secret-7777",
    "key-secret-8888",
    "pk-secret-9999",
    "setting-secret-0000",
];

const EVERY_KIND: &str = r#"{
    "token": {"token": "tok-secret-1111"},
    "basic": {"username": "u", "password": "pw-secret-2222"},
    "oauth": {"access_token": "oauth-secret-3333"},
    "oauth_client_credentials": {"access_token": "oauth-secret-3333", "client_id": "c",
        "client_secret": "client-secret-4444", "scopes": []},
    "oauth1": {"consumer_key": "k", "consumer_secret": "consumer-secret-5555", "token_id": "t",
        "token_secret": "token-secret-6666"},
    "jwt": {"headers": {"alg":"","jku":"","jwk":"","typ":"","kid":"","x5u":"","x5c":"","x5t":"",
        "x5t#S256":"","cty":"","crit":[]}, "claims": {"iss":"","sub":"","aud":"","exp":0,"nbf":0,
        "iat":0,"jti":"","act":"","scope":[],"client_id":"","may_act":""}, "secret": "jwt-secret-7777"},
    "service_account": {"key": {"private_key": "key-secret-8888"}, "impersonation_email": "e",
        "tenant_id": "t", "scopes": []},
    "key_pair": {"key_identifier": "k", "private_key": "pk-secret-9999"}
}"#;

/// Settings with a secret field.
#[derive(Debug, Deserialize, JsonSchema)]
struct Settings {
    signing_key: Secret,
}

fn assert_clean(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "{secret} printed in: {text}");
    }
}

#[test]
fn every_credential_kind_prints_redacted() {
    let credential: AuthCredential = serde_json::from_str(EVERY_KIND).unwrap();
    assert!(
        credential.jwt.is_some() && credential.service_account.is_some(),
        "all kinds parsed"
    );
    assert_clean(&format!("{credential:?} {credential:#?}"));
}

#[test]
fn a_decoded_request_prints_redacted() {
    let json = format!(
        r#"{{"auth": {EVERY_KIND}, "settings": {{"signing_key": "setting-secret-0000"}}, "request": {{}}}}"#
    );
    let envelope = RawEnvelope::parse(json.as_bytes()).unwrap();
    let request =
        Request::<serde_json::Value, Settings, NoAuth>::decode(envelope, "app", true).unwrap();
    assert_eq!(request.settings.signing_key.expose(), "setting-secret-0000");
    assert_clean(&format!("{request:?} {request:#?}"));
}

#[test]
fn malformed_credentials_are_reported_without_their_values() {
    for json in [
        r#"{"auth": {"token": "tok-secret-1111"}, "request": {}}"#,
        r#"{"auth": {"basic": {"username": "u", "password": ["pw-secret-2222"]}}, "request": {}}"#,
        r#"{"auth": {"oauth": {"access_token": {"x": "oauth-secret-3333"}}}, "request": {}}"#,
        r#"{"auth": {"token": {"token": "tok-secret-1111"}}, "request": {}, "settings": "setting-secret-0000"}"#,
    ] {
        let outcome = RawEnvelope::parse(json.as_bytes())
            .and_then(|e| Request::<serde_json::Value, Settings, NoAuth>::decode(e, "app", true));
        let error = outcome.expect_err(json);
        assert_clean(&serde_json::to_string(&error.to_record("app")).unwrap());
        assert_clean(&format!("{error:?}"));
    }
}
