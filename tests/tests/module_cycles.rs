//! No two files of `connector-runtime/src` (or of `connector-macros/src`) use each other,
//! directly or through other files: each crate's graph of files has no cycle.
//!
//! The graph is read from the source (a tokenizer, not the compiler's name resolution):
//!
//! - **Files**: from `lib.rs` down through `mod x;` declarations (`x.rs` or `x/mod.rs`, beside a
//!   `lib.rs` or `mod.rs`, or in the directory named after any other file; `#[path = "..."]` is
//!   honoured). An inline `mod x { ... }` is part of its file. Declaring a module is not a use.
//! - **Uses**: every `use` declaration (anywhere in the file) and every path in code that
//!   starts with `crate::`, `$crate::`, `self::`, `super::` or the name of a module declared in
//!   the current module (`args::parse`). A re-export (`pub use`, `pub(crate) use`, ...) is a
//!   use only of the names the file's own code also mentions (`X` or `X::new`, not
//!   `std::x::X` or `.x()`; a glob re-export never): a `mod.rs` that re-exports
//!   `pub use child::X` as its children's facade does not depend on `child` for that, one that
//!   calls `child::f()` or names `X` in its code does. Not read: comments, doc comments (so
//!   intra-doc links), string literals, items under `#[cfg(test)]` (unit tests may use any
//!   file), and the bodies of `quote!`, `quote_spanned!` and `parse_quote!`, which are code for
//!   the crate that invokes the macro, not for this one.
//! - **Resolution**: a path goes to the file of its longest prefix that is a module
//!   (`crate::a::b::C` is `a/b.rs` when module `a::b` has a file, else `a.rs` or `a/mod.rs`).
//!   If the next segment is an item that module does not define (struct, enum, union, trait,
//!   fn, type, const, static, mod, `macro_rules!`) but imports (`pub use child::X`, or a plain
//!   `use`, which child modules can name too), the path is followed to what the import names,
//!   through glob imports (`pub use x::*`) as well, to the module that defines it. A name found
//!   nowhere stays with the module's own file. So a child's `super::Y` is an edge to its
//!   parent when the parent defines `Y`, and to the sibling the parent re-exports `Y` from
//!   when it only re-exports it; and `crate::Secret` is an edge to `secret.rs`, not `lib.rs`.
//!   A file's use of itself is no edge.
//!
//! Every strongly connected set of more than one file is a cycle, reported with its files and
//! the uses between them.

#[path = "module_cycles/graph.rs"]
mod graph;
#[path = "module_cycles/reader.rs"]
mod reader;
#[path = "module_cycles/tokens.rs"]
mod tokens;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use graph::Graph;

/// The crates whose files are checked, by source directory.
const CRATES: &[&str] = &["connector-runtime/src", "connector-macros/src"];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn read_disk(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

#[test]
fn no_two_files_use_each_other() {
    let root = workspace();
    let mut problems = Vec::new();
    for src in CRATES {
        let graph = Graph::load(&root, src, &read_disk);
        for cycle in graph.cycles() {
            problems.push(format!(
                "files that use each other: {}\n{}",
                cycle.join(", "),
                graph.describe(&cycle)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The rules of the module doc, on a made-up crate.
#[test]
fn the_graph_follows_re_exports_and_finds_cycles() {
    let files: BTreeMap<&str, &str> = BTreeMap::from([
        (
            "src/lib.rs",
            "mod a; mod b; mod p; #[path = \"other.rs\"] mod q; pub use a::A;",
        ),
        // `b::B` and `crate::A` (re-exported from `a`): a and b use each other.
        (
            "src/a.rs",
            "use crate::b::B; pub struct A; fn f() { let _ = crate::q::Q; }",
        ),
        ("src/b.rs", "pub struct B; fn f() -> crate::A { todo!() }"),
        // A parent that defines `P` and re-exports `X` from its child `x`.
        (
            "src/p/mod.rs",
            "mod x; mod y; pub use x::X; pub struct P; fn g() { y::h(); }",
        ),
        // Neither a comment nor test code is a use.
        (
            "src/p/x.rs",
            "pub struct X; // crate::p::y::h in a comment\n\
             #[cfg(test)] mod tests { fn t() { crate::p::y::h(); } }",
        ),
        // `super::X` is x.rs; `super::P` is mod.rs, which also calls `y::h`: a cycle.
        (
            "src/p/y.rs",
            "use super::X; pub fn h() { let _ = super::P; quote! { crate::a::A }; }",
        ),
        (
            "src/other.rs",
            "pub struct Q; /// [`crate::a::A`]\nfn f() {}",
        ),
    ]);
    let read = |path: &Path| files.get(path.to_str()?).map(|s| (*s).to_owned());
    let graph = Graph::load(Path::new(""), "src", &read);
    assert_eq!(
        graph.cycles(),
        vec![
            vec!["src/a.rs".to_owned(), "src/b.rs".to_owned()],
            vec!["src/p/mod.rs".to_owned(), "src/p/y.rs".to_owned()],
        ],
        "{:?}",
        graph.edges()
    );
    let names = |(a, b): (usize, usize)| (graph.files[a].as_str(), graph.files[b].as_str());
    let edges: BTreeSet<(&str, &str)> = graph.edges().into_keys().map(names).collect();
    assert!(edges.contains(&("src/p/y.rs", "src/p/x.rs")), "{edges:?}");
    // Re-exports that the file's own code does not name are no edges.
    assert!(
        !edges.contains(&("src/p/mod.rs", "src/p/x.rs")),
        "{edges:?}"
    );
    assert!(!edges.contains(&("src/lib.rs", "src/a.rs")), "{edges:?}");
    assert!(edges.contains(&("src/a.rs", "src/other.rs")), "{edges:?}");
    assert!(!edges.contains(&("src/other.rs", "src/a.rs")), "{edges:?}");
    assert!(!edges.contains(&("src/p/y.rs", "src/a.rs")), "{edges:?}");
}
