//! `dev compile-on-prem`: the archive the on-prem agent installs, laid out as connector-py's:
//! `D/bundled/<app_id>-<version>.tar.gz` holding this executable as `main`, the third-party
//! licences of its dependencies as `THIRD_PARTY_LICENSES.txt`, and `metadata.toml`, which
//! the agent reads for the app id and version. The archive's path alone goes to stdout.

mod archive;
mod licenses;
mod timestamp;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::Streams;
use crate::integration::App;

/// Builds the archive; the exit status (0 written, 1 not).
pub(crate) fn compile_on_prem(
    app: &App,
    output_directory: Option<PathBuf>,
    streams: &mut Streams<'_>,
) -> u8 {
    match bundle(app, output_directory, streams.stderr) {
        Ok(archive) => {
            let _ = writeln!(streams.stdout, "{}", archive.display());
            let _ = streams.stdout.flush();
            0
        }
        Err(message) => {
            let _ = writeln!(streams.stderr, "error: {message}");
            1
        }
    }
}

fn bundle(
    app: &App,
    output_directory: Option<PathBuf>,
    stderr: &mut dyn Write,
) -> Result<PathBuf, String> {
    let executable =
        std::env::current_exe().map_err(|e| format!("cannot find this executable: {e}"))?;
    if cfg!(debug_assertions) {
        let _ = writeln!(
            stderr,
            "warning: this is a debug build; for a bundle to ship, run `cargo run --release -- dev compile-on-prem`"
        );
    }
    let directory = output_directory.unwrap_or_else(|| {
        Path::new("compiled").join(format!("{}-{}", app.app_id, timestamp::now_for_path()))
    });
    let _ = writeln!(
        stderr,
        "Bundling {} {} from {} in {}",
        app.app_id,
        app.version,
        executable.display(),
        directory.display()
    );
    let licences = licenses::third_party(&executable)?;
    let _ = writeln!(
        stderr,
        "Licences of {} third-party packages",
        licences.packages
    );
    let metadata = metadata_toml(app);
    let bundled = directory.join("bundled");
    std::fs::create_dir_all(&bundled)
        .map_err(|e| format!("cannot create {}: {e}", bundled.display()))?;
    let archive = bundled.join(format!("{}-{}.tar.gz", app.app_id, app.version));
    archive::write(&archive, &executable, &licences.text, &metadata)?;
    let archive = std::path::absolute(&archive).unwrap_or(archive);
    let _ = writeln!(stderr, "Bundled into:");
    Ok(archive)
}

/// What the agent reads: the app id with `_on_prem` (once) and the version.
fn metadata_toml(app: &App) -> String {
    let app_id = app.app_id.strip_suffix("_on_prem").unwrap_or(app.app_id);
    format!(
        "[connector]\napp_id = \"{}_on_prem\"\nversion = \"{}\"\n",
        toml_escape(app_id),
        toml_escape(app.version)
    )
}

/// `text` as the inside of a TOML basic string.
fn toml_escape(text: &str) -> String {
    text.chars()
        .flat_map(|c| match c {
            '"' | '\\' => vec!['\\', c],
            c if c.is_control() => format!("\\u{:04X}", u32::from(c)).chars().collect(),
            c => vec![c],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::{NoAuth, NoSettings};

    #[test]
    fn the_metadata_names_the_on_prem_app_once() {
        const APP: App = App::new::<NoSettings, NoAuth>("acme", "1.2.3", &[]);
        assert_eq!(
            metadata_toml(&APP),
            "[connector]\napp_id = \"acme_on_prem\"\nversion = \"1.2.3\"\n"
        );
        const ON_PREM: App = App::new::<NoSettings, NoAuth>("acme_on_prem", "1\"0", &[]);
        assert_eq!(
            metadata_toml(&ON_PREM),
            "[connector]\napp_id = \"acme_on_prem\"\nversion = \"1\\\"0\"\n"
        );
    }
}
