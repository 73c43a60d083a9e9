//! The new crate's files, rendered from `templates/`: each `{{key}}` replaced by its value.
//! A line holding nothing but a placeholder whose value is empty is left out; `{{upstream}}`
//! and `{{any}}`, which the kit's case files use, are not keys and stay as they are.

use std::path::PathBuf;

/// Every file of a new connector: where it goes in the crate, and its template.
const FILES: &[(&str, &str)] = &[
    ("Cargo.toml", include_str!("../templates/Cargo.toml.tmpl")),
    (".gitignore", include_str!("../templates/gitignore")),
    ("README.md", include_str!("../templates/README.md")),
    ("src/main.rs", include_str!("../templates/src/main.rs")),
    ("src/lib.rs", include_str!("../templates/src/lib.rs")),
    (
        "src/settings.rs",
        include_str!("../templates/src/settings.rs"),
    ),
    (
        "src/constants.rs",
        include_str!("../templates/src/constants.rs"),
    ),
    ("src/enums.rs", include_str!("../templates/src/enums.rs")),
    ("src/client.rs", include_str!("../templates/src/client.rs")),
    (
        "src/pagination.rs",
        include_str!("../templates/src/pagination.rs"),
    ),
    (
        "src/capabilities_read.rs",
        include_str!("../templates/src/capabilities_read.rs"),
    ),
    (
        "src/capabilities_write.rs",
        include_str!("../templates/src/capabilities_write.rs"),
    ),
    (
        "src/integration.rs",
        include_str!("../templates/src/integration.rs"),
    ),
    (
        "tests/connector.rs",
        include_str!("../templates/tests/connector.rs"),
    ),
    (
        "tests/cases/validate_credentials.json",
        include_str!("../templates/tests/cases/validate_credentials.json"),
    ),
    (
        "tests/cases/list_accounts.json",
        include_str!("../templates/tests/cases/list_accounts.json"),
    ),
    (
        "tests/cases/get_account.json",
        include_str!("../templates/tests/cases/get_account.json"),
    ),
    (
        "tests/cases/list_entitlements.json",
        include_str!("../templates/tests/cases/list_entitlements.json"),
    ),
    (
        "tests/cases/create_account.json",
        include_str!("../templates/tests/cases/create_account.json"),
    ),
    (
        "tests/cases/delete_account.json",
        include_str!("../templates/tests/cases/delete_account.json"),
    ),
    (
        "tests/cases/assign_entitlement.json",
        include_str!("../templates/tests/cases/assign_entitlement.json"),
    ),
    (
        "tests/cases/unassign_entitlement.json",
        include_str!("../templates/tests/cases/unassign_entitlement.json"),
    ),
];

/// The values of one new crate. Snippets (code that differs by credential) may hold name
/// keys, so they are put in first and the names after.
pub(crate) struct Values {
    /// Keys whose values are code, each possibly several lines.
    pub(crate) snippets: Vec<(&'static str, String)>,
    /// Keys whose values are names and versions.
    pub(crate) names: Vec<(&'static str, String)>,
}

/// One file of the new crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct File {
    /// Relative to the crate's root.
    pub(crate) path: PathBuf,
    /// What it holds.
    pub(crate) text: String,
}

/// Every file, rendered with `values`.
pub(crate) fn render_all(values: &Values) -> Vec<File> {
    FILES
        .iter()
        .map(|(path, template)| File {
            path: PathBuf::from(path),
            text: render(template, values),
        })
        .collect()
}

fn render(template: &str, values: &Values) -> String {
    let mut text = String::with_capacity(template.len());
    for line in template.split_inclusive('\n') {
        let alone = line.trim();
        let empty_snippet = values
            .snippets
            .iter()
            .any(|(key, value)| value.is_empty() && alone == placeholder(key));
        if !empty_snippet {
            text.push_str(line);
        }
    }
    for (key, value) in values.snippets.iter().chain(&values.names) {
        text = text.replace(&placeholder(key), value);
    }
    text
}

fn placeholder(key: &str) -> String {
    format!("{{{{{key}}}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            snippets: vec![
                ("items", String::new()),
                ("auth", "    auth = {{Type}}Auth,".into()),
            ],
            names: vec![("Type", "Acme".into())],
        }
    }

    #[test]
    fn snippets_then_names_and_an_empty_snippet_leaves_no_line() {
        let out = render(
            "struct {{Type}};\n{{items}}\n{{auth}}\n{{upstream}} {{any}}\n",
            &values(),
        );
        assert_eq!(
            out,
            "struct Acme;\n    auth = AcmeAuth,\n{{upstream}} {{any}}\n"
        );
    }

    #[test]
    fn a_placeholder_inside_a_line_is_replaced_where_it_stands() {
        assert_eq!(
            render("use crate::{{{Type}}Client};", &values()),
            "use crate::{AcmeClient};"
        );
    }
}
