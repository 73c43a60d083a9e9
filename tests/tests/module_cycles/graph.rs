//! The file graph of one crate: its modules, the uses between them, and the cycles among its
//! files.

use std::collections::{BTreeMap, BTreeSet};

/// A module path from the crate root (`["request", "envelope"]`).
pub(crate) type ModPath = Vec<String>;

/// What one module (a file's or an inline one) defines and imports.
#[derive(Default)]
pub(crate) struct Module {
    /// Index of its file in [`Graph::files`].
    pub(crate) file: usize,
    /// Names of the items it defines.
    pub(crate) defs: BTreeSet<String>,
    /// `use a::b::C as D`: `D` to the absolute path `a::b::C`.
    pub(crate) imports: BTreeMap<String, ModPath>,
    /// `use a::b::*`: the absolute path `a::b`.
    pub(crate) globs: Vec<ModPath>,
}

/// One use: the file it is in, the absolute path it names, and the path as written.
pub(crate) struct Use {
    pub(crate) file: usize,
    pub(crate) path: ModPath,
    pub(crate) text: String,
    /// For a `pub use` of this name: an edge only if the file's code names it too.
    pub(crate) reexport: Option<String>,
}

/// The modules and uses of one crate.
#[derive(Default)]
pub(crate) struct Graph {
    /// The files, by their name for messages.
    pub(crate) files: Vec<String>,
    /// Per file, the names its code mentions: identifiers outside `use` declarations,
    /// attributes and `#[cfg(test)]` items, and not after `::` or `.`.
    pub(crate) idents: Vec<BTreeSet<String>>,
    pub(crate) modules: BTreeMap<ModPath, Module>,
    pub(crate) uses: Vec<Use>,
}

impl Graph {
    /// The file `path` resolves to, and whether the name it ends in was found defined (or
    /// imported) on the way.
    pub(crate) fn resolve(&self, path: &[String], depth: usize) -> Option<(usize, bool)> {
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
    pub(crate) fn edges(&self) -> BTreeMap<(usize, usize), BTreeSet<String>> {
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

    /// Which file reaches which.
    pub(crate) fn reach(&self) -> Vec<Vec<bool>> {
        let n = self.files.len();
        let mut reach = vec![vec![false; n]; n];
        for &(a, b) in self.edges().keys() {
            reach[a][b] = true;
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

    /// The strongly connected sets of more than one file, each as sorted file names.
    pub(crate) fn cycles(&self) -> Vec<Vec<String>> {
        let reach = self.reach();
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
    pub(crate) fn describe(&self, cycle: &[String]) -> String {
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
