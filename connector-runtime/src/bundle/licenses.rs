//! `THIRD_PARTY_LICENSES.txt`: every package the connector's binary is built from, other than
//! its own, with the licence its manifest declares and the text of the licence files it
//! ships. The packages are those of `Cargo.lock` that the binary's package reaches through
//! normal dependencies (not dev or build ones), as `cargo metadata` resolves them for this
//! platform in the current directory's workspace; the binary's package is the one with a
//! binary target named as this executable.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// The largest licence file copied; longer ones are cut and say so.
const MAX_LICENCE_BYTES: usize = 256 * 1024;

/// The file's text and how many packages it lists.
pub(super) struct Licences {
    pub(super) text: String,
    pub(super) packages: usize,
}

/// The licences of the packages `executable` is built from.
pub(super) fn third_party(executable: &Path) -> Result<Licences, String> {
    let binary = executable
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .ok_or_else(|| format!("{} has no file name", executable.display()))?;
    let metadata = cargo_metadata()?;
    let packages = dependencies_of(&metadata, &binary)?;
    let mut text = String::from(
        "Third-party software in this connector: the packages its executable is built from, \
         with the licence each declares and the licence files it ships.\n",
    );
    for package in &packages {
        text.push_str(&describe(package));
    }
    Ok(Licences {
        text,
        packages: packages.len(),
    })
}

fn cargo_metadata() -> Result<Value, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(&cargo);
    command.args(["metadata", "--format-version", "1"]);
    if let Some(host) = host_triple() {
        // The packages of this platform only: no `windows-sys` in a Linux bundle.
        command.args(["--filter-platform", &host]);
    }
    let output = command
        .output()
        .map_err(|e| {
            format!(
                "cannot run `{} metadata` to list the third-party packages: {e}; run this where cargo is installed, in the connector's source directory",
                cargo.to_string_lossy()
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "`cargo metadata` failed (run this in the connector's source directory): {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    serde_json::from_slice(&output.stdout)
        .map_err(|e| format!("`cargo metadata` printed something else than its JSON: {e}"))
}

/// The platform the toolchain builds for by default, which built this executable.
fn host_triple() -> Option<String> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc).arg("-vV").output().ok()?;
    String::from_utf8(output.stdout)
        .ok()?
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .map(str::to_owned)
}

/// The packages, other than its own, that the package of binary `binary` depends on
/// normally, directly or not, sorted by name and version.
fn dependencies_of<'m>(metadata: &'m Value, binary: &str) -> Result<Vec<&'m Value>, String> {
    let packages: BTreeMap<&str, &Value> = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|package| Some((package["id"].as_str()?, package)))
        .collect();
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let root = members
        .iter()
        .copied()
        .find(|id| packages.get(id).is_some_and(|package| has_binary(package, binary)))
        .ok_or_else(|| {
            format!("no package of the workspace here has a binary named `{binary}`; run this in the connector's source directory")
        })?;
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|node| Some((node["id"].as_str()?, node)))
        .collect();
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::from([root]);
    while let Some(id) = queue.pop_front() {
        let Some(node) = nodes.get(id) else { continue };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let normal = dep["dep_kinds"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|kind| kind["kind"].is_null());
            if let (true, Some(dep_id)) = (normal, dep["pkg"].as_str())
                && reached.insert(dep_id)
            {
                queue.push_back(dep_id);
            }
        }
    }
    reached.remove(root);
    let mut found: Vec<&Value> = reached
        .into_iter()
        .filter_map(|id| packages.get(id).copied())
        .collect();
    found.sort_by_key(|package| {
        (
            package["name"].as_str().unwrap_or_default().to_owned(),
            package["version"].as_str().unwrap_or_default().to_owned(),
        )
    });
    Ok(found)
}

fn has_binary(package: &Value, binary: &str) -> bool {
    package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|target| {
            target["name"] == binary
                && target["kind"]
                    .as_array()
                    .is_some_and(|kinds| kinds.iter().any(|kind| kind == "bin"))
        })
}

/// One package's section: name, version, declared licence, where it comes from, and the
/// texts of its licence files.
fn describe(package: &Value) -> String {
    let field = |name: &str| package[name].as_str().unwrap_or_default();
    let mut section = format!(
        "\n==== {} {}\nLicense: {}\n",
        field("name"),
        field("version"),
        package["license"].as_str().unwrap_or("(not declared)")
    );
    if let Some(repository) = package["repository"].as_str() {
        section.push_str(&format!("Repository: {repository}\n"));
    }
    let Some(directory) = Path::new(field("manifest_path")).parent() else {
        return section;
    };
    for file in licence_files(directory, package["license_file"].as_str()) {
        let Ok(bytes) = std::fs::read(directory.join(&file)) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_LICENCE_BYTES)]);
        section.push_str(&format!("\n---- {file}\n{}\n", text.trim_end()));
        if bytes.len() > MAX_LICENCE_BYTES {
            section.push_str("(cut here: the file is longer)\n");
        }
    }
    section
}

/// The licence files in `directory` (`LICENSE*`, `LICENCE*`, `COPYING*`, `NOTICE*`,
/// `UNLICENSE`) and the one the manifest names, by name.
fn licence_files(directory: &Path, declared: Option<&str>) -> BTreeSet<String> {
    let mut files: BTreeSet<String> = std::fs::read_dir(directory)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            let upper = name.to_ascii_uppercase();
            ["LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE"]
                .iter()
                .any(|prefix| upper.starts_with(prefix))
        })
        .collect();
    files.extend(declared.map(str::to_owned));
    files
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_normal_dependencies_of_the_binarys_package_are_listed() {
        let metadata = json!({
            "packages": [
                {"id": "app", "name": "app", "version": "1.0.0",
                 "targets": [{"name": "app", "kind": ["bin"]}]},
                {"id": "runtime", "name": "runtime", "version": "0.1.0", "license": "MIT", "targets": []},
                {"id": "leaf", "name": "leaf", "version": "2.0.0", "license": "Apache-2.0", "targets": []},
                {"id": "only-dev", "name": "only-dev", "version": "1.0.0", "targets": []},
                {"id": "build-only", "name": "build-only", "version": "1.0.0", "targets": []},
                {"id": "other", "name": "other", "version": "1.0.0",
                 "targets": [{"name": "other", "kind": ["bin"]}]},
            ],
            "workspace_members": ["app", "other"],
            "resolve": {"nodes": [
                {"id": "app", "deps": [
                    {"pkg": "runtime", "dep_kinds": [{"kind": null}]},
                    {"pkg": "only-dev", "dep_kinds": [{"kind": "dev"}]},
                    {"pkg": "build-only", "dep_kinds": [{"kind": "build"}]},
                ]},
                {"id": "runtime", "deps": [
                    {"pkg": "leaf", "dep_kinds": [{"kind": null}, {"kind": "build"}]},
                    {"pkg": "app", "dep_kinds": [{"kind": null}]},
                ]},
                {"id": "other", "deps": [{"pkg": "only-dev", "dep_kinds": [{"kind": null}]}]},
            ]},
        });
        let names: Vec<_> = dependencies_of(&metadata, "app")
            .unwrap()
            .iter()
            .map(|package| package["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["leaf", "runtime"]);
        let missing = dependencies_of(&metadata, "nope").unwrap_err();
        assert!(missing.contains("binary named `nope`"), "{missing}");
    }

    #[test]
    fn a_section_holds_the_declared_licence_and_the_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("LICENSE-MIT"), "MIT text\n").unwrap();
        std::fs::write(dir.path().join("README.md"), "not a licence").unwrap();
        let package = json!({
            "name": "leaf", "version": "2.0.0", "license": "MIT",
            "repository": "https://example.com/leaf",
            "manifest_path": dir.path().join("Cargo.toml"),
        });
        assert_eq!(
            describe(&package),
            "\n==== leaf 2.0.0\nLicense: MIT\nRepository: https://example.com/leaf\n\n---- LICENSE-MIT\nMIT text\n"
        );
    }
}
