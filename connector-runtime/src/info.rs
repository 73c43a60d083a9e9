//! The `info` document: what the integration is, what it can do, and the schemas of its
//! settings, credential and capability payloads.

use serde_json::{Map, Value, json};

use crate::answered::{self, Answered};
use crate::capabilities::{Level, is_standard};
use crate::integration::App;

/// The `info` document as a JSON value (envelope included).
pub(crate) fn info_value(app: &App) -> Value {
    let mut names: Vec<&str> = Vec::new();
    let mut capability_schema: Map<String, Value> = Map::new();
    for mut capability in answered::all(app).map(Answered::describe) {
        let meta = capability.meta;
        // A custom capability declared `level = read` says so; connector-py's custom
        // capabilities are all writes and their `info` schema carries no level, which is
        // also what a custom capability here prints by default.
        if meta.level == Level::Read && !is_standard(meta.name) {
            capability.mark_level(meta.level);
        }
        let described = json!({
            "argument": capability.argument,
            "description": meta.description,
            "display_name": meta.label(),
            "output": capability.output,
        });
        capability_schema.insert(meta.name.to_owned(), described);
        names.push(meta.name);
    }
    names.sort_unstable();
    json!({
        "execution_summary": null,
        "page": null,
        "rate_limit": null,
        "raw_data": null,
        "response": {
            "access_graph_entitlement_rules": [],
            "access_graph_entitlement_types": [],
            "app_id": app.app_id,
            "app_vendor_domain": app.app_vendor_domain,
            "authentication_schema": (app.authentication_schema)(),
            "capabilities": names,
            "capability_schema": capability_schema,
            "categories": app.categories,
            "credentials_schema": (app.credentials_schema)(),
            "description": app.description,
            "entitlement_types": app.entitlement_types,
            "implied_access_rules": [],
            "logo_url": app.logo_url,
            "oauth_scopes": app.oauth.map_or(Value::Null, |oauth| oauth.oauth_scopes()),
            "request_settings_schema": (app.settings_schema)(),
            "resource_types": app.resource_types,
            "user_friendly_name": app.user_friendly_name,
            "version": app.version,
        }
    })
}

/// The `info` document as connector-py prints it: keys sorted, `", "` and `": "` separators,
/// non-ASCII escaped.
pub(crate) fn info_json(app: &App) -> String {
    pyjson::to_python_json(&info_value(app))
}
