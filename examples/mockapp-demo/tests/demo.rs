//! The README's demo command works: it starts the mock, runs the three Part 3 commands
//! through the connector's command line, and stops cleanly.

use std::process::Command;

#[test]
fn the_demo_runs_part_3_end_to_end() {
    let output = Command::new(env!("CARGO_BIN_EXE_mockapp-demo"))
        .output()
        .expect("the demo runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let documents: Vec<serde_json::Value> = stdout
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).expect("each result is JSON"))
        .collect();
    assert_eq!(documents.len(), 3, "{stdout}");
    assert_eq!(documents[0]["response"]["valid"], true);
    assert_eq!(documents[1]["response"].as_array().map(Vec::len), Some(25));
    assert_eq!(documents[2]["response"]["created"], true);
    assert!(stdout.ends_with("Mock API stopped.\n"), "{stdout}");
}
