//! `Request::fingerprint` equals connector-py's `request_fingerprint` on every payload of
//! `tests/fixtures/fingerprints.jsonl.gz`: a few thousand generated write payloads (strings with
//! quotes, control characters and characters beyond the BMP; absent, null and present optional
//! fields; nested models; floats of every magnitude; free-form maps and lists holding nulls;
//! `x-unique` fields) and the recorded reference runs' write requests, each with the fingerprint
//! the reference computed. `tools/fingerprint_fixture.py` wrote the file with the reference's
//! own Python; this test only reads it, so it needs no Python.

use std::collections::BTreeMap;
use std::io::Read;

use connector_runtime::models::{
    ActivateAccount, AssignEntitlement, CreatableAccount, CreateAccount, DeactivateAccount,
    DeleteAccount, UnassignEntitlement, UpdateableAccount,
};
use connector_runtime::{NoAuth, NoSettings, Request};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The reference mockapp's `create_account` payload, as mockapp declares it.
#[derive(Serialize, Deserialize, JsonSchema)]
struct MockappCreateAccount {
    #[serde(flatten)]
    base: CreatableAccount,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
}

/// The generator's `Inner`.
#[derive(Serialize, Deserialize, JsonSchema)]
struct Inner {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default)]
    tags: Vec<Option<String>>,
}

/// The generator's `Free`.
#[derive(Serialize, Deserialize, JsonSchema)]
struct Free {
    #[serde(default)]
    amount: Option<f64>,
    #[serde(default)]
    count: Option<i64>,
    #[serde(default)]
    flag: Option<bool>,
    #[serde(default)]
    attrs: Map<String, Value>,
    #[serde(default)]
    items: Vec<Value>,
    #[serde(default)]
    inner: Option<Inner>,
    #[serde(default)]
    inners: Vec<Inner>,
}

/// The generator's `Unique`.
#[derive(Serialize, Deserialize, JsonSchema)]
struct Unique {
    #[schemars(extend("x-unique" = true))]
    id: String,
    #[serde(default)]
    #[schemars(extend("x-unique" = true))]
    scope: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    amount: Option<f64>,
}

/// `payload` decoded as `P`, then fingerprinted; a failure is described.
fn fingerprint<P: DeserializeOwned + Serialize + JsonSchema>(
    payload: Value,
) -> Result<String, String> {
    let payload: P =
        serde_json::from_value(payload).map_err(|e| format!("does not decode: {e}"))?;
    Request::new(payload, NoSettings, NoAuth)
        .fingerprint()
        .map_err(|e| format!("does not fingerprint: {}", e.message()))
}

#[test]
fn every_recorded_fingerprint_matches_connector_py() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fingerprints.jsonl.gz"
    );
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).expect("the fixture exists"))
        .read_to_string(&mut text)
        .expect("the fixture is gzipped UTF-8");

    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let (model, payload, expected): (String, Value, String) =
            serde_json::from_str(line).expect("each line is [model, payload, fingerprint]");
        let shown = payload.to_string();
        let ours = match model.as_str() {
            "AssignEntitlement" => fingerprint::<AssignEntitlement>(payload),
            "UnassignEntitlement" => fingerprint::<UnassignEntitlement>(payload),
            "CreateAccount" => fingerprint::<CreateAccount>(payload),
            "CreatableAccount" => fingerprint::<CreatableAccount>(payload),
            "MockappCreateAccount" => fingerprint::<MockappCreateAccount>(payload),
            "UpdateableAccount" => fingerprint::<UpdateableAccount>(payload),
            "ActivateAccount" => fingerprint::<ActivateAccount>(payload),
            "DeactivateAccount" => fingerprint::<DeactivateAccount>(payload),
            "DeleteAccount" => fingerprint::<DeleteAccount>(payload),
            "Free" => fingerprint::<Free>(payload),
            "Unique" => fingerprint::<Unique>(payload),
            other => panic!("line {}: unknown model {other}", n + 1),
        };
        if ours.as_ref() != Ok(&expected) {
            wrong.push(format!("line {} ({model}): {shown}: {ours:?}", n + 1));
        }
        *seen.entry(model).or_default() += 1;
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        text.lines().count(),
        wrong.join("\n")
    );
    assert_eq!(seen.len(), 11, "{seen:?}");
    assert!(seen.values().sum::<usize>() >= 3000, "{seen:?}");
}
