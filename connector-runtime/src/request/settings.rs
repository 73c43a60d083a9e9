//! Connector settings: the author's own struct, validated before the capability runs.

use std::any::TypeId;
use std::borrow::Cow;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::error::ConnectorError;
use crate::schema;

/// The settings type of an integration without settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoSettings;

impl<'de> Deserialize<'de> for NoSettings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(d).map(|_| NoSettings)
    }
}

impl JsonSchema for NoSettings {
    fn schema_name() -> Cow<'static, str> {
        "EmptySettings".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "object", "properties": {}})
    }
}

/// What the runtime needs from a settings type: `Deserialize` and `JsonSchema`, derived by the
/// author on their own struct. Implemented for every such type.
pub trait SettingsModel: DeserializeOwned + JsonSchema + Send + Sync + 'static {
    /// Whether requests must carry `settings` (every type but [`NoSettings`]).
    fn required() -> bool {
        TypeId::of::<Self>() != TypeId::of::<NoSettings>()
    }

    /// The `request_settings_schema` of `info`.
    fn settings_schema() -> Value {
        if Self::required() {
            schema::settings_schema::<Self>()
        } else {
            schema::empty_settings_schema()
        }
    }
}

impl<T: DeserializeOwned + JsonSchema + Send + Sync + 'static> SettingsModel for T {}

/// Validates the `settings` of a request, with connector-py's messages.
pub(crate) fn decode_settings<S: SettingsModel>(
    raw: Option<Value>,
    app_id: &str,
) -> Result<S, ConnectorError> {
    if !S::required() {
        // `NoSettings` accepts any value; whatever the request carried is ignored.
        return serde_json::from_value(Value::Null)
            .map_err(|e| ConnectorError::internal().with_message(e.to_string()));
    }
    let raw = match raw {
        None | Some(Value::Null) => {
            return Err(ConnectorError::client().with_message(format!(
                "No settings passed on request: {app_id} requires {}",
                S::schema_name()
            )));
        }
        Some(raw) => raw,
    };
    let missing = missing_required_titles::<S>(&raw);
    serde_json::from_value(raw).map_err(|e| {
        let mut message = String::from("Invalid settings passed on request.");
        if !missing.is_empty() {
            message.push_str(" Missing required settings: ");
            message.push_str(&missing.join(", "));
        } else {
            message.push(' ');
            message.push_str(&super::envelope::without_values(&e.to_string()));
        }
        ConnectorError::client().with_message(message)
    })
}

/// The titles of the required settings absent from `raw`, in schema order.
fn missing_required_titles<S: SettingsModel>(raw: &Value) -> Vec<String> {
    let schema = S::settings_schema();
    let Some(object) = raw.as_object() else {
        return Vec::new();
    };
    let required = schema.get("required").and_then(Value::as_array);
    required
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|name| !object.contains_key(*name))
        .map(|name| {
            schema["properties"][name]["title"]
                .as_str()
                .unwrap_or(name)
                .to_owned()
        })
        .collect()
}
