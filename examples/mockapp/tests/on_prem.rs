//! `mockapp dev compile-on-prem`, end to end: the archive the on-prem agent installs, as
//! connector-py lays it out (`bundled/<app_id>-<version>.tar.gz` with `main` and
//! `metadata.toml`, modes included), plus the third-party licences, with the archive's path
//! alone on stdout.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

fn compile_on_prem(dir: &Path, output: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mockapp"))
        .args(["dev", "compile-on-prem", "--output-directory"])
        .arg(output)
        .current_dir(dir)
        .output()
        .expect("mockapp runs")
}

#[test]
fn the_archive_holds_the_executable_the_licences_and_the_metadata() {
    let out = tempfile::tempdir().unwrap();
    let run = compile_on_prem(Path::new(env!("CARGO_MANIFEST_DIR")), out.path());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let archive = out.path().join("bundled/mockapp-0.1.0.tar.gz");
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        format!("{}\n", archive.display()),
        "stdout is the archive's path alone"
    );

    let file = std::fs::File::open(&archive).unwrap();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries = Vec::new();
    for entry in tar.entries().unwrap() {
        let mut entry = entry.unwrap();
        let name = entry.path().unwrap().display().to_string();
        let mode = entry.header().mode().unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        entries.push((name, mode, bytes));
    }
    let names: Vec<(&str, u32)> = entries
        .iter()
        .map(|(name, mode, _)| (name.as_str(), *mode))
        .collect();
    assert_eq!(
        names,
        [
            ("main", 0o770),
            ("THIRD_PARTY_LICENSES.txt", 0o770),
            ("metadata.toml", 0o644)
        ]
    );
    let executable = std::fs::read(env!("CARGO_BIN_EXE_mockapp")).unwrap();
    assert!(entries[0].2 == executable, "`main` is the executable");
    assert_eq!(
        String::from_utf8_lossy(&entries[2].2),
        "[connector]\napp_id = \"mockapp_on_prem\"\nversion = \"0.1.0\"\n"
    );
    let licences = String::from_utf8_lossy(&entries[1].2);
    for shipped in ["==== serde ", "==== connector-runtime 0.1.0", "==== tokio "] {
        assert!(licences.contains(shipped), "{shipped} missing");
    }
    assert!(
        licences.contains("Permission is hereby granted"),
        "MIT texts are copied"
    );
    for not_shipped in [
        "==== mockapp ",
        "==== insta ",
        "==== mockapp-server ",
        "==== windows-sys ",
    ] {
        assert!(
            !licences.contains(not_shipped),
            "{not_shipped} is not in the executable"
        );
    }
}

#[test]
fn outside_the_connectors_source_it_says_so_and_writes_nothing() {
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("out");
    let run = compile_on_prem(elsewhere.path(), &out);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(run.stdout, b"");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("run this in the connector's source directory"),
        "{stderr}"
    );
    assert!(!out.exists(), "no half-made bundle");
}
