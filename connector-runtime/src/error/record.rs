//! An error as plain data: the `error` object of an envelope, for models that embed errors
//! (an execution summary's `caught_errors`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ConnectorError, ErrorCode};

/// The `error` object of an error envelope, owned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "")]
pub struct Error {
    /// What went wrong.
    #[schemars(description = "")]
    pub message: String,
    /// The upstream HTTP status.
    #[schemars(description = "")]
    #[serde(default)]
    pub status_code: Option<i64>,
    /// The upstream app's own code.
    #[schemars(description = "")]
    #[serde(default)]
    pub app_error_code: Option<String>,
    /// Lumos' code.
    #[schemars(description = "")]
    #[schemars(with = "super::record_schema::CodeUnion")]
    pub error_code: ErrorCode,
    /// The app the connector serves.
    #[schemars(description = "")]
    pub app_id: String,
    /// What raised it.
    #[schemars(description = "")]
    #[serde(default)]
    pub raised_by: Option<String>,
    /// Where it was raised.
    #[schemars(description = "")]
    #[serde(default)]
    pub raised_in: Option<String>,
    /// Fault, category and flags.
    #[schemars(description = "")]
    #[serde(default)]
    #[schemars(with = "Option<super::record_schema::MetadataSchema>")]
    pub error_metadata: Option<Map<String, Value>>,
}

impl ConnectorError {
    /// This error as data, for embedding in a response (`raised_in` is left empty).
    pub fn to_record(&self, app_id: &str) -> Error {
        let metadata = serde_json::to_value(self.metadata())
            .ok()
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            });
        Error {
            message: self.message().to_owned(),
            status_code: self.status_code().map(i64::from),
            app_error_code: self.app_error_code().map(str::to_owned),
            error_code: self.code(),
            app_id: app_id.to_owned(),
            raised_by: Some(self.raised_by().to_owned()),
            raised_in: None,
            error_metadata: metadata,
        }
    }
}
