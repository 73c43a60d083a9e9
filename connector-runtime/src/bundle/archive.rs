//! The `.tar.gz` itself, with connector-py's modes: `0770` on what it copies from its build
//! (the executable, the licences), tarfile's default `0644` on the `metadata.toml` it
//! writes. Written to a temporary file beside the archive and renamed: never half an archive.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use flate2::Compression;
use flate2::write::GzEncoder;

const BUILT: u32 = 0o770;
const WRITTEN: u32 = 0o644;

/// Writes `archive` holding `main` (a copy of `executable`), the licences and the metadata.
pub(super) fn write(
    archive: &Path,
    executable: &Path,
    licences: &str,
    metadata: &str,
) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("cannot write {}: {e}", archive.display());
    let directory = archive.parent().unwrap_or(Path::new("."));
    let partial = tempfile::NamedTempFile::new_in(directory).map_err(failed)?;
    let mut tar = tar::Builder::new(GzEncoder::new(partial, Compression::default()));
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let mut main =
        File::open(executable).map_err(|e| format!("cannot read {}: {e}", executable.display()))?;
    let size = main
        .metadata()
        .map_err(|e| format!("cannot read {}: {e}", executable.display()))?
        .len();
    append(&mut tar, "main", BUILT, now, size, &mut main).map_err(failed)?;
    let licences = licences.as_bytes();
    append(
        &mut tar,
        "THIRD_PARTY_LICENSES.txt",
        BUILT,
        now,
        licences.len() as u64,
        &mut &licences[..],
    )
    .map_err(failed)?;
    let metadata = metadata.as_bytes();
    append(
        &mut tar,
        "metadata.toml",
        WRITTEN,
        0,
        metadata.len() as u64,
        &mut &metadata[..],
    )
    .map_err(failed)?;
    let partial = tar
        .into_inner()
        .and_then(GzEncoder::finish)
        .map_err(failed)?;
    partial.as_file().sync_all().map_err(failed)?;
    // A temporary file is private to its owner; the archive is as any file written here.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(partial.path(), std::fs::Permissions::from_mode(0o644))
            .map_err(failed)?;
    }
    partial.persist(archive).map_err(|e| failed(e.error))?;
    Ok(())
}

fn append<W: std::io::Write>(
    tar: &mut tar::Builder<W>,
    name: &str,
    mode: u32,
    mtime: u64,
    size: u64,
    data: &mut dyn Read,
) -> std::io::Result<()> {
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::Regular);
    header.set_mode(mode);
    header.set_mtime(mtime);
    header.set_size(size);
    header.set_cksum();
    tar.append_data(&mut header, name, data)
}
