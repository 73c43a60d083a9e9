//! The refusals and resolutions of `check`, each compared with connector-py 4.280.0's
//! `_resolve_url`, `_request_headers` and `_post_content_type` on the same input (recorded with
//! its policy `post_paths={"/graphql": "application/json", "search/run": "text/plain"}`,
//! `headers={"X-Api-Version", "Authorization", "Content-Type"}` and base URL
//! `http://127.0.0.1:8000/api/`).

use super::*;

const POLICY: ArbitraryEndpointPolicy = ArbitraryEndpointPolicy::new()
    .post_paths(&[
        ("/graphql", "application/json"),
        ("search/run", "text/plain"),
    ])
    .headers(&["X-Api-Version", "Authorization", "Content-Type"]);

/// (request, connector-py's refusal, connector-py's resolved URL).
const CASES: &[(&str, Option<&str>, &str)] = &[
    (
        r#"{"url": "users?limit=2"}"#,
        None,
        "http://127.0.0.1:8000/api/users?limit=2",
    ),
    (
        r#"{"url": "/users?limit=2"}"#,
        None,
        "http://127.0.0.1:8000/api/users?limit=2",
    ),
    (
        r#"{"url": "users", "query": {"limit": ["2"], "q": ["a b/c"]}}"#,
        None,
        "http://127.0.0.1:8000/api/users?limit=2&q=a+b%2Fc",
    ),
    (
        r#"{"url": "users?limit=1&x=y", "query": {"limit": ["5", "6"]}}"#,
        None,
        "http://127.0.0.1:8000/api/users?limit=5&limit=6&x=y",
    ),
    (
        r#"{"url": "http://127.0.0.1:8000/api/users?cursor=2"}"#,
        None,
        "http://127.0.0.1:8000/api/users?cursor=2",
    ),
    (
        r#"{"url": "HTTP://127.0.0.1:8000/x"}"#,
        None,
        "http://127.0.0.1:8000/x",
    ),
    (
        r#"{"url": "http://127.0.0.1/api/users"}"#,
        Some("The URL must be on this connection's host."),
        "http://127.0.0.1/api/users",
    ),
    (
        r#"{"url": "https://127.0.0.1:8000/api/users"}"#,
        Some("The URL must be on this connection's host."),
        "https://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "http://evil.example:8000/api"}"#,
        Some("The URL must be on this connection's host."),
        "http://evil.example:8000/api",
    ),
    (
        r#"{"url": "http://u:p@127.0.0.1:8000/api"}"#,
        Some("The URL must not include credentials."),
        "http://u:p@127.0.0.1:8000/api",
    ),
    (
        r#"{"url": "//127.0.0.1:8000/api"}"#,
        Some("An absolute URL must include its scheme and host."),
        "//127.0.0.1:8000/api",
    ),
    (
        r#"{"url": "mailto:x@y"}"#,
        Some("An absolute URL must include its scheme and host."),
        "mailto:x@y",
    ),
    (
        r#"{"url": "users:list"}"#,
        Some("An absolute URL must include its scheme and host."),
        "users:list",
    ),
    (
        r#"{"url": "users/../admin"}"#,
        Some("The URL path must not contain '..' segments."),
        "users/../admin",
    ),
    (
        r#"{"url": "users/%2e%2E/admin"}"#,
        Some("The URL path must not contain '..' segments."),
        "users/%2e%2E/admin",
    ),
    (
        r#"{"url": "users?x=../y"}"#,
        None,
        "http://127.0.0.1:8000/api/users?x=../y",
    ),
    (
        r#"{"url": "http://[::1/x"}"#,
        Some("The URL could not be parsed."),
        "http://[::1/x",
    ),
    (
        r#"{"url": "users\nx"}"#,
        Some("The URL could not be parsed."),
        "users\nx",
    ),
    (
        r#"{"url": "http://999.1.1.1/x"}"#,
        Some("The URL could not be parsed."),
        "http://999.1.1.1/x",
    ),
    (
        r#"{"url": "users", "headers": {"X-Api-Version": "2"}}"#,
        None,
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users", "headers": {"authorization": "x"}}"#,
        Some("The header 'authorization' is not allowed."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users", "headers": {"Cookie": "x"}}"#,
        Some("The header 'Cookie' is not allowed."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users", "headers": {"X-Other": "x"}}"#,
        Some("The header 'X-Other' is not allowed."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users", "method": "POST"}"#,
        Some("POST is not allowed for this path."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "graphql", "method": "POST", "body": "{}"}"#,
        None,
        "http://127.0.0.1:8000/api/graphql",
    ),
    (
        r#"{"url": "/search/run", "method": "POST"}"#,
        None,
        "http://127.0.0.1:8000/api/search/run",
    ),
    (
        r#"{"url": "http://127.0.0.1:8000/api/graphql", "method": "POST"}"#,
        None,
        "http://127.0.0.1:8000/api/graphql",
    ),
    (
        r#"{"url": "http://127.0.0.1:8000/graphql", "method": "POST"}"#,
        Some("POST is not allowed for this path."),
        "http://127.0.0.1:8000/graphql",
    ),
    (
        r#"{"url": "users", "body": "x"}"#,
        Some("A request body is only accepted with POST."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users", "body": ""}"#,
        Some("A request body is only accepted with POST."),
        "http://127.0.0.1:8000/api/users",
    ),
    (
        r#"{"url": "users#frag"}"#,
        None,
        "http://127.0.0.1:8000/api/users",
    ),
    (r#"{"url": "a b"}"#, None, "http://127.0.0.1:8000/api/a%20b"),
];

fn base() -> Url {
    target::parse_base("http://127.0.0.1:8000/api", None).unwrap()
}

fn run(request: &str) -> Result<Checked, Refusal> {
    check(&POLICY, &base(), serde_json::from_str(request).unwrap())
}

#[test]
fn every_case_matches_connector_py() {
    for (request, refusal, resolved) in CASES {
        match (run(request), refusal) {
            (Ok(checked), None) => assert_eq!(checked.url.as_str(), *resolved, "{request}"),
            (Err(refused), Some(reason)) => {
                assert_eq!(refused, Refusal::new(*reason, *resolved), "{request}")
            }
            (outcome, _) => panic!("{request}: {outcome:?}"),
        }
    }
}

#[test]
fn a_post_carries_the_policys_content_type_only() {
    let checked = run(r#"{"url": "graphql", "method": "POST", "body": "{}"}"#).unwrap();
    assert_eq!(checked.method, Method::POST);
    assert_eq!(checked.body.as_deref(), Some("{}"));
    assert_eq!(checked.headers.len(), 1);
    assert_eq!(checked.headers[CONTENT_TYPE], "application/json");
    let checked = run(
        r#"{"url": "/search/run", "method": "POST", "headers": {"content-type": "x/y", "X-API-VERSION": "3"}}"#,
    )
    .unwrap();
    assert_eq!(checked.headers[CONTENT_TYPE], "text/plain");
    assert_eq!(checked.headers["x-api-version"], "3");
    let checked = run(r#"{"url": "users", "headers": {"Content-Type": "x/y"}}"#).unwrap();
    assert_eq!(checked.method, Method::GET);
    assert_eq!(
        checked.headers[CONTENT_TYPE], "x/y",
        "a GET keeps an allowed Content-Type"
    );
}

#[test]
fn protected_headers_stay_protected_whatever_the_policy() {
    for name in ["Authorization", "HOST", "cookie"] {
        const ALL: ArbitraryEndpointPolicy =
            ArbitraryEndpointPolicy::new().headers(&["authorization", "host", "cookie"]);
        let request = serde_json::json!({"url": "users", "headers": {name: "x"}});
        let refused = check(&ALL, &base(), serde_json::from_value(request).unwrap()).unwrap_err();
        assert_eq!(
            refused.reason,
            format!("The header '{name}' is not allowed.")
        );
    }
}

#[test]
fn the_first_refused_header_is_the_first_in_sorted_order() {
    // connector-py names the first in the request's order (`X-Z`): the model's map is sorted.
    let refused = run(r#"{"url": "users", "headers": {"X-Z": "1", "X-A": "1"}}"#).unwrap_err();
    assert_eq!(refused.reason, "The header 'X-A' is not allowed.");
}

#[test]
fn a_post_path_is_relative_to_the_base_path() {
    const ROOT: ArbitraryEndpointPolicy =
        ArbitraryEndpointPolicy::new().post_paths(&[("/", "application/json")]);
    let base = target::parse_base("http://h/api/", None).unwrap();
    let post = |url: &str| {
        let request = serde_json::json!({"url": url, "method": "POST"});
        check(&ROOT, &base, serde_json::from_value(request).unwrap()).map(|c| c.url.to_string())
    };
    assert_eq!(post("").unwrap(), "http://h/api/");
    assert_eq!(post("http://h/api").unwrap(), "http://h/api");
    assert_eq!(post("http://h/apix").unwrap_err().reason, POST_REFUSED);
    assert_eq!(post("x").unwrap_err().reason, POST_REFUSED);
}
