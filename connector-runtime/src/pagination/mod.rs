//! Page tokens that are byte-for-byte the ones connector-py writes.
//!
//! # Wire format
//!
//! A token is the lowercase hex of one `MessagePack` value: an array holding a *stack of
//! cursors*, each cursor a map from field name to value. It is exactly what
//! `msgpack.packb([p.model_dump() for p in paginations]).hex()` gives in Python, so a sync
//! started by a Python build of a connector can be continued by a Rust build, and back.
//! An empty stack means "no more pages": no token at all, and the response's `page` is
//! `null` (never the token `"90"`).
//!
//! The stack lets one listing walk several upstream endpoints. The last element is the
//! cursor being worked on (`Request::page_cursor`); the ones below it are still to be
//! visited.
//!
//! # Writing a cursor type
//!
//! ```
//! use serde::{Deserialize, Serialize};
//!
//! #[derive(Serialize, Deserialize)]
//! #[serde(deny_unknown_fields)]
//! struct Cursor {
//!     endpoint: Option<String>, // connector-py's `PaginationBase.endpoint`, always first
//!     offset: i64,
//!     cursor: Option<String>,
//! }
//! ```
//!
//! - Declare the fields in the order the Python `Pagination` model declares them: map keys
//!   are written in field order, and the order is part of the bytes.
//! - Add `#[serde(deny_unknown_fields)]`. Python's model forbids extra keys; without the
//!   attribute, a token with a key the type does not know is silently accepted here.
//! - Write every field, `None` included (no `skip_serializing_if`): Python writes `nil`.
//! - Use `f64` for floats (Python has no 32-bit float), `i64`/`u32`/... for integers (the
//!   smallest encoding is chosen either way), `String` for text, and unit enums for
//!   string enums (they are written as their variant name; use `rename` to match values).
//! - Use [`Offset`] for a count of items already listed: it is written as a plain integer,
//!   and moving it on past the largest offset a token can hold is an error instead of a
//!   wrap back to the start.
//!
//! # Decoding is strict and bounded
//!
//! [`decode`] checks the whole token before serde sees it: length cap ([`MAX_TOKEN_LEN`]),
//! hex, one array of string-keyed maps, every length prefix within the bytes that remain,
//! strings valid UTF-8, nesting at most [`MAX_DEPTH`], no trailing bytes. A length
//! prefix claiming 4 GiB is rejected before anything is allocated, so what decoding
//! allocates is bounded by the token's length. Every failure is [`ConnectorError::invalid_page_token`](crate::ConnectorError::invalid_page_token) with a
//! message saying what is wrong. (connector-py reports the same tokens as
//! `internal_error`; this port treats them as the caller's bad input on purpose.)

mod msgpack;
mod offset;
mod token;

pub use msgpack::MAX_DEPTH;
pub use offset::Offset;
pub use token::{MAX_TOKEN_LEN, decode, decode_stack, encode, next_page};
