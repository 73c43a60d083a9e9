//! The `capability_schema` of every capability in the reference's recorded `info` matches ours,
//! key for key, except for descriptions (the spec's prose is not copied; see the README).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed unwrap is a failed assertion"
)]

use connector_runtime::capabilities as caps;
use connector_runtime::{Capability, schema};
use serde_json::Value;

fn golden_info() -> Option<Value> {
    let text = reference_files::read("reference-python/golden/info.json")?;
    let golden: Value = serde_json::from_str(&text).expect("golden file is JSON");
    Some(golden["stdout_parsed_or_raw"]["response"].clone())
}

fn without_descriptions(value: &Value) -> Value {
    match value {
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| k.as_str() != "description")
            .map(|(k, v)| (k.clone(), without_descriptions(v)))
            .collect(),
        Value::Array(items) => items.iter().map(without_descriptions).collect(),
        other => other.clone(),
    }
}

fn check<C: Capability>(golden: &Value) {
    let expected = &golden["capability_schema"][C::NAME];
    assert!(
        expected.is_object(),
        "{} is not in the golden info",
        C::NAME
    );
    let argument = schema::model_schema::<C::Payload>();
    let output = schema::output_schema::<C::Output>();
    assert_eq!(
        without_descriptions(&argument),
        without_descriptions(&expected["argument"]),
        "{} argument",
        C::NAME
    );
    assert_eq!(
        without_descriptions(&output),
        without_descriptions(&expected["output"]),
        "{} output",
        C::NAME
    );
}

#[test]
fn capability_schemas_match_the_reference_structure() {
    let Some(golden) = golden_info() else { return };
    check::<caps::app_info>(&golden);
    check::<caps::validate_credentials>(&golden);
    check::<caps::list_accounts>(&golden);
    check::<caps::list_resources>(&golden);
    check::<caps::list_entitlements>(&golden);
    check::<caps::find_entitlement_associations>(&golden);
    check::<caps::get_last_activity>(&golden);
    // create_account is left out: the reference connector extends its payload (email,
    // display_name), which `CreatableAccount` rightly does not have.
    check::<caps::activate_account>(&golden);
    check::<caps::deactivate_account>(&golden);
    check::<caps::delete_account>(&golden);
    check::<caps::assign_entitlement>(&golden);
    check::<caps::unassign_entitlement>(&golden);
    check::<caps::probe_integration>(&golden);
}

#[test]
fn reference_page_tokens_decode_and_re_encode() {
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    #[serde(deny_unknown_fields)]
    struct Cursor {
        endpoint: Option<String>,
        offset: i64,
    }
    for (name, next_offset) in [
        ("list_accounts_p1_size10", 10),
        ("list_accounts_p2_size10", 20),
    ] {
        let Some(text) = reference_files::read(&format!("reference-python/golden/{name}.json"))
        else {
            continue;
        };
        let golden: Value = serde_json::from_str(&text).unwrap();
        let token = golden["stdout_parsed_or_raw"]["page"]["token"]
            .as_str()
            .unwrap();
        let stack: Vec<Cursor> = connector_runtime::pagination::decode(token).unwrap();
        assert_eq!(stack.len(), 1, "{name}");
        assert_eq!(stack[0].endpoint.as_deref(), Some("/api/users"), "{name}");
        assert_eq!(stack[0].offset, next_offset, "{name}");
        assert_eq!(
            connector_runtime::pagination::encode(&stack)
                .unwrap()
                .as_deref(),
            Some(token)
        );
    }
}
