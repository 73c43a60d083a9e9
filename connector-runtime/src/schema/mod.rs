//! JSON Schemas in the dialect printed by connector-py's `info` command.
//!
//! connector-py embeds pydantic v2 `model_json_schema()` output in `info`. This
//! module derives a schema for a Rust type with schemars 1.x and rewrites it into
//! that dialect:
//!
//! - the model, every `$defs` entry and every property carries a `title`
//!   (properties: the field name title-cased as Python's `str.title()` does),
//!   except properties whose schema is a reference to a model or enum (pydantic
//!   leaves those untitled, also when wrapped in `Optional`);
//! - `Option<T>` becomes `{"anyOf": [T, {"type": "null"}], "default": null, ...}`
//!   with the annotations (`title`, `description`, `default`, examples, and every
//!   `x-` key) kept next to the `anyOf`;
//! - `$schema` and `additionalProperties: false` are dropped;
//! - integer and float `format`s, and the bounds schemars derives from the Rust
//!   integer width, are dropped (pydantic prints a bare `{"type": "integer"}`);
//! - string enums whose variants carry doc comments (schemars prints a `oneOf`
//!   of `const`s) collapse to `{"enum": [...], "type": "string"}`;
//! - empty `required` lists are dropped and model-level objects always have
//!   `properties`;
//! - keys are ordered as pydantic orders them (alphabetically, except the
//!   property order inside `properties` and the content of `default`).
//!
//! None of the functions panic: a shape that is not recognised is left as is.

mod dialect;
mod info_schemas;
mod title;

pub use dialect::{model_schema, to_pydantic_dialect};
pub use info_schemas::{
    credential_schema, empty_model, empty_settings_schema, output_schema, settings_schema,
};
pub use title::title_case;
