//! Random bytes and random JSON as `--json`: never a panic, always exactly one envelope.

use std::ffi::OsString;

use connector_runtime::Integration;
use connector_tests::handmade::Handmade;
use connector_tests::run::run_cli_os;
use proptest::prelude::*;

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
        "[a-z_]{0,12}".prop_map(serde_json::Value::from),
        ".{0,20}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop_oneof![
                    Just("auth".to_owned()),
                    Just("request".to_owned()),
                    Just("settings".to_owned()),
                    Just("page".to_owned()),
                    Just("token".to_owned()),
                    Just("credentials".to_owned()),
                    Just("account_count".to_owned()),
                    Just("size".to_owned()),
                    "[a-z_]{1,10}",
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn assert_one_envelope(capability: &str, json: OsString) {
    let outcome = run_cli_os(&Handmade::APP, &[capability.into(), "--json".into(), json], b"");
    if outcome.status == 1 {
        // Only the empty string cannot run at all.
        assert!(outcome.stdout.is_empty());
        return;
    }
    assert_eq!(outcome.status, 0, "{outcome:?}");
    let value = outcome.json();
    assert!(value.get("is_error").is_some() || value.get("response").is_some(), "{value}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        #[cfg(unix)]
        let arg = <OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes);
        #[cfg(not(unix))]
        let arg = OsString::from(String::from_utf8_lossy(&bytes).into_owned());
        assert_one_envelope("list_accounts", arg);
    }

    #[test]
    fn random_json_never_panics(value in json_value(), capability in prop_oneof![
        Just("list_accounts"), Just("validate_credentials"), Just("delete_account")
    ]) {
        assert_one_envelope(capability, value.to_string().into());
    }
}
