//! Checks the generated wire models and capability markers against the Lumos OpenAPI spec.
//!
//! Every comparison goes through the compiled Rust types: the JSON schema `schemars` derives for
//! each type (property names and order, required names, property shapes, enum values and `x-`
//! keys) is compared with the spec's component schema, and each marker's `Payload`/`Output`
//! with the request and response of the spec's path for that capability. The list of types comes
//! from `spec_drift/types.rs`, written by `tools/gen_models.py`.
//!
//! The spec lives outside the repository; without it the test prints a line and passes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed unwrap is a failed assertion"
)]

use connector_runtime::{Capability, Level};
use serde_json::{Map, Value};

const SCHEMA_PREFIX: &str = "#/components/schemas/";
const DEFS_PREFIX: &str = "#/$defs/";
/// `x-` keys whose spec value is prose; the generator writes `true` instead.
const PROSE_X_KEYS: &[&str] = &["x-deprecated"];
/// Standard capability names that cannot be registered.
const NOT_REGISTRABLE: &[&str] = &["info", "connected_info"];

/// What the test needs to know about one capability marker.
struct Marker {
    name: &'static str,
    level: Level,
    authenticated: bool,
    payload: schemars::Schema,
    output: schemars::Schema,
}

fn marker<C: Capability>() -> Marker {
    Marker {
        name: C::NAME,
        level: C::LEVEL,
        authenticated: C::AUTHENTICATED,
        payload: schemars::schema_for!(C::Payload),
        output: schemars::schema_for!(C::Output),
    }
}

include!("spec_drift/types.rs");

fn load_spec() -> Option<Value> {
    let text = reference_files::read("lumos/openapi.json")?;
    Some(serde_json::from_str(&text).expect("the spec is not valid JSON"))
}

// ---------------------------------------------------------------------------------------------
// The spec side
// ---------------------------------------------------------------------------------------------

struct Spec<'a> {
    components: &'a Map<String, Value>,
}

impl<'a> Spec<'a> {
    fn new(spec: &'a Value) -> Self {
        let components = spec["components"]["schemas"]
            .as_object()
            .expect("components.schemas");
        Spec { components }
    }

    fn schema(&self, name: &str) -> &'a Value {
        self.components
            .get(name)
            .unwrap_or_else(|| panic!("no component schema {name}"))
    }

    /// The referenced component when `p` is `{$ref}` or `{allOf: [{$ref}]}`.
    fn single_ref(p: &Value) -> Option<String> {
        if let Some(r) = p.get("$ref").and_then(Value::as_str) {
            return r.strip_prefix(SCHEMA_PREFIX).map(str::to_owned);
        }
        match p.get("allOf").and_then(Value::as_array) {
            Some(parts) if parts.len() == 1 && p.get("properties").is_none() => {
                Self::single_ref(&parts[0])
            }
            _ => None,
        }
    }

    /// Properties (declaration order, own before inherited) and required names of an object
    /// schema, following `allOf` and `$ref`.
    fn flatten(&self, schema: &'a Value) -> (Vec<(String, &'a Value)>, Vec<String>) {
        let mut props: Vec<(String, &'a Value)> = Vec::new();
        let mut required: Vec<String> = Vec::new();
        self.walk(schema, &mut props, &mut required);
        (props, required)
    }

    fn walk(
        &self,
        schema: &'a Value,
        props: &mut Vec<(String, &'a Value)>,
        required: &mut Vec<String>,
    ) {
        let Some(obj) = schema.as_object() else {
            return;
        };
        for (key, value) in obj {
            match key.as_str() {
                "properties" => {
                    for (name, p) in value.as_object().expect("properties") {
                        if !props.iter().any(|(n, _)| n == name) {
                            props.push((name.clone(), p));
                        }
                    }
                }
                "required" => {
                    for r in value.as_array().expect("required") {
                        let r = r.as_str().expect("required name").to_owned();
                        if !required.contains(&r) {
                            required.push(r);
                        }
                    }
                }
                "allOf" => {
                    for part in value.as_array().expect("allOf") {
                        self.walk(part, props, required);
                    }
                }
                "$ref" => {
                    let name = value
                        .as_str()
                        .and_then(|r| r.strip_prefix(SCHEMA_PREFIX))
                        .expect("component $ref");
                    self.walk(self.schema(name), props, required);
                }
                _ => {}
            }
        }
    }

    /// A normalised description of a property's type.
    fn shape(&self, p: &Value) -> String {
        if is_any(p) {
            return "any".into();
        }
        if let Some(name) = Self::single_ref(p) {
            // pydantic never names a union: the Rust schema lists its members in place.
            let target = self.schema(&name);
            if target.get("anyOf").is_some() && target.get("properties").is_none() {
                return self.shape(target);
            }
            return format!("ref:{name}");
        }
        if let Some(members) = p.get("anyOf").or_else(|| p.get("oneOf")) {
            let parts: Vec<String> = members
                .as_array()
                .expect("anyOf")
                .iter()
                .map(|m| self.shape(m))
                .collect();
            return format!("anyOf({})", parts.join(","));
        }
        let ty = p.get("type").and_then(Value::as_str);
        if let Some(values) = p.get("enum") {
            if ty == Some("boolean") {
                return "boolean".into();
            }
            // A one-value tag (`kind`) is a `Literal` to pydantic, a plain string in its schema.
            if values.as_array().is_some_and(|v| v.len() == 1) {
                return "string".into();
            }
            return format!("enum:{values}");
        }
        match ty {
            Some("array") => format!("array<{}>", self.shape(&p["items"])),
            Some("object") | None if p.get("additionalProperties").is_some() || ty.is_some() => {
                let ap = p.get("additionalProperties").unwrap_or(&Value::Bool(true));
                format!("map<{}>", self.shape(ap))
            }
            Some(t) => t.to_owned(),
            None => format!("unknown:{p}"),
        }
    }
}

fn is_any(p: &Value) -> bool {
    match p {
        Value::Bool(true) => true,
        Value::Object(o) => o
            .keys()
            .all(|k| matches!(k.as_str(), "description" | "title" | "example" | "examples")),
        _ => false,
    }
}

/// The `x-` keys of a schema, with prose values replaced as the generator does.
fn x_keys(schema: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(obj) = schema.as_object() {
        for (k, v) in obj {
            if k.starts_with("x-") {
                let v = if PROSE_X_KEYS.contains(&k.as_str()) {
                    Value::Bool(true)
                } else {
                    v.clone()
                };
                out.insert(k.clone(), v);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The Rust side
// ---------------------------------------------------------------------------------------------

/// A normalised description of a property's type, as `schemars` derived it. `Option` is
/// ignored (required-ness is checked separately); helper types the spec declares inline
/// (single-value enums, "enum or string" unions) are followed into `$defs`.
fn rust_shape(spec: &Spec, root: &Value, p: &Value) -> String {
    if is_any(p) {
        return "any".into();
    }
    if let Some(r) = p.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix(DEFS_PREFIX).unwrap_or(r);
        if spec.components.contains_key(name) {
            return format!("ref:{name}");
        }
        return rust_shape(spec, root, &root["$defs"][name]);
    }
    if let Some(members) = p.get("anyOf").or_else(|| p.get("oneOf")) {
        let parts: Vec<String> = members
            .as_array()
            .expect("anyOf")
            .iter()
            .filter(|m| m.get("type").and_then(Value::as_str) != Some("null"))
            .map(|m| rust_shape(spec, root, m))
            .collect();
        if parts.len() == 1 {
            return parts.into_iter().next().unwrap_or_default();
        }
        return format!("anyOf({})", parts.join(","));
    }
    if let Some(values) = p.get("enum") {
        let values: Vec<&Value> = values
            .as_array()
            .expect("enum")
            .iter()
            .filter(|v| !v.is_null())
            .collect();
        return format!(
            "enum:{}",
            Value::from(values.into_iter().cloned().collect::<Vec<_>>())
        );
    }
    let ty = match p.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    };
    match ty {
        Some("array") => format!("array<{}>", rust_shape(spec, root, &p["items"])),
        Some("object") => {
            let ap = p.get("additionalProperties").unwrap_or(&Value::Bool(true));
            format!("map<{}>", rust_shape(spec, root, ap))
        }
        Some(t) => t.to_owned(),
        None => format!("unknown:{p}"),
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn check_model(spec: &Spec, name: &str, schema: &schemars::Schema, errors: &mut Vec<String>) {
    let rust = schema.as_value();
    let spec_schema = spec.schema(name);
    let mut fail = |msg: String| errors.push(format!("{name}: {msg}"));

    if x_keys(spec_schema) != x_keys(rust) {
        fail(format!(
            "x- keys: spec {} vs Rust {}",
            Value::Object(x_keys(spec_schema)),
            Value::Object(x_keys(rust))
        ));
    }

    if let Some(values) = spec_schema.get("enum") {
        if rust.get("enum") != Some(values) {
            fail(format!(
                "enum values: spec {values} vs Rust {}",
                rust.get("enum").unwrap_or(&Value::Null)
            ));
        }
        return;
    }
    if spec_schema.get("anyOf").is_some() || spec_schema.get("oneOf").is_some() {
        let (s, r) = (spec.shape(spec_schema), rust_shape(spec, rust, rust));
        if s != r {
            fail(format!("union members: spec {s} vs Rust {r}"));
        }
        return;
    }

    let (props, required) = spec.flatten(spec_schema);
    let empty = Map::new();
    let rust_props = rust
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let spec_names: Vec<String> = props.iter().map(|(n, _)| n.clone()).collect();
    let rust_names: Vec<String> = rust_props.keys().cloned().collect();
    if spec_names != rust_names {
        fail(format!(
            "properties: spec {spec_names:?} vs Rust {rust_names:?}"
        ));
    }

    // A spec-required property with a default is optional on the wire (the reference fills it).
    let expected_required: Vec<String> = required
        .iter()
        .filter(|r| {
            props
                .iter()
                .find(|(n, _)| n == *r)
                .is_none_or(|(_, p)| p.get("default").is_none())
        })
        .cloned()
        .collect();
    let rust_required: Vec<String> = rust
        .get("required")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if sorted(expected_required.clone()) != sorted(rust_required.clone()) {
        fail(format!(
            "required: spec {expected_required:?} vs Rust {rust_required:?}"
        ));
    }

    for (pname, pschema) in &props {
        let Some(rp) = rust_props.get(pname) else {
            continue;
        };
        let (s, r) = (spec.shape(pschema), rust_shape(spec, rust, rp));
        if s != r {
            fail(format!("property {pname}: spec {s} vs Rust {r}"));
        }
        if x_keys(pschema) != x_keys(rp) {
            fail(format!(
                "property {pname} x- keys: spec {} vs Rust {}",
                Value::Object(x_keys(pschema)),
                Value::Object(x_keys(rp))
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn models_match_spec() {
    let Some(spec_json) = load_spec() else {
        return;
    };
    let spec = Spec::new(&spec_json);
    let models = generated_models();
    let mut errors = Vec::new();

    let mut covered: Vec<&str> = models.iter().map(|(n, _)| *n).collect();
    covered.extend(SKIPPED_SCHEMAS);
    for name in spec.components.keys() {
        if !covered.contains(&name.as_str()) {
            errors.push(format!(
                "{name}: in the spec but neither generated nor skipped"
            ));
        }
    }
    for name in &covered {
        if !spec.components.contains_key(*name) {
            errors.push(format!("{name}: generated or skipped but not in the spec"));
        }
    }
    for (name, schema) in &models {
        check_model(&spec, name, schema, &mut errors);
    }
    assert!(
        errors.is_empty(),
        "{} model(s) drifted from the spec (run tools/gen_models.py):\n{}",
        errors.len(),
        errors.join("\n")
    );
}

/// The name of the model a root schema describes, with `[..]` around it for a list.
fn root_name(schema: &schemars::Schema) -> String {
    let v = schema.as_value();
    if v.get("type").and_then(Value::as_str) == Some("array") {
        let item = v["items"]["$ref"].as_str().unwrap_or("?");
        return format!("[{}]", item.strip_prefix(DEFS_PREFIX).unwrap_or(item));
    }
    v.get("title")
        .and_then(Value::as_str)
        .unwrap_or("?")
        .to_owned()
}

#[test]
fn markers_match_spec_paths() {
    let Some(spec_json) = load_spec() else {
        return;
    };
    let spec = Spec::new(&spec_json);
    let markers = generated_markers();
    let mut errors = Vec::new();

    let standard: Vec<&str> = spec.schema("StandardCapabilityName")["enum"]
        .as_array()
        .expect("StandardCapabilityName enum")
        .iter()
        .filter_map(Value::as_str)
        .filter(|n| !NOT_REGISTRABLE.contains(n))
        .collect();
    let names: Vec<&str> = markers.iter().map(|m| m.name).collect();
    if names != standard {
        errors.push(format!(
            "markers {names:?} vs spec StandardCapabilityName {standard:?}"
        ));
    }
    if connector_runtime::capabilities::ALL != names.as_slice() {
        errors.push("capabilities::ALL differs from the marker list".into());
    }

    for m in &markers {
        let mut fail = |msg: String| errors.push(format!("{}: {msg}", m.name));
        let Some(op) = spec_json["paths"]
            .get(format!("/{{connector_id}}/{}", m.name))
            .and_then(|p| p.get("post"))
        else {
            fail("no POST path in the spec".into());
            continue;
        };

        let body = &op["requestBody"]["content"]["application/json"]["schema"];
        let (req_props, _) = spec.flatten(body);
        let find = |props: &[(String, &Value)], key: &str| {
            props
                .iter()
                .find(|(n, _)| n == key)
                .map(|(_, p)| (*p).clone())
        };
        match find(&req_props, "request")
            .as_ref()
            .and_then(Spec::single_ref)
        {
            Some(payload) => {
                if root_name(&m.payload) != payload {
                    fail(format!(
                        "Payload is {} but the spec says {payload}",
                        root_name(&m.payload)
                    ));
                }
                let level = spec.schema(&payload).get("x-capability-level");
                let expected = match level.and_then(Value::as_str) {
                    Some("read") => Some(Level::Read),
                    Some("write") => Some(Level::Write),
                    _ => None,
                };
                if expected.is_some_and(|l| l != m.level) {
                    fail(format!(
                        "LEVEL is {:?} but the payload says {}",
                        m.level,
                        level.unwrap_or(&Value::Null)
                    ));
                }
            }
            None => fail("the spec request has no `request` model".into()),
        }
        let has_auth =
            find(&req_props, "auth").is_some() || find(&req_props, "credentials").is_some();
        if has_auth != m.authenticated {
            fail(format!(
                "AUTHENTICATED is {} but the spec request {} an auth field",
                m.authenticated,
                if has_auth { "has" } else { "lacks" }
            ));
        }

        let envelope = op["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Spec::single_ref)
            .find(|n| n != "ErrorResponse");
        let Some(envelope) = envelope else {
            fail("no success envelope in the spec".into());
            continue;
        };
        let (resp_props, _) = spec.flatten(spec.schema(&envelope));
        let expected = match find(&resp_props, "response") {
            Some(p) if p.get("type").and_then(Value::as_str) == Some("array") => {
                Spec::single_ref(&p["items"]).map(|n| format!("[{n}]"))
            }
            Some(p) => Spec::single_ref(&p),
            None => None,
        };
        match expected {
            Some(expected) if expected == root_name(&m.output) => {}
            Some(expected) => fail(format!(
                "Output is {} but the spec says {expected}",
                root_name(&m.output)
            )),
            None => fail(format!("{envelope} has no `response` model")),
        }
    }
    assert!(
        errors.is_empty(),
        "{} capability marker problem(s) (run tools/gen_models.py):\n{}",
        errors.len(),
        errors.join("\n")
    );
}
