//! Writing the one JSON document: to stdout with a newline, or gzipped to a result file.

use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::Streams;

/// Refuses a result path that does not end in `.gz`, before anything runs.
pub(super) fn check_result_path(path: Option<&Path>) -> Result<(), String> {
    match path {
        Some(p) if !p.to_string_lossy().ends_with(".gz") => {
            Err("The result file name must end with the .gz extension.".into())
        }
        _ => Ok(()),
    }
}

/// Prints `document` (exit 0), or writes it gzipped to `result_file` and prints nothing.
/// A failed write is exit 1 and leaves no partial result file behind.
pub(super) fn emit(document: &str, result_file: Option<&Path>, streams: &mut Streams<'_>) -> u8 {
    let written = match result_file {
        None => writeln!(streams.stdout, "{document}").and_then(|()| streams.stdout.flush()),
        Some(path) => write_gzip(document, path),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(streams.stderr, "error: cannot write the result: {e}");
            1
        }
    }
}

/// Writes a sibling temporary file, syncs it, then renames it over `path`.
fn write_gzip(document: &str, path: &Path) -> std::io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    let temporary = Path::new(&temporary);
    let result = (|| {
        let file = std::fs::File::create(temporary)?;
        let mut encoder = GzEncoder::new(file, Compression::default());
        encoder.write_all(document.as_bytes())?;
        encoder.finish()?.sync_all()?;
        std::fs::rename(temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(temporary);
    }
    result
}
