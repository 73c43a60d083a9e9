//! The capability table: what `#[capability]` generates, and what can be written by hand.
//!
//! A capability is a type implementing [`CapabilityHandler`]; [`CapabilityEntry::of`] turns it
//! into a table row with its schemas and a type-erased runner. Decoding, the call and encoding
//! are generic code here, so the macros only emit data.

use std::future::Future;
use std::pin::Pin;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use crate::capability::{Capability, Level};
use crate::error::ConnectorError;
use crate::request::{DecodeRequest, RawEnvelope};
use crate::response::Response;
use crate::schema;

/// What `info` and the dispatcher know about a capability besides its types.
#[derive(Debug, Clone, Copy)]
pub struct CapabilityMeta {
    /// The name on the command line.
    pub name: &'static str,
    /// Read or write.
    pub level: Level,
    /// Whether the envelope carries a credential to check.
    pub authenticated: bool,
    /// The label in `info` (default: the name title-cased).
    pub display_name: Option<&'static str>,
    /// The description in `info`.
    pub description: Option<&'static str>,
    /// Where the code lives, as `module::path:function` (the envelope's `raised_in`).
    pub raised_in: &'static str,
}

impl CapabilityMeta {
    /// The metadata of standard capability `C`, implemented by the function at `raised_in`.
    pub const fn standard<C: Capability>(raised_in: &'static str) -> Self {
        CapabilityMeta {
            name: C::NAME,
            level: C::LEVEL,
            authenticated: C::AUTHENTICATED,
            display_name: None,
            description: None,
            raised_in,
        }
    }

    /// The metadata of a custom capability (level write, like connector-py's default).
    pub const fn custom(name: &'static str, raised_in: &'static str) -> Self {
        CapabilityMeta {
            name,
            level: Level::Write,
            authenticated: true,
            display_name: None,
            description: None,
            raised_in,
        }
    }

    /// The label in `info`: the one set, else the name title-cased (`"List Accounts"`).
    pub fn label(&self) -> String {
        self.display_name
            .map_or_else(|| schema::title_case(self.name), str::to_owned)
    }

    /// Sets the level (a custom capability's; `#[capability(custom = "...", level = read)]`).
    pub const fn with_level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Sets the display name.
    pub const fn with_display_name(mut self, display_name: &'static str) -> Self {
        self.display_name = Some(display_name);
        self
    }

    /// Sets the description.
    pub const fn with_description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }
}

/// A capability implementation: a request type in, a [`Response`] out.
///
/// `#[capability]` implements this for a hidden companion of the author's `async fn`; it can
/// also be implemented by hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a capability",
    label = "not a capability",
    note = "mark the function with `#[capability(<name>)]` (or implement `CapabilityHandler` by hand)"
)]
pub trait CapabilityHandler: 'static {
    /// The request type (for example `ListAccountsRequest<MySettings, TokenCredential>`).
    type Request: DecodeRequest;
    /// The `response` value of the success envelope.
    type Output: Serialize + JsonSchema + Send;
    /// Name, level and labels.
    const META: CapabilityMeta;

    /// Runs the capability.
    fn call(
        request: Self::Request,
    ) -> impl Future<Output = Result<Response<Self::Output>, ConnectorError>> + Send + 'static;
}

/// Why a run produced no success envelope.
#[derive(Debug)]
pub enum Failure {
    /// The request was rejected before the capability ran.
    BeforeCall(ConnectorError),
    /// The capability returned an error.
    Capability(ConnectorError),
}

/// The boxed future of a type-erased run: the success envelope JSON, or why not.
pub type RunFuture = Pin<Box<dyn Future<Output = Result<String, Failure>> + Send>>;

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
    /// Decodes the envelope for app `app_id`, runs the capability, encodes its response.
    pub run: fn(envelope: RawEnvelope, app_id: &'static str) -> RunFuture,
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
}

impl std::fmt::Debug for CapabilityEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CapabilityEntry")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
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

/// Decoding runs inside the future, so that a panic in the author's `Deserialize` (or a
/// `#[serde(default = ...)]` function) is caught with the capability's own.
fn run<H: CapabilityHandler>(envelope: RawEnvelope, app_id: &'static str) -> RunFuture {
    Box::pin(async move {
        let request = H::Request::decode(envelope, app_id, H::META.authenticated)
            .map_err(Failure::BeforeCall)?;
        let response = H::call(request).await.map_err(Failure::Capability)?;
        serde_json::to_string(&response).map_err(|e| {
            Failure::Capability(
                ConnectorError::invalid_response()
                    .with_message(format!("the capability's response cannot be encoded: {e}")),
            )
        })
    })
}

/// Panics at compile time (in a `const`) when two rows share a name.
pub const fn assert_unique_names(entries: &[CapabilityEntry]) {
    let mut i = 0;
    while i < entries.len() {
        let mut j = i + 1;
        while j < entries.len() {
            if const_str_eq(entries[i].meta.name, entries[j].meta.name) {
                let message = crate::__private::Message::new()
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

/// Whether `name` is a standard capability's (any other is custom); usable in `const`.
pub(crate) const fn is_standard_name(name: &str) -> bool {
    let mut i = 0;
    while i < crate::capabilities::ALL.len() {
        if const_str_eq(crate::capabilities::ALL[i], name) {
            return true;
        }
        i += 1;
    }
    false
}

pub(crate) const fn const_str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
