//! The `info` document: what the integration is, what it can do, and the schemas of its
//! settings, credential and capability payloads.

use serde_json::{Map, Value, json};

use crate::app_info;
use crate::capability::Level;
use crate::integration::App;
use crate::pyjson;
use crate::registry::is_standard_name;
use crate::schema;

/// The `info` document as a JSON value (envelope included).
pub fn info_value(app: &App) -> Value {
    let mut names: Vec<&str> = app.capabilities.iter().map(|c| c.meta.name).collect();
    let mut capability_schema: Map<String, Value> = app
        .capabilities
        .iter()
        .map(|entry| {
            let meta = &entry.meta;
            let mut argument = (entry.argument_schema)();
            // A custom capability declared `level = read` says so; connector-py's custom
            // capabilities are all writes and their `info` schema carries no level, which is
            // also what a custom capability here prints by default.
            if meta.level == Level::Read && !is_standard_name(meta.name) {
                mark_level(&mut argument, meta.level);
            }
            let described = json!({
                "argument": argument,
                "description": meta.description,
                "display_name": meta.label(),
                "output": (entry.output_schema)(),
            });
            (meta.name.to_owned(), described)
        })
        .collect();
    if app.capability(app_info::NAME).is_none() {
        let (argument, output) = app_info::schemas();
        let display_name = schema::title_case(app_info::NAME);
        let described = json!({"argument": argument, "description": null, "display_name": display_name, "output": output});
        capability_schema.insert(app_info::NAME.to_owned(), described);
        names.push(app_info::NAME);
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
            "oauth_scopes": null,
            "request_settings_schema": (app.settings_schema)(),
            "resource_types": app.resource_types,
            "user_friendly_name": app.user_friendly_name,
            "version": app.version,
        }
    })
}

/// The `info` document as connector-py prints it: keys sorted, `", "` and `": "` separators,
/// non-ASCII escaped.
pub fn info_json(app: &App) -> String {
    pyjson::to_python_json(&info_value(app))
}

/// Sets `x-capability-level` on a capability's payload schema.
pub(crate) fn mark_level(schema: &mut Value, level: Level) {
    if let Some(object) = schema.as_object_mut() {
        object.insert("x-capability-level".into(), level.as_str().into());
    }
}
