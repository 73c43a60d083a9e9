//! The `app_info` capability every integration has: the connector described as an OpenAPI
//! 3.0 document (one path per capability, the settings and credential schemas as components),
//! the form connector-py's `InfoModule` produces.

use serde_json::{Map, Value, json};

use crate::capabilities::{Level, app_info, is_standard};
use crate::handler::{CapabilityMeta, Description};
use crate::integration::App;
use crate::models::{AppInfo, AppInfoRequestPayload};
use crate::response::Response;
use crate::response::envelope::{self, Origin};
use crate::schema;

mod components;
mod security;

use components::{
    auth_component, credentials_component, envelope_components, hoist, keep_as_component,
    settings_component,
};
use security::{OAuthFor, allowed_credentials, security, security_schemes};

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
