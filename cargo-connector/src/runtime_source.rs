//! Where the new crate gets `connector-runtime` and `connector-testing`: this checkout by
//! path (the default when the scaffold was built from one), another checkout, or a version
//! from a registry.

use std::path::{Path, PathBuf};

/// The versions of the crates the new connector names itself, kept equal to this workspace's
/// (a test compares them).
pub(crate) const SERDE_VERSION: &str = "1.0.228";
/// See [`SERDE_VERSION`].
pub(crate) const SCHEMARS_VERSION: &str = "1.2";
/// See [`SERDE_VERSION`].
pub(crate) const SERDE_JSON_VERSION: &str = "1.0.145";

/// Where the framework's crates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RuntimeSource {
    /// A checkout of this repository: its `connector-runtime/` and `connector-testing/`.
    Checkout(PathBuf),
    /// A version requirement, for a registry that has the crates.
    Version(String),
}

impl RuntimeSource {
    /// The checkout this binary was built from, if it is still there.
    pub(crate) fn built_from() -> Option<RuntimeSource> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent()?;
        Self::checkout(root).ok()
    }

    /// The checkout at `root`, which must hold both crates.
    pub(crate) fn checkout(root: &Path) -> Result<RuntimeSource, String> {
        for member in ["connector-runtime", "connector-testing"] {
            if !root.join(member).join("Cargo.toml").is_file() {
                return Err(format!(
                    "{} is not a checkout of the connector framework: it has no {member}/Cargo.toml",
                    root.display()
                ));
            }
        }
        let root = std::path::absolute(root)
            .map_err(|e| format!("cannot resolve {}: {e}", root.display()))?;
        Ok(RuntimeSource::Checkout(root))
    }

    /// The version requirement `requirement` (`0.1`, `=0.1.3`, ...).
    pub(crate) fn version(requirement: &str) -> Result<RuntimeSource, String> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || ".^~=<>*,+- ".contains(c);
        if requirement.trim().is_empty() || !requirement.chars().all(allowed) {
            return Err(format!("`{requirement}` is not a version requirement"));
        }
        Ok(RuntimeSource::Version(requirement.trim().to_owned()))
    }

    /// The dependency's value in `Cargo.toml` for the framework crate `member`.
    pub(crate) fn dependency(&self, member: &str) -> String {
        match self {
            RuntimeSource::Checkout(root) => {
                format!(
                    "{{ path = {} }}",
                    toml_string(&root.join(member).to_string_lossy())
                )
            }
            RuntimeSource::Version(requirement) => toml_string(requirement),
        }
    }

    /// The checkout's `Cargo.lock`, which pins the new crate to the versions the framework
    /// is tested with (and lets it build offline from what is already downloaded).
    pub(crate) fn lock_file(&self) -> Option<PathBuf> {
        match self {
            RuntimeSource::Checkout(root) => Some(root.join("Cargo.lock")).filter(|p| p.is_file()),
            RuntimeSource::Version(_) => None,
        }
    }
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_versions_are_the_workspaces() {
        let workspace = include_str!("../../Cargo.toml");
        for (name, version) in [
            ("serde", SERDE_VERSION),
            ("schemars", SCHEMARS_VERSION),
            ("serde_json", SERDE_JSON_VERSION),
        ] {
            let line = format!("\n{name} = {{ version = \"{version}\"");
            assert!(
                workspace.contains(&line),
                "{name} is not {version} in the workspace"
            );
        }
    }

    #[test]
    fn dependencies_by_path_and_by_version() {
        let checkout = RuntimeSource::built_from().unwrap();
        let RuntimeSource::Checkout(root) = &checkout else {
            panic!()
        };
        assert_eq!(
            checkout.dependency("connector-runtime"),
            format!("{{ path = \"{}/connector-runtime\" }}", root.display())
        );
        assert!(checkout.lock_file().is_some());
        let version = RuntimeSource::version("=0.1.0").unwrap();
        assert_eq!(version.dependency("connector-testing"), "\"=0.1.0\"");
        assert_eq!(version.lock_file(), None);
    }

    #[test]
    fn bad_sources_are_refused() {
        assert!(RuntimeSource::version("0.1\"\n[x]").is_err());
        assert!(RuntimeSource::version(" ").is_err());
        let message = RuntimeSource::checkout(Path::new("/nonexistent")).unwrap_err();
        assert!(
            message.contains("no connector-runtime/Cargo.toml"),
            "{message}"
        );
    }

    #[test]
    fn paths_are_quoted_for_toml() {
        assert_eq!(toml_string(r#"C:\a "b""#), r#""C:\\a \"b\"""#);
        assert_eq!(toml_string("a\nb"), "\"a\\u000Ab\"");
    }
}
