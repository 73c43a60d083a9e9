//! Reading a crate's files, from `lib.rs` down its `mod` declarations, into a [`Graph`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use super::graph::{Graph, ModPath, Use};
use super::tokens::*;

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

impl Graph {
    /// Reads the crate whose root is `src/lib.rs` under `root`, with `read` giving each file's
    /// text (`None`: no such file).
    pub(crate) fn load(root: &Path, src: &str, read: &dyn Fn(&Path) -> Option<String>) -> Graph {
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
}
