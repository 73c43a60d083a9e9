//! From request JSON to a typed `Request`, through the public entry points a connector's
//! dispatch uses (`RawEnvelope::parse`, then `DecodeRequest::decode`): page sizes, the raw
//! credentials a `NoAuth` integration reads, the typed accessors' errors, positions in
//! multi-line requests, settings sent as `null`, and values serde reads only from a
//! human-readable format. Written for the mutants `cargo mutants` found alive in `request/`
//! (docs/TESTING.md).

use connector_runtime::credentials::{OAuthCredential, TokenCredential};
use connector_runtime::request::{
    CredentialSet, CredentialSpec, Credentials, DeclaredAuth, DecodeRequest, RawEnvelope,
    SettingsModel,
};
use connector_runtime::{ConnectorError, NoAuth, NoSettings, Request};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn decode<P, S, A>(json: &str) -> Result<Request<P, S, A>, ConnectorError>
where
    P: DeserializeOwned + JsonSchema + Send + 'static,
    S: SettingsModel,
    A: DeclaredAuth,
{
    let envelope = RawEnvelope::parse(json.as_bytes())?;
    Request::<P, S, A>::decode(envelope, "app", true)
}

fn request(json: &str) -> Request<Value> {
    decode(json).unwrap_or_else(|e| panic!("{json}: {e:?}"))
}

fn error_of<P, S, A>(json: &str) -> ConnectorError
where
    P: DeserializeOwned + JsonSchema + Send + 'static,
    S: SettingsModel,
    A: DeclaredAuth,
{
    match decode::<P, S, A>(json) {
        Ok(_) => panic!("{json} decoded"),
        Err(e) => e,
    }
}

#[test]
fn the_page_size_is_the_callers_when_it_is_at_least_one() {
    let size = |page: &str| request(&format!(r#"{{"request":{{}}{page}}}"#)).page_size(10);
    assert_eq!(size(r#","page":{"size":4}"#), 4);
    assert_eq!(size(r#","page":{"size":1}"#), 1);
    assert_eq!(size(r#","page":{"size":2147483647}"#), 2_147_483_647);
    for default in [
        r#","page":{"size":0}"#,
        r#","page":{"size":-3}"#,
        r#","page":{"size":null}"#,
        r#","page":{"token":"t"}"#,
        "",
    ] {
        assert_eq!(size(default), 10, "{default}");
    }
}

#[test]
fn a_noauth_integration_reads_the_credentials_as_sent() {
    let req = request(
        r#"{"request":{},"auth":{"token":{"token":"t-1"}},
            "credentials":null}"#,
    );
    let auth = req.raw_auth().expect("the envelope's auth");
    assert_eq!(auth.token.as_ref().unwrap().token.expose(), "t-1");
    assert!(req.raw_credentials().is_none());

    let req = request(
        r#"{"request":{},"credentials":[{"id":"api","token":{"token":"t-2"}},
            {"id":"scim","basic":{"username":"u","password":"p"}}]}"#,
    );
    assert!(req.raw_auth().is_none());
    let ids: Vec<_> = req
        .raw_credentials()
        .expect("the envelope's credentials")
        .iter()
        .map(|c| c.id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, ["api", "scim"]);
    assert!(request(r#"{"request":{}}"#).raw_credentials().is_none());
}

#[test]
fn typed_accessors_read_their_kind_or_name_what_is_missing() {
    let req = request(r#"{"request":{},"auth":{"token":{"token":"t-1"}}}"#);
    assert_eq!(req.token().unwrap().token.expose(), "t-1");
    let errors = [
        ("OAuth", req.oauth().map(|_| ())),
        ("OAuth", req.oauth_client_credentials().map(|_| ())),
        ("OAuth", req.oauth_access_token().map(|_| ())),
        ("OAuth1", req.oauth1().map(|_| ())),
        ("Basic", req.basic().map(|_| ())),
        ("JWT", req.jwt().map(|_| ())),
        ("Service Account", req.service_account().map(|_| ())),
        ("Key Pair", req.key_pair().map(|_| ())),
    ];
    for (label, result) in errors {
        let e = result.expect_err(label);
        assert_eq!(
            e.code().as_str(),
            "integration_missing_parameter",
            "{label}"
        );
        assert!(
            e.message()
                .starts_with("Wrong auth: required credential for "),
            "{label}: {}",
            e.message()
        );
    }

    let oauth = request(r#"{"request":{},"auth":{"oauth":{"access_token":"a-1"}}}"#);
    assert_eq!(oauth.oauth_access_token().unwrap().expose(), "a-1");
    assert!(oauth.token().is_err());
    let client = request(
        r#"{"request":{},"auth":{"oauth_client_credentials":{"access_token":"a-2",
            "client_id":"c","client_secret":"s","scopes":[]}}}"#,
    );
    assert_eq!(client.oauth_access_token().unwrap().expose(), "a-2");
    assert!(client.oauth().is_err());
}

#[test]
fn a_declared_credential_is_checked_before_the_capability() {
    let req: Request<Value, NoSettings, TokenCredential> =
        decode(r#"{"request":{},"auth":{"token":{"token":"t-1"}}}"#).unwrap();
    assert_eq!(req.auth.token.expose(), "t-1");
    for (json, message) in [
        (
            r#"{"request":{},"auth":{"basic":{"username":"u","password":"p"}}}"#,
            "Missing 'token' auth in request",
        ),
        (r#"{"request":{}}"#, "Missing auth/credentials in request"),
        (
            r#"{"request":{},"credentials":[]}"#,
            "Missing credentials in request",
        ),
        (
            r#"{"request":{},"credentials":[{"id":"a","token":{"token":"t"}},{"token":{"token":"t"}}]}"#,
            "Missing ID in credential at index 1",
        ),
        (
            r#"{"request":{},"credentials":[{"id":"a","token":{"token":"t"}}]}"#,
            "Credential with id 'a' not expected",
        ),
    ] {
        let e = error_of::<Value, NoSettings, TokenCredential>(json);
        assert_eq!(e.code().as_str(), "bad_request", "{json}");
        assert_eq!(e.message(), message, "{json}");
    }
}

#[test]
fn the_schemas_of_an_integration_without_credentials_or_settings() {
    assert_eq!(NoAuth::authentication_schema(), json!({}));
    assert_eq!(NoAuth::credentials_schema(), json!([]));
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<NoSettings>();
    let schema = serde_json::to_value(schema).unwrap();
    assert_eq!(schema["title"], "EmptySettings", "{schema}");
    assert_eq!(schema["type"], "object", "{schema}");
    assert_eq!(schema["properties"], json!({}), "{schema}");
}

/// Settings with one required field.
#[derive(Debug, Deserialize, JsonSchema)]
struct Settings {
    #[allow(dead_code)]
    api_url: String,
}

#[test]
fn settings_sent_as_null_are_missing_settings() {
    for settings in ["", r#","settings":null"#] {
        let json = format!(r#"{{"request":{{}}{settings}}}"#);
        let e = error_of::<Value, Settings, NoAuth>(&json);
        assert_eq!(e.code().as_str(), "bad_request");
        assert_eq!(
            e.message(),
            "No settings passed on request: app requires Settings",
            "{json}"
        );
    }
    let e = error_of::<Value, Settings, NoAuth>(r#"{"request":{},"settings":{"api_url":7}}"#);
    assert!(
        e.message()
            .starts_with("Invalid settings passed on request. invalid type: integer"),
        "{}",
        e.message()
    );
}

#[test]
fn positions_on_later_lines_of_a_part_count_from_the_whole_request() {
    let json = "{\"request\": {},\n \"settings\": {},\n \"page\": {\n   \"token\": 5}}";
    let e = error_of::<Value, NoSettings, NoAuth>(json);
    assert_eq!(
        e.message(),
        "Invalid request - invalid type: integer, expected a string at line 4 column 13"
    );
    let json = "{\"auth\": null,\n\n \"request\": {\"a\": 1,\n  \"kind\": 5}}";
    let e = error_of::<Payload, NoSettings, NoAuth>(json);
    assert!(
        e.message().ends_with(" at line 4 column 11"),
        "{}",
        e.message()
    );
}

/// A payload with values serde reads differently from a human-readable format, and an enum.
#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
struct Payload {
    #[serde(default)]
    ip: Option<std::net::IpAddr>,
    #[serde(default)]
    kind: Option<Kind>,
}

#[derive(Debug, Deserialize, JsonSchema, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Plain,
    Sized { size: i64 },
}

#[test]
fn the_strict_reader_passes_every_other_shape_through() {
    let req: Request<Payload> = decode(r#"{"request":{"ip":"127.0.0.1"}}"#).unwrap();
    assert_eq!(req.request.ip, Some([127, 0, 0, 1].into()));
    for (kind, expected) in [
        (r#""plain""#, Kind::Plain),
        (r#"{"plain":null}"#, Kind::Plain),
        (r#"{"sized":{"size":3}}"#, Kind::Sized { size: 3 }),
    ] {
        let json = format!(r#"{{"request":{{"kind":{kind}}}}}"#);
        let req: Request<Payload> = decode(&json).unwrap_or_else(|e| panic!("{json}: {e:?}"));
        assert_eq!(req.request.kind, Some(expected), "{json}");
    }
    let e = error_of::<Payload, NoSettings, NoAuth>(r#"{"request":{"kind":{"sized":[3]}}}"#);
    assert!(
        e.message()
            .starts_with("Invalid request - invalid type: sequence"),
        "{}",
        e.message()
    );
}

/// An OAuth credential for the API (required) and a SCIM token (optional).
struct Two;

impl CredentialSet for Two {
    const CREDENTIALS: &'static [CredentialSpec] = &[
        CredentialSpec::of::<OAuthCredential>("api"),
        CredentialSpec::of::<TokenCredential>("scim").optional(),
    ];
}

type MultiRequest = Request<Value, NoSettings, Credentials<Two>>;

#[test]
fn a_credential_counts_only_under_its_id_and_with_its_kind() {
    for credentials in [
        r#"[{"id":"api","token":{"token":"t"}}]"#,
        r#"[{"id":"scim","oauth":{"access_token":"a"}}]"#,
    ] {
        let json = format!(r#"{{"request":{{}},"credentials":{credentials}}}"#);
        let e = error_of::<Value, NoSettings, Credentials<Two>>(&json);
        assert_eq!(e.code().as_str(), "bad_request", "{json}");
        assert_eq!(
            e.message(),
            "Missing 'oauth' credential in request",
            "{json}"
        );
    }
    let req: MultiRequest = decode(
        r#"{"request":{},"credentials":[{"id":"scim","token":{"token":"s"}},
            {"id":"api","oauth":{"access_token":"a"}}]}"#,
    )
    .unwrap();
    assert_eq!(
        req.auth
            .get::<OAuthCredential>("api")
            .unwrap()
            .access_token
            .expose(),
        "a"
    );
    assert_eq!(
        req.auth
            .get::<TokenCredential>("scim")
            .unwrap()
            .token
            .expose(),
        "s"
    );
    let e = req.auth.get::<TokenCredential>("api").unwrap_err();
    assert_eq!(e.code().as_str(), "invalid_value");
    assert!(req.auth.has("api") && req.auth.has("scim"));
    assert!(!req.auth.has("other"));

    // A legacy `auth` is accepted unchecked, as one credential without an id.
    let legacy: MultiRequest = decode(r#"{"request":{},"auth":{"token":{"token":"t"}}}"#).unwrap();
    assert!(!legacy.auth.has("api"));
    let e = legacy.auth.get::<TokenCredential>("scim").unwrap_err();
    assert_eq!(e.code().as_str(), "integration_missing_parameter");
}
