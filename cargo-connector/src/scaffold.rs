//! `new`: renders the crate and writes it. Into a missing or empty directory it writes all or
//! nothing (the files go to a hidden sibling, which is then renamed into place); a non-empty
//! directory is refused unless forced, and then each file replaces its old self atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::auth::Credential;
use crate::format::formatted;
use crate::name::ConnectorName;
use crate::runtime_source::{RuntimeSource, SCHEMARS_VERSION, SERDE_JSON_VERSION, SERDE_VERSION};
use crate::template::{File, Values, render_all};

/// What `new` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NewConnector {
    /// The connector's name.
    pub(crate) name: ConnectorName,
    /// The directory to create (default: the name, in the current directory).
    pub(crate) path: PathBuf,
    /// The credential requests carry.
    pub(crate) auth: Credential,
    /// Where the framework's crates come from.
    pub(crate) runtime: RuntimeSource,
    /// Write into a non-empty directory.
    pub(crate) force: bool,
}

/// The files of the new crate, relative to its root.
pub(crate) fn files(new: &NewConnector) -> Vec<File> {
    let name = &new.name;
    let auth = new.auth;
    let values = Values {
        snippets: vec![
            ("credential_uses", auth.credential_uses().to_owned()),
            ("credential_items", auth.credential_items().to_owned()),
            ("integration_auth", auth.integration_auth().to_owned()),
            ("client_builder", auth.client_builder().to_owned()),
            ("credential_type", auth.credential_type().to_owned()),
            ("request_credential", auth.request_credential().to_owned()),
        ],
        names: vec![
            ("crate_name", name.crate_name.clone()),
            ("lib_name", name.lib_name.clone()),
            ("app_id", name.lib_name.clone()),
            ("Type", name.type_name.clone()),
            ("Display", name.display_name.clone()),
            ("auth_flag", auth.flag().to_owned()),
            ("auth_description", auth.description().to_owned()),
            ("authorization", auth.authorization().to_owned()),
            (
                "runtime_dependency",
                new.runtime.dependency("connector-runtime"),
            ),
            (
                "testing_dependency",
                new.runtime.dependency("connector-testing"),
            ),
            ("serde_version", SERDE_VERSION.to_owned()),
            ("schemars_version", SCHEMARS_VERSION.to_owned()),
            ("serde_json_version", SERDE_JSON_VERSION.to_owned()),
        ],
    };
    render_all(&values)
}

/// Writes the new crate; returns the files written.
pub(crate) fn create(new: &NewConnector) -> Result<Vec<PathBuf>, String> {
    let mut files = formatted(files(new));
    if let Some(lock) = new.runtime.lock_file() {
        let text = fs::read_to_string(&lock)
            .map_err(|e| format!("cannot read {}: {e}", lock.display()))?;
        files.push(File {
            path: PathBuf::from("Cargo.lock"),
            text,
        });
    }
    let target = &new.path;
    match entries(target)? {
        None | Some(0) => write_whole(target, &files)?,
        Some(_) if new.force => write_over(target, &files)?,
        Some(count) => {
            return Err(format!(
                "{} is not empty ({count} entr{}); choose another --path, or pass --force to write the connector's files into it",
                target.display(),
                if count == 1 { "y" } else { "ies" }
            ));
        }
    }
    Ok(files.into_iter().map(|f| f.path).collect())
}

/// How many entries `dir` has; `None` when it does not exist.
fn entries(dir: &Path) -> Result<Option<usize>, String> {
    match fs::read_dir(dir) {
        Ok(listing) => Ok(Some(listing.count())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            Err(format!("{} exists and is not a directory", dir.display()))
        }
        Err(e) => Err(format!("cannot read {}: {e}", dir.display())),
    }
}

/// The crate's parent directory, created when missing.
fn parent_of(target: &Path) -> Result<PathBuf, String> {
    let absolute = std::path::absolute(target)
        .map_err(|e| format!("cannot resolve {}: {e}", target.display()))?;
    let parent = absolute
        .parent()
        .ok_or_else(|| format!("{} has no parent directory", target.display()))?
        .to_owned();
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    Ok(parent)
}

/// All files into a staging directory beside `target`, then one rename: an interrupted run
/// leaves no half-written crate.
fn write_whole(target: &Path, files: &[File]) -> Result<(), String> {
    let parent = parent_of(target)?;
    let staging = tempfile::Builder::new()
        .prefix(".cargo-connector-")
        .tempdir_in(&parent)
        .map_err(|e| format!("cannot create a directory in {}: {e}", parent.display()))?;
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        fs::write(&path, &file.text)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    if target.exists() {
        // An empty directory: rename cannot replace it everywhere.
        fs::remove_dir(target).map_err(|e| format!("cannot replace {}: {e}", target.display()))?;
    }
    let staged = staging.keep();
    fs::rename(&staged, target).map_err(|e| {
        let _ = fs::remove_dir_all(&staged);
        format!("cannot move the new crate to {}: {e}", target.display())
    })
}

/// Each file through a temporary file in its own directory, renamed over the old one.
fn write_over(target: &Path, files: &[File]) -> Result<(), String> {
    for file in files {
        let path = target.join(&file.path);
        let dir = path.parent().unwrap_or(target);
        fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut temporary = tempfile::NamedTempFile::new_in(dir)
            .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
        temporary
            .write_all(file.text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        temporary
            .persist(&path)
            .map_err(|e| format!("cannot write {}: {}", path.display(), e.error))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(auth: Credential) -> NewConnector {
        NewConnector {
            name: ConnectorName::parse("acme-crm").unwrap(),
            path: PathBuf::from("acme-crm"),
            auth,
            runtime: RuntimeSource::version("0.1").unwrap(),
            force: false,
        }
    }

    #[test]
    fn no_key_is_left_unrendered() {
        for (_, auth) in crate::auth::CHOICES {
            for file in files(&new(*auth)) {
                let left = file.text.replace("{{upstream}}", "").replace("{{any}}", "");
                assert!(!left.contains("{{"), "{:?}, {auth:?}:\n{left}", file.path);
            }
        }
    }

    #[test]
    fn the_credential_shapes_the_integration_and_the_tests() {
        let text = |auth, path: &str| {
            files(&new(auth))
                .into_iter()
                .find(|f| f.path == Path::new(path))
                .unwrap()
                .text
        };
        assert!(text(Credential::Basic, "src/integration.rs").contains("auth = BasicCredential,"));
        assert!(
            text(Credential::Multi, "src/integration.rs")
                .contains("credentials = AcmeCrmCredentials,")
        );
        assert!(
            text(Credential::OAuth, "src/integration.rs")
                .contains("pub fn token_url(settings: &AcmeCrmSettings)")
        );
        assert!(
            text(Credential::Basic, "tests/cases/get_account.json")
                .contains("\"Basic [REDACTED]\"")
        );
        assert!(text(Credential::Token, "Cargo.toml").contains("connector-runtime = \"0.1\"\n"));
        assert!(!text(Credential::Token, "src/integration.rs").contains("\n\n\n"));
    }
}
