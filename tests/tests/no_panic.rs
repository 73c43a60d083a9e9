//! No input makes a connector panic: random argv, random and mutated requests, random page
//! tokens, huge and deeply nested inputs, invalid UTF-8. Each run prints exactly one JSON
//! document with exit status 0 (or the help, for `--help`), or is a usage error (2) or a
//! command that cannot run (1) with nothing on stdout.
//!
//! CI runs 100,000 cases in all (the case counts below); set `PROPTEST_CASES` to run more per
//! property, e.g. `PROPTEST_CASES=1000000 cargo test -p connector-tests --test no_panic --release`.

use std::ffi::OsString;

use connector_runtime::Integration;
use connector_tests::handmade::Handmade;
use connector_tests::run::{Outcome, run_cli_os};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The properties below, and the cases each runs unless `PROPTEST_CASES` says otherwise.
const PROPERTIES: u32 = 5;
const CASES_PER_PROPERTY: u32 = 20_000;

fn case_count() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(CASES_PER_PROPERTY)
}

fn cases() -> ProptestConfig {
    ProptestConfig {
        cases: case_count(),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

thread_local! {
    /// Panics seen on this thread. The CLI's runtime runs capabilities on the calling thread,
    /// so a panic anywhere in a run, even one caught and turned into an envelope, counts here.
    static PANICS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Counts every panic (then reports it as usual), once per test process.
fn count_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let report = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.with(|p| p.set(p.get() + 1));
            report(info);
        }));
    });
}

/// The documented contract of one run: one JSON document or nothing, and no panic, not even
/// one the runtime caught and reported as an `internal_error` envelope.
fn assert_contract(outcome: &Outcome) {
    match outcome.status {
        0 if outcome.stdout.starts_with("usage: ") => {} // --help
        0 => {
            let value = outcome.json();
            assert!(
                value.get("is_error").is_some() || value.get("response").is_some(),
                "{value}"
            );
            assert_ne!(value["error"]["raised_by"], "panic", "{value}");
        }
        1 | 2 => assert_eq!(outcome.stdout, "", "{outcome:?}"),
        other => panic!("exit status {other}: {outcome:?}"),
    }
}

fn run(args: Vec<OsString>, stdin: &[u8]) -> Outcome {
    count_panics();
    let before = PANICS.with(std::cell::Cell::get);
    let outcome = run_cli_os(&Handmade::APP, &args, stdin);
    assert_eq!(
        PANICS.with(std::cell::Cell::get),
        before,
        "a panic during {args:?}"
    );
    assert!(!outcome.stderr.contains("panicked"), "{outcome:?}");
    assert_contract(&outcome);
    outcome
}

fn os(bytes: Vec<u8>) -> OsString {
    #[cfg(unix)]
    return <OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes);
    #[cfg(not(unix))]
    return OsString::from(String::from_utf8_lossy(&bytes).into_owned());
}

/// Well-formed requests of each capability, the seeds of the mutations.
fn seeds() -> Vec<(&'static str, Value)> {
    let base = |request: Value| {
        json!({"auth": {"token": {"token": "tok"}}, "settings": {"account_count": 7}, "request": request,
               "page": {"size": 3, "token": "9182a8656e64706f696e74aa2f6170692f7573657273a66f66667365740a"}})
    };
    vec![
        ("validate_credentials", base(json!({}))),
        ("list_accounts", base(json!({"custom_attributes": ["a"]}))),
        ("delete_account", base(json!({"account_id": "user-00001"}))),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::from),
        ".{0,20}".prop_map(Value::from),
        "[0-9a-f]{0,64}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let key = prop_oneof![
            Just("auth".to_owned()),
            Just("request".to_owned()),
            Just("settings".to_owned()),
            Just("page".to_owned()),
            Just("token".to_owned()),
            Just("credentials".to_owned()),
            Just("account_count".to_owned()),
            Just("size".to_owned()),
            Just("account_id".to_owned()),
            "[a-z_]{1,10}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(key, inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A byte-level edit of a text: flip, insert or delete at a position.
fn mutate(text: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut bytes = text.to_vec();
    for &(at, kind, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % (bytes.len() + 1)
        };
        match kind % 3 {
            0 if at < bytes.len() => bytes[at] ^= byte.max(1),
            1 => bytes.insert(at, byte),
            _ if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => {}
        }
    }
    bytes
}

fn capability() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("list_accounts"),
        Just("validate_credentials"),
        Just("delete_account")
    ]
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn random_argv(args in prop::collection::vec(prop_oneof![
        Just(b"list_accounts".to_vec()), Just(b"info".to_vec()), Just(b"--json".to_vec()),
        Just(b"--json-file".to_vec()), Just(b"--result-file-path".to_vec()), Just(b"-h".to_vec()),
        Just(b"-".to_vec()), Just(b"{}".to_vec()), prop::collection::vec(any::<u8>(), 0..24),
    ], 0..6)) {
        run(args.into_iter().map(os).collect(), b"{\"request\":{}}");
    }

    #[test]
    fn random_bytes_as_json(bytes in prop::collection::vec(any::<u8>(), 0..256), cap in capability()) {
        run(vec![cap.into(), "--json".into(), os(bytes)], b"");
    }

    #[test]
    fn random_json_documents(value in json_value(), cap in capability()) {
        run(vec![cap.into(), "--json".into(), value.to_string().into()], b"");
    }

    #[test]
    fn mutated_requests(seed in 0usize..3, edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8)) {
        let (cap, request) = &seeds()[seed];
        let bytes = mutate(request.to_string().as_bytes(), &edits);
        run(vec![(*cap).into(), "--json".into(), "-".into()], &bytes);
    }

    #[test]
    fn random_page_tokens(token in prop_oneof!["[0-9a-f]{0,200}", ".{0,64}", "9[0-9a-f]{0,80}"], size in any::<i64>()) {
        let mut request = seeds()[1].1.clone();
        request["page"] = json!({"token": token, "size": size});
        let outcome = run(vec!["list_accounts".into(), "--json".into(), request.to_string().into()], b"");
        prop_assert_eq!(outcome.status, 0);
    }
}

/// Says on the terminal (past libtest's capture) how many generated cases this run checks.
#[test]
fn the_case_count_is_reported() {
    use std::io::Write;
    let per_property = case_count();
    let _ = writeln!(
        std::io::stderr().lock(),
        "no_panic: {PROPERTIES} properties x {per_property} cases = {} generated runs",
        PROPERTIES * per_property
    );
}

#[test]
fn huge_inputs_get_a_clear_error() {
    let huge = vec![b' '; 33 * 1024 * 1024];
    let outcome = run(
        vec!["list_accounts".into(), "--json".into(), "-".into()],
        &huge,
    );
    assert_eq!(outcome.status, 0);
    let message = outcome.json()["error"]["message"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(message.contains("larger than 32 MiB"), "{message}");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let request = format!("{{\"request\":{{}},\"settings\":{nested}}}");
        let outcome = run(
            vec![
                "validate_credentials".into(),
                "--json".into(),
                request.into(),
            ],
            b"",
        );
        assert_eq!(outcome.json()["error"]["error_code"], "bad_request");
    }
}

#[test]
fn invalid_utf8_in_a_file_is_bad_request() {
    let path = std::env::temp_dir().join(format!("no-panic-{}.json", std::process::id()));
    std::fs::write(&path, b"{\"request\":{},\"x\":\"\xff\xfe\"}").unwrap();
    let outcome = run(
        vec![
            "validate_credentials".into(),
            "--json-file".into(),
            path.clone().into(),
        ],
        b"",
    );
    std::fs::remove_file(&path).unwrap();
    assert_eq!(outcome.json()["error"]["error_code"], "bad_request");
}
