//! Runs the real CLI entry point in-process and captures what it prints.

use std::ffi::OsString;

use connector_runtime::App;
use connector_runtime::cli::{Streams, run};

/// What one run printed, and its exit status.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The exit status.
    pub status: u8,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
}

impl Outcome {
    /// stdout parsed as the one JSON document it must be.
    pub fn json(&self) -> serde_json::Value {
        assert!(
            self.stdout.ends_with('\n'),
            "stdout must end with a newline: {:?}",
            self.stdout
        );
        assert_eq!(
            self.stdout.matches('\n').count(),
            1,
            "stdout must be one line"
        );
        serde_json::from_str(&self.stdout).expect("stdout is one JSON document")
    }
}

/// Runs `args` against `app` with `stdin` as standard input.
pub fn run_cli_with_stdin(app: &App, args: &[&str], stdin: &[u8]) -> Outcome {
    let args: Vec<OsString> = args.iter().map(OsString::from).collect();
    run_cli_os(app, &args, stdin)
}

/// Runs `args` (possibly not UTF-8) against `app`.
pub fn run_cli_os(app: &App, args: &[OsString], stdin: &[u8]) -> Outcome {
    let (mut stdin, mut stdout, mut stderr) = (stdin, Vec::new(), Vec::new());
    let mut streams = Streams {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    let status = run(app, "handmade", args, &mut streams);
    Outcome {
        status,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `args` against `app` with empty standard input.
pub fn run_cli(app: &App, args: &[&str]) -> Outcome {
    run_cli_with_stdin(app, args, b"")
}
