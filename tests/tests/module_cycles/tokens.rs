//! Token-level reading: identifiers, punctuation, the `#[cfg(test)]` and `#[path]`
//! attributes, and the leaves of a `use` tree.

use proc_macro2::{Delimiter, Spacing, TokenTree};

use super::graph::ModPath;

pub(crate) fn ident(tt: Option<&TokenTree>) -> Option<String> {
    match tt {
        Some(TokenTree::Ident(i)) => {
            let s = i.to_string();
            Some(s.strip_prefix("r#").map(str::to_owned).unwrap_or(s))
        }
        _ => None,
    }
}

pub(crate) fn is_punct(tt: Option<&TokenTree>, c: char) -> bool {
    matches!(tt, Some(TokenTree::Punct(p)) if p.as_char() == c)
}

/// Whether `tokens[i..]` starts with `::`.
pub(crate) fn is_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    matches!(tokens.get(i), Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint)
        && is_punct(tokens.get(i + 1), ':')
}

/// Whether the attribute group `group` is `[cfg(test)]`.
pub(crate) fn is_cfg_test(group: &TokenTree) -> bool {
    let TokenTree::Group(g) = group else {
        return false;
    };
    let inner: Vec<TokenTree> = g.stream().into_iter().collect();
    matches!(inner.as_slice(), [TokenTree::Ident(cfg), TokenTree::Group(args)]
        if cfg == "cfg" && args.stream().to_string() == "test")
}

/// Whether the token before `tokens[i]` is `::` (so `tokens[i]` is not a path's start).
pub(crate) fn after_path_sep(tokens: &[TokenTree], i: usize) -> bool {
    i >= 2 && is_path_sep(tokens, i - 2)
}

/// The `"..."` of `#[path = "..."]`, given the attribute's bracket group.
pub(crate) fn path_attribute(group: &TokenTree) -> Option<String> {
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

/// The leaves of one `use` tree: the absolute path and the name it brings in (`None` for a
/// glob, `Some("_")` for `as _`).
pub(crate) fn use_leaves(
    tokens: &[TokenTree],
    prefix: ModPath,
    out: &mut Vec<(ModPath, Option<String>)>,
) {
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
