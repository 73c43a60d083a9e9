//! Writing the one JSON document: to stdout with a newline, or gzipped to a result file.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use tempfile::{Builder, NamedTempFile};

use super::streams::Streams;

/// A `--result-file-path` that was checked before the command ran.
#[derive(Debug)]
pub(super) struct ResultFile {
    path: PathBuf,
    directory: PathBuf,
}

impl ResultFile {
    /// Checks `path` before anything runs, so a capability that changes the app never runs
    /// when its result could not be kept (a retry would repeat the change): the name must end
    /// in `.gz`, must not be a directory, and a file must be creatable beside it.
    pub(super) fn check(path: &Path) -> Result<Self, String> {
        if !path.to_string_lossy().ends_with(".gz") {
            return Err("The result file name must end with the .gz extension.".into());
        }
        if path.is_dir() {
            return Err(format!(
                "cannot write the result file {}: it is a directory",
                path.display()
            ));
        }
        let directory = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
            _ => PathBuf::from("."),
        };
        let file = ResultFile {
            path: path.to_owned(),
            directory,
        };
        file.temporary()
            .map_err(|e| format!("cannot write the result file {}: {e}", file.path.display()))?;
        Ok(file)
    }

    /// A new temporary file beside the result: an unpredictable name, created exclusively
    /// (`O_EXCL`, so a planted file or symlink is never followed), removed when dropped.
    fn temporary(&self) -> std::io::Result<NamedTempFile> {
        let mut builder = Builder::new();
        builder.prefix(".result-").suffix(".gz.tmp");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        builder.tempfile_in(&self.directory)
    }

    /// Writes `document` gzipped to a temporary file, syncs it, then renames it over the
    /// result path; on any failure the temporary file is removed.
    fn write(&self, document: &str) -> std::io::Result<()> {
        let mut temporary = self.temporary()?;
        let mut encoder = GzEncoder::new(temporary.as_file_mut(), Compression::default());
        encoder.write_all(document.as_bytes())?;
        encoder.finish()?.sync_all()?;
        temporary.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Prints `document` (exit 0), or writes it gzipped to `result_file` and prints nothing.
/// A failed write is exit 1 and leaves no partial result file behind.
pub(super) fn emit(
    document: &str,
    result_file: Option<&ResultFile>,
    streams: &mut Streams<'_>,
) -> u8 {
    let written = match result_file {
        None => writeln!(streams.stdout, "{document}").and_then(|()| streams.stdout.flush()),
        Some(file) => file.write(document),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(streams.stderr, "error: cannot write the result: {e}");
            1
        }
    }
}
