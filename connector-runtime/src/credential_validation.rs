//! `validate_credential_config`, which the runtime answers for a multi-credential integration:
//! connector-py's base checks of one credential (its id, its kind, empty and padded values),
//! then the check the author attached to that credential, if any.

use std::borrow::Cow;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::capabilities::validate_credential_config;
use crate::credentials::AuthCredential;
use crate::error::ConnectorError;
use crate::handler::{CapabilityHandler, CapabilityMeta};
use crate::models::{ValidateCredentialConfig, ValidatedCredentialConfig};
use crate::request::{CredentialSet, CredentialSpec, NoAuth, Request, SettingsModel};
use crate::response::Response;

/// `validate_credential_config` for the credentials `C` of an integration with settings `S`.
pub struct CredentialConfigHandler<C, S>(PhantomData<fn() -> (C, S)>);

/// The payload, with the credential kept as JSON: a malformed one is reported as
/// connector-py reports it, not as an undecodable request.
#[derive(Debug, Deserialize)]
pub struct CredentialConfigPayload {
    credential: Value,
}

impl JsonSchema for CredentialConfigPayload {
    fn schema_name() -> Cow<'static, str> {
        ValidateCredentialConfig::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        ValidateCredentialConfig::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        ValidateCredentialConfig::json_schema(generator)
    }
}

impl<C: CredentialSet, S: SettingsModel> CapabilityHandler for CredentialConfigHandler<C, S> {
    type Request = Request<CredentialConfigPayload, S, NoAuth>;
    type Output = ValidatedCredentialConfig;
    const META: CapabilityMeta = CapabilityMeta::standard::<validate_credential_config>(
        "connector_runtime::credential_validation:validate_credential_config",
    );

    async fn call(
        request: Self::Request,
    ) -> Result<Response<ValidatedCredentialConfig>, ConnectorError> {
        validate::<C>(&request.request.credential).map(Response::new)
    }
}

/// The checks, in connector-py's order: the first three are errors, the others answers.
fn validate<C: CredentialSet>(raw: &Value) -> Result<ValidatedCredentialConfig, ConnectorError> {
    // connector-py reads the credential with the request, so a shape error is the request's.
    let credential: AuthCredential = serde_json::from_value(raw.clone()).map_err(|_| {
        ConnectorError::bad_request()
            .with_message("Invalid request - `credential` is not a credential")
    })?;
    let Some(id) = credential.id.as_deref().filter(|id| !id.is_empty()) else {
        return Err(ConnectorError::integration_missing_parameter()
            .with_message("Received credential without an ID"));
    };
    let Some(spec) = C::CREDENTIALS.iter().find(|spec| spec.id == id) else {
        return Err(ConnectorError::invalid_configuration()
            .with_message(format!("Missing credential configuration for ID {id}")));
    };
    if spec.kind != "empty" && !(spec.carries)(&credential) {
        return Err(ConnectorError::invalid_value()
            .with_message("Invalid or malformed credential received"));
    }
    if let Some(message) = base_finding(spec, raw.get(spec.kind)) {
        return Ok(invalid(vec![message.to_owned()]));
    }
    let Some(check) = spec.validator else {
        return Ok(valid());
    };
    let messages = check(&credential)?;
    Ok(if messages.is_empty() {
        valid()
    } else {
        invalid(messages)
    })
}

/// What the base checks find in the kind's payload: nothing set, a required field empty, or
/// a value with surrounding whitespace. Only the kind's own fields count: connector-py reads
/// the payload into the kind's model first, which drops any other key.
fn base_finding(spec: &CredentialSpec, payload: Option<&Value>) -> Option<&'static str> {
    let schema = spec.schema();
    let declared = |key: &str| schema["properties"].get(key).is_some();
    let set: Map<String, Value> = payload
        .and_then(Value::as_object)
        .map(|fields| {
            fields
                .iter()
                .filter(|(key, value)| !value.is_null() && declared(key))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect()
        })
        .unwrap_or_default();
    if set.is_empty() && spec.kind != "empty" {
        return Some("Credential is missing required fields");
    }
    let required = schema["required"].as_array().cloned().unwrap_or_default();
    let empty_required = set.iter().any(|(key, value)| {
        value.as_str() == Some("") && required.iter().any(|r| r.as_str() == Some(key.as_str()))
    });
    if empty_required {
        return Some("A required field is empty, please provide a value before submitting again");
    }
    if has_extra_whitespace(&Value::Object(set)) {
        return Some(
            "Credential has extra whitespace, please remove it before submitting it again",
        );
    }
    None
}

/// connector-py's whitespace check: strings, and objects recursively except under keys that
/// name a private key (a PEM ends with a newline); lists are not looked into.
fn has_extra_whitespace(value: &Value) -> bool {
    match value {
        Value::String(text) => text.trim() != text,
        Value::Object(fields) => fields
            .iter()
            .filter(|(key, _)| !key.contains("private_key"))
            .any(|(_, item)| has_extra_whitespace(item)),
        _ => false,
    }
}

fn valid() -> ValidatedCredentialConfig {
    ValidatedCredentialConfig::builder()
        .valid(true)
        .validation_errors(Vec::new())
        .build()
}

fn invalid(messages: Vec<String>) -> ValidatedCredentialConfig {
    ValidatedCredentialConfig::builder()
        .valid(false)
        .validation_errors(messages)
        .build()
}
