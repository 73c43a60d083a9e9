//! Runs `tests/compare_with_python.sh` (this server against the Python mock, byte for byte)
//! when the Python reference is installed; otherwise says so on the terminal. The reference
//! is built from PyPI by `shared/reference-python/setup.sh`, so a clean CI machine may not have
//! it, and its absence is not a failure.

use std::io::Write;
use std::process::Command;

#[test]
fn the_server_answers_as_the_python_mock_does() {
    let ref_dir = std::env::var("REF_DIR").unwrap_or_else(|_| "/tmp/lumos-py-ref".into());
    if !std::path::Path::new(&ref_dir)
        .join("venv/bin/python")
        .exists()
    {
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED compare_with_python.sh: no Python reference at {ref_dir} (run shared/reference-python/setup.sh)"
        );
        return;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/compare_with_python.sh");
    let output = Command::new("bash")
        .arg(script)
        .env("RUST_BIN", env!("CARGO_BIN_EXE_mockapp-server"))
        .env("REF_DIR", &ref_dir)
        .output()
        .expect("bash runs");
    let report = String::from_utf8_lossy(&output.stdout);
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}",
        report.lines().last().unwrap_or("")
    );
    assert!(
        output.status.success(),
        "compare_with_python.sh found differences:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
