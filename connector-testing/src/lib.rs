//! The test kit of `connector-runtime`: test a connector without its app.
//!
//! - [`Connector`]: call any capability in process and get the envelope exactly as the command
//!   line prints it.
//! - [`Upstream`] and [`Exchange`]: a loopback HTTP server that answers the exchanges a test
//!   expects and fails the test, saying what differed, on any other request or an unmet
//!   expectation.
//! - [`Cases`]: case tables, one JSON file per capability, and the coverage check that fails
//!   naming each capability without a case.
//! - [`exhaust`]: follow page tokens to the end, failing on a repeated token or id, an
//!   oversized page, or too many pages.
//! - [`Recorder`] and [`Upstream::replay`]: record the exchanges with the live app once, every
//!   secret of the request scrubbed ([`Secrets`]), and replay them offline.
//! - [`Conformance`]: checks derived from the declared capabilities.
//!
//! Add it as a dev-dependency: `connector-testing = { path = "..." }`.

mod cases;
mod conformance;
mod connector;
mod diff;
mod exhaust;
mod scrub;
mod upstream;

pub use cases::{Case, Cases, UPSTREAM, with_upstream};
pub use conformance::{Conformance, Verdict};
pub use connector::{Connector, Envelope};
pub use diff::{ANY_VALUE, differences};
pub use exhaust::{PagingError, exhaust};
pub use scrub::{MIN_SECRET_LEN, Secrets};
pub use upstream::{ANY, Answer, Exchange, ExpectedRequest, Received, Recorder, Upstream};
