//! The runtime's rustdoc is complete and clean: `cargo doc -p connector-runtime --no-deps` with
//! `RUSTDOCFLAGS="-D warnings -F missing_docs"` passes, so every public item has a doc comment
//! (the generated models included) and no intra-doc link is broken or ambiguous. CI runs only
//! `cargo test`, so this test is how CI runs that command.
//!
//! The inner cargo builds into its own directory, `target/rustdoc-check`, so it never waits for
//! the lock of the outer `cargo test`'s target directory.

use std::path::Path;
use std::process::Command;

#[test]
fn rustdoc_passes_with_missing_docs_forbidden() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["doc", "-p", "connector-runtime", "--no-deps", "--locked"])
        .current_dir(&workspace)
        .env("CARGO_TARGET_DIR", workspace.join("target/rustdoc-check"))
        .env("RUSTDOCFLAGS", "-D warnings -F missing_docs")
        // These would take precedence over RUSTDOCFLAGS.
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
        .env_remove("CARGO_BUILD_RUSTDOCFLAGS")
        .output()
        .expect("cannot run cargo doc");
    assert!(
        output.status.success(),
        "cargo doc -p connector-runtime --no-deps with RUSTDOCFLAGS=\"-D warnings -F missing_docs\" \
         failed: document every public item (generated models: tools/gen_models.py) and fix the \
         links rustdoc names\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
