//! The `app_info` capability every integration has: the connector described as an OpenAPI
//! 3.0 document (one path per capability, the settings and credential schemas as components),
//! the form connector-py's `InfoModule` produces.

use serde_json::{Map, Value, json};

use crate::capabilities::{Level, app_info, is_standard};
use crate::handler::{CapabilityMeta, Description};
use crate::integration::App;
use crate::credentials::AuthCredential;
use crate::models::{
    AppInfo, AppInfoRequestPayload, ExecutionSummary, Page, RateLimitRequestInfo,
    RateLimitResponseInfo,
};
use crate::oauth::{OAuthInfo, Resolved};
use crate::response::Response;
use crate::response::envelope::{self, Origin};
use crate::schema;

/// The built-in capability's metadata.
pub(crate) const META: CapabilityMeta =
    CapabilityMeta::standard::<app_info>(concat!(module_path!(), ":respond"));

/// The built-in capability as `info` describes it.
pub(crate) fn describe() -> Description {
    let response = schema::model_schema::<AppInfo>();
    Description {
        meta: META,
        argument: schema::model_schema::<AppInfoRequestPayload>(),
        output: response.clone(),
        response,
    }
}

/// Answers an `app_info` request whose envelope parsed (its `request` may be `{}`);
/// credentials and settings are not checked, as in connector-py, but OAuth URLs computed from
/// settings are computed from `settings` (the request's, as JSON). `capabilities` are those
/// `app` answers, this one included.
pub(crate) fn respond(app: &App, capabilities: Vec<Description>, settings: Option<&str>) -> String {
    let oauth = app.oauth.map(|oauth| (oauth, oauth.resolve(settings)));
    let response = Response::new(AppInfo {
        app_id: app.app_id.to_owned(),
        app_schema: document(app, capabilities, oauth.as_ref()),
    });
    envelope::encode(
        Ok(&response),
        app.app_id,
        Origin::Capability(META.raised_in),
    )
}

/// An integration's OAuth provider with its endpoints and scopes for one request.
type OAuthFor<'a> = Option<&'a (OAuthInfo, Resolved)>;

/// The OpenAPI document of `app`, which answers `capabilities`.
fn document(app: &App, capabilities: Vec<Description>, oauth: OAuthFor<'_>) -> Map<String, Value> {
    let mut components = Map::new();
    let mut paths = Map::new();
    let mut names: Vec<&str> = capabilities.iter().map(|c| c.meta.name).collect();
    names.sort_unstable();
    let credentials = is_multi(app);
    for mut capability in capabilities {
        let meta = capability.meta;
        // connector-py marks a custom capability's payload with its level (always `write`
        // there); a custom capability here carries the level it declares.
        if !is_standard(meta.name) {
            capability.mark_level(meta.level);
        }
        let tag = tag_of(&capability.argument, meta.level);
        let request = hoist(capability.argument, &mut components);
        let response = hoist(capability.response, &mut components);
        for model in [&request, &response] {
            keep_as_component(model, &mut components);
        }
        let mut properties =
            json!({"request": request, "settings": {"$ref": "#/components/schemas/Settings"}});
        let mut required = vec!["request", "settings"];
        if meta.authenticated {
            let (field, component) = if credentials {
                ("credentials", "Credentials")
            } else {
                ("auth", "Auth")
            };
            properties[field] = json!({"$ref": format!("#/components/schemas/{component}")});
            required.extend(["auth", "credentials"]);
        }
        paths.insert(
            format!("/{}", meta.name),
            json!({"post": {
                "operationId": meta.name,
                "tags": [tag],
                "summary": meta.label(),
                "description": meta.description,
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": properties, "required": required,
                }}}},
                "responses": {"200": {"description": "Successful response", "content": {
                    "application/json": {"schema": response},
                }}},
                "security": security(app, meta.name, oauth),
            }}),
        );
    }
    envelope_components(&mut components);
    let settings = settings_component((app.settings_schema)(), &mut components);
    let mut schemas = Map::new();
    schemas.insert("Settings".into(), settings);
    if credentials {
        schemas.insert(
            "Credentials".into(),
            credentials_component(app, &mut components),
        );
    } else {
        schemas.insert("Auth".into(), auth_component(app, &mut components));
    }
    schemas.extend(components);
    let mut schemas = Value::Object(schemas);
    let mut paths = Value::Object(paths);
    for tree in [&mut schemas, &mut paths] {
        declare_type_ids(tree, app);
    }
    let document = json!({
        "openapi": "3.0.0",
        "info": {
            "title": app.user_friendly_name,
            "description": app.description.unwrap_or_default(),
            "version": app.version,
            "x-app-id": app.app_id,
            "x-app-logo-url": app.logo_url.unwrap_or_default(),
            "x-app-vendor-domain": app.app_vendor_domain.unwrap_or_default(),
            "x-entitlement-types": app.entitlement_types,
            "x-access-graph-entitlement-types": [],
            "x-access-graph-entitlement-rules": [],
            "x-implied-access-rules": [],
            "x-resource-types": app.resource_types,
            "x-categories": {"type": "enum", "enum": app.categories},
            "x-oauth-settings": oauth.map_or_else(|| json!({}), |(info, resolved)| info.settings(resolved)),
            "x-capabilities": names,
            "x-multi-credential": credentials,
            "x-probe-checks": crate::probe::announced_checks(app),
            "x-allowed-credentials": allowed_credentials(app),
        },
        "servers": [],
        "paths": paths,
        "components": {"securitySchemes": security_schemes(app, oauth), "schemas": schemas},
        "tags": [
            {"name": "Read Capabilities", "description": "Capabilities that only read."},
            {"name": "Write Capabilities", "description": "Capabilities that change data in the app."},
            {"name": "Authorization", "description": "OAuth 2.0 flows."},
            {"name": "Specification", "description": "Capabilities that describe the connector."},
            {"name": "Validation", "description": "Capabilities that check credentials."},
        ],
    });
    match document {
        Value::Object(document) => document,
        _ => Map::new(),
    }
}

/// Properties marked `x-entitlement-type` / `x-resource-type` become strings limited to the
/// integration's declared type ids, as connector-py writes them.
fn declare_type_ids(value: &mut Value, app: &App) {
    match value {
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| declare_type_ids(item, app)),
        Value::Object(object) => {
            let ids: Option<Vec<&str>> = if object.remove("x-entitlement-type").is_some() {
                Some(app.entitlement_types.iter().map(|t| t.type_id).collect())
            } else if object.remove("x-resource-type").is_some() {
                Some(app.resource_types.iter().map(|t| t.type_id).collect())
            } else {
                None
            };
            if let Some(ids) = ids.filter(|ids| !ids.is_empty()) {
                object.insert("enum".into(), json!(ids));
            }
            object
                .values_mut()
                .for_each(|child| declare_type_ids(child, app));
        }
        _ => {}
    }
}

/// Whether the integration declares several credentials (its `credentials_schema` is not empty).
fn is_multi(app: &App) -> bool {
    (app.credentials_schema)()
        .as_array()
        .is_some_and(|list| !list.is_empty())
}

/// The operation's tag: from the payload's level or category, else from the capability's level.
fn tag_of(argument: &Value, level: Level) -> String {
    let capitalized = |s: &str| schema::title_case(s);
    if let Some(level) = argument.get("x-capability-level").and_then(Value::as_str) {
        return format!("{} Capabilities", capitalized(level));
    }
    if let Some(category) = argument
        .get("x-capability-category")
        .and_then(Value::as_str)
    {
        return capitalized(category);
    }
    format!("{} Capabilities", capitalized(level.as_str()))
}

/// Moves the schema's `$defs` into `components`, points its refs there, and writes nulls the
/// OpenAPI 3.0 way (`nullable: true`).
fn hoist(mut schema: Value, components: &mut Map<String, Value>) -> Value {
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
fn keep_as_component(model: &Value, components: &mut Map<String, Value>) {
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
fn envelope_components(components: &mut Map<String, Value>) {
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
fn settings_component(settings: Value, components: &mut Map<String, Value>) -> Value {
    let mut settings = hoist(settings, components);
    if let Some(object) = settings.as_object_mut()
        && let Some(order) = object.remove("field_order")
    {
        object.insert("x-field_order".into(), order);
    }
    settings
}

/// `Auth`: the declared credential under its key (empty when none is declared).
fn auth_component(app: &App, components: &mut Map<String, Value>) -> Value {
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
fn credentials_component(app: &App, components: &mut Map<String, Value>) -> Value {
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

/// Each operation's `security`: the app id for one credential (with the operation's OAuth
/// scopes), each id for several.
fn security(app: &App, capability: &str, oauth: OAuthFor<'_>) -> Value {
    if let Some((info, resolved)) = oauth {
        return info.operation_security(resolved, app.app_id, capability);
    }
    match (app.credentials_schema)().as_array() {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|spec| json!({spec["id"].as_str().unwrap_or_default(): []}))
            .collect(),
        _ if (app.authentication_schema)()
            .get("x-credential-type")
            .is_some() =>
        {
            json!([{app.app_id: []}])
        }
        _ => json!([]),
    }
}

/// `securitySchemes`: how each credential travels, where OpenAPI has a word for it.
fn security_schemes(app: &App, oauth: OAuthFor<'_>) -> Value {
    if let Some((info, resolved)) = oauth {
        return json!({app.app_id: info.security_scheme(resolved)});
    }
    let scheme = |kind: &str| match kind {
        "token" | "oauth1" | "service_account" => Some(
            json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": "A token in the Authorization header"}),
        ),
        "basic" => Some(json!({"type": "http"})),
        "jwt" | "key_pair" => {
            Some(json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}))
        }
        _ => None,
    };
    let mut schemes = Map::new();
    match (app.credentials_schema)().as_array() {
        Some(list) if !list.is_empty() => {
            for spec in list {
                if let Some(s) = scheme(spec["x-credential-type"].as_str().unwrap_or_default()) {
                    schemes.insert(spec["id"].as_str().unwrap_or_default().to_owned(), s);
                }
            }
        }
        _ => {
            let kind = (app.authentication_schema)();
            if let Some(s) = kind
                .get("x-credential-type")
                .and_then(Value::as_str)
                .and_then(scheme)
            {
                schemes.insert(app.app_id.to_owned(), s);
            }
        }
    }
    Value::Object(schemes)
}

/// `x-allowed-credentials`: all required ids together, then each optional id alone.
fn allowed_credentials(app: &App) -> Value {
    let specs = (app.credentials_schema)();
    let Some(list) = specs.as_array().filter(|l| !l.is_empty()) else {
        return json!([]);
    };
    let ids = |optional: bool| {
        list.iter()
            .filter(move |s| s["x-optional"].as_bool() == Some(optional))
            .map(|s| s["id"].clone())
    };
    let required: Vec<Value> = ids(false).collect();
    let mut combinations: Vec<Value> = Vec::new();
    if !required.is_empty() {
        combinations.push(Value::Array(required));
    }
    combinations.extend(ids(true).map(|id| Value::Array(vec![id])));
    Value::Array(combinations)
}
