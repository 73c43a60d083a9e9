//! The scaffold through its real binary: `cargo connector new` writes a crate for each
//! credential whose own `cargo test` passes offline with no warning and whose code `cargo fmt
//! --check` accepts; a non-empty directory is refused with nothing written unless `--force`;
//! a bad name is a command-line error. The new crates build in one target directory of their
//! own, `target/scaffold-check`, so the inner cargo never waits for the outer one's lock.

#![allow(
    clippy::expect_used,
    reason = "the helpers are test code: a failed step fails the test"
)]

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scaffold<I: AsRef<OsStr>>(args: impl IntoIterator<Item = I>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cargo-connector"))
        .arg("connector")
        .args(args)
        .output()
        .expect("cannot run cargo-connector")
}

/// `cargo ARGS` in `dir`, as a user would run it there: the outer test's flags removed.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(args)
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/scaffold-check"),
        )
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_TARGET_DIR")
        .output()
        .expect("cannot run cargo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn rustfmt_installed(dir: &Path) -> bool {
    cargo(dir, &["fmt", "--version"]).status.success()
}

/// Scaffolds `acme-<auth>` and runs its tests.
fn new_crate_passes_its_own_tests(auth: &str) {
    let parent = tempfile::tempdir().expect("cannot make a temporary directory");
    let dir = parent.path().join(format!("acme-{auth}"));
    let name = format!("acme-{auth}");
    let made = scaffold([
        "new",
        &name,
        "--path",
        dir.to_str().expect("a UTF-8 temporary path"),
        "--auth",
        auth,
    ]);
    assert!(made.status.success(), "new failed: {}", text(&made.stderr));
    assert!(
        text(&made.stdout).contains(&format!("Created `{name}` ({auth} credential")),
        "{}",
        text(&made.stdout)
    );

    let tested = cargo(&dir, &["test"]);
    let stderr = text(&tested.stderr);
    assert!(
        tested.status.success(),
        "the new crate's tests failed:\n{stderr}\n{}",
        text(&tested.stdout)
    );
    let warnings: Vec<_> = stderr
        .lines()
        .filter(|line| line.starts_with("warning"))
        .collect();
    assert!(
        warnings.is_empty(),
        "the new crate builds with warnings:\n{stderr}"
    );
    let stdout = text(&tested.stdout);
    for test in [
        "every_case_passes",
        "every_capability_has_a_case",
        "list_accounts_pages_through_every_user_once",
        "conformance",
        "no_envelope_holds_the_credential",
    ] {
        assert!(
            stdout.contains(&format!("test {test} ... ok")),
            "{test} did not pass:\n{stdout}"
        );
    }

    if rustfmt_installed(&dir) {
        let fmt = cargo(&dir, &["fmt", "--check"]);
        assert!(
            fmt.status.success(),
            "cargo fmt --check disagrees with the new crate:\n{}",
            text(&fmt.stdout)
        );
    } else {
        eprintln!("SKIPPED the format check: rustfmt is not installed");
    }
}

#[test]
fn a_token_connector_passes_its_tests() {
    new_crate_passes_its_own_tests("token");
}

#[test]
fn a_basic_connector_passes_its_tests() {
    new_crate_passes_its_own_tests("basic");
}

#[test]
fn an_oauth_connector_passes_its_tests() {
    new_crate_passes_its_own_tests("oauth");
}

#[test]
fn a_multi_credential_connector_passes_its_tests() {
    new_crate_passes_its_own_tests("multi");
}

fn listing(dir: &Path) -> Vec<PathBuf> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .expect("cannot list")
        .map(|entry| entry.expect("cannot list").path())
        .collect();
    names.sort();
    names
}

#[test]
fn a_non_empty_directory_is_refused_untouched_unless_forced() {
    let parent = tempfile::tempdir().expect("cannot make a temporary directory");
    let dir = parent.path().join("busy");
    fs::create_dir(&dir).expect("cannot make a directory");
    fs::write(dir.join("notes.txt"), "mine").expect("cannot write");
    let path = dir.to_str().expect("a UTF-8 temporary path");

    let refused = scaffold(["new", "acme", "--path", path]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        text(&refused.stderr).contains("is not empty (1 entry)")
            && text(&refused.stderr).contains("--force"),
        "{}",
        text(&refused.stderr)
    );
    assert_eq!(listing(&dir), vec![dir.join("notes.txt")]);
    assert_eq!(
        listing(parent.path()),
        vec![dir.clone()],
        "nothing staged is left beside it"
    );

    let forced = scaffold(["new", "acme", "--path", path, "--force"]);
    assert!(forced.status.success(), "{}", text(&forced.stderr));
    assert_eq!(
        fs::read_to_string(dir.join("notes.txt")).expect("kept"),
        "mine"
    );
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("written");
    assert!(manifest.contains("name = \"acme\""), "{manifest}");
    assert!(dir.join("src/integration.rs").is_file());
    assert!(dir.join("tests/cases/list_accounts.json").is_file());
}

#[test]
fn a_bad_name_is_a_command_line_error_and_writes_nothing() {
    let parent = tempfile::tempdir().expect("cannot make a temporary directory");
    let dir = parent.path().join("x");
    let refused = scaffold([
        "new",
        "Acme CRM",
        "--path",
        dir.to_str().expect("a UTF-8 temporary path"),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        text(&refused.stderr).starts_with("error: "),
        "{}",
        text(&refused.stderr)
    );
    assert!(!dir.exists());
}

#[test]
fn another_runtime_version_is_a_registry_dependency() {
    let parent = tempfile::tempdir().expect("cannot make a temporary directory");
    let dir = parent.path().join("acme");
    let made = scaffold([
        "new",
        "acme",
        "--path",
        dir.to_str().expect("a UTF-8 temporary path"),
        "--runtime-version",
        "0.2",
    ]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).expect("written");
    assert!(
        manifest.contains("connector-runtime = \"0.2\"\n"),
        "{manifest}"
    );
    assert!(
        !dir.join("Cargo.lock").exists(),
        "a checkout's lock file belongs to a path dependency only"
    );
}
