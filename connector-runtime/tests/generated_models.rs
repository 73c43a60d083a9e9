//! The committed wire models are what `tools/gen_models.py` makes of the spec today: a model
//! edited by hand, or a generator changed without regenerating, fails here.

use std::process::Command;

#[test]
fn generated_models_match_the_spec() {
    let spec = reference_files::path("lumos/openapi.json");
    if !spec.exists() {
        reference_files::skip(&format!("{} not found", spec.display()));
        return;
    }
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let output = match Command::new("python3")
        .arg("tools/gen_models.py")
        .arg(&spec)
        .arg("--check")
        .current_dir(root)
        .output()
    {
        Ok(output) => output,
        Err(e) => {
            reference_files::skip(&format!("cannot run python3: {e}"));
            return;
        }
    };
    assert!(
        output.status.success(),
        "tools/gen_models.py --check failed: the generated models are stale\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
