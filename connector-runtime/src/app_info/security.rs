//! Who may call each operation of `app_info`: `security`, `securitySchemes` and
//! `x-allowed-credentials`.

use serde_json::{Map, Value, json};

use crate::integration::App;
use crate::oauth::{OAuthInfo, Resolved};

/// An integration's OAuth provider with its endpoints and scopes for one request.
pub(super) type OAuthFor<'a> = Option<&'a (OAuthInfo, Resolved)>;

/// Each operation's `security`: the app id for one credential (with the operation's OAuth
/// scopes), each id for several.
pub(super) fn security(app: &App, capability: &str, oauth: OAuthFor<'_>) -> Value {
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
pub(super) fn security_schemes(app: &App, oauth: OAuthFor<'_>) -> Value {
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
pub(super) fn allowed_credentials(app: &App) -> Value {
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
