//! The new crate's Rust files formatted by `rustfmt` (as `cargo fmt` would), so that a name of
//! any length gives code `cargo fmt --check` accepts. Without `rustfmt` the files are written
//! as rendered.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::template::File;

/// `files` with each `.rs` file formatted when `rustfmt` can.
pub(crate) fn formatted(files: Vec<File>) -> Vec<File> {
    files
        .into_iter()
        .map(|file| match file.path.extension() {
            Some(ext) if ext == "rs" => File {
                text: rustfmt(&file.text).unwrap_or(file.text),
                path: file.path,
            },
            _ => file,
        })
        .collect()
}

/// `text` through `rustfmt --edition 2024`; `None` when it is not installed or refuses.
fn rustfmt(text: &str) -> Option<String> {
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(rustfmt)
        .args(["--edition", "2024", "--emit", "stdout", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = text.to_owned();
    // Written from a thread: rustfmt may fill its stdout before it has read all its input.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    (output.status.success() && !output.stdout.is_empty())
        .then(|| String::from_utf8(output.stdout).ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn rust_is_formatted_and_the_rest_left_alone() {
        let files = vec![
            File {
                path: PathBuf::from("src/lib.rs"),
                text: "fn  f( ){}\n".into(),
            },
            File {
                path: PathBuf::from("README.md"),
                text: "fn  f( ){}\n".into(),
            },
        ];
        if rustfmt("fn f() {}\n").is_none() {
            eprintln!("SKIPPED: rustfmt is not installed");
            return;
        }
        let out = formatted(files);
        assert_eq!(out[0].text, "fn f() {}\n");
        assert_eq!(out[1].text, "fn  f( ){}\n");
    }

    #[test]
    fn code_rustfmt_refuses_is_kept_as_it_was() {
        assert_eq!(rustfmt("fn {"), None);
    }
}
