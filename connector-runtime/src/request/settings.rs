//! Connector settings: the author's own struct, validated before the capability runs.

use std::any::TypeId;
use std::borrow::Cow;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::raw_part::RawPart;
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
    raw: Option<&RawPart>,
    app_id: &str,
) -> Result<S, ConnectorError> {
    if !S::required() {
        // `NoSettings` accepts any value; whatever the request carried is ignored.
        return serde_json::from_str("null")
            .map_err(|e| ConnectorError::internal_error().with_message(e.to_string()));
    }
    // `"settings": null` arrives here as `None`: the envelope reads it as an `Option`.
    let Some(raw) = raw else {
        return Err(ConnectorError::bad_request().with_message(format!(
            "No settings passed on request: {app_id} requires {}",
            S::schema_name()
        )));
    };
    raw.decode().map_err(|error| {
        let mut message = String::from("Invalid settings passed on request. ");
        let missing = missing_required_titles::<S>(raw.json());
        if missing.is_empty() {
            message.push_str(&error);
        } else {
            message.push_str("Missing required settings: ");
            message.push_str(&missing.join(", "));
        }
        ConnectorError::bad_request().with_message(message)
    })
}

/// The titles of the required settings absent from the object `json`, in schema order
/// (none when `json` is not an object).
fn missing_required_titles<S: SettingsModel>(json: &str) -> Vec<String> {
    let schema = S::settings_schema();
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut present = vec![false; required.len()];
    let mut deserializer = serde_json::Deserializer::from_str(json);
    if MarkPresent(&required, &mut present)
        .deserialize(&mut deserializer)
        .is_err()
    {
        return Vec::new();
    }
    required
        .iter()
        .zip(present)
        .filter(|(_, present)| !present)
        .map(|(name, _)| {
            schema["properties"][*name]["title"]
                .as_str()
                .unwrap_or(name)
                .to_owned()
        })
        .collect()
}

/// Reads a JSON object's keys, marking which of `names` occur; values are skipped and no key
/// is kept, so a huge object costs no memory.
struct MarkPresent<'a>(&'a [&'a str], &'a mut [bool]);

impl<'de> DeserializeSeed<'de> for MarkPresent<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MarkPresent<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            map.next_value::<IgnoredAny>()?;
            if let Some(index) = self.0.iter().position(|name| *name == key) {
                self.1[index] = true;
            }
        }
        Ok(())
    }
}
