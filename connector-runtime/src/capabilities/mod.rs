//! The standard capabilities: what one is as a type ([`Capability`]: its wire name, its
//! [`Level`], its payload and output types), and one marker type per capability with its request
//! and response aliases (generated, in `standard.rs`).

mod standard;

pub use standard::*;

use schemars::JsonSchema;
use serde::{Serialize, de::DeserializeOwned};

/// Whether a capability only reads from the upstream app or changes it.
///
/// Names missing from Lumos' levels table count as writes, custom capabilities included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Reads data; never changes the upstream app.
    Read,
    /// Changes data in the upstream app (the default for unknown names).
    Write,
}

impl Level {
    /// The lowercase spelling used on the wire (`"read"` or `"write"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Read => "read",
            Level::Write => "write",
        }
    }
}

/// A standard Lumos capability, implemented by the snake_case marker types in
/// this module (for example `capabilities::list_accounts`).
pub trait Capability: 'static {
    /// The name on the command line and in `info` (`"list_accounts"`).
    const NAME: &'static str;
    /// Read or write, from Lumos' levels table.
    const LEVEL: Level;
    /// `false` for the OAuth and credential-validation flows, whose requests carry no `auth`.
    const AUTHENTICATED: bool = true;
    /// `true` when the author may extend the payload with fields of their own
    /// (`create_account`, `update_account`).
    const CUSTOMIZABLE: bool = false;
    /// The `request` object of the envelope.
    type Payload: DeserializeOwned + JsonSchema + Send + 'static;
    /// The `response` value of the success envelope (a `Vec` for list capabilities).
    type Output: Serialize + JsonSchema + Send + 'static;
}

/// Implemented by the payload type(s) a capability accepts: its own payload, or for a
/// customizable capability any type that [`Extends`] it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the request payload of the `{C}` capability",
    label = "wrong request type for `{C}`",
    note = "a standard capability takes `connector_runtime::capabilities::<Name>Request<Settings, Auth>`, e.g. `ListAccountsRequest<MySettings, TokenCredential>` for `list_accounts`"
)]
pub trait PayloadOf<C> {}

/// Implemented by the `response` type of a capability (only ever its own output type).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not the response of the `{C}` capability",
    label = "wrong response type for `{C}`",
    note = "a standard capability returns `Result<connector_runtime::capabilities::<Name>Response, ConnectorError>`, e.g. `Result<ListAccountsResponse, ConnectorError>` for `list_accounts`"
)]
pub trait OutputOf<C: Capability> {
    /// The value as the capability's output type (the identity).
    fn into_output(self) -> C::Output;
}

/// Declares that an author's payload type extends a customizable standard payload
/// (`create_account`'s `CreatableAccount`, `update_account`'s `UpdateableAccount`), usually by
/// holding it under `#[serde(flatten)]` and adding fields of its own.
pub trait Extends<Base>: DeserializeOwned + JsonSchema + Send + 'static {}

impl<T: DeserializeOwned + JsonSchema + Send + 'static> Extends<T> for T {}

/// Whether `name` is a standard capability's (any other is custom); usable in `const`.
pub(crate) const fn is_standard(name: &str) -> bool {
    let mut i = 0;
    while i < ALL.len() {
        if crate::const_text::str_eq(ALL[i], name) {
            return true;
        }
        i += 1;
    }
    false
}
