//! One row of an integration's capability table, and what `info` and `app_info` read from it.

use serde_json::Value;

use super::run::{RunFuture, run};
use super::{CapabilityHandler, CapabilityMeta};
use crate::capabilities::Level;
use crate::const_text::{Message, str_eq};
use crate::request::{DecodeRequest, RawEnvelope};
use crate::schema;

/// One row of an integration's capability table.
#[derive(Clone, Copy)]
pub struct CapabilityEntry {
    /// Name, level and labels.
    pub meta: CapabilityMeta,
    /// The `argument` schema of `info`.
    pub argument_schema: fn() -> Value,
    /// The `output` schema of `info` (`Empty` for lists).
    pub output_schema: fn() -> Value,
    /// The full schema of the `response` value, for `app_info`.
    pub response_schema: fn() -> Value,
    /// Decodes the envelope for app `app_id`, runs the capability, encodes its outcome.
    pub(crate) run: fn(envelope: RawEnvelope, app_id: &'static str) -> RunFuture,
}

impl CapabilityEntry {
    /// The table row of handler `H`.
    pub const fn of<H: CapabilityHandler>() -> Self {
        CapabilityEntry {
            meta: H::META,
            argument_schema: argument_schema::<H>,
            output_schema: output_schema::<H>,
            response_schema: response_schema::<H>,
            run: run::<H>,
        }
    }

    /// The capability's name.
    pub const fn name(&self) -> &'static str {
        self.meta.name
    }

    /// The row as `info` and `app_info` describe it.
    pub(crate) fn describe(&self) -> Description {
        Description {
            meta: self.meta,
            argument: (self.argument_schema)(),
            output: (self.output_schema)(),
            response: (self.response_schema)(),
        }
    }
}

impl std::fmt::Debug for CapabilityEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CapabilityEntry")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// A capability with its schemas evaluated: what `info` and `app_info` print about it.
pub(crate) struct Description {
    /// Name, level and labels.
    pub(crate) meta: CapabilityMeta,
    /// The payload schema.
    pub(crate) argument: Value,
    /// The `output` schema of `info`.
    pub(crate) output: Value,
    /// The full response schema of `app_info`.
    pub(crate) response: Value,
}

impl Description {
    /// Sets `x-capability-level` on the payload schema, as custom capabilities carry it.
    pub(crate) fn mark_level(&mut self, level: Level) {
        if let Some(object) = self.argument.as_object_mut() {
            object.insert("x-capability-level".into(), level.as_str().into());
        }
    }
}

fn argument_schema<H: CapabilityHandler>() -> Value {
    schema::model_schema::<<H::Request as DecodeRequest>::Payload>()
}

fn output_schema<H: CapabilityHandler>() -> Value {
    schema::output_schema::<H::Output>()
}

/// Lists keep their item schema here, under the title connector-py gives them.
fn response_schema<H: CapabilityHandler>() -> Value {
    let mut schema = schema::model_schema::<H::Output>();
    if schema.get("type").and_then(Value::as_str) == Some("array")
        && let Some(object) = schema.as_object_mut()
    {
        object.insert("title".into(), "Response".into());
    }
    schema
}

/// Panics at compile time (in a `const`) when two rows share a name.
pub(crate) const fn assert_unique_names(entries: &[CapabilityEntry]) {
    let mut i = 0;
    while i < entries.len() {
        let mut j = i + 1;
        while j < entries.len() {
            if str_eq(entries[i].meta.name, entries[j].meta.name) {
                let message = Message::new()
                    .push("capability `")
                    .push(entries[i].meta.name)
                    .push("` is registered twice: each capability name can be listed once");
                panic!("{}", message.as_str());
            }
            j += 1;
        }
        i += 1;
    }
}
