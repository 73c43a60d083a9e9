//! A request's fingerprint: the `request_fingerprint` an execution summary carries, computed as
//! connector-py's `request_fingerprint` computes it, so Lumos sees the same id for the same
//! write whichever SDK the connector was built with.
//!
//! The recipe, in connector-py's terms: dump the payload model in JSON mode without its `None`
//! fields (at every depth, see `dump.rs`); when some of the model's fields are marked
//! `x-unique`, keep only those; print the result as `json.dumps(data, sort_keys=True,
//! separators=(",", ":"), ensure_ascii=True)`; take the SHA-256 of that text, in lower-case hex.
//! `tools/fingerprint_fixture.py` records what the reference computes for a few thousand
//! payloads, and `tests/fingerprint_parity.rs` checks every one.

use ring::digest::{SHA256, digest};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::Request;
use super::dump;
use crate::error::{ConnectorError, ErrorCode};

impl<P: Serialize + JsonSchema, S, A> Request<P, S, A> {
    /// The fingerprint of this request's payload: 64 lower-case hex digits, the same for the
    /// same payload, and the same as connector-py's `request_fingerprint` of the payload model.
    ///
    /// Every field that is not `None` counts, at every depth (a `null` inside a list or a
    /// free-form map counts too, as in pydantic). When the payload marks some fields
    /// `x-unique`, only those count, so that two requests for the same change match even when
    /// other fields differ:
    ///
    /// ```
    /// # use connector_runtime::prelude::*;
    /// #[derive(Serialize, Deserialize, JsonSchema)]
    /// struct Invite {
    ///     #[schemars(extend("x-unique" = true))]
    ///     email: String,
    ///     note: Option<String>,
    /// }
    /// let a = Request::new(Invite { email: "a@example.com".into(), note: None }, NoSettings, NoAuth);
    /// let b = Request::new(Invite { email: "a@example.com".into(), note: Some("hi".into()) }, NoSettings, NoAuth);
    /// assert_eq!(a.fingerprint()?, b.fingerprint()?);
    /// # Ok::<(), ConnectorError>(())
    /// ```
    ///
    /// Keys are the payload's serialised field names. An `internal_error` when the payload's
    /// `Serialize` fails (a map whose keys are not strings, integers or bools).
    pub fn fingerprint(&self) -> Result<String, ConnectorError> {
        fingerprint(&self.request)
    }
}

/// The fingerprint of `payload` (see [`Request::fingerprint`]).
fn fingerprint<P: Serialize + JsonSchema>(payload: &P) -> Result<String, ConnectorError> {
    let dumped = dump::exclude_none(payload).map_err(|e| {
        ConnectorError::new(
            ErrorCode::InternalError,
            format!("The request could not be fingerprinted: {e}"),
        )
    })?;
    let unique = unique_fields::<P>();
    let data = match dumped {
        Value::Object(fields) if !unique.is_empty() => Value::Object(
            fields
                .into_iter()
                .filter(|(name, _)| unique.contains(name))
                .collect(),
        ),
        other => other,
    };
    Ok(sha256_hex(pyjson::to_python_json_compact(&data).as_bytes()))
}

/// The top-level properties of `P`'s JSON schema marked `"x-unique"` with a value Python reads
/// as true (connector-py tests `json_schema_extra.get("x-unique")`).
fn unique_fields<P: JsonSchema>() -> Vec<String> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<P>();
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    properties
        .iter()
        .filter(|(_, property)| property.get("x-unique").is_some_and(python_truthy))
        .map(|(name, _)| name.clone())
        .collect()
}

/// Python's `bool(value)` for a JSON value.
fn python_truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = digest(&SHA256, bytes);
    let mut out = String::with_capacity(64);
    for byte in hash.as_ref() {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::models::{AssignEntitlement, CreatableAccount, CreateAccountEntitlement};

    #[test]
    fn the_inventory_example() {
        let grant = AssignEntitlement::builder()
            .account_integration_specific_id("u1")
            .resource_integration_specific_id("")
            .resource_type("")
            .entitlement_type("role")
            .entitlement_integration_specific_id("admin")
            .build();
        let fp = fingerprint(&grant).unwrap();
        // connector-py 4.280.0's `request_fingerprint` of the same model.
        assert_eq!(
            fp,
            "a05dcca88201572fea34307675e3d1cf6326864338411ee64fa07294a5372d73"
        );
        // The text hashed, as the inventory spells it.
        let text = r#"{"account_integration_specific_id":"u1","entitlement_integration_specific_id":"admin","entitlement_type":"role","resource_integration_specific_id":"","resource_type":""}"#;
        assert_eq!(fp, sha256_hex(text.as_bytes()));
    }

    #[test]
    fn none_fields_of_nested_structs_are_left_out() {
        let account = CreatableAccount::builder()
            .entitlements(vec![
                CreateAccountEntitlement::builder()
                    .entitlement_type("role")
                    .integration_specific_id("admin")
                    .build(),
            ])
            .build();
        let text =
            r#"{"entitlements":[{"entitlement_type":"role","integration_specific_id":"admin"}]}"#;
        assert_eq!(fingerprint(&account).unwrap(), sha256_hex(text.as_bytes()));
    }

    #[derive(Serialize, JsonSchema)]
    struct Free {
        map: BTreeMap<String, Option<u8>>,
        list: Vec<Option<u8>>,
        gone: Option<u8>,
        nan: f64,
    }

    #[test]
    fn none_inside_lists_and_maps_stays_and_nan_is_null() {
        let free = Free {
            map: BTreeMap::from([("k".to_owned(), None)]),
            list: vec![None, Some(1)],
            gone: None,
            nan: f64::NAN,
        };
        let text = r#"{"list":[null,1],"map":{"k":null},"nan":null}"#;
        assert_eq!(fingerprint(&free).unwrap(), sha256_hex(text.as_bytes()));
    }

    #[derive(Serialize, JsonSchema)]
    struct Marked {
        #[schemars(extend("x-unique" = true))]
        id: String,
        #[schemars(extend("x-unique" = false))]
        other: String,
        #[schemars(extend("x-unique" = true))]
        absent: Option<String>,
    }

    #[test]
    fn only_x_unique_fields_count_when_there_are_some() {
        let marked = Marked {
            id: "1".to_owned(),
            other: "x".to_owned(),
            absent: None,
        };
        assert_eq!(unique_fields::<Marked>(), ["id", "absent"]);
        assert_eq!(fingerprint(&marked).unwrap(), sha256_hex(br#"{"id":"1"}"#));
    }

    #[test]
    fn a_map_with_unusable_keys_is_an_internal_error() {
        #[derive(Serialize, JsonSchema)]
        struct Bad {
            map: BTreeMap<Vec<u8>, u8>,
        }
        let bad = Bad {
            map: BTreeMap::from([(vec![1], 1)]),
        };
        let err = fingerprint(&bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InternalError);
    }
}
