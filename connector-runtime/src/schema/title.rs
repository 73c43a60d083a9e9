//! Field and display-name titles as Python's `str.title()` writes them.

/// Python's `name.replace("_", " ").title()`: the title pydantic gives a field
/// without an explicit one, and connector-py's default capability display
/// name (`"unique_tenant_id"` -> `"Unique Tenant Id"`, `"x5t#S256"` ->
/// `"X5T#S256"`).
///
/// A letter is upper-cased (title-cased) when the previous character is not a
/// cased letter, and lower-cased otherwise; digits and punctuation are uncased.
pub fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut prev_cased = false;
    for c in name.chars() {
        let c = if c == '_' { ' ' } else { c };
        if c.is_uppercase() || c.is_lowercase() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                push_titlecase(&mut out, c);
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    out
}

/// Title-case mapping for the few characters where it differs from upper case.
fn push_titlecase(out: &mut String, c: char) {
    match c {
        'ß' => out.push_str("Ss"),
        '\u{01C4}'..='\u{01C6}' => out.push('\u{01C5}'),
        '\u{01C7}'..='\u{01C9}' => out.push('\u{01C8}'),
        '\u{01CA}'..='\u{01CC}' => out.push('\u{01CB}'),
        '\u{01F1}'..='\u{01F3}' => out.push('\u{01F2}'),
        _ => out.extend(c.to_uppercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_like_python() {
        for (name, title) in [
            ("unique_tenant_id", "Unique Tenant Id"),
            ("x5t#S256", "X5T#S256"),
            ("abc_DEF_gHi", "Abc Def Ghi"),
            ("a1b_2c", "A1B 2C"),
            ("o'neil_x", "O'Neil X"),
            ("HTTPServer", "Httpserver"),
            ("a__b", "A  B"),
            ("_x", " X"),
            ("ñandú_élan", "Ñandú Élan"),
            ("", ""),
        ] {
            assert_eq!(title_case(name), title, "{name}");
        }
    }
}
