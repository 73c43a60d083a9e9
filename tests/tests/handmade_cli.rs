//! The hand-built integration driven through the real CLI entry point: `info`, `--help`,
//! successes, every class of bad input, exit codes and the result file. Every run is made
//! twice, against the hand-registered app and the same app written with the macros, and
//! both must print the same bytes (but for the module in `raised_in`).

use connector_runtime::Integration;
use connector_tests::handmade::Handmade;
use connector_tests::macromade::Macromade;
use connector_tests::run::{self, Outcome};
use serde_json::{Value, json};

/// Runs `args` against both apps, checks they agree, and returns what they printed.
fn run_cli_with_stdin(args: &[&str], stdin: &[u8]) -> Outcome {
    let by_hand = run::run_cli_with_stdin(&Handmade::APP, args, stdin);
    let by_macro = run::run_cli_with_stdin(&Macromade::APP, args, stdin);
    assert_eq!(by_macro.status, by_hand.status, "{args:?}");
    assert_eq!(
        by_macro.stdout.replace("::macromade:", "::handmade:"),
        by_hand.stdout,
        "{args:?}"
    );
    assert_eq!(by_macro.stderr, by_hand.stderr, "{args:?}");
    by_hand
}

fn run_cli(args: &[&str]) -> Outcome {
    run_cli_with_stdin(args, b"")
}

const TOKEN: &str = "tok-3b7c1e-distinctive";
const SIGNING_KEY: &str = "sk-9f0d22-distinctive";

fn request(overrides: Value) -> String {
    let mut base = json!({
        "auth": {"token": {"token": TOKEN}},
        "settings": {"account_count": 5, "signing_key": SIGNING_KEY},
        "request": {},
    });
    for (key, value) in overrides.as_object().unwrap() {
        if value.is_null() {
            base.as_object_mut().unwrap().remove(key);
        } else {
            base[key] = value.clone();
        }
    }
    base.to_string()
}

fn call(capability: &str, json: &str) -> Outcome {
    let outcome = run_cli(&[capability, "--json", json]);
    assert_no_secret(&outcome);
    outcome
}

fn assert_no_secret(outcome: &Outcome) {
    for secret in [TOKEN, SIGNING_KEY] {
        assert!(
            !outcome.stdout.contains(secret),
            "secret on stdout: {}",
            outcome.stdout
        );
        assert!(
            !outcome.stderr.contains(secret),
            "secret on stderr: {}",
            outcome.stderr
        );
    }
}

/// An error envelope printed with exit status 0.
fn error_of(outcome: &Outcome) -> Value {
    assert_eq!(outcome.status, 0, "{outcome:?}");
    assert_eq!(outcome.stderr, "");
    let json = outcome.json();
    assert_eq!(json["is_error"], true, "{json}");
    json
}

#[test]
fn info_document() {
    let outcome = run_cli(&["info"]);
    assert_eq!(outcome.status, 0);
    insta::assert_snapshot!("info", outcome.stdout);
}

#[test]
fn help_lists_the_capabilities() {
    let outcome = run_cli(&["--help"]);
    assert_eq!(outcome.status, 0);
    insta::assert_snapshot!("help", outcome.stdout);
    assert_eq!(run_cli(&["list_accounts", "-h"]).stdout, outcome.stdout);
}

#[test]
fn validate_credentials_succeeds() {
    let outcome = call("validate_credentials", &request(json!({})));
    assert_eq!(outcome.status, 0);
    assert_eq!(outcome.stderr, "");
    insta::assert_snapshot!("validate_credentials_success", outcome.stdout);
}

#[test]
fn list_accounts_walks_every_page_once() {
    let mut seen = Vec::new();
    let mut page = json!({"size": 2});
    for _ in 0..10 {
        let outcome = call("list_accounts", &request(json!({"page": page})));
        let json = outcome.json();
        assert!(json.get("is_error").is_none(), "{json}");
        for account in json["response"].as_array().unwrap() {
            seen.push(
                account["integration_specific_id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        if json["page"].is_null() {
            break;
        }
        page = json["page"].clone();
    }
    assert_eq!(
        seen,
        [
            "user-00000",
            "user-00001",
            "user-00002",
            "user-00003",
            "user-00004"
        ]
    );
}

#[test]
fn the_first_page_token_is_the_reference_encoding() {
    let outcome = call(
        "list_accounts",
        &request(json!({"page": {"size": 10}, "settings": {"account_count": 25}})),
    );
    assert_eq!(
        outcome.json()["page"],
        json!({"token": "9182a8656e64706f696e74aa2f6170692f7573657273a66f66667365740a", "size": 10})
    );
}

#[test]
fn capability_errors_carry_raised_by_and_raised_in() {
    let outcome = call(
        "delete_account",
        &request(json!({"request": {"account_id": "user-99999"}})),
    );
    insta::assert_snapshot!("delete_account_not_found", error_of(&outcome).to_string());
    let expired = call(
        "validate_credentials",
        &request(json!({"auth": {"token": {"token": connector_tests::handmade::EXPIRED_TOKEN}}})),
    );
    let error = error_of(&expired);
    assert_eq!(error["error"]["error_code"], "authentication_expired");
    assert_eq!(error["error"]["error_metadata"]["refreshable"], true);
}

#[test]
fn every_pre_execution_failure_is_one_envelope() {
    let cases: Vec<(&str, String)> = vec![
        (
            "bad_json",
            format!("{{\"auth\":{{\"token\":{{\"token\":\"{TOKEN}\"}}}},\"request\":{{}}"),
        ),
        ("json_not_an_object", "[1, 2, 3]".to_owned()),
        ("missing_request", request(json!({"request": null}))),
        ("missing_settings", request(json!({"settings": null}))),
        (
            "missing_required_setting",
            request(json!({"settings": {"base_url": "x"}})),
        ),
        (
            "wrong_auth_kind",
            request(json!({"auth": {"basic": {"username": "u", "password": TOKEN}}})),
        ),
        ("missing_auth", request(json!({"auth": null}))),
        (
            "auth_and_credentials",
            request(json!({"credentials": [{"id": "x", "token": {"token": TOKEN}}]})),
        ),
        (
            "bad_page_token",
            request(json!({"page": {"token": "garbage!!", "size": 10}})),
        ),
        (
            "page_size_as_string",
            request(json!({"page": {"size": "10"}})),
        ),
        (
            "token_not_a_string",
            request(json!({"auth": {"token": {"token": 12345}}})),
        ),
        (
            "integer_setting_as_string",
            request(json!({"settings": {"account_count": "5"}})),
        ),
        ("settings_as_array", request(json!({"settings": [7]}))),
        (
            "secret_in_the_wrong_place",
            request(json!({"auth": {"token": TOKEN}})),
        ),
    ];
    for (name, json) in cases {
        let outcome = call("list_accounts", &json);
        let envelope = error_of(&outcome);
        insta::assert_snapshot!(format!("error_{name}"), envelope.to_string());
    }
}

#[test]
fn stdin_and_files_carry_the_request() {
    let json = request(json!({}));
    let from_stdin = run_cli_with_stdin(&["validate_credentials", "--json", "-"], json.as_bytes());
    assert_eq!(from_stdin.status, 0);
    let dir = std::env::temp_dir().join(format!("handmade-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("request.json");
    std::fs::write(&file, &json).unwrap();
    let from_file = run_cli(&[
        "validate_credentials",
        "--json-file",
        file.to_str().unwrap(),
    ]);
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert_eq!(from_file.stdout, call("validate_credentials", &json).stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn result_file_is_gzip_and_stdout_stays_empty() {
    let dir = std::env::temp_dir().join(format!("handmade-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.gz");
    let json = request(json!({}));
    let args = [
        "validate_credentials",
        "--json",
        &json,
        "--result-file-path",
        path.to_str().unwrap(),
    ];
    let outcome = run_cli(&args);
    assert_eq!((outcome.status, outcome.stdout.as_str()), (0, ""));
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
        &mut text,
    )
    .unwrap();
    assert_eq!(
        format!("{text}\n"),
        call("validate_credentials", &json).stdout
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file left behind"
    );

    let not_gz = dir.join("out.json");
    let refused = run_cli(&[
        "validate_credentials",
        "--json",
        &json,
        "--result-file-path",
        not_gz.to_str().unwrap(),
    ]);
    assert_eq!(refused.status, 1);
    assert!(
        refused.stderr.contains("must end with the .gz extension"),
        "{}",
        refused.stderr
    );
    assert!(!not_gz.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2_and_print_nothing_on_stdout() {
    let json = request(json!({}));
    for args in [
        vec!["list_widgets", "--json", json.as_str()],
        vec!["list_accounts"],
        vec!["list_accounts", "--json", "{}", "--json-file", "x.json"],
        vec!["info", "--json", "{}"],
        vec!["list_accounts", "--json", "{}", "--unknown-flag"],
        vec!["info", "--json-file", "request.json"],
        vec!["info", "--json-file=request.json"],
        vec!["validate_credentials", "--json", "{}", "-h=1"],
    ] {
        let outcome = run_cli(&args);
        assert_eq!(outcome.status, 2, "{args:?}");
        assert_eq!(outcome.stdout, "", "{args:?}");
        assert!(
            outcome.stderr.starts_with("usage: handmade"),
            "{}",
            outcome.stderr
        );
    }
    insta::assert_snapshot!(
        "usage_unknown_capability",
        run_cli(&["list_widgets", "--json", "{}"]).stderr
    );
}

#[test]
fn commands_that_cannot_run_exit_1() {
    let nothing = run_cli(&[]);
    assert_eq!((nothing.status, nothing.stdout.as_str()), (1, ""));
    assert!(nothing.stderr.starts_with("No command passed in\n"));
    let empty = run_cli(&["list_accounts", "--json", ""]);
    assert_eq!((empty.status, empty.stdout.as_str()), (1, ""));
    let missing = run_cli(&["list_accounts", "--json-file", "/nonexistent/request.json"]);
    assert_eq!((missing.status, missing.stdout.as_str()), (1, ""));
}

#[test]
fn app_info_describes_the_integration_as_openapi() {
    let outcome = call(
        "app_info",
        &request(json!({"auth": null, "settings": null})),
    );
    assert_eq!(outcome.status, 0);
    let json = outcome.json();
    assert_eq!(json["response"]["app_id"], "handmade");
    let document = &json["response"]["app_schema"];
    assert_eq!(document["openapi"], "3.0.0");
    assert_eq!(
        document["info"]["x-capabilities"],
        json!([
            "app_info",
            "delete_account",
            "list_accounts",
            "probe_integration",
            "validate_credentials"
        ])
    );
    assert_eq!(document["info"]["x-probe-checks"], json!(["accounts"]));
    assert_eq!(
        document["paths"]["/delete_account"]["post"]["summary"],
        "Remove Account"
    );
    assert_eq!(
        document["components"]["schemas"]["Settings"]["x-field_order"],
        json!(["base_url", "account_count", "signing_key"])
    );
    assert_eq!(
        document["components"]["securitySchemes"]["handmade"]["type"],
        "apiKey"
    );
}
