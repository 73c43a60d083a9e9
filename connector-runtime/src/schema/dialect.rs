//! Deriving a model's schema with schemars and rewriting it into pydantic's dialect (the
//! rules listed in the `schema` module docs): titles, `Optional` as `anyOf`, dropped formats
//! and bounds, collapsed string enums, pydantic's key order.

use schemars::JsonSchema;
use serde_json::{Map, Value};

use super::title::title_case;

/// Pydantic-dialect schema of the model `T` (a struct or an enum).
///
/// The model-level `title` is schemars' schema name (the Rust type name unless
/// renamed), and the type's doc comment becomes its `description`. Nested
/// models and enums are placed in `$defs` and referenced as `#/$defs/Name`.
pub fn model_schema<T: JsonSchema>() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let root = generator.into_root_schema_for::<T>();
    to_pydantic_dialect(root.to_value())
}

/// Rewrites an arbitrary schemars (draft 2020-12) root schema into the pydantic
/// dialect described in the module documentation. Non-object input is returned
/// unchanged.
pub fn to_pydantic_dialect(schema: Value) -> Value {
    let Value::Object(mut root) = schema else {
        return schema;
    };
    root.remove("$schema");
    if let Some(Value::Object(defs)) = root.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            normalize_model(def, Some(name));
        }
    }
    let mut root = Value::Object(root);
    normalize_model(&mut root, None);
    pydantic_sort(root, None)
}

/// Annotation keywords that stay at the property level when an optional
/// schema is split into `anyOf: [T, null]`.
fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "description"
            | "default"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "$comment"
    ) || key.starts_with("x-")
}

fn is_null_schema(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 1 && o.get("type").and_then(Value::as_str) == Some("null"))
}

/// A model-level schema (the root or a `$defs` entry).
fn normalize_model(schema: &mut Value, def_name: Option<&str>) {
    let Value::Object(obj) = schema else { return };
    if let Some(name) = def_name
        && !obj.contains_key("title")
    {
        obj.insert("title".into(), Value::String(name.to_owned()));
    }
    let is_object = obj.get("type").and_then(Value::as_str) == Some("object");
    if is_object
        && !obj.contains_key("properties")
        && !obj.contains_key("additionalProperties")
        && !obj.contains_key("patternProperties")
    {
        obj.insert("properties".into(), Value::Object(Map::new()));
    }
    normalize_schema(schema);
}

/// Rewrites one schema object and, recursively, its subschemas.
fn normalize_schema(schema: &mut Value) {
    let Value::Object(obj) = schema else { return };

    if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
        obj.remove("additionalProperties");
    }
    drop_numeric_format(obj);
    collapse_string_enum(obj);

    if obj.get("properties").is_some_and(Value::is_object) {
        let required: Vec<String> = match obj.get("required") {
            Some(Value::Array(r)) => r
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            _ => Vec::new(),
        };
        if let Some(Value::Object(props)) = obj.get_mut("properties") {
            for (name, prop) in props.iter_mut() {
                let is_required = required.iter().any(|r| r == name);
                normalize_property(name, prop, is_required);
            }
        }
    }
    if matches!(obj.get("required"), Some(Value::Array(r)) if r.is_empty()) {
        obj.remove("required");
    }

    for key in [
        "items",
        "additionalProperties",
        "not",
        "if",
        "then",
        "else",
        "contains",
    ] {
        if let Some(sub) = obj.get_mut(key) {
            normalize_schema(sub);
        }
    }
    for key in ["anyOf", "oneOf", "allOf", "prefixItems"] {
        if let Some(Value::Array(subs)) = obj.get_mut(key) {
            subs.iter_mut().for_each(normalize_schema);
        }
    }
    if let Some(Value::Object(pp)) = obj.get_mut("patternProperties") {
        pp.values_mut().for_each(normalize_schema);
    }
}

/// Rewrites the schema of the property `name` of a model.
fn normalize_property(name: &str, prop: &mut Value, is_required: bool) {
    // `serde_json::Value` fields: schemars prints `true`, pydantic `{}` + title.
    if *prop == Value::Bool(true) {
        *prop = Value::Object(Map::new());
    }
    let Value::Object(obj) = prop else { return };

    let nullable = split_nullable_type(obj) || has_null_branch(obj);
    let unconstrained = obj.keys().all(|k| is_annotation(k));
    if (nullable || unconstrained) && !is_required && !obj.contains_key("default") {
        obj.insert("default".into(), Value::Null);
    }
    let references_model = is_ref_like(obj);
    normalize_schema(prop);
    if let Value::Object(obj) = prop
        && !obj.contains_key("title")
        && !references_model
    {
        obj.insert("title".into(), Value::String(title_case(name)));
    }
}

/// `"type": [T, "null"]` (schemars' `Option<T>` for inline `T`) becomes
/// `"anyOf": [{...T...}, {"type": "null"}]`, annotations staying outside.
/// Returns whether the schema was split.
fn split_nullable_type(obj: &mut Map<String, Value>) -> bool {
    let Some(Value::Array(types)) = obj.get("type") else {
        return false;
    };
    if !types.iter().any(|t| t == "null") {
        return false;
    }
    let non_null: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    if non_null.is_empty() || !non_null.iter().all(Value::is_string) {
        return false;
    }

    let taken = std::mem::take(obj);
    let mut inner = Map::new();
    for (k, v) in taken {
        if is_annotation(&k) {
            obj.insert(k, v);
        } else {
            inner.insert(k, v);
        }
    }
    if let Some(Value::Array(e)) = inner.get_mut("enum") {
        e.retain(|v| !v.is_null());
    }

    let mut branches: Vec<Value> = Vec::with_capacity(non_null.len() + 1);
    if non_null.len() > 1 && inner.len() == 1 {
        // A plain union of types: one branch per type, as pydantic prints it.
        for t in non_null {
            let mut b = Map::with_capacity(1);
            b.insert("type".into(), t);
            branches.push(Value::Object(b));
        }
    } else {
        let ty = if non_null.len() == 1 {
            non_null.into_iter().next().unwrap_or(Value::Null)
        } else {
            Value::Array(non_null)
        };
        inner.insert("type".into(), ty);
        branches.push(Value::Object(inner));
    }
    let mut null = Map::with_capacity(1);
    null.insert("type".into(), "null".into());
    branches.push(Value::Object(null));

    // Put `anyOf` first, the annotations after it (pydantic's insertion order).
    let annotations = std::mem::take(obj);
    obj.insert("anyOf".into(), Value::Array(branches));
    obj.extend(annotations);
    true
}

fn has_null_branch(obj: &Map<String, Value>) -> bool {
    matches!(obj.get("anyOf"), Some(Value::Array(a)) if a.iter().any(is_null_schema))
}

/// Whether pydantic would leave the property untitled: its schema is a
/// reference to a model or enum, possibly wrapped in `Optional`.
fn is_ref_like(obj: &Map<String, Value>) -> bool {
    if obj.contains_key("$ref") {
        return true;
    }
    if let Some(Value::Array(all)) = obj.get("allOf")
        && all.len() == 1
        && all[0].get("$ref").is_some()
    {
        return true;
    }
    if let Some(Value::Array(any)) = obj.get("anyOf") {
        let non_null: Vec<&Value> = any.iter().filter(|v| !is_null_schema(v)).collect();
        if non_null.len() == 1 && non_null.len() < any.len() {
            return non_null[0].as_object().is_some_and(is_ref_like);
        }
    }
    false
}

/// Drops the integer/float `format` schemars adds, with the bounds implied by
/// the Rust integer width (`u32` -> `minimum: 0`, `u8` -> 0..=255, ...).
fn drop_numeric_format(obj: &mut Map<String, Value>) {
    let Some(Value::String(format)) = obj.get("format") else {
        return;
    };
    let bounds: Option<(i128, i128)> = match format.as_str() {
        "int8" => Some((i8::MIN.into(), i8::MAX.into())),
        "int16" => Some((i16::MIN.into(), i16::MAX.into())),
        "uint8" => Some((0, u8::MAX.into())),
        "uint16" => Some((0, u16::MAX.into())),
        "uint32" | "uint64" | "uint128" | "uint" => Some((0, i128::MAX)),
        "int32" | "int64" | "int128" | "int" | "float" | "double" => None,
        _ => return,
    };
    obj.remove("format");
    if let Some((min, max)) = bounds {
        if obj.get("minimum").and_then(Value::as_i64).map(i128::from) == Some(min) {
            obj.remove("minimum");
        }
        if obj.get("maximum").and_then(Value::as_u64).map(i128::from) == Some(max) {
            obj.remove("maximum");
        }
    }
}

/// schemars prints a string enum whose variants carry doc comments as a
/// `oneOf` of `{"type": "string", "const": ..., "description": ...}` (and an
/// `enum` branch for undocumented variants). Pydantic ignores member docs and
/// prints `{"enum": [...], "type": "string"}`.
fn collapse_string_enum(obj: &mut Map<String, Value>) {
    let Some(Value::Array(branches)) = obj.get("oneOf") else {
        return;
    };
    if obj.contains_key("type") || branches.is_empty() {
        return;
    }
    let mut values = Vec::new();
    for b in branches {
        let Some(b) = b.as_object() else { return };
        if b.get("type").and_then(Value::as_str) != Some("string") {
            return;
        }
        if !b.keys().all(|k| {
            matches!(
                k.as_str(),
                "type" | "const" | "enum" | "description" | "title"
            )
        }) {
            return;
        }
        match (b.get("const"), b.get("enum")) {
            (Some(c), None) => values.push(c.clone()),
            (None, Some(Value::Array(e))) => values.extend(e.iter().cloned()),
            _ => return,
        }
    }
    obj.remove("oneOf");
    obj.insert("type".into(), "string".into());
    obj.insert("enum".into(), Value::Array(values));
}

/// Pydantic's `GenerateJsonSchema.sort`: keys sorted recursively, except the
/// keys directly under `properties` and `default`.
fn pydantic_sort(value: Value, parent_key: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let keep = matches!(parent_key, Some("properties" | "default"));
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            if !keep {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
            }
            let mut out = Map::with_capacity(entries.len());
            for (k, v) in entries {
                let v = pydantic_sort(v, Some(&k));
                out.insert(k, v);
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| pydantic_sort(v, parent_key))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use serde_json::json;
    use std::collections::HashMap;

    /// Colour of a thing.
    #[derive(Serialize, Deserialize, JsonSchema)]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    enum Color {
        Red,
        Blue,
    }

    #[derive(Serialize, Deserialize, JsonSchema, Default)]
    #[allow(dead_code)]
    enum Plain {
        #[default]
        A,
        B,
    }

    /// An inner model.
    #[derive(Serialize, Deserialize, JsonSchema)]
    #[allow(dead_code)]
    struct Inner {
        name: String,
        #[serde(default)]
        count: i64,
        /// A tag.
        tag: Option<String>,
    }

    /// The outer model.
    #[derive(Serialize, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        inner: Inner,
        /// with doc
        inner_doc: Inner,
        maybe_inner: Option<Inner>,
        items: Vec<String>,
        #[serde(default)]
        inners: Vec<Inner>,
        color: Color,
        #[serde(default)]
        plain: Plain,
        maybe_color: Option<Color>,
        labels: HashMap<String, String>,
        extra: Map<String, Value>,
        num: i64,
        small: u8,
        flag: bool,
        maybe_num: Option<u32>,
        f: f64,
        m: Option<Map<String, Value>>,
        any: Value,
        opt_list: Option<Vec<String>>,
        #[serde(rename = "x5t#S256")]
        x5t_s256: String,
        #[serde(rename = "abc_DEF_gHi")]
        abc: String,
        maybe_colors: Option<Vec<Color>>,
    }

    #[test]
    fn nested_shapes_match_pydantic() {
        // Written from pydantic 2.13 `model_json_schema()` of the equivalent model
        // (`Inner` / `Optional[Inner] = None` / `list[Inner] = []` / `Color` /
        // `Plain = Plain.A` / `dict[str, str]` / `dict[str, Any]` / `int` /
        // `bool` / `Optional[int] = None` / `float` / `Any` /
        // `Optional[list[Color]] = None` ...).
        let expected: Value = serde_json::from_str(
            r##"{
  "$defs": {
    "Color": {"description": "Colour of a thing.", "enum": ["red", "blue"], "title": "Color", "type": "string"},
    "Inner": {"description": "An inner model.",
      "properties": {"name": {"title": "Name", "type": "string"}, "count": {"default": 0, "title": "Count", "type": "integer"},
        "tag": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null, "description": "A tag.", "title": "Tag"}},
      "required": ["name"], "title": "Inner", "type": "object"},
    "Plain": {"enum": ["A", "B"], "title": "Plain", "type": "string"}
  },
  "description": "The outer model.",
  "properties": {
    "inner": {"$ref": "#/$defs/Inner"},
    "inner_doc": {"$ref": "#/$defs/Inner", "description": "with doc"},
    "maybe_inner": {"anyOf": [{"$ref": "#/$defs/Inner"}, {"type": "null"}], "default": null},
    "items": {"items": {"type": "string"}, "title": "Items", "type": "array"},
    "inners": {"default": [], "items": {"$ref": "#/$defs/Inner"}, "title": "Inners", "type": "array"},
    "color": {"$ref": "#/$defs/Color"},
    "plain": {"$ref": "#/$defs/Plain", "default": "A"},
    "maybe_color": {"anyOf": [{"$ref": "#/$defs/Color"}, {"type": "null"}], "default": null},
    "labels": {"additionalProperties": {"type": "string"}, "title": "Labels", "type": "object"},
    "extra": {"additionalProperties": true, "title": "Extra", "type": "object"},
    "num": {"title": "Num", "type": "integer"},
    "small": {"title": "Small", "type": "integer"},
    "flag": {"title": "Flag", "type": "boolean"},
    "maybe_num": {"anyOf": [{"type": "integer"}, {"type": "null"}], "default": null, "title": "Maybe Num"},
    "f": {"title": "F", "type": "number"},
    "m": {"anyOf": [{"additionalProperties": true, "type": "object"}, {"type": "null"}], "default": null, "title": "M"},
    "any": {"title": "Any"},
    "opt_list": {"anyOf": [{"items": {"type": "string"}, "type": "array"}, {"type": "null"}], "default": null, "title": "Opt List"},
    "x5t#S256": {"title": "X5T#S256", "type": "string"},
    "abc_DEF_gHi": {"title": "Abc Def Ghi", "type": "string"},
    "maybe_colors": {"anyOf": [{"items": {"$ref": "#/$defs/Color"}, "type": "array"}, {"type": "null"}], "default": null, "title": "Maybe Colors"}
  },
  "required": ["inner", "inner_doc", "items", "color", "labels", "extra", "num", "small", "flag", "f", "any", "x5t#S256", "abc_DEF_gHi"],
  "title": "Outer",
  "type": "object"
}"##,
        )
        .unwrap();
        let actual = model_schema::<Outer>();
        assert_eq!(actual, expected);

        // Key order is pydantic's: sorted, except property order.
        let top: Vec<&str> = actual
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            top,
            [
                "$defs",
                "description",
                "properties",
                "required",
                "title",
                "type"
            ]
        );
        let props: Vec<&str> = actual["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(&props[..3], ["inner", "inner_doc", "maybe_inner"]);
    }

    /// Documented variants.
    #[derive(JsonSchema)]
    #[allow(dead_code)]
    enum Documented {
        /// first
        A,
        /// second
        B,
    }

    #[test]
    fn enum_with_variant_docs_collapses() {
        assert_eq!(
            model_schema::<Documented>(),
            json!({"description": "Documented variants.", "enum": ["A", "B"], "title": "Documented", "type": "string"})
        );
    }

    #[test]
    fn unexpected_shapes_are_kept() {
        assert_eq!(to_pydantic_dialect(json!(true)), json!(true));
        assert_eq!(to_pydantic_dialect(json!([1, 2])), json!([1, 2]));
        // A non-string type array is left alone.
        let odd =
            json!({"title": "T", "type": "object", "properties": {"p": {"type": [1, "null"]}}});
        let out = to_pydantic_dialect(odd);
        assert_eq!(out["properties"]["p"]["type"], json!([1, "null"]));
    }
}
