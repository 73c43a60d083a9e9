//! The schemas `info` prints around a model's own: a capability's output (`Empty` for a
//! list), settings and credentials with their `field_order`, and the empty forms.

use schemars::JsonSchema;
use serde_json::{Map, Value};

use super::dialect::model_schema;

/// The `output` schema of a capability: the model's schema, or `Empty` for a list, as
/// connector-py describes list outputs.
pub fn output_schema<T: JsonSchema>() -> Value {
    let output = model_schema::<T>();
    if output.get("type").and_then(Value::as_str) == Some("array") {
        empty_model()
    } else {
        output
    }
}

/// The schema connector-py prints for a list-returning capability in `info`:
/// the `Empty` model.
pub fn empty_model() -> Value {
    let mut m = Map::with_capacity(3);
    m.insert("properties".into(), Value::Object(Map::new()));
    m.insert("title".into(), "Empty".into());
    m.insert("type".into(), "object".into());
    Value::Object(m)
}

/// `model_schema::<T>()` followed by `"field_order"`: the names of the
/// top-level properties in declaration order. This is the form of
/// `request_settings_schema` in `info`.
pub fn settings_schema<T: JsonSchema>() -> Value {
    with_field_order(model_schema::<T>())
}

/// `request_settings_schema` of a connector without a settings model.
pub fn empty_settings_schema() -> Value {
    let mut m = Map::with_capacity(4);
    m.insert("properties".into(), Value::Object(Map::new()));
    m.insert("title".into(), "EmptySettings".into());
    m.insert("type".into(), "object".into());
    m.insert("field_order".into(), Value::Array(Vec::new()));
    Value::Object(m)
}

/// Schema of a credential model as printed in `authentication_schema` (and the
/// base of a `credentials_schema` entry): the model schema with
/// `"x-credential-type"` set to `credential_type`, then `"field_order"`.
pub fn credential_schema<T: JsonSchema>(credential_type: &str) -> Value {
    let mut schema = model_schema::<T>();
    if let Value::Object(m) = &mut schema {
        m.insert(
            "x-credential-type".into(),
            Value::String(credential_type.to_owned()),
        );
    }
    with_field_order(schema)
}

fn with_field_order(mut schema: Value) -> Value {
    if let Value::Object(m) = &mut schema {
        let order: Vec<Value> = match m.get("properties") {
            Some(Value::Object(props)) => props.keys().map(|k| Value::String(k.clone())).collect(),
            _ => Vec::new(),
        };
        m.insert("field_order".into(), Value::Array(order));
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    /// Stand-in for the runtime's secret string type.
    #[derive(Serialize, Deserialize)]
    struct Secret(String);

    impl JsonSchema for Secret {
        fn inline_schema() -> bool {
            true
        }
        fn schema_name() -> std::borrow::Cow<'static, str> {
            "Secret".into()
        }
        fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
            schemars::json_schema!({"type": "string", "x-field_type": "SECRET", "x-secret": true})
        }
    }

    fn golden_response() -> Option<Value> {
        let text = reference_files::read("reference-python/golden/info.json")?;
        let golden: Value = serde_json::from_str(&text).expect("golden info is JSON");
        let raw = golden["stdout_raw"]
            .as_str()
            .expect("stdout_raw is a string");
        let info: Value = serde_json::from_str(raw).expect("stdout_raw is JSON");
        Some(info["response"].clone())
    }

    fn default_api_url() -> String {
        "http://localhost:8000".into()
    }

    /// Settings for MockApp connector.
    #[derive(Serialize, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct MockappSettings {
        /// The base URL of the MockApp API
        #[serde(default = "default_api_url")]
        api_url: String,
    }

    /// Token-based authentication credentials.
    #[derive(Serialize, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct TokenCredential {
        /// The token for token-based auth.
        token: Secret,
    }

    #[test]
    fn mockapp_settings_match_golden() {
        let expected = json!({"description": "Settings for MockApp connector.", "field_order": ["api_url"],
            "properties": {"api_url": {"default": "http://localhost:8000",
                "description": "The base URL of the MockApp API", "title": "Api Url", "type": "string"}},
            "title": "MockappSettings", "type": "object"});
        let actual = settings_schema::<MockappSettings>();
        assert_eq!(actual, expected);
        if let Some(resp) = golden_response() {
            assert_eq!(actual, resp["request_settings_schema"]);
        }
    }

    #[test]
    fn token_credential_matches_golden() {
        let expected = json!({"description": "Token-based authentication credentials.", "field_order": ["token"],
            "properties": {"token": {"description": "The token for token-based auth.", "title": "Token",
                "type": "string", "x-field_type": "SECRET", "x-secret": true}},
            "required": ["token"], "title": "TokenCredential", "type": "object", "x-credential-type": "token"});
        let actual = credential_schema::<TokenCredential>("token");
        assert_eq!(actual, expected);
        if let Some(resp) = golden_response() {
            assert_eq!(actual, resp["authentication_schema"]);
        }
        // Python order: the model schema (sorted), then the added `field_order`.
        let keys: Vec<&str> = actual
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "description",
                "properties",
                "required",
                "title",
                "type",
                "x-credential-type",
                "field_order"
            ]
        );
    }

    fn default_mode() -> String {
        "a".into()
    }

    #[derive(Serialize, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Settings {
        /// The base
        #[schemars(title = "Base URL", extend("x-semantic" = "tenant-id"))]
        base_url: String,
        #[schemars(title = "API secret")]
        api_secret: Option<Secret>,
        #[serde(default = "default_mode")]
        mode: String,
    }

    #[test]
    fn inventory_settings_example() {
        // Inventory §2.1 (observed from connector-py).
        let expected: Value = serde_json::from_str(
            r#"{"field_order": ["base_url", "api_secret", "mode"], "properties": {"api_secret": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null, "title": "API secret", "x-field_type": "SECRET", "x-secret": true}, "base_url": {"description": "The base", "title": "Base URL", "type": "string", "x-semantic": "tenant-id"}, "mode": {"default": "a", "title": "Mode", "type": "string"}}, "required": ["base_url"], "title": "Settings", "type": "object"}"#,
        )
        .unwrap();
        let actual = settings_schema::<Settings>();
        assert_eq!(actual, expected);
        let order: Vec<&str> = actual["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(order, ["base_url", "api_secret", "mode"]);
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct NoFields {}

    #[test]
    fn empty_forms() {
        assert_eq!(
            model_schema::<NoFields>(),
            json!({"properties": {}, "title": "NoFields", "type": "object"})
        );
        assert_eq!(
            empty_model(),
            json!({"properties": {}, "title": "Empty", "type": "object"})
        );
        assert_eq!(
            empty_settings_schema(),
            json!({"field_order": [], "properties": {}, "title": "EmptySettings", "type": "object"})
        );
        assert_eq!(
            settings_schema::<NoFields>(),
            json!({"field_order": [], "properties": {}, "title": "NoFields", "type": "object"})
        );
    }
}
