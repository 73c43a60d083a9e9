//! The SCIM connector replayed offline: the case tables `tests/record_cases.rs` recorded from
//! `scim2-server` (secrets scrubbed) run in every `cargo test`, with no server and no Python.

use connector_testing::Cases;
use scim::Scim;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");

#[test]
fn every_case_passes() {
    Cases::<Scim>::in_dir(CASES).run();
}

#[test]
fn every_capability_has_a_case() {
    Cases::<Scim>::in_dir(CASES).assert_covered();
}

#[test]
fn no_case_holds_the_recorded_token() {
    let mut files = 0;
    for entry in std::fs::read_dir(CASES).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // The tests' servers accept `scim-test-<pid>-<port>`; the files carry a stand-in.
        assert!(
            !text.contains("scim-test-"),
            "{} holds a recorded token",
            path.display()
        );
        assert!(text.contains("case-token-0000"), "{}", path.display());
        files += 1;
    }
    assert_eq!(files, 13, "one file per capability");
}

#[test]
fn writes_over_a_version_are_recorded_with_their_if_match() {
    for capability in ["update_account", "activate_account", "deactivate_account"] {
        let text = std::fs::read_to_string(format!("{CASES}/{capability}.json")).unwrap();
        assert!(
            text.contains(r#""if-match": "W/\""#),
            "{capability}: the replay would not check the write's If-Match"
        );
    }
}
