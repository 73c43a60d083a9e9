//! The integration built through the renamed dependency runs.

use std::ffi::OsString;

use rt::Integration;
use rt::cli::{Streams, run};

#[test]
fn runs_through_the_renamed_runtime() {
    let json = r#"{"auth":{"token":{"token":"t"}},"settings":{"tenant":"acme"},"request":{}}"#;
    let args: Vec<OsString> = ["validate_credentials", "--json", json]
        .iter()
        .map(OsString::from)
        .collect();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut streams = Streams {
        stdin: &mut &b""[..],
        stdout: &mut stdout,
        stderr: &mut stderr,
    };
    assert_eq!(
        run(
            &connector_tests_renamed::Renamed::APP,
            "renamed",
            &args,
            &mut streams
        ),
        0
    );
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        "{\"response\":{\"valid\":true,\"unique_tenant_id\":\"acme\"},\"raw_data\":null,\"page\":null,\"rate_limit\":null,\"execution_summary\":null}\n"
    );
}
