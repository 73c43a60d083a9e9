//! A multi-credential integration: credentials by id, required and optional, checked before
//! the capability runs and read typed by id.

use connector_runtime::Integration;
use connector_runtime::prelude::*;
use connector_runtime::request::{CredentialSet, CredentialSpec, Credentials};
use connector_tests::run::run_cli;
use serde_json::{Value, json};

/// The credentials: an OAuth token for the API (required) and a SCIM token (optional).
pub struct TwoCredentials;

impl CredentialSet for TwoCredentials {
    const CREDENTIALS: &'static [CredentialSpec] = &[
        CredentialSpec::of::<OAuthCredential>("api").describe("OAuth access to the API"),
        CredentialSpec::of::<TokenCredential>("scim")
            .describe("SCIM token")
            .optional()
            .validate_with(scim_token_is_live),
    ];
}

/// The author's own check of the SCIM credential.
fn scim_token_is_live(credential: &AuthCredential) -> Result<Vec<String>, ConnectorError> {
    let token = credential.token.as_ref().map(|t| t.token.expose());
    Ok(match token {
        Some(token) if token.starts_with("revoked-") => {
            vec!["The SCIM token is revoked".to_owned()]
        }
        _ => Vec::new(),
    })
}

type Req<P> = Request<P, NoSettings, Credentials<TwoCredentials>>;

/// Reports which credentials came.
#[capability(validate_credentials)]
async fn validate_credentials(
    req: Req<ValidateCredentials>,
) -> Result<ValidateCredentialsResponse, ConnectorError> {
    let api = req.auth.get::<OAuthCredential>("api")?;
    let tenant = if req.auth.has("scim") {
        format!("{}+scim", api.access_token.expose().len())
    } else {
        api.access_token.expose().len().to_string()
    };
    Ok(Response::new(
        ValidatedCredentials::builder()
            .valid(true)
            .unique_tenant_id(tenant)
            .build(),
    ))
}

/// Asks for the SCIM credential as the wrong kind.
#[capability(list_accounts)]
async fn list_accounts(req: Req<ListAccounts>) -> Result<ListAccountsResponse, ConnectorError> {
    req.auth.get::<BasicCredential>("scim")?;
    Ok(Response::new(vec![]))
}

#[integration(app_id = "multi", credentials = TwoCredentials, capabilities(validate_credentials, list_accounts))]
pub struct Multi;

fn call(capability: &str, credentials: Value) -> Value {
    let request = json!({"credentials": credentials, "request": {}});
    let outcome = run_cli(&Multi::APP, &[capability, "--json", &request.to_string()]);
    assert_eq!(outcome.status, 0, "{outcome:?}");
    outcome.json()
}

#[test]
fn info_lists_each_credential() {
    let outcome = run_cli(&Multi::APP, &["info"]);
    let info: Value = serde_json::from_str(&outcome.stdout).unwrap();
    assert_eq!(info["response"]["authentication_schema"], json!({}));
    insta::assert_json_snapshot!(
        "multi_credentials_schema",
        info["response"]["credentials_schema"]
    );
}

#[test]
fn app_info_lists_the_credentials_and_their_combinations() {
    let outcome = run_cli(&Multi::APP, &["app_info", "--json", r#"{"request":{}}"#]);
    let document = outcome.json()["response"]["app_schema"].clone();
    assert_eq!(document["info"]["x-multi-credential"], true);
    assert_eq!(
        document["info"]["x-allowed-credentials"],
        json!([["api"], ["scim"]])
    );
    let options = &document["components"]["schemas"]["Credentials"]["items"]["allOf"];
    assert_eq!(options[1]["properties"]["id"]["enum"], json!(["scim"]));
    assert_eq!(options[1]["required"], json!(["id", "token"]));
    assert_eq!(
        document["paths"]["/list_accounts"]["post"]["security"],
        json!([{"api": []}, {"scim": []}])
    );
}

#[test]
fn required_and_optional_credentials() {
    let api = json!({"id": "api", "oauth": {"access_token": "abcd"}});
    let scim = json!({"id": "scim", "token": {"token": "t"}});
    assert_eq!(
        call("validate_credentials", json!([api]))["response"]["unique_tenant_id"],
        "4"
    );
    assert_eq!(
        call("validate_credentials", json!([api, scim]))["response"]["unique_tenant_id"],
        "4+scim"
    );

    let error = |credentials: Value| call("validate_credentials", credentials)["error"].clone();
    assert_eq!(
        error(json!([scim]))["message"],
        "Missing 'oauth' credential in request"
    );
    assert_eq!(
        error(json!([]))["message"],
        "Missing credentials in request"
    );
    assert_eq!(
        error(json!([{"oauth": {"access_token": "x"}}]))["message"],
        "Missing ID in credential at index 0"
    );
    assert_eq!(
        error(json!([api, {"id": "other", "token": {"token": "t"}}]))["message"],
        "Credential with id 'other' not expected"
    );
    for case in [json!([scim]), json!([])] {
        assert_eq!(error(case)["error_code"], "bad_request");
    }
}

#[test]
fn a_credential_of_another_kind_is_invalid_value() {
    let api = json!({"id": "api", "oauth": {"access_token": "abcd"}});
    let scim = json!({"id": "scim", "token": {"token": "t"}});
    let error = call("list_accounts", json!([api, scim]))["error"].clone();
    assert_eq!(error["error_code"], "invalid_value");
    assert_eq!(
        error["message"],
        "Credential 'scim' found but is not of type BasicCredential."
    );
    let absent = call("list_accounts", json!([api]))["error"].clone();
    assert_eq!(absent["error_code"], "integration_missing_parameter");
}

/// `validate_credential_config` with `credential`: its response, or its error.
fn validate(credential: Value) -> Value {
    let request = json!({"request": {"credential": credential}});
    let outcome = run_cli(
        &Multi::APP,
        &["validate_credential_config", "--json", &request.to_string()],
    );
    assert_eq!(outcome.status, 0, "{outcome:?}");
    let envelope = outcome.json();
    match envelope.get("is_error") {
        Some(_) => {
            json!({"error_code": envelope["error"]["error_code"], "message": envelope["error"]["message"]})
        }
        None => envelope["response"].clone(),
    }
}

#[test]
fn validate_credential_config_is_registered_and_checks_as_connector_py_does() {
    let info = run_cli(&Multi::APP, &["info"]).json();
    assert!(
        info["response"]["capabilities"]
            .as_array()
            .unwrap()
            .contains(&json!("validate_credential_config"))
    );
    let cases = [
        (
            json!({"id": "api", "oauth": {"access_token": "t"}}),
            json!({"valid": true, "validation_errors": []}),
        ),
        (
            json!({"oauth": {"access_token": "t"}}),
            json!({"error_code": "integration_missing_parameter", "message": "Received credential without an ID"}),
        ),
        (
            json!({"id": "nope", "token": {"token": "t"}}),
            json!({"error_code": "invalid_value", "message": "Missing credential configuration for ID nope"}),
        ),
        (
            json!({"id": "api", "token": {"token": "t"}}),
            json!({"error_code": "invalid_value", "message": "Invalid or malformed credential received"}),
        ),
        (
            json!({"id": "scim", "token": {"token": ""}}),
            json!({"valid": false, "validation_errors": ["A required field is empty, please provide a value before submitting again"]}),
        ),
        (
            json!({"id": "scim", "token": {"token": " t "}}),
            json!({"valid": false, "validation_errors": ["Credential has extra whitespace, please remove it before submitting it again"]}),
        ),
        (
            json!({"id": "scim", "token": {"token": "revoked-1"}}),
            json!({"valid": false, "validation_errors": ["The SCIM token is revoked"]}),
        ),
        (
            json!({"id": "scim", "token": {"token": "live-1"}}),
            json!({"valid": true, "validation_errors": []}),
        ),
    ];
    for (credential, expected) in cases {
        assert_eq!(validate(credential.clone()), expected, "{credential}");
    }
}

/// The same credentials sent to connector-py's own integration (recorded by
/// `tools/credential_config_fixture.py`): the same envelope, but for `raised_in`, which names
/// the Rust module.
#[test]
fn validate_credential_config_answers_as_connector_py_recorded() {
    let recorded: Vec<(Value, Value)> =
        serde_json::from_str(include_str!("fixtures/credential_config.json")).unwrap();
    assert_eq!(recorded.len(), 10);
    for (credential, mut theirs) in recorded {
        let request = json!({"request": {"credential": credential}});
        let outcome = run_cli(
            &Multi::APP,
            &["validate_credential_config", "--json", &request.to_string()],
        );
        let mut ours = outcome.json();
        for envelope in [&mut ours, &mut theirs] {
            if let Some(error) = envelope.get_mut("error") {
                error["raised_in"] = Value::Null;
            }
        }
        assert_eq!(ours, theirs, "{credential}");
    }
}
