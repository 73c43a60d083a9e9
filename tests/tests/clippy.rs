//! `cargo clippy --workspace --all-targets -- -D warnings` passes: the workspace's lints
//! (`[workspace.lints]`: no `unwrap`/`expect` outside tests, no `pub` that cannot be reached,
//! and `missing_docs` in the runtime and the macros) hold. CI runs only `cargo test`, so this
//! test is how CI runs clippy. The inner cargo uses its own target directory,
//! `target/clippy-check`, so it never waits for the outer `cargo test`'s lock.

use std::path::Path;
use std::process::Command;

#[test]
fn clippy_passes_with_warnings_denied() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = |args: &[&str]| {
        Command::new(&cargo)
            .args(args)
            .current_dir(&workspace)
            .env("CARGO_TARGET_DIR", workspace.join("target/clippy-check"))
            .env_remove("RUSTFLAGS")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
    };
    match run(&["clippy", "--version"]) {
        Ok(version) if version.status.success() => {}
        _ => {
            reference_files::skip("cargo clippy is not installed");
            return;
        }
    }
    let output = run(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ])
    .expect("cannot run cargo clippy");
    assert!(
        output.status.success(),
        "cargo clippy --workspace --all-targets -- -D warnings failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
