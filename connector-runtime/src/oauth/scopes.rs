//! The `scope` parameter: the caller's scopes when it gives any, else every scope the
//! integration declares for its capabilities, each once.

/// The space-separated scope list for a request that asks for `requested` (may be empty),
/// given the declared `(capability, scopes)` pairs.
///
/// connector-py de-duplicates the declared scopes through a set, so their order changes from
/// run to run; here each scope keeps the place of its first mention, in declaration order.
pub(crate) fn scope_parameter(requested: &[String], declared: Vec<(String, String)>) -> String {
    if !requested.is_empty() {
        return requested.join(" ");
    }
    let mut scopes: Vec<String> = Vec::new();
    for (_, list) in declared {
        for scope in list.split(' ').filter(|s| !s.is_empty()) {
            if !scopes.iter().any(|known| known == scope) {
                scopes.push(scope.to_owned());
            }
        }
    }
    scopes.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(c, s)| ((*c).to_owned(), (*s).to_owned()))
            .collect()
    }

    #[test]
    fn requested_scopes_win() {
        let requested = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(
            scope_parameter(&requested, declared(&[("list_accounts", "x")])),
            "a b"
        );
    }

    #[test]
    fn declared_scopes_are_deduplicated_in_first_mention_order() {
        let pairs = [
            ("list_accounts", "users:read"),
            ("create_account", "users:write  users:read"),
            ("get_account", "accounts:read users:write"),
        ];
        assert_eq!(
            scope_parameter(&[], declared(&pairs)),
            "users:read users:write accounts:read"
        );
        assert_eq!(scope_parameter(&[], Vec::new()), "");
    }
}
