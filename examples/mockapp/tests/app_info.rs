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
    let mut compared = 0;
    for (path, operation) in paths {
        if path == "/probe_integration" {
            continue; // not implemented yet (see the README)
        }
        assert_eq!(
            without_descriptions(&ours["paths"][path]),
            without_descriptions(operation),
            "{path}"
        );
        compared += 1;
    }
    assert_eq!(compared, 13);
    assert_eq!(
        ours["paths"].as_object().unwrap().len(),
        compared,
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
    // The other way round: the reference's components we do not emit yet are the envelope-level
    // ones connector-py hoists from whole envelopes (README, "Differences"). Their number is
    // pinned so that closing the gap, or widening it, shows here.
    let our_names = ours["components"]["schemas"].as_object().unwrap();
    let missing: Vec<&String> = theirs["components"]["schemas"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|name| !our_names.contains_key(*name))
        .collect();
    assert_eq!(missing.len(), 73, "{missing:?}");
    let document = ours.to_string();
    for name in &missing {
        let reference = format!("\"#/components/schemas/{name}\"");
        assert!(
            !document.contains(&reference),
            "{name} is referenced but not defined"
        );
    }
    for (name, schema) in our_names {
        let reference = &theirs["components"]["schemas"][name];
        assert_eq!(
            without_descriptions(schema),
            without_descriptions(reference),
            "component {name}"
        );
    }
    for key in [
        "x-app-id",
        "x-resource-types",
        "x-entitlement-types",
        "x-categories",
        "x-multi-credential",
        "x-allowed-credentials",
    ] {
        assert_eq!(ours["info"][key], theirs["info"][key], "info {key}");
    }
}
