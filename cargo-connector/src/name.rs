//! The connector's name, checked, and the names derived from it: the crate's (`acme-crm`),
//! the library's and app id's (`acme_crm`), the types' (`AcmeCrm`) and the display name
//! (`Acme Crm`).

use std::fmt;

/// A checked crate name and what derives from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConnectorName {
    /// As given: the package and binary name.
    pub(crate) crate_name: String,
    /// `-` as `_`: the library's name and the app id.
    pub(crate) lib_name: String,
    /// CamelCase: the integration's type and the prefix of the others.
    pub(crate) type_name: String,
    /// Each word capitalized, with spaces: how `info` presents the app until edited.
    pub(crate) display_name: String,
}

/// Why a name was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadName {
    name: String,
    reason: String,
}

impl fmt::Display for BadName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` cannot name a connector: {}",
            self.name, self.reason
        )
    }
}

/// Longer names are legal for cargo but unwieldy as an app id.
const MAX_LEN: usize = 64;

/// Rust's keywords, strict and reserved (edition 2024): none can name a library.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "static", "struct", "super", "trait", "true", "type", "unsafe",
    "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override",
    "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// Crates a connector's library name would shadow or clash with: the standard ones and
/// the generated crate's dependencies.
const TAKEN_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "connector_runtime",
    "connector_testing",
    "connector_macros",
    "serde",
    "serde_json",
    "schemars",
];

/// Names the generated modules use from the runtime's prelude (and, with several
/// credentials, from `connector_runtime::request`): an integration type of the same name
/// would shadow them.
pub(crate) const PRELUDE_NAMES: &[&str] = &[
    "App",
    "CapabilityEntry",
    "CapabilityHandler",
    "CapabilityMeta",
    "ConnectorError",
    "EntitlementTypeDef",
    "ErrorCode",
    "Integration",
    "NoAuth",
    "NoSettings",
    "Request",
    "ResourceTypeDef",
    "Response",
    "Secret",
    "JsonSchema",
    "Deserialize",
    "Serialize",
    "CredentialSet",
    "CredentialSpec",
    "Credentials",
];

impl ConnectorName {
    /// Checks `name`: lower-case ASCII letters, digits, `-` and `_`, starting with a letter,
    /// not a keyword, a standard crate or a dependency, and not a runtime type's name.
    pub(crate) fn parse(name: &str) -> Result<Self, BadName> {
        let refuse = |reason: &str| BadName {
            name: name.to_owned(),
            reason: reason.to_owned(),
        };
        if name.is_empty() {
            return Err(refuse("the name is empty"));
        }
        if name.len() > MAX_LEN {
            return Err(refuse(&format!("it is longer than {MAX_LEN} characters")));
        }
        if name.chars().any(|c| c.is_ascii_uppercase()) {
            return Err(refuse(&format!(
                "crate names are lower-case; try `{}`",
                name.to_ascii_lowercase()
            )));
        }
        if let Some(bad) = name
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_'))
        {
            return Err(refuse(&format!(
                "{bad:?} is not allowed; use letters a-z, digits, `-` and `_`"
            )));
        }
        if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(refuse("it must start with a letter"));
        }
        if name.ends_with(['-', '_']) {
            return Err(refuse("it must end with a letter or a digit"));
        }
        let lib_name = name.replace('-', "_");
        if lib_name.contains("__") {
            return Err(refuse("it has two separators in a row"));
        }
        if KEYWORDS.contains(&lib_name.as_str()) {
            return Err(refuse("it is a Rust keyword"));
        }
        if TAKEN_CRATES.contains(&lib_name.as_str()) {
            return Err(refuse(
                "a crate of that name is already in every connector's build",
            ));
        }
        let words: Vec<&str> = lib_name.split('_').collect();
        let type_name: String = words.iter().map(|w| capitalized(w)).collect();
        if PRELUDE_NAMES.contains(&type_name.as_str()) {
            return Err(refuse(&format!(
                "its type, `{type_name}`, would shadow the runtime's"
            )));
        }
        let display_name = words
            .iter()
            .map(|w| capitalized(w))
            .collect::<Vec<_>>()
            .join(" ");
        Ok(ConnectorName {
            crate_name: name.to_owned(),
            lib_name,
            type_name,
            display_name,
        })
    }
}

/// `word` with its first letter upper-case.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str) -> String {
        match ConnectorName::parse(name) {
            Ok(parsed) => panic!("{name} was accepted: {parsed:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn derived_names() {
        let name = ConnectorName::parse("acme-crm_2").unwrap();
        assert_eq!(name.crate_name, "acme-crm_2");
        assert_eq!(name.lib_name, "acme_crm_2");
        assert_eq!(name.type_name, "AcmeCrm2");
        assert_eq!(name.display_name, "Acme Crm 2");
        assert_eq!(ConnectorName::parse("okta").unwrap().type_name, "Okta");
    }

    #[test]
    fn each_bad_name_is_refused_saying_why() {
        assert!(refused("").ends_with("the name is empty"));
        assert!(
            refused("Acme").ends_with("try `acme`"),
            "{}",
            refused("Acme")
        );
        assert!(refused("acme!").contains("'!' is not allowed"));
        assert!(refused("acme crm").contains("' ' is not allowed"));
        assert!(refused("é").contains("is not allowed"));
        assert!(refused("2fa").ends_with("start with a letter"));
        assert!(refused("acme-").ends_with("end with a letter or a digit"));
        assert!(refused("acme-_crm").ends_with("two separators in a row"));
        assert!(refused("match").ends_with("a Rust keyword"));
        assert!(refused("serde-json").contains("already in every connector's build"));
        assert!(refused("connector-runtime").contains("already"));
        assert!(refused("request").contains("`Request`, would shadow"));
        assert!(refused(&"a".repeat(65)).contains("longer than 64"));
        assert!(ConnectorName::parse(&"a".repeat(64)).is_ok());
    }

    #[test]
    fn the_shadowing_list_holds_every_name_the_prelude_lists() {
        let lib = include_str!("../../connector-runtime/src/lib.rs");
        let start = lib.find("pub use crate::{\n").unwrap();
        let listed = &lib[start + "pub use crate::{".len()..];
        let listed = &listed[..listed.find('}').unwrap()];
        for name in listed.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            assert!(PRELUDE_NAMES.contains(&name), "{name} is missing");
        }
    }
}
