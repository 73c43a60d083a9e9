//! The `components.schemas` of `app_info`: schemas moved out of their operations, the
//! envelope-level models, and the `Settings`, `Auth` and `Credentials` components.

use serde_json::{Map, Value, json};

use crate::credentials::AuthCredential;
use crate::integration::App;
use crate::models::{ExecutionSummary, Page, RateLimitRequestInfo, RateLimitResponseInfo};
use crate::schema;

/// Moves the schema's `$defs` into `components`, points its refs there, and writes nulls the
/// OpenAPI 3.0 way (`nullable: true`).
pub(super) fn hoist(mut schema: Value, components: &mut Map<String, Value>) -> Value {
    if let Some(Value::Object(defs)) = schema.as_object_mut().and_then(|o| o.remove("$defs")) {
        for (name, def) in defs {
            components
                .entry(name)
                .or_insert_with(|| openapi_dialect(def));
        }
    }
    openapi_dialect(schema)
}

/// A payload or response model, inlined in its operation, is also a component under its
/// title, as connector-py hoists it from the envelope (a list response's items already are).
pub(super) fn keep_as_component(model: &Value, components: &mut Map<String, Value>) {
    if let Some(name) = model.get("title").and_then(Value::as_str)
        && model.get("type").and_then(Value::as_str) == Some("object")
    {
        components
            .entry(name.to_owned())
            .or_insert_with(|| model.clone());
    }
}

/// The models every request and response envelope holds besides its payload (the credential,
/// the page, the rate-limit state, the execution summary), with the models they use: connector-py
/// describes each capability by its whole envelopes, so these are always components.
pub(super) fn envelope_components(components: &mut Map<String, Value>) {
    let parts = [
        schema::model_schema::<AuthCredential>(),
        schema::model_schema::<Page>(),
        schema::model_schema::<RateLimitRequestInfo>(),
        schema::model_schema::<RateLimitResponseInfo>(),
        schema::model_schema::<ExecutionSummary>(),
    ];
    for part in parts {
        let name = part.get("title").and_then(Value::as_str).map(str::to_owned);
        let part = hoist(part, components);
        if let Some(name) = name {
            components.entry(name).or_insert(part);
        }
    }
}

/// `#/$defs/X` -> `#/components/schemas/X`; `anyOf: [X, null]` -> `X` + `nullable`;
/// `const` -> a one-value `enum`.
fn openapi_dialect(value: Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.into_iter().map(openapi_dialect).collect()),
        Value::Object(mut object) => {
            if let Some(constant) = object.remove("const") {
                object.insert("enum".into(), Value::Array(vec![constant]));
            }
            if let Some(Value::Array(options)) = object.remove("anyOf") {
                let is_null = |o: &Value| o.get("type").and_then(Value::as_str) == Some("null");
                let nullable = options.iter().any(is_null);
                let mut rest: Vec<Value> = options.into_iter().filter(|o| !is_null(o)).collect();
                match (rest.len(), rest.pop()) {
                    (1, Some(Value::Object(single))) => object.extend(single),
                    (_, Some(last)) => {
                        rest.push(last);
                        object.insert("anyOf".into(), Value::Array(rest));
                    }
                    (_, None) => {}
                }
                if nullable {
                    object.insert("nullable".into(), Value::Bool(true));
                }
            }
            if let Some(Value::String(reference)) = object.get_mut("$ref")
                && let Some(name) = reference.strip_prefix("#/$defs/")
            {
                *reference = format!("#/components/schemas/{name}");
            }
            Value::Object(
                object
                    .into_iter()
                    .map(|(k, v)| (k, openapi_dialect(v)))
                    .collect(),
            )
        }
        other => other,
    }
}

/// `Settings`: the settings schema with `x-field_order`.
pub(super) fn settings_component(settings: Value, components: &mut Map<String, Value>) -> Value {
    let mut settings = hoist(settings, components);
    if let Some(object) = settings.as_object_mut()
        && let Some(order) = object.remove("field_order")
    {
        object.insert("x-field_order".into(), order);
    }
    settings
}

/// `Auth`: the declared credential under its key (empty when none is declared).
pub(super) fn auth_component(app: &App, components: &mut Map<String, Value>) -> Value {
    let credential = settings_component((app.authentication_schema)(), components);
    let Some(kind) = credential
        .get("x-credential-type")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        return json!({"properties": {}, "required": []});
    };
    let mut credential = credential;
    credential["type"] = "object".into();
    json!({"properties": {kind.as_str(): credential}, "required": [kind]})
}

/// `Credentials`: a list whose items are one of the declared credentials, by id.
pub(super) fn credentials_component(app: &App, components: &mut Map<String, Value>) -> Value {
    let options: Vec<Value> = (app.credentials_schema)()
        .as_array()
        .into_iter()
        .flatten()
        .map(|spec| {
            let id = spec["id"].clone();
            let kind = spec["x-credential-type"].as_str().unwrap_or_default().to_owned();
            let mut credential = settings_component(spec.clone(), components);
            if let Some(object) = credential.as_object_mut() {
                object.remove("id");
            }
            json!({"type": "object", "properties": {"id": {"type": "string", "enum": [id]}, kind.as_str(): credential},
                   "required": ["id", kind]})
        })
        .collect();
    json!({"type": "array", "items": {"allOf": options}})
}
