//! The edges of the command line: the program name in usage lines (through a real binary),
//! the 32 MiB request limit at its exact boundary, and flags that do not fit the grammar.
//! Written for the mutants `cargo mutants` found alive in `cli/` (docs/TESTING.md).

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

use connector_runtime::Integration;
use connector_runtime::cli::MAX_REQUEST_BYTES;
use connector_tests::handmade::Handmade;
use connector_tests::run::{Outcome, run_cli_with_stdin};
use serde_json::json;

/// Runs the `panicky` binary with `argv[0]` set to `arg0` and one unknown capability.
fn usage_error_as(arg0: &str) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_panicky"))
        .arg0(arg0)
        .arg("list_widgets")
        .stdin(Stdio::null())
        .output()
        .expect("panicky runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn usage_lines_name_the_binary_as_it_was_called() {
    let (status, stdout, stderr) = usage_error_as("/opt/lumos/bin/renamed-connector");
    assert_eq!((status, stdout.as_str()), (2, ""));
    assert!(
        stderr.starts_with("usage: renamed-connector <capability> (--json JSON"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "\nrenamed-connector: error: argument command: invalid choice: 'list_widgets'\n"
        ),
        "{stderr}"
    );
    // Without a file name in argv[0], the app id stands in.
    let (status, _, stderr) = usage_error_as("..");
    assert_eq!(status, 2);
    assert!(
        stderr.starts_with("usage: panicky <capability>"),
        "{stderr}"
    );
}

/// A valid `validate_credentials` request for the handmade app, padded with spaces to `len`
/// bytes.
fn request_of_length(len: usize) -> Vec<u8> {
    let mut json = json!({
        "auth": {"token": {"token": "t"}},
        "settings": {"account_count": 1},
        "request": {},
    })
    .to_string()
    .into_bytes();
    assert!(json.len() <= len);
    json.resize(len, b' ');
    json
}

fn run_with_stdin(stdin: &[u8]) -> Outcome {
    let outcome = run_cli_with_stdin(
        &Handmade::APP,
        &["validate_credentials", "--json", "-"],
        stdin,
    );
    assert_eq!(outcome.status, 0, "{}", outcome.stderr);
    outcome
}

#[test]
fn a_request_of_exactly_32_mib_is_read_and_one_byte_more_is_refused() {
    let limit = usize::try_from(MAX_REQUEST_BYTES).unwrap();
    assert_eq!(limit, 32 * 1024 * 1024);
    let at_limit = run_with_stdin(&request_of_length(limit)).json();
    assert_eq!(at_limit["response"]["valid"], true, "{at_limit}");

    let over = run_with_stdin(&request_of_length(limit + 1)).json();
    assert_eq!(over["error"]["error_code"], "bad_request", "{over}");
    assert_eq!(
        over["error"]["message"],
        "Invalid request - the request is larger than 32 MiB"
    );
}
