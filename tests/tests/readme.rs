//! Every Rust snippet of the README is an excerpt of a file that compiles: its first line
//! names the file (`// examples/mockapp/src/client.rs`), and each run of lines between the
//! `// ...` markers must appear in that file, in order. Whitespace is ignored, so a snippet
//! may be de-indented; everything else, comments included, must match.

use std::path::{Path, PathBuf};

/// One ```rust block of the README.
struct Snippet {
    /// The README line of its opening fence (1-based).
    line: usize,
    lines: Vec<String>,
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn snippets(readme: &str) -> Vec<Snippet> {
    let mut out = Vec::new();
    let mut open: Option<Snippet> = None;
    for (index, line) in readme.lines().enumerate() {
        match open.as_mut() {
            None if line.trim_start().starts_with("```rust") => {
                open = Some(Snippet {
                    line: index + 1,
                    lines: Vec::new(),
                });
            }
            Some(_) if line.trim_start().starts_with("```") => out.extend(open.take()),
            Some(snippet) => snippet.lines.push(line.to_owned()),
            None => {}
        }
    }
    assert!(open.is_none(), "README: a ```rust block is never closed");
    out
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Why `snippet` is not an excerpt of the file it names, if it is not.
fn mismatch(snippet: &Snippet, root: &Path) -> Option<String> {
    let (first, body) = snippet.lines.split_first()?;
    let Some(name) = first.trim().strip_prefix("// ") else {
        return Some(format!(
            "its first line must name its file (`// path/from/repo/root.rs`), found {first:?}"
        ));
    };
    let source = match std::fs::read_to_string(root.join(name)) {
        Ok(source) => squeeze(&source),
        Err(e) => return Some(format!("cannot read {name}: {e}")),
    };
    let mut from = 0;
    for chunk in body.split(|l| l.trim() == "// ...") {
        let wanted = squeeze(&chunk.join("\n"));
        if wanted.is_empty() {
            continue;
        }
        match source[from..].find(&wanted) {
            Some(at) => from += at + wanted.len(),
            None => {
                return Some(format!(
                    "this part is not in {name} (after the previous part):\n{}",
                    chunk.join("\n")
                ));
            }
        }
    }
    None
}

#[test]
fn every_readme_snippet_is_an_excerpt_of_a_file_that_compiles() {
    let root = repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let all = snippets(&readme);
    assert!(all.len() >= 9, "only {} rust snippets found", all.len());
    let failures: Vec<String> = all
        .iter()
        .filter_map(|s| mismatch(s, &root).map(|why| format!("README.md:{}: {why}", s.line)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_changed_snippet_is_noticed() {
    let root = repo_root();
    let excerpt = |lines: &[&str]| Snippet {
        line: 1,
        lines: lines.iter().map(|l| (*l).to_owned()).collect(),
    };
    let good = excerpt(&[
        "// examples/mockapp/src/main.rs",
        "fn main() -> std::process::ExitCode {",
        "  mockapp::Mockapp::main()",
        "}",
    ]);
    assert_eq!(mismatch(&good, &root), None);
    let edited = excerpt(&[
        "// examples/mockapp/src/main.rs",
        "fn main() -> std::process::ExitCode {",
        "    mockapp::Mockapp::run()",
        "}",
    ]);
    assert!(mismatch(&edited, &root).unwrap().contains("not in"));
    let out_of_order = excerpt(&[
        "// examples/mockapp/src/main.rs",
        "    mockapp::Mockapp::main()",
        "// ...",
        "fn main() -> std::process::ExitCode {",
    ]);
    assert!(mismatch(&out_of_order, &root).is_some());
    let unnamed = excerpt(&["fn main() {}"]);
    assert!(mismatch(&unnamed, &root).unwrap().contains("name its file"));
}
