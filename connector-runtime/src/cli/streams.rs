//! The standard streams one run of the command line reads and writes.

use std::io::{Read, Write};

/// The standard streams of one run; tests pass buffers.
pub struct Streams<'a> {
    /// Where `--json -` reads from.
    pub stdin: &'a mut dyn Read,
    /// Where the JSON document goes.
    pub stdout: &'a mut dyn Write,
    /// Where usage errors and diagnostics go.
    pub stderr: &'a mut dyn Write,
}
