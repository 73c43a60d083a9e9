//! `mockapp app_info`: the OpenAPI document, compared with the reference's recorded one path by
//! path and component by component, descriptions aside (the spec's prose is not copied).

mod support;

use serde_json::Value;
use support::{golden, mockapp};

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

#[test]
fn app_info_matches_the_reference_document() {
    let run = mockapp(&["app_info", "--json", r#"{"request":{}}"#]);
    let ours = run.response()["app_schema"].clone();
    assert_eq!(ours["openapi"], "3.0.0");
    assert_eq!(ours["info"]["x-app-id"], "mockapp");
    let Some(golden) = golden("app_info") else {
        return;
    };
    let theirs = &golden["stdout_parsed_or_raw"]["response"]["app_schema"];
    let paths = theirs["paths"].as_object().unwrap();
    for (path, operation) in paths {
        assert_eq!(
            without_descriptions(&ours["paths"][path]),
            without_descriptions(operation),
            "{path}"
        );
    }
    assert_eq!(
        ours["paths"].as_object().unwrap().len(),
        paths.len(),
        "no path the reference lacks"
    );
    assert_eq!(
        without_descriptions(&ours["components"]["securitySchemes"]),
        without_descriptions(&theirs["components"]["securitySchemes"]),
    );
    assert_eq!(
        ours["tags"].as_array().map(Vec::len),
        theirs["tags"].as_array().map(Vec::len)
    );
    // Every component the reference hoists from the whole envelopes (the page, the rate-limit
    // state, the execution summary, errors, credentials, the probe's models), and no other.
    let names = |document: &Value| {
        let mut names: Vec<String> = document["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&ours), names(theirs));
    assert_eq!(
        without_descriptions(&ours["components"]["schemas"]),
        without_descriptions(&theirs["components"]["schemas"]),
    );
    for key in [
        "x-app-id",
        "x-resource-types",
        "x-entitlement-types",
        "x-categories",
        "x-multi-credential",
        "x-allowed-credentials",
        "x-probe-checks",
        "x-capabilities",
    ] {
        assert_eq!(ours["info"][key], theirs["info"][key], "info {key}");
    }
}
