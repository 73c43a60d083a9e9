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
//! the uses between them. The cycles in [`ALLOWED`] are known and being removed: the uses
//! between the files of one entry are left out, and any cycle that remains fails the test; so
//! does an entry whose files no longer use each other, directly or not (delete it then).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// Known cycles, each the files (relative to the workspace root) that use each other, and why
/// they may for now. The uses between the files of one entry are left out of the graph; an
/// entry whose files are no longer in one cycle fails the test, so that it gets deleted.
const ALLOWED: &[(&[&str], &str)] = &[
    (
        &[
            "connector-runtime/src/app_info.rs",
            "connector-runtime/src/integration.rs",
        ],
        "being removed by the handler refactor",
    ),
    (
        &[
            "connector-runtime/src/app_info.rs",
            "connector-runtime/src/info.rs",
        ],
        "being removed by the handler refactor",
    ),
    (
        // registry.rs uses `__private::Message`; every longer cycle (through dispatch.rs,
        // cli/mod.rs, info.rs, integration.rs) runs through this pair.
        &[
            "connector-runtime/src/registry.rs",
            "connector-runtime/src/private.rs",
        ],
        "being removed by the handler refactor",
    ),
    (
        // output.rs uses `super::Streams`, mod.rs calls `output::emit`.
        &[
            "connector-runtime/src/cli/mod.rs",
            "connector-runtime/src/cli/output.rs",
        ],
        "cli/ is being edited by the handler refactor; not on its list of known cycles",
    ),
];

/// The crates whose files are checked, by source directory.
const CRATES: &[&str] = &["connector-runtime/src", "connector-macros/src"];

/// Macros whose bodies are code for another crate.
const FOREIGN_MACROS: &[&str] = &[
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
];

/// Keywords that define an item named by the next identifier.
const DEFINING: &[&str] = &[
    "struct", "enum", "union", "trait", "fn", "type", "const", "static",
];

/// A module path from the crate root (`["request", "envelope"]`).
type ModPath = Vec<String>;

/// What one module (a file's or an inline one) defines and imports.
#[derive(Default)]
struct Module {
    /// Index of its file in [`Graph::files`].
    file: usize,
    /// Names of the items it defines.
    defs: BTreeSet<String>,
    /// `use a::b::C as D`: `D` to the absolute path `a::b::C`.
    imports: BTreeMap<String, ModPath>,
    /// `use a::b::*`: the absolute path `a::b`.
    globs: Vec<ModPath>,
}

/// One use: the file it is in, the absolute path it names, and the path as written.
struct Use {
    file: usize,
    path: ModPath,
    text: String,
    /// For a `pub use` of this name: an edge only if the file's code names it too.
    reexport: Option<String>,
}

/// The modules and uses of one crate.
#[derive(Default)]
struct Graph {
    /// The files, by their name for messages.
    files: Vec<String>,
    /// Per file, the names its code mentions: identifiers outside `use` declarations,
    /// attributes and `#[cfg(test)]` items, and not after `::` or `.`.
    idents: Vec<BTreeSet<String>>,
    modules: BTreeMap<ModPath, Module>,
    uses: Vec<Use>,
}

fn ident(tt: Option<&TokenTree>) -> Option<String> {
    match tt {
        Some(TokenTree::Ident(i)) => {
            let s = i.to_string();
            Some(s.strip_prefix("r#").map(str::to_owned).unwrap_or(s))
        }
        _ => None,
    }
}

fn is_punct(tt: Option<&TokenTree>, c: char) -> bool {
    matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// Whether `tokens[i..]` starts with `::`.
fn is_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && is_punct(tokens.get(i + 1), ':')
}

/// Whether the attribute group `group` is `[cfg(test)]`.
fn is_cfg_test(group: &TokenTree) -> bool {
    let TokenTree::Group(g) = group else {
        return false;
    };
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    matches!(inner.as_slice(), [TokenTree::Ident(cfg), TokenTree::Group(args)]
        if cfg == "cfg" && args.stream().to_string() == "test")
}

/// Whether the token before `tokens[i]` is `::` (so `tokens[i]` is not a path's start).
fn after_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    i >= 2 && is_path_sep(tokens, i - 2)
}

/// The `"..."` of `#[path = "..."]`, given the attribute's bracket group.
fn path_attribute(group: &TokenTree) -> Option<String> {
    let TokenTree::Group(g) = group else {
        return None;
    };
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    match inner.as_slice() {
        [
            TokenTree::Ident(name),
            TokenTree::Punct(eq),
            TokenTree::Literal(lit),
        ] if name == "path" && eq.as_char() == '=' => {
            Some(lit.to_string().trim_matches('"').to_owned())
        }
        _ => None,
    }
}

/// Where tokens are read: their file, their module, and where its children's files are.
#[derive(Clone)]
struct Scope {
    file: usize,
    module: ModPath,
    /// The directory holding the files of this module's `mod x;` children.
    child_dir: PathBuf,
    /// The directory of the file itself (`#[path]` is relative to it).
    file_dir: PathBuf,
    /// The module's children (`mod x;` and `mod x { .. }`), known before its body is read.
    children: BTreeSet<String>,
}

/// The leaves of one `use` tree: the absolute path and the name it brings in (`None` for a
/// glob, `Some("_")` for `as _`).
fn use_leaves(tokens: &[TokenTree], prefix: ModPath, out: &mut Vec<(ModPath, Option<String>)>) {
    let mut segs = prefix;
    let mut i = 0;
    loop {
        match tokens.get(i) {
            Some(TokenTree::Ident(_)) => {
                let seg = ident(tokens.get(i)).unwrap_or_default();
                if is_path_sep(tokens, i + 1) {
                    segs.push(seg);
                    i += 3;
                    continue;
                }
                // The leaf: `seg`, `seg as alias`, or `self` (the prefix itself).
                let name = if seg == "self" {
                    segs.last().cloned().unwrap_or_default()
                } else {
                    segs.push(seg.clone());
                    seg
                };
                let alias = if ident(tokens.get(i + 1)).as_deref() == Some("as") {
                    ident(tokens.get(i + 2)).unwrap_or_else(|| "_".to_owned())
                } else {
                    name
                };
                out.push((segs, Some(alias)));
                return;
            }
            Some(TokenTree::Punct(p)) if p.as_char() == '*' => {
                out.push((segs, None));
                return;
            }
            Some(TokenTree::Punct(p)) if p.as_char() == '$' => i += 1,
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                for part in inner.split(|t| is_punct(Some(t), ',')) {
                    if !part.is_empty() {
                        use_leaves(part, segs.clone(), out);
                    }
                }
                return;
            }
            _ => return,
        }
    }
}

impl Graph {
    /// Reads the crate whose root is `src/lib.rs` under `root`, with `read` giving each file's
    /// text (`None`: no such file).
    fn load(root: &Path, src: &str, read: &dyn Fn(&Path) -> Option<String>) -> Graph {
        let mut graph = Graph::default();
        let lib = root.join(src).join("lib.rs");
        let mut queue = vec![(lib, ModPath::new())];
        while let Some((path, module)) = queue.pop() {
            let Some(text) = read(&path) else {
                panic!("cannot read {}", path.display());
            };
            let stream = TokenStream::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: does not tokenize: {e:?}", path.display()));
            let tokens: Vec<TokenTree> = stream.into_iter().collect();
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .display()
                .to_string();
            let file = graph.files.len();
            graph.files.push(name);
            graph.idents.push(BTreeSet::new());
            let file_dir = path.parent().unwrap_or(root).to_path_buf();
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default();
            let child_dir = if stem == "lib" || stem == "mod" {
                file_dir.clone()
            } else {
                file_dir.join(stem)
            };
            let scope = Scope {
                file,
                module,
                child_dir,
                file_dir,
                children: BTreeSet::new(),
            };
            graph.read_module(&tokens, scope, read, &mut queue);
        }
        graph
    }

    /// Registers the module of `scope` and reads its body.
    fn read_module(
        &mut self,
        tokens: &[TokenTree],
        mut scope: Scope,
        read: &dyn Fn(&Path) -> Option<String>,
        queue: &mut Vec<(PathBuf, ModPath)>,
    ) {
        for (i, tt) in tokens.iter().enumerate() {
            if ident(Some(tt)).as_deref() == Some("mod")
                && let Some(name) = ident(tokens.get(i + 1))
            {
                scope.children.insert(name);
            }
        }
        self.modules.entry(scope.module.clone()).or_default().file = scope.file;
        self.read_tokens(tokens, &scope, true, read, queue);
    }

    /// Reads `tokens`, which are a module's items when `items`, else code inside an item.
    fn read_tokens(
        &mut self,
        tokens: &[TokenTree],
        scope: &Scope,
        items: bool,
        read: &dyn Fn(&Path) -> Option<String>,
        queue: &mut Vec<(PathBuf, ModPath)>,
    ) {
        let mut path_attr: Option<String> = None;
        let mut cfg_test = false;
        let mut i = 0;
        while i < tokens.len() {
            let word = ident(tokens.get(i));
            if cfg_test && !is_punct(tokens.get(i), '#') {
                // A `#[cfg(test)]` item, skipped up to its `;` or its body.
                cfg_test = false;
                while i < tokens.len()
                    && !is_punct(tokens.get(i), ';')
                    && !matches!(&tokens[i], TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)
                {
                    i += 1;
                }
                i += 1;
                continue;
            }
            // A name as code mentions it (`Error`, `Error::new`), not a path's later segment
            // (`std::error::Error`) or a field or method (`x.parse()`).
            if let (Some(w), false, false) = (
                &word,
                after_path_sep(tokens, i),
                i > 0 && is_punct(tokens.get(i - 1), '.'),
            ) {
                self.idents[scope.file].insert(w.clone());
            }
            match (&tokens[i], word.as_deref()) {
                // Attributes: only `#[path = ".."]` and `#[cfg(test)]` matter.
                (TokenTree::Punct(p), _) if p.as_char() == '#' => {
                    let mut j = i + 1;
                    if is_punct(tokens.get(j), '!') {
                        j += 1;
                    }
                    if let Some(group) = tokens.get(j) {
                        if let Some(p) = path_attribute(group) {
                            path_attr = Some(p);
                        }
                        cfg_test |= is_cfg_test(group);
                    }
                    i = j + 1;
                    continue;
                }
                (_, Some("mod")) if ident(tokens.get(i + 1)).is_some() => {
                    let name = ident(tokens.get(i + 1)).unwrap_or_default();
                    let mut module = scope.module.clone();
                    module.push(name.clone());
                    if items {
                        self.modules
                            .entry(scope.module.clone())
                            .or_default()
                            .defs
                            .insert(name.clone());
                    }
                    match tokens.get(i + 2) {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace => {
                            let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                            let child = Scope {
                                file: scope.file,
                                module,
                                child_dir: scope.child_dir.join(&name),
                                file_dir: scope.file_dir.clone(),
                                children: BTreeSet::new(),
                            };
                            self.read_module(&inner, child, read, queue);
                        }
                        _ => {
                            let path = match path_attr.take() {
                                Some(p) => scope.file_dir.join(p),
                                None => {
                                    let flat = scope.child_dir.join(format!("{name}.rs"));
                                    if read(&flat).is_some() {
                                        flat
                                    } else {
                                        scope.child_dir.join(&name).join("mod.rs")
                                    }
                                }
                            };
                            queue.push((path, module));
                        }
                    }
                    i += 3;
                    continue;
                }
                (_, Some("use")) => {
                    let end = (i..tokens.len())
                        .find(|&j| is_punct(tokens.get(j), ';'))
                        .unwrap_or(tokens.len());
                    let public = match (i.checked_sub(1).map(|j| &tokens[j]), i.checked_sub(2)) {
                        (Some(TokenTree::Ident(v)), _) => v == "pub",
                        (Some(TokenTree::Group(g)), Some(j)) => {
                            g.delimiter() == Delimiter::Parenthesis
                                && ident(tokens.get(j)).as_deref() == Some("pub")
                        }
                        _ => false,
                    };
                    self.read_use(&tokens[i + 1..end], scope, items, public);
                    i = end + 1;
                    continue;
                }
                (_, Some("macro_rules")) if is_punct(tokens.get(i + 1), '!') => {
                    if let (true, Some(name)) = (items, ident(tokens.get(i + 2))) {
                        self.define(scope, name);
                    }
                    i += 2;
                    continue;
                }
                (_, Some(mac))
                    if FOREIGN_MACROS.contains(&mac) && is_punct(tokens.get(i + 1), '!') =>
                {
                    i += 3;
                    continue;
                }
                (_, Some(kw)) if items && DEFINING.contains(&kw) => {
                    if let Some(name) = ident(tokens.get(i + 1)) {
                        self.define(scope, name);
                    }
                }
                (_, Some(start))
                    if is_path_sep(tokens, i + 1)
                        && !after_path_sep(tokens, i)
                        && (["crate", "self", "super"].contains(&start)
                            || scope.children.contains(start)) =>
                {
                    i = self.read_path(tokens, i, scope);
                    continue;
                }
                (TokenTree::Group(g), _) => {
                    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
                    // A brace group right after `mod x` was handled above; any other group is
                    // code (or the items of an `impl`/`trait`, which are no module's items).
                    self.read_tokens(&inner, scope, false, read, queue);
                }
                _ => {}
            }
            i += 1;
        }
    }

    fn define(&mut self, scope: &Scope, name: String) {
        self.modules
            .entry(scope.module.clone())
            .or_default()
            .defs
            .insert(name);
    }

    /// `segs` made absolute from `scope` (`crate`, `self`, `super`, or a child module's name
    /// first); `None` for a path into another crate.
    fn absolute(&self, segs: &[String], scope: &Scope) -> Option<ModPath> {
        let first = segs.first()?;
        let mut out = match first.as_str() {
            "crate" => ModPath::new(),
            "self" | "super" => scope.module.clone(),
            name if scope.children.contains(name) => {
                let mut m = scope.module.clone();
                m.push(name.to_owned());
                m
            }
            _ => return None,
        };
        let skip = usize::from(first != "super");
        for seg in &segs[skip..] {
            if seg == "super" {
                out.pop();
            } else if seg != "self" {
                out.push(seg.clone());
            }
        }
        Some(out)
    }

    /// Reads the path that starts at `tokens[start]`; returns the index after it.
    fn read_path(&mut self, tokens: &[TokenTree], start: usize, scope: &Scope) -> usize {
        let mut segs = vec![ident(tokens.get(start)).unwrap_or_default()];
        let mut i = start + 1;
        while is_path_sep(tokens, i) {
            match ident(tokens.get(i + 2)) {
                Some(seg) => {
                    segs.push(seg);
                    i += 3;
                }
                None => break,
            }
        }
        if let Some(path) = self.absolute(&segs, scope) {
            self.uses.push(Use {
                file: scope.file,
                path,
                text: segs.join("::"),
                reexport: None,
            });
        }
        i
    }

    /// Reads the tree of a `use` (the tokens between `use` and `;`).
    fn read_use(&mut self, tokens: &[TokenTree], scope: &Scope, items: bool, public: bool) {
        let mut leaves = Vec::new();
        use_leaves(tokens, ModPath::new(), &mut leaves);
        for (segs, name) in leaves {
            let Some(path) = self.absolute(&segs, scope) else {
                continue;
            };
            self.uses.push(Use {
                file: scope.file,
                path: path.clone(),
                text: format!(
                    "use {}{}",
                    segs.join("::"),
                    if name.is_none() { "::*" } else { "" }
                ),
                // A re-export (`pub use`) is a use only of what the file's code names.
                reexport: public.then(|| name.clone().unwrap_or_else(|| "*".to_owned())),
            });
            if !items {
                continue;
            }
            let module = self.modules.entry(scope.module.clone()).or_default();
            match name {
                None => module.globs.push(path),
                Some(name) if name == "_" => {}
                Some(name) => {
                    module.imports.insert(name, path);
                }
            }
        }
    }

    /// The file `path` resolves to, and whether the name it ends in was found defined (or
    /// imported) on the way.
    fn resolve(&self, path: &[String], depth: usize) -> Option<(usize, bool)> {
        let k = (0..=path.len())
            .rev()
            .find(|&k| self.modules.contains_key(&path[..k]))?;
        let module = &self.modules[&path[..k]];
        let Some(name) = path.get(k) else {
            return Some((module.file, true));
        };
        if module.defs.contains(name) {
            return Some((module.file, true));
        }
        if depth < 16 {
            if let Some(target) = module.imports.get(name) {
                let mut next = target.clone();
                next.extend_from_slice(&path[k + 1..]);
                if next != path
                    && let Some((file, _)) = self.resolve(&next, depth + 1)
                {
                    return Some((file, true));
                }
            }
            for glob in &module.globs {
                let mut next = glob.clone();
                next.extend_from_slice(&path[k..]);
                if next != path
                    && let Some((file, true)) = self.resolve(&next, depth + 1)
                {
                    return Some((file, true));
                }
            }
        }
        Some((module.file, false))
    }

    /// Edges between files: (from, to) to the texts of the uses behind it.
    fn edges(&self) -> BTreeMap<(usize, usize), BTreeSet<String>> {
        let mut edges: BTreeMap<(usize, usize), BTreeSet<String>> = BTreeMap::new();
        for u in &self.uses {
            if let Some(name) = &u.reexport
                && !self.idents[u.file].contains(name)
            {
                continue;
            }
            if let Some((to, _)) = self.resolve(&u.path, 0)
                && to != u.file
            {
                edges
                    .entry((u.file, to))
                    .or_default()
                    .insert(u.text.clone());
            }
        }
        edges
    }

    /// Which file reaches which, over the edges `keep` accepts.
    fn reach(&self, keep: &dyn Fn(&str, &str) -> bool) -> Vec<Vec<bool>> {
        let n = self.files.len();
        let mut reach = vec![vec![false; n]; n];
        for &(a, b) in self.edges().keys() {
            if keep(&self.files[a], &self.files[b]) {
                reach[a][b] = true;
            }
        }
        for k in 0..n {
            let through = reach[k].clone();
            for row in reach.iter_mut().filter(|row| row[k]) {
                for (cell, &via) in row.iter_mut().zip(&through) {
                    *cell |= via;
                }
            }
        }
        reach
    }

    /// The strongly connected sets of more than one file over the edges `keep` accepts, each
    /// as sorted file names.
    fn cycles(&self, keep: &dyn Fn(&str, &str) -> bool) -> Vec<Vec<String>> {
        let reach = self.reach(keep);
        let n = self.files.len();
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        for a in 0..n {
            if seen[a] || !reach[a][a] {
                continue;
            }
            let mut set: Vec<String> = Vec::new();
            for b in 0..n {
                if b == a || (reach[a][b] && reach[b][a]) {
                    seen[b] = true;
                    set.push(self.files[b].clone());
                }
            }
            if set.len() > 1 {
                set.sort();
                out.push(set);
            }
        }
        out.sort();
        out
    }

    /// The uses between the files of `cycle`, one line per edge.
    fn describe(&self, cycle: &[String]) -> String {
        let mut out = String::new();
        for ((a, b), texts) in self.edges() {
            let (from, to) = (&self.files[a], &self.files[b]);
            if cycle.contains(from) && cycle.contains(to) {
                let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
                out.push_str(&format!("    {from} -> {to}: {}\n", texts.join(", ")));
            }
        }
        out
    }
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn read_disk(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// Whether an entry of [`ALLOWED`] holds both files.
fn allowed(from: &str, to: &str) -> bool {
    ALLOWED
        .iter()
        .any(|(files, _)| files.contains(&from) && files.contains(&to))
}

#[test]
fn no_two_files_use_each_other() {
    let root = workspace();
    let mut problems = Vec::new();
    let mut checked: BTreeSet<&str> = BTreeSet::new();
    for src in CRATES {
        let graph = Graph::load(&root, src, &read_disk);
        for cycle in graph.cycles(&|a, b| !allowed(a, b)) {
            problems.push(format!(
                "files that use each other: {}\n{}",
                cycle.join(", "),
                graph.describe(&cycle)
            ));
        }
        // An entry whose files are no longer all in one cycle is done.
        let reach = graph.reach(&|_, _| true);
        let index = |f: &str| graph.files.iter().position(|g| g == f);
        for (files, why) in ALLOWED {
            let indices: Vec<Option<usize>> = files.iter().map(|f| index(f)).collect();
            if indices.iter().all(Option::is_none) {
                continue;
            }
            checked.extend(files.iter().copied());
            let still = indices.iter().all(|a| {
                indices.iter().all(|b| match (a, b) {
                    (Some(a), Some(b)) => a == b || (reach[*a][*b] && reach[*b][*a]),
                    _ => false,
                })
            });
            if !still {
                problems.push(format!(
                    "ALLOWED lists files that no longer use each other; delete the entry: {} ({why})",
                    files.join(", ")
                ));
            }
        }
    }
    for (files, _) in ALLOWED {
        for file in files.iter().filter(|f| !checked.contains(*f)) {
            problems.push(format!(
                "ALLOWED names {file}, which is no file of {CRATES:?}"
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
        graph.cycles(&|_, _| true),
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
