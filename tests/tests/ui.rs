//! Compile-time promises: every mistake an author can make in a capability or integration
//! declaration fails `cargo build` with one error on the author's token, worded by us.
//!
//! The `.stderr` files are rustc 1.95's output. On another compiler the test is skipped with a
//! visible line, and fails under `CI=true`, where the pinned toolchain is expected. Regenerate
//! with `TRYBUILD=overwrite cargo test -p connector-tests --test ui` and review the diff.

#[test]
fn ui() {
    if !rustversion::cfg!(stable(1.95)) {
        reference_files::skip("the ui .stderr files are pinned to rustc 1.95");
        return;
    }
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/capability/fail/*.rs");
    t.compile_fail("ui/integration/fail/*.rs");
    t.compile_fail("ui/tutorial/fail/*.rs");
    t.compile_fail("ui/models/fail/*.rs");
}
